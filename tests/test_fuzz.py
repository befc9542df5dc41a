"""Property-based fuzzing of ``POST /api/clova_home`` against a real Home Assistant.

Hypothesis draws request bodies and headers — documented requests with fields replaced,
removed, duplicated or added, random envelopes, raw bytes — and every one goes through
Home Assistant's HTTP stack to the integration, signed or not. Whatever comes in, the
answer must be one of two things:

* before authentication, one of the gate's plain refusals (400, 401, 413, 415) with a
  ``{"message": ...}`` body — 401 exactly when the signature is missing or wrong;
* otherwise HTTP 200 with a well-formed Clova message: the request's own answer or an
  error of the protocol's list;

and nothing may log an error or an exception. A success answers only the real token.
With a ``Content-Encoding`` the gate refuses the body unread (415); aiohttp may answer 400
itself, or log that it could not inflate the body (after the answer, for any URL of
Home Assistant): these two are the HTTP server's, not the integration's, and allowed.

The engine runs in an executor thread and hands each example to Home Assistant's event
loop, so Hypothesis shrinks a failure to a minimal request; that request is written to
``tests/fuzz_corpus/`` (see its README), which :func:`test_corpus` replays on every run,
like the known-nasty seeds there. Every documented request is also sent once without
each of its fields in turn.

``CLOVA_FUZZ=long`` runs many more examples, with random seeds and Hypothesis's database.
"""

from __future__ import annotations

import asyncio
import base64
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
import copy
from dataclasses import dataclass
from datetime import timedelta
import hashlib
import json
import logging
import math
import os
from pathlib import Path
from typing import Any, Final
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from hypothesis import HealthCheck, given, settings, strategies as st
import orjson
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.clova_home.const import CONF_VERIFY_SIGNATURE, MAX_BODY_BYTES
from custom_components.clova_home.protocol import errors
from custom_components.clova_home.protocol.catalog import REQUESTS

from .conftest import SetupClova
from .helpers import ClovaClient, sign
from .test_conformance import REQUEST_EXAMPLES, build_home

CORPUS_DIR: Final = Path(__file__).parent / "fuzz_corpus"
TOKEN: Final = "@ACCESS_TOKEN@"  # replaced by a real access token when sent
_TOKEN_KEY: Final = "accessToken"
LONG: Final = os.environ.get("CLOVA_FUZZ") == "long"

REFUSALS: Final = frozenset({400, 401, 413, 415})  # the gate's answers before a token
ERROR_NAMES: Final = frozenset(
    name
    for name, value in vars(errors).items()
    if isinstance(value, type)
    and issubclass(value, errors.ClovaError)
    and value is not errors.ClovaError
)
ANSWER_NAMES: Final = frozenset(spec.response_name for spec in REQUESTS.values())


def fuzz_settings(examples: int) -> settings:
    """``examples`` per run (x40 and random in the long run): deterministic in CI."""
    return settings(
        max_examples=examples * 40 if LONG else examples,
        deadline=None,
        derandomize=not LONG,
        database=None if not LONG else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
        report_multiple_bugs=False,  # the one failure reported is the one saved
    )


# --------------------------------------------------------------------------- JSON text


@dataclass(frozen=True)
class Raw:
    """JSON text written as is: ``NaN``, ``1e999``, deep nesting, invalid numbers."""

    text: str


@dataclass(frozen=True)
class Pairs:
    """An object written member by member, so that a key may come twice."""

    members: tuple[tuple[str, Any], ...]


