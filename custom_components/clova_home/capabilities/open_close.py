"""Open, close and stop covers; GetOpenState for covers typed as open-close sensors.

A cover whose only moving part is its tilt (a pergola's louvres, a venetian blind
that cannot be raised) opens and closes by its tilt.

Clova has no action that moves a curtain to a percentage (Raise and Lower move to
the end, as Open and Close do), so a cover's position is only read, never set.

Garage doors, doors and gates open a way into the home: they open only when the
user allowed it for that very cover; closing and stopping them is always allowed.
"""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.cover import (
    ATTR_CURRENT_POSITION,
    ATTR_CURRENT_TILT_POSITION,
    DOMAIN as COVER,
    CoverEntityFeature,
    CoverState,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    SERVICE_CLOSE_COVER,
    SERVICE_CLOSE_COVER_TILT,
    SERVICE_OPEN_COVER,
    SERVICE_OPEN_COVER_TILT,
    SERVICE_STOP_COVER,
    SERVICE_STOP_COVER_TILT,
)

from ..outcome import Expectation
from ..protocol.catalog import (
    CLOSE,
    GET_OPEN_STATE,
    OPEN,
    OPEN_STATE_CLOSED,
    OPEN_STATE_OPENED,
    STOP,
    ActionSpec,
)
from ..protocol.errors import ValueNotFoundError
from ..protocol.numbers import finite
from ..sensitive import needs_opt_in
from .base import Capability, capability

# Action -> (feature flag, service), for the cover itself and for its tilt.
_MAIN: dict[ActionSpec, tuple[CoverEntityFeature, str]] = {
    OPEN: (CoverEntityFeature.OPEN, SERVICE_OPEN_COVER),
    CLOSE: (CoverEntityFeature.CLOSE, SERVICE_CLOSE_COVER),
    STOP: (CoverEntityFeature.STOP, SERVICE_STOP_COVER),
}
_TILT: dict[ActionSpec, tuple[CoverEntityFeature, str]] = {
    OPEN: (CoverEntityFeature.OPEN_TILT, SERVICE_OPEN_COVER_TILT),
    CLOSE: (CoverEntityFeature.CLOSE_TILT, SERVICE_CLOSE_COVER_TILT),
    STOP: (CoverEntityFeature.STOP_TILT, SERVICE_STOP_COVER_TILT),
}
_MAIN_FLAGS = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP

# A cover on its way down is not closed yet.
_OPEN_STATES = frozenset({CoverState.OPEN, CoverState.OPENING, CoverState.CLOSING})
_MOVING_STATES = frozenset({CoverState.OPENING, CoverState.CLOSING})
# What opening and closing should end in: a door that reversed (obstructed) did not close.
_OUTCOMES: dict[ActionSpec, Expectation] = {
    OPEN: Expectation(frozenset({CoverState.OPEN}), frozenset({CoverState.OPENING})),
    CLOSE: Expectation(frozenset({CoverState.CLOSED}), frozenset({CoverState.CLOSING})),
}


@capability(
    OPEN,
    CLOSE,
    STOP,
    GET_OPEN_STATE,
    domains={COVER},
    done={OPEN: "opened", CLOSE: "closed", STOP: "stopped"},
)
class OpenClose(Capability):
    """Open (sensitive covers: only when opted in), close, stop; report open or closed."""

    @property
    def _by_tilt(self) -> bool:
        """Whether the cover moves only by its tilt."""
        return not self.features & _MAIN_FLAGS

    @property
    def _services(self) -> dict[ActionSpec, tuple[CoverEntityFeature, str]]:
        return _TILT if self._by_tilt else _MAIN

    @property
    def _sensitive(self) -> bool:
        """A garage door, door or gate: a way into the home."""
        return needs_opt_in(self.appliance.domain, self.attributes.get(ATTR_DEVICE_CLASS))

    @property
    def _may_open(self) -> bool:
        return not self._sensitive or self.appliance.opted_in

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        movable = {action for action, (flag, _) in self._services.items() if self.features & flag}
        if not self._may_open:
            movable.discard(OPEN)
        return frozenset({*movable, GET_OPEN_STATE})

    @property
    @override
    def is_on(self) -> bool:
        """Working means moving: an open curtain is as idle as a closed one."""
        return self.appliance.state_value in _MOVING_STATES

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if action is GET_OPEN_STATE:
            return {"openState": self._open_state()}
        # Opening a door without the opt-in is not advertised, and refused by the guard
        # of every service call (async_call), which also counts the moves of a door.
        _, service = self._services[action]
        expectation = None if self._by_tilt else _OUTCOMES.get(action)
        if expectation is None:  # stopping; a tilt, which the state says nothing of
            await self.async_call(COVER, service)
        else:
            await self.async_command(action, {}, COVER, service, expectation)
        return {}

    def _open_state(self) -> str:
        state = self.appliance.state_value
        position = finite(
            self.attributes.get(
                ATTR_CURRENT_TILT_POSITION if self._by_tilt else ATTR_CURRENT_POSITION
            )
        )
        if self._by_tilt and position is not None:
            # A tilt-only cover's state says nothing of its louvres.
            return OPEN_STATE_OPENED if position > 0 else OPEN_STATE_CLOSED
        if state in _OPEN_STATES or (position is not None and position > 0):
            return OPEN_STATE_OPENED
        if state == CoverState.CLOSED or position == 0:
            return OPEN_STATE_CLOSED
        raise ValueNotFoundError
