"""Unit tests of the pure protocol layer (``custom_components/clova_home/protocol``).

Nothing here needs Home Assistant: the layer parses, validates and builds Clova Home
messages, names the errors and checks ``SignatureCEK``.
"""

from __future__ import annotations

import ast
import base64
from collections.abc import Callable
import contextlib
import hashlib
import inspect
import json
from pathlib import Path
from typing import Any
import uuid

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, padding, rsa, utils
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
import voluptuous as vol

from custom_components.clova_home.protocol import catalog, errors
from custom_components.clova_home.protocol.catalog import (
    ACTIONS,
    APPLIANCE_TYPES,
    LOCK_STATES,
    NAMESPACE,
    PAYLOAD_VERSION,
    PAYLOAD_VERSIONS,
    REQUESTS,
    ActionKind,
    ActionSpec,
)
from custom_components.clova_home.protocol.errors import (
    ClovaError,
    ConditionsNotMetError,
    NoSuchTargetError,
    UnsupportedOperationError,
    ValueOutOfRangeError,
)
from custom_components.clova_home.protocol.messages import (
    ClovaRequest,
    InvalidEnvelope,
    build_error,
    build_message,
    parse_envelope,
    validate_payload,
)
from custom_components.clova_home.protocol.schemas import number
from custom_components.clova_home.protocol.signature import (
    SIGNATURE_HEADER,
    SignatureVerifier,
    fingerprint,
    load_public_key,
)

from .helpers import new_private_key, public_pem, request_message, sign

PROTOCOL_DIR = Path(catalog.__file__).parent
KEYS_DIR = PROTOCOL_DIR / "keys"

TOKEN = "an-access-token"


def envelope(name: str, appliance_id: str | None = None, **payload: Any) -> dict[str, Any]:
    """A valid request envelope as a dict (``name`` without ``Request``)."""
    return request_message(name, TOKEN, appliance_id, **payload)


def encode(message: Any) -> bytes:
    """JSON bytes of ``message``."""
    return json.dumps(message).encode()


def parsed(name: str, appliance_id: str | None = None, **payload: Any) -> ClovaRequest:
    """A parsed request (the envelope is valid)."""
    return parse_envelope(encode(envelope(name, appliance_id, **payload)))


# --------------------------------------------------------------------------- catalog


def test_catalog_constants() -> None:
    assert NAMESPACE == "ClovaHome"
    assert PAYLOAD_VERSION == "1.0"
    assert frozenset({"1.0"}) == PAYLOAD_VERSIONS
    assert LOCK_STATES == ("LOCKED", "UNLOCKED")


@pytest.mark.parametrize("spec", list(ACTIONS.values()), ids=list(ACTIONS))
def test_action_message_names(spec: ActionSpec) -> None:
    assert spec.request_name == f"{spec.name}Request"
    if spec.kind is ActionKind.CONTROL:
        assert spec.response_name == f"{spec.name}Confirmation"
        assert spec.needs_appliance
    else:
        assert spec.response_name == f"{spec.name}Response"
    if spec.kind is ActionKind.QUERY:
        assert spec.needs_appliance
    if spec.kind in (ActionKind.DISCOVERY, ActionKind.HEALTH):
        assert not spec.needs_appliance


def test_action_kinds_of_well_known_actions() -> None:
    expected = {
        "DiscoverAppliances": ActionKind.DISCOVERY,
        "DiscoverScenes": ActionKind.DISCOVERY,
        "HealthCheck": ActionKind.HEALTH,
        "TurnOn": ActionKind.CONTROL,
        "TurnOff": ActionKind.CONTROL,
        "SetLockState": ActionKind.CONTROL,
        "IncrementTargetTemperature": ActionKind.CONTROL,
        "DecrementTargetTemperature": ActionKind.CONTROL,
        "SetTargetTemperature": ActionKind.CONTROL,
        "ActionScene": ActionKind.CONTROL,
        "GetLockState": ActionKind.QUERY,
        "GetTargetTemperature": ActionKind.QUERY,
        "GetCurrentTemperature": ActionKind.QUERY,
        "GetDeviceState": ActionKind.QUERY,
    }
    for name, kind in expected.items():
        assert ACTIONS[name].kind is kind, name
        assert ACTIONS[name].name == name


def test_requests_table() -> None:
    assert len(REQUESTS) == len(ACTIONS)
    for request_name, spec in REQUESTS.items():
        assert request_name.endswith("Request")
        assert request_name == spec.request_name
        assert ACTIONS[spec.name] is spec
    # Answers and errors are never requests.
    assert "TurnOnConfirmation" not in REQUESTS
    assert "GetLockStateResponse" not in REQUESTS
    assert "TargetOfflineError" not in REQUESTS


