"""The measurements on one running Home Assistant: discovery, TurnOn, the floor, memory.

Requests go one at a time over one keep-alive connection, so each time is one request's
latency with nothing else queued. The contenders take turns within every round (in an
order that rotates), so a slow patch of the shared machine hits all of them alike.

Before each timed request the client waits ``IDLE_GAP`` so that Home Assistant has
finished with the previous one: whatever a contender does after its answer has gone out
(Clova Home's request record and event, Home Assistant's event listeners, aiohttp's own
bookkeeping) must not land on the next contender's clock. Real voice commands arrive
seconds apart. The client spins rather than sleeps, so its own wake-up is not timed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
import itertools
import math
from pathlib import Path
import pstats
import statistics
import sys
import time
from typing import Any

from . import client
from .client import BenchError, Connection, Prepared
from .home import Home

# Far longer than any work left after an answer (tens of microseconds), far shorter than
# a request: adds about 3 s per 2,000 TurnOn rounds.
IDLE_GAP = 0.0005
# After the churn (N state writes and their listeners), before the timed discovery.
CHURN_GAP = 0.005


@dataclass(frozen=True, slots=True)
class Plan:
    """How many requests of each kind to time."""

    discovery_rounds: int
    churn_rounds: int  # discoveries after every switch's state changed
    turn_on_rounds: int
    memory_requests: int  # 0: no memory run on this Home Assistant
    warmup: int = 30


def discovery_rounds(count: int, scale: float = 1.0) -> int:
    """Fewer rounds for bigger homes: about the same time for each size."""
    base = 300 if count <= 100 else 100 if count <= 1000 else 40
    return max(5, round(base * scale))


def summary(samples: list[float]) -> dict[str, float]:
    """Median, 99th percentile (nearest rank), mean and count; in milliseconds."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(0.99 * len(ordered)))
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[rank - 1] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
        "n": len(ordered),
    }


def memory_kib(pid: int) -> dict[str, int]:
    """The process's resident set now (VmRSS) and at its peak so far (VmHWM), in KiB."""
    found: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


@dataclass(slots=True)
class Timings:
    """Raw timings (seconds) per request kind and contender."""

    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def add(self, kind: str, who: str, seconds: float) -> None:
        """Record one timing."""
        self.samples.setdefault(kind, {}).setdefault(who, []).append(seconds)


def _rounds(
    conn: Connection,
    timings: Timings,
    kind: str,
    makers: dict[str, Callable[[int], Prepared]],
    *,
    rounds: int,
    progress: str,
    before: Callable[[], None] | None = None,
) -> None:
    names = list(makers)
    started = shown = time.monotonic()
    for index in range(rounds):
        shift = index % len(names)
        for who in names[shift:] + names[:shift]:
            prepared = makers[who](index)
            if before is not None:
                before()
            _idle(IDLE_GAP)
            elapsed, _ = conn.send(prepared)
            timings.add(kind, who, elapsed)
        if time.monotonic() - shown > 15:
            shown = time.monotonic()
            print(f"  {progress}: {index + 1}/{rounds} rounds", file=sys.stderr, flush=True)
    print(f"  {progress}: {rounds} rounds in {time.monotonic() - started:.0f} s", file=sys.stderr)


def _churn(conn: Connection, home: Home) -> None:
    """Every switch writes a changed state (untimed), then Home Assistant settles."""
    conn.send(client.churn(home))
    _idle(CHURN_GAP)


