"""The HTTP gate: every refusal, before and after authentication, and that none calls a service.

Each test exposes a hand-made ``light.kitchen`` whose ``light.turn_on`` is mocked, sends a
``TurnOnRequest`` (or a broken variant of it) and checks the exact answer and that the mock
was never called. Everything else is real: Home Assistant's HTTP stack and middlewares
(IP ban, reverse proxy), real access tokens and real RSA signatures.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
import gzip
import json
import logging
from pathlib import Path
import time
from typing import Any
from unittest.mock import Mock, patch
import zlib

from aiohttp.streams import StreamReader
from aiohttp.test_utils import make_mocked_request
from cryptography.hazmat.primitives.asymmetric import rsa
from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, RefreshToken, User
from homeassistant.components.http.ban import KEY_BAN_MANAGER
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import jwt
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.auth import async_authenticate
from custom_components.clova_home.capabilities.power import Power
from custom_components.clova_home.const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_EXTRA_CLIENT_IDS,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    ENDPOINT_PATH,
    MAX_BODY_BYTES,
    REGION_JP,
)
from custom_components.clova_home.http import ClovaHomeView
from custom_components.clova_home.protocol.errors import InvalidAccessTokenError

from .conftest import SetupClova
from .helpers import (
    CLOVA_CLIENT_ID,
    ClovaClient,
    answer_name,
    new_private_key,
    request_message,
    sign,
)

KITCHEN = "light.kitchen"
JP_CLIENT_ID = "https://clova-cic.line-apps.com/"
OTHER_CLIENT_ID = "https://example.com/app"

Message = dict[str, Any]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def foreign_key() -> rsa.RSAPrivateKey:
    """A well-formed RSA key that Home Assistant does not trust."""
    return new_private_key()


@pytest.fixture
async def member(hass: HomeAssistant, clova_user: User) -> User:
    """A second Clova-linking user: unlike the first one, not the owner, so deactivatable."""
    user = await hass.auth.async_create_user("Member", group_ids=["system-admin"])
    assert not user.is_owner
    return user


@pytest.fixture
def kitchen(hass: HomeAssistant) -> list[ServiceCall]:
    """An exposable light whose ``light.turn_on`` records its calls."""
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen"})
    calls: list[ServiceCall] = async_mock_service(hass, "light", "turn_on")
    return calls


def turn_on(token: Any = None, appliance_id: str | None = KITCHEN) -> Message:
    """A ``TurnOnRequest`` for ``appliance_id`` carrying ``token`` as accessToken."""
    message = request_message("TurnOn", None, appliance_id)
    message["payload"]["accessToken"] = token
    return message


def encode(message: Any) -> bytes:
    """The JSON bytes of a message."""
    return json.dumps(message).encode()


def assert_clova_error(answer: Message, name: str) -> None:
    """``answer`` is the Clova error message ``name`` with an empty payload."""
    header = answer["header"]
    assert header["name"] == name, answer
    assert header["namespace"] == "ClovaHome"
    assert header["payloadVersion"] == "1.0"
    assert isinstance(header["messageId"], str)
    assert header["messageId"]
    assert answer["payload"] == {}


async def post_error(clova: ClovaClient, message: Message, name: str) -> None:
    """Post a signed message; it must get HTTP 200 with the Clova error ``name``."""
    status, answer = await clova.post_raw(encode(message))
    assert status == 200, answer
    assert_clova_error(answer, name)


async def mint(
    hass: HomeAssistant, user: User, client_id: str = CLOVA_CLIENT_ID
) -> tuple[RefreshToken, str]:
    """A fresh refresh token for ``client_id`` and an access token it signed."""
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=client_id)
    return refresh_token, hass.auth.async_create_access_token(refresh_token)


async def chunks(body: bytes, size: int = 8 * 1024) -> AsyncIterator[bytes]:
    """``body`` as a stream: aiohttp sends it chunked, without Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def padded(message: Message, size: int) -> bytes:
    """The message's JSON padded with trailing whitespace to exactly ``size`` bytes."""
    raw = encode(message)
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


# --------------------------------------------------------------------------- accepted


async def test_well_signed_request_is_carried_out(
    hass: HomeAssistant, setup_clova: SetupClova, clova_user: User, kitchen: list[ServiceCall]
) -> None:
    """The baseline the refusals below differ from: the same request, accepted."""
    clova = await setup_clova(exposed=[KITCHEN])
    answer = await clova.request("TurnOn", KITCHEN)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert answer["payload"] == {}
    assert len(kitchen) == 1
    assert kitchen[0].data == {"entity_id": KITCHEN}
    assert kitchen[0].context.user_id == clova_user.id