def test_response_names_are_unique_and_never_requests() -> None:
    response_names = [spec.response_name for spec in ACTIONS.values()]
    assert len(set(response_names)) == len(response_names)
    assert not set(response_names) & REQUESTS.keys()


def test_appliance_types_permit_only_known_actions() -> None:
    assert len(APPLIANCE_TYPES) == 57
    for appliance_type, permitted in APPLIANCE_TYPES.items():
        assert appliance_type == appliance_type.upper()
        assert isinstance(permitted, frozenset)
        assert permitted, appliance_type
        assert permitted <= ACTIONS.keys(), (appliance_type, permitted - ACTIONS.keys())
        # Discovery is not an appliance action.
        assert not permitted & {"DiscoverAppliances", "DiscoverScenes"}, appliance_type


def test_every_action_used_by_a_type_exists() -> None:
    used = frozenset().union(*APPLIANCE_TYPES.values())
    assert used <= ACTIONS.keys()
    for action in used:
        assert ACTIONS[action].name == action


@pytest.mark.parametrize(
    ("appliance_type", "actions"),
    [
        ("SMARTLOCK", "GetDeviceState GetLockState HealthCheck SetLockState"),
        ("SMARTVALVE", "GetDeviceState GetLockState SetLockState"),
        ("SWITCH", "GetDeviceState HealthCheck TurnOff TurnOn"),
        ("SMARTPLUG", "GetConsumption GetDeviceState GetEstimateBill HealthCheck TurnOff TurnOn"),
        (
            "HEATER",
            "DecrementTargetTemperature GetCurrentTemperature GetDeviceState"
            " GetTargetTemperature HealthCheck IncrementTargetTemperature"
            " SetTargetTemperature TurnOff TurnOn",
        ),
        (
            "AIRCONDITIONER",
            "ChangeFanSpeed ChangeMode ChangePower DecrementFanSpeed"
            " DecrementTargetTemperature GetCurrentTemperature GetDeviceState"
            " GetTargetTemperature HealthCheck IncrementFanSpeed IncrementTargetTemperature"
            " SetFanSpeed SetMode SetTargetTemperature StartOscillation StopOscillation"
            " TurnOff TurnOn",
        ),
        (
            "LIGHT",
            "DecrementBrightness DecrementVolume GetDeviceState HealthCheck"
            " IncrementBrightness IncrementVolume ReleaseMode SetBrightness SetColor"
            " SetColorTemperature SetMode TurnOff TurnOn",
        ),
        ("BUILDING_ELEVATOR_CALLER", "CallElevator"),
        ("BUILDING_GAS_METER", "GetConsumption"),
        ("OVEN", "GetDeviceState GetRemainingTime HealthCheck Preheat"),
        ("SMARTCURTAIN", "Close GetDeviceState HealthCheck Open Stop"),
    ],
)
def test_appliance_type_spot_checks(appliance_type: str, actions: str) -> None:
    assert APPLIANCE_TYPES[appliance_type] == frozenset(actions.split())


def test_types_the_integration_relies_on_exist() -> None:
    for appliance_type in (
        "AIRCONDITIONER", "FAN", "HEATER", "LIGHT", "SMARTLOCK", "SMARTPLUG", "SWITCH",
        "THERMOSTAT",
    ):  # fmt: skip
        assert "HealthCheck" in APPLIANCE_TYPES[appliance_type]
    # A valve locks but has no HealthCheck in the 2021 table.
    assert "HealthCheck" not in APPLIANCE_TYPES["SMARTVALVE"]


# ---------------------------------------------------------------------------- errors


def _error_classes() -> list[type[ClovaError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, ClovaError) and cls is not ClovaError
    ]


def _instance(cls: type[ClovaError]) -> ClovaError:
    if cls is ConditionsNotMetError:
        return ConditionsNotMetError("Power-saving mode")
    if cls is ValueOutOfRangeError:
        return ValueOutOfRangeError(18.0, 30.0)
    return cls()


def test_all_documented_errors_exist() -> None:
    names = {cls.__name__ for cls in _error_classes()}
    assert names == {
        "ActionTemporarilyBlockedError",
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
        "ValueNotSupportedError",
        "ValueOutOfRangeError",
    }


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda cls: cls.__name__)
def test_error_name_and_payload(cls: type[ClovaError]) -> None:
    error = _instance(cls)
    assert isinstance(error, Exception)
    assert error.name == cls.__name__
    assert error.name.endswith("Error")
    if cls is ConditionsNotMetError:
        assert error.payload() == {"state": "Power-saving mode"}
    elif cls is ValueOutOfRangeError:
        assert error.payload() == {"minimumValue": 18.0, "maximumValue": 30.0}
    else:
        assert error.payload() == {}


