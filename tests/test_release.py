"""Release hygiene: CHANGELOG.md, scripts/release-notes, hacs.json and the release workflow.

docs/releasing.md describes the process these tests guard.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
import json
from pathlib import Path
import re
import subprocess
import sys
from typing import Any

from awesomeversion import AwesomeVersion
import pytest
import yaml

ROOT = Path(__file__).parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"
MANIFEST = ROOT / "custom_components" / "clova_home" / "manifest.json"
HACS_JSON = ROOT / "hacs.json"
RELEASE_NOTES = ROOT / "scripts" / "release-notes"
RELEASE_WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
VALIDATE_WORKFLOW = ROOT / ".github" / "workflows" / "validate.yml"
REPOSITORY = "https://github.com/clova-home-ha/clova_home"

# The hacs.json keys of HACS's publishing documentation, "General requirements" → hacs.json
# (https://hacs.xyz/docs/publish/start, source/docs/publish/start.md in hacs/documentation).
# HACS's own schema (HACS_MANIFEST_JSON_SCHEMA in hacs/integration's
# custom_components/hacs/utils/validate.py) also takes "render_readme", which the
# documentation no longer lists; it refuses any other key.
HACS_KEYS = {
    "name",
    "content_in_root",
    "zip_release",
    "filename",
    "hide_default_branch",
    "country",
    "homeassistant",
    "hacs",
    "persistent_directory",
}
HACS_SCHEMA_ONLY_KEYS = {"render_readme"}

# Keep a Changelog 1.1.0's types of changes.
CHANGE_TYPES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
RELEASED = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")


def _changelog() -> str:
    return CHANGELOG.read_text(encoding="utf-8")


def _headings(level: str) -> list[str]:
    return [line for line in _changelog().splitlines() if line.startswith(level + " ")]


def _released() -> list[tuple[str, date]]:
    """(version, date) of every released section, newest first."""
    versions = []
    for heading in _headings("##")[1:]:
        match = RELEASED.match(heading)
        assert match, f"not a well-formed version heading: {heading!r}"
        versions.append((match["version"], date.fromisoformat(match["date"])))
    return versions


def _section(version: str) -> str:
    """The text under a version's heading, up to the next one or the link list."""
    text = _changelog()
    start = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n", text, re.MULTILINE)
    assert start, f"no section [{version}]"
    rest = text[start.end() :]
    end = re.search(r"^(## |\[[^\]]+\]: )", rest, re.MULTILINE)
    return rest[: end.start() if end else len(rest)].strip("\n")


