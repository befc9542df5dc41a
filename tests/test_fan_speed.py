"""Fan speed 1..3: fans' percentage steps and climate devices' fan modes."""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import action_details, appliance_id, declare_types, discovered

FAN = "fan.bedroom"
AC = "climate.living_room"
SPEED_ACTIONS = {"SetFanSpeed", "IncrementFanSpeed", "DecrementFanSpeed", "ChangeFanSpeed"}
FAN_FEATURES = FanEntityFeature.SET_SPEED | FanEntityFeature.TURN_ON | FanEntityFeature.TURN_OFF
THREE_SPEEDS = 100 / 3  # what Home Assistant reports as a 3-speed fan's percentage_step


def fan_attributes(percentage: float | None = 66, **overrides: Any) -> dict[str, Any]:
    """A 3-speed fan at medium speed."""
    return {
        "friendly_name": "Bedroom",
        "percentage": percentage,
        "percentage_step": THREE_SPEEDS,
        "preset_modes": None,
        "preset_mode": None,
        "supported_features": FAN_FEATURES,
        **overrides,
    }


def speed(value: float) -> dict[str, Any]:
    """A SpeedInfoObject."""
    return {"value": value}


async def set_percentage(
    clova: ClovaClient,
    action: str,
    percentage: int,
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Send a fan speed request that must call fan.set_percentage; return the payload."""
    answer = await assert_request_calls_service(
        clova,
        action,
        FAN,
        "fan",
        "set_percentage",
        {ATTR_ENTITY_ID: FAN, "percentage": percentage},
        payload=payload,
    )
    return dict(answer["payload"])


def confirmation(value: int, previous: int | None) -> dict[str, Any]:
    """A fan speed confirmation's payload."""
    answer: dict[str, Any] = {"fanSpeed": {"value": value}}
    if previous is not None:
        answer["previousState"] = {"fanSpeed": {"value": previous}}
    return answer


# --- fans: discovery --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("appliance_type", "actions"),
    [
        ("FAN", SPEED_ACTIONS - {"ChangeFanSpeed"}),
        ("AIRPURIFIER", SPEED_ACTIONS),
        ("HUMIDIFIER", {"SetFanSpeed"}),
        ("HEATER", set()),
    ],
)
async def test_fan_discovery(
    hass: HomeAssistant, setup_clova: SetupClova, appliance_type: str, actions: set[str]
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes())
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: appliance_type})

    appliance = await discovered(clova, FAN)

    assert SPEED_ACTIONS & set(appliance["actions"]) == actions
    expected = (
        [{"action": "SetFanSpeed", "allowableValue": {"type": "number", "enumValues": [1, 2, 3]}}]
        if actions
        else []
    )
    assert action_details(appliance, "SetFanSpeed") == expected


# --- fans: levels on percentage steps -------------------------------------------------------


@pytest.mark.parametrize(
    ("percentage_step", "percentages"),
    [
        (THREE_SPEEDS, {1: 33, 2: 66, 3: 100}),
        (25, {1: 25, 2: 75, 3: 100}),  # 4 speeds: the steps nearest to 1/3, 2/3, 3/3
        (20, {1: 40, 2: 60, 3: 100}),  # 5 speeds
        (100 / 6, {1: 33, 2: 66, 3: 100}),  # 6 speeds: steps 2, 4, 6
        (1, {1: 33, 2: 67, 3: 100}),  # percent by percent
        (None, {1: 33, 2: 67, 3: 100}),  # Home Assistant's default: 100 speeds
        (50, {1: 50, 3: 100}),  # 2 speeds: slow and fast
    ],
)
async def test_set_fan_speed_on_the_fans_steps(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    percentage_step: float | None,
    percentages: dict[int, int],
) -> None:
    attributes = fan_attributes(percentage=0, percentage_step=percentage_step)
    hass.states.async_set(FAN, "on", attributes)
    clova = await setup_clova(exposed=[FAN])

    appliance = await discovered(clova, FAN)
    (detail,) = action_details(appliance, "SetFanSpeed")
    assert detail["allowableValue"]["enumValues"] == list(percentages)
    for level, percentage in percentages.items():
        payload = await set_percentage(clova, "SetFanSpeed", percentage, {"fanSpeed": speed(level)})
        assert payload == confirmation(level, 0)