def test_error_payload_is_fresh_each_time() -> None:
    error = ConditionsNotMetError("jammed")
    first = error.payload()
    first["state"] = "changed"
    assert error.payload() == {"state": "jammed"}
    assert ValueOutOfRangeError(-5, 5.5).payload() == {"minimumValue": -5, "maximumValue": 5.5}


def test_errors_can_be_raised_bare() -> None:
    with pytest.raises(NoSuchTargetError) as info:
        raise NoSuchTargetError
    assert info.value.name == "NoSuchTargetError"


# -------------------------------------------------------------------- parse_envelope


def test_parse_envelope_accepts_a_valid_request() -> None:
    message = envelope("TurnOn", "light.kitchen")
    request = parse_envelope(encode(message))
    assert request.message_id == message["header"]["messageId"]
    assert request.spec is ACTIONS["TurnOn"]
    assert request.payload == {"accessToken": TOKEN, "appliance": {"applianceId": "light.kitchen"}}
    assert request.access_token == TOKEN
    assert request.appliance_id == "light.kitchen"


def test_parse_envelope_accepts_every_request_name() -> None:
    for request_name, spec in REQUESTS.items():
        message = envelope(spec.name)
        assert message["header"]["name"] == request_name
        assert parse_envelope(encode(message)).spec is spec


def test_parse_envelope_tolerates_extra_fields_and_key_order() -> None:
    raw = (
        b'{"payload": {"accessToken": "t", "extra": [1, 2]}, "extra": true,'
        b' "header": {"payloadVersion": "1.0", "name": "DiscoverAppliancesRequest",'
        b' "namespace": "ClovaHome", "messageId": "m-1", "more": null}}'
    )
    request = parse_envelope(raw)
    assert request.spec.name == "DiscoverAppliances"
    assert request.message_id == "m-1"
    assert request.payload == {"accessToken": "t", "extra": [1, 2]}


def test_parse_envelope_accepts_utf8_text() -> None:
    message = envelope("TurnOn", "light.거실")
    request = parse_envelope(json.dumps(message, ensure_ascii=False).encode())
    assert request.appliance_id == "light.거실"


def _with_header(**changes: Any) -> bytes:
    message = envelope("TurnOn", "light.kitchen")
    message["header"].update(changes)
    return encode(message)


def _without(part: str, key: str | None = None) -> bytes:
    message = envelope("TurnOn", "light.kitchen")
    if key is None:
        del message[part]
    else:
        del message[part][key]
    return encode(message)


def _with_payload(payload: Any) -> bytes:
    message = envelope("TurnOn", "light.kitchen")
    message["payload"] = payload
    return encode(message)


