"""Queries answered from sensors: temperature, humidity, dust, air quality, battery,
open/close and motion sensors, power state and consumption."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any, cast

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest

from custom_components.clova_home.capabilities import power_state, words as word_table
from custom_components.clova_home.timestamps import timestamp

from .assertions import assert_request_fails, async_setup_demo, state_of
from .conftest import SetupClova
from .helpers import ClovaClient
from .toolkit import Home, ask, demo_vacuum, discover, read_at, sensor, setup_typed

# --- a home with devices ---------------------------------------------------------------------


@pytest.fixture
def home(hass: HomeAssistant) -> Home:
    """An empty home of the ``acme`` integration."""
    return Home(hass)


async def air_monitor(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory, **readings: Any
) -> tuple[ClovaClient, str]:
    """A sensor-only device with one sensor per reading, written a minute apart.

    ``readings``: device class -> (state, unit). Entity ids are ``sensor.monitor_<class>``.
    """
    device = home.device("monitor")
    exposed = []
    for device_class, (value, unit) in readings.items():
        freezer.tick(timedelta(minutes=1))
        entity_id = f"sensor.monitor_{device_class}"
        home.entity(entity_id, value, sensor(device_class, unit), device=device)
        exposed.append(entity_id)
    return await setup_clova(exposed=exposed), device


# --- GetCurrentTemperature ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "celsius"),
    [
        ("22.46", "°C", 22.5),
        ("22", "°C", 22),
        ("71.6", "°F", 22.0),
        ("295.15", "K", 22.0),
        ("-3.04", None, -3.0),  # no unit: the unit system's (metric)
    ],
)
async def test_current_temperature_from_a_sensor(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    value: str,
    unit: str | None,
    celsius: float,
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, humidity=("40", "%"), temperature=(value, unit)
    )

    answer = await ask(clova, "GetCurrentTemperature", device)

    # The main entity is the humidity sensor; the answer is the temperature sensor's.
    assert answer == {
        "currentTemperature": {"value": celsius},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_temperature"),
    }
    assert read_at(hass, "sensor.monitor_temperature") != read_at(hass, "sensor.monitor_humidity")


async def test_current_temperature_sensor_without_unit_in_fahrenheit(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    hass.config.units = US_CUSTOMARY_SYSTEM
    clova, device = await air_monitor(home, setup_clova, freezer, temperature=("77", None))

    answer = await ask(clova, "GetCurrentTemperature", device)

    assert answer["currentTemperature"] == {"value": 25.0}


@pytest.mark.parametrize(
    ("value", "unit"),
    [("unknown", "°C"), ("warm", "°C"), ("nan", "°C"), ("inf", "°C"), ("22", "degrees")],
)
async def test_current_temperature_not_found(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory, value: str, unit: str
) -> None:
    clova, device = await air_monitor(home, setup_clova, freezer, temperature=(value, unit))

    await assert_request_fails(clova, "GetCurrentTemperature", device, "ValueNotFoundError")


async def test_current_temperature_skips_a_sensor_without_value(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova
) -> None:
    device = home.device("monitor")
    home.entity("sensor.a_temperature", "unknown", sensor("temperature", "°C"), device=device)
    home.entity("sensor.b_temperature", "unavailable", sensor("temperature", "°C"), device=device)
    home.entity("sensor.c_temperature", "19.5", sensor("temperature", "°C"), device=device)
    clova = await setup_clova(exposed=["sensor.a_temperature", "sensor.b_temperature",
                                       "sensor.c_temperature"])  # fmt: skip

    answer = await ask(clova, "GetCurrentTemperature", device)

    assert answer == {
        "currentTemperature": {"value": 19.5},
        "applianceResponseTimestamp": read_at(hass, "sensor.c_temperature"),
    }


async def test_climate_answers_from_a_companion_sensor_when_it_measures_nothing(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    device = home.device("aircon")
    climate = home.entity("climate.aircon", "cool", {"hvac_modes": ["off", "cool"]}, device=device)
    freezer.tick(timedelta(minutes=5))
    home.entity("sensor.aircon_temperature", "24.4", sensor("temperature", "°C"), device=device)
    clova = await setup_clova(exposed=["climate.aircon", "sensor.aircon_temperature"])

    answer = await ask(clova, "GetCurrentTemperature", climate)
    assert answer == {
        "currentTemperature": {"value": 24.4},
        "applianceResponseTimestamp": read_at(hass, "sensor.aircon_temperature"),
    }

    # The climate's own reading comes first, with its own timestamp.
    hass.states.async_set(
        "climate.aircon", "cool", {"hvac_modes": ["off", "cool"], "current_temperature": 26}
    )
    answer = await ask(clova, "GetCurrentTemperature", climate)
    assert answer == {
        "currentTemperature": {"value": 26.0},
        "applianceResponseTimestamp": read_at(hass, "climate.aircon"),
    }


async def test_water_heater_current_temperature_where_its_type_permits_it(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    attributes = {"current_temperature": 131, "temperature": 140}
    hass.states.async_set("water_heater.boiler", "eco", attributes)
    hass.states.async_set("water_heater.kettle", "eco", attributes)
    hass.states.async_set("water_heater.empty", "eco", {"current_temperature": None})
    hass.config.units = US_CUSTOMARY_SYSTEM
    clova = await setup_typed(
        setup_clova,
        ["water_heater.boiler", "water_heater.kettle", "water_heater.empty"],
        {"water_heater.kettle": "ELECTRICKETTLE", "water_heater.empty": "ELECTRICKETTLE"},
    )

    appliances = await discover(clova)

    # A WATERBOILER may not answer GetCurrentTemperature; an ELECTRICKETTLE may.
    assert "GetCurrentTemperature" not in appliances["water_heater.boiler"]["actions"]
    assert "GetCurrentTemperature" in appliances["water_heater.kettle"]["actions"]
    answer = await ask(clova, "GetCurrentTemperature", "water_heater.kettle")
    assert answer["currentTemperature"] == {"value": 55.0}
    await assert_request_fails(
        clova, "GetCurrentTemperature", "water_heater.boiler", "UnsupportedOperationError"
    )
    await assert_request_fails(
        clova, "GetCurrentTemperature", "water_heater.empty", "ValueNotFoundError"
    )


async def test_humidifier_current_temperature(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova
) -> None:
    hass.states.async_set("humidifier.plain", "on", {"current_humidity": 40})
    hass.states.async_set(
        "humidifier.warm", "on", {"current_humidity": 40, "current_temperature": 21.26}
    )
    device = home.device("humidifier")
    with_sensor = home.entity("humidifier.with_sensor", "on", {}, device=device)
    home.entity("sensor.humidifier_temperature", "20", sensor("temperature", "°C"), device=device)
    clova = await setup_clova(
        exposed=[
            "humidifier.plain",
            "humidifier.warm",
            "humidifier.with_sensor",
            "sensor.humidifier_temperature",
        ]
    )

    appliances = await discover(clova)

    assert "GetCurrentTemperature" not in appliances["humidifier.plain"]["actions"]
    assert "GetCurrentTemperature" in appliances["humidifier.warm"]["actions"]
    assert "GetCurrentTemperature" in appliances[with_sensor]["actions"]
    answer = await ask(clova, "GetCurrentTemperature", "humidifier.warm")
    assert answer["currentTemperature"] == {"value": 21.3}
    answer = await ask(clova, "GetCurrentTemperature", with_sensor)
    assert answer["currentTemperature"] == {"value": 20}


# --- GetHumidity -------------------------------------------------------------------------------


async def test_humidity_from_a_sensor(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, aqi=("20", None), humidity=("54.25", "%")
    )

    answer = await ask(clova, "GetHumidity", device)

    assert answer == {
        "humidity": {"value": 54.2},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_humidity"),
    }


@pytest.mark.parametrize(("value", "unit"), [("unknown", "%"), ("wet", "%"), ("9", "g/m³")])
async def test_humidity_not_found(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory, value: str, unit: str
) -> None:
    clova, device = await air_monitor(home, setup_clova, freezer, humidity=(value, unit))

    await assert_request_fails(clova, "GetHumidity", device, "ValueNotFoundError")


async def test_humidifier_humidity(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("humidifier.bare", "on", {})
    hass.states.async_set("humidifier.odd", "on", {"current_humidity": True})
    device = home.device("humidifier")
    humidifier = home.entity(
        "humidifier.bedroom", "on", {"current_humidity": 45, "humidity": 50}, device=device
    )
    freezer.tick(timedelta(minutes=1))
    home.entity("sensor.bedroom_humidity", "47", sensor("humidity", "%"), device=device)
    clova = await setup_clova(
        exposed=["humidifier.bare", "humidifier.odd", "humidifier.bedroom",
                 "sensor.bedroom_humidity"]
    )  # fmt: skip

    # Its own reading first.
    assert await ask(clova, "GetHumidity", humidifier) == {
        "humidity": {"value": 45},
        "applianceResponseTimestamp": read_at(hass, "humidifier.bedroom"),
    }
    # Without one, its humidity sensor's.
    hass.states.async_set("humidifier.bedroom", "on", {"humidity": 50})
    assert await ask(clova, "GetHumidity", humidifier) == {
        "humidity": {"value": 47},
        "applianceResponseTimestamp": read_at(hass, "sensor.bedroom_humidity"),
    }
    # A humidifier always advertises it; without a reading it has no value.
    await assert_request_fails(clova, "GetHumidity", "humidifier.bare", "ValueNotFoundError")
    await assert_request_fails(clova, "GetHumidity", "humidifier.odd", "ValueNotFoundError")


async def test_climate_humidity_where_its_type_permits_it(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("climate.vent", "cool", {"current_humidity": 54.2})
    hass.states.async_set("climate.dry", "cool", {})
    hass.states.async_set("climate.aircon", "cool", {"hvac_modes": ["cool"], "current_humidity": 5})
    clova = await setup_typed(
        setup_clova,
        ["climate.vent", "climate.dry", "climate.aircon"],
        {"climate.vent": "VENTILATOR", "climate.dry": "VENTILATOR"},
    )

    appliances = await discover(clova)

    assert "GetHumidity" in appliances["climate.vent"]["actions"]
    assert "GetHumidity" not in appliances["climate.dry"]["actions"]  # measures none
    assert "GetHumidity" not in appliances["climate.aircon"]["actions"]  # not permitted
    assert (await ask(clova, "GetHumidity", "climate.vent"))["humidity"] == {"value": 54.2}


# --- GetFineDust / GetUltraFineDust ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "index"),
    [
        ("0", "good"),
        ("30", "good"),
        ("30.4", "normal"),
        ("80", "normal"),
        ("81", "bad"),
        ("150", "bad"),
        ("151", "verybad"),
        ("600", "verybad"),
    ],
)
async def test_fine_dust_bands(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    value: str,
    index: str,
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, pm10=(value, "µg/m³"), humidity=("40", "%")
    )

    answer = await ask(clova, "GetFineDust", device)

    assert answer == {
        "fineDust": {"index": index, "value": float(value)},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_pm10"),
    }


@pytest.mark.parametrize(
    ("value", "index"),
    [
        ("0", "good"),
        ("15", "good"),
        ("16", "normal"),
        ("35", "normal"),
        ("35.2", "bad"),
        ("75", "bad"),
        ("76", "verybad"),
    ],
)
async def test_ultra_fine_dust_bands(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    value: str,
    index: str,
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, pm25=(value, "µg/m³"), humidity=("40", "%")
    )

    answer = await ask(clova, "GetUltraFineDust", device)

    assert answer == {
        "ultraFineDust": {"index": index, "value": float(value)},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_pm25"),
    }


@pytest.mark.parametrize(
    ("value", "unit", "micrograms"),
    [
        ("44", "µg/m³", 44),  # Home Assistant's unit (micro sign)
        ("44", "\u03bcg/m³", 44),  # Greek mu
        ("44", None, 44),
        ("0.044", "mg/m³", 44),
        ("44.06", "µg/m³", 44.1),
    ],
)
async def test_dust_units(
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    value: str,
    unit: str | None,
    micrograms: float,
) -> None:
    clova, device = await air_monitor(home, setup_clova, freezer, pm25=(value, unit))

    answer = await ask(clova, "GetUltraFineDust", device)

    assert answer["ultraFineDust"] == {"index": "bad", "value": micrograms}


@pytest.mark.parametrize(
    ("action", "device_class"), [("GetFineDust", "pm10"), ("GetUltraFineDust", "pm25")]
)
@pytest.mark.parametrize(("value", "unit"), [("unknown", "µg/m³"), ("lots", None), ("5", "ppm")])
async def test_dust_not_found(
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    action: str,
    device_class: str,
    value: str,
    unit: str | None,
) -> None:
    clova, device = await air_monitor(home, setup_clova, freezer, **{device_class: (value, unit)})

    await assert_request_fails(clova, action, device, "ValueNotFoundError")


# --- GetAirQuality -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aqi", "index"),
    [
        ("0", "good"),
        ("50", "good"),
        ("51", "normal"),
        ("100", "normal"),
        ("101", "bad"),
        ("200", "bad"),
        ("201", "verybad"),
        ("500", "verybad"),
    ],
)
async def test_air_quality_from_an_aqi_sensor(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    aqi: str,
    index: str,
) -> None:
    # The AQI decides even when the dust sensors say otherwise.
    clova, device = await air_monitor(
        home, setup_clova, freezer, aqi=(aqi, None), pm10=("400", "µg/m³")
    )

    answer = await ask(clova, "GetAirQuality", device)

    assert answer == {
        "airQuality": {"index": index},
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_aqi"),
    }


@pytest.mark.parametrize(
    ("pm10", "pm25", "index"),
    [
        ("20", "40", "bad"),  # good, bad
        ("100", "10", "bad"),  # bad, good
        ("200", "80", "verybad"),
        ("10", "10", "good"),
        ("unknown", "20", "normal"),  # only PM2.5 readable
        ("90", "unknown", "bad"),  # only PM10 readable
    ],
)
async def test_air_quality_is_the_worse_dust_grade(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    pm10: str,
    pm25: str,
    index: str,
) -> None:
    clova, device = await air_monitor(
        home,
        setup_clova,
        freezer,
        aqi=("unknown", None),  # an AQI sensor without a value is passed over
        pm25=(pm25, "µg/m³"),
        pm10=(pm10, "µg/m³"),  # written last: the newest reading
    )
    read = [
        state_of(hass, entity_id)
        for entity_id in ("sensor.monitor_pm10", "sensor.monitor_pm25")
        if state_of(hass, entity_id).state != "unknown"
    ]

    answer = await ask(clova, "GetAirQuality", device)

    assert answer == {
        "airQuality": {"index": index},
        "applianceResponseTimestamp": timestamp(max(state.last_updated for state in read)),
    }


async def test_air_quality_not_found(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, aqi=("bad", None), pm10=("unknown", "µg/m³")
    )

    await assert_request_fails(clova, "GetAirQuality", device, "ValueNotFoundError")


async def test_air_actions_follow_the_sensors(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, temperature=("20", "°C"), co2=("600", "ppm")
    )

    appliance = (await discover(clova))[device]

    assert appliance["applianceTypes"] == ["AIRSENSOR"]
    assert appliance["actions"] == ["GetCurrentTemperature", "GetDeviceState", "HealthCheck"]


# --- GetBatteryInfo ----------------------------------------------------------------------------

# A vacuum state as older HA reports it: ``battery_level`` (2026.x dropped the BATTERY flag).
VACUUM_FEATURES = VacuumEntityFeature.START


async def test_vacuum_battery(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(
        "vacuum.robot",
        VacuumActivity.DOCKED,
        {"supported_features": VACUUM_FEATURES, "battery_level": 87},
    )
    hass.states.async_set(
        "vacuum.unsure",
        VacuumActivity.DOCKED,
        {"supported_features": VACUUM_FEATURES, "battery_level": None},
    )
    hass.states.async_set(
        "vacuum.cordless", VacuumActivity.DOCKED, {"supported_features": VacuumEntityFeature.START}
    )
    clova = await setup_clova(exposed=["vacuum.robot", "vacuum.unsure", "vacuum.cordless"])

    appliances = await discover(clova)

    assert await ask(clova, "GetBatteryInfo", "vacuum.robot") == {
        "batteryInfo": {"value": 87},
        "applianceResponseTimestamp": read_at(hass, "vacuum.robot"),
    }
    await assert_request_fails(clova, "GetBatteryInfo", "vacuum.unsure", "ValueNotFoundError")
    assert "GetBatteryInfo" in appliances["vacuum.unsure"]["actions"]
    assert "GetBatteryInfo" not in appliances["vacuum.cordless"]["actions"]


async def test_vacuum_battery_from_a_companion_sensor(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    device = home.device("robot")
    robot = home.entity(
        "vacuum.robot", "cleaning", {"supported_features": VacuumEntityFeature.START}, device=device
    )
    freezer.tick(timedelta(minutes=1))
    home.entity("sensor.robot_battery", "64.5", sensor("battery", "%"), device=device)
    home.entity("sensor.robot_voltage", "3.1", sensor("battery", "V"), device=device)
    clova = await setup_clova(
        exposed=["vacuum.robot", "sensor.robot_battery", "sensor.robot_voltage"]
    )

    assert await ask(clova, "GetBatteryInfo", robot) == {
        "batteryInfo": {"value": 64.5},
        "applianceResponseTimestamp": read_at(hass, "sensor.robot_battery"),
    }
    # Without it, the battery sensor in volts is no battery level.
    hass.states.async_set("sensor.robot_battery", "unknown", sensor("battery", "%"))
    await assert_request_fails(clova, "GetBatteryInfo", robot, "ValueNotFoundError")


async def test_demo_vacuum_battery(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.VACUUM])
    entity_id, appliance_id = demo_vacuum(hass, "0_ground_floor")
    clova = await setup_clova(exposed=[entity_id])

    if "battery_level" in state_of(hass, entity_id).attributes:  # up to Home Assistant 2025
        answer = await ask(clova, "GetBatteryInfo", appliance_id)
        assert answer["batteryInfo"] == {"value": 100}
    else:  # 2026 dropped the attribute, and the demo vacuum has no battery sensor
        assert "GetBatteryInfo" not in (await discover(clova))[appliance_id]["actions"]
        await assert_request_fails(
            clova, "GetBatteryInfo", appliance_id, "UnsupportedOperationError"
        )


# --- open/close and motion sensors -------------------------------------------------------------


async def test_door_sensor(
    hass: HomeAssistant, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("binary_sensor.door", "on", {"device_class": "door"})
    opened_at = timestamp(state_of(hass, "binary_sensor.door").last_changed)
    freezer.tick(timedelta(minutes=3))
    # A new attribute updates the state, but the door did not move.
    hass.states.async_set("binary_sensor.door", "on", {"device_class": "door", "rssi": -60})
    clova = await setup_clova(exposed=["binary_sensor.door"])

    appliance = (await discover(clova))["binary_sensor.door"]
    assert appliance["applianceTypes"] == ["OPENCLOSESENSOR"]
    assert appliance["actions"] == [
        "GetCloseTime", "GetDeviceState", "GetOpenState", "GetOpenTime", "HealthCheck",
    ]  # fmt: skip

    assert await ask(clova, "GetOpenState", "binary_sensor.door") == {
        "openState": "OPENED",
        "applianceResponseTimestamp": read_at(hass, "binary_sensor.door"),
    }
    assert await ask(clova, "GetOpenTime", "binary_sensor.door") == {
        "openTimestamp": opened_at,
        "applianceResponseTimestamp": read_at(hass, "binary_sensor.door"),
    }
    assert opened_at != read_at(hass, "binary_sensor.door")
    # Open now: when it last closed is history, which is not kept.
    await assert_request_fails(clova, "GetCloseTime", "binary_sensor.door", "ValueNotFoundError")

    freezer.tick(timedelta(minutes=3))
    hass.states.async_set("binary_sensor.door", "off", {"device_class": "door"})
    closed_at = timestamp(state_of(hass, "binary_sensor.door").last_changed)
    assert (await ask(clova, "GetOpenState", "binary_sensor.door"))["openState"] == "CLOSED"
    assert (await ask(clova, "GetCloseTime", "binary_sensor.door"))["closeTimestamp"] == closed_at
    await assert_request_fails(clova, "GetOpenTime", "binary_sensor.door", "ValueNotFoundError")


@pytest.mark.parametrize("action", ["GetOpenState", "GetOpenTime", "GetCloseTime"])
async def test_door_sensor_without_state(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova, action: str
) -> None:
    door = home.entity("binary_sensor.door", "unknown", {"device_class": "window"})
    clova = await setup_clova(exposed=["binary_sensor.door"])

    await assert_request_fails(clova, action, door, "ValueNotFoundError")
    hass.states.async_set("binary_sensor.door", "unavailable", {"device_class": "window"})
    await assert_request_fails(clova, action, door, "TargetOfflineError")


async def test_motion_sensor(
    hass: HomeAssistant, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("binary_sensor.hall", "on", {"device_class": "motion"})
    detected = timestamp(state_of(hass, "binary_sensor.hall").last_changed)
    freezer.tick(timedelta(seconds=30))
    hass.states.async_set("binary_sensor.hall", "on", {"device_class": "motion", "lux": 3})
    clova = await setup_clova(exposed=["binary_sensor.hall"])

    appliance = (await discover(clova))["binary_sensor.hall"]
    assert appliance["applianceTypes"] == ["MOTIONSENSOR"]
    assert appliance["actions"] == [
        "GetDetectedTime", "GetDeviceState", "GetPowerState", "HealthCheck",
    ]  # fmt: skip

    # Detecting now: the detection under way began when it turned on.
    assert await ask(clova, "GetDetectedTime", "binary_sensor.hall") == {
        "detectedTime": {"value": detected},
        "applianceResponseTimestamp": read_at(hass, "binary_sensor.hall"),
    }
    # Clear: motion was last seen when the detection ended.
    freezer.tick(timedelta(minutes=2))
    hass.states.async_set("binary_sensor.hall", "off", {"device_class": "motion"})
    ended = timestamp(state_of(hass, "binary_sensor.hall").last_changed)
    answer = await ask(clova, "GetDetectedTime", "binary_sensor.hall")
    assert answer["detectedTime"] == {"value": ended}
    assert ended != detected

    hass.states.async_set("binary_sensor.hall", "unknown", {"device_class": "motion"})
    await assert_request_fails(clova, "GetDetectedTime", "binary_sensor.hall", "ValueNotFoundError")


async def test_demo_motion_sensor(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.BINARY_SENSOR])
    entry = er.async_get(hass).async_get("binary_sensor.movement_backyard")
    assert entry is not None
    clova = await setup_clova(exposed=["binary_sensor.movement_backyard"])
    state = state_of(hass, "binary_sensor.movement_backyard")

    answer = await ask(clova, "GetDetectedTime", entry.id)

    assert answer["detectedTime"] == {"value": timestamp(state.last_changed)}
    assert (await ask(clova, "GetPowerState", entry.id))["powerState"] == {"value": "on"}


# --- GetPowerState ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "on", "low"),
    [
        ("ko", "켜짐", "배터리 부족"),
        ("ja", "オン", "電池残量低下"),
        ("en", "on", "low battery"),
        ("en-GB", "on", "low battery"),
        ("fr", "on", "low battery"),
    ],
)
async def test_motion_sensor_power_state(
    hass: HomeAssistant, setup_clova: SetupClova, language: str, on: str, low: str
) -> None:
    hass.config.language = language
    motion = {"device_class": "motion"}
    hass.states.async_set("binary_sensor.hall", "off", motion)
    hass.states.async_set("binary_sensor.porch", "on", {**motion, "battery_level": 21})
    hass.states.async_set("binary_sensor.attic", "off", {**motion, "battery_level": 20})
    clova = await setup_clova(
        exposed=["binary_sensor.hall", "binary_sensor.porch", "binary_sensor.attic"]
    )

    # A reachable sensor is on, whether it detects or not, unless its battery is low.
    for entity_id, value in (
        ("binary_sensor.hall", on),
        ("binary_sensor.porch", on),
        ("binary_sensor.attic", low),
    ):
        assert await ask(clova, "GetPowerState", entity_id) == {
            "powerState": {"value": value},
            "applianceResponseTimestamp": read_at(hass, entity_id),
        }


async def test_power_state_not_found(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("binary_sensor.hall", "unknown", {"device_class": "motion"})
    clova = await setup_clova(exposed=["binary_sensor.hall"])

    await assert_request_fails(clova, "GetPowerState", "binary_sensor.hall", "ValueNotFoundError")


@pytest.mark.parametrize(
    ("entity_id", "state", "attributes", "value"),
    [
        ("switch.pump", "on", {}, "켜짐"),
        ("switch.pump", "off", {}, "꺼짐"),
        ("vacuum.robot", VacuumActivity.CLEANING, {"supported_features": 1}, "켜짐"),
        ("vacuum.robot", VacuumActivity.IDLE, {"supported_features": 1}, "꺼짐"),
        ("vacuum.robot", VacuumActivity.DOCKED, {"supported_features": 1}, "충전 중"),
        ("vacuum.robot", VacuumActivity.ERROR, {"supported_features": 1}, "오류"),
    ],
)
async def test_power_state_of_devices_typed_as_motion_sensors(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    entity_id: str,
    state: str,
    attributes: dict[str, Any],
    value: str,
) -> None:
    hass.config.language = "ko"
    hass.states.async_set(entity_id, state, attributes)
    clova = await setup_typed(setup_clova, [entity_id], {entity_id: "MOTIONSENSOR"})

    answer = await ask(clova, "GetPowerState", entity_id)

    assert answer["powerState"] == {"value": value}


async def test_power_state_unknown_device_state(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("switch.pump", "unknown", {})
    clova = await setup_typed(setup_clova, ["switch.pump"], {"switch.pump": "MOTIONSENSOR"})

    await assert_request_fails(clova, "GetPowerState", "switch.pump", "ValueNotFoundError")


def test_power_word_without_a_capability_that_knows() -> None:
    """A powered domain whose capabilities cannot tell on from off has no power state."""
    appliance = SimpleNamespace(
        state_value="on", domain="light", capabilities=[SimpleNamespace(is_on=None)]
    )

    assert power_state.power_word(cast(Any, appliance)) is None


async def test_power_state_of_a_lock_typed_as_a_motion_sensor(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("lock.gate", "locked", {})
    clova = await setup_typed(setup_clova, ["lock.gate"], {"lock.gate": "MOTIONSENSOR"})

    # A lock has no power state: not offered.
    assert "GetPowerState" not in (await discover(clova))["lock.gate"]["actions"]


# --- GetConsumption ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device_class", "value", "unit", "expected"),
    [
        ("energy", "12.3456", "kWh", {"name": "electricity", "value": 12.346, "unit": "kWh"}),
        ("energy", "1500", "Wh", {"name": "electricity", "value": 1.5, "unit": "kWh"}),
        ("energy", "2", "MWh", {"name": "electricity", "value": 2000, "unit": "kWh"}),
        ("gas", "31.5", "m³", {"name": "gas", "value": 31.5, "unit": "m³"}),
        ("gas", "100", "ft³", {"name": "gas", "value": 2.832, "unit": "m³"}),
        ("gas", "4.2", "kWh", {"name": "gas", "value": 4.2, "unit": "kWh"}),
        ("water", "1250", "L", {"name": "water", "value": 1.25, "unit": "m³"}),
    ],
)
async def test_meter_consumption(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    device_class: str,
    value: str,
    unit: str,
    expected: dict[str, Any],
) -> None:
    clova, device = await air_monitor(home, setup_clova, freezer, **{device_class: (value, unit)})

    appliance = (await discover(clova))[device]
    answer = await ask(clova, "GetConsumption", device)

    assert appliance["applianceTypes"] == ["SMARTMETER"]
    assert answer == {
        "consumption": [expected],
        "applianceResponseTimestamp": read_at(hass, f"sensor.monitor_{device_class}"),
    }


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("ko", ["전기 사용량", "가스 사용량", "수도 사용량"]),
        ("ja", ["電気使用量", "ガス使用量", "水道使用量"]),
    ],
)
async def test_consumption_of_every_kind_in_the_home_language(
    hass: HomeAssistant,
    home: Home,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
    *,
    language: str,
    names: list[str],
) -> None:
    hass.config.language = language
    clova, device = await air_monitor(
        home,
        setup_clova,
        freezer,
        water=("3", "m³"),
        energy=("7", "kWh"),
        gas=("5", "m³"),  # written last: the newest reading
    )

    # The period is ignored: the readings are the meters' values.
    answer = await ask(
        clova,
        "GetConsumption",
        device,
        period={"start": "2018-03-28T00:00:00+09:00", "end": "2018-03-28T23:59:59+09:00"},
    )

    assert answer == {
        "consumption": [
            {"name": names[0], "value": 7, "unit": "kWh"},
            {"name": names[1], "value": 5, "unit": "m³"},
            {"name": names[2], "value": 3, "unit": "m³"},
        ],
        "applianceResponseTimestamp": read_at(hass, "sensor.monitor_gas"),
    }


async def test_consumption_of_a_smart_plug_skips_unreadable_meters(
    hass: HomeAssistant, home: Home, setup_clova: SetupClova
) -> None:
    device = home.device("plug")
    plug = home.entity("switch.plug", "on", {"device_class": "outlet"}, device=device)
    home.entity("sensor.plug_a_energy", "unknown", sensor("energy", "kWh"), device=device)
    home.entity("sensor.plug_b_energy", "3", sensor("energy", "parsecs"), device=device)
    home.entity("sensor.plug_c_energy", "0.25", sensor("energy", "kWh"), device=device)
    home.entity("sensor.plug_d_energy", "9", sensor("energy", "kWh"), device=device)
    home.entity("sensor.plug_power", "60", sensor("power", "W"), device=device)
    clova = await setup_clova(
        exposed=["switch.plug", "sensor.plug_a_energy", "sensor.plug_b_energy",
                 "sensor.plug_c_energy", "sensor.plug_d_energy", "sensor.plug_power"]
    )  # fmt: skip

    appliance = (await discover(clova))[plug]
    answer = await ask(clova, "GetConsumption", plug)

    assert appliance["applianceTypes"] == ["SMARTPLUG"]
    assert "GetConsumption" in appliance["actions"]
    # One entry per kind: the first readable meter.
    assert answer == {
        "consumption": [{"name": "electricity", "value": 0.25, "unit": "kWh"}],
        "applianceResponseTimestamp": read_at(hass, "sensor.plug_c_energy"),
    }


async def test_consumption_not_found(
    home: Home, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    clova, device = await air_monitor(
        home, setup_clova, freezer, energy=("unknown", "kWh"), gas=("3", "furlongs")
    )

    await assert_request_fails(clova, "GetConsumption", device, "ValueNotFoundError")


async def test_plug_without_a_meter_has_no_consumption(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("switch.plug", "on", {"device_class": "outlet"})
    clova = await setup_clova(exposed=["switch.plug"])

    assert "GetConsumption" not in (await discover(clova))["switch.plug"]["actions"]


async def test_demo_energy_meter(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.SENSOR])
    entry = er.async_get(hass).async_get("sensor.total_energy_kwh")
    assert entry is not None
    assert entry.device_id is not None
    clova = await setup_clova(exposed=["sensor.total_energy_kwh"])

    answer = await ask(clova, "GetConsumption", entry.device_id)

    assert answer["consumption"] == [{"name": "electricity", "value": 0, "unit": "kWh"}]


# --- helpers --------------------------------------------------------------------------------


def test_words_exist_in_every_language() -> None:
    # A device class must not take the place of another word.
    assert "power_state" in word_table.WORDS
    assert word_table.WORDS["power"] == ("소비 전력", "消費電力", "power consumption")
    for key, words in word_table.WORDS.items():
        assert len(words) == len(word_table.LANGUAGES), key
        assert all(words), key
