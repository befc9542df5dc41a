"""What Clova asked lately: a bounded history of request summaries and counters.

Kept on the runtime (so it starts afresh when the entry reloads) and shown in the
diagnostics. It holds no tokens: a summary has the user's id, never their credentials.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Final

HISTORY_SIZE: Final = 50

# Bad signatures more often than this (count within seconds) raise a repair issue.
BAD_SIGNATURE_THRESHOLD: Final = 5
BAD_SIGNATURE_WINDOW: Final = 600.0


@dataclass(frozen=True, slots=True)
class RequestSummary:
    """One answered request, as the event and the diagnostics show it."""

    time: datetime
    source: str  # "clova" (the endpoint) or "service" (clova_home.process_request)
    message_id: str
    name: str  # the request's message name, e.g. TurnOnRequest
    appliance_id: str | None
    entity_id: str | None
    outcome: str  # the answer's message name: a confirmation, a response or an error
    success: bool
    duration: float  # seconds spent answering
    user_id: str | None  # None when the token was refused

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields (not ``dataclasses.asdict``: it deep-copies, and is slow)."""
        data = {name: getattr(self, name) for name in _SUMMARY_FIELDS}
        data["time"] = self.time.isoformat()
        return data


_SUMMARY_FIELDS: Final = tuple(item.name for item in fields(RequestSummary))

# Told of each recorded request: its summary, or the reason the gate refused it (a str).
type StatsListener = Callable[[RequestSummary | str], None]


class RequestStats:
    """Recent requests (a ring buffer) and running counts since the entry was loaded."""

    def __init__(self, history_size: int = HISTORY_SIZE) -> None:
        self.recent: deque[RequestSummary] = deque(maxlen=history_size)
        self.by_message: Counter[str] = Counter()
        self.by_error: Counter[str] = Counter()
        # Refused before a Clova message was read: bad signature, too large, not JSON, ...
        self.refused: Counter[str] = Counter()
        self._bad_signatures: deque[float] = deque()
        self._listeners: list[StatsListener] = []

    def add_listener(self, listener: StatsListener) -> Callable[[], None]:
        """Call ``listener`` for every request recorded from now on; returns its removal.

        A listener runs inside :meth:`record` and :meth:`record_refusal` (the latter in
        the gate, before the answer is sent), so it must be a cheap callback of the event
        loop that defers any real work.
        """
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def record(self, summary: RequestSummary) -> None:
        """Count an answered request and keep its summary."""
        self.recent.append(summary)
        self.by_message[summary.name] += 1
        if not summary.success:
            self.by_error[summary.outcome] += 1
        for listener in self._listeners:
            listener(summary)

    def record_refusal(self, reason: str) -> None:
        """Count a request the gate refused with a plain HTTP status."""
        self.refused[reason] += 1
        for listener in self._listeners:
            listener(reason)

    def bad_signature(self, now: float) -> int:
        """Note a bad signature at ``now`` (monotonic seconds); how many in the window."""
        self._bad_signatures.append(now)
        while self._bad_signatures[0] <= now - BAD_SIGNATURE_WINDOW:
            self._bad_signatures.popleft()
        return len(self._bad_signatures)

    def good_signature(self) -> None:
        """A well-signed request arrived: earlier failures no longer point at a fault."""
        self._bad_signatures.clear()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready counters and history, newest request first."""
        return {
            "requests_by_message": dict(self.by_message.most_common()),
            "errors": dict(self.by_error.most_common()),
            "refused_by_gate": dict(self.refused.most_common()),
            "recent_requests": [summary.as_dict() for summary in reversed(self.recent)],
        }
