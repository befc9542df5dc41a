"""Valves as Clova smart valves: LOCKED is closed, UNLOCKED is open.

A valve that is still moving is reported as UNLOCKED: water or gas flows until it
is fully closed.
"""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.valve import DOMAIN as VALVE, ValveEntityFeature, ValveState
from homeassistant.const import SERVICE_CLOSE_VALVE, SERVICE_OPEN_VALVE

from ..outcome import Expectation
from ..protocol.catalog import (
    GET_LOCK_STATE,
    LOCK_LOCKED,
    LOCK_UNLOCKED,
    SET_LOCK_STATE,
    ActionSpec,
)
from ..protocol.errors import UnsupportedOperationError, ValueNotFoundError
from .base import Capability, capability

# Clova lock state -> (feature flag, service) that brings the valve there.
_MOVES: dict[str, tuple[ValveEntityFeature, str]] = {
    LOCK_LOCKED: (ValveEntityFeature.CLOSE, SERVICE_CLOSE_VALVE),
    LOCK_UNLOCKED: (ValveEntityFeature.OPEN, SERVICE_OPEN_VALVE),
}
_UNLOCKED_STATES = frozenset({ValveState.OPEN, ValveState.OPENING, ValveState.CLOSING})
# Clova lock state -> the valve states that mean it got there, and on its way.
_OUTCOMES: dict[str, Expectation] = {
    LOCK_LOCKED: Expectation(frozenset({ValveState.CLOSED}), frozenset({ValveState.CLOSING})),
    LOCK_UNLOCKED: Expectation(frozenset({ValveState.OPEN}), frozenset({ValveState.OPENING})),
}


@capability(SET_LOCK_STATE, GET_LOCK_STATE, domains={VALVE})
class Valve(Capability):
    """Close (LOCKED) and open (UNLOCKED) a valve; report which it is."""

    def _can_move_to(self, lock_state: str) -> bool:
        flag, _ = _MOVES[lock_state]
        return bool(self.features & flag)

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        if any(self._can_move_to(lock_state) for lock_state in _MOVES):
            return self.actions
        return frozenset({GET_LOCK_STATE})

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if action is GET_LOCK_STATE:
            return {"lockState": self._lock_state()}
        wanted: str = payload["lockState"]
        # A valve that can only close (a safety shut-off) cannot be opened.
        if not self._can_move_to(wanted):
            raise UnsupportedOperationError
        _, service = _MOVES[wanted]
        # Opening needs the user's opt-in for this valve (the guard in async_call).
        reached = await self.async_command(
            action, {"lockState": wanted}, VALVE, service, _OUTCOMES[wanted]
        )
        return {"lockState": self._lock_state(reached.state) if reached else wanted}

    def _lock_state(self, state: str | None = None) -> str:
        """Clova's lock state for ``state`` (default: the appliance's)."""
        if state is None:
            state = self.appliance.state_value
        if state == ValveState.CLOSED:
            return LOCK_LOCKED
        if state in _UNLOCKED_STATES:
            return LOCK_UNLOCKED
        raise ValueNotFoundError