async def test_signature_header_name_is_case_insensitive(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    signing_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))
    status, answer = await clova.post_raw(
        body, {"signaturecek": sign(signing_key, body)}, signed=False
    )
    assert status == 200, answer
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1


# --------------------------------------------------------------------------- 401


SignatureFor = Callable[[rsa.RSAPrivateKey, rsa.RSAPrivateKey, bytes], dict[str, str]]


@pytest.mark.parametrize(
    "headers_for",
    [
        pytest.param(lambda key, foreign, body: {}, id="missing"),
        pytest.param(lambda key, foreign, body: {"SignatureCEK": ""}, id="empty"),
        pytest.param(lambda key, foreign, body: {"SignatureCEK": "not base64!"}, id="not-base64"),
        pytest.param(lambda key, foreign, body: {"SignatureCEK": "é" * 8}, id="not-ascii"),
        pytest.param(
            lambda key, foreign, body: {"SignatureCEK": sign(key, body).rstrip("=")},
            id="unpadded",
        ),
        pytest.param(
            lambda key, foreign, body: {"SignatureCEK": sign(key, body)[:-8]}, id="truncated"
        ),
        pytest.param(
            lambda key, foreign, body: {"SignatureCEK": sign(foreign, body)}, id="other-key"
        ),
        pytest.param(
            lambda key, foreign, body: {"SignatureCEK": sign(key, body + b" ")},
            id="other-body",
        ),
        pytest.param(
            lambda key, foreign, body: {"Signature": sign(key, body)}, id="other-header-name"
        ),
    ],
)
async def test_bad_signature_is_refused(
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
    *,
    headers_for: SignatureFor,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))
    status, _ = await clova.post_raw(body, headers_for(clova.key, foreign_key, body), signed=False)
    assert status == 401
    assert kitchen == []
    assert clova.token not in caplog.text


@pytest.fixture
async def ban_file(hass: HomeAssistant, tmp_path: Path) -> Path:
    """HA's IP ban after two failed logins, banning into a file of this test's own."""
    assert await async_setup_component(
        hass, "http", {"http": {"ip_ban_enabled": True, "login_attempts_threshold": 2}}
    )
    # The test config dir is shared by every test: a ban written there would outlive
    # this one (and ban 127.0.0.1 for all that follow).
    path = tmp_path / "ip_bans.yaml"
    hass.http.app[KEY_BAN_MANAGER].path = str(path)
    return path


async def test_bad_signatures_lead_to_an_ip_ban(
    hass: HomeAssistant,
    ban_file: Path,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))
    for _ in range(2):
        status, _ = await clova.post_raw(body, {"SignatureCEK": sign(foreign_key, body)})
        assert status == 401

    # Home Assistant's ban middleware now refuses even a perfectly signed request.
    status, _ = await clova.post_raw(body)
    assert status == 403
    assert kitchen == []
    assert "127.0.0.1" in await hass.async_add_executor_job(ban_file.read_text)


async def test_one_bad_signature_stays_below_the_ban_threshold(
    hass: HomeAssistant,
    ban_file: Path,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))
    status, _ = await clova.post_raw(body, {"SignatureCEK": sign(foreign_key, body)})
    assert status == 401
    assert kitchen == []

    status, answer = await clova.post_raw(body)
    assert status == 200
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1
    assert not await hass.async_add_executor_job(ban_file.exists)


# --------------------------------------------------------------------------- 413