@pytest.mark.parametrize(
    ("state", "percentage", "percentage_step", "previous"),
    [
        ("on", 33, THREE_SPEEDS, 1),
        ("on", 34, THREE_SPEEDS, 1),
        ("on", 66, THREE_SPEEDS, 2),
        ("on", 67, THREE_SPEEDS, 2),
        ("on", 100, THREE_SPEEDS, 3),
        ("on", 0, THREE_SPEEDS, 0),
        ("off", 66, THREE_SPEEDS, 0),  # a fan that is off stands still, whatever it keeps
        ("on", 50, 1, 1),  # halfway between low (33) and medium (67): the slower
        ("on", 51, 1, 2),
        ("on", 90, 25, 3),
        ("on", 50, 50, 1),
        ("on", 100, 50, 3),
    ],
)
async def test_previous_speed_from_the_percentage(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    state: str,
    percentage: int,
    percentage_step: float,
    previous: int,
) -> None:
    attributes = fan_attributes(percentage=percentage, percentage_step=percentage_step)
    hass.states.async_set(FAN, state, attributes)
    clova = await setup_clova(exposed=[FAN])

    payload = await set_percentage(clova, "SetFanSpeed", 100, {"fanSpeed": speed(3)})

    assert payload == confirmation(3, previous)


@pytest.mark.parametrize(
    ("value", "error", "error_payload"),
    [
        (0, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 3}),
        (4, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 3}),
        (-1, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 3}),
        (0.5, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 3}),
        (1.5, "ValueNotSupportedError", {}),
    ],
)
async def test_set_fan_speed_refused(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    value: float,
    error: str,
    error_payload: dict[str, Any],
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes())
    async_mock_service(hass, "fan", "set_percentage")
    clova = await setup_clova(exposed=[FAN])

    answer = await assert_request_fails(clova, "SetFanSpeed", FAN, error, fanSpeed=speed(value))

    assert answer["payload"] == error_payload


async def test_two_speed_fan_has_no_medium(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(percentage=50, percentage_step=50))
    async_mock_service(hass, "fan", "set_percentage")
    clova = await setup_clova(exposed=[FAN])

    await assert_request_fails(
        clova, "SetFanSpeed", FAN, "ValueNotSupportedError", fanSpeed=speed(2)
    )


# --- fans: stepping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "percentage", "delta", "level", "expected_percentage", "previous"),
    [
        ("IncrementFanSpeed", 33, 1, 2, 66, 1),
        ("IncrementFanSpeed", 33, 2, 3, 100, 1),
        ("IncrementFanSpeed", 33, -1, 2, 66, 1),  # the size of the step counts
        ("IncrementFanSpeed", 0, 1, 1, 33, 0),  # from standing still: the slowest
        ("DecrementFanSpeed", 100, 2, 1, 33, 3),
        ("DecrementFanSpeed", 66, 1, 1, 33, 2),
    ],
)
async def test_step_fan_speed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    percentage: int,
    delta: float,
    level: int,
    expected_percentage: int,
    previous: int,
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(percentage=percentage))
    clova = await setup_clova(exposed=[FAN])

    payload = await set_percentage(
        clova, action, expected_percentage, {"deltaFanSpeed": speed(delta)}
    )

    assert payload == confirmation(level, previous)


