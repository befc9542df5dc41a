"""``GET /api/clova_home``: a short status for people checking the address, nothing more.

Someone who opens the endpoint in a browser (or runs ``curl`` from outside) learns that
Home Assistant is reachable and whether Clova Home is loaded. The answer is fixed: no
entity, user, key, token, entry or count; it runs nothing and records nothing; a signed
POST from CLOVA is answered as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiohttp import hdrs
from homeassistant.components.http.ban import KEY_BAN_MANAGER
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_mock_service,
)

from custom_components.clova_home.const import DOMAIN, ENDPOINT_PATH, EVENT_CLOVA_HOME_REQUEST
from custom_components.clova_home.runtime import ClovaConfigEntry

from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name, public_pem, request_message, sign

LIGHT = "light.living_room"


async def _setup(hass: HomeAssistant, setup_clova: SetupClova) -> ClovaClient:
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Living room light"})
    return await setup_clova(exposed=[LIGHT])


def _entry(hass: HomeAssistant) -> ClovaConfigEntry:
    entry: ClovaConfigEntry = hass.config_entries.async_entries(DOMAIN)[0]
    return entry


async def _get(clova: ClovaClient, **kwargs: Any) -> tuple[int, dict[str, Any], str]:
    resp = await clova.http.get(ENDPOINT_PATH, **kwargs)
    text = await resp.text()
    assert resp.headers[hdrs.CACHE_CONTROL] == "no-store"
    assert resp.content_type == "application/json"
    return resp.status, dict(resp.headers), text


async def test_get_says_the_endpoint_is_alive_and_loaded(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await _setup(hass, setup_clova)

    status, _, text = await _get(clova)

    assert status == 200
    body = json.loads(text)
    assert body["service"] == "Clova Home"
    assert body["loaded"] is True
    assert "POST" in body["message"]
    assert "CLOVA" in body["message"]
    assert set(body) == {"service", "loaded", "message"}


async def test_get_tells_nothing_about_the_home(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: Any, clova_token: str
) -> None:
    """No entity, appliance, user, token, key, client ID, entry or count in the answer."""
    clova = await _setup(hass, setup_clova)
    await clova.request("DiscoverAppliances")  # something to count, should it leak
    await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    entry = _entry(hass)
    refresh_token = hass.auth.async_validate_access_token(clova_token)
    assert refresh_token is not None

    _, _, text = await _get(clova)

    pem = public_pem(signing_key)
    secrets = [
        LIGHT,
        "living_room",
        "Living room light",
        entry.entry_id,
        refresh_token.id,
        refresh_token.user.id,
        clova_token,
        pem,
        pem.splitlines()[1],
        CLOVA_CLIENT_ID,
        "prod-ni-cic",
        "TurnOn",
        "Discover",
        "kr",
        "Korea",
    ]
    for secret in secrets:
        assert secret not in text, secret
    assert not any(char.isdigit() for char in text)  # no count, no time, no version
    assert len(text) < 300


async def test_get_when_not_loaded(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await _setup(hass, setup_clova)
    entry = _entry(hass)

    assert await hass.config_entries.async_unload(entry.entry_id)
    status, _, text = await _get(clova)
    assert status == 503
    assert json.loads(text)["loaded"] is False

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    status, _, text = await _get(clova)
    assert status == 200
    assert json.loads(text)["loaded"] is True

    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    status, _, text = await _get(clova)
    assert status == 503
    assert json.loads(text)["loaded"] is False


async def test_head_has_the_headers_without_the_body(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await _setup(hass, setup_clova)
    _, get_headers, text = await _get(clova)

    resp = await clova.http.head(ENDPOINT_PATH)

    assert resp.status == 200
    assert await resp.read() == b""
    assert resp.headers[hdrs.CONTENT_TYPE] == get_headers[hdrs.CONTENT_TYPE]
    assert resp.headers[hdrs.CACHE_CONTROL] == "no-store"
    assert int(resp.headers[hdrs.CONTENT_LENGTH]) == len(text.encode())

    assert await hass.config_entries.async_unload(_entry(hass).entry_id)
    resp = await clova.http.head(ENDPOINT_PATH)
    assert resp.status == 503


async def test_get_runs_and_records_nothing(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: Any
) -> None:
    """A signed Clova message sent with GET (body or query) is not a request."""
    clova = await _setup(hass, setup_clova)
    calls: list[ServiceCall] = async_mock_service(hass, "light", "turn_on")
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    body = json.dumps(request_message("TurnOn", clova.token, LIGHT)).encode()
    signed = {"SignatureCEK": sign(signing_key, body), "Content-Type": "application/json"}
    stats = _entry(hass).runtime_data.stats
    before = stats.as_dict()

    for kwargs in (
        {"data": body, "headers": signed},
        {"params": {"message": body.decode()}, "headers": signed},
        {"data": b"x" * (1024 * 1024)},  # never read
        {"headers": {"SignatureCEK": "forged"}},
    ):
        status, _, _ = await _get(clova, **kwargs)
        assert status == 200
    await hass.async_block_till_done()

    assert calls == []
    assert events == []
    assert stats.as_dict() == before


async def test_get_never_counts_toward_an_ip_ban(
    hass: HomeAssistant, setup_clova: SetupClova, tmp_path: Path
) -> None:
    assert await async_setup_component(
        hass, "http", {"http": {"ip_ban_enabled": True, "login_attempts_threshold": 1}}
    )
    hass.http.app[KEY_BAN_MANAGER].path = str(tmp_path / "ip_bans.yaml")
    clova = await _setup(hass, setup_clova)
    async_mock_service(hass, "light", "turn_on")
    assert await hass.config_entries.async_unload(_entry(hass).entry_id)

    for _ in range(5):  # 503 while not loaded: still no failed login
        status, _, _ = await _get(clova)
        assert status == 503
    assert await hass.config_entries.async_setup(_entry(hass).entry_id)
    await hass.async_block_till_done()

    status, _, _ = await _get(clova)
    assert status == 200
    assert answer_name(await clova.request("TurnOn", LIGHT)) == "TurnOnConfirmation"
    assert not (tmp_path / "ip_bans.yaml").exists()


async def test_post_still_answers_clova(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await _setup(hass, setup_clova)
    calls: list[ServiceCall] = async_mock_service(hass, "light", "turn_on")
    await _get(clova)

    answer = await clova.request("TurnOn", LIGHT)

    assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.data for call in calls] == [{"entity_id": LIGHT}]
    # An unsigned POST is still refused, whatever GET says.
    status, _ = await clova.post_raw(b"{}", signed=False)
    assert status == 401
    # Other methods are still not allowed.
    resp = await clova.http.put(ENDPOINT_PATH, data=b"{}")
    assert resp.status == 405
