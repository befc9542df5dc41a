"""GetPowerState: free text such as on, off, charging or low battery, in the HA language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.vacuum import VacuumActivity
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN

from ..protocol.errors import ValueNotFoundError
from .base import Capability
from .battery import LOW_BATTERY, battery
from .readings import BINARY_SENSOR, SENSOR
from .words import word

if TYPE_CHECKING:
    from ..appliance import Appliance

# Domains with a power notion that the appliance's capabilities report (``is_on``).
POWERED_DOMAINS = frozenset(
    {
        "climate", "fan", "humidifier", "input_boolean", "light", "media_player", "script",
        "switch", "vacuum", "water_heater",
    }
)  # fmt: skip


def power_word(appliance: Appliance) -> str | None:
    """The key of the appliance's power state in :data:`WORDS`, None when not known.

    A reachable sensor is on (it reports), or low on battery; a docked vacuum is
    charging, a vacuum in error is in error; otherwise the capabilities that know
    whether the appliance is working decide on or off. Other domains (locks, covers,
    scenes) have no power state.
    """
    state = appliance.state_value
    if state in (None, STATE_UNKNOWN):
        return None
    if appliance.domain in (SENSOR, BINARY_SENSOR):
        level = battery(appliance)
        return "low_battery" if level is not None and level[0] <= LOW_BATTERY else STATE_ON
    if appliance.domain not in POWERED_DOMAINS:
        return None
    if appliance.domain == "vacuum" and state in (VacuumActivity.DOCKED, VacuumActivity.ERROR):
        return "charging" if state == VacuumActivity.DOCKED else "error"
    known = [cap.is_on for cap in appliance.capabilities if cap.is_on is not None]
    if not known:
        return None
    return STATE_ON if any(known) else STATE_OFF


class PowerState(Capability):
    """GetPowerState: free text such as on, off, charging or low battery."""

    actions = frozenset({"GetPowerState"})
    domains = POWERED_DOMAINS | {SENSOR, BINARY_SENSOR}

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return appliance.domain in cls.domains

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if (key := power_word(self.appliance)) is None:
            raise ValueNotFoundError
        return {"powerState": {"value": word(self.appliance.hass, key)}}
