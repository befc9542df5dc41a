"""The ``clova_home_request`` event, the request history and counters, and safe debug logs.

Requests go through the real gate (real signatures and tokens) to demo-like entities
whose services are mocked, so every outcome is deterministic.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
import json
import logging
import time

from homeassistant.core import HomeAssistant, ServiceCall
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events, async_mock_service

from custom_components.clova_home.const import DOMAIN, EVENT_CLOVA_HOME_REQUEST
from custom_components.clova_home.pipeline import SOURCE_CLOVA, async_answer, without_token
from custom_components.clova_home.protocol.messages import parse_envelope
from custom_components.clova_home.runtime import ClovaRuntime
from custom_components.clova_home.stats import HISTORY_SIZE, RequestStats, RequestSummary

from .assertions import token_user_id
from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name, request_message

KITCHEN = "light.kitchen"
EVENT_KEYS = {
    "source",
    "message_id",
    "name",
    "appliance_id",
    "entity_id",
    "outcome",
    "success",
    "duration",
    "user_id",
}


def _runtime(hass: HomeAssistant) -> ClovaRuntime:
    [entry] = hass.config_entries.async_entries(DOMAIN)
    runtime: ClovaRuntime = entry.runtime_data
    return runtime


@pytest.fixture
def turn_on_calls(hass: HomeAssistant) -> list[ServiceCall]:
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen light"})
    calls: list[ServiceCall] = async_mock_service(hass, "light", "turn_on")
    return calls


@pytest.fixture
async def clova(setup_clova: SetupClova, turn_on_calls: list[ServiceCall]) -> ClovaClient:
    return await setup_clova(exposed=[KITCHEN])


async def test_event_for_a_control_request(
    hass: HomeAssistant, clova: ClovaClient, turn_on_calls: list[ServiceCall]
) -> None:
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    message = request_message("TurnOn", clova.token, KITCHEN)
    answer = await clova.send(message)
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOnConfirmation"
    [event] = events
    data = dict(event.data)
    duration = data.pop("duration")
    assert isinstance(duration, float)
    assert 0 <= duration < 5
    assert data == {
        "source": "clova",
        "message_id": message["header"]["messageId"],
        "name": "TurnOnRequest",
        "appliance_id": KITCHEN,
        "entity_id": KITCHEN,
        "outcome": "TurnOnConfirmation",
        "success": True,
        "user_id": token_user_id(clova),
        "parameters": {},
    }
    # The event shares its context with the service call it caused: the logbook links them.
    [call] = turn_on_calls
    assert event.context is call.context
    assert event.context.user_id == token_user_id(clova)
    assert clova.token not in json.dumps(dict(event.data))


async def test_duration_ends_when_the_answer_is_ready_not_when_it_is_recorded(
    hass: HomeAssistant, clova: ClovaClient
) -> None:
    """The record runs after the answer went out; the time it reports is the answer's."""
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    request = parse_envelope(json.dumps(request_message("TurnOn", clova.token, KITCHEN)).encode())
    user = await hass.auth.async_get_user(token_user_id(clova))
    assert user is not None
    started = time.monotonic() - 1.0  # as if the gate had begun a second ago
    _, record = await async_answer(
        hass, _runtime(hass), request, user, source=SOURCE_CLOVA, started=started
    )
    await asyncio.sleep(0.3)  # the record runs later than the answer was ready
    record()
    [event] = events
    assert 1.0 <= event.data["duration"] < 1.25


async def test_event_carries_the_parameters_but_never_the_token(
    hass: HomeAssistant, clova: ClovaClient
) -> None:
    hass.states.async_set(KITCHEN, "on", {"friendly_name": "Kitchen light", "brightness": 10})
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    await clova.request("SetBrightness", KITCHEN, brightness={"value": 50})
    [event] = events
    assert event.data["parameters"] == {"brightness": {"value": 50}}
    assert clova.token not in json.dumps(dict(event.data))


async def test_event_for_a_failed_request(hass: HomeAssistant, clova: ClovaClient) -> None:
    hass.states.async_set(KITCHEN, "unavailable")
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    answer = await clova.request("TurnOn", KITCHEN)
    assert answer_name(answer) == "TargetOfflineError"
    [event] = events
    assert event.data["outcome"] == "TargetOfflineError"
    assert event.data["success"] is False
    assert event.data["entity_id"] == KITCHEN


async def test_event_for_an_unknown_appliance_has_no_entity(
    hass: HomeAssistant, clova: ClovaClient
) -> None:
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    await clova.request("TurnOn", "light.not_exposed")
    [event] = events
    assert event.data["appliance_id"] == "light.not_exposed"
    assert event.data["entity_id"] is None
    assert event.data["outcome"] == "NoSuchTargetError"


async def test_event_for_discovery(hass: HomeAssistant, clova: ClovaClient) -> None:
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    await clova.request("DiscoverAppliances")
    [event] = events
    assert event.data["name"] == "DiscoverAppliancesRequest"
    assert event.data["outcome"] == "DiscoverAppliancesResponse"
    assert event.data["appliance_id"] is None
    assert event.data["entity_id"] is None
    assert event.data["success"] is True


async def test_event_for_a_refused_token_has_no_user_and_no_parameters(
    hass: HomeAssistant, clova: ClovaClient, turn_on_calls: list[ServiceCall]
) -> None:
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    answer = await clova.request("SetBrightness", KITCHEN, token="not-a-token", brightness=50)
    assert answer_name(answer) == "InvalidAccessTokenError"
    [event] = events
    assert set(event.data) == EVENT_KEYS  # no "parameters": strangers' data is not recorded
    assert event.data["user_id"] is None
    assert event.context.user_id is None
    assert event.data["outcome"] == "InvalidAccessTokenError"
    assert event.data["success"] is False
    assert turn_on_calls == []


