"""Queries answered from sensors: an appliance's sensor members and measuring attributes.

A sensor member is a ``sensor`` entity of the appliance (a companion of its main
entity, or one of a sensor-only device). An answer read from a member carries that
member's ``last_updated`` as ``applianceResponseTimestamp``. A member that is
unavailable, ``unknown``, not a number or in a unit that cannot be converted is
skipped; when nothing is left the answer is ValueNotFoundError.

Spoken free text (power states, GetDeviceState names) follows the Home Assistant
language: Korean, Japanese, else English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import math
from typing import TYPE_CHECKING, Any, ClassVar, override

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import (
    ATTR_BATTERY_LEVEL,
    ATTR_SUPPORTED_FEATURES,
    ATTR_UNIT_OF_MEASUREMENT,
    CONCENTRATION_MICROGRAMS_PER_CUBIC_METER,
    CONCENTRATION_MILLIGRAMS_PER_CUBIC_METER,
    PERCENTAGE,
    STATE_OFF,
    STATE_ON,
    STATE_UNKNOWN,
    UnitOfEnergy,
    UnitOfTemperature,
    UnitOfVolume,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.util.unit_conversion import (
    EnergyConverter,
    TemperatureConverter,
    VolumeConverter,
)

from ..protocol.errors import ValueNotFoundError
from ..timestamps import timestamp
from .base import Capability

if TYPE_CHECKING:
    from ..appliance import Appliance

SENSOR = "sensor"
BINARY_SENSOR = "binary_sensor"
TIMESTAMP = "applianceResponseTimestamp"

ATTR_CURRENT_HUMIDITY = "current_humidity"

# --- reading sensor members ------------------------------------------------------------

Convert = Callable[[State, float], float | None]


def reading(state: State) -> float | None:
    """A state's value as a finite number, or None."""
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def finite(value: Any) -> float | None:
    """An attribute's value as a finite number (booleans are not), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def number(value: float, digits: int = 1) -> float:
    """``value`` rounded for Clova; a whole number becomes an int."""
    rounded = round(value, digits)
    return int(rounded) if rounded.is_integer() else rounded


def sensor_states(appliance: Appliance, *device_classes: str) -> Iterator[State]:
    """The states of the reachable ``sensor`` members with one of these device classes."""
    for member in appliance.members:
        if (
            member.domain == SENSOR
            and member.state is not None
            and member.device_class in device_classes
        ):
            yield member.state


def has_sensor(appliance: Appliance, *device_classes: str) -> bool:
    """Whether the appliance has a ``sensor`` member (reachable or not) of these classes."""
    return any(
        member.domain == SENSOR and member.device_class in device_classes
        for member in appliance.members
    )


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


# --- words spoken to the user ----------------------------------------------------------

LANGUAGES = ("ko", "ja", "en")
WORDS: dict[str, tuple[str, str, str]] = {
    # power and binary states
    "on": ("켜짐", "オン", "on"),
    "off": ("꺼짐", "オフ", "off"),
    "charging": ("충전 중", "充電中", "charging"),
    "low_battery": ("배터리 부족", "電池残量低下", "low battery"),
    "error": ("오류", "エラー", "error"),
    "open": ("열림", "開", "open"),
    "closed": ("닫힘", "閉", "closed"),
    "detected": ("감지됨", "検知", "detected"),
    "clear": ("감지 안 됨", "未検知", "clear"),
    "opening": ("여는 중", "開いています", "opening"),
    "closing": ("닫는 중", "閉じています", "closing"),
    "locked": ("잠김", "施錠", "locked"),
    "unlocked": ("잠금 해제", "解錠", "unlocked"),
    "locking": ("잠그는 중", "施錠中", "locking"),
    "unlocking": ("잠금 해제 중", "解錠中", "unlocking"),
    "jammed": ("걸림", "故障", "jammed"),
    # names of facts
    "power_state": ("전원", "電源", "power"),
    "state": ("상태", "状態", "state"),
    "brightness": ("밝기", "明るさ", "brightness"),
    "fan_speed": ("풍량", "風量", "fan speed"),
    "target_temperature": ("희망 온도", "設定温度", "target temperature"),
    "current_temperature": ("현재 온도", "現在の温度", "current temperature"),
    "target_humidity": ("희망 습도", "設定湿度", "target humidity"),
    SensorDeviceClass.TEMPERATURE: ("온도", "温度", "temperature"),
    SensorDeviceClass.HUMIDITY: ("습도", "湿度", "humidity"),
    SensorDeviceClass.PM10: ("미세먼지", "PM10", "fine dust"),
    SensorDeviceClass.PM25: ("초미세먼지", "PM2.5", "ultrafine dust"),
    SensorDeviceClass.AQI: ("공기질 지수", "空気質指数", "air quality index"),
    SensorDeviceClass.CO2: ("이산화탄소", "二酸化炭素", "carbon dioxide"),
    SensorDeviceClass.BATTERY: ("배터리", "バッテリー", "battery"),
    SensorDeviceClass.POWER: ("소비 전력", "消費電力", "power consumption"),
    SensorDeviceClass.ENERGY: ("전기 사용량", "電気使用量", "electricity"),
    SensorDeviceClass.GAS: ("가스 사용량", "ガス使用量", "gas"),
    SensorDeviceClass.WATER: ("수도 사용량", "水道使用量", "water"),
}


def word(hass: HomeAssistant, key: str) -> str:
    """``key`` in the Home Assistant language (Korean, Japanese, else English)."""
    language = (hass.config.language or "").split("-")[0].lower()
    words = WORDS[key]
    return words[LANGUAGES.index(language)] if language in LANGUAGES else words[-1]


# --- air: humidity, dust, air quality --------------------------------------------------

INDEXES = ("good", "normal", "bad", "verybad")
# Korean Ministry of Environment (AirKorea) forecast grades in µg/m³: PM10 좋음 0-30,
# 보통 31-80, 나쁨 81-150, 매우나쁨 151+; PM2.5 (since the 27 March 2018 revision)
# 좋음 0-15, 보통 16-35, 나쁨 36-75, 매우나쁨 76+. Upper limits of good/normal/bad:
PM10_BANDS = (30.0, 80.0, 150.0)
PM25_BANDS = (15.0, 35.0, 75.0)
# US EPA AQI categories folded onto Clova's four words: Good (0-50) is good, Moderate
# (51-100) normal, Unhealthy for Sensitive Groups and Unhealthy (101-200) bad, Very
# Unhealthy and Hazardous (201+) verybad.
AQI_BANDS = (50.0, 100.0, 200.0)

_MICROGRAMS = frozenset(
    {None, CONCENTRATION_MICROGRAMS_PER_CUBIC_METER, "\u03bcg/m³"}  # micro sign or Greek mu
)


def index(value: float, bands: tuple[float, float, float]) -> str:
    """The Clova word for ``value`` on a scale with these good/normal/bad limits."""
    for limit, name in zip(bands, INDEXES, strict=False):
        if value <= limit:
            return name
    return INDEXES[-1]


def micrograms(state: State, value: float) -> float | None:
    """A dust concentration in µg/m³ (from µg/m³ or mg/m³)."""
    if unit(state) in _MICROGRAMS:
        return value
    if unit(state) == CONCENTRATION_MILLIGRAMS_PER_CUBIC_METER:
        return value * 1000
    return None


class Humidity(Capability):
    """GetHumidity: a humidifier's or climate's ``current_humidity``, else a humidity sensor."""

    actions = frozenset({"GetHumidity"})

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return (
            appliance.domain == "humidifier"
            or (appliance.domain == "climate" and ATTR_CURRENT_HUMIDITY in appliance.attributes)
            or has_sensor(appliance, SensorDeviceClass.HUMIDITY)
        )

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        own = finite(self.attributes.get(ATTR_CURRENT_HUMIDITY))
        if self.appliance.domain != SENSOR and own is not None:
            return {"humidity": {"value": number(own)}}
        if (found := first_value(self.appliance, SensorDeviceClass.HUMIDITY, percentage)) is None:
            raise ValueNotFoundError
        state, value = found
        return {"humidity": {"value": number(value)}, **read_at(state)}


class _Dust(Capability):
    """A particulate matter sensor's concentration and its Korean grade."""

    device_class: ClassVar[str]
    field: ClassVar[str]
    bands: ClassVar[tuple[float, float, float]]

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return has_sensor(appliance, cls.device_class)

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if (found := first_value(self.appliance, self.device_class, micrograms)) is None:
            raise ValueNotFoundError
        state, value = found
        return {
            self.field: {"index": index(value, self.bands), "value": number(value)},
            **read_at(state),
        }


