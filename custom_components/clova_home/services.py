"""The actions: ``clova_home.process_request`` and ``clova_home.send_notification``.

``process_request`` answers a Clova message as the calling admin. A request tester for
troubleshooting: the message takes the same path as one from Clova after authentication
(pipeline.py), without the signature check and without a token — the caller is the user.
Its answer is the action's response.

``send_notification`` makes CLOVA announce a message registered in the developer console,
about one exposed appliance, through the CLOVA Push API (push.py): an automation's urgent
alert ("가스 누출이 감지되었습니다").
"""

from __future__ import annotations

import json
from typing import Any, cast

from homeassistant.auth.permissions.const import POLICY_CONTROL, POLICY_READ
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.helpers import config_validation as cv

from .const import DOMAIN, SERVICE_PROCESS_REQUEST, SERVICE_SEND_NOTIFICATION
from .issues import async_push_accepted, async_push_key_refused
from .pipeline import SOURCE_SERVICE, async_answer
from .protocol.messages import InvalidEnvelope, parse_envelope
from .protocol.schema_library import vol
from .push import KEY_REFUSED_CODES, PushError, async_send_notification
from .runtime import ClovaRuntime, loaded_runtime

ATTR_MESSAGE = "message"
ATTR_APPLIANCE = "appliance"
ATTR_MESSAGE_ID = "message_id"

PROCESS_REQUEST_SCHEMA = vol.Schema({vol.Required(ATTR_MESSAGE): vol.Any(dict, cv.string)})
SEND_NOTIFICATION_SCHEMA = vol.Schema(
    {vol.Required(ATTR_APPLIANCE): cv.entity_id, vol.Required(ATTR_MESSAGE_ID): cv.string}
)


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
    hass.services.async_register(
        DOMAIN,
        SERVICE_SEND_NOTIFICATION,
        _async_send_notification,
        schema=SEND_NOTIFICATION_SCHEMA,
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


async def _async_send_notification(call: ServiceCall) -> None:
    hass = call.hass
    runtime = loaded_runtime(hass)
    if runtime is None:
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="not_loaded")
    settings = runtime.push
    if settings is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="push_not_configured"
        )
    message_id = call.data[ATTR_MESSAGE_ID].strip()
    if not message_id:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="push_no_message_id"
        )
    entity_id: str = call.data[ATTR_APPLIANCE]
    appliance_id = _appliance_id(runtime, entity_id)
    if appliance_id is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="push_not_exposed",
            translation_placeholders={"entity_id": entity_id},
        )
    # A user (not an automation) may name only an entity they may read.
    user = await hass.auth.async_get_user(call.context.user_id) if call.context.user_id else None
    if user is not None and not user.permissions.check_entity(entity_id, POLICY_READ):
        raise Unauthorized(context=call.context, entity_id=entity_id, permission=POLICY_READ)

    try:
        await async_send_notification(hass, settings, appliance_id, message_id)
    except PushError as err:
        runtime.push_history.add(appliance_id, message_id, err)
        if err.code in KEY_REFUSED_CODES:
            async_push_key_refused(hass, err.code, settings.extension_id)
        raise
    runtime.push_history.add(appliance_id, message_id, None)
    async_push_accepted(hass)


def _appliance_id(runtime: ClovaRuntime, entity_id: str) -> str | None:
    """The Clova applianceId that stands for ``entity_id``, if it is exposed.

    An entity is its own appliance, or a member of one (a sensor of a device).
    """
    for spec in runtime.exposure.specs():
        if entity_id in spec.members:
            return spec.appliance_id
    return None
