"""``clova_home.send_notification``: CLOVA Push against a local fake of CLOVA's endpoint.

The fake is a real aiohttp server on 127.0.0.1 (CLOVA's endpoint is outside the project);
``push.PUSH_URL`` is pointed at it, so the integration sends through Home Assistant's own
client session exactly as it would to ``apis.naver.com``. Every documented answer is played:
success (flat, in ``meta``, in ``value``), each error code 4201-4208, other refusals, a 5xx,
garbage bodies, a redirect, a server that never answers and one that is not there.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
import json
import logging
from pathlib import Path
import re
import socket
from typing import Any
from unittest.mock import patch

from aiohttp import web
from aiohttp.test_utils import TestServer
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from homeassistant.helpers.service import async_get_all_descriptions
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
import voluptuous as vol

from custom_components.clova_home import push
from custom_components.clova_home.const import (
    CONF_PUSH,
    CONF_PUSH_API_KEY,
    CONF_PUSH_EXTENSION_ID,
    CONF_REGION,
    DOMAIN,
    REGION_KR,
    SERVICE_SEND_NOTIFICATION,
)
from custom_components.clova_home.issues import ISSUE_PUSH_KEY_REFUSED
from custom_components.clova_home.push import ERROR_CODES, PUSH_HISTORY_SIZE, PushSettings
from custom_components.clova_home.runtime import loaded_runtime

from .conftest import SetupClova

STRINGS = json.loads(
    (Path(__file__).parent.parent / "custom_components" / DOMAIN / "strings.json").read_text(
        encoding="utf-8"
    )
)

EXTENSION_ID = "io.github.tester.homeassistant"
API_KEY = "pUsH-kEy-0123456789abcdefSECRET"
PUSH_OPTIONS = {CONF_PUSH: {CONF_PUSH_EXTENSION_ID: EXTENSION_ID, CONF_PUSH_API_KEY: API_KEY}}
GAS = "binary_sensor.kitchen_gas"
SMOKE = "binary_sensor.hall_smoke"
MESSAGE_ID = "msg-99b1598904d34bb69773a27c1b9ff285"
PUSH_PATH = "/clovahome/clova-platform/sendNotification"
SUCCESS = {"success": True, "error": None, "errorCode": None}
# The error texts of CLOVA's reference, by code.
CLOVA_ERRORS = {
    4201: "not found home extension",
    4202: "invalid notification api key",
    4203: "empty applianceId",
    4204: "invalid messageId",
    4205: "invalid request body",
    4206: "given home extension not support notification",
    4207: "appliance-message limit exceeded",
    4208: "extension-message limit exceeded",
}


@dataclass
class Received:
    """One request the fake got."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakePush:
    """CLOVA's push endpoint, answering what the test tells it."""

    url: str = ""
    status: int = 200
    body: bytes = json.dumps(SUCCESS).encode()
    content_type: str = "application/json"
    hang: bool = False
    redirect: bool = False
    requests: list[Received] = field(default_factory=list)
    elsewhere: list[Received] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    def answer(self, status: int, body: Any, content_type: str = "application/json") -> None:
        """Answer ``body`` (JSON unless bytes) with ``status`` from now on."""
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.content_type = content_type

    async def _record(self, request: web.Request, into: list[Received]) -> None:
        into.append(
            Received(request.method, request.path, dict(request.headers), await request.read())
        )

    async def handle(self, request: web.Request) -> web.StreamResponse:
        await self._record(request, self.requests)
        if self.hang:
            await self.release.wait()
        if self.redirect:
            raise web.HTTPFound("/elsewhere")
        return web.Response(status=self.status, body=self.body, content_type=self.content_type)

    async def handle_elsewhere(self, request: web.Request) -> web.StreamResponse:
        await self._record(request, self.elsewhere)
        return web.json_response(SUCCESS)