VALID = encode(envelope("TurnOn", "light.kitchen"))


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"not json", id="not-json"),
        pytest.param(b"{", id="truncated"),
        pytest.param(VALID[:-1], id="truncated-envelope"),
        pytest.param(VALID + b"}", id="trailing-garbage"),
        pytest.param(b'{"header": "\xff\xfe"}', id="invalid-utf8"),
        pytest.param(b"\xff" + VALID, id="invalid-utf8-prefix"),
        pytest.param(VALID.replace(b'"1.0"', b'"\xc3"'), id="truncated-utf8-sequence"),
        pytest.param(VALID.replace(b'"1.0"', b'"\\ud800"'), id="lone-high-surrogate"),
        pytest.param(VALID.replace(b'"1.0"', b'"\\udc00"'), id="lone-low-surrogate"),
        pytest.param(VALID.replace(b'"1.0"', b"NaN"), id="nan-literal"),
        pytest.param(b"NaN", id="bare-nan"),
        pytest.param(b"Infinity", id="bare-infinity"),
        pytest.param(b"-Infinity", id="bare-minus-infinity"),
        pytest.param(
            encode(envelope("TurnOn", "light.kitchen", x=0)).replace(b'"x": 0', b'"x": Infinity'),
            id="infinity-in-payload",
        ),
        pytest.param(
            encode(envelope("TurnOn", "light.kitchen", x=0)).replace(b'"x": 0', b'"x": NaN'),
            id="nan-in-payload",
        ),
        pytest.param(b"1e400", id="huge-number"),
        pytest.param(
            encode(envelope("TurnOn", "light.kitchen", x=0)).replace(b'"x": 0', b'"x": 1e400'),
            id="huge-number-in-payload",
        ),
        pytest.param(b"[]", id="array"),
        pytest.param(encode([envelope("TurnOn", "light.kitchen")]), id="array-of-envelope"),
        pytest.param(b'"TurnOnRequest"', id="string"),
        pytest.param(b"null", id="null"),
        pytest.param(b"42", id="number"),
        pytest.param(b"true", id="boolean"),
        pytest.param(b"{}", id="empty-object"),
        pytest.param(_without("header"), id="missing-header"),
        pytest.param(_without("payload"), id="missing-payload"),
        pytest.param(_without("header", "messageId"), id="missing-message-id"),
        pytest.param(_without("header", "namespace"), id="missing-namespace"),
        pytest.param(_without("header", "name"), id="missing-name"),
        pytest.param(_without("header", "payloadVersion"), id="missing-payload-version"),
        pytest.param(_with_payload(None), id="payload-null"),
        pytest.param(_with_payload([]), id="payload-array"),
        pytest.param(_with_payload("x"), id="payload-string"),
        pytest.param(_with_payload(1), id="payload-number"),
        pytest.param(encode({"header": [], "payload": {}}), id="header-array"),
        pytest.param(encode({"header": None, "payload": {}}), id="header-null"),
        pytest.param(_with_header(namespace="Alexa.ConnectedHome.Control"), id="wrong-namespace"),
        pytest.param(_with_header(namespace="clovahome"), id="namespace-case"),
        pytest.param(_with_header(name="MakeCoffeeRequest"), id="unknown-name"),
        pytest.param(_with_header(name="TurnOn"), id="name-without-suffix"),
        pytest.param(_with_header(name="TurnOnConfirmation"), id="confirmation-name"),
        pytest.param(_with_header(name="GetLockStateResponse"), id="response-name"),
        pytest.param(_with_header(name="TargetOfflineError"), id="error-name"),
        pytest.param(_with_header(name=["TurnOnRequest"]), id="name-list"),
        pytest.param(_with_header(name={"a": 1}), id="name-object"),
        pytest.param(_with_header(name=None), id="name-null"),
        pytest.param(_with_header(payloadVersion="2.0"), id="payload-version-2"),
        pytest.param(_with_header(payloadVersion=1.0), id="payload-version-number"),
        pytest.param(_with_header(payloadVersion=["1.0"]), id="payload-version-list"),
        pytest.param(_with_header(messageId=1), id="message-id-number"),
        pytest.param(_with_header(messageId=None), id="message-id-null"),
        pytest.param(_with_header(messageId=True), id="message-id-bool"),
        pytest.param(_with_header(messageId=["x"]), id="message-id-list"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deeply-nested-lists"),
        pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, id="deeply-nested-objects"),
        pytest.param(
            VALID[:-1] + b', "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            id="deeply-nested-inside-envelope",
        ),
    ],
)
def test_parse_envelope_rejects(raw: bytes) -> None:
    with pytest.raises(InvalidEnvelope):
        parse_envelope(raw)


def test_invalid_envelope_is_a_value_error() -> None:
    assert issubclass(InvalidEnvelope, ValueError)
    with pytest.raises(InvalidEnvelope) as info:
        parse_envelope(b"[" * 100_000)
    assert not isinstance(info.value, RecursionError)
    assert info.value.__cause__ is None


# ---------------------------------------------------------- ClovaRequest properties


@pytest.mark.parametrize(
    ("payload", "token", "appliance_id"),
    [
        ({}, None, None),
        ({"accessToken": "tok", "appliance": {"applianceId": "a-1"}}, "tok", "a-1"),
        ({"accessToken": ""}, "", None),
        ({"accessToken": 12}, None, None),
        ({"accessToken": None}, None, None),
        ({"accessToken": ["tok"]}, None, None),
        ({"accessToken": {"value": "tok"}}, None, None),
        ({"accessToken": True}, None, None),
        ({"appliance": None}, None, None),
        ({"appliance": "a-1"}, None, None),
        ({"appliance": ["a-1"]}, None, None),
        ({"appliance": {}}, None, None),
        ({"appliance": {"applianceId": None}}, None, None),
        ({"appliance": {"applianceId": 7}}, None, None),
        ({"appliance": {"applianceId": ["a-1"]}}, None, None),
        ({"appliance": {"applianceId": {"id": "a-1"}}}, None, None),
        ({"appliance": {"applianceId": ""}}, None, ""),
        ({"appliance": {"applianceId": "a-1", "extra": 1}}, None, "a-1"),
    ],
)
def test_request_properties_with_odd_types(
    payload: dict[str, Any], token: str | None, appliance_id: str | None
) -> None:
    request = ClovaRequest("m", ACTIONS["TurnOn"], payload)
    assert request.access_token == token
    assert request.appliance_id == appliance_id


# ------------------------------------------------------------------ validate_payload


@pytest.mark.parametrize(
    "action",
    [name for name, spec in ACTIONS.items() if spec.needs_appliance],
)
def test_validate_payload_missing_appliance(action: str) -> None:
    with pytest.raises(NoSuchTargetError):
        validate_payload(parsed(action))


