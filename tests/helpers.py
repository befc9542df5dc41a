"""Build, sign and send Clova Home requests against a real Home Assistant.

The CEK side (keys, envelopes, signatures) is the simulator's (``scripts/clova_sim``), so
the tests and the live demo build and sign requests the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
import json
from typing import Any

from aiohttp.test_utils import TestClient
from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, RefreshToken, User
from homeassistant.core import HomeAssistant

from custom_components.clova_home.const import ENDPOINT_PATH
from scripts.clova_sim import keys, messages

CLOVA_CLIENT_ID = "https://prod-ni-cic.clova.ai/"

# The key CEK signs with (a fresh one: the test stands in for CEK), its public half's PEM,
# and the ``SignatureCEK`` of a body.
new_private_key = keys.new_private_key
public_pem = keys.public_pem
sign = messages.sign


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
    return messages.request(f"{name}Request", appliance_id, token, **payload)


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
        all_headers = {"Content-Type": messages.CONTENT_TYPE}
        if signed:
            all_headers[messages.SIGNATURE_HEADER] = sign(self.key, body)
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
        assert answer["header"]["namespace"] == messages.NAMESPACE
        assert answer["header"]["payloadVersion"] == messages.PAYLOAD_VERSION
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
