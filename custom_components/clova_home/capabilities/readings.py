"""Reading an appliance's sensor members and measuring attributes.

A sensor member is a ``sensor`` entity of the appliance (a companion of its main
entity, or one of a sensor-only device). An answer read from a member carries that
member's ``last_updated`` as ``applianceResponseTimestamp``. A member that is
unavailable, ``unknown``, not a number or in a unit that cannot be converted is
skipped; when nothing is left the answer is ValueNotFoundError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import math
from typing import TYPE_CHECKING, Any

from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, PERCENTAGE, Platform, UnitOfTemperature
from homeassistant.core import HomeAssistant, State
from homeassistant.util.unit_conversion import TemperatureConverter

from ..timestamps import timestamp

if TYPE_CHECKING:
    from ..appliance import Appliance

TIMESTAMP = "applianceResponseTimestamp"

ATTR_CURRENT_HUMIDITY = "current_humidity"

Convert = Callable[[State, float], float | None]


def reading(state: State) -> float | None:
    """A state's value as a finite number, or None."""
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def number(value: float, digits: int = 1) -> float:
    """``value`` rounded for Clova; a whole number becomes an int."""
    rounded = round(value, digits)
    return int(rounded) if rounded.is_integer() else rounded


def sensor_states(appliance: Appliance, *device_classes: str) -> Iterator[State]:
    """The states of the reachable ``sensor`` members with one of these device classes."""
    for member in appliance.members:
        if (
            member.domain == Platform.SENSOR
            and member.state is not None
            and member.device_class in device_classes
        ):
            yield member.state


def has_sensor(appliance: Appliance, *device_classes: str) -> bool:
    """Whether the appliance has a ``sensor`` member (reachable or not) of these classes."""
    return not appliance.sensor_classes.isdisjoint(device_classes)


def unit(state: State) -> Any:
    """A state's unit of measurement."""
    return state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)


def as_is(state: State, value: float) -> float | None:
    """No conversion."""
    return value


def first_value(
    appliance: Appliance, device_class: str, convert: Convert = as_is
) -> tuple[State, float] | None:
    """The first member of ``device_class`` with a usable value, converted."""
    for state in sensor_states(appliance, device_class):
        value = reading(state)
        if value is not None and (converted := convert(state, value)) is not None:
            return state, converted
    return None


def read_at(*states: State) -> dict[str, str]:
    """``applianceResponseTimestamp`` of an answer read from these states (the newest)."""
    return {TIMESTAMP: timestamp(max(state.last_updated for state in states))}


def to_celsius(value: float, from_unit: Any) -> float | None:
    """A temperature in Celsius, None when the unit is not a temperature unit."""
    if from_unit not in TemperatureConverter.VALID_UNITS:
        return None
    return TemperatureConverter.convert(value, from_unit, UnitOfTemperature.CELSIUS)


def sensor_celsius(hass: HomeAssistant) -> Convert:
    """Conversion of a temperature sensor's value (no unit: the HA unit system's)."""

    def convert(state: State, value: float) -> float | None:
        return to_celsius(value, unit(state) or hass.config.units.temperature_unit)

    return convert


def percentage(state: State, value: float) -> float | None:
    """A percentage sensor's value (a sensor in another unit has none)."""
    return value if unit(state) in (None, PERCENTAGE) else None
