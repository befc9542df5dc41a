"""Target and current temperature of climate entities, in Celsius for Clova."""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import (
    DATA_COMPONENT as CLIMATE_DATA_COMPONENT,
    ClimateEntityFeature,
    HVACMode,
)
from homeassistant.const import ATTR_ENTITY_ID, ATTR_TEMPERATURE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .assertions import (
    TIMESTAMP_FORMAT,
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import appliance_id, discover, discovered

CLIMATE = "climate.living_room"
TEMPERATURE_ACTIONS = {
    "DecrementTargetTemperature",
    "GetTargetTemperature",
    "IncrementTargetTemperature",
    "SetTargetTemperature",
}
FEATURES = (
    ClimateEntityFeature.TARGET_TEMPERATURE
    | ClimateEntityFeature.TURN_ON
    | ClimateEntityFeature.TURN_OFF
)


def climate_attributes(**overrides: Any) -> dict[str, Any]:
    """A Celsius air conditioner: target 21.5, measuring 22.3, range 16-30."""
    return {
        "friendly_name": "Living room",
        "hvac_modes": [HVACMode.OFF, HVACMode.HEAT, HVACMode.COOL],
        "min_temp": 16,
        "max_temp": 30,
        "temperature": 21.5,
        "current_temperature": 22.3,
        "supported_features": FEATURES,
        **overrides,
    }


async def set_temperature(
    clova: ClovaClient, action: str, value: float, expected_service_value: float
) -> dict[str, Any]:
    """Send a Set/Increment/DecrementTargetTemperature that must call set_temperature."""
    field = "targetTemperature" if action == "SetTargetTemperature" else "deltaTemperature"
    return await assert_request_calls_service(
        clova,
        action,
        CLIMATE,
        "climate",
        "set_temperature",
        {ATTR_ENTITY_ID: CLIMATE, ATTR_TEMPERATURE: expected_service_value},
        payload={field: {"value": value}},
    )


def temperature_actions(appliance: dict[str, Any]) -> list[str]:
    """The appliance's temperature actions, in discovery order (modes, power... left out)."""
    return [action for action in appliance["actions"] if action.endswith("Temperature")]


def temperature_details(appliance: dict[str, Any]) -> list[dict[str, Any]]:
    """The appliance's ``actionDetails`` of temperature actions (SetMode's left out)."""
    details = appliance["additionalApplianceDetails"].get("actionDetails", [])
    return [detail for detail in details if detail["action"] == "SetTargetTemperature"]


# --- Celsius ---------------------------------------------------------------------------


async def test_get_target_and_current_temperature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    target = await clova.request("GetTargetTemperature", CLIMATE)
    current = await clova.request("GetCurrentTemperature", CLIMATE)

    assert answer_name(target) == "GetTargetTemperatureResponse"
    assert target["payload"]["targetTemperature"] == {"value": 21.5}
    assert TIMESTAMP_FORMAT.match(target["payload"]["applianceResponseTimestamp"])
    assert answer_name(current) == "GetCurrentTemperatureResponse"
    assert current["payload"]["currentTemperature"] == {"value": 22.3}
    assert TIMESTAMP_FORMAT.match(current["payload"]["applianceResponseTimestamp"])


async def test_values_have_one_decimal(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(
        CLIMATE, HVACMode.COOL, climate_attributes(temperature=21.04, current_temperature=22)
    )
    clova = await setup_clova(exposed=[CLIMATE])

    target = await clova.request("GetTargetTemperature", CLIMATE)
    current = await clova.request("GetCurrentTemperature", CLIMATE)

    assert target["payload"]["targetTemperature"] == {"value": 21.0}
    assert current["payload"]["currentTemperature"] == {"value": 22.0}


async def test_set_target_temperature(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await set_temperature(clova, "SetTargetTemperature", 24, 24.0)

    assert answer["payload"] == {
        "targetTemperature": {"value": 24.0},
        "previousState": {"targetTemperature": {"value": 21.5}},
    }


@pytest.mark.parametrize(
    ("action", "delta", "expected"),
    [
        ("IncrementTargetTemperature", 1.5, 23.0),
        ("IncrementTargetTemperature", 1, 22.5),
        ("DecrementTargetTemperature", 2, 19.5),
        # A delta is a size: a negative one does not reverse the direction.
        ("DecrementTargetTemperature", -1, 20.5),
        ("IncrementTargetTemperature", -0.5, 22.0),
    ],
)
async def test_increment_decrement_target_temperature(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    action: str,
    delta: float,
    expected: float,
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.HEAT, climate_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await set_temperature(clova, action, delta, expected)

    assert answer["payload"] == {
        "targetTemperature": {"value": expected},
        "previousState": {"targetTemperature": {"value": 21.5}},
    }


@pytest.mark.parametrize("value", [16, 30, 16.0, 29.9])
async def test_set_at_the_limits_is_accepted(
    hass: HomeAssistant, setup_clova: SetupClova, value: float
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    await set_temperature(clova, "SetTargetTemperature", value, float(value))


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("SetTargetTemperature", "targetTemperature", 30.1),
        ("SetTargetTemperature", "targetTemperature", 15.9),
        ("SetTargetTemperature", "targetTemperature", -40),
        ("IncrementTargetTemperature", "deltaTemperature", 9),
        ("DecrementTargetTemperature", "deltaTemperature", 6),
    ],
)
async def test_out_of_range(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    action: str,
    field: str,
    value: float,
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await assert_request_fails(
        clova, action, CLIMATE, "ValueOutOfRangeError", **{field: {"value": value}}
    )

    assert answer["payload"] == {"minimumValue": 16.0, "maximumValue": 30.0}


async def test_no_limits_no_range_check(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    attributes = climate_attributes()
    del attributes["min_temp"], attributes["max_temp"]
    hass.states.async_set(CLIMATE, HVACMode.COOL, attributes)
    clova = await setup_clova(exposed=[CLIMATE])

    await set_temperature(clova, "SetTargetTemperature", 45, 45.0)
    appliance = await discovered(clova)
    assert "SetTargetTemperature" in appliance["actions"]
    assert temperature_details(appliance) == []


@pytest.mark.parametrize("mode", [HVACMode.FAN_ONLY, HVACMode.DRY])
@pytest.mark.parametrize(
    ("action", "field"),
    [
        ("SetTargetTemperature", "targetTemperature"),
        ("IncrementTargetTemperature", "deltaTemperature"),
        ("DecrementTargetTemperature", "deltaTemperature"),
    ],
)
async def test_modes_without_a_target(
    hass: HomeAssistant, setup_clova: SetupClova, mode: str, action: str, field: str
) -> None:
    attributes = climate_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.COOL, HVACMode.DRY, HVACMode.FAN_ONLY]
    )
    hass.states.async_set(CLIMATE, mode, attributes)
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await assert_request_fails(
        clova, action, CLIMATE, "NotSupportedInCurrentModeError", **{field: {"value": 1}}
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("GetTargetTemperature", {}),
        ("SetTargetTemperature", {"targetTemperature": {"value": 22}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": 1}}),
        ("DecrementTargetTemperature", {"deltaTemperature": {"value": 1}}),
    ],
)
async def test_dual_setpoint_is_not_supported_in_current_mode(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, payload: dict[str, Any]
) -> None:
    attributes = climate_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.HEAT_COOL],
        temperature=None,
        target_temp_low=19,
        target_temp_high=24,
        supported_features=FEATURES | ClimateEntityFeature.TARGET_TEMPERATURE_RANGE,
    )
    hass.states.async_set(CLIMATE, HVACMode.HEAT_COOL, attributes)
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    await assert_request_fails(clova, action, CLIMATE, "NotSupportedInCurrentModeError", **payload)


async def test_current_temperature_missing(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes(current_temperature=None))
    hass.states.async_set("climate.no_sensor", HVACMode.COOL, {"hvac_modes": ["cool"]})
    clova = await setup_clova(exposed=[CLIMATE, "climate.no_sensor"])

    await assert_request_fails(clova, "GetCurrentTemperature", CLIMATE, "ValueNotFoundError")
    await assert_request_fails(
        clova, "GetCurrentTemperature", "climate.no_sensor", "ValueNotFoundError"
    )


async def test_target_temperature_missing(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes(temperature=None))
    clova = await setup_clova(exposed=[CLIMATE])

    await assert_request_fails(clova, "GetTargetTemperature", CLIMATE, "ValueNotFoundError")
    await assert_request_fails(
        clova,
        "IncrementTargetTemperature",
        CLIMATE,
        "ValueNotFoundError",
        deltaTemperature={"value": 1},
    )
    # Setting needs no previous value; the confirmation then has no previousState.
    answer = await set_temperature(clova, "SetTargetTemperature", 22, 22.0)
    assert answer["payload"] == {"targetTemperature": {"value": 22.0}}


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"targetTemperature": {}},
        {"targetTemperature": {"value": "warm"}},
        {"targetTemperature": {"value": True}},
        {"targetTemperature": 22},
    ],
)
async def test_set_with_a_bad_value(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any]
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    await assert_request_fails(
        clova, "SetTargetTemperature", CLIMATE, "UnsupportedOperationError", **payload
    )


