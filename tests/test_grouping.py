"""Appliances as groups: the sensors of one device answer together, with real registries."""

from __future__ import annotations

from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .assertions import assert_request_fails, async_setup_demo
from .conftest import SetupClova
from .helpers import ClovaClient
from .toolkit import ask, discover, read_at, setup_typed

AIR_QUERIES = ["GetAirQuality", "GetCurrentTemperature", "GetHumidity", "GetUltraFineDust"]


@pytest.fixture
def vendor(hass: HomeAssistant) -> MockConfigEntry:
    """The config entry of the integration that provides the devices."""
    entry = MockConfigEntry(domain="acme")
    entry.add_to_hass(hass)
    return entry


class Devices:
    """Devices and their entities in the real registries."""

    def __init__(
        self,
        hass: HomeAssistant,
        vendor: MockConfigEntry,
        device_registry: dr.DeviceRegistry,
        entity_registry: er.EntityRegistry,
    ) -> None:
        self.hass = hass
        self.vendor = vendor
        self.devices = device_registry
        self.entities = entity_registry

    def device(self, name: str) -> dr.DeviceEntry:
        """A new device."""
        return self.devices.async_get_or_create(
            config_entry_id=self.vendor.entry_id,
            identifiers={("acme", name)},
            manufacturer="Acme",
            model=name.title(),
            name=name.title(),
        )

    def add(
        self,
        entity_id: str,
        state: str,
        device: dr.DeviceEntry | None,
        device_class: str | None = None,
        unit: str | None = None,
    ) -> er.RegistryEntry:
        """Register an entity on ``device`` and set its state."""
        domain, object_id = entity_id.split(".")
        entry = self.entities.async_get_or_create(
            domain,
            "acme",
            entity_id,
            suggested_object_id=object_id,
            config_entry=self.vendor,
            device_id=device.id if device else None,
            original_device_class=device_class,
        )
        attributes: dict[str, Any] = {}
        if device_class:
            attributes["device_class"] = device_class
        if unit:
            attributes["unit_of_measurement"] = unit
        self.hass.states.async_set(entity_id, state, attributes)
        return entry


