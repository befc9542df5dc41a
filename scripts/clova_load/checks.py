"""Checks beyond "each answer had the right name": counts, the log, responsiveness.

Each check returns a list of problems (empty when it passed); the run fails on any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
import math
import re

from clova_load.plan import BLOCKED, CONFIRMED_LOCK
from clova_load.run import Outcome, Probe

# The integration's burst limit on sensitive commands (rate_limit.py), per appliance.
SENSITIVE_BURST = 5
SENSITIVE_WINDOW = 60.0

_RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ (?P<level>[A-Z]+) ")
_LOGGER_NAME = re.compile(r"\[(?P<logger>[\w.]+)\]")
# Errors from these loggers mean an answer went wrong even when it is not Clova's own.
_WATCHED = ("clova_home", "aiohttp.server", "homeassistant.components.http")


def lock_limits(outcomes: Iterable[Outcome], seconds: float) -> list[str]:
    """Lock commands per lock: all allowed up to the burst, never more than it lets through.

    The sliding window lets at most ``SENSITIVE_BURST`` commands through per minute; the
    first ``SENSITIVE_BURST`` of a fresh home all pass (refusals do not count).
    """
    per_lock: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        if outcome.kind == "lock" and outcome.ok and outcome.appliance_id:
            per_lock.setdefault(outcome.appliance_id, Counter())[outcome.name] += 1
    cap = SENSITIVE_BURST * (math.floor(seconds / SENSITIVE_WINDOW) + 1)
    problems = []
    for appliance_id, names in sorted(per_lock.items()):
        sent = names.total()
        confirmed = names[CONFIRMED_LOCK]
        if confirmed < min(sent, SENSITIVE_BURST):
            problems.append(f"lock {appliance_id}: only {confirmed} of {sent} confirmed")
        if confirmed > cap:
            problems.append(
                f"lock {appliance_id}: {confirmed} confirmed in {seconds:.0f} s, "
                f"the burst limit allows {cap}"
            )
        if sent > cap and names[BLOCKED] == 0:
            problems.append(f"lock {appliance_id}: {sent} commands, none blocked")
    return problems


def discovery_counts(outcomes: Iterable[Outcome], expected: int) -> list[str]:
    """Every discovery under load lists as many appliances as the one before it."""
    wrong = Counter(
        outcome.listed
        for outcome in outcomes
        if outcome.kind == "discover" and outcome.ok and outcome.listed != expected
    )
    return [
        f"{n} discoveries listed {listed} appliances, not {expected}" for listed, n in wrong.items()
    ]


def probes(results: Sequence[Probe]) -> list[str]:
    """Home Assistant answered ``GET /api/`` throughout (and was asked at least once)."""
    if not results:
        return ["GET /api/ was never asked during the load"]
    return [f"GET /api/ during the load: {probe.problem}" for probe in results if not probe.ok]


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One record of Home Assistant's log, with its continuation lines (a traceback)."""

    level: str
    text: str

    @property
    def logger(self) -> str:
        """The logger's name, from the first line."""
        found = _LOGGER_NAME.search(self.text.splitlines()[0])
        return found.group("logger") if found else ""


def log_records(text: str) -> list[LogRecord]:
    """Split log text into records (a traceback belongs to the record before it)."""
    records: list[LogRecord] = []
    lines: list[str] = []
    level = ""
    for line in text.splitlines():
        start = _RECORD_START.match(line)
        if start is None and lines:
            lines.append(line)
            continue
        if lines:
            records.append(LogRecord(level, "\n".join(lines)))
        level = start.group("level") if start else ""
        lines = [line]
    if lines:
        records.append(LogRecord(level, "\n".join(lines)))
    return records


@dataclass(frozen=True, slots=True)
class LogVerdict:
    """What the log said during the load."""

    problems: list[str]  # errors from Clova Home or the HTTP server (the run fails)
    other_errors: list[str]  # errors from elsewhere (reported only)
    clova_warnings: int


def log_check(text: str) -> LogVerdict:
    """No ERROR (nor traceback) from Clova Home or the HTTP server in ``text``."""
    problems, others = [], []
    warnings = 0
    for record in log_records(text):
        watched = any(part in record.text for part in _WATCHED)
        serious = record.level in ("ERROR", "CRITICAL") or "Traceback (most recent" in record.text
        if serious and watched:
            problems.append(record.text)
        elif serious:
            others.append(record.text.splitlines()[0])
        elif record.level == "WARNING" and "clova_home" in record.logger:
            warnings += 1
    return LogVerdict(problems, others, warnings)
