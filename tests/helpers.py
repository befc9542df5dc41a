"""Build, sign and send Clova Home requests against a real Home Assistant."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import timedelta
import json
from typing import Any
import uuid

from aiohttp.test_utils import TestClient
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, RefreshToken, User
from homeassistant.core import HomeAssistant

from custom_components.clova_home.const import ENDPOINT_PATH

CLOVA_CLIENT_ID = "https://prod-ni-cic.clova.ai/"


def new_private_key() -> rsa.RSAPrivateKey:
    """A fresh RSA key pair (the test stands in for CEK)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    """The PEM of a private key's public half."""
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def sign(key: rsa.RSAPrivateKey, body: bytes) -> str:
    """``SignatureCEK`` of ``body``: base64 RSA PKCS#1 v1.5 SHA-256."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


async def mint(
    hass: HomeAssistant, user: User, client_id: str = CLOVA_CLIENT_ID
) -> tuple[RefreshToken, str]:
    """A fresh refresh token of ``user`` for ``client_id`` and an access token it signed."""
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=client_id)
    return refresh_token, hass.auth.async_create_access_token(refresh_token)


async def long_lived_token(hass: HomeAssistant, user: User) -> str:
    """A long-lived access token of ``user``, as made in the user's profile."""
    refresh_token = await hass.auth.async_create_refresh_token(
        user,
        client_name="x",
        token_type=TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN,
        access_token_expiration=timedelta(days=1),
    )
    return hass.auth.async_create_access_token(refresh_token)


def request_message(
    name: str,
    token: str | None,
    appliance_id: str | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """A Clova Home request envelope (``name`` without the ``Request`` suffix)."""
    body: dict[str, Any] = {}
    if token is not None:
        body["accessToken"] = token
    if appliance_id is not None:
        body["appliance"] = {"applianceId": appliance_id}
    body.update(payload)
    return {
        "header": {
            "messageId": str(uuid.uuid4()),
            "name": f"{name}Request",
            "namespace": "ClovaHome",
            "payloadVersion": "1.0",
        },
        "payload": body,
    }


@dataclass
class ClovaClient:
    """Plays CEK: signs and posts requests to the endpoint."""

    hass: HomeAssistant
    http: TestClient
    key: rsa.RSAPrivateKey
    token: str
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def post_raw(
        self, body: bytes, headers: dict[str, str] | None = None, *, signed: bool = True
    ) -> tuple[int, Any]:
        """Post raw bytes (signed unless told otherwise); return status and JSON/text."""
        all_headers = {"Content-Type": "application/json;charset-UTF-8"}
        if signed:
            all_headers["SignatureCEK"] = sign(self.key, body)
        all_headers.update(headers or {})
        resp = await self.http.post(ENDPOINT_PATH, data=body, headers=all_headers)
        text = await resp.text()
        try:
            return resp.status, json.loads(text)
        except ValueError:
            return resp.status, text

    async def send(self, message: dict[str, Any]) -> dict[str, Any]:
        """Post a signed message; assert HTTP 200 and return the answer."""
        self.sent.append(message)
        status, answer = await self.post_raw(json.dumps(message).encode())
        assert status == 200, answer
        assert answer["header"]["namespace"] == "ClovaHome"
        assert answer["header"]["payloadVersion"] == "1.0"
        return answer

    async def request(
        self,
        name: str,
        appliance_id: str | None = None,
        *,
        token: str | None = None,
        **payload: Any,
    ) -> dict[str, Any]:
        """Send ``<name>Request`` with this client's token (or ``token``)."""
        return await self.send(request_message(name, token or self.token, appliance_id, **payload))


def answer_name(answer: dict[str, Any]) -> str:
    """The header name of an answer."""
    return str(answer["header"]["name"])