async def test_body_at_the_size_cap_is_accepted(
    hass: HomeAssistant, setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    status, answer = await clova.post_raw(padded(turn_on(clova.token), MAX_BODY_BYTES))
    assert status == 200, answer
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1


async def test_body_over_the_size_cap_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    """Content-Length says too much: refused, although the body is a signed request."""
    clova = await setup_clova(exposed=[KITCHEN])
    status, _ = await clova.post_raw(padded(turn_on(clova.token), MAX_BODY_BYTES + 1))
    assert status == 413
    assert kitchen == []


@pytest.mark.parametrize(
    ("size", "status"),
    [(MAX_BODY_BYTES, 200), (MAX_BODY_BYTES + 1, 413), (4 * MAX_BODY_BYTES, 413)],
)
async def test_streamed_body_is_capped_while_read(
    setup_clova: SetupClova, kitchen: list[ServiceCall], *, size: int, status: int
) -> None:
    """A chunked body announces no length: the cap applies as it is read."""
    clova = await setup_clova(exposed=[KITCHEN])
    body = padded(turn_on(clova.token), size)
    resp = await clova.http.post(
        ENDPOINT_PATH, data=chunks(body), headers={"SignatureCEK": sign(clova.key, body)}
    )
    assert resp.status == status
    assert resp.request_info.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in resp.request_info.headers
    assert len(kitchen) == (1 if status == 200 else 0)


# --------------------------------------------------------------------------- 400


def _with(path: tuple[str, ...], value: Any) -> Callable[[Message], Any]:
    """A mutation setting ``message[path...] = value``."""

    def mutate(message: Message) -> Any:
        target = message
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return message

    return mutate


def _without(*path: str) -> Callable[[Message], Any]:
    """A mutation deleting ``message[path...]``."""

    def mutate(message: Message) -> Any:
        target = message
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return message

    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda message: [message], id="json-array"),
        pytest.param(lambda message: "TurnOnRequest", id="json-string"),
        pytest.param(lambda message: None, id="json-null"),
        pytest.param(_with(("header", "namespace"), "Alexa.ConnectedHome"), id="namespace"),
        pytest.param(_with(("header", "namespace"), "clovahome"), id="namespace-case"),
        pytest.param(_with(("header", "name"), "FooRequest"), id="unknown-name"),
        pytest.param(_with(("header", "name"), "TurnOn"), id="name-without-suffix"),
        pytest.param(_with(("header", "name"), "TurnOnConfirmation"), id="name-of-an-answer"),
        pytest.param(_with(("header", "payloadVersion"), "2.0"), id="payload-version-2.0"),
        pytest.param(_with(("header", "payloadVersion"), 1.0), id="payload-version-number"),
        pytest.param(_with(("header", "messageId"), 123), id="message-id-number"),
        pytest.param(_without("header", "messageId"), id="no-message-id"),
        pytest.param(_without("header", "namespace"), id="no-namespace"),
        pytest.param(_without("header", "name"), id="no-name"),
        pytest.param(_without("header", "payloadVersion"), id="no-payload-version"),
        pytest.param(_with(("header",), "TurnOnRequest"), id="header-not-an-object"),
        pytest.param(_without("header"), id="no-header"),
        pytest.param(_without("payload"), id="no-payload"),
        pytest.param(_with(("payload",), None), id="payload-null"),
        pytest.param(_with(("payload",), []), id="payload-array"),
        pytest.param(_with(("payload",), "light.kitchen"), id="payload-string"),
    ],
)
async def test_signed_json_that_is_not_a_clova_request(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    *,
    mutate: Callable[[Message], Any],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    status, _ = await clova.post_raw(encode(mutate(turn_on(clova.token))))
    assert status == 400
    assert kitchen == []


@pytest.mark.parametrize(
    "body_for",
    [
        pytest.param(lambda token: b"", id="empty"),
        pytest.param(lambda token: encode(turn_on(token))[:-1], id="truncated-json"),
        pytest.param(lambda token: b"TurnOnRequest " + token.encode(), id="not-json"),
        pytest.param(
            lambda token: encode(turn_on(token)).replace(b"kitchen", b"kitch\xffn"),
            id="not-utf8",
        ),
        pytest.param(lambda token: encode(turn_on(token)).replace(b'"', b"'"), id="single-quotes"),
        pytest.param(lambda token: encode(turn_on(token)) + b"{}", id="trailing-data"),
    ],
)
async def test_signed_bytes_that_are_not_json(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    *,
    body_for: Callable[[str], bytes],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    status, _ = await clova.post_raw(body_for(clova.token))
    assert status == 400
    assert kitchen == []


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("gzip", lambda _: b"not compressed at all"),
    ],
)
async def test_compressed_body_is_refused(
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    *,
    encoding: str,
    compress: Callable[[bytes], bytes],
) -> None:
    """The signature covers the bytes on the wire, so nothing is inflated first.

    Even a body whose inflated form is validly signed is refused (and a corrupt
    one never reaches the decoder).
    """
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))
    status, _ = await clova.post_raw(
        compress(body),
        {"Content-Encoding": encoding, "SignatureCEK": sign(clova.key, body)},
        signed=False,
    )
    assert status == 415
    assert kitchen == []


