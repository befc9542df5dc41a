"""The load itself: concurrent clients, each sending its planned requests one after another.

Each client has its own HTTP session (its own connection), as independent CEK front ends
would. All start together; each request is timed from sending to the last byte of the answer.
Meanwhile a probe asks ``GET /api/`` as the owner every half second, to show that Home
Assistant stays responsive to everything else while Clova Home is busy.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
import json
import time

import aiohttp
from clova_sim.messages import CONTENT_TYPE, ENDPOINT_PATH, SIGNATURE_HEADER, answer_name

from clova_load.plan import Planned

REQUEST_TIMEOUT = 30.0  # seconds for one answer before it counts as an error
PROBE_INTERVAL = 0.5
PROBE_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one request got back."""

    kind: str
    appliance_id: str | None
    seconds: float
    status: int  # 0 when no HTTP answer came
    name: str  # the Clova answer's header name ("" when none)
    ok: bool
    problem: str | None = None  # why it is an error
    listed: int | None = None  # how many appliances a discovery answer lists


@dataclass(frozen=True, slots=True)
class Probe:
    """One ``GET /api/`` during the load."""

    seconds: float
    ok: bool
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything the run measured."""

    outcomes: list[Outcome]
    probes: list[Probe]
    seconds: float  # wall time from the first request to the last answer


async def run_load(
    base_url: str, owner_token: str, plans: Sequence[Sequence[Planned]], within: float
) -> LoadResult:
    """Run every client's plan concurrently; raise ``TimeoutError`` after ``within`` s."""
    go = asyncio.Event()
    done = asyncio.Event()
    outcomes: list[Outcome] = []
    probes: list[Probe] = []
    url = f"{base_url}{ENDPOINT_PATH}"
    clients = [asyncio.create_task(_client(url, plan, go, outcomes)) for plan in plans]
    probe = asyncio.create_task(_probe(f"{base_url}/api/", owner_token, go, done, probes))
    started = time.perf_counter()
    try:
        async with asyncio.timeout(within):
            await asyncio.sleep(0)  # let every client open its session first
            started = time.perf_counter()
            go.set()
            await asyncio.gather(*clients)
            seconds = time.perf_counter() - started
            done.set()
            await probe
    finally:
        for task in (*clients, probe):
            task.cancel()
        await asyncio.gather(*clients, probe, return_exceptions=True)
    return LoadResult(outcomes, probes, seconds)


async def _client(
    url: str, plan: Sequence[Planned], go: asyncio.Event, outcomes: list[Outcome]
) -> None:
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await go.wait()
        for planned in plan:
            outcomes.append(await _send(session, url, planned))


async def _send(session: aiohttp.ClientSession, url: str, planned: Planned) -> Outcome:
    headers = {
        "Content-Type": CONTENT_TYPE,
        "Accept": "application/json",
        SIGNATURE_HEADER: planned.signature,
    }
    started = time.perf_counter()
    try:
        async with session.post(url, data=planned.body, headers=headers) as resp:
            status = resp.status
            raw = await resp.read()
    except (aiohttp.ClientError, TimeoutError) as err:
        seconds = time.perf_counter() - started
        return _outcome(planned, seconds, status=0, name="", problem=f"no answer: {err!r}")
    seconds = time.perf_counter() - started
    try:
        answer = json.loads(raw)
    except ValueError:
        return _outcome(
            planned,
            seconds,
            status=status,
            name="",
            problem=f"HTTP {status}, not JSON: {raw[:200]!r}",
        )
    name = answer_name(answer)
    payload = answer.get("payload") if isinstance(answer, dict) else None
    appliances = payload.get("discoveredAppliances") if isinstance(payload, dict) else None
    listed = len(appliances) if isinstance(appliances, list) else None
    if status != 200:
        return _outcome(
            planned, seconds, status=status, name=name, problem=f"HTTP {status}: {raw[:200]!r}"
        )
    if name not in planned.expected:
        wanted = " or ".join(sorted(planned.expected))
        return _outcome(
            planned,
            seconds,
            status=status,
            name=name,
            problem=f"{name or repr(raw[:200])}, not {wanted}",
        )
    return _outcome(planned, seconds, status=status, name=name, problem=None, listed=listed)


def _outcome(
    planned: Planned,
    seconds: float,
    *,
    status: int,
    name: str,
    problem: str | None,
    listed: int | None = None,
) -> Outcome:
    return Outcome(
        kind=planned.kind,
        appliance_id=planned.appliance_id,
        seconds=seconds,
        status=status,
        name=name,
        ok=problem is None,
        problem=problem,
        listed=listed,
    )


async def _probe(
    url: str, token: str, go: asyncio.Event, done: asyncio.Event, probes: list[Probe]
) -> None:
    timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT)
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
        await go.wait()
        while not done.is_set():
            started = time.perf_counter()
            problem = None
            try:
                async with session.get(url) as resp:
                    body = await resp.text()
                if resp.status != 200 or "API running" not in body:
                    problem = f"HTTP {resp.status}: {body[:200]}"
            except (aiohttp.ClientError, TimeoutError) as err:
                problem = f"no answer: {err!r}"
            probes.append(Probe(time.perf_counter() - started, problem is None, problem))
            # Sleep, but wake up as soon as the clients are done.
            try:
                async with asyncio.timeout(PROBE_INTERVAL):
                    await done.wait()
            except TimeoutError:
                pass