@pytest.mark.parametrize(
    "appliance",
    [
        pytest.param(None, id="null"),
        pytest.param("light.kitchen", id="string"),
        pytest.param([], id="list"),
        pytest.param({}, id="no-id"),
        pytest.param({"applianceId": ""}, id="empty-id"),
        pytest.param({"applianceId": None}, id="null-id"),
        pytest.param({"applianceId": 5}, id="number-id"),
        pytest.param({"applianceId": True}, id="bool-id"),
        pytest.param({"applianceId": ["light.kitchen"]}, id="list-id"),
        pytest.param({"applianceId": {"id": "x"}}, id="object-id"),
    ],
)
@pytest.mark.parametrize("action", ["TurnOn", "GetLockState", "SetLockState"])
def test_validate_payload_bad_appliance(action: str, appliance: Any) -> None:
    request = parsed(action, lockState="LOCKED", appliance=appliance)
    with pytest.raises(NoSuchTargetError):
        validate_payload(request)


@pytest.mark.parametrize("action", ["DiscoverAppliances", "DiscoverScenes", "HealthCheck"])
def test_validate_payload_no_appliance_needed(action: str) -> None:
    request = parsed(action)
    assert validate_payload(request) == {"accessToken": TOKEN}


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("IncrementTargetTemperature", {}),
        ("IncrementTargetTemperature", {"deltaTemperature": None}),
        ("IncrementTargetTemperature", {"deltaTemperature": 1}),
        ("IncrementTargetTemperature", {"deltaTemperature": {}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": "1"}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": "one"}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": True}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": False}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": None}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": [1]}}),
        ("DecrementTargetTemperature", {}),
        ("DecrementTargetTemperature", {"deltaTemperature": {"value": "2.5"}}),
        ("DecrementTargetTemperature", {"deltaTemperature": {"value": True}}),
        ("SetTargetTemperature", {}),
        ("SetTargetTemperature", {"targetTemperature": {"value": "22"}}),
        ("SetTargetTemperature", {"targetTemperature": {"value": False}}),
        ("SetTargetTemperature", {"targetTemperature": 22}),
        ("SetLockState", {}),
        ("SetLockState", {"lockState": None}),
        ("SetLockState", {"lockState": "locked"}),
        ("SetLockState", {"lockState": "OPEN"}),
        ("SetLockState", {"lockState": ""}),
        ("SetLockState", {"lockState": True}),
        ("SetLockState", {"lockState": ["LOCKED"]}),
        ("SetLockState", {"lockState": {"value": "LOCKED"}}),
    ],
)
def test_validate_payload_bad_parameters(action: str, payload: dict[str, Any]) -> None:
    request = parsed(action, "climate.living_room", **payload)
    with pytest.raises(UnsupportedOperationError):
        validate_payload(request)


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("TurnOn", {}),
        ("TurnOff", {"unknownField": [1, 2, 3]}),
        ("GetLockState", {}),
        ("SetLockState", {"lockState": "LOCKED"}),
        ("SetLockState", {"lockState": "UNLOCKED"}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": 1}}),
        ("IncrementTargetTemperature", {"deltaTemperature": {"value": 0.5, "unit": "C"}}),
        ("DecrementTargetTemperature", {"deltaTemperature": {"value": 2.0}}),
        ("SetTargetTemperature", {"targetTemperature": {"value": 24}}),
        ("SetTargetTemperature", {"targetTemperature": {"value": -3.5}}),
        ("GetTargetTemperature", {}),
    ],
)
def test_validate_payload_accepts_valid_payloads(action: str, payload: dict[str, Any]) -> None:
    request = parsed(action, "appliance-1", **payload)
    validated = validate_payload(request)
    assert validated["appliance"] == {"applianceId": "appliance-1"}
    assert validated["accessToken"] == TOKEN
    for key in payload:
        assert key in validated


def test_validate_payload_turns_numbers_into_floats() -> None:
    request = parsed("IncrementTargetTemperature", "a", deltaTemperature={"value": 2})
    validated = validate_payload(request)
    assert validated["deltaTemperature"]["value"] == 2.0
    assert isinstance(validated["deltaTemperature"]["value"], float)


def test_validate_payload_checks_the_appliance_first() -> None:
    """An unknown target is reported before a bad parameter."""
    request = parsed("SetLockState", lockState="AJAR", appliance={"applianceId": ""})
    with pytest.raises(NoSuchTargetError):
        validate_payload(request)


# ------------------------------------------------------------------- schemas.number


@pytest.mark.parametrize("value", [0, 1, -1, 22.5, -40.25, 1e300, 2**53])
def test_number_accepts_finite_numbers(value: float) -> None:
    result = number(value)
    assert result == float(value)
    assert isinstance(result, float)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        "1",
        "22.5",
        "",
        None,
        [1],
        {"value": 1},
        float("inf"),
        float("-inf"),
        float("nan"),
        10**400,  # an int too large for a float
    ],
    ids=lambda value: repr(value)[:20],
)
def test_number_rejects(value: Any) -> None:
    with pytest.raises(vol.Invalid):
        number(value)


