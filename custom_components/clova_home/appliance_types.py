"""Which Clova appliance type a Home Assistant entity is (before any user override).

A type is told only where it is certain; anything else is the user's choice in the options
(*Name, type and room*), which always wins:

- a fan with a PM2.5 or PM10 sensor of its device among its members is an AIRPURIFIER (the
  rule HomeKit follows too). Home Assistant has no fan device class, and neither a fan's
  name nor its translation key says for certain that it purifies the air, so nothing else
  makes a fan one;
- the sensors Home Assistant's SmartThings integration makes from a washer's, dryer's or
  dishwasher's operating state (``washer_job_state``, ``dryer_machine_state``...) say what
  their device is: the device's sensors, or its own power switch (the one without a
  translation key of its own), are that CLOTHESWASHER, CLOTHESDRYER or DISHWASHER. A device
  that reports two of them (a washer-dryer) is left to the user. Other integrations name
  their sensors alike for every appliance (LG ThinQ's ``current_state``), which tells
  nothing;
- a device made only of air or meter sensors is an AIRSENSOR or a SMARTMETER.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.climate import HVACMode
from homeassistant.components.humidifier import HumidifierDeviceClass
from homeassistant.components.media_player import MediaPlayerDeviceClass
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.components.switch import SwitchDeviceClass
from homeassistant.const import ATTR_DEVICE_CLASS, Platform
from homeassistant.helpers import entity_registry as er

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
# Sensor device classes that make a fan of their device an air purifier.
PURIFIER_SENSOR_CLASSES = frozenset({SensorDeviceClass.PM10, SensorDeviceClass.PM25})

# The integration whose sensors say what their device is, and those sensors' translation
# keys: it makes them only from that appliance's operating-state capability.
SMARTTHINGS = "smartthings"
TOLD_BY_SENSOR: Mapping[str, str] = {
    "washer_machine_state": "CLOTHESWASHER",
    "washer_job_state": "CLOTHESWASHER",
    "dryer_machine_state": "CLOTHESDRYER",
    "dryer_job_state": "CLOTHESDRYER",
    "dishwasher_machine_state": "DISHWASHER",
    "dishwasher_job_state": "DISHWASHER",
}

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


def told_type(
    domain: str, main: er.RegistryEntry | None, members: Iterable[er.RegistryEntry | None]
) -> str | None:
    """The type the integration of the appliance's sensors tells for certain, if any.

    ``domain`` and ``main``: the main entity's domain and registry entry; ``members``: the
    registry entries of all members. Only a sensor-only device, or one whose main entity
    is the device's own switch of that integration (no translation key, no category: the
    device itself, not one of its settings), is told.
    """
    told = {
        TOLD_BY_SENSOR.get(entry.translation_key or "")
        for entry in members
        if entry is not None and entry.domain == Platform.SENSOR and entry.platform == SMARTTHINGS
    } - {None}
    if len(told) != 1:
        return None
    if domain != Platform.SENSOR and not (
        domain == Platform.SWITCH
        and main is not None
        and main.platform == SMARTTHINGS
        and main.translation_key is None
        and main.entity_category is None
    ):
        return None
    return told.pop()


def detected_type(
    domain: str, attributes: Attributes, member_classes: set[Any], told: str | None = None
) -> str | None:
    """The type of an appliance whose main entity has ``domain`` and ``attributes``.

    ``member_classes``: the device classes of all members; ``told``: the type the
    members' integration tells (:func:`told_type`), which comes first. A device made of
    sensors is typed by its members' device classes; a fan with a dust sensor is an air
    purifier.
    """
    if told is not None:
        return told
    if domain == Platform.SENSOR:
        return sensor_group_type(member_classes)
    if domain == Platform.FAN and member_classes & PURIFIER_SENSOR_CLASSES:
        return "AIRPURIFIER"
    resolve = TYPE_BY_DOMAIN.get(domain)
    return resolve(attributes) if resolve is not None else None
