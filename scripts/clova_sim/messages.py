"""Clova Home requests as CEK sends them: the envelope, and the ``SignatureCEK`` of its bytes.

This is the one place that builds and signs requests: the simulator, the load and bench
harnesses, the browser test and the integration's own tests (``tests/helpers.py``) all use
it. The tests import it as ``scripts.clova_sim.messages`` (the repository root is on their
path), the scripts as ``clova_sim.messages``, so it imports nothing else of ``clova_sim``.
"""

from __future__ import annotations

import base64
from typing import Any
import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

NAMESPACE = "ClovaHome"
PAYLOAD_VERSION = "1.0"
ENDPOINT_PATH = "/api/clova_home"
# CEK's header, spelled as the Clova documentation spells it.
CONTENT_TYPE = "application/json;charset-UTF-8"
SIGNATURE_HEADER = "SignatureCEK"


def request(
    name: str, appliance_id: str | None = None, token: str | None = None, /, **payload: Any
) -> dict[str, Any]:
    """``<name>Request`` (``name`` with or without the suffix).

    The payload holds ``token`` as its ``accessToken`` and the appliance (each when given),
    then ``payload``, whatever its keys (the other arguments are positional only). The
    simulator leaves the token out here and adds it on sending.
    """
    if not name.endswith("Request"):
        name = f"{name}Request"
    body: dict[str, Any] = {}
    if token is not None:
        body["accessToken"] = token
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


def sign(key: rsa.RSAPrivateKey, body: bytes) -> str:
    """The ``SignatureCEK`` header for ``body``: base64 RSA PKCS#1 v1.5 over SHA-256."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


def answer_name(answer: Any) -> str:
    """The header name of an answer, or ``""`` when it is not a Clova message."""
    if isinstance(answer, dict) and isinstance(answer.get("header"), dict):
        return str(answer["header"].get("name", ""))
    return ""


def is_error(answer: Any) -> bool:
    """True for a Clova error message (``...Error``) or anything that is not a message."""
    name = answer_name(answer)
    return not name or name.endswith("Error")