# ------------------------------------------------------- build_message / build_error


def _assert_header(message: dict[str, Any], name: str) -> None:
    assert set(message) == {"header", "payload"}
    header = message["header"]
    assert set(header) == {"messageId", "namespace", "name", "payloadVersion"}
    assert header["namespace"] == "ClovaHome"
    assert header["name"] == name
    assert header["payloadVersion"] == "1.0"
    assert isinstance(header["messageId"], str)
    message_id = uuid.UUID(header["messageId"])
    assert str(message_id) == header["messageId"]
    assert message_id.version == 4
    assert message_id.variant == uuid.RFC_4122


def test_build_message() -> None:
    payload = {"lockState": "LOCKED"}
    message = build_message("SetLockStateConfirmation", payload)
    _assert_header(message, "SetLockStateConfirmation")
    assert message["payload"] == {"lockState": "LOCKED"}
    # The answer survives a JSON round trip unchanged.
    assert json.loads(json.dumps(message)) == message


def test_build_message_uses_a_fresh_message_id() -> None:
    ids = {build_message("TurnOnConfirmation", {})["header"]["messageId"] for _ in range(1000)}
    assert len(ids) == 1000
    for text in ids:  # every one a version-4 UUID in its canonical text form
        parsed = uuid.UUID(text)
        assert (str(parsed), parsed.version, parsed.variant) == (text, 4, uuid.RFC_4122)


@pytest.mark.parametrize(
    ("error", "payload"),
    [
        (NoSuchTargetError(), {}),
        (UnsupportedOperationError(), {}),
        (ConditionsNotMetError("a jammed state"), {"state": "a jammed state"}),
        (ValueOutOfRangeError(18.0, 30.0), {"minimumValue": 18.0, "maximumValue": 30.0}),
    ],
    ids=lambda value: type(value).__name__,
)
def test_build_error(error: ClovaError, payload: dict[str, Any]) -> None:
    message = build_error(error)
    _assert_header(message, error.name)
    assert message["payload"] == payload


def test_build_error_uses_a_fresh_message_id() -> None:
    error = NoSuchTargetError()
    assert build_error(error)["header"]["messageId"] != build_error(error)["header"]["messageId"]


# ------------------------------------------------------------------------- signature

BODY = encode(envelope("TurnOn", "light.kitchen"))


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    """A second key, not trusted by default."""
    return new_private_key()


def _public(key: rsa.RSAPrivateKey) -> rsa.RSAPublicKey:
    return load_public_key(public_pem(key))


def test_signature_header_name() -> None:
    assert SIGNATURE_HEADER == "SignatureCEK"


def test_verify_accepts_a_correct_signature(signing_key: rsa.RSAPrivateKey) -> None:
    verifier = SignatureVerifier([_public(signing_key)])
    assert verifier.verify(BODY, sign(signing_key, BODY)) is True
    # Surrounding whitespace, as a header value may carry, is tolerated.
    assert verifier.verify(BODY, f" {sign(signing_key, BODY)}\n") is True


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("not base64!", id="bad-base64"),
        pytest.param("QUJD=", id="bad-padding"),
        pytest.param("ÄÖÜ", id="non-ascii"),
        pytest.param(base64.b64encode(b"short").decode(), id="wrong-length"),
        pytest.param(base64.b64encode(bytes(256)).decode(), id="zero-bytes"),
    ],
)
def test_verify_rejects_malformed_signatures(
    signing_key: rsa.RSAPrivateKey, signature: str | None
) -> None:
    verifier = SignatureVerifier([_public(signing_key)])
    assert verifier.verify(BODY, signature) is False


def test_verify_rejects_a_signature_of_another_body(signing_key: rsa.RSAPrivateKey) -> None:
    verifier = SignatureVerifier([_public(signing_key)])
    other_body = encode(envelope("TurnOff", "light.kitchen"))
    assert verifier.verify(BODY, sign(signing_key, other_body)) is False
    # One byte more or less is another body too.
    assert verifier.verify(BODY + b" ", sign(signing_key, BODY)) is False
    assert verifier.verify(BODY[:-1], sign(signing_key, BODY)) is False


def test_verify_rejects_another_keys_signature(
    signing_key: rsa.RSAPrivateKey, other_key: rsa.RSAPrivateKey
) -> None:
    verifier = SignatureVerifier([_public(signing_key)])
    assert verifier.verify(BODY, sign(other_key, BODY)) is False