def dump(value: Any, *, ascii_only: bool = True) -> str:
    """The JSON text of ``value`` (with :class:`Raw`, :class:`Pairs` and NaN/Infinity)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Pairs | dict):
        members = value.members if isinstance(value, Pairs) else value.items()
        inner = ",".join(
            f"{json.dumps(key, ensure_ascii=ascii_only)}:{dump(item, ascii_only=ascii_only)}"
            for key, item in members
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(item, ascii_only=ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def encode(value: Any, *, ascii_only: bool = True) -> bytes:
    """UTF-8 of :func:`dump`; a lone surrogate in raw text stays (invalid UTF-8)."""
    return dump(value, ascii_only=ascii_only).encode("utf-8", "surrogatepass")


def deep(depth: int, kind: str) -> Raw:
    """Arrays or ``{"value": ...}`` objects nested ``depth`` deep."""
    if kind == "array":
        return Raw("[" * depth + "]" * depth)
    return Raw('{"value":' * depth + "1" + "}" * depth)


# --------------------------------------------------------------------------- strategies

DOCUMENTED: Final = list(
    {
        json.dumps(example["json"], sort_keys=True): example["json"] for example in REQUEST_EXAMPLES
    }.values()
)


def _field_names(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _field_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from _field_names(item)


FIELD_NAMES: Final = sorted({name for message in DOCUMENTED for name in _field_names(message)})

NASTY_TEXT: Final = (
    "", " ", "\x00", "\x1b[31m", "\r\n", "\u202e", "\ufeff", "\U0001f4a1", "a" * 5000,
    "light.", ".", "light.kitchen\x00", "../../", "%s%n", "${x}", "null", "NaN", "1e999",
    "LOCKED", "UNLOCKED", TOKEN, f"Bearer {TOKEN}", TOKEN + "x",
)  # fmt: skip
NUMBER_TEXT: Final = (
    "-0", "-0.0", "1E+2", "1e-999", "123456789012345678901234567890", "4.9e-324",
    "2.2250738585072014e-308", "1.7976931348623157e308",
)  # fmt: skip
# What some JSON writers produce but JSON is not: the parser refuses the body.
NOT_JSON_TEXT: Final = (
    "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "9" * 400, "0x10", "01", "+1", ".5",
    "1.", "1e", "--1", '"\\ud800"', '"x\\udfff"', "undefined", "'single'", "[1,]", "{,}",
)  # fmt: skip
INTEGERS: Final = (0, -1, 1, 2**31, 2**53 + 1, 2**63, -(2**63) - 1, 2**64, 10**100, -(10**30))

# Any Unicode but lone surrogates (no UTF-8 for them: they are in ``not_json``).
texts = st.text(st.characters(codec="utf-8")) | st.text(
    st.characters(categories=["Cc", "Cf", "Co", "Zl", "Zp"])
)
numbers = (
    st.sampled_from(INTEGERS)
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(NUMBER_TEXT).map(Raw)
)
leaves = (
    st.none()
    | st.booleans()
    | numbers
    | st.sampled_from(NASTY_TEXT)
    | texts
    | st.builds(deep, st.integers(1, 1000), st.sampled_from(["array", "object"]))
)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=10)
values = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(keys, children, max_size=4)
        | st.lists(st.tuples(keys, children), max_size=4).map(lambda items: Pairs(tuple(items)))
    ),
    max_leaves=10,
)
not_json = (
    st.sampled_from(NOT_JSON_TEXT).map(Raw)
    | st.sampled_from([math.nan, math.inf, -math.inf])
    | st.text(st.characters(categories=["Cs"]), min_size=1)
    | st.builds(deep, st.integers(1025, 1100), st.sampled_from(["array", "object"]))
)

Path_ = tuple[str | int, ...]
_ROUTING: Final = {(), (_TOKEN_KEY,), ("appliance",), ("appliance", "applianceId")}


def _paths(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path to a member of an object or an item of an array inside ``value``."""
    if isinstance(value, dict | list):
        items: Any = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))


def _parent(message: Any, path: Path_) -> Any:
    for step in path[:-1]:
        message = message[step]
    return message


