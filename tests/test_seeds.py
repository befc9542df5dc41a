"""The two original spec pages ("seeds"), replayed over HTTP through the full gate.

* ``000_fe476b0f5db24c0e.txt`` (Returning Clova Home extension response): nine
  request/response pairs and the TurnOnConfirmation, GetTargetTemperatureResponse and
  TargetOfflineError examples.
* ``004_de56418dbd0efb54.txt`` (Error): eleven error messages with an example each.

Every request is signed, carries a real access token and reaches a real Home Assistant
with hand-made entities. Answers are compared with the seed examples by shape: the same
key paths with the same JSON types (values may differ).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import json
from pathlib import Path
import re
from typing import Any
import uuid

from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.const import ACCESS_TOKEN_EXPIRATION
from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.protocol import errors
from custom_components.clova_home.protocol.catalog import REQUESTS

from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

SEEDS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "seeds.json").read_text(encoding="utf-8")
)
SEED_EXAMPLES: list[dict[str, Any]] = SEEDS["examples"]
SEED_NAMES = frozenset(example["name"] for example in SEED_EXAMPLES)

LIGHT = "light.kitchen"
LOCK = "lock.front_door"
CLIMATE = "climate.living_room"
SWITCH = "switch.coffee_maker"

CLIMATE_ATTRIBUTES: dict[str, Any] = {
    "friendly_name": "Living room air conditioner",
    "supported_features": int(
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.TURN_ON
        | ClimateEntityFeature.TURN_OFF
    ),
    "hvac_modes": [HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT],
    "temperature": 22,
    "min_temp": 18,
    "max_temp": 30,
    "current_temperature": 23,
}

# KO21 spells the timestamp ``YYYY-MM-DDThh:mm:ss±hh:mm``.
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


# ----------------------------------------------------------------------- helpers


def seed_messages(name: str) -> list[dict[str, Any]]:
    """Every seed example called ``name`` (TargetOfflineError appears in both seeds)."""
    found = [example["message"] for example in SEED_EXAMPLES if example["name"] == name]
    assert found, f"no seed example {name}"
    return found


def json_type(value: Any) -> str:
    """The JSON type of a decoded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    assert isinstance(value, dict), value
    return "object"


