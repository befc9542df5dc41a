"""Clova's answers as HTTP responses: small ones leave in one write, big ones compressible.

A bare aiohttp server (what Home Assistant's HTTP stack runs on) answers with
``json_response``; each test counts the writes the server makes to its transport. The
gate's own answers over Home Assistant's stack are checked by every other HTTP test.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import gzip
import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient
import pytest

from custom_components.clova_home.response import (
    COALESCES,
    ONE_WRITE_MAX_BYTES,
    OneWriteResponse,
    json_response,
)

type MakeClient = Callable[[web.Application], Awaitable[TestClient[Any, Any]]]


@pytest.fixture(autouse=True)
def _sockets(socket_enabled: None) -> None:
    """A real server on 127.0.0.1, as for Home Assistant's HTTP tests."""


SMALL: dict[str, Any] = {"header": {"name": "TurnOnConfirmation"}, "payload": {}}
BIG: dict[str, Any] = {"payload": {"items": ["x" * 50] * (ONE_WRITE_MAX_BYTES // 40)}}


async def _serve(
    aiohttp_client: MakeClient, respond: Callable[[], web.StreamResponse]
) -> tuple[TestClient[Any, Any], list[bytes]]:
    """A client of a server whose one route answers ``respond()``; the server's writes."""
    writes: list[bytes] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        transport = request.transport
        assert transport is not None
        write = transport.write

        def counting_write(data: bytes | bytearray | memoryview) -> None:
            writes.append(bytes(data))
            write(data)

        transport.write = counting_write  # type: ignore[method-assign]
        return respond()

    app = web.Application()
    app.router.add_route("*", "/", handler)
    return await aiohttp_client(app), writes


async def test_small_answer_in_one_write(aiohttp_client: MakeClient) -> None:
    client, writes = await _serve(aiohttp_client, lambda: json_response(SMALL))

    response = await client.post("/")

    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(await response.read()) == SMALL
    [write] = writes  # status line, headers and body together
    assert write.startswith(b"HTTP/1.1 200 OK\r\n")
    assert write.endswith(b"\r\n\r\n" + json.dumps(SMALL, separators=(",", ":")).encode())


@pytest.mark.skipif(COALESCES, reason="aiohttp >= 3.12 writes headers and body together")
async def test_ordinary_response_takes_two_writes(aiohttp_client: MakeClient) -> None:
    """Why the gate writes its own: aiohttp before 3.12 writes headers and body apart."""
    client, writes = await _serve(aiohttp_client, lambda: web.json_response(SMALL))

    response = await client.post("/")

    assert json.loads(await response.read()) == SMALL
    assert len(writes) == 2
    assert writes[0].endswith(b"\r\n\r\n")


async def test_big_answer_is_compressed_when_accepted(aiohttp_client: MakeClient) -> None:
    client, _ = await _serve(aiohttp_client, lambda: json_response(BIG))

    response = await client.post("/", headers={"Accept-Encoding": "gzip"}, auto_decompress=False)

    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(await response.read())) == BIG


async def test_big_answer_plain_when_not_accepted(aiohttp_client: MakeClient) -> None:
    client, _ = await _serve(aiohttp_client, lambda: json_response(BIG))

    response = await client.post("/", headers={"Accept-Encoding": "identity"})

    assert "Content-Encoding" not in response.headers
    assert json.loads(await response.read()) == BIG


async def test_head_gets_the_headers_only(aiohttp_client: MakeClient) -> None:
    """A body that must be empty takes aiohttp's own path: the headers are still written."""
    client, writes = await _serve(aiohttp_client, lambda: OneWriteResponse(body=b"{}"))

    response = await client.head("/")

    assert response.status == 200
    assert await response.read() == b""
    assert len(writes) == 1
    assert writes[0].endswith(b"\r\n\r\n")


async def test_unwritable_answer_is_a_server_error(aiohttp_client: MakeClient) -> None:
    client, _ = await _serve(aiohttp_client, lambda: json_response({"bad": object()}))

    response = await client.post("/")

    assert response.status == 500
