"""A burst limit for sensitive actions: locks, valves, and doors that open into the home.

Anyone who can talk to the speaker (or who got hold of a token) could otherwise work a
front door like a switch. Each appliance may receive ``SENSITIVE_BURST`` sensitive
commands within ``SENSITIVE_WINDOW`` seconds; past that, Clova hears
``ActionTemporarilyBlockedError`` and nothing is called until the oldest command of the
burst has left the window. Refused commands do not count, so waiting always helps.

The limiter lives on the runtime: it is per config entry and starts afresh on reload.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
import time
from typing import Final

from .protocol.errors import ActionTemporarilyBlockedError

SENSITIVE_BURST: Final = 5
SENSITIVE_WINDOW: Final = 60.0  # seconds


def _monotonic() -> float:
    # Looked up on every call, so that freezegun's patched clock applies in tests.
    return time.monotonic()


class SensitiveActionLimiter:
    """A sliding window of recent sensitive commands per appliance."""

    def __init__(
        self,
        burst: int = SENSITIVE_BURST,
        window: float = SENSITIVE_WINDOW,
        clock: Callable[[], float] = _monotonic,
    ) -> None:
        self.burst = burst
        self.window = window
        self._clock = clock
        self._recent: dict[str, deque[float]] = {}

    def acquire(self, appliance_id: str) -> None:
        """Count one sensitive command for the appliance, or raise if it is one too many."""
        now = self._clock()
        recent = self._recent.setdefault(appliance_id, deque())
        while recent and now - recent[0] >= self.window:
            recent.popleft()
        if len(recent) >= self.burst:
            raise ActionTemporarilyBlockedError
        recent.append(now)