def shape(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Every key path of ``value`` with its JSON type (array items under ``[]``)."""
    found = {path: json_type(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            found.update(shape(item, (*path, key)))
    elif isinstance(value, list):
        for item in value:
            found.update(shape(item, (*path, "[]")))
    return found


def assert_shape_like_seed(answer: dict[str, Any], name: str) -> None:
    """``answer`` has the shape of every seed example called ``name``."""
    assert answer_name(answer) == name, answer
    for example in seed_messages(name):
        assert shape(answer) == shape(example), (answer, example)


def assert_fresh_header(answer: dict[str, Any]) -> None:
    """The answer header: a fresh UUID, the namespace and payload version 1.0."""
    header = answer["header"]
    assert set(header) == {"messageId", "namespace", "name", "payloadVersion"}
    assert str(uuid.UUID(header["messageId"])) == header["messageId"]
    assert header["namespace"] == "ClovaHome"
    assert header["payloadVersion"] == "1.0"


def assert_timestamp(value: Any) -> None:
    """An ISO 8601 timestamp with offset, to the second."""
    assert isinstance(value, str)
    assert TIMESTAMP.match(value), value
    assert datetime.fromisoformat(value).tzinfo is not None


def paired_response(action: str) -> str:
    """The seed table's answer name for ``action``'s request."""
    request_name = f"{action}Request"
    for pair in SEEDS["pairs"]:
        if pair["request"] == request_name:
            return str(pair["response"])
    raise AssertionError(f"{request_name} is not in the seed table")


@dataclass
class Home:
    """A Home Assistant with a light, a lock, an air conditioner and a switch exposed."""

    hass: HomeAssistant
    clova: ClovaClient
    calls: dict[str, list[ServiceCall]]
    request: pytest.FixtureRequest


def set_home_states(hass: HomeAssistant) -> None:
    """The hand-made entities, in their everyday states."""
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Kitchen light"})
    hass.states.async_set(LOCK, "unlocked", {"friendly_name": "Front door"})
    hass.states.async_set(CLIMATE, HVACMode.COOL, CLIMATE_ATTRIBUTES)
    hass.states.async_set(SWITCH, "off", {"friendly_name": "Coffee maker"})


def mock_home_services(hass: HomeAssistant) -> dict[str, list[ServiceCall]]:
    """Record the light, lock and climate services (the switch has none yet)."""
    return {
        f"{domain}.{service}": async_mock_service(hass, domain, service)
        for domain, service in (
            ("light", "turn_on"),
            ("light", "turn_off"),
            ("lock", "lock"),
            ("lock", "unlock"),
            ("climate", "set_temperature"),
            ("climate", "turn_on"),
            ("climate", "turn_off"),
        )
    }


@pytest.fixture
async def home(
    hass: HomeAssistant, setup_clova: SetupClova, request: pytest.FixtureRequest
) -> Home:
    """Clova Home with the hand-made entities exposed and no unlock opt-in."""
    set_home_states(hass)
    calls = mock_home_services(hass)
    clova = await setup_clova(exposed=[LIGHT, LOCK, CLIMATE, SWITCH])
    return Home(hass, clova, calls, request)


def all_calls(home: Home) -> int:
    """How many recorded services were called."""
    return sum(len(calls) for calls in home.calls.values())


# ---------------------------------------------------------- the seed fixture itself


def test_seed_fixture_is_complete() -> None:
    names = [example["name"] for example in SEED_EXAMPLES]
    assert len(names) == 14
    assert names.count("TargetOfflineError") == 2
    assert {
        "TurnOnConfirmation",
        "GetTargetTemperatureResponse",
        "ConditionsNotMetError",
        "DeviceFailureError",
        "DriverInternalError",
        "ExpiredAccessTokenError",
        "InvalidAccessTokenError",
        "NoSuchTargetError",
        "NotSupportedInCurrentModeError",
        "TargetOfflineError",
        "UnsupportedOperationError",
        "ValueNotFoundError",
        "ValueOutOfRangeError",
    } == SEED_NAMES
    assert {example["seed"] for example in SEED_EXAMPLES} == {
        "000_fe476b0f5db24c0e.txt",
        "004_de56418dbd0efb54.txt",
    }
    for example in SEED_EXAMPLES:
        message = example["message"]
        assert set(message) == {"header", "payload"}
        assert message["header"]["name"] == example["name"]
        assert message["header"]["namespace"] == "ClovaHome"
        assert message["header"]["payloadVersion"] == "1.0"
        assert isinstance(message["payload"], dict)
    assert len(SEEDS["pairs"]) == 9


def test_seed_pairs_match_the_catalog() -> None:
    for pair in SEEDS["pairs"]:
        spec = REQUESTS[pair["request"]]
        assert spec.response_name == pair["response"]


def test_seed_errors_exist_in_the_protocol() -> None:
    for name in SEED_NAMES:
        if name.endswith("Error"):
            cls = getattr(errors, name)
            assert issubclass(cls, errors.ClovaError)


# ---------------------------------------------------- the nine request/response pairs

Scenario = Callable[[Home], Awaitable[dict[str, Any]]]
PAIR_SCENARIOS: dict[str, Scenario] = {}


def pair_scenario(action: str) -> Callable[[Scenario], Scenario]:
    """Register the scenario that sends ``action``'s request."""

    def register(scenario: Scenario) -> Scenario:
        PAIR_SCENARIOS[action] = scenario
        return scenario

    return register


@pair_scenario("DiscoverAppliances")
async def _discover(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("DiscoverAppliances")
    payload = answer["payload"]
    assert set(payload) == {"discoveredAppliances", "customCommands"}
    assert payload["customCommands"] == []
    appliances = {item["applianceId"]: item for item in payload["discoveredAppliances"]}
    assert set(appliances) == {LIGHT, LOCK, CLIMATE, SWITCH}
    for item in appliances.values():
        for key in (
            "applianceId", "manufacturerName", "modelName", "version", "friendlyName",
            "friendlyDescription",
        ):  # fmt: skip
            assert isinstance(item[key], str), key
            assert item[key], key
        assert item["isIr"] is False
        assert item["isReachable"] is True
        assert isinstance(item["actions"], list)
        assert all(isinstance(action, str) for action in item["actions"])
        assert "HealthCheck" in item["actions"]
        assert isinstance(item["applianceTypes"], list)
        assert len(item["applianceTypes"]) == 1
        assert isinstance(item["additionalApplianceDetails"], dict)
        assert isinstance(item["tags"], list)
    assert appliances[LIGHT]["friendlyName"] == "Kitchen light"
    assert appliances[LIGHT]["applianceTypes"] == ["LIGHT"]
    assert set(appliances[LIGHT]["actions"]) == {
        "GetDeviceState",
        "HealthCheck",
        "TurnOff",
        "TurnOn",
    }
    assert appliances[LOCK]["applianceTypes"] == ["SMARTLOCK"]
    assert set(appliances[LOCK]["actions"]) == {
        "GetDeviceState",
        "GetLockState",
        "HealthCheck",
        "SetLockState",
    }
    assert appliances[SWITCH]["applianceTypes"] == ["SWITCH"]
    climate = appliances[CLIMATE]
    assert climate["applianceTypes"] == ["AIRCONDITIONER"]
    # Its HVAC modes cool and heat are Clova mode codes: SetMode, and ChangeMode to cycle
    # them ("off" has no code).
    assert set(climate["actions"]) == {
        "ChangeMode",
        "ChangePower",
        "DecrementTargetTemperature",
        "GetCurrentTemperature",
        "GetDeviceState",
        "GetTargetTemperature",
        "HealthCheck",
        "IncrementTargetTemperature",
        "SetMode",
        "SetTargetTemperature",
        "TurnOff",
        "TurnOn",
    }
    assert climate["additionalApplianceDetails"] == {
        "actionDetails": [
            {
                "action": "SetMode",
                "allowableValue": {"type": "string", "enumValues": ["cool", "heat"]},
            },
            {
                "action": "SetTargetTemperature",
                "allowableValue": {"type": "boundedNumber", "minValue": 18.0, "maxValue": 30.0},
            },
        ]
    }
    return answer


@pair_scenario("HealthCheck")
async def _health_check(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LIGHT, "on", {"friendly_name": "Kitchen light"})
    answer = await home.clova.request("HealthCheck", LIGHT)
    assert answer["payload"] == {"isReachable": True, "isTurnOn": True}
    # An idle appliance is reachable but not working.
    idle = await home.clova.request("HealthCheck", SWITCH)
    assert answer_name(idle) == "HealthCheckResponse"
    assert idle["payload"] == {"isReachable": True, "isTurnOn": False}
    return answer


@pair_scenario("TurnOn")
async def _turn_on(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("TurnOn", LIGHT)
    assert answer["payload"] == {}
    calls = home.calls["light.turn_on"]
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": LIGHT}
    assert_shape_like_seed(answer, "TurnOnConfirmation")
    return answer


@pair_scenario("TurnOff")
async def _turn_off(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LIGHT, "on", {"friendly_name": "Kitchen light"})
    answer = await home.clova.request("TurnOff", LIGHT)
    assert answer["payload"] == {}
    calls = home.calls["light.turn_off"]
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": LIGHT}
    assert not home.calls["light.turn_on"]
    return answer


@pair_scenario("SetLockState")
async def _set_lock_state(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("SetLockState", LOCK, lockState="LOCKED")
    assert answer["payload"] == {"lockState": "LOCKED"}
    calls = home.calls["lock.lock"]
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": LOCK}
    assert not home.calls["lock.unlock"]
    return answer


@pair_scenario("GetLockState")
async def _get_lock_state(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LOCK, "locked", {"friendly_name": "Front door"})
    answer = await home.clova.request("GetLockState", LOCK)
    payload = answer["payload"]
    assert set(payload) == {"lockState", "applianceResponseTimestamp"}
    assert payload["lockState"] == "LOCKED"
    assert_timestamp(payload["applianceResponseTimestamp"])
    home.hass.states.async_set(LOCK, "unlocked", {"friendly_name": "Front door"})
    unlocked = await home.clova.request("GetLockState", LOCK)
    assert unlocked["payload"]["lockState"] == "UNLOCKED"
    assert all_calls(home) == 0
    return answer


@pair_scenario("IncrementTargetTemperature")
async def _increment(home: Home) -> dict[str, Any]:
    answer = await home.clova.request(
        "IncrementTargetTemperature", CLIMATE, deltaTemperature={"value": 1}
    )
    assert answer["payload"] == {
        "targetTemperature": {"value": 23.0},
        "previousState": {"targetTemperature": {"value": 22.0}},
    }
    assert isinstance(answer["payload"]["targetTemperature"]["value"], float)
    calls = home.calls["climate.set_temperature"]
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": CLIMATE, "temperature": 23.0}
    return answer


@pair_scenario("DecrementTargetTemperature")
async def _decrement(home: Home) -> dict[str, Any]:
    answer = await home.clova.request(
        "DecrementTargetTemperature", CLIMATE, deltaTemperature={"value": 1.5}
    )
    assert answer["payload"] == {
        "targetTemperature": {"value": 20.5},
        "previousState": {"targetTemperature": {"value": 22.0}},
    }
    calls = home.calls["climate.set_temperature"]
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": CLIMATE, "temperature": 20.5}
    return answer


@pair_scenario("GetTargetTemperature")
async def _get_target(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("GetTargetTemperature", CLIMATE)
    payload = answer["payload"]
    assert payload["targetTemperature"] == {"value": 22.0}
    assert_timestamp(payload["applianceResponseTimestamp"])
    assert all_calls(home) == 0
    assert_shape_like_seed(answer, "GetTargetTemperatureResponse")
    return answer


@pytest.mark.parametrize("pair", SEEDS["pairs"], ids=lambda pair: pair["request"])
async def test_seed_pair_over_http(home: Home, pair: dict[str, str]) -> None:
    action = pair["request"].removesuffix("Request")
    answer = await PAIR_SCENARIOS[action](home)
    assert answer_name(answer) == pair["response"] == paired_response(action)
    assert_fresh_header(answer)
    assert home.clova.sent[0]["header"]["name"] == pair["request"]
    assert answer["header"]["messageId"] != home.clova.sent[0]["header"]["messageId"]


def test_every_seed_pair_has_a_scenario() -> None:
    assert set(PAIR_SCENARIOS) == {
        pair["request"].removesuffix("Request") for pair in SEEDS["pairs"]
    }


async def test_health_check_2017_form(home: Home) -> None:
    """EN17's HealthCheck without an appliance lists the reachable appliances."""
    home.hass.states.async_set(SWITCH, "unavailable")
    answer = await home.clova.request("HealthCheck")
    assert answer_name(answer) == "HealthCheckResponse"
    assert answer["payload"] == {"reachableAppliances": sorted([CLIMATE, LIGHT, LOCK])}


async def test_unlock_with_opt_in(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    set_home_states(hass)
    hass.states.async_set(LOCK, "locked", {"friendly_name": "Front door"})
    calls = async_mock_service(hass, "lock", "unlock")
    clova = await setup_clova(exposed=[LOCK], unlock=[LOCK])
    answer = await clova.request("SetLockState", LOCK, lockState="UNLOCKED")
    assert answer_name(answer) == "SetLockStateConfirmation"
    assert answer["payload"] == {"lockState": "UNLOCKED"}
    assert len(calls) == 1
    assert calls[0].data == {"entity_id": LOCK}


async def test_turn_on_confirmation_equals_seed_payload(home: Home) -> None:
    answer = await home.clova.request("TurnOn", LIGHT)
    (example,) = seed_messages("TurnOnConfirmation")
    assert answer["payload"] == example["payload"]
    assert set(answer["header"]) == set(example["header"])


# ------------------------------------------------------------------ the eleven errors

ERROR_SITUATIONS: dict[str, list[Scenario]] = {}


def error_situation(name: str) -> Callable[[Scenario], Scenario]:
    """Register a real situation that must end in the Clova error ``name``."""

    def register(scenario: Scenario) -> Scenario:
        ERROR_SITUATIONS.setdefault(name, []).append(scenario)
        return scenario

    return register


@error_situation("ConditionsNotMetError")
async def _lock_jammed(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LOCK, "jammed", {"friendly_name": "Front door"})
    answer = await home.clova.request("SetLockState", LOCK, lockState="LOCKED")
    assert answer["payload"] == {"state": "a jammed state"}
    assert all_calls(home) == 0
    return answer


@error_situation("DeviceFailureError")
async def _service_raises_ha_error(home: Home) -> dict[str, Any]:
    async def broken(call: ServiceCall) -> None:
        raise HomeAssistantError("the coffee maker does not answer")

    home.hass.services.async_register("switch", "turn_on", broken)
    return await home.clova.request("TurnOn", SWITCH)


@error_situation("DriverInternalError")
async def _service_raises_unexpectedly(home: Home) -> dict[str, Any]:
    async def buggy(call: ServiceCall) -> None:
        raise RuntimeError("a bug in some integration")

    home.hass.services.async_register("switch", "turn_off", buggy)
    return await home.clova.request("TurnOff", SWITCH)


@error_situation("ExpiredAccessTokenError")
async def _token_expired(home: Home) -> dict[str, Any]:
    assert timedelta(minutes=30) == ACCESS_TOKEN_EXPIRATION
    freezer: FrozenDateTimeFactory = home.request.getfixturevalue("freezer")
    # Still valid just before the end of its life...
    freezer.tick(timedelta(minutes=29))
    still_valid = await home.clova.request("TurnOn", LIGHT)
    assert answer_name(still_valid) == "TurnOnConfirmation"
    # ...expired 31 minutes after it was issued.
    freezer.tick(timedelta(minutes=2))
    answer = await home.clova.request("TurnOn", LIGHT)
    assert len(home.calls["light.turn_on"]) == 1
    return answer


@error_situation("InvalidAccessTokenError")
async def _token_garbage(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("TurnOn", LIGHT, token="garbage")
    assert all_calls(home) == 0
    return answer


@error_situation("NoSuchTargetError")
async def _unknown_appliance(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("TurnOn", "light.does_not_exist")
    assert all_calls(home) == 0
    return answer


@error_situation("NoSuchTargetError")
async def _appliance_not_exposed(home: Home) -> dict[str, Any]:
    home.hass.states.async_set("light.hidden", "off")
    answer = await home.clova.request("TurnOn", "light.hidden")
    assert all_calls(home) == 0
    return answer


@error_situation("NotSupportedInCurrentModeError")
async def _climate_fan_only(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(CLIMATE, HVACMode.FAN_ONLY, CLIMATE_ATTRIBUTES)
    answer = await home.clova.request(
        "IncrementTargetTemperature", CLIMATE, deltaTemperature={"value": 1}
    )
    assert all_calls(home) == 0
    return answer


@error_situation("TargetOfflineError")
async def _light_unavailable(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LIGHT, "unavailable", {"friendly_name": "Kitchen light"})
    answer = await home.clova.request("TurnOn", LIGHT)
    assert all_calls(home) == 0
    return answer


@error_situation("UnsupportedOperationError")
async def _unlock_without_opt_in(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(LOCK, "locked", {"friendly_name": "Front door"})
    answer = await home.clova.request("SetLockState", LOCK, lockState="UNLOCKED")
    assert all_calls(home) == 0
    return answer


@error_situation("UnsupportedOperationError")
async def _turn_on_a_lock(home: Home) -> dict[str, Any]:
    answer = await home.clova.request("TurnOn", LOCK)
    assert all_calls(home) == 0
    return answer


@error_situation("ValueNotFoundError")
async def _no_current_temperature(home: Home) -> dict[str, Any]:
    home.hass.states.async_set(
        CLIMATE, HVACMode.COOL, {**CLIMATE_ATTRIBUTES, "current_temperature": None}
    )
    return await home.clova.request("GetCurrentTemperature", CLIMATE)


@error_situation("ValueOutOfRangeError")
async def _target_too_high(home: Home) -> dict[str, Any]:
    answer = await home.clova.request(
        "SetTargetTemperature", CLIMATE, targetTemperature={"value": 40}
    )
    assert answer["payload"] == {"minimumValue": 18.0, "maximumValue": 30.0}
    # The seed's own example has exactly this range.
    (example,) = seed_messages("ValueOutOfRangeError")
    assert answer["payload"] == example["payload"]
    assert all_calls(home) == 0
    return answer


ERROR_CASES = [
    pytest.param(name, scenario, id=f"{name}-{scenario.__name__.lstrip('_')}")
    for name, scenarios in ERROR_SITUATIONS.items()
    for scenario in scenarios
]


@pytest.mark.parametrize(("name", "scenario"), ERROR_CASES)
async def test_seed_error_over_http(home: Home, name: str, scenario: Scenario) -> None:
    answer = await scenario(home)  # ClovaClient.send asserts HTTP 200
    assert answer_name(answer) == name, answer
    assert_fresh_header(answer)
    assert_shape_like_seed(answer, name)


# ------------------------------------------------------------------- seed coverage

# The success examples of the seeds, each checked by the scenario named here.
SUCCESS_SEED_CHECKS = {
    "TurnOnConfirmation": _turn_on,
    "GetTargetTemperatureResponse": _get_target,
}


def test_every_seed_example_is_used() -> None:
    used = set(ERROR_SITUATIONS) | set(SUCCESS_SEED_CHECKS)
    assert used == SEED_NAMES
    for scenario in SUCCESS_SEED_CHECKS.values():
        assert scenario in PAIR_SCENARIOS.values()
    # The success examples are answers to seed pairs.
    assert set(SUCCESS_SEED_CHECKS) <= {pair["response"] for pair in SEEDS["pairs"]}
