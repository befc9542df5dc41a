"""Clova's answers as HTTP responses, small ones in one write to the socket.

aiohttp before 3.12 (Home Assistant up to 2025.5) writes a response's headers and its body
with two writes, so a small answer leaves in two TCP segments and CEK's read of it wakes
twice. For answers that fit in a few segments the gate sends headers and body with one
write instead: a TurnOn confirmation reaches the client about 30 µs sooner on 127.0.0.1.
aiohttp 3.12 does this itself for every response (aio-libs/aiohttp#10991); there the
gate uses Home Assistant's ordinary JSON response.

Bigger answers (a large discovery) keep the ordinary response, which Home Assistant
compresses when the client accepts it; a small one is not worth compressing.
"""

from __future__ import annotations

import logging
from typing import Any, Final, override

from aiohttp import http_writer, web
from homeassistant.const import CONTENT_TYPE_JSON
from homeassistant.helpers.json import json_bytes
from homeassistant.util.json import JSON_ENCODE_EXCEPTIONS

_LOGGER = logging.getLogger(__name__)

# aiohttp 3.12 holds the headers back until the body is written (``send_headers``).
COALESCES: Final = hasattr(http_writer.StreamWriter, "send_headers")
ONE_WRITE_MAX_BYTES: Final = 4096  # larger bodies: the ordinary (compressible) response


class OneWriteResponse(web.Response):
    """A response whose headers and body reach the transport in one write.

    ``_write_headers`` (aiohttp 3.x's hook for the status line and headers) keeps them
    instead of writing them; ``write_eof`` then writes them in front of the body. Anything
    this class is not meant for (a body that must be empty, compression, a chunked or
    streamed body) takes aiohttp's own path.
    """

    _head: bytes | None = None

    @override
    async def _write_headers(self) -> None:
        request = self._req
        if (
            request is None
            or self._must_be_empty_body
            or self.compression
            or self.chunked
            or not isinstance(self._body, bytes)
        ):
            await super()._write_headers()
            return
        version = request.version
        status_line = f"HTTP/{version[0]}.{version[1]} {self.status} {self.reason}"
        self._head = http_writer._serialize_headers(status_line, self._headers)

    @override
    async def write_eof(self, data: bytes = b"") -> None:
        head, self._head = self._head, None
        if head is not None and isinstance(self._body, bytes):
            self._body = head + self._body  # written as one chunk by Response.write_eof
        await super().write_eof(data)


def json_response(answer: dict[str, Any]) -> web.Response:
    """``answer`` as JSON, as ``HomeAssistantView.json`` makes it; small ones in one write."""
    try:
        body = json_bytes(answer)
    except JSON_ENCODE_EXCEPTIONS as err:  # as HomeAssistantView.json: a 500, logged
        _LOGGER.error("Unable to write a Clova answer as JSON: %s", err)
        raise web.HTTPInternalServerError from err
    if COALESCES or len(body) > ONE_WRITE_MAX_BYTES:
        response = web.Response(body=body, content_type=CONTENT_TYPE_JSON, zlib_executor_size=32768)
        response.enable_compression()
        return response
    return OneWriteResponse(body=body, content_type=CONTENT_TYPE_JSON)
