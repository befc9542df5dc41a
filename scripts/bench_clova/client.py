"""The three contenders' requests and one keep-alive HTTP connection that times them.

Each request is built (and, for Clova, signed) before its clock starts: the time measured
is from sending the request to having read the whole answer, which is what the caller
(CEK, Alexa's cloud) waits for, minus the network.

The connection is a minimal HTTP/1.1 client on a socket: each request leaves in one write
(``http.client`` writes the headers and the body separately, so the server would often wait
for the second segment), and the answer is read by its Content-Length, without
``http.client``'s slow header parsing. Less of the client is in the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import json
import socket
import time
from typing import Any
import uuid

from clova_sim import messages

from .home import Home

CLOVA_PATH = messages.ENDPOINT_PATH
ALEXA_PATH = "/api/alexa/smart_home"
FLOOR_PATH = "/api/clova_bench/floor"
PROFILE_PATH = "/api/clova_bench/profile"
CHURN_PATH = "/api/clova_bench/churn"


class BenchError(Exception):
    """An answer was not the one expected: the numbers would be meaningless."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """One request ready to send, and how to tell its answer is right."""

    path: str
    body: bytes
    headers: dict[str, str]
    check: Callable[[Any], bool]
    what: str


class Connection:
    """One persistent HTTP/1.1 connection to the benchmark Home Assistant."""

    def __init__(self, home: Home, timeout: float = 120) -> None:
        host, _, port = home.base_url.removeprefix("http://").partition(":")
        self._host = f"{host}:{port}"
        self._sock = socket.create_connection((host, int(port)), timeout=timeout)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""

    def send(self, prepared: Prepared) -> tuple[float, Any]:
        """Send it; return the seconds until the answer was read, and the answer as JSON."""
        head = [f"POST {prepared.path} HTTP/1.1", f"Host: {self._host}"]
        head += [f"{name}: {value}" for name, value in prepared.headers.items()]
        head.append(f"Content-Length: {len(prepared.body)}")
        raw_request = ("\r\n".join(head) + "\r\n\r\n").encode() + prepared.body
        started = time.perf_counter()
        self._sock.sendall(raw_request)
        status, raw = self._answer()
        elapsed = time.perf_counter() - started
        if status != 200:
            raise BenchError(f"{prepared.what}: HTTP {status} {raw[:300]!r}")
        answer = json.loads(raw)
        if not prepared.check(answer):
            raise BenchError(f"{prepared.what}: unexpected answer {str(answer)[:300]}")
        return elapsed, answer

    def _answer(self) -> tuple[int, bytes]:
        """Status and body of the next answer (Home Assistant sends a Content-Length)."""
        while b"\r\n\r\n" not in self._buffer:
            self._receive()
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length is None:
            raise BenchError(f"an answer without Content-Length: {head[:300]!r}")
        while len(self._buffer) < length:
            self._receive()
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return status, body

    def _receive(self) -> None:
        chunk = self._sock.recv(1 << 20)
        if not chunk:
            raise BenchError("Home Assistant closed the connection")
        self._buffer += chunk

    def close(self) -> None:
        """Close the connection."""
        self._sock.close()


def _json_headers(token: str | None = None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


# Clova ------------------------------------------------------------------------------------


def clova(home: Home, name: str, appliance_id: str | None = None) -> Prepared:
    """A signed Clova Home request, as CEK sends it (the token is in the body)."""
    message = messages.request(name, appliance_id)
    message["payload"]["accessToken"] = home.clova_token
    body = json.dumps(message).encode()
    headers = _json_headers()
    headers[messages.SIGNATURE_HEADER] = messages.sign(home.signing_key, body)
    expected = {
        "DiscoverAppliancesRequest": "DiscoverAppliancesResponse",
        "TurnOnRequest": "TurnOnConfirmation",
    }[message["header"]["name"]]
    return Prepared(
        CLOVA_PATH,
        body,
        headers,
        lambda answer: messages.answer_name(answer) == expected,
        f"Clova {name}",
    )


def clova_appliances(answer: Any) -> list[str]:
    """The applianceIds of a Clova discovery answer."""
    return [item["applianceId"] for item in answer["payload"]["discoveredAppliances"]]


# Alexa ------------------------------------------------------------------------------------


def _alexa_header(namespace: str, name: str) -> dict[str, str]:
    return {
        "namespace": namespace,
        "name": name,
        "payloadVersion": "3",
        "messageId": str(uuid.uuid4()),
    }


def alexa_discover(home: Home) -> Prepared:
    """``Alexa.Discovery`` / ``Discover``, as Amazon sends it to the smart-home endpoint."""
    directive = {
        "directive": {
            "header": _alexa_header("Alexa.Discovery", "Discover"),
            "payload": {"scope": {"type": "BearerToken", "token": home.owner_token}},
        }
    }
    return Prepared(
        ALEXA_PATH,
        json.dumps(directive).encode(),
        _json_headers(home.owner_token),
        lambda answer: answer.get("event", {}).get("header", {}).get("name") == "Discover.Response",
        "Alexa Discover",
    )


def alexa_endpoints(answer: Any) -> list[str]:
    """The endpointIds of an Alexa discovery answer."""
    return [item["endpointId"] for item in answer["event"]["payload"]["endpoints"]]


def alexa_turn_on(home: Home, endpoint_id: str) -> Prepared:
    """``Alexa.PowerController`` / ``TurnOn`` for one endpoint."""
    header = _alexa_header("Alexa.PowerController", "TurnOn")
    header["correlationToken"] = uuid.uuid4().hex
    directive = {
        "directive": {
            "header": header,
            "endpoint": {
                "scope": {"type": "BearerToken", "token": home.owner_token},
                "endpointId": endpoint_id,
                "cookie": {},
            },
            "payload": {},
        }
    }
    return Prepared(
        ALEXA_PATH,
        json.dumps(directive).encode(),
        _json_headers(home.owner_token),
        lambda answer: answer.get("event", {}).get("header", {}).get("name") == "Response",
        "Alexa TurnOn",
    )


# The floor and the profiler -----------------------------------------------------------------


def floor(home: Home) -> Prepared:
    """The no-op authenticated view, with a body of the size of a TurnOn request."""
    body = json.dumps({"messageId": str(uuid.uuid4()), "padding": "x" * 200}).encode()
    return Prepared(
        FLOOR_PATH, body, _json_headers(home.owner_token), lambda answer: answer == {}, "floor"
    )


def churn(home: Home) -> Prepared:
    """Every bench switch writes a changed state (the helper integration's churn view)."""
    return Prepared(
        CHURN_PATH,
        b"{}",
        _json_headers(home.owner_token),
        lambda answer: answer == {"changed": home.count},
        "churn",
    )


def profile(home: Home, action: str, path: str | None = None) -> Prepared:
    """Start or stop the profiler inside Home Assistant."""
    body = json.dumps({"action": action, "path": path}).encode()
    return Prepared(
        PROFILE_PATH,
        body,
        _json_headers(home.owner_token),
        lambda answer: isinstance(answer, dict),
        f"profile {action}",
    )