class FineDust(_Dust):
    """GetFineDust: PM10 in µg/m³."""

    actions = frozenset({"GetFineDust"})
    device_class = SensorDeviceClass.PM10
    field = "fineDust"
    bands = PM10_BANDS


class UltraFineDust(_Dust):
    """GetUltraFineDust: PM2.5 in µg/m³."""

    actions = frozenset({"GetUltraFineDust"})
    device_class = SensorDeviceClass.PM25
    field = "ultraFineDust"
    bands = PM25_BANDS


class AirQuality(Capability):
    """GetAirQuality: an AQI sensor's grade, else the worse of the PM10 and PM2.5 grades."""

    actions = frozenset({"GetAirQuality"})

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return has_sensor(
            appliance, SensorDeviceClass.AQI, SensorDeviceClass.PM10, SensorDeviceClass.PM25
        )

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if (aqi := first_value(self.appliance, SensorDeviceClass.AQI)) is not None:
            state, value = aqi
            return {"airQuality": {"index": index(value, AQI_BANDS)}, **read_at(state)}
        grades = [
            (INDEXES.index(index(value, bands)), state)
            for device_class, bands in (
                (SensorDeviceClass.PM10, PM10_BANDS),
                (SensorDeviceClass.PM25, PM25_BANDS),
            )
            if (found := first_value(self.appliance, device_class, micrograms)) is not None
            for state, value in (found,)
        ]
        if not grades:
            raise ValueNotFoundError
        worst = max(grade for grade, _ in grades)
        return {
            "airQuality": {"index": INDEXES[worst]},
            **read_at(*(state for _, state in grades)),
        }


