"""scripts/load: start the demo home, put it under load, check every answer, write the report.

Bounded: the whole run (Home Assistant's start included) has ``--timeout`` seconds, and Home
Assistant is stopped whatever happens (a failure, the timeout, Ctrl-C or SIGTERM). Exit
status: 0 passed, 1 an unexpected answer or a failed check (or no start), 2 timed out,
130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import platform
import signal
import subprocess
import sys
import time
from types import FrameType

from clova_sim import oauth, provision
from clova_sim.client import Simulator
from clova_sim.hass import HassStartError
from clova_sim.settings import REPO

from clova_load import checks
from clova_load.home import LoadHome, running_home
from clova_load.plan import Planned, Targets, plan_client
from clova_load.report import Report, markdown, sample_errors, summarise, text
from clova_load.run import LoadResult, run_load

DEFAULT_OUTPUT = REPO / "docs" / "benchmarks" / "load.md"
SETTLE_SECONDS = 3.0  # after the load, before the log is read: late log lines land


class RunTimeoutError(KeyboardInterrupt):
    """The whole run took longer than ``--timeout``.

    A ``KeyboardInterrupt`` on purpose: raised from the alarm signal at any point, it then
    unwinds like Ctrl-C, and ``HassProcess.stop`` still kills Home Assistant when it strikes
    while waiting for it to stop.
    """


class ChecksFailedError(Exception):
    """The run finished but something was wrong (the report says what)."""


def main(argv: list[str] | None = None) -> int:
    """Run the load test; see the module docstring for the exit status."""
    parser = argparse.ArgumentParser(prog="scripts/load", description=__doc__)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--requests", type=int, default=200, help="requests per client (200)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for it all (600)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the Markdown report (default docs/benchmarks/load.md)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix (1)")
    parser.add_argument(
        "--committed",
        action="store_true",
        help="run the integration as committed at HEAD, not the working tree's",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary Home Assistant folder"
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.requests < 1 or args.timeout <= 0:
        parser.error("--clients, --requests and --timeout must be positive")

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(int(args.timeout) + 1)  # a backstop: each phase also has its own bound
    deadline = time.monotonic() + args.timeout
    try:
        with running_home(keep=args.keep, committed=args.committed) as home:
            report = measure(home, args, deadline)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(markdown(report))
            print(json.dumps(report.to_json(), indent=2) if args.json else text(report))
            _say(f"Report written to {_show(args.output)}; stopping Home Assistant ...")
            if not report.passed:
                raise ChecksFailedError
        return 0
    except ChecksFailedError:
        return 1
    except (
        HassStartError,
        provision.SetupError,
        oauth.LinkError,
        LookupError,
        subprocess.CalledProcessError,
    ) as err:
        _say(f"scripts/load: {err}")
        return 1
    except (RunTimeoutError, TimeoutError):
        _say(f"scripts/load: did not finish within {args.timeout:.0f} s")
        return 2
    except KeyboardInterrupt:
        _say("scripts/load: interrupted")
        return 130
    finally:
        signal.alarm(0)


def measure(home: LoadHome, args: argparse.Namespace, deadline: float) -> Report:
    """Discover, plan, load, check; the report."""
    base_url = home.settings.base_url
    _say(f"Home Assistant {home.version} is up on {base_url} ({home.startup_seconds:.0f} s).")
    token = home.clova_tokens.access_token
    sim = Simulator(base_url, home.key, home.settings.state_file, token=token)
    first = sim.discover()
    if first.failed:
        raise LookupError(f"the first discovery failed: {first.status} {first.answer}")
    targets = Targets.from_discovery(first.answer)

    started = time.monotonic()
    plans: list[list[Planned]] = [
        plan_client(targets, token, home.key, args.requests, seed=args.seed * 100_003 + client)
        for client in range(args.clients)
    ]
    _say(
        f"Signed {args.clients * args.requests} requests in {time.monotonic() - started:.1f} s; "
        f"{args.clients} clients start now."
    )
    load_average = " ".join(f"{value:.2f}" for value in os.getloadavg())
    log_offset = home.log_file.stat().st_size if home.log_file.exists() else 0
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise RunTimeoutError
    result = asyncio.run(run_load(base_url, home.owner_token, plans, remaining))
    _say(f"Load done in {result.seconds:.1f} s; checking the answers and the log ...")
    time.sleep(SETTLE_SECONDS)
    home.hass.check_alive()
    with home.log_file.open("rb") as log:
        log.seek(log_offset)
        verdict = checks.log_check(log.read().decode(errors="replace"))

    problems = [
        *checks.lock_limits(result.outcomes, result.seconds),
        *checks.discovery_counts(result.outcomes, targets.discovered),
        *checks.probes(result.probes),
        *(f"Home Assistant logged: {record}" for record in verdict.problems),
    ]
    kinds, total = summarise(result)
    probe_times = sorted(probe.seconds * 1000 for probe in result.probes)
    return Report(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        ha_version=home.version,
        python=platform.python_version(),
        machine=_machine(),
        nproc=os.cpu_count() or 0,
        load_average=load_average,
        commit=_commit(committed=args.committed),
        source="commit (--committed)" if args.committed else "working tree",
        clients=args.clients,
        requests_per_client=args.requests,
        startup_seconds=round(home.startup_seconds, 1),
        load_seconds=round(result.seconds, 2),
        throughput_rps=round(_throughput(result), 1),
        kinds=kinds,
        total=total,
        probe_count=len(probe_times),
        probe_p50_ms=round(probe_times[len(probe_times) // 2], 1) if probe_times else 0.0,
        probe_max_ms=round(probe_times[-1], 1) if probe_times else 0.0,
        clova_warnings=verdict.clova_warnings,
        problems=problems,
        other_log_errors=verdict.other_errors,
        sample_errors=sample_errors(result.outcomes),
    )


def _throughput(result: LoadResult) -> float:
    return len(result.outcomes) / result.seconds if result.seconds > 0 else 0.0


def _machine() -> str:
    """The CPU model (Linux), else the platform's machine name."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine() or "?"


def _commit(*, committed: bool) -> str:
    """The checked-out commit, noting uncommitted changes to the integration when they ran."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=10
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if not committed and git("status", "--porcelain", "--", "custom_components"):
        commit += " (with uncommitted changes in custom_components)"
    return commit


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _out_of_time(signum: int, frame: FrameType | None) -> None:
    raise RunTimeoutError