@st.composite
def mutated(draw: st.DrawFn, message: Any) -> Any:
    """``message`` with one member tweaked, replaced, removed, added, duplicated, wrapped or
    broken (made something JSON is not)."""
    paths = list(_paths(message))
    if not paths:
        return draw(values)
    # Mostly the action's own fields: a broken header is only ever a 400, a broken token
    # InvalidAccessTokenError, a broken appliance id NoSuchTargetError.
    in_payload = [path for path in paths if path[0] == "payload" and path[1:] not in _ROUTING]
    path = draw(st.sampled_from(in_payload if in_payload and draw(st.integers(0, 4)) else paths))
    parent = _parent(message, path)
    key = path[-1]
    kinds = ["tweak"] * 3 + ["replace"] * 2 + ["remove", "add", "duplicate", "wrap", "break"]
    how = draw(st.sampled_from(kinds))
    if how == "tweak":  # a value of the same JSON type, an extreme one
        parent[key] = draw(_same_kind(parent[key]))
    elif how == "replace":
        parent[key] = draw(values)
    elif how == "break":
        parent[key] = draw(not_json)
    elif how == "remove":
        del parent[key]
    elif how == "add" and isinstance(parent, dict):
        parent[draw(keys)] = draw(values)
    elif how == "add":
        parent.insert(key, draw(values))
    elif how == "duplicate" and isinstance(parent, dict):
        # Which of the two copies wins is the parser's choice; either must be safe.
        extra = (key, draw(values))
        members = [*parent.items(), extra] if draw(st.booleans()) else [extra, *parent.items()]
        return _replaced(message, path[:-1], Pairs(tuple(members)))
    else:
        parent[key] = draw(st.sampled_from([[parent[key]], {"value": parent[key]}]))
    return message