def test_verify_with_several_keys(
    signing_key: rsa.RSAPrivateKey, other_key: rsa.RSAPrivateKey
) -> None:
    bundled = [load_public_key((KEYS_DIR / "kr.pem").read_bytes())]
    verifier = SignatureVerifier([*bundled, _public(other_key), _public(signing_key)])
    assert len(verifier.keys) == 3
    assert verifier.verify(BODY, sign(signing_key, BODY)) is True
    assert verifier.verify(BODY, sign(other_key, BODY)) is True
    assert verifier.verify(BODY, sign(new_private_key(), BODY)) is False


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param((padding.PKCS1v15(), hashes.SHA1()), id="pkcs1-sha1"),  # noqa: S303
        pytest.param((padding.PKCS1v15(), hashes.SHA512()), id="pkcs1-sha512"),
        pytest.param((padding.PKCS1v15(), hashes.SHA384()), id="pkcs1-sha384"),
        pytest.param(
            (padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.MAX_LENGTH), hashes.SHA256()),
            id="pss-sha256",
        ),
    ],
)
def test_verify_rejects_other_signature_schemes(
    signing_key: rsa.RSAPrivateKey, scheme: tuple[padding.AsymmetricPadding, hashes.HashAlgorithm]
) -> None:
    """Only PKCS#1 v1.5 over the SHA-256 DigestInfo is a SignatureCEK."""
    verifier = SignatureVerifier([_public(signing_key)])
    assert verifier.verify(BODY, _b64(signing_key.sign(BODY, *scheme))) is False


def test_verify_rejects_a_raw_hash_without_its_digest_info(
    signing_key: rsa.RSAPrivateKey,
) -> None:
    """A block that carries the bare SHA-256 (no DigestInfo) is not a signature of the body."""
    digest = hashlib.sha256(BODY).digest()
    raw = signing_key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
    assert SignatureVerifier([_public(signing_key)]).verify(BODY, _b64(raw)) is True
    bare = _raw_pkcs1_sign(signing_key, digest)
    assert SignatureVerifier([_public(signing_key)]).verify(BODY, _b64(bare)) is False


def _raw_pkcs1_sign(key: rsa.RSAPrivateKey, payload: bytes) -> bytes:
    """A PKCS#1 v1.5 signature block around any ``payload``, by the textbook formula."""
    numbers = key.private_numbers()
    size = (key.key_size + 7) // 8
    block = b"\x00\x01" + b"\xff" * (size - len(payload) - 3) + b"\x00" + payload
    value = pow(int.from_bytes(block, "big"), numbers.d, numbers.public_numbers.n)
    return value.to_bytes(size, "big")


