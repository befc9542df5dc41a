"""scripts/bench: Clova Home against Home Assistant's own Alexa smart home, over HTTP.

For each size it starts a real Home Assistant with that many identical no-op switches,
times Clova discovery against Alexa discovery and Clova TurnOn against Alexa TurnOn and the
floor (an authenticated view that does nothing), runs 10,000 Clova TurnOn requests while
watching the process's memory (on the largest size), stops Home Assistant, and writes
``results.md``, ``results.json`` and ``results.png``.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import platform
import subprocess
import sys
import time
from typing import Any

from clova_sim.hass import HassStartError
from clova_sim.oauth import LinkError
from clova_sim.provision import SetupError

from . import report
from .client import BenchError
from .home import REPO, running_home
from .measure import Plan, discovery_rounds, run_home

DEFAULT_SIZES = (100, 1000, 5000)
DEFAULT_OUT = REPO / "docs" / "benchmarks"


def main(argv: list[str] | None = None) -> int:
    """Run the bench; 0 when it finished (whether or not the targets hold)."""
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="entity counts, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--turn-on", type=int, default=2000, help="TurnOn rounds per size (default: %(default)s)"
    )
    parser.add_argument(
        "--discovery-scale",
        type=float,
        default=1.0,
        help="scale the discovery rounds (300 / 100 / 40 for ≤100 / ≤1,000 / more entities)",
    )
    parser.add_argument(
        "--memory",
        type=int,
        default=10_000,
        help="Clova TurnOn requests in the memory run on the largest size; 0: none",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="where to write results.* (default: %(default)s)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="also cProfile Clova's discovery and TurnOn inside Home Assistant into DIR",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the Home Assistant folders under DIR"
    )
    args = parser.parse_args(argv)
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    try:
        results = run(sizes, args)
    except (HassStartError, SetupError, LinkError, BenchError) as err:
        print(f"scripts/bench: {err}", file=sys.stderr)
        return 1
    write(results, args.out)
    return 0


def run(sizes: list[int], args: argparse.Namespace) -> list[dict[str, Any]]:
    """One Home Assistant per size, one after the other."""
    results = []
    for count in sizes:
        rounds = discovery_rounds(count, args.discovery_scale)
        plan = Plan(
            discovery_rounds=rounds,
            churn_rounds=max(5, rounds // 2),
            turn_on_rounds=args.turn_on,
            memory_requests=args.memory if count == sizes[-1] else 0,
        )
        started = time.monotonic()
        print(f"bench: starting Home Assistant with {count:,} switches", file=sys.stderr)
        keep = args.keep / f"n{count}" if args.keep else None
        with running_home(count, keep_dir=keep) as home:
            print(
                f"bench: ready in {time.monotonic() - started:.0f} s ({home.base_url}, "
                f"pid {home.pid})",
                file=sys.stderr,
            )
            results.append(run_home(home, plan, args.profile))
        print(f"bench: {count:,} done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return results


def metadata() -> dict[str, str]:
    """Where and on what the numbers were taken."""
    from homeassistant.const import __version__ as ha_version  # noqa: PLC0415

    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "?",
        "Home Assistant": ha_version,
        "Python": platform.python_version(),
        "CPUs": str(os.cpu_count()),
        "machine": platform.machine(),
    }


def write(results: list[dict[str, Any]], out: Path) -> None:
    """results.json, results.png and results.md into ``out``; print the Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    meta = metadata()
    (out / "results.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=1) + "\n"
    )
    report.plot(results, out / "results.png")
    text = report.markdown(results, meta, "results.png")
    (out / "results.md").write_text(text)
    print(text)
    print(f"bench: wrote {out}/results.md, results.json, results.png", file=sys.stderr)