@asynccontextmanager
async def serve_fake_push() -> AsyncIterator[FakePush]:
    """Run the fake on 127.0.0.1 and point the integration at it."""
    fake = FakePush()
    app = web.Application()
    app.router.add_post(PUSH_PATH, fake.handle)
    app.router.add_route("*", "/elsewhere", fake.handle_elsewhere)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url(PUSH_PATH))
    try:
        with patch.object(push, "PUSH_URL", fake.url):
            yield fake
    finally:
        fake.release.set()
        await server.close()


@pytest.fixture
async def fake_push(socket_enabled: None) -> AsyncGenerator[FakePush]:
    async with serve_fake_push() as fake:
        yield fake


@pytest.fixture
async def clova(hass: HomeAssistant, setup_clova: SetupClova, fake_push: FakePush) -> FakePush:
    """Clova Home with CLOVA Push set up and two alarm sensors exposed."""
    hass.states.async_set(GAS, "off", {"device_class": "gas", "friendly_name": "Kitchen gas"})
    hass.states.async_set(SMOKE, "off", {"device_class": "smoke", "friendly_name": "Hall smoke"})
    await setup_clova(exposed=[GAS, SMOKE], options=PUSH_OPTIONS)
    return fake_push


async def send(
    hass: HomeAssistant,
    appliance: str = GAS,
    message_id: str = MESSAGE_ID,
    context: Context | None = None,
) -> None:
    await hass.services.async_call(
        DOMAIN,
        SERVICE_SEND_NOTIFICATION,
        {"appliance": appliance, "message_id": message_id},
        blocking=True,
        context=context,
    )


def _message(key: str) -> str:
    return str(STRINGS["exceptions"][key]["message"])


def _assert_translated(err: HomeAssistantError, key: str) -> None:
    """The error's key has a text whose placeholders the error fills in."""
    assert err.translation_domain == DOMAIN
    assert err.translation_key == key
    wanted = set(re.findall(r"\{(\w+)\}", _message(key)))
    assert wanted <= set(err.translation_placeholders or {}), key


def _issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, ISSUE_PUSH_KEY_REFUSED)


# --- what is sent -------------------------------------------------------------------------


async def test_sends_the_documented_request(hass: HomeAssistant, clova: FakePush) -> None:
    await send(hass)

    [request] = clova.requests
    assert request.method == "POST"
    assert request.path == PUSH_PATH
    assert request.headers["X-Clova-Extension-Id"] == EXTENSION_ID
    assert request.headers["X-Clova-Extension-Secret"] == API_KEY
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"
    # An entity without a registry entry is the appliance of its entity_id.
    assert json.loads(request.body) == {"applianceId": GAS, "messageId": MESSAGE_ID}
    assert list(json.loads(request.body)) == ["applianceId", "messageId"]


async def test_message_id_is_trimmed(hass: HomeAssistant, clova: FakePush) -> None:
    await send(hass, message_id=f"  {MESSAGE_ID}\n")
    assert json.loads(clova.requests[0].body)["messageId"] == MESSAGE_ID


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(SUCCESS, id="flat"),
        pytest.param({"meta": SUCCESS}, id="meta"),
        pytest.param({"summary": "호출 성공", "value": SUCCESS}, id="value"),
    ],
)
async def test_success_in_every_documented_shape(
    hass: HomeAssistant, clova: FakePush, answer: dict[str, Any]
) -> None:
    clova.answer(200, answer)
    await send(hass)
    assert len(clova.requests) == 1