# --- battery and power -----------------------------------------------------------------

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


class Battery(Capability):
    """GetBatteryInfo: remaining battery in %."""

    actions = frozenset({"GetBatteryInfo"})

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        features = appliance.attributes.get(ATTR_SUPPORTED_FEATURES) or 0
        return (
            ATTR_BATTERY_LEVEL in appliance.attributes
            or (appliance.domain == "vacuum" and bool(features & VacuumEntityFeature.BATTERY))
            or has_sensor(appliance, SensorDeviceClass.BATTERY)
        )

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if (level := battery(self.appliance)) is None:
            raise ValueNotFoundError
        value, state = level
        answer: dict[str, Any] = {"batteryInfo": {"value": number(value)}}
        return answer | (read_at(state) if state is not None else {})


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

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return appliance.domain in POWERED_DOMAINS | {SENSOR, BINARY_SENSOR}

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if (key := power_word(self.appliance)) is None:
            raise ValueNotFoundError
        return {"powerState": {"value": word(self.appliance.hass, key)}}


# --- binary sensors ----------------------------------------------------------------------


class _BinarySensor(Capability):
    """A binary sensor's on/off state (and when it last changed)."""

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return appliance.domain == BINARY_SENSOR

    def _current(self) -> State:
        """The state when it is on or off, else ValueNotFoundError."""
        state = self.appliance.state
        if state is None or state.state not in (STATE_ON, STATE_OFF):
            raise ValueNotFoundError
        return state


class OpenState(_BinarySensor):
    """GetOpenState: a binary sensor that is on is OPENED, off is CLOSED."""

    actions = frozenset({"GetOpenState"})

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        opened = self._current().state == STATE_ON
        return {"openState": "OPENED" if opened else "CLOSED"}


class OpenCloseTime(_BinarySensor):
    """GetOpenTime / GetCloseTime: when the sensor became open / closed.

    Only the current state's ``last_changed`` is known (no history is kept): the
    opening time of a sensor that is open now, the closing time of one that is closed
    now. Asked for the other, the answer is ValueNotFoundError. After a restart,
    ``last_changed`` is when Home Assistant restored the state.
    """

    actions = frozenset({"GetOpenTime", "GetCloseTime"})

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        state = self._current()
        wanted = STATE_ON if action == "GetOpenTime" else STATE_OFF
        if state.state != wanted:
            raise ValueNotFoundError
        field = "openTimestamp" if wanted == STATE_ON else "closeTimestamp"
        return {field: timestamp(state.last_changed)}


class DetectedTime(_BinarySensor):
    """GetDetectedTime: when motion was last detected.

    While the sensor is on, the detection under way began at its ``last_changed``;
    once off, ``last_changed`` is when the last detection ended — the last moment
    something was detected. No history is kept. The value is ISO 8601 (the 2021
    table) inside ``{"value": ...}`` (the 2021 example, the only one).
    """

    actions = frozenset({"GetDetectedTime"})

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {"detectedTime": {"value": timestamp(self._current().last_changed)}}


# --- meters --------------------------------------------------------------------------------

# Meter device class -> what it measures, in the unit Clova is told.
METERS = (SensorDeviceClass.ENERGY, SensorDeviceClass.GAS, SensorDeviceClass.WATER)


def meter_reading(state: State, value: float) -> tuple[float, str] | None:
    """A meter's value in kWh (energy units) or m³ (volume units)."""
    from_unit = unit(state)
    if from_unit in EnergyConverter.VALID_UNITS:
        to_unit: str = UnitOfEnergy.KILO_WATT_HOUR
        return EnergyConverter.convert(value, from_unit, to_unit), to_unit
    if from_unit in VolumeConverter.VALID_UNITS:
        to_unit = UnitOfVolume.CUBIC_METERS
        return VolumeConverter.convert(value, from_unit, to_unit), to_unit
    return None


class Consumption(Capability):
    """GetConsumption: the readings of the energy, gas and water sensor members.

    One entry per kind (the first readable sensor of it), named in the HA language,
    in kWh or m³. The reading is the sensor's value — a meter total, or the period of
    a utility meter sensor; the request's ``period`` is ignored (no history is kept).
    """

    actions = frozenset({"GetConsumption"})

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return has_sensor(appliance, *METERS)

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        entries: list[dict[str, Any]] = []
        used: list[State] = []
        for device_class in METERS:
            for state in sensor_states(self.appliance, device_class):
                value = reading(state)
                if value is None or (meter := meter_reading(state, value)) is None:
                    continue
                entries.append(
                    {
                        "name": word(self.appliance.hass, device_class),
                        "value": number(meter[0], 3),
                        "unit": meter[1],
                    }
                )
                used.append(state)
                break
        if not entries:
            raise ValueNotFoundError
        return {"consumption": entries, **read_at(*used)}
