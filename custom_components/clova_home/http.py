"""The HTTP gate: ``POST /api/clova_home``.

Before a request is authenticated it gets plain HTTP refusals (413, 401, 400); after,
every answer is a Clova message with HTTP 200. Nothing answers 500.

``GET`` (and ``HEAD``) answers a fixed, short status for people checking that the
address reaches Home Assistant: whether Clova Home is loaded (200) or not (503), and
nothing else — no entity, no user, no key, no count.
"""

from __future__ import annotations

from http import HTTPStatus
import logging
import time
from typing import Any

import aiohttp
from aiohttp import hdrs, web
from homeassistant.auth.models import User
from homeassistant.components.http import KEY_HASS, HomeAssistantView
from homeassistant.components.http.ban import process_success_login, process_wrong_login
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONTENT_TYPE_JSON
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.json import json_bytes
from homeassistant.helpers.network import is_cloud_connection

from .auth import UnexpectedClientError, async_authenticate
from .const import ENDPOINT_PATH, MAX_BODY_BYTES
from .issues import (
    async_bad_signature,
    async_client_accepted,
    async_good_signature,
    async_unexpected_client,
)
from .pipeline import SOURCE_CLOVA, Record, async_answer, async_refuse
from .protocol.errors import ClovaError, DriverInternalError
from .protocol.messages import ClovaRequest, InvalidEnvelope, parse_envelope
from .protocol.signature import SIGNATURE_HEADER
from .runtime import ClovaConfigEntry, ClovaRuntime, loaded_entry

_LOGGER = logging.getLogger(__name__)

# Answers from this size on may be compressed (when the client accepts it, as HA's JSON
# views do); smaller ones go out as they are: compressing a few hundred bytes costs more
# time than it saves and can make them larger. A discovery of a few appliances is larger.
_COMPRESS_FROM = 4096
# Larger answers are compressed in HA's executor rather than in the event loop (as HA does).
_COMPRESS_IN_EXECUTOR_FROM = 32 * 1024

# What GET answers, made once: (status, body) while an entry is loaded, and while none is.
_STATUS_READY = (
    HTTPStatus.OK,
    json_bytes(
        {
            "service": "Clova Home",
            "loaded": True,
            "message": "Home Assistant is reachable and Clova Home is loaded. "
            "This address answers signed POST requests from CLOVA only.",
        }
    ),
)
_STATUS_NOT_LOADED = (
    HTTPStatus.SERVICE_UNAVAILABLE,
    json_bytes(
        {
            "service": "Clova Home",
            "loaded": False,
            "message": "Home Assistant is reachable, but Clova Home is not loaded: "
            "see Settings > Devices & services in Home Assistant.",
        }
    ),
)