async def test_appliance_ids_are_the_exposures(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    fake_push: FakePush,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """A registered entity is its registry id; a sensor of a sensors-only device, the device."""
    config_entry = MockConfigEntry(domain="demo")
    config_entry.add_to_hass(hass)
    leak = entity_registry.async_get_or_create("binary_sensor", "demo", "leak-1")
    hass.states.async_set(leak.entity_id, "off", {"device_class": "moisture"})
    device = device_registry.async_get_or_create(
        config_entry_id=config_entry.entry_id, identifiers={("demo", "air")}
    )
    temperature = entity_registry.async_get_or_create(
        "sensor", "demo", "air-temp", device_id=device.id
    )
    hass.states.async_set(temperature.entity_id, "21", {"device_class": "temperature"})
    await setup_clova(exposed=[leak.entity_id, temperature.entity_id], options=PUSH_OPTIONS)

    await send(hass, leak.entity_id)
    await send(hass, temperature.entity_id)

    sent = [json.loads(request.body)["applianceId"] for request in fake_push.requests]
    assert sent == [leak.id, device.id]


# --- what CLOVA refuses -------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CLOVA_ERRORS))
@pytest.mark.parametrize("wrapped", [False, True], ids=["flat", "meta"])
async def test_every_documented_error_is_a_translated_error(
    hass: HomeAssistant, clova: FakePush, code: int, wrapped: bool
) -> None:
    result = {"success": False, "error": CLOVA_ERRORS[code], "errorCode": code}
    clova.answer(400, {"meta": result} if wrapped else result)

    with pytest.raises(HomeAssistantError) as caught:
        await send(hass)

    key, input_error = ERROR_CODES[code]
    _assert_translated(caught.value, key)
    # Only a wrong message ID is the caller's to fix; the rest is the setup's or CLOVA's.
    assert isinstance(caught.value, ServiceValidationError) is input_error
    assert input_error is (code == 4204)
    placeholders = caught.value.translation_placeholders or {}
    assert placeholders["extension_id"] == EXTENSION_ID
    assert placeholders["appliance_id"] == GAS
    assert placeholders["message_id"] == MESSAGE_ID
    assert API_KEY not in str(caught.value)
    assert API_KEY not in json.dumps(placeholders)


async def test_every_documented_code_has_its_own_text() -> None:
    assert sorted(ERROR_CODES) == sorted(CLOVA_ERRORS)
    keys = [key for key, _ in ERROR_CODES.values()]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert _message(key)


async def test_error_texts_in_every_language() -> None:
    """Each push error has its text, with the same placeholders, in every translation."""
    keys = {key for key in STRINGS["exceptions"] if key.startswith("push_")}
    assert keys >= {key for key, _ in ERROR_CODES.values()}
    folder = Path(__file__).parent.parent / "custom_components" / DOMAIN / "translations"
    for path in sorted(folder.glob("*.json")):
        exceptions = json.loads(path.read_text(encoding="utf-8"))["exceptions"]
        for key in keys:
            text = exceptions[key]["message"]
            assert set(re.findall(r"\{(\w+)\}", text)) == set(
                re.findall(r"\{(\w+)\}", _message(key))
            ), (path.name, key)


async def test_error_message_is_rendered(hass: HomeAssistant, clova: FakePush) -> None:
    clova.answer(400, {"success": False, "error": CLOVA_ERRORS[4204], "errorCode": 4204})
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass)
    # Home Assistant 2025.4 drops the final full stop.
    expected = _message("push_invalid_message").format(message_id=MESSAGE_ID)
    assert str(caught.value).rstrip(".") == expected.rstrip(".")


@pytest.mark.parametrize(
    ("status", "body", "placeholders"),
    [
        pytest.param(
            400,
            {"success": False, "error": "something new", "errorCode": 4299},
            {"status": "400", "code": "4299", "error": "something new"},
            id="unknown-code",
        ),
        pytest.param(
            401,
            {"success": False, "error": None, "errorCode": None},
            {"status": "401", "code": "-", "error": "-"},
            id="no-code",
        ),
        pytest.param(
            200,
            {"success": False, "error": "refused", "errorCode": True},
            {"status": "200", "code": "-", "error": "refused"},
            id="code-not-a-number",
        ),
        pytest.param(
            200,
            {"success": "yes"},
            {"status": "200", "code": "-", "error": "-"},
            id="success-not-true",
        ),
        pytest.param(
            403,
            {"success": True},
            {"status": "403", "code": "-", "error": "-"},
            id="success-with-an-error-status",
        ),
        pytest.param(
            400,
            {"success": False, "error": "x" * 1000, "errorCode": None},
            {"status": "400", "code": "-", "error": "x" * 200},
            id="long-error-text-cut",
        ),
    ],
)
async def test_other_refusals(
    hass: HomeAssistant,
    clova: FakePush,
    status: int,
    body: dict[str, Any],
    placeholders: dict[str, str],
) -> None:
    clova.answer(status, body)
    with pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    assert not isinstance(caught.value, ServiceValidationError)
    _assert_translated(caught.value, "push_refused")
    assert caught.value.translation_placeholders == placeholders


