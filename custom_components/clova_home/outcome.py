"""Whether a command did what Clova asked, as far as Home Assistant knows.

A confirmation tells Clova that a command was handed on (the seeds); it must never say
what Home Assistant already knows did not happen. A command whose outcome can
contradict the request (a lock that jams, a door that reverses) carries an
:class:`Expectation`; once its service call is over, the entity's state is judged:

- the wanted state: done, confirmed with that state;
- a state the expectation names as a fault (a jammed lock): that error;
- unavailable or gone: TargetOfflineError;
- any other state it moved to (a door that reversed to open): DeviceFailureError;
- still on its way, or not changed yet: the device has not finished. The answer waits
  ``const.COMMAND_SETTLE`` for it (what an integration needs to write the state its
  finished call produced; never past the command's time bound), then confirms it as
  handed on; :func:`async_follow_up` watches the rest and records how it ended
  (``EVENT_CLOVA_HOME_OUTCOME``, shown in the logbook).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
import logging
from typing import Any, Final

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import (
    Context,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event

from . import const
from .protocol.errors import ClovaError, DeviceFailureError, TargetOfflineError

_LOGGER = logging.getLogger(__name__)

# How long a command that was confirmed before it finished is watched for the logbook.
FOLLOW_UP: Final = 300.0  # seconds


@dataclass(frozen=True, slots=True)
class Expectation:
    """The states a command should leave its entity in, and those on the way there."""

    wanted: frozenset[str]
    moving: frozenset[str] = frozenset()
    # Final states that are a fault of their own, and the error each one is answered with.
    faults: Mapping[str, Callable[[], ClovaError]] = field(default_factory=dict)


class Pending:
    """The entity has not finished: it is on its way, or has not moved yet."""


PENDING: Final = Pending()
type Verdict = State | ClovaError | Pending  # the wanted state reached, an error, not yet


def judge(expectation: Expectation, before: State | None, now: State | None) -> Verdict:
    """The verdict on the entity's state ``now``, given its state before the call."""
    if now is None or now.state == STATE_UNAVAILABLE:
        return TargetOfflineError()
    if now.state in expectation.wanted:
        return now
    if (fault := expectation.faults.get(now.state)) is not None:
        return fault()
    if now.state in expectation.moving or _unmoved(before, now):
        return PENDING
    return DeviceFailureError()


def _unmoved(before: State | None, now: State) -> bool:
    """Whether the state has not changed since the call (it may have, and come back)."""
    return before is not None and now.last_changed == before.last_changed


async def async_settle(
    hass: HomeAssistant,
    entity_id: str,
    expectation: Expectation,
    before: State | None,
    deadline: float,
) -> Verdict:
    """The verdict once the entity has finished, or at ``deadline`` (loop time) the latest."""
    changed = asyncio.Event()

    @callback
    def _changed(_event: Event[EventStateChangedData]) -> None:
        changed.set()

    unsubscribe = async_track_state_change_event(hass, entity_id, _changed)
    try:
        while True:
            verdict = judge(expectation, before, hass.states.get(entity_id))
            remaining = deadline - hass.loop.time()
            if verdict is not PENDING or remaining <= 0:
                return verdict
            changed.clear()
            try:
                async with asyncio.timeout(remaining):
                    await changed.wait()
            except TimeoutError:
                continue  # judged once more, then PENDING
    finally:
        unsubscribe()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A command confirmed before it finished: what to record once it has."""

    request_name: str
    appliance_id: str
    entity_id: str
    expectation: Expectation
    before: State | None
    parameters: Mapping[str, Any]  # the request's (for the logbook's wording)
    context: Context
    success_name: str  # the answer's name had it finished in time


def async_follow_up(
    hass: HomeAssistant, follow_up: FollowUp, running: asyncio.Task[Any] | None
) -> None:
    """Watch a confirmed command to its end (at most ``FOLLOW_UP`` s) and record how it ended.

    ``running`` is its service call when that is still running: it is waited for first.
    """
    hass.async_create_background_task(
        _async_follow(hass, follow_up, running), f"clova_home follow-up {follow_up.entity_id}"
    )


async def _async_follow(
    hass: HomeAssistant, follow_up: FollowUp, running: asyncio.Task[Any] | None
) -> None:
    deadline = hass.loop.time() + FOLLOW_UP
    if running is not None:
        try:
            async with asyncio.timeout(FOLLOW_UP):
                await asyncio.shield(running)
        except TimeoutError:
            _LOGGER.debug("%s: the command did not finish", follow_up.entity_id)
            return
        except Exception:  # noqa: BLE001 - the call's own failure is logged by service_call
            return
    verdict = await async_settle(
        hass, follow_up.entity_id, follow_up.expectation, follow_up.before, deadline
    )
    if isinstance(verdict, Pending):
        _LOGGER.debug("%s: no outcome within %s s", follow_up.entity_id, FOLLOW_UP)
        return
    outcome = follow_up.success_name if isinstance(verdict, State) else verdict.name
    now = hass.states.get(follow_up.entity_id)
    hass.bus.async_fire(
        const.EVENT_CLOVA_HOME_OUTCOME,
        {
            "name": follow_up.request_name,
            "appliance_id": follow_up.appliance_id,
            "entity_id": follow_up.entity_id,
            "outcome": outcome,
            "success": isinstance(verdict, State),
            "state": now.state if now is not None else None,
            "parameters": dict(follow_up.parameters),
        },
        context=follow_up.context,
    )
