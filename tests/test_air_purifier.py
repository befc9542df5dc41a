"""Air purifiers told without the user's choice: a fan with a dust sensor of its device.

Home Assistant has no fan device class, and no fan says for certain that it purifies the
air, except that its device measures dust: a fan whose members include a PM2.5 or PM10
sensor of its device is an AIRPURIFIER (as HomeKit makes it one). Its fan speed, modes,
air quality and dust are those of any purifier. Anything less certain leaves it a FAN,
and an air purifier that is a power switch with sensors (LG ThinQ's) is the user's to
declare.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.fan import FanEntityFeature
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.clova_home.const import CONF_APPLIANCE_TYPES

from .appliance_shapes import SMARTTHINGS, Maker, thinq_air_purifier
from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .toolkit import ask, discover, read_at

PURIFIER_ACTIONS = {
    "DecrementFanSpeed",
    "GetAirQuality",
    "GetDeviceState",
    "GetFineDust",
    "GetUltraFineDust",
    "HealthCheck",
    "IncrementFanSpeed",
    "SetFanSpeed",
    "SetMode",
    "TurnOff",
    "TurnOn",
}
# SmartThings' fan: switch, fanSpeed (3 speeds) and an air conditioner fan mode.
FAN_FEATURES = (
    FanEntityFeature.SET_SPEED
    | FanEntityFeature.PRESET_MODE
    | FanEntityFeature.TURN_ON
    | FanEntityFeature.TURN_OFF
)


def registry_id(hass: HomeAssistant, entity_id: str) -> str:
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    return entry.id


def smartthings_purifier(hass: HomeAssistant, *dust: str, name: str = "Air purifier") -> Maker:
    """A Samsung air purifier through SmartThings: the device's fan and its dust sensors.

    Entity ids are ``fan.<name>``, ``sensor.<name>_dust_level`` (PM10),
    ``sensor.<name>_fine_dust`` (PM2.5) and ``sensor.<name>_air_quality`` (CAQI).
    """
    slug = name.lower().replace(" ", "_")
    maker = Maker(hass, SMARTTHINGS, name, "Samsung Electronics", "AX60")
    maker.add(
        "fan",
        f"fan.{slug}",
        "on",
        name=None,
        extra={
            "percentage": 66,
            "percentage_step": 100 / 3,
            "preset_modes": ["auto", "sleep", "windFree"],
            "preset_mode": None,
            "supported_features": FAN_FEATURES,
        },
    )
    readings = {
        "pm10": ("dust_level", "Dust level", "45"),
        "pm25": ("fine_dust", "Fine dust", "12"),
    }
    for device_class in dust:
        role, name, value = readings[device_class]
        maker.add(
            role,
            f"sensor.{slug}_{role}",
            value,
            name=name,
            device_class=device_class,
            unit="µg/m³",
            state_class="measurement",
        )
    maker.add(
        "air_quality",
        f"sensor.{slug}_air_quality",
        "2",
        name="Air quality",
        translation_key="air_quality",
        unit="CAQI",
        state_class="measurement",
    )
    return maker


async def test_smartthings_purifier_is_one_without_a_choice(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    purifier = smartthings_purifier(hass, "pm10", "pm25")
    clova = await setup_clova(exposed=purifier.shaped.exposed)
    purifier_id = registry_id(hass, "fan.air_purifier")

    appliances = await discover(clova)

    assert list(appliances) == [purifier_id]
    appliance = appliances[purifier_id]
    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert set(appliance["actions"]) >= PURIFIER_ACTIONS
    # A purifier does not swing (Clova's AIRPURIFIER has no oscillation).
    assert not {"StartOscillation", "StopOscillation"} & set(appliance["actions"])
    modes = [
        d
        for d in appliance["additionalApplianceDetails"]["actionDetails"]
        if d["action"] == "SetMode"
    ]
    assert modes == [
        {"action": "SetMode", "allowableValue": {"type": "string", "enumValues": ["auto", "sleep"]}}
    ]
    assert await ask(clova, "GetFineDust", purifier_id) == {
        "fineDust": {"index": "normal", "value": 45},
        "applianceResponseTimestamp": read_at(hass, "sensor.air_purifier_dust_level"),
    }
    assert await ask(clova, "GetUltraFineDust", purifier_id) == {
        "ultraFineDust": {"index": "good", "value": 12},
        "applianceResponseTimestamp": read_at(hass, "sensor.air_purifier_fine_dust"),
    }
    assert (await ask(clova, "GetAirQuality", purifier_id))["airQuality"] == {"index": "normal"}
    await assert_request_calls_service(
        clova,
        "SetFanSpeed",
        purifier_id,
        "fan",
        "set_percentage",
        {"entity_id": "fan.air_purifier", "percentage": 33},
        payload={"fanSpeed": {"value": 1}},
    )
    await assert_request_calls_service(
        clova,
        "SetMode",
        purifier_id,
        "fan",
        "set_preset_mode",
        {"entity_id": "fan.air_purifier", "preset_mode": "sleep"},
        payload={"mode": {"value": "sleep"}},
    )
    await assert_request_calls_service(
        clova, "TurnOff", purifier_id, "fan", "turn_off", {"entity_id": "fan.air_purifier"}
    )


@pytest.mark.parametrize(
    ("dust", "has", "lacks"),
    [("pm10", "GetFineDust", "GetUltraFineDust"), ("pm25", "GetUltraFineDust", "GetFineDust")],
)
async def test_either_dust_sensor_makes_it_one(
    hass: HomeAssistant, setup_clova: SetupClova, dust: str, has: str, lacks: str
) -> None:
    purifier = smartthings_purifier(hass, dust)
    clova = await setup_clova(exposed=purifier.shaped.exposed)

    appliance = (await discover(clova))[registry_id(hass, "fan.air_purifier")]

    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert has in appliance["actions"]
    assert lacks not in appliance["actions"]


async def test_demo_fan_with_a_dust_sensor(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Home Assistant's demo fan, moved onto a device with a PM2.5 sensor: real services."""
    await async_setup_demo(hass, [Platform.FAN])
    registry = er.async_get(hass)
    fan = registry.async_get_entity_id("fan", "demo", "fan1")  # the living room fan
    assert fan is not None
    maker = Maker(hass, "acme", "Bedroom purifier", "Acme", "P1")
    registry.async_update_entity(fan, device_id=maker.device.id)
    maker.add("pm25", "sensor.bedroom_purifier_pm2_5", "40", name="PM2.5", device_class="pm25",
              unit="µg/m³")  # fmt: skip
    clova = await setup_clova(exposed=[fan, "sensor.bedroom_purifier_pm2_5"])
    fan_id = registry_id(hass, fan)

    appliance = (await discover(clova))[fan_id]
    await clova.request("TurnOn", fan_id)
    await hass.async_block_till_done()
    mode = await clova.request("SetMode", fan_id, mode={"value": "sleep"})
    await hass.async_block_till_done()

    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert set(appliance["actions"]) >= PURIFIER_ACTIONS - {"GetFineDust"}
    assert mode["payload"]["mode"] == {"value": "sleep"}
    assert state_of(hass, fan).attributes["preset_mode"] == "sleep"
    assert (await ask(clova, "GetUltraFineDust", fan_id))["ultraFineDust"] == {
        "index": "bad",
        "value": 40,
    }