async def test_a_numeric_string_code_is_taken(hass: HomeAssistant, clova: FakePush) -> None:
    clova.answer(400, {"success": False, "error": "invalid messageId", "errorCode": "4204"})
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass)
    assert caught.value.translation_key == "push_invalid_message"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<html>Bad gateway</html>", id="html"),
        pytest.param(json.dumps(SUCCESS).encode(), id="json"),
    ],
)
async def test_server_errors(
    hass: HomeAssistant, clova: FakePush, status: int, body: bytes
) -> None:
    clova.answer(status, body, "text/html")
    with pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_server_error")
    assert caught.value.translation_placeholders == {"status": str(status)}


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        pytest.param(200, b"<html>Welcome to the hotel wifi</html>", "text/html", id="html"),
        pytest.param(
            200,
            json.dumps({**SUCCESS, "padding": "x" * push.MAX_ANSWER_BYTES}).encode(),
            "application/json",
            id="too-long",
        ),
        pytest.param(200, b"", "application/json", id="empty"),
        pytest.param(200, b"{not json", "application/json", id="broken-json"),
        pytest.param(200, b"\xff\xfe\x00garbage", "application/octet-stream", id="binary"),
        pytest.param(200, b"[true]", "application/json", id="json-list"),
        pytest.param(200, b'"success"', "application/json", id="json-string"),
        pytest.param(200, b'{"ok": true}', "application/json", id="json-without-result"),
        pytest.param(200, b'{"meta": "success"}', "application/json", id="meta-not-an-object"),
        pytest.param(404, b"Not Found", "text/plain", id="not-found"),
    ],
)
async def test_answers_that_are_not_clovas(
    hass: HomeAssistant, clova: FakePush, status: int, body: bytes, content_type: str
) -> None:
    clova.answer(status, body, content_type)
    with pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_bad_answer")
    assert caught.value.translation_placeholders == {"status": str(status)}


async def test_a_redirect_is_not_followed(hass: HomeAssistant, clova: FakePush) -> None:
    """The key would go to whatever the redirect names: it is an error instead."""
    clova.redirect = True
    with pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_bad_answer")
    assert caught.value.translation_placeholders == {"status": "302"}
    assert clova.elsewhere == []


async def test_a_server_that_never_answers(hass: HomeAssistant, clova: FakePush) -> None:
    clova.hang = True
    with patch.object(push, "PUSH_TIMEOUT", 0.2), pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_timeout")
    assert caught.value.translation_placeholders == {"seconds": "0.2"}
    assert len(clova.requests) == 1


def test_the_real_timeout_is_a_few_seconds() -> None:
    assert 2 <= push.PUSH_TIMEOUT <= 10


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_a_server_that_is_not_there(hass: HomeAssistant, clova: FakePush) -> None:
    url = f"http://127.0.0.1:{_closed_port()}{PUSH_PATH}"
    with patch.object(push, "PUSH_URL", url), pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_cannot_connect")
    assert "127.0.0.1" in (caught.value.translation_placeholders or {})["error"]


