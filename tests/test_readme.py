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

from custom_components.clova_home.const import CONF_APPLIANCE_TYPES, DOMAIN

from .appliance_shapes import Maker, smartthings_laundry, thinq_air_purifier, thinq_laundry
from .conftest import SetupClova
from .test_air_purifier import smartthings_purifier
from .test_appliance_run import water_purifier
from .test_conformance import build_home
from .toolkit import discover

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


def korean_home(hass: HomeAssistant) -> tuple[list[str], dict[str, str]]:
    """What Korean homes add to the demo: SmartThings and LG ThinQ appliances, a camera.

    Returns the entities to expose and the types declared for some of them (the options'
    "Name, type and room" screen), for the appliances no entity can tell the type of.
    """
    shaped = [
        *(smartthings_laundry(hass, kind) for kind in ("washer", "dryer", "dishwasher")),
        styler := thinq_laundry(hass, "Styler"),
        rice_cooker := thinq_laundry(hass, "Rice cooker"),
        microwave := thinq_laundry(hass, "Microwave"),
        water := water_purifier(hass),
        smartthings_purifier(hass, "pm10", "pm25").shaped,
        thinq := thinq_air_purifier(hass),
    ]
    bidet = Maker(hass, "acme", "Bidet", "Acme", "B1")
    bidet.add("power", "switch.bidet", "off", name=None)
    bidet.add("filter", "sensor.bidet_filter_life", "35.5", name="Filter life", unit="%")
    shaped.append(bidet.shaped)
    # A camera that can be switched and stream (recorded into the media folder).
    hass.states.async_set(
        "camera.front_door", "idle", {"friendly_name": "Front door camera", "supported_features": 3}
    )
    exposed = [entity_id for device in shaped for entity_id in device.exposed]
    types = {
        styler["current_state"]: "clothescaremachine",
        rice_cooker["current_state"]: "ricecooker",
        microwave["current_state"]: "microwave",
        water["cock_state"]: "purifier",
        thinq["power"]: "airpurifier",
        "switch.bidet": "bidet",
        "cover.living_room_window": "smartbed",
    }
    return [*exposed, "camera.front_door"], types


async def test_readme_device_table_matches_the_code(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    extra, types = korean_home(hass)
    clova = await setup_clova(
        exposed=[*await build_home(hass), *extra], options={CONF_APPLIANCE_TYPES: types}
    )
    exposure = hass.config_entries.async_entries(DOMAIN)[0].runtime_data.exposure
    rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for appliance in (await discover(clova)).values():
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
