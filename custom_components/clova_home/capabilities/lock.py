"""SetLockState / GetLockState for locks.

Unlocking opens a door to the street, so it is refused unless the user allowed it
for this very lock (``sensitive``: the guard of every service call).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, override

from homeassistant.components.lock import LockState
from homeassistant.const import SERVICE_LOCK, SERVICE_UNLOCK

from ..protocol.catalog import LOCK_LOCKED, LOCK_UNLOCKED
from ..protocol.errors import ConditionsNotMetError, ValueNotFoundError
from .base import Capability

# Spoken by the speaker as "... is in {state}": the jammed state in the HA language.
_JAMMED_TEXT = {
    "ko": "잠금장치가 걸린 상태",
    "ja": "ロックが引っかかった状態",
    "en": "a jammed state",
}

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


class Lock(Capability):
    """Lock (always) and unlock (only when opted in)."""

    actions = frozenset({"SetLockState", "GetLockState"})
    domains = frozenset({"lock"})

    @classmethod
    @override
    def supported(cls, domain: str, attributes: Mapping[str, Any]) -> bool:
        return domain in cls.domains

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        self._raise_if_jammed()
        if action == "GetLockState":
            return {"lockState": self._lock_state()}
        wanted: str = payload["lockState"]
        # Unlocking without the opt-in is refused by the sensitive-call guard (async_call).
        await self.async_call("lock", SERVICE_LOCK if wanted == LOCK_LOCKED else SERVICE_UNLOCK)
        return {"lockState": wanted}

    def _raise_if_jammed(self) -> None:
        if self.appliance.state_value == LockState.JAMMED:
            language = self.appliance.hass.config.language.split("-")[0]
            raise ConditionsNotMetError(_JAMMED_TEXT.get(language, _JAMMED_TEXT["en"]))

    def _lock_state(self) -> str:
        state = self.appliance.state_value
        if state in _LOCKED_STATES:
            return LOCK_LOCKED
        if state in _UNLOCKED_STATES:
            return LOCK_UNLOCKED
        raise ValueNotFoundError  # unknown, or a state no lock should report