async def test_a_connection_cut_while_reading(hass: HomeAssistant, clova: FakePush) -> None:
    """An answer announced longer than it is: the payload error is a connection error."""

    async def cut(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Length": "100"})
        await response.prepare(request)
        await response.write(b'{"succ')
        request.transport.close()  # type: ignore[union-attr]
        return response

    app = web.Application()
    app.router.add_post(PUSH_PATH, cut)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        with (
            patch.object(push, "PUSH_URL", str(server.make_url(PUSH_PATH))),
            pytest.raises(HomeAssistantError) as caught,
        ):
            await send(hass)
    finally:
        await server.close()
    _assert_translated(caught.value, "push_cannot_connect")


# --- the repair issue ---------------------------------------------------------------------


@pytest.mark.parametrize("code", [4201, 4202])
async def test_refused_key_raises_an_issue_a_send_withdraws(
    hass: HomeAssistant, clova: FakePush, code: int
) -> None:
    clova.answer(400, {"success": False, "error": CLOVA_ERRORS[code], "errorCode": code})
    with pytest.raises(HomeAssistantError):
        await send(hass)

    issue = _issue(hass)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.ERROR
    assert not issue.is_fixable
    assert issue.translation_key == ISSUE_PUSH_KEY_REFUSED
    assert issue.translation_placeholders == {"code": str(code), "extension_id": EXTENSION_ID}
    texts = STRINGS["issues"][ISSUE_PUSH_KEY_REFUSED]
    assert texts["title"]
    assert set(re.findall(r"\{(\w+)\}", texts["description"])) == {"code", "extension_id"}
    assert API_KEY not in repr(issue)

    # Other failures leave it as it is; CLOVA taking a message withdraws it.
    clova.answer(500, b"")
    with pytest.raises(HomeAssistantError):
        await send(hass)
    assert _issue(hass) is not None
    clova.answer(200, SUCCESS)
    await send(hass)
    assert _issue(hass) is None


@pytest.mark.parametrize("code", [4203, 4204, 4205, 4206, 4207, 4208])
async def test_other_errors_raise_no_issue(hass: HomeAssistant, clova: FakePush, code: int) -> None:
    clova.answer(400, {"success": False, "error": CLOVA_ERRORS[code], "errorCode": code})
    with pytest.raises(HomeAssistantError):
        await send(hass)
    assert _issue(hass) is None


async def test_issue_outlives_a_reload_and_goes_with_push_off(
    hass: HomeAssistant, clova: FakePush
) -> None:
    clova.answer(400, {"success": False, "error": CLOVA_ERRORS[4202], "errorCode": 4202})
    with pytest.raises(HomeAssistantError):
        await send(hass)
    [entry] = hass.config_entries.async_entries(DOMAIN)

    # An unrelated change (a reload) keeps it: the key is still refused.
    hass.config_entries.async_update_entry(entry, options={**entry.options, "names": {}})
    await hass.async_block_till_done()
    assert _issue(hass) is not None

    # Without push settings there is nothing left to refuse.
    options = {key: value for key, value in entry.options.items() if key != CONF_PUSH}
    hass.config_entries.async_update_entry(entry, options=options)
    await hass.async_block_till_done()
    assert _issue(hass) is None

    # Removing the entry withdraws it as well.
    hass.config_entries.async_update_entry(entry, options={**options, **PUSH_OPTIONS})
    await hass.async_block_till_done()
    with pytest.raises(HomeAssistantError):
        await send(hass)
    assert _issue(hass) is not None
    await hass.config_entries.async_remove(entry.entry_id)
    assert _issue(hass) is None


# --- what is checked before sending -------------------------------------------------------


async def test_not_loaded(hass: HomeAssistant, fake_push: FakePush) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass)
    _assert_translated(caught.value, "not_loaded")
    assert fake_push.requests == []


async def test_push_not_set_up(
    hass: HomeAssistant, setup_clova: SetupClova, fake_push: FakePush
) -> None:
    hass.states.async_set(GAS, "off", {"device_class": "gas"})
    await setup_clova(exposed=[GAS])
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass)
    _assert_translated(caught.value, "push_not_configured")
    assert fake_push.requests == []