async def test_gate_refusals_fire_no_event_but_are_counted(
    hass: HomeAssistant, clova: ClovaClient
) -> None:
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    body = json.dumps(request_message("TurnOn", clova.token, KITCHEN)).encode()
    status, _ = await clova.post_raw(body, {"SignatureCEK": "AAAA"})
    assert status == 401
    status, _ = await clova.post_raw(b"{}")
    assert status == 400
    status, _ = await clova.post_raw(body, {"Content-Encoding": "gzip"})
    assert status == 415
    assert events == []
    assert _runtime(hass).stats.as_dict()["refused_by_gate"] == {
        "bad_signature": 1,
        "not_a_clova_request": 1,
        "compressed": 1,
    }


async def test_history_and_counters(
    hass: HomeAssistant, clova: ClovaClient, turn_on_calls: list[ServiceCall]
) -> None:
    await clova.request("TurnOn", KITCHEN)
    await clova.request("TurnOn", KITCHEN)
    await clova.request("TurnOn", "light.nowhere")
    await clova.request("DiscoverAppliances")
    await clova.request("TurnOn", KITCHEN, token="bogus")

    stats = _runtime(hass).stats.as_dict()
    assert stats["requests_by_message"] == {"TurnOnRequest": 4, "DiscoverAppliancesRequest": 1}
    assert stats["errors"] == {"NoSuchTargetError": 1, "InvalidAccessTokenError": 1}
    recent = stats["recent_requests"]
    assert [r["outcome"] for r in recent] == [  # newest first
        "InvalidAccessTokenError",
        "DiscoverAppliancesResponse",
        "NoSuchTargetError",
        "TurnOnConfirmation",
        "TurnOnConfirmation",
    ]
    assert recent[0]["user_id"] is None
    assert recent[1]["user_id"] == token_user_id(clova)
    assert datetime.fromisoformat(recent[0]["time"]) >= datetime.fromisoformat(recent[-1]["time"])
    assert clova.token not in json.dumps(stats)


async def test_history_is_bounded(hass: HomeAssistant, clova: ClovaClient) -> None:
    for _ in range(HISTORY_SIZE + 5):
        await clova.request("HealthCheck", KITCHEN)
    stats = _runtime(hass).stats
    assert len(stats.recent) == HISTORY_SIZE
    assert stats.by_message["HealthCheckRequest"] == HISTORY_SIZE + 5


def test_ring_buffer_keeps_the_newest() -> None:
    stats = RequestStats(history_size=3)
    for number in range(5):
        stats.record(
            RequestSummary(
                time=datetime(2026, 1, 1, 0, 0, number),
                source="clova",
                message_id=str(number),
                name="TurnOnRequest",
                appliance_id=None,
                entity_id=None,
                outcome="TurnOnConfirmation",
                success=True,
                duration=0.0,
                user_id=None,
            )
        )
    assert [s.message_id for s in stats.recent] == ["2", "3", "4"]
    assert [r["message_id"] for r in stats.as_dict()["recent_requests"]] == ["4", "3", "2"]


def test_without_token_masks_every_token_and_leaves_the_original() -> None:
    message = {
        "header": {"name": "TurnOnRequest"},
        "payload": {"accessToken": "secret", "nested": [{"accessToken": "also-secret"}]},
    }
    masked = without_token(message)
    assert masked == {
        "header": {"name": "TurnOnRequest"},
        "payload": {"accessToken": "***", "nested": [{"accessToken": "***"}]},
    }
    assert message["payload"]["accessToken"] == "secret"


async def test_debug_log_shows_requests_and_answers_without_the_token(
    hass: HomeAssistant, clova: ClovaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="custom_components.clova_home")
    message = request_message("TurnOn", clova.token, KITCHEN)
    await clova.send(message)
    await clova.request("TurnOn", KITCHEN, token=clova.token + "x")  # refused: still masked

    text = caplog.text
    assert "TurnOnRequest" in text
    assert message["header"]["messageId"] in text
    assert "TurnOnConfirmation" in text
    assert "InvalidAccessTokenError" in text
    assert "'accessToken': '***'" in text
    assert clova.token not in text
    assert clova.token[:40] not in text


async def test_nothing_is_logged_about_requests_above_debug(
    hass: HomeAssistant, clova: ClovaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="custom_components.clova_home")
    await clova.request("TurnOn", KITCHEN)
    assert "accessToken" not in caplog.text
    assert clova.token not in caplog.text


async def test_foreign_client_is_refused_as_an_invalid_token(
    hass: HomeAssistant, clova: ClovaClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Clova hears the usual InvalidAccessTokenError; the log names the client, not the token."""
    user = (await hass.auth.async_get_users())[0]
    refresh_token = await hass.auth.async_create_refresh_token(
        user, client_id="https://example.com/other-app"
    )
    token = hass.auth.async_create_access_token(refresh_token)
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    answer = await clova.request("TurnOn", KITCHEN, token=token)
    assert answer_name(answer) == "InvalidAccessTokenError"
    assert answer["payload"] == {}
    assert events[0].data["outcome"] == "InvalidAccessTokenError"
    assert "https://example.com/other-app" in caplog.text
    assert token not in caplog.text
    assert CLOVA_CLIENT_ID not in caplog.text
