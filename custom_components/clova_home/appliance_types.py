"""Which Clova appliance type a Home Assistant entity is (before any user override)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.climate import HVACMode
from homeassistant.components.humidifier import HumidifierDeviceClass
from homeassistant.components.media_player import MediaPlayerDeviceClass
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.components.switch import SwitchDeviceClass
from homeassistant.const import ATTR_DEVICE_CLASS, Platform

Attributes = Mapping[str, Any]

# Sensor device classes that make a device an air monitor.
AIR_SENSOR_CLASSES = frozenset(
    {
        SensorDeviceClass.AQI,
        SensorDeviceClass.CO2,
        SensorDeviceClass.HUMIDITY,
        SensorDeviceClass.PM10,
        SensorDeviceClass.PM25,
        SensorDeviceClass.TEMPERATURE,
        SensorDeviceClass.VOLATILE_ORGANIC_COMPOUNDS,
    }
)
# Sensor device classes that make a device a meter.
METER_SENSOR_CLASSES = frozenset(
    {SensorDeviceClass.ENERGY, SensorDeviceClass.GAS, SensorDeviceClass.WATER}
)

OPEN_CLOSE_CLASSES = frozenset(
    {
        BinarySensorDeviceClass.DOOR,
        BinarySensorDeviceClass.GARAGE_DOOR,
        BinarySensorDeviceClass.OPENING,
        BinarySensorDeviceClass.WINDOW,
    }
)
MOTION_CLASSES = frozenset(
    {
        BinarySensorDeviceClass.MOTION,
        BinarySensorDeviceClass.OCCUPANCY,
        BinarySensorDeviceClass.PRESENCE,
    }
)
SMOKE_CLASSES = frozenset(
    {
        BinarySensorDeviceClass.CO,
        BinarySensorDeviceClass.GAS,
        BinarySensorDeviceClass.SMOKE,
    }
)


def _climate(attributes: Attributes) -> str | None:
    modes = attributes.get("hvac_modes") or ()
    if HVACMode.COOL in modes or HVACMode.HEAT_COOL in modes:
        return "AIRCONDITIONER"
    if HVACMode.HEAT in modes:
        return "HEATER"
    return "THERMOSTAT"


def _switch(attributes: Attributes) -> str | None:
    if attributes.get(ATTR_DEVICE_CLASS) == SwitchDeviceClass.OUTLET:
        return "SMARTPLUG"
    return "SWITCH"


def _humidifier(attributes: Attributes) -> str | None:
    if attributes.get(ATTR_DEVICE_CLASS) == HumidifierDeviceClass.DEHUMIDIFIER:
        return "DEHUMIDIFIER"
    return "HUMIDIFIER"


def _media_player(attributes: Attributes) -> str | None:
    if attributes.get(ATTR_DEVICE_CLASS) == MediaPlayerDeviceClass.TV:
        return "SMARTTV"
    return "SETTOPBOX"


def _binary_sensor(attributes: Attributes) -> str | None:
    device_class = attributes.get(ATTR_DEVICE_CLASS)
    if device_class in OPEN_CLOSE_CLASSES:
        return "OPENCLOSESENSOR"
    if device_class in MOTION_CLASSES:
        return "MOTIONSENSOR"
    if device_class in SMOKE_CLASSES:
        return "SMOKESENSOR"
    return None


def sensor_group_type(device_classes: set[Any]) -> str | None:
    """The type of an appliance made only of sensors with these device classes."""
    if device_classes & AIR_SENSOR_CLASSES:
        return "AIRSENSOR"
    if device_classes & METER_SENSOR_CLASSES:
        return "SMARTMETER"
    return None


def _constant(appliance_type: str) -> Callable[[Attributes], str | None]:
    return lambda _: appliance_type


# Entity domain -> the Clova type for an entity's attributes (None: not an appliance).
# Sensors are typed as a group (see sensor_group_type).
TYPE_BY_DOMAIN: dict[str, Callable[[Attributes], str | None]] = {
    "binary_sensor": _binary_sensor,
    "button": _constant("SWITCH"),
    "camera": _constant("HOMECAM"),
    "climate": _climate,
    "cover": _constant("SMARTCURTAIN"),
    "fan": _constant("FAN"),
    "humidifier": _humidifier,
    "input_boolean": _constant("SWITCH"),
    "input_button": _constant("SWITCH"),
    "light": _constant("LIGHT"),
    "lock": _constant("SMARTLOCK"),
    "media_player": _media_player,
    "scene": _constant("SWITCH"),
    "script": _constant("SWITCH"),
    "sensor": lambda attributes: sensor_group_type({attributes.get(ATTR_DEVICE_CLASS)}),
    "switch": _switch,
    "vacuum": _constant("ROBOTVACUUM"),
    "valve": _constant("SMARTVALVE"),
    "water_heater": _constant("WATERBOILER"),
}

SUPPORTED_DOMAINS = tuple(sorted(TYPE_BY_DOMAIN))


def detected_type(domain: str, attributes: Attributes, member_classes: set[Any]) -> str | None:
    """The type of an appliance whose main entity has ``domain`` and ``attributes``.

    A device made of sensors is typed by all of its members' device classes.
    """
    if domain == Platform.SENSOR:
        return sensor_group_type(member_classes)
    resolve = TYPE_BY_DOMAIN.get(domain)
    return resolve(attributes) if resolve is not None else None
