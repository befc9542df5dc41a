"""GetBatteryInfo: the main entity's battery level, else a battery sensor's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import ATTR_BATTERY_LEVEL
from homeassistant.core import State

from ..protocol.catalog import GET_BATTERY_INFO, ActionSpec
from ..protocol.errors import ValueNotFoundError
from ..protocol.numbers import finite
from .base import Capability, capability
from .readings import first_value, number, percentage, read_at

if TYPE_CHECKING:
    from ..appliance import Appliance

LOW_BATTERY = 20  # % at or below which a sensor's power state is "low battery"


def battery(appliance: Appliance) -> tuple[float, State | None] | None:
    """The battery level: the main entity's ``battery_level``, else a battery sensor's."""
    own = finite(appliance.attributes.get(ATTR_BATTERY_LEVEL))
    if appliance.state is not None and own is not None:
        return own, None
    if (found := first_value(appliance, SensorDeviceClass.BATTERY, percentage)) is None:
        return None
    state, value = found
    return value, state


# ``battery_level`` may be on an entity of any domain (domains: None). Older HA vacuums
# carry it; newer ones (2026.x) have a battery sensor.
@capability(GET_BATTERY_INFO, sensor_classes={SensorDeviceClass.BATTERY})
class Battery(Capability):
    """GetBatteryInfo: remaining battery in %."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return ATTR_BATTERY_LEVEL in appliance.attributes

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if (level := battery(self.appliance)) is None:
            raise ValueNotFoundError
        value, state = level
        answer: dict[str, Any] = {"batteryInfo": {"value": number(value)}}
        return answer | (read_at(state) if state is not None else {})
