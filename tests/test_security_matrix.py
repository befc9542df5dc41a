"""Security matrix: every way in, the exact answer, and that nothing was switched.

Each row of :data:`MATRIX` is one way a request can come: its signature, the token in it,
who that token belongs to, where the request comes from, the options. It is sent twice,
as a ``TurnOnRequest`` for a light and as a ``SetLockStateRequest`` that unlocks a lock,
and each answer must be exactly the row's (an HTTP status before authentication, a Clova
message after). Both services are mocked and every service call is recorded: a refused
request calls none, an accepted one exactly its own.

Everything else is real: Home Assistant's HTTP stack and middlewares (reverse proxy, IP
ban), users, groups and access tokens from ``hass.auth``, RSA signatures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
import json
from pathlib import Path
import time
from typing import Any, Final
from unittest.mock import Mock

from aiohttp.streams import StreamReader
from aiohttp.test_utils import make_mocked_request
from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.auth.models import RefreshToken, User
from homeassistant.components.http.ban import KEY_BAN_MANAGER
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import jwt
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_mock_service,
)

from custom_components.clova_home.const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_APPLIANCE_TYPES,
    CONF_EXTRA_CLIENT_IDS,
    CONF_VERIFY_SIGNATURE,
    ENDPOINT_PATH,
    REGION_JP,
    REGION_KR,
)
from custom_components.clova_home.http import ClovaHomeView

from .assertions import assert_clova_message, record_service_calls
from .conftest import SetupClova
from .helpers import (
    CLOVA_CLIENT_ID,
    ClovaClient,
    long_lived_token,
    mint,
    new_private_key,
    request_message,
    sign,
)

LIGHT: Final = "light.kitchen"
LOCK: Final = "lock.front"
HALL: Final = "light.hall"  # exists, never exposed
AIRCON: Final = "climate.aircon"  # on one device with its temperature sensor
AIRCON_SENSOR: Final = "sensor.aircon_temperature"
VALVE: Final = "valve.main"
GARAGE: Final = "cover.garage"
JP_CLIENT_ID: Final = "https://clova-cic.line-apps.com/"
OTHER_CLIENT_ID: Final = "https://example.com/app"
MOBILE_APP_CLIENT_ID: Final = "https://home-assistant.io/android"  # HA's companion app


ABSENT: Final = object()  # a request without an accessToken field


@dataclass(frozen=True)
class Action:
    """A request, and what carrying it out looks like: the service called, the answer."""

    name: str
    appliance_id: str  # an entity_id: the test sends its appliance id
    payload: Mapping[str, Any]
    service: tuple[str, str] | None  # None: a query, which calls nothing
    confirmation: Mapping[str, Any]  # the answer's payload (without a query's timestamp)

    @property
    def answer_name(self) -> str:
        """The name of the answer when it is carried out."""
        return f"{self.name}{'Response' if self.service is None else 'Confirmation'}"

    def message(self, token: Any, appliance_id: str | None = None) -> dict[str, Any]:
        """The request, for ``appliance_id`` (default: the action's own) with ``token``."""
        message = request_message(self.name, None, appliance_id or self.appliance_id)
        token_field = {} if token is ABSENT else {"accessToken": token}
        message["payload"] = {**token_field, **message["payload"], **self.payload}
        return message


TURN_ON: Final = Action("TurnOn", LIGHT, {}, ("light", "turn_on"), {})
UNLOCK: Final = Action(
    "SetLockState",
    LOCK,
    {"lockState": "UNLOCKED"},
    ("lock", "unlock"),
    {"lockState": "UNLOCKED"},
)
# What the capability of the aircon's companion sensor answers.
READ_TEMPERATURE: Final = Action(
    "GetCurrentTemperature", AIRCON, {}, None, {"currentTemperature": {"value": 24.4}}
)
OPEN_VALVE: Final = Action(
    "SetLockState",
    VALVE,
    {"lockState": "UNLOCKED"},
    ("valve", "open_valve"),
    {"lockState": "UNLOCKED"},
)
OPEN_GARAGE: Final = Action("Open", GARAGE, {}, ("cover", "open_cover"), {})
# Never carried out: what a lock declared a SWITCH might be asked.
TURN_ON_LOCK: Final = Action("TurnOn", LOCK, {}, ("lock", "unlock"), {})

# --------------------------------------------------------------------------- signatures

Signer = Callable[[rsa.RSAPrivateKey, rsa.RSAPrivateKey, bytes], dict[str, str]]


def _signed(key: rsa.RSAPrivateKey, foreign: rsa.RSAPrivateKey, body: bytes) -> dict[str, str]:
    return {"SignatureCEK": sign(key, body)}


def _header(value: str) -> Signer:
    return lambda key, foreign, body: {"SignatureCEK": value}


SIGNERS: Final[dict[str, Signer]] = {
    "no-signature": lambda key, foreign, body: {},
    "empty-signature": _header(""),
    "bad-base64": _header("not base64!"),
    "signature-not-ascii": _header("é" * 8),
    "signature-unpadded": lambda key, foreign, body: {"SignatureCEK": sign(key, body).rstrip("=")},
    "signature-truncated": lambda key, foreign, body: {"SignatureCEK": sign(key, body)[:-8]},
    "signature-by-another-key": lambda key, foreign, body: {"SignatureCEK": sign(foreign, body)},
    "signature-of-another-body": lambda key, foreign, body: {
        "SignatureCEK": sign(key, body + b" ")
    },
    "signature-in-another-header": lambda key, foreign, body: {"Signature": sign(key, body)},
}

# --------------------------------------------------------------------------- tokens

TokenMaker = Callable[[HomeAssistant, User], Awaitable[Any]]


def _literal(value: Any) -> TokenMaker:
    async def make(hass: HomeAssistant, user: User) -> Any:
        return value

    return make


async def _linked(hass: HomeAssistant, user: User) -> str:
    """What account linking gives Clova: a token of the region's client ID."""
    return (await mint(hass, user))[1]


def _client(client_id: str) -> TokenMaker:
    async def make(hass: HomeAssistant, user: User) -> str:
        return (await mint(hass, user, client_id))[1]

    return make


Minter = Callable[[HomeAssistant, User], Awaitable[tuple[RefreshToken, str]]]
Afterwards = Callable[[HomeAssistant, RefreshToken], Awaitable[None]]


async def _expired(
    hass: HomeAssistant, user: User, client_id: str = CLOVA_CLIENT_ID
) -> tuple[RefreshToken, str]:
    """A token that expired a minute ago (well past HA's 10 s leeway)."""
    refresh_token = await hass.auth.async_create_refresh_token(
        user, client_id=client_id, access_token_expiration=timedelta(minutes=-1)
    )
    return refresh_token, hass.auth.async_create_access_token(refresh_token)


async def _long_lived(hass: HomeAssistant, user: User) -> tuple[RefreshToken, str]:
    token = await long_lived_token(hass, user)
    refresh_token = hass.auth.async_validate_access_token(token)
    assert refresh_token is not None
    return refresh_token, token


async def _keep(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    """Leave the token and its user as they are."""


async def _revoke(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    hass.auth.async_remove_refresh_token(refresh_token)


async def _deactivate(hass: HomeAssistant, refresh_token: RefreshToken) -> None:
    await hass.auth.async_update_user(refresh_token.user, is_active=False)


def _then(minter: Minter, afterwards: Afterwards = _keep) -> TokenMaker:
    """A token from ``minter``, then ``afterwards`` done to its refresh token or user."""

    async def make(hass: HomeAssistant, user: User) -> str:
        refresh_token, token = await minter(hass, user)
        await afterwards(hass, refresh_token)
        return token

    return make


async def _expired_of_another_client(hass: HomeAssistant, user: User) -> tuple[RefreshToken, str]:
    return await _expired(hass, user, OTHER_CLIENT_ID)


def _posing_as_clova(lifetime: int, algorithm: str = "HS256") -> TokenMaker:
    """Claims naming a real Clova refresh token as their issuer, not signed by its key.

    Forged or unsigned (``alg: none``); ``lifetime`` seconds from now (negative: expired,
    which must not make Clova refresh it).
    """

    async def make(hass: HomeAssistant, user: User) -> str:
        refresh_token, _ = await mint(hass, user)
        now = int(time.time())
        claims = {"iss": refresh_token.id, "iat": now, "exp": now + lifetime}
        key = None if algorithm == "none" else "not the refresh token's key" * 2
        return jwt.encode(claims, key, algorithm=algorithm)

    return make


async def _local_only_user(hass: HomeAssistant, user: User) -> str:
    await hass.auth.async_update_user(user, local_only=True)
    return await _linked(hass, user)


async def _read_only_user(hass: HomeAssistant, user: User) -> str:
    reader = await hass.auth.async_create_user("Reader", group_ids=["system-read-only"])
    return await _linked(hass, reader)


async def _user_without_permission(hass: HomeAssistant, user: User) -> str:
    """A non-admin who may read and control the hall light only."""
    stranger = MockUser(name="Guest").add_to_hass(hass)
    stranger.mock_policy({"entities": {"entity_ids": {HALL: True}}})
    return await _linked(hass, stranger)


def _policy(entity_ids: Mapping[str, Any]) -> TokenMaker:
    """A linked non-admin whose Home Assistant policy is this, per entity."""

    async def make(hass: HomeAssistant, user: User) -> str:
        guest = MockUser(name="Guest").add_to_hass(hass)
        guest.mock_policy({"entities": {"entity_ids": dict(entity_ids)}})
        return await _linked(hass, guest)

    return make


async def _user_with_permission(hass: HomeAssistant, user: User) -> str:
    """A non-admin who may read and control exactly the light and the lock."""
    guest = MockUser(name="Guest").add_to_hass(hass)
    guest.mock_policy({"entities": {"entity_ids": {LIGHT: True, LOCK: True}}})
    return await _linked(hass, guest)


# --------------------------------------------------------------------------- the matrix

ACCEPTED: Final = "accepted"  # the action's confirmation, and its service called once


@dataclass(frozen=True)
class Row:
    """One way in and the answer it must get: an HTTP status or a Clova message name."""

    expect: int | str
    token: TokenMaker = _linked
    signer: Signer = _signed
    # The body was signed with this token in it, then the token was swapped (a replay).
    signed_with: TokenMaker | None = None
    security: Mapping[str, Any] = field(default_factory=dict)
    region: str = REGION_KR
    unlock: bool = True  # the lock, the valve and the garage door are opted in
    types: Mapping[str, str] = field(default_factory=dict)  # Clova types the user chose
    target: str | None = None  # another appliance than the action's
    forwarded_for: str | None = None  # the client address a trusted proxy reports
    actions: tuple[Action, ...] = (TURN_ON, UNLOCK)


MATRIX: Final[dict[str, Row]] = {
    # Accepted: the baselines the refusals differ from.
    "linked-token-well-signed": Row(ACCEPTED),
    "signature-header-name-lowercase": Row(
        ACCEPTED, signer=lambda key, foreign, body: {"signaturecek": sign(key, body)}
    ),
    "long-lived-token-when-allowed": Row(
        ACCEPTED, long_lived_token, security={CONF_ALLOW_LONG_LIVED_TOKENS: True}
    ),
    "extra-client-id": Row(
        ACCEPTED, _client(OTHER_CLIENT_ID), security={CONF_EXTRA_CLIENT_IDS: [OTHER_CLIENT_ID]}
    ),
    "japanese-client-on-japanese-entry": Row(ACCEPTED, _client(JP_CLIENT_ID), region=REGION_JP),
    "korean-client-on-japanese-entry": Row(ACCEPTED, region=REGION_JP),
    "local-only-user-from-loopback": Row(ACCEPTED, _local_only_user),
    "local-only-user-from-lan": Row(ACCEPTED, _local_only_user, forwarded_for="192.168.1.20"),
    "any-user-from-internet": Row(ACCEPTED, forwarded_for="8.8.8.8"),
    "local-only-user-from-link-local": Row(
        ACCEPTED, _local_only_user, forwarded_for="169.254.10.20"
    ),
    "local-only-user-from-ipv6-ula": Row(ACCEPTED, _local_only_user, forwarded_for="fd00::20"),
    # Behind two proxies, both trusted: the client is the address before them.
    "local-only-user-through-two-trusted-proxies": Row(
        ACCEPTED, _local_only_user, forwarded_for="192.168.1.20, 127.0.0.1"
    ),
    "non-admin-with-permission": Row(ACCEPTED, _user_with_permission),
    "unsigned-when-verification-off": Row(
        ACCEPTED,
        signer=SIGNERS["no-signature"],
        security={CONF_VERIFY_SIGNATURE: False},
    ),
    # Refused before the token is looked at: HTTP 401.
    **{name: Row(401, signer=signer) for name, signer in SIGNERS.items()},
    "replayed-body-with-another-token": Row(401, signed_with=_linked),
    "bad-signature-forwarded-from-internet": Row(
        401, signer=SIGNERS["signature-by-another-key"], forwarded_for="203.0.113.7"
    ),
    # Refused by Home Assistant's reverse-proxy handling before the gate: HTTP 400.
    "forwarded-for-not-an-address": Row(400, forwarded_for="not-an-address"),
    "forwarded-for-empty-item": Row(400, forwarded_for="192.168.1.20,,8.8.8.8"),
    "no-signature-with-long-lived-tokens-allowed": Row(
        401,
        long_lived_token,
        SIGNERS["no-signature"],
        security={CONF_ALLOW_LONG_LIVED_TOKENS: True},
    ),
    # Refused tokens: Clova's InvalidAccessTokenError (or Expired when only too old).
    "no-token": Row("InvalidAccessTokenError", _literal(ABSENT)),
    "null-token": Row("InvalidAccessTokenError", _literal(None)),
    "token-a-number": Row("InvalidAccessTokenError", _literal(123)),
    "token-an-object": Row("InvalidAccessTokenError", _literal({"token": "a.b.c"})),
    "empty-token": Row("InvalidAccessTokenError", _literal("")),
    "token-not-a-string": Row("InvalidAccessTokenError", _literal(["a.b.c"])),
    "garbage-token": Row("InvalidAccessTokenError", _literal("a.b.c")),
    "token-of-unknown-issuer": Row(
        "InvalidAccessTokenError", _literal(jwt.encode({"iss": "nobody", "exp": 1}, "k" * 32))
    ),
    # Newer PyJWT refuses to encode a non-string issuer: sign the raw claims.
    "token-issuer-not-a-string": Row(
        "InvalidAccessTokenError", _literal(jwt.PyJWS().encode(b'{"iss": 42, "exp": 1}', "k" * 32))
    ),
    "token-of-ha-mobile-app": Row("InvalidAccessTokenError", _client(MOBILE_APP_CLIENT_ID)),
    "token-of-another-client": Row("InvalidAccessTokenError", _client(OTHER_CLIENT_ID)),
    "japanese-client-on-korean-entry": Row("InvalidAccessTokenError", _client(JP_CLIENT_ID)),
    "other-client-on-japanese-entry": Row(
        "InvalidAccessTokenError", _client(OTHER_CLIENT_ID), region=REGION_JP
    ),
    "long-lived-token": Row("InvalidAccessTokenError", long_lived_token),
    "long-lived-token-of-inactive-user-when-allowed": Row(
        "InvalidAccessTokenError",
        _then(_long_lived, _deactivate),
        security={CONF_ALLOW_LONG_LIVED_TOKENS: True},
    ),
    "other-client-when-long-lived-allowed": Row(
        "InvalidAccessTokenError",
        _client(OTHER_CLIENT_ID),
        security={CONF_ALLOW_LONG_LIVED_TOKENS: True},
    ),
    "revoked-refresh-token": Row("InvalidAccessTokenError", _then(mint, _revoke)),
    "inactive-user": Row("InvalidAccessTokenError", _then(mint, _deactivate)),
    "forged-token": Row("InvalidAccessTokenError", _posing_as_clova(1800)),
    "forged-and-expired-token": Row("InvalidAccessTokenError", _posing_as_clova(-60)),
    "unsigned-jwt": Row("InvalidAccessTokenError", _posing_as_clova(1800, "none")),
    "unsigned-and-expired-jwt": Row("InvalidAccessTokenError", _posing_as_clova(-60, "none")),
    "expired-token": Row("ExpiredAccessTokenError", _then(_expired)),
    "expired-and-revoked": Row("InvalidAccessTokenError", _then(_expired, _revoke)),
    "expired-and-inactive": Row("InvalidAccessTokenError", _then(_expired, _deactivate)),
    "expired-of-another-client": Row("InvalidAccessTokenError", _then(_expired_of_another_client)),
    "local-only-user-from-internet": Row(
        "InvalidAccessTokenError", _local_only_user, forwarded_for="8.8.8.8"
    ),
    # The client wrote a LAN address before its own; the proxy appended the real one.
    "local-only-user-spoofing-a-lan-address": Row(
        "InvalidAccessTokenError", _local_only_user, forwarded_for="192.168.1.20, 8.8.8.8"
    ),
    # CGNAT (e.g. Tailscale, 100.64.0.0/10) is not the local network for Home Assistant.
    "local-only-user-from-cgnat": Row(
        "InvalidAccessTokenError", _local_only_user, forwarded_for="100.64.0.20"
    ),
    "bad-token-when-verification-off": Row(
        "InvalidAccessTokenError",
        _literal("not a token"),
        SIGNERS["no-signature"],
        security={CONF_VERIFY_SIGNATURE: False},
    ),
    # A known user, but not for this: the appliance does not exist for them, or may not.
    "non-admin-without-permission": Row("NoSuchTargetError", _user_without_permission),
    "read-only-user": Row("NoSuchTargetError", _read_only_user),
    "unexposed-entity": Row("NoSuchTargetError", target=HALL),
    "unlock-without-opt-in": Row("UnsupportedOperationError", unlock=False, actions=(UNLOCK,)),
    "unlock-opted-in-but-not-exposed": Row(
        "NoSuchTargetError", target="lock.back", actions=(UNLOCK,)
    ),
    # Every member of a grouped appliance is checked for a non-admin (the aircon's own
    # temperature sensor answers GetCurrentTemperature).
    "non-admin-reading-the-aircon-and-its-sensor": Row(
        ACCEPTED, _policy({AIRCON: True, AIRCON_SENSOR: True}), actions=(READ_TEMPERATURE,)
    ),
    "non-admin-without-the-aircons-sensor": Row(
        "ValueNotFoundError", _policy({AIRCON: True}), actions=(READ_TEMPERATURE,)
    ),
    "non-admin-with-only-the-aircons-sensor": Row(
        "NoSuchTargetError", _policy({AIRCON_SENSOR: True}), actions=(READ_TEMPERATURE,)
    ),
    "non-admin-may-read-not-control": Row(
        "NoSuchTargetError", _policy({LIGHT: {"read": True}, LOCK: {"read": True}})
    ),
    "non-admin-may-control-not-read": Row(
        "NoSuchTargetError", _policy({LIGHT: {"control": True}, LOCK: {"control": True}})
    ),
    # Opening needs the opt-in for valves and doors too, whatever type they are given.
    "valve-and-garage-opened-with-opt-in": Row(ACCEPTED, actions=(OPEN_VALVE, OPEN_GARAGE)),
    "valve-and-garage-without-opt-in": Row(
        "UnsupportedOperationError", unlock=False, actions=(OPEN_VALVE, OPEN_GARAGE)
    ),
    "lock-declared-a-switch-without-opt-in": Row(
        "UnsupportedOperationError",
        unlock=False,
        types={LOCK: "SWITCH"},
        actions=(UNLOCK, TURN_ON_LOCK),
    ),
    "lock-declared-a-switch-with-opt-in": Row(
        "UnsupportedOperationError", types={LOCK: "SWITCH"}, actions=(UNLOCK, TURN_ON_LOCK)
    ),
    # A BIDET may Open: a garage door declared one opens only with the opt-in.
    "garage-declared-a-bidet-without-opt-in": Row(
        "UnsupportedOperationError", unlock=False, types={GARAGE: "BIDET"}, actions=(OPEN_GARAGE,)
    ),
    "garage-declared-a-bidet-with-opt-in": Row(
        ACCEPTED, types={GARAGE: "BIDET"}, actions=(OPEN_GARAGE,)
    ),
}


@pytest.fixture(scope="module")
def foreign_key() -> rsa.RSAPrivateKey:
    """A well-formed RSA key that Home Assistant does not trust."""
    return new_private_key()


@pytest.fixture
async def member(hass: HomeAssistant, clova_user: User) -> User:
    """An admin who links Clova; not the owner (``clova_user`` is), so deactivatable."""
    user = await hass.auth.async_create_user("Member", group_ids=["system-admin"])
    assert not user.is_owner
    return user


@pytest.fixture
async def behind_proxy(hass: HomeAssistant) -> None:
    """HA behind a reverse proxy on 127.0.0.1 that reports the client in X-Forwarded-For."""
    assert await async_setup_component(
        hass,
        "http",
        {"http": {"use_x_forwarded_for": True, "trusted_proxies": ["127.0.0.1"]}},
    )


@pytest.fixture
def home(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry, entity_registry: er.EntityRegistry
) -> None:
    """The light, the lock, the valve, the garage door and their mocked services; an aircon
    with its own temperature sensor on one device; a hall light and back door lock."""
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Kitchen"})
    hass.states.async_set(HALL, "off", {"friendly_name": "Hall"})
    hass.states.async_set(LOCK, "locked", {"friendly_name": "Front door"})
    hass.states.async_set("lock.back", "locked", {"friendly_name": "Back door"})
    hass.states.async_set(VALVE, "closed", {"supported_features": 3})  # open, close
    hass.states.async_set(GARAGE, "closed", {"device_class": "garage", "supported_features": 3})
    vendor = MockConfigEntry(domain="acme")
    vendor.add_to_hass(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=vendor.entry_id, identifiers={("acme", "aircon")}
    )
    for entity_id, state, attributes in (
        (AIRCON, "cool", {"hvac_modes": ["off", "cool"]}),  # no current_temperature
        (AIRCON_SENSOR, "24.4", {"device_class": "temperature", "unit_of_measurement": "°C"}),
    ):
        domain, object_id = entity_id.split(".")
        entity_registry.async_get_or_create(
            domain, "acme", object_id, suggested_object_id=object_id, device_id=device.id
        )
        hass.states.async_set(entity_id, state, attributes)
    for action in (TURN_ON, UNLOCK, OPEN_VALVE, OPEN_GARAGE):
        assert action.service is not None
        async_mock_service(hass, *action.service)


def appliance_id_of(hass: HomeAssistant, entity_id: str) -> str:
    """The appliance id of an entity: its registry id, or the entity_id without one."""
    entry = er.async_get(hass).async_get(entity_id)
    return entry.id if entry is not None else entity_id


async def setup_row(setup_clova: SetupClova, row: Row) -> ClovaClient:
    """Clova Home exposing the light, the lock, the aircon (and its sensor), the valve and
    the garage door, configured as ``row`` says."""
    unlock = [LOCK, VALVE, GARAGE] if row.unlock else []
    if row.target == "lock.back":
        unlock.append("lock.back")
    return await setup_clova(
        exposed=[LIGHT, LOCK, AIRCON, AIRCON_SENSOR, VALVE, GARAGE],
        unlock=unlock,
        region=row.region,
        security=row.security,
        options={CONF_APPLIANCE_TYPES: dict(row.types)},
    )


@pytest.mark.usefixtures("behind_proxy", "home")
@pytest.mark.parametrize("row", MATRIX.values(), ids=MATRIX.keys())
async def test_security_matrix(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    member: User,
    foreign_key: rsa.RSAPrivateKey,
    caplog: pytest.LogCaptureFixture,
    row: Row,
) -> None:
    clova = await setup_row(setup_clova, row)
    signed_token = await row.signed_with(hass, member) if row.signed_with else None
    token = await row.token(hass, member)
    for action in row.actions:
        target = appliance_id_of(hass, row.target or action.appliance_id)
        body = json.dumps(action.message(token, target)).encode()
        if signed_token is not None:
            signed_body = json.dumps(action.message(signed_token, target)).encode()
            headers = row.signer(clova.key, foreign_key, signed_body)
        else:
            headers = row.signer(clova.key, foreign_key, body)
        if row.forwarded_for:
            headers["X-Forwarded-For"] = row.forwarded_for

        with record_service_calls(hass) as calls:
            status, answer = await clova.post_raw(body, headers, signed=False)
            await hass.async_block_till_done()

        called = [(call.data["domain"], call.data["service"]) for call in calls]
        if row.expect == ACCEPTED:
            assert status == 200, answer
            if action.service is None:
                assert answer["payload"].pop("applianceResponseTimestamp")
            assert_clova_message(answer, action.answer_name, action.confirmation)
            assert called == ([action.service] if action.service else [])
            # Carried out as the token's user (HA's permissions and logbook see who).
            refresh_token = hass.auth.async_validate_access_token(token)
            assert refresh_token is not None
            assert all(call.context.user_id == refresh_token.user.id for call in calls)
        elif isinstance(row.expect, int):
            assert status == row.expect, answer
            assert called == []
        else:
            assert status == 200, answer
            assert_clova_message(answer, row.expect)
            assert called == []
        if isinstance(token, str) and token:
            assert token not in caplog.text


def test_matrix_covers_every_refusal_kind() -> None:
    """The table keeps a row for each case the security review asked for."""
    outcomes = {row.expect for row in MATRIX.values()}
    assert {ACCEPTED, 401, "InvalidAccessTokenError", "ExpiredAccessTokenError"} <= outcomes
    assert {"NoSuchTargetError", "UnsupportedOperationError"} <= outcomes
    assert len(MATRIX) >= 45


# --------------------------------------------------------------------------- IP ban


@dataclass(frozen=True)
class Ban:
    """Clova Home behind HA's IP ban (after two failures), and a request to send."""

    clova: ClovaClient
    file: Path  # where the ban is written
    body: bytes  # a TurnOnRequest with a linked token
    forged: dict[str, str]  # a signature of it by a key nobody trusts


@pytest.fixture
async def ban(
    hass: HomeAssistant,
    tmp_path: Path,
    home: None,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
) -> Ban:
    """HA's IP ban after two failed logins, banning into a file of this test's own."""
    assert await async_setup_component(
        hass, "http", {"http": {"ip_ban_enabled": True, "login_attempts_threshold": 2}}
    )
    # The test config dir is shared by every test: a ban written there would outlive
    # this one (and ban 127.0.0.1 for all that follow).
    path = tmp_path / "ip_bans.yaml"
    hass.http.app[KEY_BAN_MANAGER].path = str(path)
    clova = await setup_clova(exposed=[LIGHT, LOCK], unlock=[LOCK])
    body = json.dumps(TURN_ON.message(clova.token)).encode()
    return Ban(clova, path, body, {"SignatureCEK": sign(foreign_key, body)})


async def test_bad_signatures_lead_to_an_ip_ban(hass: HomeAssistant, ban: Ban) -> None:
    with record_service_calls(hass) as calls:
        for _ in range(2):
            status, _ = await ban.clova.post_raw(ban.body, ban.forged)
            assert status == 401

        # Home Assistant's ban middleware now refuses even a perfectly signed request.
        status, _ = await ban.clova.post_raw(ban.body)
        assert status == 403
        await hass.async_block_till_done()
    assert calls == []
    assert "127.0.0.1" in await hass.async_add_executor_job(ban.file.read_text)


async def test_one_bad_signature_stays_below_the_ban_threshold(
    hass: HomeAssistant, ban: Ban
) -> None:
    status, _ = await ban.clova.post_raw(ban.body, ban.forged)
    assert status == 401

    status, answer = await ban.clova.post_raw(ban.body)
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
    assert not await hass.async_add_executor_job(ban.file.exists)


async def test_a_refused_token_does_not_reset_the_count(hass: HomeAssistant, ban: Ban) -> None:
    """Only a request whose token belongs to a linked user forgets an address's failures.

    A signed request with a refused token proves nothing: it does not clear the count,
    so bad signatures with refused tokens in between still end in a ban.
    """
    status, _ = await ban.clova.post_raw(ban.body, ban.forged)
    assert status == 401
    status, answer = await ban.clova.post_raw(json.dumps(TURN_ON.message("x")).encode())
    assert status == 200
    assert_clova_message(answer, "InvalidAccessTokenError")
    status, _ = await ban.clova.post_raw(ban.body, ban.forged)
    assert status == 401
    status, _ = await ban.clova.post_raw(ban.body)
    assert status == 403


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
    hass: HomeAssistant, ban: Ban
) -> None:
    """HA's ban bookkeeping needs an address; without one the gate still answers."""
    status, _ = await _post_without_peer_address(hass, ban.body, ban.forged["SignatureCEK"])
    assert status == 401

    status, answer = await _post_without_peer_address(hass, ban.body, sign(ban.clova.key, ban.body))
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
