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
from homeassistant.components.fan import ATTR_PERCENTAGE, DOMAIN as FAN
from homeassistant.components.humidifier import DOMAIN as HUMIDIFIER
from homeassistant.components.light import ATTR_BRIGHTNESS
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_BATTERY_LEVEL,
    ATTR_TEMPERATURE,
    PERCENTAGE,
    STATE_ON,
    STATE_UNKNOWN,
    Platform,
    UnitOfTemperature,
)
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

from ..protocol.catalog import GET_DEVICE_STATE, ActionSpec
from ..protocol.errors import ValueNotFoundError
from ..protocol.numbers import finite
from ..timestamps import timestamp
from .base import Capability, capability
from .power_state import power_word, powered
from .readings import (
    ATTR_CURRENT_HUMIDITY,
    TIMESTAMP,
    number,
    reading,
    sensor_celsius,
    unit,
)
from .words import WORDS, Spoken, word

if TYPE_CHECKING:
    pass

CELSIUS = "celsius"
HA_CELSIUS = UnitOfTemperature.CELSIUS
PERCENT = "percentage"
ATTR_TARGET_HUMIDITY = "humidity"  # a humidifier's target
# States of locks, covers and valves that are told as they are.
_STATE_WORDS = {
    "open": Spoken("열림", "開", "open"),
    "closed": Spoken("닫힘", "閉", "closed"),
    "opening": Spoken("여는 중", "開いています", "opening"),
    "closing": Spoken("닫는 중", "閉じています", "closing"),
    "locked": Spoken("잠김", "施錠", "locked"),
    "unlocked": Spoken("잠금 해제", "解錠", "unlocked"),
    "locking": Spoken("잠그는 중", "施錠中", "locking"),
    "unlocking": Spoken("잠금 해제 중", "解錠中", "unlocking"),
    "jammed": Spoken("걸림", "故障", "jammed"),
}
# A binary sensor's state.
OPEN, CLOSED, DETECTED, CLEAR = "open", "closed", "detected", "clear"
# Names of facts.
POWER_STATE = "power_state"
STATE = "state"
BRIGHTNESS = "brightness"
FAN_SPEED = "fan_speed"
TARGET_TEMPERATURE = "target_temperature"
CURRENT_TEMPERATURE = "current_temperature"
TARGET_HUMIDITY = "target_humidity"


# Every appliance has one (domains: None).
@capability(
    GET_DEVICE_STATE,
    words={
        **_STATE_WORDS,
        DETECTED: Spoken("감지됨", "検知", "detected"),
        CLEAR: Spoken("감지 안 됨", "未検知", "clear"),
        POWER_STATE: Spoken("전원", "電源", "power"),
        STATE: Spoken("상태", "状態", "state"),
        BRIGHTNESS: Spoken("밝기", "明るさ", "brightness"),
        FAN_SPEED: Spoken("풍량", "風量", "fan speed"),
        TARGET_TEMPERATURE: Spoken("희망 온도", "設定温度", "target temperature"),
        CURRENT_TEMPERATURE: Spoken("현재 온도", "現在の温度", "current temperature"),
        TARGET_HUMIDITY: Spoken("희망 습도", "設定湿度", "target humidity"),
        # sensor members, by device class (meters: see Consumption)
        SensorDeviceClass.TEMPERATURE: Spoken("온도", "温度", "temperature"),
        SensorDeviceClass.HUMIDITY: Spoken("습도", "湿度", "humidity"),
        SensorDeviceClass.PM10: Spoken("미세먼지", "PM10", "fine dust"),
        SensorDeviceClass.PM25: Spoken("초미세먼지", "PM2.5", "ultrafine dust"),
        SensorDeviceClass.AQI: Spoken("공기질 지수", "空気質指数", "air quality index"),
        SensorDeviceClass.CO2: Spoken("이산화탄소", "二酸化炭素", "carbon dioxide"),
        SensorDeviceClass.BATTERY: Spoken("배터리", "バッテリー", "battery"),
        SensorDeviceClass.POWER: Spoken("소비 전력", "消費電力", "power consumption"),
    },
)
class DeviceState(Capability):
    """GetDeviceState for every appliance whose type permits it."""

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
        if appliance.domain == Platform.BINARY_SENSOR:
            facts += self._binary_facts(appliance.state)
        elif appliance.domain != Platform.SENSOR:
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
            facts.append(self._fact(POWER_STATE, word(appliance.hass, power)))
        elif not powered(appliance) and state.state in _STATE_WORDS:
            facts.append(self._fact(STATE, word(appliance.hass, state.state)))
        on = state.state == STATE_ON
        if on and (brightness := finite(attributes.get(ATTR_BRIGHTNESS))) is not None:
            facts.append(self._fact(BRIGHTNESS, number(brightness * 100 / 255, 0), PERCENT))
        speed = finite(attributes.get(ATTR_PERCENTAGE)) if appliance.domain == FAN else None
        if on and speed is not None:
            facts.append(self._fact(FAN_SPEED, number(speed, 0), PERCENT))
        system_unit = appliance.hass.config.units.temperature_unit
        for key, attribute in (
            (TARGET_TEMPERATURE, ATTR_TEMPERATURE),
            (CURRENT_TEMPERATURE, ATTR_CURRENT_TEMPERATURE),
        ):
            if (value := finite(attributes.get(attribute))) is not None:
                celsius = TemperatureConverter.convert(value, system_unit, HA_CELSIUS)
                facts.append(self._fact(key, number(celsius), CELSIUS))
        humidities: list[tuple[str, str]] = [(SensorDeviceClass.HUMIDITY, ATTR_CURRENT_HUMIDITY)]
        if appliance.domain == HUMIDIFIER:
            humidities.append((TARGET_HUMIDITY, ATTR_TARGET_HUMIDITY))
        for key, attribute in humidities:
            if (value := finite(attributes.get(attribute))) is not None:
                facts.append(self._fact(key, number(value), PERCENT))
        return facts

    def _binary_facts(self, state: State) -> list[dict[str, Any]]:
        if state.state == STATE_UNKNOWN:
            return []
        on = state.state == STATE_ON
        if self.appliance.appliance_type == "OPENCLOSESENSOR":
            value = OPEN if on else CLOSED
        else:
            value = DETECTED if on else CLEAR
        return [self._fact(STATE, word(self.appliance.hass, value))]

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
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        appliance = self.appliance
        facts = self._main_facts()
        used = [appliance.state] if facts and appliance.state is not None else []
        for member in appliance.members:
            if member.domain != Platform.SENSOR or member.state is None:
                continue
            if (fact := self._sensor_fact(member.state)) is not None:
                facts.append(fact)
                used.append(member.state)
        if not facts:
            raise ValueNotFoundError
        newest = max(state.last_updated for state in used)
        return {"states": facts, TIMESTAMP: timestamp(newest)}
