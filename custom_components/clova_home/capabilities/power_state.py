"""GetPowerState: free text such as on, off, charging or low battery, in the HA language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.vacuum import DOMAIN as VACUUM, VacuumActivity
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN, Platform

from ..protocol.catalog import GET_POWER_STATE, ActionSpec
from ..protocol.errors import ValueNotFoundError
from .base import Capability, capability, powered_domains
from .battery import LOW_BATTERY, battery
from .words import Spoken, word

if TYPE_CHECKING:
    from ..appliance import Appliance

_SENSORS = frozenset({Platform.SENSOR, Platform.BINARY_SENSOR})
ON = STATE_ON
OFF = STATE_OFF
CHARGING = "charging"
LOW = "low_battery"
ERROR = "error"


def powered(appliance: Appliance) -> bool:
    """Whether the appliance has a power notion that its capabilities tell (``is_on``).

    As declared (``@capability(powered=...)``): lights, switches, climates and the like,
    vacuums, scripts; not locks, covers, scenes or sensors.
    """
    return appliance.domain in powered_domains()


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
    if appliance.domain in _SENSORS:
        level = battery(appliance)
        return LOW if level is not None and level[0] <= LOW_BATTERY else ON
    if not powered(appliance):
        return None
    if appliance.domain == VACUUM and state in (VacuumActivity.DOCKED, VacuumActivity.ERROR):
        return CHARGING if state == VacuumActivity.DOCKED else ERROR
    known = [cap.is_on for cap in appliance.capabilities if cap.is_on is not None]
    if not known:
        return None
    return ON if any(known) else OFF


@capability(
    GET_POWER_STATE,
    words={
        ON: Spoken("켜짐", "オン", "on"),
        OFF: Spoken("꺼짐", "オフ", "off"),
        CHARGING: Spoken("충전 중", "充電中", "charging"),
        LOW: Spoken("배터리 부족", "電池残量低下", "low battery"),
        ERROR: Spoken("오류", "エラー", "error"),
    },
)
class PowerState(Capability):
    """GetPowerState: free text such as on, off, charging or low battery.

    Declared for any domain: whether it applies depends on the other capabilities
    (``powered``), which the index cannot see.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return appliance.domain in _SENSORS or powered(appliance)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if (key := power_word(self.appliance)) is None:
            raise ValueNotFoundError
        return {"powerState": {"value": word(self.appliance.hass, key)}}
