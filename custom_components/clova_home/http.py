"""The HTTP gate: ``POST /api/clova_home``.

Before a request is authenticated it gets plain HTTP refusals (413, 401, 400); after,
every answer is a Clova message with HTTP 200. Nothing answers 500.
"""

from __future__ import annotations

from http import HTTPStatus
import logging

import aiohttp
from aiohttp import hdrs, web
from homeassistant.components.http import KEY_HASS, HomeAssistantView
from homeassistant.components.http.ban import process_success_login, process_wrong_login
from homeassistant.core import Context, HomeAssistant

from .auth import async_authenticate
from .const import DOMAIN, ENDPOINT_PATH, MAX_BODY_BYTES
from .handlers import RequestScope, async_dispatch
from .protocol.errors import ClovaError, DriverInternalError
from .protocol.messages import InvalidEnvelope, build_error, parse_envelope
from .protocol.signature import SIGNATURE_HEADER
from .runtime import ClovaRuntime

_LOGGER = logging.getLogger(__name__)


class ClovaHomeView(HomeAssistantView):
    """Receives CEK's Clova Home requests; the token travels in the body."""

    url = ENDPOINT_PATH
    name = "api:clova_home"
    requires_auth = False

    async def post(self, request: web.Request) -> web.Response:
        """Answer one Clova Home request."""
        hass = request.app[KEY_HASS]
        runtime = _loaded_runtime(hass)
        if runtime is None:
            return self.json_message("Clova Home is not set up", HTTPStatus.NOT_FOUND)

        if request.headers.get(hdrs.CONTENT_ENCODING, "identity").lower() != "identity":
            # The signature covers the bytes on the wire; CEK does not compress.
            return self.json_message(
                "Compressed bodies are not accepted", HTTPStatus.UNSUPPORTED_MEDIA_TYPE
            )
        try:
            body = await _read_body(request)
        except (aiohttp.ClientError, web.RequestPayloadError, ConnectionError, ValueError) as err:
            _LOGGER.debug("Could not read a Clova request body: %s", err)
            return self.json_message("Unreadable body", HTTPStatus.BAD_REQUEST)
        if body is None:
            return self.json_message("Request too large", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)

        if runtime.verify_signature and not runtime.verifier.verify(
            body, request.headers.get(SIGNATURE_HEADER)
        ):
            _LOGGER.warning("Refused a request with a missing or bad %s", SIGNATURE_HEADER)
            if request.remote:  # HA's ban accounting needs an address
                await process_wrong_login(request)
            return self.json_message("Invalid signature", HTTPStatus.UNAUTHORIZED)

        try:
            clova_request = parse_envelope(body)
        except InvalidEnvelope as err:
            _LOGGER.debug("Refused a signed body that is not a Clova request: %s", err)
            return self.json_message("Not a Clova Home request", HTTPStatus.BAD_REQUEST)

        try:
            user = async_authenticate(
                hass,
                clova_request.access_token,
                runtime.allowed_client_ids,
                request.remote,
                allow_long_lived=runtime.allow_long_lived_tokens,
            )
        except ClovaError as err:
            return self.json(build_error(err))
        except Exception:
            _LOGGER.exception("Unexpected error checking a Clova access token")
            return self.json(build_error(DriverInternalError()))
        if request.remote:  # a linked user got through: forget this address's failures
            process_success_login(request)

        scope = RequestScope(hass, runtime, user, Context(user_id=user.id))
        return self.json(await async_dispatch(scope, clova_request))


def _loaded_runtime(hass: HomeAssistant) -> ClovaRuntime | None:
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        runtime: ClovaRuntime = entry.runtime_data
        return runtime
    return None


async def _read_body(request: web.Request) -> bytes | None:
    """The body, or None when it is larger than the cap (never read past it)."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return None
    body = bytearray()
    async for chunk in request.content.iter_chunked(16 * 1024):
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)
