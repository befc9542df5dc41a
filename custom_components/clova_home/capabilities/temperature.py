"""Target temperature of climate entities, and current temperature, in Celsius for Clova.

Home Assistant reports climate temperatures in the unit system's unit and a sensor's
in its own unit; Clova speaks Celsius with one decimal, so every value is converted.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.climate import (
    ATTR_CURRENT_TEMPERATURE,
    ATTR_MAX_TEMP,
    ATTR_MIN_TEMP,
    ATTR_TARGET_TEMP_HIGH,
    ATTR_TARGET_TEMP_LOW,
    DOMAIN as CLIMATE,
    ClimateEntityFeature,
    HVACMode,
)
from homeassistant.components.humidifier import DOMAIN as HUMIDIFIER
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.components.water_heater import DOMAIN as WATER_HEATER
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature
from homeassistant.util.unit_conversion import TemperatureConverter

from ..protocol.catalog import (
    DECREMENT_TARGET_TEMPERATURE,
    GET_CURRENT_TEMPERATURE,
    GET_TARGET_TEMPERATURE,
    INCREMENT_TARGET_TEMPERATURE,
    SET_TARGET_TEMPERATURE,
    ActionSpec,
)
from ..protocol.errors import (
    NotSupportedInCurrentModeError,
    ValueNotFoundError,
    ValueOutOfRangeError,
)
from ..protocol.numbers import finite
from .base import Capability, capability
from .readings import first_value, read_at, sensor_celsius

if TYPE_CHECKING:
    from ..appliance import Appliance

# Modes in which a climate device has no temperature to aim at.
_MODES_WITHOUT_TARGET = frozenset({HVACMode.FAN_ONLY, HVACMode.DRY})

CELSIUS = UnitOfTemperature.CELSIUS
# Domains whose state always carries ``current_temperature``.
_MEASURING_DOMAINS = frozenset({CLIMATE, WATER_HEATER})


def _value(celsius: float) -> dict[str, float]:
    return {"value": round(celsius, 1)}


class _ClimateTemperature(Capability):
    """Shared conversions between the HA unit and Celsius."""

    @property
    def _unit(self) -> str:
        return self.appliance.hass.config.units.temperature_unit

    def _exact_celsius(self, value: Any) -> float | None:
        if (number := finite(value)) is None:
            return None
        return TemperatureConverter.convert(number, self._unit, CELSIUS)

    def _to_celsius(self, value: Any) -> float | None:
        celsius = self._exact_celsius(value)
        return None if celsius is None else round(celsius, 1)

    def _from_celsius(self, celsius: float) -> float:
        return round(TemperatureConverter.convert(celsius, CELSIUS, self._unit), 2)


@capability(
    GET_TARGET_TEMPERATURE,
    SET_TARGET_TEMPERATURE,
    INCREMENT_TARGET_TEMPERATURE,
    DECREMENT_TARGET_TEMPERATURE,
    domains={CLIMATE},
    done={
        INCREMENT_TARGET_TEMPERATURE: "target temperature raised",
        DECREMENT_TARGET_TEMPERATURE: "target temperature lowered",
        SET_TARGET_TEMPERATURE: "target temperature set",
    },
)
class TargetTemperature(_ClimateTemperature):
    """Get, set, raise and lower the target temperature."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & ClimateEntityFeature.TARGET_TEMPERATURE)

    def _range(self) -> tuple[float, float] | None:
        """The entity's limits in Celsius, narrowed to whole tenths inside them.

        Rounding to the nearest tenth could widen the range (45 °F is 7.22 °C; 7.2 °C
        would be below it), so the minimum is rounded up and the maximum down.
        """
        low = self._exact_celsius(self.attributes.get(ATTR_MIN_TEMP))
        high = self._exact_celsius(self.attributes.get(ATTR_MAX_TEMP))
        if low is None or high is None:
            return None
        return math.ceil(round(low * 10, 6)) / 10, math.floor(round(high * 10, 6)) / 10

    @override
    def action_details(self) -> list[dict[str, Any]]:
        if (limits := self._range()) is None:
            return []
        return [
            {
                "action": SET_TARGET_TEMPERATURE.name,
                "allowableValue": {
                    "type": "boundedNumber",
                    "minValue": limits[0],
                    "maxValue": limits[1],
                },
            }
        ]

    def _current_target(self) -> float | None:
        return self._to_celsius(self.attributes.get(ATTR_TEMPERATURE))

    def _in_dual_setpoint_mode(self) -> bool:
        return self.attributes.get(ATTR_TEMPERATURE) is None and (
            self.attributes.get(ATTR_TARGET_TEMP_LOW) is not None
            or self.attributes.get(ATTR_TARGET_TEMP_HIGH) is not None
        )

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if action is GET_TARGET_TEMPERATURE:
            if self._in_dual_setpoint_mode():
                raise NotSupportedInCurrentModeError
            if (current := self._current_target()) is None:
                raise ValueNotFoundError
            return {"targetTemperature": _value(current)}

        if self.appliance.state_value in _MODES_WITHOUT_TARGET or self._in_dual_setpoint_mode():
            raise NotSupportedInCurrentModeError
        previous = self._current_target()
        if action is SET_TARGET_TEMPERATURE:
            target = float(payload["targetTemperature"]["value"])
        else:
            if previous is None:
                raise ValueNotFoundError
            delta = abs(float(payload["deltaTemperature"]["value"]))
            target = (
                previous + delta if action is INCREMENT_TARGET_TEMPERATURE else previous - delta
            )
        target = round(target, 1)
        if (limits := self._range()) is not None and not limits[0] <= target <= limits[1]:
            raise ValueOutOfRangeError(*limits)

        await self.async_call(
            CLIMATE, "set_temperature", {ATTR_TEMPERATURE: self._from_celsius(target)}
        )
        answer: dict[str, Any] = {"targetTemperature": _value(target)}
        if previous is not None:
            answer["previousState"] = {"targetTemperature": _value(previous)}
        return answer


def _measures(appliance: Appliance) -> bool:
    """Whether the main entity itself reports the temperature it measures."""
    return appliance.domain in _MEASURING_DOMAINS or (
        appliance.domain == HUMIDIFIER and ATTR_CURRENT_TEMPERATURE in appliance.attributes
    )


@capability(
    GET_CURRENT_TEMPERATURE,
    domains=_MEASURING_DOMAINS | {HUMIDIFIER},
    sensor_classes={SensorDeviceClass.TEMPERATURE},
)
class CurrentTemperature(_ClimateTemperature):
    """The measured temperature: the main entity's ``current_temperature``, else a sensor's.

    Climates and water heaters always report ``current_temperature`` (in the HA unit
    system); so does a humidifier whose integration adds it. A temperature sensor
    member is read in its own unit. Both are answered in Celsius, one decimal.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return _measures(appliance)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if _measures(self.appliance):
            current = self._to_celsius(self.attributes.get(ATTR_CURRENT_TEMPERATURE))
            if current is not None:
                return {"currentTemperature": _value(current)}
        found = first_value(
            self.appliance, SensorDeviceClass.TEMPERATURE, sensor_celsius(self.appliance.hass)
        )
        if found is None:
            raise ValueNotFoundError
        state, celsius = found
        return {"currentTemperature": _value(celsius), **read_at(state)}