@pytest.mark.parametrize(
    ("action", "state", "percentage", "delta", "error"),
    [
        ("IncrementFanSpeed", "on", 100, 1, "ValueOutOfRangeError"),
        ("IncrementFanSpeed", "on", 66, 2, "ValueOutOfRangeError"),
        ("DecrementFanSpeed", "on", 33, 1, "ValueOutOfRangeError"),
        ("DecrementFanSpeed", "off", 0, 1, "ValueOutOfRangeError"),
        ("IncrementFanSpeed", "on", 33, 0.5, "ValueNotSupportedError"),
    ],
)
async def test_step_fan_speed_refused(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    state: str,
    percentage: int,
    delta: float,
    error: str,
) -> None:
    hass.states.async_set(FAN, state, fan_attributes(percentage=percentage))
    async_mock_service(hass, "fan", "set_percentage")
    clova = await setup_clova(exposed=[FAN])

    answer = await assert_request_fails(clova, action, FAN, error, deltaFanSpeed=speed(delta))

    if error == "ValueOutOfRangeError":
        assert answer["payload"] == {"minimumValue": 1, "maximumValue": 3}


@pytest.mark.parametrize(
    ("action", "percentage", "level", "expected_percentage", "previous"),
    [
        ("IncrementFanSpeed", 50, 3, 100, 1),  # medium is skipped: faster is fast
        ("DecrementFanSpeed", 100, 1, 50, 3),
    ],
)
async def test_step_two_speed_fan(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    percentage: int,
    level: int,
    expected_percentage: int,
    previous: int,
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(percentage=percentage, percentage_step=50))
    clova = await setup_clova(exposed=[FAN])

    payload = await set_percentage(clova, action, expected_percentage, {"deltaFanSpeed": speed(1)})

    assert payload == confirmation(level, previous)


async def test_fan_in_a_preset_mode(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Running a preset, a fan reports no percentage: no speed to step from."""
    attributes = fan_attributes(percentage=None, preset_modes=["auto"], preset_mode="auto")
    hass.states.async_set(FAN, "on", attributes)
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: "AIRPURIFIER"})

    for action in ("IncrementFanSpeed", "DecrementFanSpeed"):
        await assert_request_fails(
            clova, action, FAN, "NotSupportedInCurrentModeError", deltaFanSpeed=speed(1)
        )
    payload = await set_percentage(clova, "SetFanSpeed", 66, {"fanSpeed": speed(2)})
    assert payload == confirmation(2, None)
    payload = await set_percentage(clova, "ChangeFanSpeed", 33)
    assert payload == confirmation(1, None)


# --- fans: cycling --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "percentage", "percentage_step", "level", "expected_percentage", "previous"),
    [
        ("on", 33, THREE_SPEEDS, 2, 66, 1),
        ("on", 66, THREE_SPEEDS, 3, 100, 2),
        ("on", 100, THREE_SPEEDS, 1, 33, 3),  # from the fastest back to the slowest
        ("off", None, THREE_SPEEDS, 1, 33, 0),
        ("on", 50, 50, 3, 100, 1),
        ("on", 100, 50, 1, 50, 3),
    ],
)
async def test_change_fan_speed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    state: str,
    percentage: int | None,
    percentage_step: float,
    level: int,
    expected_percentage: int,
    previous: int,
) -> None:
    attributes = fan_attributes(percentage=percentage, percentage_step=percentage_step)
    hass.states.async_set(FAN, state, attributes)
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: "AIRPURIFIER"})

    payload = await set_percentage(clova, "ChangeFanSpeed", expected_percentage)

    assert payload == confirmation(level, previous)


# --- climate fan modes ----------------------------------------------------------------------

CLIMATE_FEATURES = (
    ClimateEntityFeature.FAN_MODE | ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF
)


def ac_attributes(
    fan_modes: list[str] | None = None, fan_mode: str | None = "low", **overrides: Any
) -> dict[str, Any]:
    """An air conditioner whose fan runs auto, low, medium or high."""
    return {
        "friendly_name": "Living room",
        "hvac_modes": [HVACMode.OFF, HVACMode.COOL],
        "fan_modes": ["auto", "low", "medium", "high"] if fan_modes is None else fan_modes,
        "fan_mode": fan_mode,
        "supported_features": CLIMATE_FEATURES,
        **overrides,
    }


async def set_fan_mode(
    clova: ClovaClient, action: str, fan_mode: str, payload: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Send a fan speed request that must call climate.set_fan_mode; return the payload."""
    answer = await assert_request_calls_service(
        clova,
        action,
        AC,
        "climate",
        "set_fan_mode",
        {ATTR_ENTITY_ID: AC, "fan_mode": fan_mode},
        payload=payload,
    )
    return dict(answer["payload"])


async def test_climate_discovery(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes())
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert appliance["applianceTypes"] == ["AIRCONDITIONER"]
    assert set(appliance["actions"]) >= SPEED_ACTIONS
    assert action_details(appliance, "SetFanSpeed") == [
        {"action": "SetFanSpeed", "allowableValue": {"type": "number", "enumValues": [1, 2, 3]}}
    ]


@pytest.mark.parametrize(
    ("fan_modes", "expected"),
    [
        (["auto", "low", "medium", "high"], {1: "low", 2: "medium", 3: "high"}),
        (["Auto", "Low", "Middle", "High"], {1: "Low", 2: "Middle", 3: "High"}),
        (["quiet", "low", "mid", "high", "top"], {1: "low", 2: "mid", 3: "high"}),
        (["silent", "med", "max"], {1: "silent", 2: "med", 3: "max"}),
        (["min", "strong"], {1: "min", 3: "strong"}),
        (["auto", "low", "high"], {1: "low", 3: "high"}),  # two speeds: no medium
        (["low", "medium"], {1: "low", 2: "medium"}),
        (["auto", "1", "2", "3"], {1: "1", 2: "2", 3: "3"}),
        (["auto", "1", "2", "3", "4", "5"], {1: "2", 2: "3", 3: "5"}),  # like a 5-speed fan
        (["low", "high", "1", "2", "3"], {1: "low", 3: "high"}),  # names win over numbers
    ],
)
async def test_climate_fan_modes_as_speeds(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    fan_modes: list[str],
    expected: dict[int, str],
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes, fan_mode="auto"))
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)
    (detail,) = action_details(appliance, "SetFanSpeed")
    assert detail["allowableValue"]["enumValues"] == list(expected)
    for level, fan_mode in expected.items():
        payload = await set_fan_mode(clova, "SetFanSpeed", fan_mode, {"fanSpeed": speed(level)})
        assert payload == confirmation(level, None)  # "auto" is no speed


