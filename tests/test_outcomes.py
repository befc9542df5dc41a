"""A confirmation never says what did not happen: commands checked against their outcome.

Each sensitive kind — a lock locking and unlocking, a garage door closing, a gate
opening, a valve closing — is commanded through the signed gate, and the device (the
entity's service, played here by the test as its integration would) ends the call in
each way a real one can: done, jammed, back where it was (reversed, refused), gone
unavailable, or still moving. What Home Assistant knows when the call returns decides
the answer; a command confirmed while still moving is followed to its end, and how it
ended is recorded for the logbook.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final
from unittest.mock import patch

from homeassistant.core import Context, Event, HomeAssistant, ServiceCall, callback
import pytest

from custom_components.clova_home import const, outcome
from custom_components.clova_home.const import EVENT_CLOVA_HOME_OUTCOME
from custom_components.clova_home.logbook import describe_outcome
from custom_components.clova_home.outcome import Expectation, FollowUp

from .assertions import short_service_timeout, state_of
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

COVER_MOVES: Final = 1 | 2 | 8  # open, close, stop


@dataclass(frozen=True)
class Kind:
    """A sensitive entity, a command for it, and the states it passes through."""

    entity_id: str
    attributes: dict[str, Any]
    before: str
    request: tuple[str, dict[str, Any]]
    service: str
    moving: str  # on its way
    done: str  # where the command should leave it
    confirmation: dict[str, Any]

    @property
    def domain(self) -> str:
        return self.entity_id.split(".")[0]


KINDS: Final = {
    "lock-locks": Kind(
        "lock.front", {}, "unlocked", ("SetLockState", {"lockState": "LOCKED"}), "lock",
        "locking", "locked", {"lockState": "LOCKED"},
    ),
    "lock-unlocks": Kind(
        "lock.front", {}, "locked", ("SetLockState", {"lockState": "UNLOCKED"}), "unlock",
        "unlocking", "unlocked", {"lockState": "UNLOCKED"},
    ),
    "garage-door-closes": Kind(
        "cover.garage", {"device_class": "garage", "supported_features": COVER_MOVES}, "open",
        ("Close", {}), "close_cover", "closing", "closed", {},
    ),
    "gate-opens": Kind(
        "cover.gate", {"device_class": "gate", "supported_features": COVER_MOVES}, "closed",
        ("Open", {}), "open_cover", "opening", "open", {},
    ),
    "valve-closes": Kind(
        "valve.water", {"supported_features": 1 | 2}, "open",
        ("SetLockState", {"lockState": "LOCKED"}), "close_valve", "closing", "closed",
        {"lockState": "LOCKED"},
    ),
}  # fmt: skip


async def _setup(
    hass: HomeAssistant, setup_clova: SetupClova, kind: Kind, ends: Sequence[str], delay: float = 0
) -> ClovaClient:
    """The entity, whose service (after ``delay`` s) writes the states ``ends`` in turn."""
    hass.states.async_set(kind.entity_id, kind.before, kind.attributes)

    async def _device(call: ServiceCall) -> None:
        if delay:
            await asyncio.sleep(delay)
        for state in ends:
            hass.states.async_set(kind.entity_id, state, kind.attributes)

    hass.services.async_register(kind.domain, kind.service, _device)
    return await setup_clova(exposed=[kind.entity_id], unlock=[kind.entity_id])


async def _send(clova: ClovaClient, kind: Kind) -> dict[str, Any]:
    name, payload = kind.request
    return await clova.request(name, kind.entity_id, **payload)


@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
async def test_done_is_confirmed_with_the_state_reached(
    hass: HomeAssistant, setup_clova: SetupClova, kind: Kind
) -> None:
    clova = await _setup(hass, setup_clova, kind, [kind.moving, kind.done])
    answer = await _send(clova, kind)
    assert answer_name(answer) == f"{kind.request[0]}Confirmation"
    assert answer["payload"] == kind.confirmation


@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
@pytest.mark.parametrize(
    ("ending", "error"),
    [
        ("reversed", "DeviceFailureError"),  # on its way, then back: obstructed, refused
        ("unavailable", "TargetOfflineError"),
    ],
)
async def test_an_outcome_that_contradicts_the_request_is_an_error(
    hass: HomeAssistant, setup_clova: SetupClova, kind: Kind, ending: str, error: str
) -> None:
    ends = [kind.moving, kind.before] if ending == "reversed" else ["unavailable"]
    clova = await _setup(hass, setup_clova, kind, ends)
    answer = await _send(clova, kind)
    assert answer_name(answer) == error


@pytest.mark.parametrize(
    "kind", [KINDS["lock-locks"], KINDS["lock-unlocks"]], ids=["lock", "unlock"]
)
async def test_a_lock_that_jams_is_conditions_not_met(
    hass: HomeAssistant, setup_clova: SetupClova, kind: Kind
) -> None:
    hass.config.language = "ko"
    clova = await _setup(hass, setup_clova, kind, [kind.moving, "jammed"])
    answer = await _send(clova, kind)
    assert answer_name(answer) == "ConditionsNotMetError"
    assert answer["payload"] == {"state": "잠금장치가 걸린 상태"}


@pytest.fixture
def outcomes(hass: HomeAssistant) -> list[Event]:
    """Every ``clova_home_command_outcome`` event."""
    events: list[Event] = []

    @callback
    def _record(event: Event) -> None:
        events.append(event)

    hass.bus.async_listen(EVENT_CLOVA_HOME_OUTCOME, _record)
    return events


@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
async def test_still_moving_is_handed_on_and_its_end_recorded(
    hass: HomeAssistant, setup_clova: SetupClova, outcomes: list[Event], kind: Kind
) -> None:
    """On its way when the answer goes: confirmed as handed on; the end is recorded."""
    clova = await _setup(hass, setup_clova, kind, [kind.moving])
    answer = await _send(clova, kind)
    assert answer_name(answer) == f"{kind.request[0]}Confirmation"
    assert outcomes == []

    hass.states.async_set(kind.entity_id, kind.done, kind.attributes)
    await hass.async_block_till_done(wait_background_tasks=True)
    (event,) = outcomes
    assert event.data["success"] is True
    assert event.data["outcome"] == f"{kind.request[0]}Confirmation"
    assert event.data["state"] == kind.done
    assert event.context.user_id is not None
    entry = describe_outcome(event.data, lambda entity_id: "Front")
    assert entry["message"].endswith("via Clova (after Clova's answer)")


async def test_a_call_still_running_at_the_bound_is_followed_to_a_jam(
    hass: HomeAssistant, setup_clova: SetupClova, outcomes: list[Event]
) -> None:
    """The service call outlives the bound: confirmed; the logbook then says it jammed."""
    kind = KINDS["lock-locks"]
    clova = await _setup(hass, setup_clova, kind, ["jammed"], delay=0.2)
    with short_service_timeout(0.01):
        answer = await _send(clova, kind)
    assert answer_name(answer) == "SetLockStateConfirmation"
    await asyncio.sleep(0.3)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert state_of(hass, kind.entity_id).state == "jammed"
    (event,) = outcomes
    assert event.data["outcome"] == "ConditionsNotMetError"
    assert event.data["success"] is False
    entry = describe_outcome(event.data, lambda entity_id: "Front door")
    assert entry["message"] == (
        "was not locked via Clova: the device's state prevents it (after Clova's answer, jammed)"
    )


async def test_a_command_without_a_checked_outcome_is_not_held(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """TurnOn of a switch never waits for a state (the bench's path): with a settle of a
    minute it is still answered at once."""
    hass.states.async_set("switch.plug", "off")
    hass.services.async_register("switch", "turn_on", lambda call: None)
    clova = await setup_clova(exposed=["switch.plug"])
    with (
        patch.object(const, "COMMAND_SETTLE", 60.0),
        patch.object(const, "SERVICE_CALL_TIMEOUT", 60.0),
    ):
        async with asyncio.timeout(10):
            answer = await clova.request("TurnOn", "switch.plug")
    assert answer_name(answer) == "TurnOnConfirmation"


def _follow_up(entity_id: str) -> FollowUp:
    return FollowUp(
        request_name="SetLockStateRequest",
        appliance_id=entity_id,
        entity_id=entity_id,
        expectation=Expectation(frozenset({"locked"}), frozenset({"locking"})),
        before=None,
        parameters={"lockState": "LOCKED"},
        context=Context(),
        success_name="SetLockStateConfirmation",
    )


async def test_a_call_still_running_after_the_follow_up_is_not_reported(
    hass: HomeAssistant,
) -> None:
    """A service call that never ends within the follow-up time records no outcome."""
    events: list[Event] = []
    hass.bus.async_listen(EVENT_CLOVA_HOME_OUTCOME, events.append)
    running = asyncio.ensure_future(hass.loop.create_future())
    with patch.object(outcome, "FOLLOW_UP", 0.01):
        await outcome._async_follow(hass, _follow_up("lock.door"), running)
    assert not running.done()  # shielded: the follow-up gave up, the call goes on
    running.cancel()
    await hass.async_block_till_done()
    assert events == []


async def test_a_call_that_failed_after_the_answer_is_not_reported_twice(
    hass: HomeAssistant,
) -> None:
    """Its failure is logged by the service helper; the follow-up records nothing more."""
    events: list[Event] = []
    hass.bus.async_listen(EVENT_CLOVA_HOME_OUTCOME, events.append)

    async def fail() -> None:
        raise RuntimeError("the lock broke")

    running = asyncio.ensure_future(fail())
    await outcome._async_follow(hass, _follow_up("lock.door"), running)
    await hass.async_block_till_done()
    assert events == []
