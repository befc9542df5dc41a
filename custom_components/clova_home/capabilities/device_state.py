"""GetDeviceState: a short list of facts about any appliance.

Each fact is a ``CustomInfoObject`` named in the Home Assistant language: the power
state (or a lock's, cover's or valve's state), a binary sensor's state, brightness
and fan speed in %, target and current temperature in Celsius, humidity in %, the
main entity's battery level, then the value of every sensor member. A sensor in a
unit Clova cannot name (it knows only ``celsius`` and ``percentage``) has its unit in
the name. Facts without a known value are left out; with none left the answer is
ValueNotFoundError. The request's ``period`` is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.climate import ATTR_CURRENT_TEMPERATURE
from homeassistant.components.fan import ATTR_PERCENTAGE
from homeassistant.components.light import ATTR_BRIGHTNESS
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_BATTERY_LEVEL,
    ATTR_TEMPERATURE,
    PERCENTAGE,
    STATE_ON,
    STATE_UNKNOWN,
    UnitOfTemperature,
)
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

from ..protocol.errors import ValueNotFoundError
from ..timestamps import timestamp
from .base import Capability
from .power_state import POWERED_DOMAINS, power_word
from .readings import (
    ATTR_CURRENT_HUMIDITY,
    BINARY_SENSOR,
    SENSOR,
    TIMESTAMP,
    finite,
    number,
    reading,
    sensor_celsius,
    unit,
)
from .words import WORDS, word

if TYPE_CHECKING:
    from ..appliance import Appliance

CELSIUS = "celsius"
HA_CELSIUS = UnitOfTemperature.CELSIUS
PERCENT = "percentage"
ATTR_TARGET_HUMIDITY = "humidity"  # a humidifier's target
# States of locks, covers and valves that are told as they are.
_STATE_WORDS = frozenset(
    {"open", "closed", "opening", "closing", "locked", "unlocked", "locking", "unlocking", "jammed"}
)


class DeviceState(Capability):
    """GetDeviceState for every appliance whose type permits it."""

    actions = frozenset({"GetDeviceState"})
    # Every appliance has one (domains: None).

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return True

    def _fact(self, key: str, value: float | str, unit_name: str | None = None) -> dict[str, Any]:
        fact: dict[str, Any] = {"name": word(self.appliance.hass, key), "value": value}
        if unit_name is not None:
            fact["unit"] = unit_name
        return fact

    def _main_facts(self) -> list[dict[str, Any]]:
        """Facts from the main entity's state and attributes."""
        appliance = self.appliance
        if appliance.state is None:
            return []
        facts: list[dict[str, Any]] = []
        if appliance.domain == BINARY_SENSOR:
            facts += self._binary_facts(appliance.state)
        elif appliance.domain != SENSOR:
            facts += self._control_facts(appliance.state)
        if (level := finite(self.attributes.get(ATTR_BATTERY_LEVEL))) is not None:
            facts.append(self._fact(SensorDeviceClass.BATTERY, number(level), PERCENT))
        return facts

    def _control_facts(self, state: State) -> list[dict[str, Any]]:
        """Power, brightness, fan speed, temperatures and humidity of a device."""
        appliance = self.appliance
        attributes = self.attributes
        facts: list[dict[str, Any]] = []
        if (power := power_word(appliance)) is not None:
            facts.append(self._fact("power_state", word(appliance.hass, power)))
        elif appliance.domain not in POWERED_DOMAINS and state.state in _STATE_WORDS:
            facts.append(self._fact("state", word(appliance.hass, state.state)))
        on = state.state == STATE_ON
        if on and (brightness := finite(attributes.get(ATTR_BRIGHTNESS))) is not None:
            facts.append(self._fact("brightness", number(brightness * 100 / 255, 0), PERCENT))
        speed = finite(attributes.get(ATTR_PERCENTAGE)) if appliance.domain == "fan" else None
        if on and speed is not None:
            facts.append(self._fact("fan_speed", number(speed, 0), PERCENT))
        system_unit = appliance.hass.config.units.temperature_unit
        for key, attribute in (
            ("target_temperature", ATTR_TEMPERATURE),
            ("current_temperature", ATTR_CURRENT_TEMPERATURE),
        ):
            if (value := finite(attributes.get(attribute))) is not None:
                celsius = TemperatureConverter.convert(value, system_unit, HA_CELSIUS)
                facts.append(self._fact(key, number(celsius), CELSIUS))
        humidities: list[tuple[str, str]] = [(SensorDeviceClass.HUMIDITY, ATTR_CURRENT_HUMIDITY)]
        if appliance.domain == "humidifier":
            humidities.append(("target_humidity", ATTR_TARGET_HUMIDITY))
        for key, attribute in humidities:
            if (value := finite(attributes.get(attribute))) is not None:
                facts.append(self._fact(key, number(value), PERCENT))
        return facts

    def _binary_facts(self, state: State) -> list[dict[str, Any]]:
        if state.state == STATE_UNKNOWN:
            return []
        on = state.state == STATE_ON
        if self.appliance.appliance_type == "OPENCLOSESENSOR":
            value = "open" if on else "closed"
        else:
            value = "detected" if on else "clear"
        return [self._fact("state", word(self.appliance.hass, value))]

    def _sensor_fact(self, state: State) -> dict[str, Any] | None:
        """The fact of one sensor member, None when it has no value."""
        device_class = state.attributes.get("device_class")
        value = reading(state)
        key = device_class if device_class in WORDS else None
        name = word(self.appliance.hass, key) if key is not None else state.name
        if value is None:
            if state.state == STATE_UNKNOWN:
                return None
            return {"name": name, "value": state.state}
        if device_class == SensorDeviceClass.TEMPERATURE:
            celsius = sensor_celsius(self.appliance.hass)(state, value)
            if celsius is None:
                return None
            return {"name": name, "value": number(celsius), "unit": CELSIUS}
        sensor_unit = unit(state)
        if sensor_unit == PERCENTAGE:
            return {"name": name, "value": number(value), "unit": PERCENT}
        if sensor_unit:
            name = f"{name} ({sensor_unit})"
        return {"name": name, "value": number(value, 3)}

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        appliance = self.appliance
        facts = self._main_facts()
        used = [appliance.state] if facts and appliance.state is not None else []
        for member in appliance.members:
            if member.domain != SENSOR or member.state is None:
                continue
            if (fact := self._sensor_fact(member.state)) is not None:
                facts.append(fact)
                used.append(member.state)
        if not facts:
            raise ValueNotFoundError
        newest = max(state.last_updated for state in used)
        return {"states": facts, TIMESTAMP: timestamp(newest)}
