"""Discovery of Home Assistant's demo home, kept as a snapshot.

Update after an intended change with ``pytest tests/test_snapshot.py --snapshot-update``
and read the diff: it shows exactly what Clova users will see differently.
"""

from __future__ import annotations

from typing import Any

from homeassistant.const import __version__ as ha_version
from homeassistant.core import HomeAssistant
from syrupy.assertion import SnapshotAssertion

from custom_components.clova_home.const import DOMAIN

from .conftest import SetupClova
from .test_conformance import build_home


async def test_discovery_of_the_demo_home(
    hass: HomeAssistant, setup_clova: SetupClova, snapshot: SnapshotAssertion
) -> None:
    clova = await setup_clova(exposed=await build_home(hass))
    answer = await clova.request("DiscoverAppliances")
    exposure = hass.config_entries.async_entries(DOMAIN)[0].runtime_data.exposure

    appliances: dict[str, dict[str, Any]] = {}
    for appliance in answer["payload"]["discoveredAppliances"]:
        # Registry ids are random per run: key the snapshot by the main entity instead.
        spec = exposure.spec(appliance["applianceId"])
        assert spec is not None
        stable = {**appliance, "applianceId": f"<id of {spec.entity_id}>"}
        if stable["version"] == ha_version:
            stable["version"] = "<Home Assistant version>"
        appliances[spec.entity_id] = stable
    assert appliances == snapshot