async def test_without_target_temperature_feature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    attributes = climate_attributes(supported_features=ClimateEntityFeature.TURN_ON)
    hass.states.async_set(CLIMATE, HVACMode.COOL, attributes)
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    appliance = await discovered(clova)
    assert not TEMPERATURE_ACTIONS & set(appliance["actions"])
    assert temperature_actions(appliance) == ["GetCurrentTemperature"]
    assert {"HealthCheck", "TurnOn"} <= set(appliance["actions"])
    assert "TurnOff" not in appliance["actions"]
    assert temperature_details(appliance) == []
    await assert_request_fails(
        clova,
        "SetTargetTemperature",
        CLIMATE,
        "UnsupportedOperationError",
        targetTemperature={"value": 22},
    )
    await assert_request_fails(clova, "GetTargetTemperature", CLIMATE, "UnsupportedOperationError")
    current = await clova.request("GetCurrentTemperature", CLIMATE)
    assert current["payload"]["currentTemperature"] == {"value": 22.3}


async def test_discovery_of_a_climate(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, climate_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    appliance = await discovered(clova)

    assert appliance["applianceTypes"] == ["AIRCONDITIONER"]
    assert temperature_actions(appliance) == sorted([*TEMPERATURE_ACTIONS, "GetCurrentTemperature"])
    assert {"HealthCheck", "TurnOff", "TurnOn"} <= set(appliance["actions"])
    assert temperature_details(appliance) == [
        {
            "action": "SetTargetTemperature",
            "allowableValue": {"type": "boundedNumber", "minValue": 16.0, "maxValue": 30.0},
        }
    ]


@pytest.mark.parametrize(
    ("hvac_modes", "appliance_type"),
    [
        ([HVACMode.OFF, HVACMode.COOL], "AIRCONDITIONER"),
        ([HVACMode.HEAT, HVACMode.COOL, HVACMode.AUTO], "AIRCONDITIONER"),
        ([HVACMode.OFF, HVACMode.HEAT_COOL], "AIRCONDITIONER"),
        ([HVACMode.OFF, HVACMode.HEAT], "HEATER"),
        ([HVACMode.HEAT], "HEATER"),
        ([HVACMode.OFF, HVACMode.AUTO], "THERMOSTAT"),
        ([HVACMode.FAN_ONLY, HVACMode.DRY], "THERMOSTAT"),
        ([], "THERMOSTAT"),
        (None, "THERMOSTAT"),
    ],
)
async def test_climate_appliance_type(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hvac_modes: list[str] | None,
    appliance_type: str,
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.OFF, climate_attributes(hvac_modes=hvac_modes))
    clova = await setup_clova(exposed=[CLIMATE])

    appliance = await discovered(clova)

    assert appliance["applianceTypes"] == [appliance_type]
    # Every climate type permits the temperature actions.
    assert set(appliance["actions"]) >= TEMPERATURE_ACTIONS


# --- US customary units: HA in °F, Clova in °C ---------------------------------------------


@pytest.fixture
def fahrenheit(hass: HomeAssistant) -> None:
    """Home Assistant configured with US customary units."""
    hass.config.units = US_CUSTOMARY_SYSTEM


def fahrenheit_attributes(**overrides: Any) -> dict[str, Any]:
    """75.2 °F (24.0 °C) wanted, 71.6 °F (22.0 °C) measured, 50-86 °F (10-30 °C)."""
    values: dict[str, Any] = {
        "temperature": 75.2,
        "current_temperature": 71.6,
        "min_temp": 50,
        "max_temp": 86,
    }
    return climate_attributes(**{**values, **overrides})


@pytest.mark.usefixtures("fahrenheit")
async def test_fahrenheit_get(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, fahrenheit_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    target = await clova.request("GetTargetTemperature", CLIMATE)
    current = await clova.request("GetCurrentTemperature", CLIMATE)

    assert target["payload"]["targetTemperature"] == {"value": 24.0}
    assert current["payload"]["currentTemperature"] == {"value": 22.0}


@pytest.mark.usefixtures("fahrenheit")
async def test_fahrenheit_get_rounds_to_one_decimal(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(
        CLIMATE, HVACMode.COOL, fahrenheit_attributes(temperature=72, current_temperature=70)
    )
    clova = await setup_clova(exposed=[CLIMATE])

    target = await clova.request("GetTargetTemperature", CLIMATE)
    current = await clova.request("GetCurrentTemperature", CLIMATE)

    assert target["payload"]["targetTemperature"] == {"value": 22.2}
    assert current["payload"]["currentTemperature"] == {"value": 21.1}


@pytest.mark.usefixtures("fahrenheit")
@pytest.mark.parametrize(
    ("action", "value", "celsius", "fahrenheit_value"),
    [
        ("SetTargetTemperature", 25, 25.0, 77.0),
        ("SetTargetTemperature", 20.5, 20.5, 68.9),
        ("IncrementTargetTemperature", 1, 25.0, 77.0),
        ("IncrementTargetTemperature", 0.5, 24.5, 76.1),
        ("DecrementTargetTemperature", 2, 22.0, 71.6),
    ],
)
async def test_fahrenheit_set(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    value: float,
    celsius: float,
    fahrenheit_value: float,
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, fahrenheit_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await set_temperature(clova, action, value, fahrenheit_value)

    assert answer["payload"] == {
        "targetTemperature": {"value": celsius},
        "previousState": {"targetTemperature": {"value": 24.0}},
    }


@pytest.mark.usefixtures("fahrenheit")
@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("SetTargetTemperature", "targetTemperature", 31),
        ("SetTargetTemperature", "targetTemperature", 9.9),
        ("IncrementTargetTemperature", "deltaTemperature", 6.1),
        ("DecrementTargetTemperature", "deltaTemperature", 14.1),
    ],
)
async def test_fahrenheit_out_of_range_in_celsius(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, field: str, value: float
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, fahrenheit_attributes())
    async_mock_service(hass, "climate", "set_temperature")
    clova = await setup_clova(exposed=[CLIMATE])

    answer = await assert_request_fails(
        clova, action, CLIMATE, "ValueOutOfRangeError", **{field: {"value": value}}
    )

    assert answer["payload"] == {"minimumValue": 10.0, "maximumValue": 30.0}


@pytest.mark.usefixtures("fahrenheit")
async def test_fahrenheit_discovery_range_in_celsius(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(CLIMATE, HVACMode.COOL, fahrenheit_attributes())
    clova = await setup_clova(exposed=[CLIMATE])

    appliance = await discovered(clova)

    assert temperature_details(appliance) == [
        {
            "action": "SetTargetTemperature",
            "allowableValue": {"type": "boundedNumber", "minValue": 10.0, "maxValue": 30.0},
        }
    ]


@pytest.mark.usefixtures("fahrenheit")
async def test_fahrenheit_advertised_range_is_honoured(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Limits that are no whole tenth of a °C: 45 °F = 7.22 °C, 89 °F = 31.67 °C.

    Every value inside the range discovery advertises must be accepted and sent within
    the entity's own 45-89 °F (HA refuses anything outside it), and just outside it must
    be a ValueOutOfRangeError naming that same range.
    """
    hass.states.async_set(CLIMATE, HVACMode.COOL, fahrenheit_attributes(min_temp=45, max_temp=89))
    clova = await setup_clova(exposed=[CLIMATE])
    (detail,) = temperature_details(await discovered(clova))
    low = detail["allowableValue"]["minValue"]
    high = detail["allowableValue"]["maxValue"]
    assert 7.1 <= low <= 7.3
    assert 31.6 <= high <= 31.7

    calls = async_mock_service(hass, "climate", "set_temperature")
    for value in (low, high):
        answer = await clova.request(
            "SetTargetTemperature", CLIMATE, targetTemperature={"value": value}
        )
        assert answer_name(answer) == "SetTargetTemperatureConfirmation", (value, answer)
    assert len(calls) == 2
    for call in calls:
        assert 45 <= call.data[ATTR_TEMPERATURE] <= 89, call.data

    for value in (round(low - 0.1, 1), round(high + 0.1, 1)):
        answer = await assert_request_fails(
            clova,
            "SetTargetTemperature",
            CLIMATE,
            "ValueOutOfRangeError",
            targetTemperature={"value": value},
        )
        assert answer["payload"] == {"minimumValue": low, "maximumValue": high}


# --- Home Assistant's demo climates ---------------------------------------------------------


@pytest.fixture
async def demo_climates(hass: HomeAssistant) -> None:
    """climate.heatpump (°F device, heat), climate.hvac (°C, cool), climate.ecobee (dual)."""
    await async_setup_demo(hass, [Platform.CLIMATE])


@pytest.mark.usefixtures("demo_climates")
async def test_demo_heatpump_set_target_temperature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The heat pump works in °F; HA (metric) shows and takes °C; so does Clova."""
    clova = await setup_clova(exposed=["climate.heatpump"])
    heatpump = appliance_id(hass, "climate.heatpump")
    assert state_of(hass, "climate.heatpump").attributes[ATTR_TEMPERATURE] == 20.0

    answer = await clova.request("SetTargetTemperature", heatpump, targetTemperature={"value": 23})
    await hass.async_block_till_done()

    assert answer_name(answer) == "SetTargetTemperatureConfirmation"
    assert answer["payload"] == {
        "targetTemperature": {"value": 23.0},
        "previousState": {"targetTemperature": {"value": 20.0}},
    }
    assert state_of(hass, "climate.heatpump").attributes[ATTR_TEMPERATURE] == 23.0
    entity = hass.data[CLIMATE_DATA_COMPONENT].get_entity("climate.heatpump")
    assert entity is not None
    assert entity.target_temperature == pytest.approx(73.4)  # °F inside the device

    answer = await clova.request(
        "IncrementTargetTemperature", heatpump, deltaTemperature={"value": 1.5}
    )
    await hass.async_block_till_done()
    assert answer["payload"]["targetTemperature"] == {"value": 24.5}
    query = await clova.request("GetTargetTemperature", heatpump)
    assert query["payload"]["targetTemperature"] == {"value": 24.5}
    current = await clova.request("GetCurrentTemperature", heatpump)
    assert current["payload"]["currentTemperature"] == {"value": 25.0}  # 77 °F


@pytest.mark.usefixtures("demo_climates")
async def test_demo_heatpump_is_a_heater(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=["climate.heatpump", "climate.hvac", "climate.ecobee"])

    by_id = await discover(clova)

    heatpump = by_id[appliance_id(hass, "climate.heatpump")]
    hvac = by_id[appliance_id(hass, "climate.hvac")]
    ecobee = by_id[appliance_id(hass, "climate.ecobee")]
    assert heatpump["applianceTypes"] == ["HEATER"]
    assert hvac["applianceTypes"] == ["AIRCONDITIONER"]
    assert ecobee["applianceTypes"] == ["AIRCONDITIONER"]
    for appliance in (heatpump, hvac):
        assert set(appliance["actions"]) >= TEMPERATURE_ACTIONS
        assert temperature_details(appliance) == [
            {
                "action": "SetTargetTemperature",
                "allowableValue": {"type": "boundedNumber", "minValue": 7.0, "maxValue": 35.0},
            }
        ]
    # The Ecobee only has a low/high range: no single target temperature to offer.
    assert not TEMPERATURE_ACTIONS & set(ecobee["actions"])
    assert "GetCurrentTemperature" in ecobee["actions"]


@pytest.mark.usefixtures("demo_climates")
async def test_demo_ecobee(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=["climate.ecobee"])
    ecobee = appliance_id(hass, "climate.ecobee")

    current = await clova.request("GetCurrentTemperature", ecobee)
    assert current["payload"]["currentTemperature"] == {"value": 23.0}
    await assert_request_fails(
        clova,
        "SetTargetTemperature",
        ecobee,
        "UnsupportedOperationError",
        targetTemperature={"value": 22},
    )


@pytest.mark.usefixtures("demo_climates")
async def test_demo_hvac_out_of_range_and_modes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["climate.hvac"])
    hvac = appliance_id(hass, "climate.hvac")

    answer = await assert_request_fails(
        clova, "SetTargetTemperature", hvac, "ValueOutOfRangeError", targetTemperature={"value": 36}
    )
    assert answer["payload"] == {"minimumValue": 7.0, "maximumValue": 35.0}
    await assert_request_fails(
        clova,
        "IncrementTargetTemperature",
        hvac,
        "ValueOutOfRangeError",
        deltaTemperature={"value": 15},
    )
    assert state_of(hass, "climate.hvac").attributes[ATTR_TEMPERATURE] == 21

    answer = await clova.request("DecrementTargetTemperature", hvac, deltaTemperature={"value": 2})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "targetTemperature": {"value": 19.0},
        "previousState": {"targetTemperature": {"value": 21.0}},
    }
    assert state_of(hass, "climate.hvac").attributes[ATTR_TEMPERATURE] == 19.0

    await hass.services.async_call(
        "climate",
        "set_hvac_mode",
        {ATTR_ENTITY_ID: "climate.hvac", "hvac_mode": HVACMode.DRY},
        blocking=True,
    )
    await assert_request_fails(
        clova,
        "SetTargetTemperature",
        hvac,
        "NotSupportedInCurrentModeError",
        targetTemperature={"value": 22},
    )
    assert state_of(hass, "climate.hvac").attributes[ATTR_TEMPERATURE] == 19.0


@pytest.mark.usefixtures("fahrenheit", "demo_climates")
async def test_demo_hvac_in_fahrenheit(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """HA in °F, the device in °C, Clova in °C: 24.0 °C travels as 75.2 °F."""
    clova = await setup_clova(exposed=["climate.hvac"])
    hvac = appliance_id(hass, "climate.hvac")
    # 21 °C shown in °F with HA's whole-degree precision for °F systems.
    assert state_of(hass, "climate.hvac").attributes[ATTR_TEMPERATURE] == 70
    query = await clova.request("GetTargetTemperature", hvac)
    assert query["payload"]["targetTemperature"] == {"value": 21.1}

    calls: list[Any] = []
    hass.bus.async_listen("call_service", calls.append)
    answer = await clova.request("SetTargetTemperature", hvac, targetTemperature={"value": 24})
    await hass.async_block_till_done()

    assert answer_name(answer) == "SetTargetTemperatureConfirmation"
    assert answer["payload"]["targetTemperature"] == {"value": 24.0}
    assert [call.data["service_data"][ATTR_TEMPERATURE] for call in calls] == [75.2]
    entity = hass.data[CLIMATE_DATA_COMPONENT].get_entity("climate.hvac")
    assert entity is not None
    assert entity.target_temperature == pytest.approx(24.0)
    assert state_of(hass, "climate.hvac").attributes[ATTR_TEMPERATURE] == 75
    (detail,) = temperature_details(await discovered(clova))
    allowable = detail["allowableValue"]
    assert allowable["type"] == "boundedNumber"
    assert 7.2 <= allowable["minValue"] <= 7.3  # 45 °F shown (the device's 7 °C, rounded)
    assert allowable["maxValue"] == 35.0  # 95 °F
