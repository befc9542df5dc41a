"""Air queries from sensors: humidity, fine and ultrafine dust, and air quality."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, override

from homeassistant.components.climate import DOMAIN as CLIMATE
from homeassistant.components.humidifier import DOMAIN as HUMIDIFIER
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import Platform
from homeassistant.core import State

from ..protocol.catalog import (
    GET_AIR_QUALITY,
    GET_FINE_DUST,
    GET_HUMIDITY,
    GET_ULTRA_FINE_DUST,
    ActionSpec,
)
from ..protocol.errors import ValueNotFoundError
from ..protocol.numbers import finite
from .base import Capability, capability
from .readings import ATTR_CURRENT_HUMIDITY, first_value, number, percentage, read_at, unit

if TYPE_CHECKING:
    from ..appliance import Appliance

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

# Units spelled out rather than taken from Home Assistant: its constant for µg/m³ was the
# micro sign (U+00B5) up to 2026, then became UnitOfDensity with the Greek mu (U+03BC) and the
# old constants deprecated. Sensors report either spelling, depending on their age.
_MICROGRAMS = frozenset({None, "\u00b5g/m³", "\u03bcg/m³"})
_MILLIGRAMS = "mg/m³"


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
    if unit(state) == _MILLIGRAMS:
        return value * 1000
    return None


@capability(
    GET_HUMIDITY, domains={HUMIDIFIER, CLIMATE}, sensor_classes={SensorDeviceClass.HUMIDITY}
)
class Humidity(Capability):
    """GetHumidity: a humidifier's or climate's ``current_humidity``, else a humidity sensor."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return appliance.domain == HUMIDIFIER or ATTR_CURRENT_HUMIDITY in appliance.attributes

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        own = finite(self.attributes.get(ATTR_CURRENT_HUMIDITY))
        if self.appliance.domain != Platform.SENSOR and own is not None:
            return {"humidity": {"value": number(own)}}
        if (found := first_value(self.appliance, SensorDeviceClass.HUMIDITY, percentage)) is None:
            raise ValueNotFoundError
        state, value = found
        return {"humidity": {"value": number(value)}, **read_at(state)}


class _Dust(Capability):
    """A particulate matter sensor's concentration and its Korean grade.

    Declared for no domain: only a sensor member of ``device_class`` brings it.
    """

    device_class: ClassVar[str]
    field: ClassVar[str]
    bands: ClassVar[tuple[float, float, float]]

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if (found := first_value(self.appliance, self.device_class, micrograms)) is None:
            raise ValueNotFoundError
        state, value = found
        return {
            self.field: {"index": index(value, self.bands), "value": number(value)},
            **read_at(state),
        }


@capability(GET_FINE_DUST, domains=(), sensor_classes={SensorDeviceClass.PM10})
class FineDust(_Dust):
    """GetFineDust: PM10 in µg/m³."""

    device_class = SensorDeviceClass.PM10
    field = "fineDust"
    bands = PM10_BANDS


@capability(GET_ULTRA_FINE_DUST, domains=(), sensor_classes={SensorDeviceClass.PM25})
class UltraFineDust(_Dust):
    """GetUltraFineDust: PM2.5 in µg/m³."""

    device_class = SensorDeviceClass.PM25
    field = "ultraFineDust"
    bands = PM25_BANDS


@capability(
    GET_AIR_QUALITY,
    domains=(),
    sensor_classes={SensorDeviceClass.AQI, SensorDeviceClass.PM10, SensorDeviceClass.PM25},
)
class AirQuality(Capability):
    """GetAirQuality: an AQI sensor's grade, else the worse of the PM10 and PM2.5 grades."""

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
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
