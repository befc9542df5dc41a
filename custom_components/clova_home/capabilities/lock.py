"""SetLockState / GetLockState for locks.

Unlocking opens a door to the street, so it is refused unless the user allowed it
for this very lock (``sensitive``: the guard of every service call). A lock that ends
jammed (or back where it was) is never confirmed as locked (``outcome``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, override

from homeassistant.components.lock import DOMAIN as LOCK, LockState
from homeassistant.const import SERVICE_LOCK, SERVICE_UNLOCK

from ..outcome import Expectation
from ..protocol.catalog import (
    GET_LOCK_STATE,
    LOCK_LOCKED,
    LOCK_UNLOCKED,
    SET_LOCK_STATE,
    ActionSpec,
)
from ..protocol.errors import ClovaError, ConditionsNotMetError, ValueNotFoundError
from .base import Capability, capability
from .words import Spoken, word

JAMMED_STATE = "jammed_state"

# Everything that is not fully locked is reported as unlocked: a lock on its way
# (locking) is not locked yet.
_LOCKED_STATES = frozenset({LockState.LOCKED})
_UNLOCKED_STATES = frozenset(
    {
        LockState.UNLOCKED,
        LockState.OPEN,
        LockState.OPENING,
        LockState.UNLOCKING,
        LockState.LOCKING,
    }
)


@capability(
    SET_LOCK_STATE,
    GET_LOCK_STATE,
    domains={LOCK},
    # spoken as "... is in {state}" (ConditionsNotMetError)
    words={
        JAMMED_STATE: Spoken("잠금장치가 걸린 상태", "ロックが引っかかった状態", "a jammed state")
    },
)
class Lock(Capability):
    """Lock (always) and unlock (only when opted in)."""

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        self._raise_if_jammed()
        if action is GET_LOCK_STATE:
            return {"lockState": self._lock_state()}
        wanted: str = payload["lockState"]
        locking = wanted == LOCK_LOCKED
        # Unlocking without the opt-in is refused by the sensitive-call guard (async_call).
        reached = await self.async_command(
            action,
            {"lockState": wanted},
            LOCK,
            SERVICE_LOCK if locking else SERVICE_UNLOCK,
            self._locking if locking else self._unlocking,
        )
        return {"lockState": self._lock_state(reached.state) if reached else wanted}

    @property
    def _locking(self) -> Expectation:
        return Expectation(_LOCKED_STATES, frozenset({LockState.LOCKING}), self._faults)

    @property
    def _unlocking(self) -> Expectation:
        return Expectation(
            frozenset({LockState.UNLOCKED, LockState.OPEN}),
            frozenset({LockState.UNLOCKING, LockState.OPENING}),
            self._faults,
        )

    @property
    def _faults(self) -> dict[str, Callable[[], ClovaError]]:
        return {LockState.JAMMED: self._jammed}

    def _jammed(self) -> ConditionsNotMetError:
        return ConditionsNotMetError(word(self.appliance.hass, JAMMED_STATE))

    def _raise_if_jammed(self) -> None:
        if self.appliance.state_value == LockState.JAMMED:
            raise self._jammed()

    def _lock_state(self, state: str | None = None) -> str:
        """Clova's lock state for ``state`` (default: the appliance's)."""
        if state is None:
            state = self.appliance.state_value
        if state in _LOCKED_STATES:
            return LOCK_LOCKED
        if state in _UNLOCKED_STATES:
            return LOCK_UNLOCKED
        raise ValueNotFoundError  # unknown, or a state no lock should report