def _release_notes(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this checkout's own script
        [sys.executable, str(RELEASE_NOTES), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# --- CHANGELOG.md -----------------------------------------------------------------------------


def test_changelog_starts_with_unreleased() -> None:
    text = _changelog()
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text
    assert _headings("##")[0] == "## [Unreleased]"


def test_changelog_version_headings_are_well_formed() -> None:
    released = _released()
    assert released, "CHANGELOG.md has no released version"
    versions = [AwesomeVersion(version) for version, _ in released]
    assert versions == sorted(versions, reverse=True), "versions are not newest first"
    assert len(set(versions)) == len(versions), "a version appears twice"
    dates = [day for _, day in released]
    assert dates == sorted(dates, reverse=True), "dates are not newest first"
    assert dates[0] <= date.today(), "a release is dated in the future"


def test_changelog_subsections_are_change_types() -> None:
    for heading in _headings("###"):
        assert heading[4:] in CHANGE_TYPES, f"{heading!r} is not a Keep a Changelog type"
    for version, _ in _released():
        assert _section(version).strip(), f"the section [{version}] is empty"


def test_changelog_links() -> None:
    """Every heading has its link: Unreleased compares the newest tag with HEAD."""
    links = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", _changelog(), re.MULTILINE))
    released = [version for version, _ in _released()]
    assert links["Unreleased"] == f"{REPOSITORY}/compare/v{released[0]}...HEAD"
    for newer, older in pairwise(released):
        assert links[newer] == f"{REPOSITORY}/compare/v{older}...v{newer}"
    oldest = released[-1]
    assert links[oldest] in (
        f"{REPOSITORY}/releases/tag/v{oldest}",
        f"{REPOSITORY}/compare/v{oldest}",
    )
    assert set(links) == {"Unreleased", *released}, "a link without a heading, or the reverse"


def test_manifest_version_is_the_newest_release() -> None:
    newest, _ = _released()[0]
    assert _load(MANIFEST)["version"] == newest, (
        "manifest.json's version differs from the newest version in CHANGELOG.md"
    )


# --- scripts/release-notes --------------------------------------------------------------------


@pytest.mark.parametrize("argument", ["0.1.0", "v0.1.0"])
def test_release_notes_print_the_section(argument: str) -> None:
    result = _release_notes(argument)
    assert result.returncode == 0, result.stderr
    notes = result.stdout
    # The same words as the section; each wrapped paragraph or list item on one line.
    assert notes.split() == _section("0.1.0").split()
    assert "## [0.1.0]" not in notes
    assert "### Added" in notes
    assert "[Unreleased]:" not in notes, "the link list is not part of a section"
    assert "## [Unreleased]" not in notes
    items = [line for line in notes.splitlines() if line.startswith("- ")]
    assert items
    assert all(line.endswith((".", ":", "*")) for line in items), "a list item was cut"


def test_release_notes_of_the_newest_release() -> None:
    newest, _ = _released()[0]
    result = _release_notes(f"v{newest}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == _section(newest).split()


def test_release_notes_refuse_an_unknown_version() -> None:
    result = _release_notes("v99.0.0")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "99.0.0" in result.stderr


def test_release_notes_keep_code_blocks(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### Changed\n\n"
        "- A long item that the file\n  wraps onto a second line.\n\n"
        "  ```yaml\n  http:\n    use_x_forwarded_for: true\n  ```\n\n"
        "## [0.9.0] - 2025-12-01\n\n### Added\n\n- Older.\n\n"
        "[Unreleased]: https://example.invalid/compare/v1.0.0...HEAD\n",
        encoding="utf-8",
    )
    result = _release_notes("1.0.0", "--changelog", str(changelog))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "### Changed\n\n"
        "- A long item that the file wraps onto a second line.\n\n"
        "  ```yaml\n  http:\n    use_x_forwarded_for: true\n  ```\n"
    )


def test_release_notes_refuse_an_empty_section(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n")
    result = _release_notes("Unreleased", "--changelog", str(changelog))
    assert result.returncode == 1
    assert "empty" in result.stderr


# --- hacs.json and the workflows --------------------------------------------------------------


def test_hacs_json_keys_are_hacs_keys() -> None:
    keys = set(_load(HACS_JSON))
    assert keys <= HACS_KEYS | HACS_SCHEMA_ONLY_KEYS, (
        f"keys HACS does not accept: {sorted(keys - HACS_KEYS - HACS_SCHEMA_ONLY_KEYS)}"
    )
    assert "name" in keys


def _workflow(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_zip_release_matches_the_release_workflow() -> None:
    """hacs.json's release file is the zip that the release workflow attaches.

    HACS unpacks that zip into custom_components/<domain>/ (zip_release needs filename),
    so the zip is made inside the integration's folder, its files at the zip's root.
    """
    hacs = _load(HACS_JSON)
    assert hacs.get("zip_release") is True
    filename = hacs["filename"]
    assert filename.endswith(".zip")

    workflow = _workflow(RELEASE_WORKFLOW)
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert trigger == {"push": {"tags": ["v*"]}}
    steps = _steps(workflow)
    zipping = [step for step in steps if re.search(r"\bzip -r\b", step.get("run", ""))]
    assert len(zipping) == 1
    assert zipping[0].get("working-directory") == "custom_components/clova_home"
    assert f'"$GITHUB_WORKSPACE/{filename}" .' in zipping[0]["run"]

    releasing = [step for step in steps if "gh release create" in step.get("run", "")]
    assert len(releasing) == 1
    assert f" {filename} " in releasing[0]["run"]
    assert "--notes-file" in releasing[0]["run"]
    assert any('scripts/release-notes "$GITHUB_REF_NAME"' in step.get("run", "") for step in steps)


def test_validate_workflow_runs_hassfest_and_hacs() -> None:
    workflow = _workflow(VALIDATE_WORKFLOW)
    trigger = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request", "schedule"} <= set(trigger)
    uses = {step.get("uses"): step.get("with", {}) for step in _steps(workflow)}
    assert "home-assistant/actions/hassfest@master" in uses
    assert uses["hacs/action@main"] == {"category": "integration"}


def test_release_notes_script_is_executable() -> None:
    assert RELEASE_NOTES.stat().st_mode & 0o111, "scripts/release-notes must be executable"