@pytest.mark.parametrize(
    "attributes",
    [
        ac_attributes(["auto", "on_low", "on_high", "off"]),  # the demo's: no plain speeds
        ac_attributes(["auto", "on", "diffuse"]),
        ac_attributes(["auto", "low"]),  # one speed is no choice
        ac_attributes(["1", "3"]),  # numbers with a gap
        ac_attributes(["0", "1", "2"]),
        ac_attributes(["1"]),
        ac_attributes(fan_modes=None, supported_features=ClimateEntityFeature.TURN_ON),
        {**ac_attributes(), "fan_modes": None},
    ],
    ids=["demo", "no-speeds", "one-speed", "gap", "zero", "one-number", "no-feature", "no-list"],
)
async def test_climate_without_fan_speeds(
    hass: HomeAssistant, setup_clova: SetupClova, attributes: dict[str, Any]
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, attributes)
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert not SPEED_ACTIONS & set(appliance["actions"])
    assert action_details(appliance, "SetFanSpeed") == []


@pytest.mark.parametrize(
    ("fan_modes", "fan_mode", "previous"),
    [
        (None, "low", 1),
        (None, "medium", 2),
        (None, "high", 3),
        (None, "off", 0),
        (["off", "1", "2", "3", "4", "5"], "1", 1),
        (["off", "1", "2", "3", "4", "5"], "2", 1),
        (["off", "1", "2", "3", "4", "5"], "4", 2),  # between medium (3) and high (5)
        (["off", "1", "2", "3", "4", "5"], "Off", 0),
    ],
)
async def test_climate_previous_speed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    fan_modes: list[str] | None,
    fan_mode: str,
    previous: int,
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes, fan_mode=fan_mode))
    clova = await setup_clova(exposed=[AC])

    top = "high" if fan_modes is None else "5"
    payload = await set_fan_mode(clova, "SetFanSpeed", top, {"fanSpeed": speed(3)})

    assert payload == confirmation(3, previous)


