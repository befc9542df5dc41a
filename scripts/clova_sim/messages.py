"""Clova Home request envelopes, as CEK builds them."""

from __future__ import annotations

from typing import Any
import uuid

NAMESPACE = "ClovaHome"
PAYLOAD_VERSION = "1.0"


def request(name: str, appliance_id: str | None = None, **payload: Any) -> dict[str, Any]:
    """``<name>Request`` (``name`` with or without the suffix); the token is added on sending."""
    if not name.endswith("Request"):
        name = f"{name}Request"
    body: dict[str, Any] = {}
    if appliance_id is not None:
        body["appliance"] = {"applianceId": appliance_id}
    body.update(payload)
    return {
        "header": {
            "messageId": str(uuid.uuid4()),
            "name": name,
            "namespace": NAMESPACE,
            "payloadVersion": PAYLOAD_VERSION,
        },
        "payload": body,
    }


def answer_name(answer: Any) -> str:
    """The header name of an answer, or ``""`` when it is not a Clova message."""
    if isinstance(answer, dict) and isinstance(answer.get("header"), dict):
        return str(answer["header"].get("name", ""))
    return ""


def is_error(answer: Any) -> bool:
    """True for a Clova error message (``...Error``) or anything that is not a message."""
    name = answer_name(answer)
    return not name or name.endswith("Error")