# --------------------------------------------------------------------------- 404


async def test_no_loaded_entry_is_not_found(
    hass: HomeAssistant, setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert await hass.config_entries.async_unload(entry.entry_id)

    status, _ = await clova.post_raw(encode(turn_on(clova.token)))
    assert status == 404
    assert kitchen == []

    # The same request is answered again once the entry is back.
    assert await hass.config_entries.async_setup(entry.entry_id)
    answer = await clova.request("TurnOn", KITCHEN)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({}, id="missing"),
        pytest.param({"accessToken": None}, id="null"),
        pytest.param({"accessToken": ""}, id="empty"),
        pytest.param({"accessToken": 123}, id="number"),
        pytest.param({"accessToken": ["a.b.c"]}, id="list"),
        pytest.param({"accessToken": {"token": "a.b.c"}}, id="object"),
        pytest.param({"accessToken": "garbage"}, id="garbage"),
        pytest.param({"accessToken": "a.b.c"}, id="three-garbage-parts"),
        pytest.param(
            {"accessToken": jwt.encode({"iss": "nobody", "exp": 1}, "k" * 32)},
            id="unknown-issuer-expired",
        ),
        pytest.param(
            # Newer PyJWT refuses to encode a non-string issuer; sign the raw claims.
            {"accessToken": jwt.PyJWS().encode(b'{"iss": 42, "exp": 1}', "k" * 32)},
            id="issuer-not-a-string",
        ),
    ],
)
async def test_malformed_token(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    *,
    payload: dict[str, Any],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    message = request_message("TurnOn", None, KITCHEN, **payload)
    await post_error(clova, message, "InvalidAccessTokenError")
    assert kitchen == []


async def _revoked(hass: HomeAssistant, user: User) -> str:
    refresh_token, token = await mint(hass, user)
    hass.auth.async_remove_refresh_token(refresh_token)
    return token


async def _other_client(hass: HomeAssistant, user: User) -> str:
    return (await mint(hass, user, OTHER_CLIENT_ID))[1]


async def _japanese_client(hass: HomeAssistant, user: User) -> str:
    return (await mint(hass, user, JP_CLIENT_ID))[1]


async def _long_lived(hass: HomeAssistant, user: User) -> str:
    refresh_token = await hass.auth.async_create_refresh_token(
        user,
        client_name="x",
        token_type=TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN,
        access_token_expiration=timedelta(days=1),
    )
    return hass.auth.async_create_access_token(refresh_token)


async def _inactive_user(hass: HomeAssistant, user: User) -> str:
    _, token = await mint(hass, user)
    await hass.auth.async_update_user(user, is_active=False)
    return token


async def _forged(hass: HomeAssistant, user: User) -> str:
    """Claims to come from a real Clova refresh token, but signed with another key."""
    refresh_token, _ = await mint(hass, user)
    now = int(time.time())
    claims = {"iss": refresh_token.id, "iat": now, "exp": now + 1800}
    return jwt.encode(claims, "not the refresh token's key" * 2, algorithm="HS256")


async def _forged_and_expired(hass: HomeAssistant, user: User) -> str:
    """Expired and forged: forged wins, it must not ask Clova to refresh it."""
    refresh_token, _ = await mint(hass, user)
    claims = {"iss": refresh_token.id, "iat": 1, "exp": 2}
    return jwt.encode(claims, "not the refresh token's key" * 2, algorithm="HS256")


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(_revoked, id="revoked"),
        pytest.param(_other_client, id="other-client"),
        pytest.param(_japanese_client, id="japanese-client-on-korean-entry"),
        pytest.param(_long_lived, id="long-lived"),
        pytest.param(_inactive_user, id="inactive-user"),
        pytest.param(_forged, id="forged"),
        pytest.param(_forged_and_expired, id="forged-and-expired"),
    ],
)
async def test_refused_token(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    member: User,
    kitchen: list[ServiceCall],
    *,
    make_token: Callable[[HomeAssistant, User], Awaitable[str]],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    token = await make_token(hass, member)
    await post_error(clova, turn_on(token), "InvalidAccessTokenError")
    assert kitchen == []


async def _keep(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    """Leave the refresh token as it is."""


async def _revoke(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    hass.auth.async_remove_refresh_token(refresh_token)


async def _deactivate(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    await hass.auth.async_update_user(refresh_token.user, is_active=False)


@pytest.mark.parametrize(
    ("client_id", "after_minting", "error"),
    [
        pytest.param(CLOVA_CLIENT_ID, _keep, "ExpiredAccessTokenError", id="expired"),
        pytest.param(CLOVA_CLIENT_ID, _revoke, "InvalidAccessTokenError", id="revoked"),
        pytest.param(CLOVA_CLIENT_ID, _deactivate, "InvalidAccessTokenError", id="inactive"),
        pytest.param(OTHER_CLIENT_ID, _keep, "InvalidAccessTokenError", id="other-client"),
    ],
)
async def test_expired_token(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    setup_clova: SetupClova,
    member: User,
    kitchen: list[ServiceCall],
    *,
    client_id: str,
    after_minting: Callable[[HomeAssistant, RefreshToken], Awaitable[None]],
    error: str,
) -> None:
    """Only a token whose sole fault is its age is called expired (Clova then refreshes)."""
    clova = await setup_clova(exposed=[KITCHEN])
    refresh_token, token = await mint(hass, member, client_id)
    await after_minting(hass, refresh_token)
    freezer.tick(timedelta(minutes=31))
    await post_error(clova, turn_on(token), error)
    assert kitchen == []


@pytest.mark.parametrize(
    ("age", "error"),
    [
        # Home Assistant accepts a token up to 10 s past its expiry, refuses it from then on.
        pytest.param(timedelta(minutes=30, seconds=9), None, id="within-leeway"),
        pytest.param(
            timedelta(minutes=30, seconds=10), "ExpiredAccessTokenError", id="end-of-leeway"
        ),
        pytest.param(
            timedelta(minutes=30, seconds=11), "ExpiredAccessTokenError", id="past-leeway"
        ),
    ],
)
async def test_expiry_boundary(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
    *,
    age: timedelta,
    error: str | None,
) -> None:
    """Every refused token that is only too old is expired, even at the very boundary."""
    freezer.move_to("2026-03-01 12:00:00+00:00")  # a whole second: exp is exact
    clova = await setup_clova(exposed=[KITCHEN])
    _, token = await mint(hass, clova_user)
    freezer.tick(age)
    if error is None:
        answer = await clova.request("TurnOn", KITCHEN, token=token)
        assert answer_name(answer) == "TurnOnConfirmation"
        assert len(kitchen) == 1
    else:
        await post_error(clova, turn_on(token), error)
        assert kitchen == []


@pytest.fixture
async def behind_proxy(hass: HomeAssistant) -> None:
    """HA behind a reverse proxy on 127.0.0.1 that reports the client in X-Forwarded-For."""
    assert await async_setup_component(
        hass,
        "http",
        {"http": {"use_x_forwarded_for": True, "trusted_proxies": ["127.0.0.1"]}},
    )


@pytest.mark.parametrize(
    ("local_only", "forwarded_for", "accepted"),
    [
        pytest.param(True, None, True, id="local-only-from-loopback"),
        pytest.param(True, "192.168.1.20", True, id="local-only-from-lan"),
        pytest.param(True, "8.8.8.8", False, id="local-only-from-internet"),
        pytest.param(False, "8.8.8.8", True, id="anyone-from-internet"),
    ],
)
async def test_local_only_user(
    hass: HomeAssistant,
    behind_proxy: None,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
    *,
    local_only: bool,
    forwarded_for: str | None,
    accepted: bool,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    await hass.auth.async_update_user(clova_user, local_only=local_only)
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    status, answer = await clova.post_raw(encode(turn_on(clova.token)), headers)
    assert status == 200, answer
    if accepted:
        assert answer_name(answer) == "TurnOnConfirmation"
        assert len(kitchen) == 1
    else:
        assert_clova_error(answer, "InvalidAccessTokenError")
        assert kitchen == []


@pytest.mark.parametrize("remote", [None, "", "unix-socket"])
async def test_local_only_user_without_an_ip_address(
    hass: HomeAssistant, clova_user: User, clova_token: str, *, remote: str | None
) -> None:
    """A request whose peer has no IP address (e.g. a Unix socket) is not local."""
    assert async_authenticate(hass, clova_token, {CLOVA_CLIENT_ID}, "127.0.0.1") is clova_user
    await hass.auth.async_update_user(clova_user, local_only=True)
    with pytest.raises(InvalidAccessTokenError):
        async_authenticate(hass, clova_token, {CLOVA_CLIENT_ID}, remote)


@pytest.mark.parametrize("client_id", [JP_CLIENT_ID, CLOVA_CLIENT_ID])
async def test_japanese_entry_accepts_its_clients(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
    *,
    client_id: str,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], region=REGION_JP)
    _, token = await mint(hass, clova_user, client_id)
    answer = await clova.request("TurnOn", KITCHEN, token=token)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1


async def test_japanese_entry_refuses_other_clients(
    hass: HomeAssistant, setup_clova: SetupClova, clova_user: User, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], region=REGION_JP)
    _, token = await mint(hass, clova_user, OTHER_CLIENT_ID)
    await post_error(clova, turn_on(token), "InvalidAccessTokenError")
    assert kitchen == []


# --------------------------------------------------------------------------- security options


async def test_extra_client_id_is_accepted(
    hass: HomeAssistant, setup_clova: SetupClova, member: User, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(
        exposed=[KITCHEN], security={CONF_EXTRA_CLIENT_IDS: [OTHER_CLIENT_ID]}
    )
    _, token = await mint(hass, member, OTHER_CLIENT_ID)
    assert answer_name(await clova.request("TurnOn", KITCHEN, token=token)) == "TurnOnConfirmation"
    # The region's own client keeps working beside it.
    assert answer_name(await clova.request("TurnOn", KITCHEN)) == "TurnOnConfirmation"
    assert len(kitchen) == 2


async def test_long_lived_token_when_allowed(
    hass: HomeAssistant, setup_clova: SetupClova, member: User, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_ALLOW_LONG_LIVED_TOKENS: True})
    token = await _long_lived(hass, member)
    assert answer_name(await clova.request("TurnOn", KITCHEN, token=token)) == "TurnOnConfirmation"
    assert kitchen[0].context.user_id == member.id


async def test_allowing_long_lived_tokens_does_not_admit_other_clients(
    hass: HomeAssistant, setup_clova: SetupClova, member: User, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_ALLOW_LONG_LIVED_TOKENS: True})
    _, token = await mint(hass, member, OTHER_CLIENT_ID)
    await post_error(clova, turn_on(token), "InvalidAccessTokenError")
    long_lived = await _long_lived(hass, member)
    await hass.auth.async_update_user(member, is_active=False)
    await post_error(clova, turn_on(long_lived), "InvalidAccessTokenError")
    assert kitchen == []


async def test_unsigned_request_when_verification_is_off(
    setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_VERIFY_SIGNATURE: False})
    status, answer = await clova.post_raw(encode(turn_on(clova.token)), signed=False)
    assert status == 200, answer
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1


async def test_verification_off_still_needs_a_token(
    setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_VERIFY_SIGNATURE: False})
    status, answer = await clova.post_raw(encode(turn_on("not a token")), signed=False)
    assert status == 200
    assert_clova_error(answer, "InvalidAccessTokenError")
    assert kitchen == []


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"appliance": {"applianceId": "light.hall"}}, id="not-exposed"),
        pytest.param({"appliance": {"applianceId": "light.nowhere"}}, id="unknown"),
        pytest.param({"appliance": {"applianceId": "sensor.hall"}}, id="exposed-wrong-domain"),
        pytest.param({"appliance": {"applianceId": ""}}, id="empty-id"),
        pytest.param({"appliance": {"applianceId": 123}}, id="id-not-a-string"),
        pytest.param({"appliance": {}}, id="no-id"),
        pytest.param({"appliance": "light.kitchen"}, id="appliance-not-an-object"),
        pytest.param({"applianceId": "light.kitchen"}, id="id-outside-appliance"),
        pytest.param({}, id="no-appliance"),
    ],
)
async def test_no_such_target(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    *,
    payload: dict[str, Any],
) -> None:
    hass.states.async_set("light.hall", "off")
    hass.states.async_set("sensor.hall", "21", {"unit_of_measurement": "°C"})
    clova = await setup_clova(exposed=[KITCHEN, "sensor.hall"])
    message = request_message("TurnOn", clova.token, None, **payload)
    await post_error(clova, message, "NoSuchTargetError")
    assert kitchen == []