def _idle(seconds: float) -> None:
    """Wait ``seconds`` without sleeping (a sleeping client's wake-up would be timed too)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass


def _cycle_ids(ids: list[str]) -> Iterator[str]:
    return itertools.cycle(ids)


def run_home(home: Home, plan: Plan, profile_dir: Path | None = None) -> dict[str, Any]:
    """Everything measured on one Home Assistant, as a JSON-able dict."""
    conn = Connection(home)
    try:
        return _run(conn, home, plan, profile_dir)
    finally:
        conn.close()


def _run(conn: Connection, home: Home, plan: Plan, profile_dir: Path | None) -> dict[str, Any]:
    n = home.count
    after_start = memory_kib(home.pid)
    # Both discoveries must list every switch, or they are not doing the same work. The
    # first one after start-up finds nothing cached: timed on its own.
    clova_cold, clova_answer = conn.send(client.clova(home, "DiscoverAppliances"))
    alexa_cold, alexa_answer = conn.send(client.alexa_discover(home))
    appliances = client.clova_appliances(clova_answer)
    endpoints = client.alexa_endpoints(alexa_answer)
    if len(appliances) != n or len(endpoints) != n:
        raise BenchError(f"discovery lists {len(appliances)} (Clova) and {len(endpoints)} (Alexa)")
    clova_ids, alexa_ids = _cycle_ids(appliances), _cycle_ids(endpoints)

    discovery = {
        "clova": lambda _i: client.clova(home, "DiscoverAppliances"),
        "alexa": lambda _i: client.alexa_discover(home),
    }
    turn_on = {
        "floor": lambda _i: client.floor(home),
        "clova": lambda _i: client.clova(home, "TurnOn", next(clova_ids)),
        "alexa": lambda _i: client.alexa_turn_on(home, next(alexa_ids)),
    }
    warmup = Timings()
    _rounds(conn, warmup, "discovery", discovery, rounds=3, progress=f"N={n} warm-up discovery")
    _rounds(conn, warmup, "turn_on", turn_on, rounds=plan.warmup, progress=f"N={n} warm-up TurnOn")

    timings = Timings()
    _rounds(
        conn,
        timings,
        "discovery",
        discovery,
        rounds=plan.discovery_rounds,
        progress=f"N={n} discovery",
    )
    # The discovery cache reuses what the inputs' objects have not changed; in a home
    # where everything changed since the last discovery, nothing is reused.
    _rounds(
        conn,
        timings,
        "discovery_churn",
        discovery,
        rounds=plan.churn_rounds,
        progress=f"N={n} discovery after a change",
        before=lambda: _churn(conn, home),
    )
    _rounds(conn, timings, "turn_on", turn_on, rounds=plan.turn_on_rounds, progress=f"N={n} TurnOn")
    result: dict[str, Any] = {
        "n": n,
        "summary": {
            kind: {who: summary(samples) for who, samples in per_who.items()}
            for kind, per_who in timings.samples.items()
        },
        "first_discovery_ms": {"clova": clova_cold * 1000, "alexa": alexa_cold * 1000},
        "memory_kib": {"after_start": after_start},
    }
    if plan.memory_requests:
        result["memory_run"] = _memory_run(conn, home, clova_ids, plan.memory_requests)
    result["memory_kib"]["end"] = memory_kib(home.pid)
    if profile_dir is not None:
        result["profiles"] = _profile(conn, home, clova_ids, profile_dir)
    return result


def _memory_run(conn: Connection, home: Home, ids: Iterator[str], requests: int) -> dict[str, Any]:
    """RSS before and after ``requests`` Clova TurnOn requests (after a warm-up of 1,000)."""
    for _ in range(1000):
        conn.send(client.clova(home, "TurnOn", next(ids)))
    before = memory_kib(home.pid)["VmRSS"]
    series = [(0, before)]
    started = time.monotonic()
    for index in range(1, requests + 1):
        conn.send(client.clova(home, "TurnOn", next(ids)))
        if index % 500 == 0:
            series.append((index, memory_kib(home.pid)["VmRSS"]))
        if index % 2500 == 0:
            print(f"  N={home.count} memory run: {index}/{requests}", file=sys.stderr, flush=True)
    after = memory_kib(home.pid)["VmRSS"]
    print(
        f"  N={home.count} memory run: {requests} TurnOn in "
        f"{time.monotonic() - started:.0f} s, RSS {before} -> {after} KiB",
        file=sys.stderr,
    )
    return {"requests": requests, "before_kib": before, "after_kib": after, "series": series}


def _profile(conn: Connection, home: Home, ids: Iterator[str], directory: Path) -> dict[str, str]:
    """cProfile Clova's discovery and TurnOn inside Home Assistant; pstats files and tops."""
    directory.mkdir(parents=True, exist_ok=True)
    passes: dict[str, tuple[int, Callable[[], Prepared]]] = {
        "discovery": (10, lambda: client.clova(home, "DiscoverAppliances")),
        "turn_on": (300, lambda: client.clova(home, "TurnOn", next(ids))),
    }
    written = {}
    for name, (count, make) in passes.items():
        path = (directory / f"clova-{name}-{home.count}.pstats").resolve()
        prepared = [make() for _ in range(count)]
        conn.send(client.profile(home, "start"))
        for request in prepared:
            conn.send(request)
        conn.send(client.profile(home, "stop", str(path)))
        written[name] = str(path)
        print(f"  profile of Clova {name} at N={home.count}: {path}", file=sys.stderr)
        stats = pstats.Stats(str(path), stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(r"clova_home|aiohttp|homeassistant", 30)
    return written
