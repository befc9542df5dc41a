"""Sensitive actions under every declared type: a property over types, entities and actions.

Whatever Clova type the user declares for a lock, a valve, or a cover that is a garage
door, door or gate, and whatever action Clova asks of it, no request may call a service
that unlocks or opens it without that entity's opt-in, and every call that moves it
counts toward the burst limit. The rule is stated here on its own terms — the services
Home Assistant offers — not read from the integration's table.

For every one of the catalog's appliance types, every sensitive entity below is declared
that type and sent every request of the catalog (each with a documented payload, and
SetLockState both ways), three times over:

- *open*: opted in, no limit: what the requests reach (some types do open the entities:
  the property below is not vacuous);
- *no opt-in*: no call that unlocks or opens; where *open* made such a call, the answer
  is UnsupportedOperationError;
- *limited*: opted in, a burst of zero: no call that moves the entity; exactly where
  *open* made one, the answer is ActionTemporarilyBlockedError.

The entities are states with Home Assistant's real lock, cover and valve services, and
every service call is seen on the bus (``call_service`` events), whatever its domain.
"""

from __future__ import annotations

from dataclasses import replace
import json
from pathlib import Path
from typing import Any, Final

from homeassistant.auth.models import User
from homeassistant.components.cover import CoverEntityFeature
from homeassistant.components.lock import LockEntityFeature
from homeassistant.components.valve import ValveEntityFeature
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.appliance import Appliance
from custom_components.clova_home.capabilities import Capability, Command
from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_REGION,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
    REGION_KR,
)
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.pipeline import SOURCE_CLOVA, async_answer
from custom_components.clova_home.protocol.catalog import ACTIONS, APPLIANCE_TYPES
from custom_components.clova_home.protocol.errors import UnsupportedOperationError
from custom_components.clova_home.protocol.messages import parse_envelope
from custom_components.clova_home.rate_limit import SensitiveActionLimiter
from custom_components.clova_home.runtime import ClovaRuntime, async_build_runtime

from .assertions import record_service_calls
from .helpers import answer_name, request_message

MOVES: Final = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
TILTS: Final = (
    CoverEntityFeature.OPEN_TILT
    | CoverEntityFeature.CLOSE_TILT
    | CoverEntityFeature.STOP_TILT
    | CoverEntityFeature.SET_TILT_POSITION
)

# The sensitive entities: every way a lock, valve or door can be built.
ENTITIES: Final[dict[str, tuple[str, dict[str, Any]]]] = {
    "lock.front_door": ("locked", {"supported_features": LockEntityFeature.OPEN}),
    "lock.back_door": ("unlocked", {}),
    "cover.garage": (
        "closed",
        {
            "device_class": "garage",
            "supported_features": MOVES | CoverEntityFeature.SET_POSITION,
            "current_position": 0,
        },
    ),
    "cover.front_door": ("open", {"device_class": "door", "supported_features": MOVES | TILTS}),
    "cover.gate": ("closed", {"device_class": "gate", "supported_features": TILTS}),
    "valve.water_main": (
        "closed",
        {
            "supported_features": ValveEntityFeature.OPEN
            | ValveEntityFeature.CLOSE
            | ValveEntityFeature.STOP
            | ValveEntityFeature.SET_POSITION,
            "current_position": 0,
        },
    ),
}


# The types the entities have by themselves, and the entities a request then opens.
NATIVE: Final = {
    "SMARTLOCK": {"lock.front_door", "lock.back_door"},
    "SMARTCURTAIN": {"cover.garage", "cover.front_door", "cover.gate"},
    "SMARTVALVE": {"valve.water_main"},
}


def _opens(domain: str, service: str) -> bool:
    """Whether a call unlocks or opens a sensitive entity (any other domain: it might)."""
    return (domain, service) in {
        ("lock", "unlock"),
        ("lock", "open"),
        ("valve", "open_valve"),
        ("valve", "set_valve_position"),
        ("valve", "toggle"),
        ("cover", "open_cover"),
        ("cover", "open_cover_tilt"),
        ("cover", "set_cover_position"),
        ("cover", "set_cover_tilt_position"),
        ("cover", "toggle"),
        ("cover", "toggle_cover_tilt"),
    } or domain not in {"lock", "valve", "cover"}


def _moves(domain: str, service: str) -> bool:
    """Whether a call moves a sensitive entity: anything but stopping it."""
    return not service.startswith("stop")


def _documented_payloads() -> dict[str, list[dict[str, Any]]]:
    """Per action, the distinct payloads of the docs' request examples (token, id removed)."""
    corpus = json.loads((Path(__file__).parent / "fixtures" / "clova_examples.json").read_text())
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in ACTIONS}
    for example in corpus["examples"]:
        if example["kind"] != "request" or example["action"] not in found:
            continue
        payload = {
            key: value
            for key, value in example["json"]["payload"].items()
            if key not in {"accessToken", "appliance"}
        }
        if payload not in found[example["action"]]:
            found[example["action"]].append(payload)
    found["SetLockState"] = [{"lockState": "LOCKED"}, {"lockState": "UNLOCKED"}]
    return {name: payloads or [{}] for name, payloads in found.items()}


REQUESTS: Final = [
    (name, payload) for name, payloads in _documented_payloads().items() for payload in payloads
]

