"""The README's device table is generated from the code: this test keeps them equal.

Run with ``UPDATE_README=1`` to rewrite the table after a change in what is supported.
"""

from __future__ import annotations

from collections import defaultdict
import json
import os
from pathlib import Path

from homeassistant.const import MAJOR_VERSION, MINOR_VERSION
from homeassistant.core import HomeAssistant, split_entity_id

from custom_components.clova_home.const import DOMAIN

from .conftest import SetupClova
from .test_conformance import build_home

README = Path(__file__).parent.parent / "README.md"
START = "<!-- device-table:start -->"
END = "<!-- device-table:end -->"


def render(rows: dict[tuple[str, str], set[str]]) -> str:
    """The Markdown table: one row per (entity domain, Clova type)."""
    lines = [
        "| Home Assistant entity | Clova type | what Clova can ask (when the entity supports it) |",
        "|---|---|---|",
    ]
    for (domain, appliance_type), actions in sorted(rows.items()):
        lines.append(f"| {domain} | {appliance_type} | {', '.join(sorted(actions))} |")
    return "\n".join(lines)


async def test_readme_device_table_matches_the_code(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=await build_home(hass))
    answer = await clova.request("DiscoverAppliances")
    exposure = hass.config_entries.async_entries(DOMAIN)[0].runtime_data.exposure
    rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for appliance in answer["payload"]["discoveredAppliances"]:
        spec = exposure.spec(appliance["applianceId"])
        domain = split_entity_id(spec.entity_id)[0]
        if domain == "sensor":
            domain = "sensors of one device"
        rows[(domain, appliance["applianceTypes"][0])] |= set(appliance["actions"])
    table = render(rows)

    text = README.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    if os.environ.get("UPDATE_README"):
        README.write_text(f"{before}{START}\n{table}\n{END}{after}", encoding="utf-8")
    assert f"{START}\n{table}\n{END}" in README.read_text(encoding="utf-8"), (
        "README device table is out of date; run UPDATE_README=1 pytest tests/test_readme.py\n"
        + table
    )


def test_readme_compatibility_names_the_releases_tested() -> None:
    """The Compatibility section names hacs.json's minimum and the release the tests run on.

    That is 2025.4 natively and the newest release under ``scripts/test --latest``, so moving
    either pin without the README fails one of the two runs.
    """
    section = README.read_text(encoding="utf-8").partition("\n## Compatibility\n")[2]
    section = section.partition("\n## ")[0]
    hacs = json.loads((README.parent / "hacs.json").read_text(encoding="utf-8"))
    minimum = ".".join(hacs["homeassistant"].split(".")[:2])
    assert f"**{minimum}**" in section
    assert f"{MAJOR_VERSION}.{MINOR_VERSION}" in section