@pytest.mark.parametrize(
    ("action", "fan_modes", "fan_mode", "delta", "expected", "level", "previous"),
    [
        ("IncrementFanSpeed", None, "low", 1, "medium", 2, 1),
        ("DecrementFanSpeed", None, "high", 2, "low", 1, 3),
        ("IncrementFanSpeed", ["off", "low", "medium", "high"], "off", 1, "low", 1, 0),
        ("IncrementFanSpeed", ["auto", "low", "high"], "low", 1, "high", 3, 1),
        ("DecrementFanSpeed", ["auto", "low", "high"], "high", 1, "low", 1, 3),
        ("IncrementFanSpeed", ["1", "2", "3", "4", "5"], "4", 1, "5", 3, 2),
    ],
)
async def test_climate_step_fan_speed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    fan_modes: list[str] | None,
    fan_mode: str,
    delta: float,
    expected: str,
    level: int,
    previous: int,
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes, fan_mode=fan_mode))
    clova = await setup_clova(exposed=[AC])

    payload = await set_fan_mode(clova, action, expected, {"deltaFanSpeed": speed(delta)})

    assert payload == confirmation(level, previous)


@pytest.mark.parametrize(
    ("action", "fan_modes", "fan_mode", "delta", "error", "error_payload"),
    [
        ("IncrementFanSpeed", None, "high", 1, "ValueOutOfRangeError", [1, 3]),
        ("DecrementFanSpeed", None, "low", 1, "ValueOutOfRangeError", [1, 3]),
        ("IncrementFanSpeed", ["low", "medium"], "medium", 1, "ValueOutOfRangeError", [1, 2]),
        ("IncrementFanSpeed", None, "auto", 1, "NotSupportedInCurrentModeError", None),
        ("DecrementFanSpeed", None, "auto", 1, "NotSupportedInCurrentModeError", None),
        ("DecrementFanSpeed", None, None, 1, "NotSupportedInCurrentModeError", None),
    ],
)
async def test_climate_step_fan_speed_refused(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    fan_modes: list[str] | None,
    fan_mode: str | None,
    delta: float,
    error: str,
    error_payload: list[int] | None,
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes, fan_mode=fan_mode))
    async_mock_service(hass, "climate", "set_fan_mode")
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_fails(clova, action, AC, error, deltaFanSpeed=speed(delta))

    if error_payload is not None:
        low, high = error_payload
        assert answer["payload"] == {"minimumValue": low, "maximumValue": high}


@pytest.mark.parametrize(
    ("fan_modes", "value", "error"),
    [
        (["low", "medium"], 3, "ValueOutOfRangeError"),
        (["auto", "low", "high"], 2, "ValueNotSupportedError"),
    ],
)
async def test_climate_set_speed_it_lacks(
    hass: HomeAssistant, setup_clova: SetupClova, fan_modes: list[str], value: int, error: str
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes))
    async_mock_service(hass, "climate", "set_fan_mode")
    clova = await setup_clova(exposed=[AC])

    await assert_request_fails(clova, "SetFanSpeed", AC, error, fanSpeed=speed(value))


@pytest.mark.parametrize(
    ("fan_mode", "expected", "level", "previous"),
    [
        ("low", "medium", 2, 1),
        ("high", "low", 1, 3),
        ("auto", "low", 1, None),
        ("off", "low", 1, 0),
    ],
)
async def test_climate_change_fan_speed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    fan_mode: str,
    expected: str,
    level: int,
    previous: int | None,
) -> None:
    fan_modes = ["off", "auto", "low", "medium", "high"]
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(fan_modes, fan_mode=fan_mode))
    clova = await setup_clova(exposed=[AC])

    payload = await set_fan_mode(clova, "ChangeFanSpeed", expected)

    assert payload == confirmation(level, previous)