class ClovaHomeView(HomeAssistantView):
    """Receives CEK's Clova Home requests; the token travels in the body."""

    url = ENDPOINT_PATH
    name = "api:clova_home"
    requires_auth = False

    def __init__(self) -> None:
        """The view lives as long as Home Assistant; config entries come and go."""
        self._entry: ClovaConfigEntry | None = None  # the entry last found loaded

    def _runtime(self, hass: HomeAssistant) -> ClovaRuntime | None:
        """The loaded entry's runtime, as ``loaded_runtime``, without a search per request.

        The entry found is remembered while Home Assistant says it is loaded (a reload
        keeps the entry and replaces its runtime, which is read afresh every time).
        """
        entry = self._entry
        if entry is None or entry.state is not ConfigEntryState.LOADED:
            entry = self._entry = loaded_entry(hass)
            if entry is None:
                return None
        return entry.runtime_data

    @callback
    def get(self, request: web.Request) -> web.Response:
        """The endpoint's status, for a person (or a monitor) checking the address.

        Fixed texts and a dictionary lookup: nothing is read, logged or recorded.
        """
        loaded = self._runtime(request.app[KEY_HASS]) is not None
        status, body = _STATUS_READY if loaded else _STATUS_NOT_LOADED
        return web.Response(
            status=status,
            body=body,
            content_type=CONTENT_TYPE_JSON,
            headers={hdrs.CACHE_CONTROL: "no-store"},
        )

    # The same headers without the body (aiohttp leaves it out for HEAD).
    head = get

    async def post(self, request: web.Request) -> web.Response:
        """Answer one Clova Home request: check it here, answer it in the pipeline."""
        hass = request.app[KEY_HASS]
        runtime = self._runtime(hass)
        if runtime is None:
            return self.json_message("Clova Home is not set up", HTTPStatus.NOT_FOUND)
        stats = runtime.stats

        if request.headers.get(hdrs.CONTENT_ENCODING, "identity").lower() != "identity":
            # The signature covers the bytes on the wire; CEK does not compress.
            stats.record_refusal("compressed")
            return self.json_message(
                "Compressed bodies are not accepted", HTTPStatus.UNSUPPORTED_MEDIA_TYPE
            )
        try:
            body = await _read_body(request)
        except (aiohttp.ClientError, web.RequestPayloadError, ConnectionError, ValueError) as err:
            _LOGGER.debug("Could not read a Clova request body: %s", err)
            stats.record_refusal("unreadable")
            return self.json_message("Unreadable body", HTTPStatus.BAD_REQUEST)
        if body is None:
            stats.record_refusal("too_large")
            return self.json_message("Request too large", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        started = time.monotonic()

        if runtime.verify_signature and not runtime.verifier.verify(
            body, request.headers.get(SIGNATURE_HEADER)
        ):
            _LOGGER.warning("Refused a request with a missing or bad %s", SIGNATURE_HEADER)
            stats.record_refusal("bad_signature")
            async_bad_signature(hass, runtime)
            if request.remote:  # HA's ban accounting needs an address
                await process_wrong_login(request)
            return self.json_message("Invalid signature", HTTPStatus.UNAUTHORIZED)

        try:
            clova_request = parse_envelope(body)
        except InvalidEnvelope as err:
            _LOGGER.debug("Refused a signed body that is not a Clova request: %s", err)
            stats.record_refusal("not_a_clova_request")
            hass.loop.call_soon(_after_answer, hass, runtime, None, None)
            return self.json_message("Not a Clova Home request", HTTPStatus.BAD_REQUEST)

        # HA Cloud's remote UI brings every client from 127.0.0.1; as for HA's own logins,
        # such a request is never from the local network (for local-only users).
        remote = None if is_cloud_connection(hass) else request.remote
        sender = _sender(hass, runtime, clova_request, remote)
        if isinstance(sender, ClovaError):
            answer, record = async_refuse(
                hass, runtime, clova_request, sender, source=SOURCE_CLOVA, started=started
            )
            accepted = None
        else:
            answer, record = await async_answer(
                hass, runtime, clova_request, sender, source=SOURCE_CLOVA, started=started
            )
            accepted = request
        hass.loop.call_soon(_after_answer, hass, runtime, accepted, record)
        return _clova_answer(answer)


def _sender(
    hass: HomeAssistant, runtime: ClovaRuntime, request: ClovaRequest, remote: str | None
) -> User | ClovaError:
    """The user behind the request's token, or the Clova error that refuses it."""
    try:
        return async_authenticate(
            hass,
            request.access_token,
            runtime.allowed_client_ids,
            remote,
            accepted=runtime.accepted_tokens,
            allow_long_lived=runtime.allow_long_lived_tokens,
        )
    except UnexpectedClientError as err:
        _LOGGER.warning(
            "Refused a token issued to client ID %s, which is not allowed", err.client_id
        )
        async_unexpected_client(hass, runtime, err.client_id)
        return err
    except ClovaError as err:
        return err
    except Exception:
        _LOGGER.exception("Unexpected error checking a Clova access token")
        return DriverInternalError()


def _clova_answer(message: dict[str, Any]) -> web.Response:
    """A Clova message as HTTP 200 JSON, compressed only when it is large."""
    body = json_bytes(message)
    response = web.Response(
        body=body, content_type=CONTENT_TYPE_JSON, zlib_executor_size=_COMPRESS_IN_EXECUTOR_FROM
    )
    if len(body) >= _COMPRESS_FROM:
        response.enable_compression()
    return response


@callback
def _after_answer(
    hass: HomeAssistant,
    runtime: ClovaRuntime,
    accepted: web.Request | None,
    record: Record | None,
) -> None:
    """The gate's bookkeeping for a request that passed the signature check.

    A good signature withdraws the bad-signature issue; a linked user who got through
    (``accepted``, the request) clears the address's failed logins and withdraws the
    unexpected-client issue; then the request is recorded (``record``, the pipeline's).
    None of it changes the answer, so the view schedules it with ``call_soon``, in one
    callback: it runs in the loop's next turn, after aiohttp has written the answer.
    """
    if runtime.verify_signature:
        async_good_signature(hass, runtime)
    if accepted is not None:
        if accepted.remote:
            process_success_login(accepted)
        async_client_accepted(hass)
    if record is not None:
        record()


async def _read_body(request: web.Request) -> bytes | None:
    """The body, or None when it is larger than the cap (never read past it)."""
    length = request.content_length  # parsed from the header on each access
    if length is not None:
        if length > MAX_BODY_BYTES:
            return None
        # Never more than Content-Length: read it at once (CEK always sends the length).
        return await request.read()
    body = bytearray()
    async for chunk in request.content.iter_chunked(16 * 1024):
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)
