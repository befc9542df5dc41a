"""The HTTP gate: bodies it refuses (size, encoding, not JSON, not Clova), targets, faults.

Each test exposes a hand-made ``light.kitchen`` whose ``light.turn_on`` is mocked, sends a
``TurnOnRequest`` (or a broken variant of it) and checks the exact answer and that the mock
was never called. Everything else is real: Home Assistant's HTTP stack, real access tokens
and real RSA signatures. Who may get through — signatures, tokens, users, addresses, the
security options, the IP ban — is the table of ``test_security_matrix.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
import gzip
import json
import logging
from typing import Any
from unittest.mock import patch
import zlib

from cryptography.hazmat.primitives.asymmetric import rsa
from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.clova_home.auth import AcceptedTokens, async_authenticate
from custom_components.clova_home.capabilities.power import Power
from custom_components.clova_home.const import (
    CONF_REGION,
    DOMAIN,
    ENDPOINT_PATH,
    MAX_BODY_BYTES,
    REGION_KR,
)
from custom_components.clova_home.protocol.errors import InvalidAccessTokenError

from .assertions import assert_clova_message
from .conftest import SetupClova, entry_options
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name, mint, request_message, sign

KITCHEN = "light.kitchen"

Message = dict[str, Any]


# --------------------------------------------------------------------------- helpers


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


async def post_error(clova: ClovaClient, message: Message, name: str) -> None:
    """Post a signed message; it must get HTTP 200 with the Clova error ``name``."""
    status, answer = await clova.post_raw(encode(message))
    assert status == 200, answer
    assert_clova_message(answer, name)


async def chunks(body: bytes, size: int = 8 * 1024) -> AsyncIterator[bytes]:
    """``body`` as a stream: aiohttp sends it chunked, without Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def padded(message: Message, size: int) -> bytes:
    """The message's JSON padded with trailing whitespace to exactly ``size`` bytes."""
    raw = encode(message)
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


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


async def test_a_replaced_entry_answers_with_its_own_options(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    signing_key: rsa.RSAPrivateKey,
    kitchen: list[ServiceCall],
) -> None:
    """The endpoint follows the entry that is loaded now, not the one it answered for before."""
    clova = await setup_clova(exposed=[KITCHEN])
    assert answer_name(await clova.request("TurnOn", KITCHEN)) == "TurnOnConfirmation"
    [old] = hass.config_entries.async_entries(DOMAIN)
    assert await hass.config_entries.async_remove(old.entry_id)
    assert (await clova.post_raw(encode(turn_on(clova.token))))[0] == 404

    hass.states.async_set("switch.coffee", "off")
    new = MockConfigEntry(
        domain=DOMAIN,
        title="Clova Home",
        data={CONF_REGION: REGION_KR},
        options=entry_options(signing_key, ["switch.coffee"]),
    )
    new.add_to_hass(hass)
    assert await hass.config_entries.async_setup(new.entry_id)
    answer = await clova.request("TurnOn", KITCHEN)
    assert answer_name(answer) == "NoSuchTargetError"  # not exposed by the new entry
    assert len(kitchen) == 1


# --------------------------------------------------------------------------- tokens
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
@pytest.mark.parametrize("remembered", [False, True], ids=["first-use", "remembered"])
async def test_expiry_boundary(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
    *,
    age: timedelta,
    error: str | None,
    remembered: bool,
) -> None:
    """Every refused token that is only too old is expired, even at the very boundary.

    The same whether the token is new to the gate or was accepted (and remembered) before.
    """
    freezer.move_to("2026-03-01 12:00:00+00:00")  # a whole second: exp is exact
    clova = await setup_clova(exposed=[KITCHEN])
    _, token = await mint(hass, clova_user)
    if remembered:
        answer = await clova.request("TurnOn", KITCHEN, token=token)
        assert answer_name(answer) == "TurnOnConfirmation"
    before = len(kitchen)
    freezer.tick(age)
    if error is None:
        answer = await clova.request("TurnOn", KITCHEN, token=token)
        assert answer_name(answer) == "TurnOnConfirmation"
        assert len(kitchen) == before + 1
    else:
        await post_error(clova, turn_on(token), error)
        assert len(kitchen) == before


@pytest.mark.parametrize("remote", [None, "", "unix-socket"])
async def test_local_only_user_without_an_ip_address(
    hass: HomeAssistant, clova_user: User, clova_token: str, *, remote: str | None
) -> None:
    """A request whose peer has no IP address (e.g. a Unix socket) is not local."""
    accepted = AcceptedTokens()
    assert (
        async_authenticate(hass, clova_token, {CLOVA_CLIENT_ID}, "127.0.0.1", accepted=accepted)
        is clova_user
    )
    await hass.auth.async_update_user(clova_user, local_only=True)
    with pytest.raises(InvalidAccessTokenError):
        async_authenticate(hass, clova_token, {CLOVA_CLIENT_ID}, remote, accepted=accepted)


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    "payload",
    [
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


# --------------------------------------------------------------------------- compression


@pytest.mark.parametrize(("lights", "compressed"), [(1, False), (40, True)])
async def test_only_large_answers_are_compressed(
    hass: HomeAssistant, setup_clova: SetupClova, *, lights: int, compressed: bool
) -> None:
    """A client accepting gzip gets small answers as they are, large ones (discovery) gzipped."""
    names = [f"light.room_{index}" for index in range(lights)]
    for name in names:
        hass.states.async_set(name, "off", {"friendly_name": name})
    clova = await setup_clova(exposed=names)
    body = encode(request_message("DiscoverAppliances", clova.token))
    resp = await clova.http.post(
        ENDPOINT_PATH,
        data=body,
        headers={"SignatureCEK": sign(clova.key, body), "Accept-Encoding": "gzip"},
        auto_decompress=False,
    )
    raw = await resp.read()
    assert resp.status == 200
    assert resp.headers["Content-Type"].startswith("application/json")
    assert (resp.headers.get("Content-Encoding") == "gzip") is compressed
    answer = json.loads(gzip.decompress(raw) if compressed else raw)
    assert answer_name(answer) == "DiscoverAppliancesResponse"
    assert len(answer["payload"]["discoveredAppliances"]) == lights
    assert (len(json.dumps(answer)) >= 4096) is compressed