async def test_what_leaves_a_fan_a_fan(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """No dust sensor, one not exposed or on another device, a name, the user's choice."""
    humid = Maker(hass, "acme", "Humid fan", "Acme", "F1")
    humid.add("fan", "fan.humid_fan", "on", name=None)
    humid.add("humidity", "sensor.humid_fan_humidity", "40", name="Humidity",
              device_class="humidity", unit="%")  # fmt: skip
    smartthings_purifier(hass, "pm25", name="Hidden purifier")
    named = Maker(hass, "acme", "Named fan", "Acme", "F2")
    named.add("fan", "fan.named_fan_air_purifier", "on", name="Air purifier",
              translation_key="air_purifier")  # fmt: skip
    elsewhere = Maker(hass, "acme", "Monitor", "Acme", "M1")
    elsewhere.add("pm25", "sensor.monitor_pm2_5", "9", name="PM2.5", device_class="pm25",
                  unit="µg/m³")  # fmt: skip
    smartthings_purifier(hass, "pm25", name="Declared purifier")
    clova = await setup_clova(
        exposed=[
            *humid.shaped.exposed,
            "fan.hidden_purifier",  # its dust sensor is not exposed
            "fan.named_fan_air_purifier",
            "sensor.monitor_pm2_5",
            "fan.declared_purifier",
            "sensor.declared_purifier_fine_dust",
        ],
        options={CONF_APPLIANCE_TYPES: {"fan.declared_purifier": "fan"}},
    )

    appliances = await discover(clova)

    for entity_id in (
        "fan.humid_fan",
        "fan.hidden_purifier",
        "fan.named_fan_air_purifier",
        "fan.declared_purifier",
    ):
        assert appliances[registry_id(hass, entity_id)]["applianceTypes"] == ["FAN"], entity_id
    assert appliances[elsewhere.device.id]["applianceTypes"] == ["AIRSENSOR"]


async def test_purifier_offline_or_without_a_reading(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    purifier = smartthings_purifier(hass, "pm25")
    clova = await setup_clova(exposed=purifier.shaped.exposed)
    purifier_id = registry_id(hass, "fan.air_purifier")
    dust: dict[str, Any] = dict(state_of(hass, "sensor.air_purifier_fine_dust").attributes)

    hass.states.async_set("sensor.air_purifier_fine_dust", "unavailable", dust)
    appliance = (await discover(clova))[purifier_id]
    # Still a purifier: the registry knows the sensor's device class.
    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    await assert_request_fails(clova, "GetUltraFineDust", purifier_id, "ValueNotFoundError")
    hass.states.async_set("sensor.air_purifier_fine_dust", "12", dust)
    hass.states.async_set("fan.air_purifier", "unavailable", {})
    await assert_request_fails(clova, "GetUltraFineDust", purifier_id, "TargetOfflineError")
    await assert_request_fails(clova, "TurnOn", purifier_id, "TargetOfflineError")


async def test_thinq_purifier_is_a_switch_until_declared(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """LG ThinQ's air purifier is a power switch with sensors: not certain, the user's type.

    (LG ThinQ's air conditioners have the same power switch and dust sensors.)
    """
    purifier = thinq_air_purifier(hass)
    switch_id = registry_id(hass, purifier["power"])
    clova = await setup_clova(exposed=purifier.exposed)
    assert (await discover(clova))[switch_id]["applianceTypes"] == ["SWITCH"]
    (entry,) = hass.config_entries.async_entries("clova_home")
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_APPLIANCE_TYPES: {purifier["power"]: "airpurifier"}}
    )
    await hass.async_block_till_done()

    appliance = (await discover(clova))[switch_id]

    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    actions = set(appliance["actions"])
    assert actions >= {
        "GetAirQuality", "GetDeviceState", "GetFineDust", "GetHumidity", "GetUltraFineDust",
        "HealthCheck", "TurnOff", "TurnOn",
    }  # fmt: skip
    # No fan speed or mode (ThinQ makes them select entities), no filter life for the type.
    assert not actions & {"SetFanSpeed", "SetMode", "GetExpendableState", "GetPhase"}
    assert (await ask(clova, "GetUltraFineDust", switch_id))["ultraFineDust"] == {
        "index": "normal",
        "value": 18,
    }
    assert (await ask(clova, "GetHumidity", switch_id))["humidity"] == {"value": 45}
    # Working: its switch is on (its enum sensors tell no phase: the type has none).
    assert (await clova.request("HealthCheck", switch_id))["payload"] == {
        "isReachable": True,
        "isTurnOn": True,
    }
    await assert_request_calls_service(
        clova, "TurnOff", switch_id, "switch", "turn_off", {"entity_id": purifier["power"]}
    )
    await assert_request_fails(clova, "GetExpendableState", switch_id, "UnsupportedOperationError")
