"""Parse Clova Home envelopes and build answers.

Parsing is split in two on purpose: :func:`parse_envelope` decides whether the bytes are
a Clova Home request at all (the HTTP gate answers 400 when they are not), and
:func:`validate_payload` checks one message's fields after authentication (a failure is
then a Clova error, never an exception that escapes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
import uuid

import orjson
import voluptuous as vol

from .catalog import NAMESPACE, PAYLOAD_VERSION, PAYLOAD_VERSIONS, REQUESTS, ActionSpec
from .errors import ClovaError, NoSuchTargetError, UnsupportedOperationError
from .schemas import APPLIANCE_SCHEMA, payload_schema


class InvalidEnvelope(ValueError):  # noqa: N818 - names the verdict on the body
    """The body is not a Clova Home request."""


_HEADER_SCHEMA = vol.Schema(
    {
        vol.Required("messageId"): str,
        vol.Required("namespace"): NAMESPACE,
        vol.Required("name"): vol.In(REQUESTS),
        vol.Required("payloadVersion"): vol.In(PAYLOAD_VERSIONS),
    },
    extra=vol.ALLOW_EXTRA,
)
_ENVELOPE_SCHEMA = vol.Schema(
    {vol.Required("header"): _HEADER_SCHEMA, vol.Required("payload"): dict},
    extra=vol.ALLOW_EXTRA,
)


@dataclass(frozen=True, slots=True)
class ClovaRequest:
    """A request whose envelope is valid; its payload is not validated yet."""

    message_id: str
    spec: ActionSpec
    payload: dict[str, Any]

    @property
    def access_token(self) -> str | None:
        """The OAuth access token from the payload, when it is a string."""
        token = self.payload.get("accessToken")
        return token if isinstance(token, str) else None

    @property
    def appliance_id(self) -> str | None:
        """The target appliance id, when the request names one well-formed."""
        appliance = self.payload.get("appliance")
        if isinstance(appliance, dict):
            appliance_id = appliance.get("applianceId")
            if isinstance(appliance_id, str):
                return appliance_id
        return None


def parse_envelope(raw: bytes) -> ClovaRequest:
    """Parse raw bytes into a request, or raise :class:`InvalidEnvelope`."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise InvalidEnvelope(f"not JSON: {err}") from None
    try:
        envelope = _ENVELOPE_SCHEMA(data)
    except vol.Invalid as err:
        raise InvalidEnvelope(f"not a Clova Home request: {err}") from None
    header = envelope["header"]
    return ClovaRequest(
        message_id=header["messageId"],
        spec=REQUESTS[header["name"]],
        payload=envelope["payload"],
    )


def validate_payload(request: ClovaRequest) -> dict[str, Any]:
    """Validate the request's action-specific fields; raise the fitting Clova error."""
    if request.spec.needs_appliance:
        try:
            APPLIANCE_SCHEMA(request.payload)
        except vol.Invalid:
            raise NoSuchTargetError from None
    try:
        validated: dict[str, Any] = payload_schema(request.spec.name)(request.payload)
    except vol.Invalid:
        raise UnsupportedOperationError from None
    return validated


def build_message(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A complete Clova Home message with a fresh message id."""
    return {
        "header": {
            "messageId": str(uuid.uuid4()),
            "namespace": NAMESPACE,
            "name": name,
            "payloadVersion": PAYLOAD_VERSION,
        },
        "payload": payload,
    }


def build_error(error: ClovaError) -> dict[str, Any]:
    """The Clova error message for ``error``."""
    return build_message(error.name, error.payload())