async def test_climate_fan_speed_while_off(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Setting the fan mode does not turn the device on: its speed is kept while off."""
    hass.states.async_set(AC, HVACMode.OFF, ac_attributes(fan_mode="medium"))
    clova = await setup_clova(exposed=[AC])

    payload = await set_fan_mode(clova, "IncrementFanSpeed", "high", {"deltaFanSpeed": speed(1)})

    assert payload == confirmation(3, 2)


async def test_thermostat_has_no_fan_speed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes())
    clova = await setup_clova(exposed=[AC])
    await declare_types(hass, {AC: "THERMOSTAT"})

    appliance = await discovered(clova, AC)

    assert not SPEED_ACTIONS & set(appliance["actions"])
    assert action_details(appliance, "SetFanSpeed") == []


# --- Home Assistant's demo entities -----------------------------------------------------------


@pytest.fixture
async def demo(hass: HomeAssistant) -> None:
    """The demo fans and climate devices."""
    await async_setup_demo(hass, [Platform.FAN, Platform.CLIMATE])


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("entity_id", ["fan.living_room_fan", "fan.percentage_full_fan"])
async def test_demo_fan_speeds(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str
) -> None:
    clova = await setup_clova(exposed=[entity_id])
    fan = appliance_id(hass, entity_id)
    assert state_of(hass, entity_id).state == "off"

    steps = [
        ("SetFanSpeed", {"fanSpeed": speed(2)}, confirmation(2, 0), 66),
        ("IncrementFanSpeed", {"deltaFanSpeed": speed(1)}, confirmation(3, 2), 100),
        ("DecrementFanSpeed", {"deltaFanSpeed": speed(2)}, confirmation(1, 3), 33),
    ]
    for action, payload, expected, percentage in steps:
        answer = await clova.request(action, fan, **payload)
        await hass.async_block_till_done()
        assert answer_name(answer) == f"{action}Confirmation"
        assert answer["payload"] == expected
        state = state_of(hass, entity_id)
        assert (state.state, state.attributes["percentage"]) == ("on", percentage)

    answer = await clova.request("DecrementFanSpeed", fan, deltaFanSpeed=speed(1))
    assert answer_name(answer) == "ValueOutOfRangeError"
    assert state_of(hass, entity_id).attributes["percentage"] == 33

    # A preset leaves no speed to step from; setting one ends the preset.
    await hass.services.async_call(
        "fan", "set_preset_mode", {ATTR_ENTITY_ID: entity_id, "preset_mode": "auto"}, blocking=True
    )
    answer = await clova.request("IncrementFanSpeed", fan, deltaFanSpeed=speed(1))
    assert answer_name(answer) == "NotSupportedInCurrentModeError"
    answer = await clova.request("SetFanSpeed", fan, fanSpeed=speed(3))
    await hass.async_block_till_done()
    assert answer["payload"] == confirmation(3, None)
    state = state_of(hass, entity_id)
    assert (state.attributes["percentage"], state.attributes["preset_mode"]) == (100, None)


@pytest.mark.usefixtures("demo")
async def test_demo_fan_as_air_purifier_cycles(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["fan.ceiling_fan"])
    await declare_types(hass, {"fan.ceiling_fan": "AIRPURIFIER"})
    fan = appliance_id(hass, "fan.ceiling_fan")

    seen = []
    for _ in range(4):
        answer = await clova.request("ChangeFanSpeed", fan)
        await hass.async_block_till_done()
        seen.append((answer["payload"], state_of(hass, "fan.ceiling_fan").attributes["percentage"]))

    assert seen == [
        (confirmation(1, 0), 33),
        (confirmation(2, 1), 66),
        (confirmation(3, 2), 100),
        (confirmation(1, 3), 33),
    ]


@pytest.mark.usefixtures("demo")
async def test_demo_without_fan_speeds(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The preset-only fan has no speeds; the demo climates' fan modes are no plain speeds."""
    entities = ["fan.preset_only_limited_fan", "climate.hvac", "climate.ecobee", "climate.heatpump"]
    clova = await setup_clova(exposed=entities)

    for entity_id in entities:
        appliance = await discovered(clova, appliance_id(hass, entity_id))
        assert not SPEED_ACTIONS & set(appliance["actions"]), entity_id
