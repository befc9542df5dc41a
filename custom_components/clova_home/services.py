"""``clova_home.process_request``: answer a Clova message as the calling admin.

A request tester for troubleshooting: the message takes the same path as one from
Clova after authentication (pipeline.py), without the signature check and without a
token — the caller is the user. Its answer is the action's response.
"""

from __future__ import annotations

import json
from typing import Any, cast

from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.helpers import config_validation as cv

from .const import DOMAIN, SERVICE_PROCESS_REQUEST
from .pipeline import SOURCE_SERVICE, async_answer
from .protocol.messages import InvalidEnvelope, parse_envelope
from .protocol.schema_library import vol
from .runtime import loaded_runtime

ATTR_MESSAGE = "message"

PROCESS_REQUEST_SCHEMA = vol.Schema({vol.Required(ATTR_MESSAGE): vol.Any(dict, cv.string)})


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, whether or not an entry is loaded)."""
    hass.services.async_register(
        DOMAIN,
        SERVICE_PROCESS_REQUEST,
        _async_process_request,
        schema=PROCESS_REQUEST_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )


async def _async_process_request(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    # Admins only, and only a real user: the message runs with that user's rights.
    user = await hass.auth.async_get_user(call.context.user_id) if call.context.user_id else None
    if user is None or not user.is_active or not user.is_admin:
        raise Unauthorized(context=call.context, permission=POLICY_CONTROL)

    runtime = loaded_runtime(hass)
    if runtime is None:
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="not_loaded")

    message: Any = call.data[ATTR_MESSAGE]
    raw = (
        message.encode() if isinstance(message, str) else json.dumps(message, default=str).encode()
    )
    try:
        request = parse_envelope(raw)
    except InvalidEnvelope as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_message",
            translation_placeholders={"error": str(err)},
        ) from None

    answer, record = await async_answer(
        hass, runtime, request, user, source=SOURCE_SERVICE, parent=call.context
    )
    record()  # at once: the caller may look for the event as soon as the action returns
    return cast(ServiceResponse, answer)