def test_verify_needs_the_full_length_signature(signing_key: rsa.RSAPrivateKey) -> None:
    """A signature whose leading zero byte is dropped is refused, as by ``verify``."""
    for index in range(5000):
        body = BODY + b" " * index
        raw = base64.b64decode(sign(signing_key, body))
        if raw[0] == 0:
            break
    else:  # pragma: no cover - one signature in 256 starts with a zero byte
        pytest.fail("no signature with a leading zero byte")
    verifier = SignatureVerifier([_public(signing_key)])
    assert verifier.verify(body, _b64(raw)) is True
    assert verifier.verify(body, _b64(raw[1:])) is False
    assert verifier.verify(body, _b64(b"\x00" + raw)) is False


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.binary(max_size=600),
    flip=st.one_of(st.none(), st.integers(min_value=0, max_value=256 * 8 - 1)),
    other_body=st.booleans(),
)
def test_verify_agrees_with_cryptography(
    signing_key: rsa.RSAPrivateKey, body: bytes, flip: int | None, other_body: bool
) -> None:
    """The verdict equals ``RSAPublicKey.verify``'s, for good and damaged signatures."""
    raw = bytearray(base64.b64decode(sign(signing_key, body)))
    if flip is not None:
        raw[flip // 8] ^= 1 << (flip % 8)
    checked = body + b"x" if other_body else body
    public = signing_key.public_key()
    try:
        public.verify(bytes(raw), checked, padding.PKCS1v15(), hashes.SHA256())
        expected = True
    except InvalidSignature:
        expected = False
    assert SignatureVerifier([public]).verify(checked, _b64(bytes(raw))) is expected


def test_verify_without_keys_rejects_everything(signing_key: rsa.RSAPrivateKey) -> None:
    verifier = SignatureVerifier(iter(()))
    assert verifier.verify(BODY, sign(signing_key, BODY)) is False


def test_load_public_key_accepts_str_and_bytes(signing_key: rsa.RSAPrivateKey) -> None:
    pem = public_pem(signing_key)
    from_str = load_public_key(pem)
    from_bytes = load_public_key(pem.encode())
    assert isinstance(from_str, rsa.RSAPublicKey)
    assert fingerprint(from_str) == fingerprint(from_bytes)


def _ec_public_pem() -> bytes:
    return (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def _other_public_pem(kind: str) -> bytes:
    key = (
        dsa.generate_private_key(2048).public_key()
        if kind == "dsa"
        else ed25519.Ed25519PrivateKey.generate().public_key()
    )
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _private_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.mark.parametrize(
    "make_pem",
    [
        pytest.param(lambda key: b"", id="empty"),
        pytest.param(lambda key: "garbage", id="garbage-str"),
        pytest.param(lambda key: b"\x00\xff garbage", id="garbage-bytes"),
        pytest.param(
            lambda key: b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
            id="broken-pem",
        ),
        pytest.param(lambda key: public_pem(key)[:-40], id="truncated-pem"),
        pytest.param(_private_pem, id="private-key-pem"),
        pytest.param(lambda key: _ec_public_pem(), id="ec-public-key"),
        pytest.param(lambda key: _other_public_pem("dsa"), id="dsa-public-key"),
        pytest.param(lambda key: _other_public_pem("ed25519"), id="ed25519-public-key"),
        pytest.param(
            lambda key: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            id="certificate-pem",
        ),
    ],
)
def test_load_public_key_rejects(
    signing_key: rsa.RSAPrivateKey, make_pem: Callable[[rsa.RSAPrivateKey], str | bytes]
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the documented contract is ValueError
        load_public_key(make_pem(signing_key))


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("kr.pem", "048b2e92791c0bfd1261f14b5449b0081b5c8ba11e6ea8df33efbe0639d76d40"),
        ("jp.pem", "0aa9590f35a0646b12ceeb09103ba0cbdde4a97b8dca10d956550f3f8c1bee86"),
    ],
)
def test_bundled_key_fingerprints(file: str, expected: str) -> None:
    key = load_public_key((KEYS_DIR / file).read_text())
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size >= 2048
    assert fingerprint(key) == expected


def test_fingerprint_is_sha256_hex(signing_key: rsa.RSAPrivateKey) -> None:
    value = fingerprint(_public(signing_key))
    assert len(value) == 64
    assert int(value, 16) >= 0
    assert value != fingerprint(load_public_key((KEYS_DIR / "kr.pem").read_bytes()))


# ------------------------------------------------------------------------ layering


def _imported_modules(path: Path) -> list[tuple[str, int]]:
    """(module, relative level) of every import statement in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


def test_protocol_imports_nothing_from_home_assistant() -> None:
    sources = sorted(PROTOCOL_DIR.glob("*.py"))
    assert {path.name for path in sources} >= {
        "__init__.py", "catalog.py", "errors.py", "messages.py", "schemas.py", "signature.py",
    }  # fmt: skip
    for path in sources:
        for module, level in _imported_modules(path):
            top = module.split(".")[0]
            assert top != "homeassistant", f"{path.name} imports {module}"
            # Relative imports stay inside protocol/ (the parent package imports HA).
            assert level <= 1, f"{path.name} imports {'.' * level}{module}"
            assert top != "custom_components", f"{path.name} imports {module}"


# ---------------------------------------------------------------- property checks

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
_NO_HASS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_NO_HASS
@given(raw=st.binary(max_size=200))
def test_parse_envelope_only_raises_invalid_envelope_on_bytes(raw: bytes) -> None:
    with contextlib.suppress(InvalidEnvelope):
        parse_envelope(raw)


@_NO_HASS
@given(
    header=st.fixed_dictionaries(
        {},
        optional={
            "messageId": _JSON | st.text(),
            "namespace": _JSON | st.just("ClovaHome"),
            "name": _JSON | st.sampled_from([*REQUESTS, "TurnOnConfirmation"]),
            "payloadVersion": _JSON | st.sampled_from(["1.0", "2.0"]),
        },
    ),
    payload=_JSON,
)
def test_parse_envelope_on_arbitrary_envelopes(header: dict[str, Any], payload: Any) -> None:
    raw = json.dumps({"header": header, "payload": payload}).encode()
    valid = (
        isinstance(header.get("messageId"), str)
        and header.get("namespace") == "ClovaHome"
        and isinstance(header.get("name"), str)
        and header.get("name") in REQUESTS
        and header.get("payloadVersion") == "1.0"
        and isinstance(payload, dict)
    )
    if not valid:
        with pytest.raises(InvalidEnvelope):
            parse_envelope(raw)
        return
    request = parse_envelope(raw)
    assert request.spec is REQUESTS[header["name"]]
    assert request.payload == payload
    # After parsing, validation only ever ends in a Clova error.
    with contextlib.suppress(NoSuchTargetError, UnsupportedOperationError):
        validate_payload(request)