# One outcome per (entity, request index): the answer's name and the services called.
Outcome = tuple[str, tuple[tuple[str, str], ...]]


async def _runtime(
    hass: HomeAssistant, appliance_type: str, *, opted_in: bool, burst: int = 10**6
) -> ClovaRuntime:
    """The runtime built from options declaring every entity this type, with this limit.

    The default limit is out of reach: only the *limited* run is to meet it.
    """
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_REGION: REGION_KR},
        options={
            CONF_EXPOSED_ENTITIES: list(ENTITIES),
            CONF_APPLIANCE_TYPES: dict.fromkeys(ENTITIES, appliance_type),
            CONF_UNLOCK_ENTITIES: list(ENTITIES) if opted_in else [],
        },
    )
    runtime = await async_build_runtime(hass, entry)
    return replace(runtime, sensitive_limit=SensitiveActionLimiter(burst=burst))


async def _send_all(
    hass: HomeAssistant, runtime: ClovaRuntime, user: User
) -> dict[tuple[str, int], Outcome]:
    """Every request to every entity; what each was answered and what it called."""
    outcomes: dict[tuple[str, int], Outcome] = {}
    for entity_id in ENTITIES:
        for index, (name, payload) in enumerate(REQUESTS):
            message = request_message(name, "token", entity_id, **payload)
            request = parse_envelope(json.dumps(message).encode())
            with record_service_calls(hass) as calls:
                answer, _ = await async_answer(hass, runtime, request, user, source=SOURCE_CLOVA)
            called = tuple((call.data["domain"], call.data["service"]) for call in calls)
            outcomes[entity_id, index] = (answer_name(answer), called)
    return outcomes


def _describe(key: tuple[str, int], outcome: Outcome) -> str:
    entity_id, index = key
    name, payload = REQUESTS[index]
    return f"{entity_id} {name} {payload} -> {outcome}"


@pytest.fixture
async def home(hass: HomeAssistant) -> None:
    """The sensitive entities, with Home Assistant's own services for them."""
    for domain in ("homeassistant", "lock", "cover", "valve"):
        assert await async_setup_component(hass, domain, {})
    for entity_id, (state, attributes) in ENTITIES.items():
        hass.states.async_set(entity_id, state, attributes)
    await hass.async_block_till_done()


def test_every_request_of_the_catalog_is_sent() -> None:
    """The property covers the whole catalog, with both lock states."""
    assert {name for name, _ in REQUESTS} == set(ACTIONS)
    assert ("SetLockState", {"lockState": "UNLOCKED"}) in REQUESTS
    assert len(APPLIANCE_TYPES) == 57


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("appliance_type", sorted(APPLIANCE_TYPES))
async def test_no_type_opens_without_opt_in_or_escapes_the_limit(
    hass: HomeAssistant, clova_user: User, appliance_type: str
) -> None:
    opened = await _send_all(hass, await _runtime(hass, appliance_type, opted_in=True), clova_user)
    closed = await _send_all(hass, await _runtime(hass, appliance_type, opted_in=False), clova_user)
    limited = await _send_all(
        hass, await _runtime(hass, appliance_type, opted_in=True, burst=0), clova_user
    )

    # Where the type is the entities' own, the requests do reach the opening services.
    reached = {key[0] for key, (_, called) in opened.items() if any(_opens(*c) for c in called)}
    assert reached >= NATIVE.get(appliance_type, set())
    for key, (answer, called) in opened.items():
        opening = any(_opens(*call) for call in called)
        moving = any(_moves(*call) for call in called)
        without_opt_in, limit = closed[key], limited[key]
        assert not any(_opens(*call) for call in without_opt_in[1]), _describe(key, without_opt_in)
        assert not any(_moves(*call) for call in limit[1]), _describe(key, limit)
        if opening:
            assert without_opt_in[0] == "UnsupportedOperationError", _describe(key, without_opt_in)
        else:
            assert without_opt_in == (answer, called), _describe(key, without_opt_in)
        if moving:
            assert limit[0] == "ActionTemporarilyBlockedError", _describe(key, limit)
        else:
            assert limit == (answer, called), _describe(key, limit)


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("entity_id", ["lock.front_door", "cover.garage", "valve.water_main"])
@pytest.mark.parametrize("service", [("homeassistant", "turn_on"), ("homeassistant", "toggle")])
async def test_a_service_of_another_domain_counts_as_opening(
    hass: HomeAssistant, entity_id: str, service: tuple[str, str]
) -> None:
    """No capability does it today; the guard would still stop one that did.

    ``homeassistant.turn_on`` unlocks a lock and opens a cover or a valve.
    """
    spec = ApplianceSpec(entity_id, entity_id, (entity_id,))
    refused = Capability(Appliance(hass, spec), Command(Context(), False, SensitiveActionLimiter()))
    with pytest.raises(UnsupportedOperationError):
        refused.async_call(*service)

    allowed = Capability(Appliance(hass, spec), Command(Context(), True, SensitiveActionLimiter()))
    with record_service_calls(hass) as calls:
        await allowed.async_call(*service)
    # Home Assistant then calls the entity's own service (cover.toggle …) where it has one.
    assert (calls[0].data["domain"], calls[0].data["service"]) == service
