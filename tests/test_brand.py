"""The brand images: the files Home Assistant looks for, their sizes, and scripts/draw-brand.

Home Assistant 2026.3 and later serve a custom integration's own images from
custom_components/<domain>/brand/ (icon.png, icon@2x.png, logo.png, logo@2x.png and their
dark_ variants, each falling back to the others). The brands repository's image rules:
icons 256 x 256 (hDPI 512 x 512); logos with a shortest side of 128 to 256 pixels
(hDPI 256 to 512), landscape preferred; PNG, sRGB, transparency preferred.
"""

from __future__ import annotations

from pathlib import Path
import struct
import subprocess
import sys
import zlib

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "draw-brand"
BRAND = Path("custom_components/clova_home/brand")
DOCS = Path("docs/brand")

ICONS = {"icon.png": (256, 256), "icon@2x.png": (512, 512)}
LOGOS = ["logo.png", "dark_logo.png"]
HDPI_LOGOS = ["logo@2x.png", "dark_logo@2x.png"]
EVERY_IMAGE = sorted(
    [
        *(BRAND / name for name in [*ICONS, *LOGOS, *HDPI_LOGOS]),
        DOCS / "logo.png",
        DOCS / "dark_logo.png",
    ]
)
GREEN = (3, 199, 90)


class Png:
    """The parts of a PNG file these tests look at (8-bit RGBA, not interlaced)."""

    def __init__(self, data: bytes) -> None:
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
        self.chunks: list[bytes] = []
        idat = b""
        at = 8
        while at < len(data):
            (length,) = struct.unpack(">I", data[at : at + 4])
            kind = data[at + 4 : at + 8]
            body = data[at + 8 : at + 8 + length]
            (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
            assert crc == zlib.crc32(kind + body), f"bad CRC in {kind!r}"
            self.chunks.append(kind)
            if kind == b"IHDR":
                self.width, self.height, depth, colour, _, _, interlace = struct.unpack(
                    ">IIBBBBB", body
                )
                assert (depth, colour, interlace) == (8, 6, 0), "expected 8-bit RGBA"
            elif kind == b"IDAT":
                idat += body
            at += 12 + length
        assert self.chunks[0] == b"IHDR"
        assert self.chunks[-1] == b"IEND"
        assert b"sRGB" in self.chunks
        self.raw = zlib.decompress(idat)
        assert len(self.raw) == self.height * (1 + 4 * self.width)

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        """RGBA at (x, y); the writer uses filter type 0 (None) on every row."""
        row = y * (1 + 4 * self.width)
        assert self.raw[row] == 0, "only filter type 0 is decoded here"
        at = row + 1 + 4 * x
        r, g, b, a = self.raw[at : at + 4]
        return r, g, b, a


def _png(relative: Path) -> Png:
    path = ROOT / relative
    assert path.is_file(), f"{relative} is missing; run scripts/draw-brand"
    return Png(path.read_bytes())


@pytest.mark.parametrize(("name", "size"), ICONS.items())
def test_icon_sizes(name: str, size: tuple[int, int]) -> None:
    image = _png(BRAND / name)
    assert (image.width, image.height) == size


@pytest.mark.parametrize("name", LOGOS)
def test_logo_sizes(name: str) -> None:
    logo = _png(BRAND / name)
    hdpi = _png(BRAND / name.replace(".png", "@2x.png"))
    assert 128 <= min(logo.width, logo.height) <= 256
    assert 256 <= min(hdpi.width, hdpi.height) <= 512
    assert logo.width > logo.height, "a landscape logo is preferred"
    assert (hdpi.width, hdpi.height) == (2 * logo.width, 2 * logo.height)


def test_icon_content() -> None:
    """Transparent around the bubble, green bubble, white house (at 256 px)."""
    icon = _png(BRAND / "icon.png")
    assert icon.pixel(0, 0)[3] == 0
    assert icon.pixel(255, 255)[3] == 0
    assert icon.pixel(255, 0)[3] == 0
    assert icon.pixel(30, 100) == (*GREEN, 255)  # the bubble, left of the house
    assert icon.pixel(128, 164) == (255, 255, 255, 255)  # the floor of the house
    assert icon.pixel(128, 90)[:3] == GREEN  # inside the house outline
    assert icon.pixel(43, 248)[3] > 200  # the tail, near the bottom


def test_dark_logo_has_light_lettering() -> None:
    """Same shapes; the lettering is dark on logo.png and light on dark_logo.png."""
    light, dark = _png(BRAND / "logo.png"), _png(BRAND / "dark_logo.png")
    assert (light.width, light.height) == (dark.width, dark.height)
    lettering = [
        light.pixel(x, y)
        for y in range(light.height)
        for x in range(light.height, light.width, 3)
        if light.pixel(x, y)[3] == 255
    ]
    assert lettering, "no lettering beside the icon"
    assert max(sum(p[:3]) for p in lettering) < 3 * 80
    dark_lettering = [
        dark.pixel(x, y)
        for y in range(dark.height)
        for x in range(dark.height, dark.width, 3)
        if dark.pixel(x, y)[3] == 255
    ]
    assert len(dark_lettering) == len(lettering)
    assert min(sum(p[:3]) for p in dark_lettering) > 3 * 200


def test_readme_header_images_are_the_logos() -> None:
    for name in LOGOS:
        assert (ROOT / DOCS / name).read_bytes() == (ROOT / BRAND / name).read_bytes()


def test_brand_folder_has_only_known_images() -> None:
    """Home Assistant serves only these names (and falls back between them)."""
    known = {"icon.png", "icon@2x.png", "logo.png", "logo@2x.png"}
    known |= {f"dark_{name}" for name in known}
    found = {path.name for path in (ROOT / BRAND).iterdir()}
    assert found <= known, f"unexpected files in {BRAND}: {sorted(found - known)}"
    assert "icon.png" in found, "HACS requires at least brand/icon.png"


def test_draw_brand_reproduces_the_committed_images(tmp_path: Path) -> None:
    """scripts/draw-brand is deterministic: a fresh run gives the same bytes."""
    result = subprocess.run(  # noqa: S603 - this checkout's own script
        [sys.executable, str(SCRIPT), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.png"))
    assert written == EVERY_IMAGE
    for relative in written:
        assert (tmp_path / relative).read_bytes() == (ROOT / relative).read_bytes(), (
            f"{relative} differs from a fresh run of scripts/draw-brand; run it and commit"
        )