def _same_kind(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans() | st.sampled_from([0, 1, "true"])
    if isinstance(value, int | float):
        return numbers
    if isinstance(value, str):
        return st.sampled_from(NASTY_TEXT) | texts
    return values


def _replaced(message: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    _parent(message, path)[path[-1]] = value
    return message


@st.composite
def damaged(draw: st.DrawFn, body: bytes) -> bytes:
    """``body`` as is, or cut short, or with one byte changed or inserted, or wrapped."""
    how = draw(
        st.sampled_from(["none"] * 20 + ["truncate", "insert", "replace", "bom", "trailing"])
    )
    if how == "none" or not body:
        return body
    at = draw(st.integers(0, len(body) - 1))
    byte = draw(st.sampled_from([b"\xff", b"\x00", b"\x80", b"\xc3", b"\xed\xa0\x80", b"}", b'"']))
    if how == "truncate":
        return body[:at]
    if how == "insert":
        return body[:at] + byte + body[at:]
    if how == "replace":
        return body[:at] + byte + body[at + 1 :]
    if how == "bom":
        return b"\xef\xbb\xbf" + body
    return body + draw(st.sampled_from([b"{}", b"\x00", b" garbage", b"\n" * 3]))


@dataclass(frozen=True)
class Home:
    """The appliances under fuzz: their ids (and a few unknown ones), and who does what."""

    ids: tuple[str, ...]
    by_action: dict[str, tuple[str, ...]]


def usually(draw: st.DrawFn, valid: Any, other: st.SearchStrategy[Any]) -> Any:
    """``valid``, or one time in five a value of ``other`` (shrinks towards ``valid``)."""
    return valid if draw(st.integers(0, 4)) < 4 else draw(other)


def appliance_for(draw: st.DrawFn, home: Home, action: str) -> str:
    """Usually an appliance that advertises ``action``, sometimes any id at all."""
    able = home.by_action.get(action)
    if able and draw(st.integers(0, 4)) < 4:
        return draw(st.sampled_from(able))
    return draw(st.sampled_from(home.ids))


@st.composite
def documented_mutants(draw: st.DrawFn, home: Home) -> bytes:
    """A documented request with our token and appliance, mutated 1-3 times, maybe damaged."""
    message = copy.deepcopy(draw(st.sampled_from(DOCUMENTED)))
    message["payload"]["accessToken"] = TOKEN
    if isinstance(message["payload"].get("appliance"), dict):
        action = message["header"]["name"].removesuffix("Request")
        message["payload"]["appliance"]["applianceId"] = appliance_for(draw, home, action)
    for _ in range(draw(st.integers(1, 3))):
        if isinstance(message, Pairs):
            break
        message = draw(mutated(message))
    body = encode(message, ascii_only=draw(st.booleans()))
    return draw(damaged(body))


UNKNOWN_NAMES: Final = (
    "FooRequest", "TurnOnConfirmation", "turnonrequest", "Request", "TurnOn", "",
    "DiscoverAppliancesResponse", "__proto__", "TurnOnRequest ",
)  # fmt: skip
SPECS: Final = sorted(REQUESTS.values(), key=lambda spec: spec.name)


@st.composite
def envelopes(draw: st.DrawFn, home: Home) -> bytes:
    """Random requests: each header field usually valid, random payload fields."""
    spec = draw(st.sampled_from(SPECS))
    header = {
        "messageId": usually(draw, str(draw(st.uuids())), values),
        "name": usually(draw, spec.request_name, st.sampled_from(UNKNOWN_NAMES) | values),
        "namespace": usually(draw, "ClovaHome", values),
        "payloadVersion": usually(draw, "1.0", values),
    }
    payload: dict[str, Any] = {"accessToken": usually(draw, TOKEN, values)}
    if spec.needs_appliance or draw(st.booleans()):
        appliance = {"applianceId": appliance_for(draw, home, spec.name)}
        payload["appliance"] = usually(draw, appliance, values)
    payload.update(draw(st.dictionaries(keys, values, max_size=3)))
    message = {"header": header, "payload": usually(draw, payload, values)}
    return encode(message, ascii_only=draw(st.booleans()))


raw_bodies = (
    st.binary(max_size=300)
    | st.builds(encode, values)
    | st.builds(deep, st.integers(1, 3000), st.sampled_from(["array", "object"])).map(encode)
    | st.sampled_from([MAX_BODY_BYTES + 1, 4 * MAX_BODY_BYTES]).map(lambda size: b" " * size)
)
CONTENT_TYPES: Final = (
    "application/json;charset-UTF-8", "application/json", "text/plain", "",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/json; charset=latin-1", "application/octet-stream", "*/*",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One request: its body (with :data:`TOKEN`), headers and whether CEK signs it."""

    body: bytes
    signed: bool = True
    content_type: str = CONTENT_TYPES[0]
    signature: str | None = None  # SignatureCEK sent as is when not signed
    content_encoding: str | None = None

    def headers(self, clova: ClovaClient, body: bytes) -> dict[str, str]:
        """The headers to send ``body`` (the final body, token in place) with."""
        headers = {"Content-Type": self.content_type}
        if self.signed:
            headers["SignatureCEK"] = sign(clova.key, body)
        elif self.signature is not None:
            headers["SignatureCEK"] = self.signature
        if self.content_encoding is not None:
            headers["Content-Encoding"] = self.content_encoding
            # aiohttp drops the connection after failing to inflate an unread body.
            headers["Connection"] = "close"
        return headers

    @property
    def compressed(self) -> bool:
        """Whether the body claims a content coding (the gate refuses it unread)."""
        return self.content_encoding is not None and self.content_encoding.lower() != "identity"


# Values a header can carry (aiohttp itself refuses control characters, before any view).
bad_signatures = (
    st.none()
    | st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
    | st.binary(min_size=1, max_size=300).map(lambda raw: base64.b64encode(raw).decode())
)


def cases(
    bodies: st.SearchStrategy[bytes], *, signed: bool | None = True, encodings: bool = False
) -> st.SearchStrategy[Case]:
    """Requests with ``bodies``: signed, unsigned or either (``None``), varied headers."""
    encoding = st.sampled_from([None, "identity", "IDENTITY", "gzip", "deflate", ""])
    return st.builds(
        Case,
        body=bodies,
        signed=st.booleans() if signed is None else st.just(signed),
        content_type=st.sampled_from(CONTENT_TYPES),
        signature=bad_signatures,
        content_encoding=encoding if encodings else st.none(),
    )


# --------------------------------------------------------------------------- the target


class Target:
    """The home under fuzz: sends a case and checks the answer and the log."""

    def __init__(self, clova: ClovaClient, caplog: pytest.LogCaptureFixture, *, verify: bool):
        self.clova = clova
        self.caplog = caplog
        self.verify = verify
        self.sent = 0
        self.statuses: Counter[int] = Counter()
        self.answers: Counter[str] = Counter()  # Clova answer names

    async def send(self, case: Case) -> int:
        """Post ``case``, assert the invariants of the module docstring; return the status."""
        body = case.body.replace(TOKEN.encode(), self.clova.token.encode())
        start = len(self.caplog.records)
        resp = await self.clova.http.post(
            "/api/clova_home", data=body, headers=case.headers(self.clova, body)
        )
        text = await resp.text(errors="replace")
        # The request's record and bookkeeping run after the answer is written.
        await self.clova.hass.async_block_till_done()
        self.sent += 1
        self.statuses[resp.status] += 1
        errors_logged = [
            f"{record.levelname} {record.getMessage()}"
            for record in self.caplog.records[start:]
            if (record.levelno >= logging.ERROR or record.exc_info)
            and not (case.compressed and _undecodable_leftover(record))
        ]
        self.caplog.clear()  # a long run sends tens of thousands of requests
        assert not errors_logged, errors_logged
        check_answer(case, body, self.clova.token, resp.status, text, verify=self.verify)
        if resp.status == 200:
            self.answers[json.loads(text)["header"]["name"]] += 1
        return resp.status

    def summary(self) -> str:
        """What was sent and answered (``pytest -s`` shows it)."""
        successes = sum(n for name, n in self.answers.items() if name not in ERROR_NAMES)
        return (
            f"{self.sent} requests; HTTP {dict(sorted(self.statuses.items()))}; "
            f"{successes} successes; answers {dict(self.answers.most_common())}"
        )


def _undecodable_leftover(record: logging.LogRecord) -> bool:
    """aiohttp's own error when it cannot inflate a body (e.g. ``gzip`` on plain bytes).

    It is the HTTP server's, whatever the URL: it drains the body of every request
    answered without reading it, after the answer (a 404 for an unknown URL logs it too).
    """
    return record.name == "aiohttp.server"


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"answer has {constant}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


def check_answer(
    case: Case, body: bytes, token: str, status: int, text: str, *, verify: bool
) -> None:
    """The answer to ``body`` (with ``token``) is a documented refusal or a Clova message."""
    authentic = case.signed or not verify
    assert status < 500, (status, text)
    if case.compressed:
        # Refused unread (415), or by aiohttp itself when it cannot inflate the body (400).
        assert status in {400, 415}, (status, text)
        return
    if status != 200:
        assert status in REFUSALS, (status, text)
        assert isinstance(_strict_json(text)["message"], str), text
        # 401 means exactly "no good signature" (the checks before it aside).
        assert (status == 401) == (not authentic and len(body) <= MAX_BODY_BYTES)
        return
    assert authentic, text
    assert len(body) <= MAX_BODY_BYTES, text
    answer = _strict_json(text)
    assert set(answer) == {"header", "payload"}, answer
    header = answer["header"]
    assert header["namespace"] == "ClovaHome", answer
    assert header["payloadVersion"] == "1.0", answer
    assert isinstance(header["messageId"], str), answer
    assert header["messageId"], answer
    assert isinstance(answer["payload"], dict), answer
    name = header["name"]
    assert name in ERROR_NAMES or name in ANSWER_NAMES, answer
    if name not in ERROR_NAMES:
        # The request's own answer, never another's, and only ever for the real token.
        request = orjson.loads(body)
        assert name == REQUESTS[request["header"]["name"]].response_name, answer
        assert request["payload"][_TOKEN_KEY] == token, answer


def save(case: Case, why: str) -> Path:
    """Write a case that failed to the corpus (named by its content) and return the path."""
    digest = hashlib.sha256(case.body + repr(case).encode()).hexdigest()[:12]
    path = CORPUS_DIR / f"found-{digest}.bin"
    path.write_bytes(case.body)
    sidecar = {
        "why": why,
        "signed": case.signed,
        "content_type": case.content_type,
        "signature": case.signature,
        "content_encoding": case.content_encoding,
    }
    path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n")
    return path


async def fuzz(
    hass: HomeAssistant, target: Target, strategy: st.SearchStrategy[Case], examples: int
) -> None:
    """Run Hypothesis in an executor thread, sending each example on the event loop.

    Hypothesis shrinks a failure and replays the smallest failing case last: that one is
    saved to the corpus before the failure is reported.
    """
    loop = asyncio.get_running_loop()
    last: list[Case] = []

    @fuzz_settings(examples)
    @given(strategy)
    def run(case: Case) -> None:
        last[:] = [case]
        asyncio.run_coroutine_threadsafe(target.send(case), loop).result(timeout=60)

    try:
        await hass.async_add_executor_job(run)
        print(f"\nfuzz: {target.summary()}")
    except Exception as err:
        if last:
            path = save(last[0], f"found by the fuzzer: {type(err).__name__}: {err}"[:500])
            err.add_note(f"Saved the failing case to {path}")
        raise


# --------------------------------------------------------------------------- tests


@pytest.fixture
async def demo(hass: HomeAssistant) -> AsyncIterator[list[str]]:
    """The demo home of the conformance test, its unlocking locks without a delay."""
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        yield await build_home(hass)
        # Let the demo covers and vacuum finish what the fuzz started (their own timers).
        for second in range(1, 61):
            async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=second))
            await hass.async_block_till_done()


async def _target(
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    exposed: list[str],
    *,
    verify: bool = True,
) -> tuple[Target, Home]:
    """Clova Home exposing ``exposed`` (unlocking its locks), and what discovery lists."""
    locks = [entity_id for entity_id in exposed if entity_id.startswith("lock.")]
    clova = await setup_clova(
        exposed=exposed, unlock=locks, security={CONF_VERIFY_SIGNATURE: verify}
    )
    discovered = (await clova.request("DiscoverAppliances"))["payload"]["discoveredAppliances"]
    by_action: dict[str, list[str]] = {}
    for appliance in discovered:
        for action in appliance["actions"]:
            by_action.setdefault(action, []).append(appliance["applianceId"])
    ids = (*exposed, "light.not_exposed", "", "sensor.nowhere")
    home = Home(ids, {action: tuple(able) for action, able in by_action.items()})
    return Target(clova, caplog, verify=verify), home


@dataclass(frozen=True)
class Campaign:
    """One fuzz run: what bodies, how many, how they are sent."""

    bodies: Callable[[Home], st.SearchStrategy[bytes]]
    examples: int
    signed: bool | None = True  # None: either
    encodings: bool = False  # vary Content-Encoding too
    verify: bool = True  # signature verification on
    reaching: float = 0.0  # the share of requests that must get past the gate (HTTP 200)


CAMPAIGNS: Final = {
    "documented-requests-mutated": Campaign(documented_mutants, 800, reaching=0.3),
    "random-envelopes": Campaign(envelopes, 400, reaching=0.3),
    "bytes-and-headers": Campaign(
        lambda home: raw_bodies | documented_mutants(home), 400, signed=None, encodings=True
    ),
    # With verification off, unsigned bodies reach the parser and the token check.
    "without-signature-verification": Campaign(
        lambda home: documented_mutants(home) | envelopes(home),
        400,
        signed=False,
        verify=False,
        reaching=0.3,
    ),
}


@pytest.mark.parametrize("campaign", CAMPAIGNS.values(), ids=CAMPAIGNS.keys())
async def test_fuzz(
    hass: HomeAssistant,
    demo: list[str],
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    *,
    campaign: Campaign,
) -> None:
    target, home = await _target(setup_clova, caplog, demo, verify=campaign.verify)
    strategy = cases(campaign.bodies(home), signed=campaign.signed, encodings=campaign.encodings)
    await fuzz(hass, target, strategy, campaign.examples)
    # Not all refusals at the gate: enough of the fuzz reaches the appliances.
    assert target.statuses[200] >= target.sent * campaign.reaching, target.summary()


# --------------------------------------------------------------------------- replayed


def corpus() -> list[tuple[str, Case, int | None]]:
    """Every case of ``tests/fuzz_corpus``: name, case and the status it must get."""
    found = []
    for body_path in sorted(CORPUS_DIR.glob("*.bin")):
        sidecar = json.loads(body_path.with_suffix(".json").read_text())
        case = Case(
            body=body_path.read_bytes(),
            signed=sidecar["signed"],
            content_type=sidecar["content_type"],
            signature=sidecar["signature"],
            content_encoding=sidecar["content_encoding"],
        )
        found.append((body_path.stem, case, sidecar.get("status")))
    return found


async def test_corpus(
    hass: HomeAssistant, demo: list[str], setup_clova: SetupClova, caplog: pytest.LogCaptureFixture
) -> None:
    """Every input that ever failed, and the known-nasty seeds, still get a sound answer."""
    target, _ = await _target(setup_clova, caplog, demo)
    replayed = corpus()
    assert len(replayed) >= 20
    for name, case, status in replayed:
        try:
            got = await target.send(case)
        except AssertionError as err:
            raise AssertionError(f"{name}: {err}") from err
        assert status is None or got == status, (name, got)


ABSENT: Final = object()  # the field removed
# A few of each kind; the fuzz above draws from many more.
EXTREME_NUMBERS: Final = (2.0**64, 2**63, 1e300, -1e300, -(2**63) - 1, 0.5, -0.0, 5e-324)
OTHER_TYPES: Final = (None, True, "1", [], {})


def _variations(kind: str, value: Any) -> tuple[Any, ...]:
    """What a field is replaced by: nothing, other JSON types, extreme numbers."""
    if kind == "missing":
        return (ABSENT,)
    if kind == "other-types":
        return tuple(other for other in OTHER_TYPES if type(other) is not type(value))
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return EXTREME_NUMBERS if is_number else ()


def _with(message: dict[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(message)
    parent = _parent(changed, path)
    if value is ABSENT:
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(value)
    return changed


@pytest.mark.parametrize("kind", ["missing", "other-types", "extreme-numbers"])
async def test_every_documented_request_with_each_field_changed(
    hass: HomeAssistant,
    demo: list[str],
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    *,
    kind: str,
) -> None:
    """Each documented request, with our token, with each of its fields in turn removed,
    of another JSON type, or (numbers) extreme: huge, negative, 64-bit edges, tiny."""
    target, home = await _target(setup_clova, caplog, demo)
    for documented in DOCUMENTED:
        message = copy.deepcopy(documented)
        message["payload"][_TOKEN_KEY] = TOKEN
        appliance = message["payload"].get("appliance")
        if isinstance(appliance, dict):  # an appliance of ours that can do it, if any
            action = message["header"]["name"].removesuffix("Request")
            appliance["applianceId"] = (*home.by_action.get(action, ()), demo[0])[0]
        for path in _paths(message):
            if path == ("payload", _TOKEN_KEY):
                continue  # the token's shapes are rows of the security matrix
            for value in _variations(kind, _parent(message, path)[path[-1]]):
                await target.send(Case(encode(_with(message, path, value))))
    print(f"\n{kind}: {target.summary()}")
    assert target.sent > 150, target.summary()