async def test_registered_entity_is_known_by_its_registry_id_only(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
) -> None:
    hall = entity_registry.async_get_or_create("light", "test", "uid", suggested_object_id="hall")
    assert hall.entity_id == "light.hall"
    hass.states.async_set(hall.entity_id, "off")
    clova = await setup_clova(exposed=[hall.entity_id])

    await post_error(clova, turn_on(clova.token, hall.entity_id), "NoSuchTargetError")
    assert kitchen == []

    answer = await clova.request("TurnOn", hall.id)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.data for call in kitchen] == [{"entity_id": "light.hall"}]


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"lockState": "OPEN"}, id="unknown-state"),
        pytest.param({"lockState": "locked"}, id="state-case"),
        pytest.param({"lockState": None}, id="null-state"),
        pytest.param({}, id="no-state"),
    ],
)
async def test_malformed_parameters(
    hass: HomeAssistant, setup_clova: SetupClova, *, payload: dict[str, Any]
) -> None:
    hass.states.async_set("lock.front", "unlocked")
    lock_calls = async_mock_service(hass, "lock", "lock")
    unlock_calls = async_mock_service(hass, "lock", "unlock")
    clova = await setup_clova(exposed=["lock.front"], unlock=["lock.front"])
    message = request_message("SetLockState", clova.token, "lock.front", **payload)
    await post_error(clova, message, "UnsupportedOperationError")
    assert lock_calls == []
    assert unlock_calls == []

    # The same request with a well-formed state is carried out.
    await clova.request("SetLockState", "lock.front", lockState="LOCKED")
    assert len(lock_calls) == 1