@pytest.mark.parametrize(
    "stored",
    [
        {CONF_PUSH_EXTENSION_ID: EXTENSION_ID},
        {CONF_PUSH_API_KEY: API_KEY},
        {CONF_PUSH_EXTENSION_ID: EXTENSION_ID, CONF_PUSH_API_KEY: "has spaces"},
        {CONF_PUSH_EXTENSION_ID: "한국어", CONF_PUSH_API_KEY: API_KEY},
        {CONF_PUSH_EXTENSION_ID: EXTENSION_ID, CONF_PUSH_API_KEY: 1234},
    ],
)
async def test_unusable_stored_settings_count_as_not_set_up(
    hass: HomeAssistant, setup_clova: SetupClova, fake_push: FakePush, stored: dict[str, Any]
) -> None:
    """Settings that cannot be sent as headers (stored by hand) are not used."""
    hass.states.async_set(GAS, "off", {"device_class": "gas"})
    await setup_clova(exposed=[GAS], options={CONF_PUSH: stored})
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass)
    assert caught.value.translation_key == "push_not_configured"
    assert fake_push.requests == []


@pytest.mark.parametrize("message_id", ["", "   ", "\n\t"])
async def test_message_id_must_be_given(
    hass: HomeAssistant, clova: FakePush, message_id: str
) -> None:
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass, message_id=message_id)
    _assert_translated(caught.value, "push_no_message_id")
    assert clova.requests == []


@pytest.mark.parametrize("entity_id", ["binary_sensor.not_exposed", "light.kitchen"])
async def test_appliance_must_be_exposed(
    hass: HomeAssistant, clova: FakePush, entity_id: str
) -> None:
    hass.states.async_set("binary_sensor.not_exposed", "on", {"device_class": "gas"})
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass, entity_id)
    _assert_translated(caught.value, "push_not_exposed")
    assert caught.value.translation_placeholders == {"entity_id": entity_id}
    assert clova.requests == []


@pytest.mark.parametrize(
    "data",
    [
        {"appliance": "not an entity id", "message_id": MESSAGE_ID},
        {"message_id": MESSAGE_ID},
        {"appliance": GAS},
        {"appliance": GAS, "message_id": MESSAGE_ID, "extra": 1},
    ],
)
async def test_schema(hass: HomeAssistant, clova: FakePush, data: dict[str, Any]) -> None:
    with pytest.raises(vol.Invalid):
        await hass.services.async_call(DOMAIN, SERVICE_SEND_NOTIFICATION, data, blocking=True)
    assert clova.requests == []


async def test_a_user_names_only_what_they_may_read(
    hass: HomeAssistant, clova: FakePush, hass_admin_user: MockUser
) -> None:
    child = MockUser(name="Child").add_to_hass(hass)
    child.mock_policy({"entities": {"entity_ids": {SMOKE: True}}})

    with pytest.raises(Unauthorized):
        await send(hass, GAS, context=Context(user_id=child.id))
    assert clova.requests == []

    await send(hass, SMOKE, context=Context(user_id=child.id))
    await send(hass, GAS, context=Context(user_id=hass_admin_user.id))
    await send(hass, GAS)  # an automation: no user
    assert len(clova.requests) == 3


async def test_action_is_described(hass: HomeAssistant, clova: FakePush) -> None:
    descriptions = await async_get_all_descriptions(hass)
    fields = descriptions[DOMAIN][SERVICE_SEND_NOTIFICATION]["fields"]
    assert set(fields) == {"appliance", "message_id"}
    assert fields["appliance"]["required"] is True
    assert "entity" in fields["appliance"]["selector"]
    assert fields["message_id"]["required"] is True
    texts = STRINGS["services"][SERVICE_SEND_NOTIFICATION]
    assert texts["name"]
    assert set(texts["fields"]) == set(fields)


# --- the key stays secret -----------------------------------------------------------------


