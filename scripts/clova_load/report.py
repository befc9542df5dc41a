"""Latency statistics and the report: a table per request kind, as Markdown and as JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
import math
from typing import Any

from clova_load.plan import MIX
from clova_load.run import LoadResult, Outcome


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass(frozen=True, slots=True)
class KindStats:
    """Count, errors and latency (milliseconds) of one request kind."""

    kind: str
    count: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    answers: dict[str, int]

    @classmethod
    def of(cls, kind: str, outcomes: Iterable[Outcome]) -> KindStats:
        """Summarise ``outcomes`` (all of one kind, or all of them for the total)."""
        chosen = list(outcomes)
        times = sorted(outcome.seconds * 1000 for outcome in chosen)
        answers = Counter(outcome.name or f"HTTP {outcome.status}" for outcome in chosen)
        return cls(
            kind=kind,
            count=len(chosen),
            errors=sum(not outcome.ok for outcome in chosen),
            p50_ms=round(percentile(times, 0.50), 1),
            p95_ms=round(percentile(times, 0.95), 1),
            p99_ms=round(percentile(times, 0.99), 1),
            max_ms=round(times[-1] if times else 0.0, 1),
            answers=dict(answers.most_common()),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """One run's numbers, where it ran, and whether it passed."""

    date: str
    ha_version: str
    python: str
    machine: str
    nproc: int
    load_average: str
    commit: str
    source: str  # which integration code ran: the working tree or HEAD
    clients: int
    requests_per_client: int
    startup_seconds: float
    load_seconds: float
    throughput_rps: float
    kinds: list[KindStats]
    total: KindStats
    probe_count: int
    probe_p50_ms: float
    probe_max_ms: float
    clova_warnings: int
    problems: list[str]
    other_log_errors: list[str]
    sample_errors: list[str]

    @property
    def passed(self) -> bool:
        """No unexpected answer and no failed check."""
        return self.total.errors == 0 and not self.problems

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form (``--json``)."""
        return {**asdict(self), "passed": self.passed}


def summarise(result: LoadResult) -> tuple[list[KindStats], KindStats]:
    """Per-kind statistics in the mix's order, and the total."""
    by_kind: dict[str, list[Outcome]] = {}
    for outcome in result.outcomes:
        by_kind.setdefault(outcome.kind, []).append(outcome)
    kinds = [KindStats.of(kind, by_kind[kind]) for kind in MIX if kind in by_kind]
    return kinds, KindStats.of("all", result.outcomes)


def sample_errors(outcomes: Iterable[Outcome], limit: int = 10) -> list[str]:
    """The first few unexpected answers, by kind."""
    counted: Counter[tuple[str, str]] = Counter(
        (outcome.kind, outcome.problem or "") for outcome in outcomes if not outcome.ok
    )
    return [f"{kind}: {problem} (×{n})" for (kind, problem), n in counted.most_common(limit)]


def markdown(report: Report) -> str:
    """The report as ``docs/benchmarks/load.md``."""
    verdict = "passed" if report.passed else "FAILED"
    lines = [
        "# Load test",
        "",
        "Written by `scripts/load` (see the README, Try it live): a real Home Assistant with the",
        "demo home and Clova Home on 127.0.0.1, the account linked through the OAuth flow as CEK",
        f"does it, then {report.clients} concurrent clients × {report.requests_per_client} "
        "signed Clova Home requests",
        "each (a mix of discovery, health checks, state queries and commands, including the",
        "expected refusals). Latency is measured by the client, from sending to the last byte.",
        "",
        f"- Date: {report.date}",
        f"- Home Assistant {report.ha_version}, Python {report.python}",
        f"- Machine: {report.machine}, {report.nproc} CPU(s), load average before the run "
        f"{report.load_average} (shared with other work: treat the numbers as indicative)",
        f"- Commit: {report.commit}; the integration ran from the {report.source}",
        f"- Home Assistant start and setup: {report.startup_seconds:.1f} s; load: "
        f"{report.load_seconds:.1f} s",
        f"- Throughput: **{report.throughput_rps:.0f} requests/s** ({report.total.count} requests)",
        f"- Unexpected answers: **{report.total.errors}**; result: **{verdict}**",
        "",
        "| Request kind | Count | p50 ms | p95 ms | p99 ms | max ms | Answers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines.extend(_row(stats) for stats in [*report.kinds, report.total])
    lines += [
        "",
        "Expected answers: `lock` gets `SetLockStateConfirmation` for the first 5 commands a",
        "minute per lock and `ActionTemporarilyBlockedError` past them (the burst limit);",
        "`unlock_refused` is an unlock of a lock that is not opted in; `unknown_appliance` names",
        "an appliance that does not exist; `out_of_range` asks for 40 °C or 150 % brightness.",
        "A confirmed lock command takes about 2 s: the demo lock itself takes that long to lock,",
        "and the integration waits for the service call (up to 3 s) before it confirms.",
        "",
        f"Home Assistant stayed responsive: {report.probe_count} `GET /api/` during the load, "
        f"p50 {report.probe_p50_ms:.1f} ms, max {report.probe_max_ms:.1f} ms.",
        f"Clova Home logged no error during the load ({report.clova_warnings} warnings)."
        if not report.problems
        else "Problems:",
    ]
    lines.extend(f"- {problem.splitlines()[0]}" for problem in report.problems)
    lines.extend(f"- unexpected: {error}" for error in report.sample_errors)
    if report.other_log_errors:
        lines.append("")
        lines.append("Errors logged by other parts of Home Assistant (not checked):")
        lines.extend(f"- `{line}`" for line in report.other_log_errors[:10])
    return "\n".join(lines) + "\n"


def _row(stats: KindStats) -> str:
    answers = ", ".join(f"{name} {n}" for name, n in stats.answers.items())
    kind = f"**{stats.kind}**" if stats.kind == "all" else f"`{stats.kind}`"
    return (
        f"| {kind} | {stats.count} | {stats.p50_ms:.1f} | {stats.p95_ms:.1f} | "
        f"{stats.p99_ms:.1f} | {stats.max_ms:.1f} | {answers if stats.kind != 'all' else ''} |"
    )


def text(report: Report) -> str:
    """A terminal summary."""
    width = max(len(stats.kind) for stats in [*report.kinds, report.total])
    head = (
        f"{'kind':<{width}}  {'count':>6}  {'p50':>7}  {'p95':>7}  {'p99':>7}  {'max':>7}  errors"
    )
    rows = [
        f"{s.kind:<{width}}  {s.count:>6}  {s.p50_ms:>7.1f}  {s.p95_ms:>7.1f}  "
        f"{s.p99_ms:>7.1f}  {s.max_ms:>7.1f}  {s.errors}"
        for s in [*report.kinds, report.total]
    ]
    verdict = "PASSED" if report.passed else "FAILED"
    lines = [
        f"Home Assistant {report.ha_version} on {report.nproc} CPU(s), commit {report.commit}",
        f"{report.clients} clients × {report.requests_per_client} requests in "
        f"{report.load_seconds:.1f} s: {report.throughput_rps:.0f} requests/s (latency in ms)",
        head,
        *rows,
        f"GET /api/ during the load: {report.probe_count} probes, max {report.probe_max_ms:.1f} ms",
        *(f"problem: {problem}" for problem in report.problems),
        *(f"unexpected: {error}" for error in report.sample_errors),
        f"{verdict}: {report.total.errors} unexpected answers, {len(report.problems)} problems",
    ]
    return "\n".join(lines)