# --------------------------------------------------------------------------- faults


async def test_unexpected_error_in_a_handler(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    with patch.object(Power, "async_handle", side_effect=RuntimeError("boom")):
        await post_error(clova, turn_on(clova.token), "DriverInternalError")
    assert kitchen == []
    [record] = [r for r in caplog.records if r.exc_info and r.exc_info[0] is RuntimeError]
    assert record.levelno == logging.ERROR
    assert "TurnOnRequest" in record.getMessage()
    assert clova.token not in caplog.text


async def test_unexpected_error_checking_the_token(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kitchen: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    with patch(
        "custom_components.clova_home.http.async_authenticate",
        side_effect=RuntimeError("boom"),
    ):
        await post_error(clova, turn_on(clova.token), "DriverInternalError")
    assert kitchen == []
    [record] = [r for r in caplog.records if r.exc_info and r.exc_info[0] is RuntimeError]
    assert record.levelno == logging.ERROR
    assert clova.token not in caplog.text


async def test_malformed_chunked_body_is_a_bad_request(
    setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    """A body the HTTP layer cannot decode is refused, not answered with 500."""
    clova = await setup_clova(exposed=[KITCHEN])
    server = clova.http.server
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(
        b"POST /api/clova_home HTTP/1.1\r\n"
        b"Host: localhost\r\n"
        b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n"
        b"SignatureCEK: AAAA\r\n"
        b"\r\n"
        b"zz-not-a-chunk-size\r\n{}\r\n0\r\n\r\n"
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=5)
    writer.close()
    await writer.wait_closed()
    assert status_line.split()[1] == b"400"
    assert kitchen == []


async def _post_without_peer_address(
    hass: HomeAssistant, body: bytes, signature: str
) -> tuple[int, Any]:
    """Call the view with a request that has no remote address (e.g. a Unix socket)."""
    stream = StreamReader(Mock(_reading_paused=False), 2**16, loop=asyncio.get_running_loop())
    stream.feed_data(body)
    stream.feed_eof()
    request = make_mocked_request(
        "POST",
        ENDPOINT_PATH,
        headers={"SignatureCEK": signature, "Content-Length": str(len(body))},
        app=hass.http.app,
        payload=stream,
        transport=Mock(get_extra_info=Mock(return_value=None)),
    )
    assert request.remote is None
    response = await ClovaHomeView().post(request)
    return response.status, json.loads(response.body) if response.body else None


async def test_requests_without_an_address_skip_ban_accounting(
    hass: HomeAssistant,
    ban_file: Path,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
) -> None:
    """HA's ban bookkeeping needs an address; without one the gate still answers."""
    clova = await setup_clova(exposed=[KITCHEN])
    body = encode(turn_on(clova.token))

    status, _ = await _post_without_peer_address(hass, body, sign(foreign_key, body))
    assert status == 401

    status, answer = await _post_without_peer_address(hass, body, sign(clova.key, body))
    assert status == 200
    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(kitchen) == 1
