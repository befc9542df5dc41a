"""Discovery of Home Assistant's demo home, kept as a snapshot.

Update after an intended change with ``pytest tests/test_snapshot.py --snapshot-update``
and read the diff: it shows exactly what Clova users will see differently.
"""

from __future__ import annotations

from typing import Any

from homeassistant.const import MAJOR_VERSION, __version__ as ha_version
from homeassistant.core import HomeAssistant
import pytest
from syrupy.assertion import SnapshotAssertion

from custom_components.clova_home.const import DOMAIN

from .conftest import SetupClova
from .test_conformance import build_home

# The demo home differs between Home Assistant releases (entity ids, unique ids, entities):
# one snapshot per release the project is tested on, 2025.4 natively and the newest with
# ``scripts/test --latest`` (update that one with ``scripts/test --latest
# tests/test_snapshot.py --snapshot-update``).
RELEASES = (2025, 2026)


@pytest.mark.parametrize("release", RELEASES)
async def test_discovery_of_the_demo_home(
    hass: HomeAssistant, setup_clova: SetupClova, snapshot: SnapshotAssertion, release: int
) -> None:
    assert MAJOR_VERSION in RELEASES, f"no snapshot for Home Assistant {MAJOR_VERSION} yet"
    if release != MAJOR_VERSION:
        pytest.skip(f"the demo home of Home Assistant {release}")
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
