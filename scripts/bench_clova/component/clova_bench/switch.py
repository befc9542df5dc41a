"""N identical switches whose turn_on and turn_off do nothing (the no-op service handler)."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.typing import ConfigType, DiscoveryInfoType

SWITCHES = "clova_bench_switches"


async def async_setup_platform(
    hass: HomeAssistant,
    config: ConfigType,
    async_add_entities: AddEntitiesCallback,
    discovery_info: DiscoveryInfoType | None = None,
) -> None:
    """Add ``count`` switches: switch.bench_00000, switch.bench_00001, ..."""
    if discovery_info is None:
        return
    switches = [BenchSwitch(index) for index in range(int(discovery_info["count"]))]
    hass.data[SWITCHES] = switches  # for the churn view
    async_add_entities(switches)


class BenchSwitch(SwitchEntity):
    """Always off; turning it on or off changes nothing and writes no state."""

    _attr_should_poll = False
    _attr_is_on = False

    def __init__(self, index: int) -> None:
        self.entity_id = f"switch.bench_{index:05d}"
        self._attr_unique_id = f"bench_{index:05d}"
        self._attr_name = f"Bench {index:05d}"

    def churn(self, generation: int) -> None:
        """Write a new state: same on/off, one attribute changed (a sensor-like update).

        Home Assistant replaces the ``State`` and its attributes, as for any real change.
        """
        self._attr_extra_state_attributes = {"generation": generation}
        self.async_write_ha_state()

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Nothing: the bench measures the path to the handler, not the handler."""

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Nothing, as turn_on."""
