"""GetDeviceState: a short list of facts about any appliance, in the Home Assistant language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest

from custom_components.clova_home.timestamps import timestamp

from .assertions import assert_request_fails, async_setup_demo, state_of
from .conftest import SetupClova
from .toolkit import Home, ask, discover, read_at, sensor, setup_typed


@pytest.fixture
def home(hass: HomeAssistant) -> Home:
    """An empty home of the ``acme`` integration."""
    return Home(hass)


PERIOD = {"start": "2018-03-28T00:00:00+09:00", "end": "2018-03-28T23:59:59+09:00"}


async def device_state(clova: Any, appliance_id: str) -> list[dict[str, Any]]:
    """The ``states`` of a GetDeviceState answer (sent with a period, which is ignored)."""
    answer = await ask(clova, "GetDeviceState", appliance_id, period=PERIOD)
    return list(answer["states"])


def fact(name: str, value: float | str, unit: str | None = None) -> dict[str, Any]:
    """A CustomInfoObject."""
    return {"name": name, "value": value} | ({"unit": unit} if unit else {})


# --- devices ---------------------------------------------------------------------------------


async def test_light(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.desk", "on", {"brightness": 128})
    clova = await setup_clova(exposed=["light.desk"])

    assert "GetDeviceState" in (await discover(clova))["light.desk"]["actions"]
    assert await ask(clova, "GetDeviceState", "light.desk") == {
        "states": [fact("power", "on"), fact("brightness", 50, "percentage")],
        "applianceResponseTimestamp": read_at(hass, "light.desk"),
    }
    # Brightness is told only while the light is on.
    hass.states.async_set("light.desk", "off", {"brightness": 128})
    assert await device_state(clova, "light.desk") == [fact("power", "off")]


async def test_fan(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("fan.ceiling", "on", {"percentage": 66.6, "supported_features": 1})
    clova = await setup_clova(exposed=["fan.ceiling"])

    assert await device_state(clova, "fan.ceiling") == [
        fact("power", "on"),
        fact("fan speed", 67, "percentage"),
    ]
    hass.states.async_set("fan.ceiling", "off", {"percentage": 66, "supported_features": 1})
    assert await device_state(clova, "fan.ceiling") == [fact("power", "off")]


CLIMATE = {
    "hvac_modes": [HVACMode.OFF, HVACMode.COOL],
    "temperature": 21.5,
    "current_temperature": 22.34,
    "current_humidity": 40,
    "supported_features": ClimateEntityFeature.TARGET_TEMPERATURE,
}


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["power", "target temperature", "current temperature", "humidity", "on"]),
        ("ko", ["전원", "희망 온도", "현재 온도", "습도", "켜짐"]),
        ("ja", ["電源", "設定温度", "現在の温度", "湿度", "オン"]),
    ],
)
async def test_climate_in_the_home_language(
    hass: HomeAssistant, setup_clova: SetupClova, language: str, names: list[str]
) -> None:
    hass.config.language = language
    hass.states.async_set("climate.aircon", HVACMode.COOL, CLIMATE)
    clova = await setup_clova(exposed=["climate.aircon"])

    assert await device_state(clova, "climate.aircon") == [
        fact(names[0], names[4]),
        fact(names[1], 21.5, "celsius"),
        fact(names[2], 22.3, "celsius"),
        fact(names[3], 40, "percentage"),
    ]


async def test_climate_in_fahrenheit(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.config.units = US_CUSTOMARY_SYSTEM
    attributes = {**CLIMATE, "temperature": 75.2, "current_temperature": 71.6}
    del attributes["current_humidity"]
    hass.states.async_set("climate.aircon", HVACMode.OFF, attributes)
    clova = await setup_clova(exposed=["climate.aircon"])

    assert await device_state(clova, "climate.aircon") == [
        fact("power", "off"),
        fact("target temperature", 24, "celsius"),
        fact("current temperature", 22, "celsius"),
    ]


async def test_humidifier(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("humidifier.bedroom", "on", {"current_humidity": 45.5, "humidity": 50})
    clova = await setup_clova(exposed=["humidifier.bedroom"])

    assert await device_state(clova, "humidifier.bedroom") == [
        fact("power", "on"),
        fact("humidity", 45.5, "percentage"),
        fact("target humidity", 50, "percentage"),
    ]


@pytest.mark.parametrize(
    ("state", "power"),
    [(VacuumActivity.CLEANING, "on"), (VacuumActivity.DOCKED, "charging")],
)
async def test_vacuum(hass: HomeAssistant, setup_clova: SetupClova, state: str, power: str) -> None:
    features = VacuumEntityFeature.START
    hass.states.async_set(
        "vacuum.robot", state, {"supported_features": features, "battery_level": 87}
    )
    clova = await setup_clova(exposed=["vacuum.robot"])

    assert await device_state(clova, "vacuum.robot") == [
        fact("power", power),
        fact("battery", 87, "percentage"),
    ]


@pytest.mark.parametrize(
    ("entity_id", "state", "value"),
    [
        ("lock.gate", "locked", "잠김"),
        ("lock.gate", "unlocked", "잠금 해제"),
        ("lock.gate", "jammed", "걸림"),
        ("cover.blind", "open", "열림"),
        ("cover.blind", "closing", "닫는 중"),
        ("valve.main", "closed", "닫힘"),
    ],
)
async def test_state_of_locks_covers_and_valves(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str, state: str, value: str
) -> None:
    hass.config.language = "ko"
    hass.states.async_set(entity_id, state, {"supported_features": 3})
    clova = await setup_clova(exposed=[entity_id])

    assert await device_state(clova, entity_id) == [fact("상태", value)]


@pytest.mark.parametrize(
    ("entity_id", "state"),
    [
        ("scene.movie", "2024-05-01T20:00:00+00:00"),  # a scene's state is its last use
        ("lock.gate", "unknown"),
        ("light.desk", "unknown"),
        ("binary_sensor.door", "unknown"),
    ],
)
async def test_nothing_to_tell(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str, state: str
) -> None:
    hass.states.async_set(entity_id, state, {"device_class": "door"})
    clova = await setup_clova(exposed=[entity_id])

    await assert_request_fails(clova, "GetDeviceState", entity_id, "ValueNotFoundError")


# --- binary sensors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device_class", "state", "value"),
    [
        ("door", "on", "open"),
        ("window", "off", "closed"),
        ("motion", "on", "detected"),
        ("occupancy", "off", "clear"),
        ("smoke", "on", "detected"),
        ("gas", "off", "clear"),
    ],
)
async def test_binary_sensor(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str, state: str, value: str
) -> None:
    hass.states.async_set("binary_sensor.sensor", state, {"device_class": device_class})
    clova = await setup_clova(exposed=["binary_sensor.sensor"])

    assert await ask(clova, "GetDeviceState", "binary_sensor.sensor") == {
        "states": [fact("state", value)],
        "applianceResponseTimestamp": read_at(hass, "binary_sensor.sensor"),
    }


async def test_binary_sensor_typed_as_open_close_sensor(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("binary_sensor.lid", "on", {"battery_level": 55})
    clova = await setup_typed(
        setup_clova, ["binary_sensor.lid"], {"binary_sensor.lid": "OPENCLOSESENSOR"}
    )

    assert await device_state(clova, "binary_sensor.lid") == [
        fact("state", "open"),
        fact("battery", 55, "percentage"),
    ]
    # Without a state, the battery is still worth telling.
    hass.states.async_set("binary_sensor.lid", "unknown", {"battery_level": 55})
    assert await device_state(clova, "binary_sensor.lid") == [fact("battery", 55, "percentage")]


# --- sensor members ------------------------------------------------------------------------


async def test_sensor_only_device(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    device = home.device("monitor")
    readings: list[tuple[str, str, dict[str, Any]]] = [
        ("sensor.a_temperature", "71.6", sensor("temperature", "°F", battery_level=80)),
        ("sensor.b_humidity", "40", sensor("humidity", "%")),
        ("sensor.c_pm25", "12", sensor("pm25", "µg/m³")),
        ("sensor.d_aqi", "42", sensor("aqi")),
        ("sensor.e_mode", "eco", sensor("enum", friendly_name="Mode")),
        ("sensor.f_signal", "-60", sensor("signal_strength", "dBm", friendly_name="Signal")),
        ("sensor.g_energy", "1.23456", sensor("energy", "kWh")),
        ("sensor.h_unknown", "unknown", sensor("co2", "ppm")),
        ("sensor.i_gone", "unavailable", sensor("pm10", "µg/m³")),
        ("sensor.j_temperature", "20", sensor("temperature", "parsecs")),
    ]
    for entity_id, value, attributes in readings:
        freezer.tick(timedelta(minutes=1))
        home.entity(entity_id, value, attributes, device=device)
    clova = await setup_clova(exposed=[entity_id for entity_id, _, _ in readings])

    answer = await ask(clova, "GetDeviceState", device)

    assert answer == {
        "states": [
            fact("battery", 80, "percentage"),  # the main sensor's battery_level
            fact("temperature", 22, "celsius"),
            fact("humidity", 40, "percentage"),
            fact("ultrafine dust (µg/m³)", 12),
            fact("air quality index", 42),
            fact("Mode", "eco"),
            fact("Signal (dBm)", -60),
            fact("electricity (kWh)", 1.235),
        ],
        # The newest of the readings told (the last two are not).
        "applianceResponseTimestamp": read_at(hass, "sensor.g_energy"),
    }


async def test_companion_sensors_follow_the_device_facts(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    hass.config.language = "ko"
    device = home.device("purifier")
    freezer.tick(timedelta(minutes=1))
    home.entity("sensor.purifier_pm25", "8", sensor("pm25", "µg/m³"), device=device)
    freezer.tick(timedelta(minutes=1))
    fan = home.entity("fan.purifier", "off", {"supported_features": 1}, device=device)
    clova = await setup_clova(exposed=["fan.purifier", "sensor.purifier_pm25"])

    assert await ask(clova, "GetDeviceState", fan) == {
        "states": [fact("전원", "꺼짐"), fact("초미세먼지 (µg/m³)", 8)],
        "applianceResponseTimestamp": read_at(hass, "fan.purifier"),
    }


async def test_all_sensors_without_value(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova
) -> None:
    device = home.device("monitor")
    home.entity("sensor.a_temperature", "unknown", sensor("temperature", "°C"), device=device)
    home.entity("sensor.b_humidity", "unavailable", sensor("humidity", "%"), device=device)
    clova = await setup_clova(exposed=["sensor.a_temperature", "sensor.b_humidity"])

    await assert_request_fails(clova, "GetDeviceState", device, "ValueNotFoundError")
    hass.states.async_set("sensor.a_temperature", "unavailable", sensor("temperature", "°C"))
    await assert_request_fails(clova, "GetDeviceState", device, "TargetOfflineError")


async def test_unavailable_main_sensor_is_left_out(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova
) -> None:
    device = home.device("monitor")
    home.entity("sensor.a_temperature", "unavailable", sensor("temperature", "°C"), device=device)
    home.entity("sensor.b_humidity", "41", sensor("humidity", "%"), device=device)
    clova = await setup_clova(exposed=["sensor.a_temperature", "sensor.b_humidity"])

    assert await ask(clova, "GetDeviceState", device) == {
        "states": [fact("humidity", 41, "percentage")],
        "applianceResponseTimestamp": read_at(hass, "sensor.b_humidity"),
    }


# --- the demo home -------------------------------------------------------------------------


async def test_demo_sensors(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.SENSOR, Platform.BINARY_SENSOR])
    registry = er.async_get(hass)
    outside = registry.async_get("sensor.outside_temperature")
    motion = registry.async_get("binary_sensor.movement_backyard")
    assert outside is not None
    assert outside.device_id is not None
    assert motion is not None
    # The outside temperature sensor is a device of its own with a battery: an attribute of
    # the sensor up to Home Assistant 2025, a sensor of the same device since 2026.
    batteries = [
        entry.entity_id
        for entry in er.async_entries_for_device(registry, outside.device_id)
        if entry.original_device_class == "battery"
    ]
    clova = await setup_clova(
        exposed=["sensor.outside_temperature", *batteries, "binary_sensor.movement_backyard"]
    )

    battery, temperature = fact("battery", 12, "percentage"), fact("temperature", 15.6, "celsius")
    # The main entity's own battery level comes first; sensor members follow the main sensor.
    states = [temperature, battery] if batteries else [battery, temperature]
    assert await ask(clova, "GetDeviceState", outside.device_id) == {
        "states": states,
        "applianceResponseTimestamp": read_at(hass, "sensor.outside_temperature"),
    }
    assert await device_state(clova, motion.id) == [fact("state", "detected")]
    state = state_of(hass, "binary_sensor.movement_backyard")
    answer = await ask(clova, "GetDeviceState", motion.id)
    assert answer["applianceResponseTimestamp"] == timestamp(state.last_updated)