async def test_key_never_in_log_diagnostics_or_errors(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    fake_push: FakePush,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A run of sends that succeed and fail in every way, all logged at debug level."""
    assert await async_setup_component(hass, "diagnostics", {})
    caplog.set_level(logging.DEBUG)
    hass.states.async_set(GAS, "on", {"device_class": "gas"})
    await setup_clova(exposed=[GAS], options=PUSH_OPTIONS)

    errors: list[HomeAssistantError] = []
    answers: list[tuple[int, Any]] = [
        (200, SUCCESS),
        *(
            (400, {"success": False, "error": text, "errorCode": code})
            for code, text in CLOVA_ERRORS.items()
        ),
        (400, {"success": False, "error": "other", "errorCode": 1}),
        (500, b"oops"),
        (200, b"garbage"),
    ]
    for status, body in answers:
        fake_push.answer(status, body)
        try:
            await send(hass)
        except HomeAssistantError as err:
            errors.append(err)
    fake_push.hang = True
    with patch.object(push, "PUSH_TIMEOUT", 0.1), pytest.raises(HomeAssistantError) as caught:
        await send(hass)
    errors.append(caught.value)
    fake_push.release.set()
    assert len(errors) == len(answers)
    assert all(
        request.headers["X-Clova-Extension-Secret"] == API_KEY for request in fake_push.requests
    )

    [entry] = hass.config_entries.async_entries(DOMAIN)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    # The debug log really covers the sends (so its silence about the key means something).
    log = caplog.text + "\n".join(repr(record.args) for record in caplog.records)
    assert "CLOVA accepted push message" in log
    assert API_KEY not in log
    assert API_KEY not in json.dumps(diagnostics)
    assert diagnostics["entry"]["options"][CONF_PUSH] == {
        CONF_PUSH_EXTENSION_ID: EXTENSION_ID,
        CONF_PUSH_API_KEY: "**REDACTED**",
    }
    assert diagnostics["push"]["configured"] is True
    assert diagnostics["push"]["extension_id"] == EXTENSION_ID
    outcomes = [(item["outcome"], item["code"]) for item in diagnostics["push"]["recent"]]
    assert outcomes[0] == ("sent", None)
    assert outcomes[1:9] == [(ERROR_CODES[code][0], code) for code in CLOVA_ERRORS]
    assert outcomes[9:] == [
        ("push_refused", 1),
        ("push_server_error", None),
        ("push_bad_answer", None),
        ("push_timeout", None),
    ]
    assert all(item["appliance_id"] == GAS for item in diagnostics["push"]["recent"])
    assert ISSUE_PUSH_KEY_REFUSED in diagnostics["repair_issues"]
    for err in errors:
        assert API_KEY not in str(err)
        assert API_KEY not in repr(err)
        assert API_KEY not in json.dumps(err.translation_placeholders)
    for issue in ir.async_get(hass).issues.values():
        assert API_KEY not in repr(issue)
    runtime = loaded_runtime(hass)
    assert runtime is not None
    assert API_KEY not in repr(runtime)


async def test_settings_hide_the_key() -> None:
    settings = PushSettings(EXTENSION_ID, API_KEY)
    assert API_KEY not in repr(settings)
    assert EXTENSION_ID in repr(settings)


async def test_diagnostics_without_push(
    hass: HomeAssistant, setup_clova: SetupClova, hass_client: ClientSessionGenerator
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    await setup_clova()
    [entry] = hass.config_entries.async_entries(DOMAIN)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert diagnostics["push"] == {"configured": False, "extension_id": None, "recent": []}


async def test_history_is_bounded(hass: HomeAssistant, clova: FakePush) -> None:
    for _ in range(PUSH_HISTORY_SIZE + 2):
        await send(hass)
    runtime = loaded_runtime(hass)
    assert runtime is not None
    assert len(runtime.push_history.as_list()) == PUSH_HISTORY_SIZE


async def test_runtime_reads_the_push_settings(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_REGION: REGION_KR}, options=PUSH_OPTIONS)
    entry.add_to_hass(hass)
    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()
    runtime = loaded_runtime(hass)
    assert runtime is not None
    assert runtime.push == PushSettings(EXTENSION_ID, API_KEY)
