"""GetRemainingTime: how long a washer's, dryer's or cooker's operation still runs.

From a duration sensor (its value, converted from its unit of time), or from a completion
timestamp (that moment less now; one already past is nothing left, ``PT0S``), as an ISO
8601 duration (``PT1H5M``) rounded to the minute. Which sensor tells it is
``sensor_roles.remaining_time_sources``'s choice (the first with a value of those named
for what remains); the answer carries that sensor's ``last_updated``.

Unavailable sensors answer TargetOfflineError; a value that is no number, no time or in
no unit of time (``unknown`` included) ValueNotFoundError.
"""

from __future__ import annotations

from typing import Any, override

from homeassistant.core import State
from homeassistant.util import dt as dt_util

from ..protocol.catalog import GET_REMAINING_TIME, ActionSpec
from ..protocol.errors import TargetOfflineError, ValueNotFoundError
from .base import Capability, capability
from .readings import read_at
from .sensor_roles import (
    DURATION,
    TIMESTAMP,
    duration_seconds,
    iso_duration,
    remaining_time_sources,
)


def remaining_seconds(state: State) -> float | None:
    """What is left, in seconds, by a completion-time (timestamp) or a duration sensor's state."""
    if state.attributes.get("device_class") == TIMESTAMP:
        moment = dt_util.parse_datetime(state.state)
        if moment is None or moment.tzinfo is None:
            return None
        return max((moment - dt_util.utcnow()).total_seconds(), 0.0)
    seconds = duration_seconds(state)
    return seconds if seconds is not None and seconds >= 0 else None


@capability(GET_REMAINING_TIME, domains=(), sensor_classes={DURATION, TIMESTAMP})
class RemainingTime(Capability):
    """GetRemainingTime from a remaining-time (duration) or completion-time sensor member."""

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        return self.actions if remaining_time_sources(self.appliance) else frozenset()

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        sources = remaining_time_sources(self.appliance)
        states = [member.state for member in sources if member.state is not None]
        if not states:
            raise TargetOfflineError
        for state in states:
            if (seconds := remaining_seconds(state)) is not None:
                return {"remainingTime": iso_duration(seconds), **read_at(state)}
        raise ValueNotFoundError
