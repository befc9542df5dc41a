"""Parse Clova Home envelopes and build answers.

Parsing is split in two on purpose: :func:`parse_envelope` decides whether the bytes are
a Clova Home request at all (the HTTP gate answers 400 when they are not), and
:func:`validate_payload` checks one message's fields after authentication (a failure is
then a Clova error, never an exception that escapes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
import uuid

import orjson

from .catalog import (
    ACTION_SCENE,
    NAMESPACE,
    PAYLOAD_VERSION,
    PAYLOAD_VERSIONS,
    REQUESTS,
    ActionSpec,
)
from .errors import ClovaError, NoSuchTargetError, UnsupportedOperationError
from .schema_library import vol
from .schemas import PAYLOAD_SCHEMAS


class InvalidEnvelope(ValueError):  # noqa: N818 - names the verdict on the body
    """The body is not a Clova Home request."""


@dataclass(slots=True)
class ClovaRequest:
    """A request whose envelope is valid; its payload is not validated yet.

    The token and the appliance id are read from the payload once, here: every step of
    the request asks for the appliance id. Not frozen: nothing changes a request, and
    a frozen dataclass costs every request a slower ``__init__``.
    """

    message_id: str
    spec: ActionSpec
    payload: dict[str, Any]
    # The OAuth access token from the payload, when it is a string.
    access_token: str | None = field(init=False, repr=False)
    # The target appliance id (for ActionScene, the scene's), when the request names one
    # well-formed.
    appliance_id: str | None = field(init=False)

    def __post_init__(self) -> None:
        token = self.payload.get("accessToken")
        self.access_token = token if isinstance(token, str) else None
        if self.spec is ACTION_SCENE:
            self.appliance_id = scene_id(self.payload)
            return
        appliance = self.payload.get("appliance")
        appliance_id = appliance.get("applianceId") if isinstance(appliance, dict) else None
        self.appliance_id = appliance_id if isinstance(appliance_id, str) else None


def scene_id(payload: dict[str, Any]) -> str | None:
    """The scene an ``ActionSceneRequest`` names: ``scene.sceneId``, else ``scene.applianceId``.

    The table (JA20) gives a SceneInfoObject with ``sceneId``; the documented example sends
    ``applianceId`` instead. A scene's id is the id of its appliance, so either names it.
    """
    scene = payload.get("scene")
    if not isinstance(scene, dict):
        return None
    for key in ("sceneId", "applianceId"):
        if isinstance(found := scene.get(key), str) and found:
            return found
    return None


def parse_envelope(raw: bytes) -> ClovaRequest:
    """Parse raw bytes into a request, or raise :class:`InvalidEnvelope`.

    The envelope is checked by hand, not with a schema: it is four fields, and every
    request pays for this check before anything else.
    """
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise InvalidEnvelope(f"not JSON: {err}") from None
    if not isinstance(data, dict):
        raise InvalidEnvelope("not a JSON object")
    header, payload = data.get("header"), data.get("payload")
    if not isinstance(header, dict):
        raise InvalidEnvelope("no header object")
    if not isinstance(payload, dict):
        raise InvalidEnvelope("no payload object")
    message_id, name = header.get("messageId"), header.get("name")
    if not isinstance(message_id, str):
        raise InvalidEnvelope("no messageId string")
    if header.get("namespace") != NAMESPACE:
        raise InvalidEnvelope(f"namespace is not {NAMESPACE}")
    spec = REQUESTS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise InvalidEnvelope(f"unknown request name: {name!r}")
    version = header.get("payloadVersion")
    if not isinstance(version, str) or version not in PAYLOAD_VERSIONS:
        raise InvalidEnvelope(f"unknown payloadVersion: {version!r}")
    return ClovaRequest(message_id=message_id, spec=spec, payload=payload)


def validate_payload(request: ClovaRequest) -> dict[str, Any]:
    """Validate the request's action-specific fields; raise the fitting Clova error.

    The appliance is checked by hand and actions without parameters skip the schemas:
    most requests (TurnOn, TurnOff, the queries) then pay for no schema at all.
    """
    payload = request.payload
    if request.spec.needs_appliance and request.appliance_id in (None, ""):
        raise NoSuchTargetError
    schema = PAYLOAD_SCHEMAS.get(request.spec.name)
    if schema is None:  # no parameters: any object (the envelope made sure of that)
        return payload
    try:
        validated: dict[str, Any] = schema(payload)
    except vol.Invalid:
        raise UnsupportedOperationError from None
    return validated


def message_id() -> str:
    """A fresh random (version 4) UUID as text."""
    return str(uuid.uuid4())


def build_message(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A complete Clova Home message with a fresh message id."""
    return {
        "header": {
            "messageId": message_id(),
            "namespace": NAMESPACE,
            "name": name,
            "payloadVersion": PAYLOAD_VERSION,
        },
        "payload": payload,
    }


def build_error(error: ClovaError) -> dict[str, Any]:
    """The Clova error message for ``error``."""
    return build_message(error.name, error.payload())