@pytest.fixture
def devices(
    hass: HomeAssistant,
    vendor: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> Devices:
    """A home to fill with devices."""
    return Devices(hass, vendor, device_registry, entity_registry)


def monitor(devices: Devices) -> tuple[dr.DeviceEntry, list[str]]:
    """An air monitor: temperature, humidity and PM2.5 sensors on one device."""
    device = devices.device("monitor")
    devices.add("sensor.monitor_temperature", "23.46", device, "temperature", "°C")
    devices.add("sensor.monitor_humidity", "48", device, "humidity", "%")
    devices.add("sensor.monitor_pm25", "40", device, "pm25", "µg/m³")
    return device, ["sensor.monitor_temperature", "sensor.monitor_humidity", "sensor.monitor_pm25"]


# --- a device made of sensors --------------------------------------------------------------


async def test_air_monitor_is_one_air_sensor(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device, sensors = monitor(devices)
    clova = await setup_clova(exposed=sensors)

    appliances = await discover(clova)

    assert list(appliances) == [device.id]
    appliance = appliances[device.id]
    assert appliance["applianceTypes"] == ["AIRSENSOR"]
    assert appliance["friendlyName"] == "Monitor"
    assert appliance["manufacturerName"] == "Acme"
    assert appliance["isReachable"] is True
    assert appliance["actions"] == sorted([*AIR_QUERIES, "GetDeviceState", "HealthCheck"])
    assert await ask(clova, "GetCurrentTemperature", device.id) == {
        "currentTemperature": {"value": 23.5},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_temperature"),
    }
    assert await ask(clova, "GetHumidity", device.id) == {
        "humidity": {"value": 48},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_humidity"),
    }
    assert await ask(clova, "GetUltraFineDust", device.id) == {
        "ultraFineDust": {"index": "bad", "value": 40},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_pm25"),
    }
    assert await ask(clova, "GetAirQuality", device.id) == {
        "airQuality": {"index": "bad"},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_pm25"),
    }
    # Sensors are no appliances of their own.
    for sensor_id in sensors:
        entry = devices.entities.async_get(sensor_id)
        assert entry is not None
        await assert_request_fails(clova, "GetHumidity", entry.id, "NoSuchTargetError")


async def test_unexposed_sensors_never_join(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device, _ = monitor(devices)
    clova = await setup_clova(exposed=["sensor.monitor_temperature"])

    appliance = (await discover(clova))[device.id]

    assert appliance["actions"] == ["GetCurrentTemperature", "GetDeviceState", "HealthCheck"]
    await assert_request_fails(clova, "GetHumidity", device.id, "UnsupportedOperationError")
    states = (await ask(clova, "GetDeviceState", device.id))["states"]
    assert states == [{"name": "temperature", "value": 23.5, "unit": "celsius"}]


async def test_one_unavailable_sensor_leaves_the_group_online(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device, sensors = monitor(devices)
    clova = await setup_clova(exposed=sensors)
    hass.states.async_set(
        "sensor.monitor_temperature",
        "unavailable",
        {"device_class": "temperature", "unit_of_measurement": "°C"},
    )

    appliance = (await discover(clova))[device.id]
    health = await clova.request("HealthCheck", device.id)

    assert appliance["isReachable"] is True
    # The registry still knows the sensor: the action stays, without a value for now.
    assert "GetCurrentTemperature" in appliance["actions"]
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}
    assert (await ask(clova, "GetHumidity", device.id))["humidity"] == {"value": 48}
    await assert_request_fails(clova, "GetCurrentTemperature", device.id, "ValueNotFoundError")


async def test_all_sensors_unavailable_is_offline(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device, sensors = monitor(devices)
    clova = await setup_clova(exposed=sensors)
    for sensor_id in sensors:
        hass.states.async_set(sensor_id, "unavailable", {})

    appliance = (await discover(clova))[device.id]
    health = await clova.request("HealthCheck", device.id)
    reachable = await clova.request("HealthCheck")

    assert appliance["isReachable"] is False
    assert appliance["applianceTypes"] == ["AIRSENSOR"]  # typed from the registry
    assert health["payload"] == {"isReachable": False, "isTurnOn": False}
    assert reachable["payload"] == {"reachableAppliances": []}
    for action in [*AIR_QUERIES, "GetDeviceState"]:
        await assert_request_fails(clova, action, device.id, "TargetOfflineError")


# --- a device with a main entity --------------------------------------------------------------


async def test_fan_with_dust_sensor_as_air_purifier(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device = devices.device("purifier")
    fan = devices.add("fan.purifier", "on", device)
    devices.add("sensor.purifier_pm25", "12", device, "pm25", "µg/m³")
    clova = await setup_typed(
        setup_clova, ["fan.purifier", "sensor.purifier_pm25"], {"fan.purifier": "AIRPURIFIER"}
    )

    appliances = await discover(clova)

    assert list(appliances) == [fan.id]
    appliance = appliances[fan.id]
    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert {"GetUltraFineDust", "GetAirQuality", "GetDeviceState"} <= set(appliance["actions"])
    assert "GetFineDust" not in appliance["actions"]  # no PM10 sensor
    assert await ask(clova, "GetUltraFineDust", fan.id) == {
        "ultraFineDust": {"index": "good", "value": 12},
        "applianceResponseTimestamp": read_at(hass, "sensor.purifier_pm25"),
    }
    assert (await ask(clova, "GetAirQuality", fan.id))["airQuality"] == {"index": "good"}


async def test_fan_with_dust_sensor_declared_a_fan_does_not_tell_dust(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    """Without the choice it would be an AIRPURIFIER (tests/test_air_purifier.py)."""
    device = devices.device("purifier")
    fan = devices.add("fan.purifier", "on", device)
    devices.add("sensor.purifier_pm25", "12", device, "pm25", "µg/m³")
    clova = await setup_typed(
        setup_clova, ["fan.purifier", "sensor.purifier_pm25"], {"fan.purifier": "fan"}
    )

    appliances = await discover(clova)

    # The sensor is still the fan's companion, but a FAN may not tell dust.
    assert list(appliances) == [fan.id]
    assert appliances[fan.id]["applianceTypes"] == ["FAN"]
    assert "GetUltraFineDust" not in appliances[fan.id]["actions"]
    await assert_request_fails(clova, "GetUltraFineDust", fan.id, "UnsupportedOperationError")


async def test_unexposed_companion_never_joins(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device = devices.device("purifier")
    fan = devices.add("fan.purifier", "on", device)
    devices.add("sensor.purifier_pm25", "12", device, "pm25", "µg/m³")
    clova = await setup_typed(setup_clova, ["fan.purifier"], {"fan.purifier": "AIRPURIFIER"})

    appliance = (await discover(clova))[fan.id]

    assert "GetUltraFineDust" not in appliance["actions"]
    await assert_request_fails(clova, "GetUltraFineDust", fan.id, "UnsupportedOperationError")


async def test_unavailable_companion_leaves_the_device_online(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device = devices.device("purifier")
    fan = devices.add("fan.purifier", "on", device)
    devices.add("sensor.purifier_pm25", "unavailable", device, "pm25", "µg/m³")
    clova = await setup_typed(
        setup_clova, ["fan.purifier", "sensor.purifier_pm25"], {"fan.purifier": "AIRPURIFIER"}
    )

    appliance = (await discover(clova))[fan.id]

    assert appliance["isReachable"] is True
    assert "GetUltraFineDust" in appliance["actions"]
    await assert_request_fails(clova, "GetUltraFineDust", fan.id, "ValueNotFoundError")
    # The main entity decides: an unavailable fan is offline, whatever its sensors say.
    hass.states.async_set("sensor.purifier_pm25", "12", {"device_class": "pm25"})
    hass.states.async_set("fan.purifier", "unavailable", {})
    await assert_request_fails(clova, "GetUltraFineDust", fan.id, "TargetOfflineError")


async def test_binary_sensors_are_appliances_of_their_own(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    device = devices.device("window")
    contact = devices.add("binary_sensor.window_contact", "on", device, "window")
    motion = devices.add("binary_sensor.window_motion", "off", device, "motion")
    devices.add("sensor.window_temperature", "19", device, "temperature", "°C")
    clova = await setup_clova(
        exposed=[
            "binary_sensor.window_contact",
            "binary_sensor.window_motion",
            "sensor.window_temperature",
        ]
    )

    appliances = await discover(clova)

    assert set(appliances) == {contact.id, motion.id, device.id}
    assert appliances[contact.id]["applianceTypes"] == ["OPENCLOSESENSOR"]
    assert appliances[motion.id]["applianceTypes"] == ["MOTIONSENSOR"]
    assert appliances[device.id]["applianceTypes"] == ["AIRSENSOR"]
    # The temperature sensor is no companion of the binary sensors.
    states = (await ask(clova, "GetDeviceState", contact.id))["states"]
    assert states == [{"name": "state", "value": "open"}]
    assert (await ask(clova, "GetCurrentTemperature", device.id))["currentTemperature"] == {
        "value": 19
    }


# --- the grouping follows the registries ------------------------------------------------------


async def test_moving_a_sensor_to_another_device_regroups(
    hass: HomeAssistant, devices: Devices, setup_clova: SetupClova
) -> None:
    purifier = devices.device("purifier")
    fan = devices.add("fan.purifier", "on", purifier)
    devices.add("sensor.purifier_pm25", "12", purifier, "pm25", "µg/m³")
    clova = await setup_typed(
        setup_clova, ["fan.purifier", "sensor.purifier_pm25"], {"fan.purifier": "AIRPURIFIER"}
    )
    before = await discover(clova)
    elsewhere = devices.device("monitor")

    devices.entities.async_update_entity("sensor.purifier_pm25", device_id=elsewhere.id)
    await hass.async_block_till_done()
    after = await discover(clova)

    assert list(before) == [fan.id]
    assert "GetUltraFineDust" in before[fan.id]["actions"]
    assert set(after) == {fan.id, elsewhere.id}
    assert "GetUltraFineDust" not in after[fan.id]["actions"]
    assert after[elsewhere.id]["applianceTypes"] == ["AIRSENSOR"]
    assert (await ask(clova, "GetUltraFineDust", elsewhere.id))["ultraFineDust"] == {
        "index": "good",
        "value": 12,
    }


async def test_demo_sensors_grouped_by_moving_one(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry, setup_clova: SetupClova
) -> None:
    """The demo's outside temperature and humidity are devices of their own, until joined."""
    await async_setup_demo(hass, [Platform.SENSOR])
    registry = er.async_get(hass)
    temperature = registry.async_get("sensor.outside_temperature")
    humidity = registry.async_get("sensor.outside_humidity")
    assert temperature is not None
    assert temperature.device_id is not None
    assert humidity is not None
    assert humidity.device_id is not None
    clova = await setup_clova(exposed=["sensor.outside_temperature", "sensor.outside_humidity"])
    before = await discover(clova)

    registry.async_update_entity("sensor.outside_humidity", device_id=temperature.device_id)
    await hass.async_block_till_done()
    after = await discover(clova)

    assert set(before) == {temperature.device_id, humidity.device_id}
    assert list(after) == [temperature.device_id]
    assert after[temperature.device_id]["actions"] == [
        "GetCurrentTemperature", "GetDeviceState", "GetHumidity", "HealthCheck",
    ]  # fmt: skip
    assert await ask(clova, "GetHumidity", temperature.device_id) == {
        "humidity": {"value": 54},
        "applianceResponseTimestamp": read_at(hass, "sensor.outside_humidity"),
    }
    assert (await ask(clova, "GetCurrentTemperature", temperature.device_id))[
        "currentTemperature"
    ] == {"value": 15.6}

    # A device registry change (a new name) reaches discovery too.
    device_registry.async_update_device(temperature.device_id, name_by_user="Garden")
    await hass.async_block_till_done()
    renamed = await discover(clova)
    assert renamed[temperature.device_id]["friendlyName"] == "Garden"


async def test_demo_binary_sensors(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A moisture sensor is no Clova appliance; the motion sensor is one of its own."""
    await async_setup_demo(hass, [Platform.BINARY_SENSOR])
    motion = er.async_get(hass).async_get("binary_sensor.movement_backyard")
    assert motion is not None
    clova: ClovaClient = await setup_clova(
        exposed=["binary_sensor.basement_floor_wet", "binary_sensor.movement_backyard"]
    )

    appliances = await discover(clova)

    assert list(appliances) == [motion.id]
    assert appliances[motion.id]["applianceTypes"] == ["MOTIONSENSOR"]
    states = (await ask(clova, "GetDeviceState", motion.id))["states"]
    assert states == [{"name": "state", "value": "detected"}]
