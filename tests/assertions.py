"""Assertions shared by the request tests: "this request calls exactly this service"."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
import re
from typing import Any
from unittest.mock import patch

from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import Event, HomeAssistant, ServiceCall, State, callback
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home import const

from .helpers import ClovaClient, answer_name

# KO21 spells the timestamp format out: YYYY-MM-DDThh:mm:ss±hh:mm.
TIMESTAMP_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


@contextmanager
def record_service_calls(hass: HomeAssistant) -> Iterator[list[Event]]:
    """Collect every service call made while the block runs (whatever the domain)."""
    events: list[Event] = []

    @callback
    def _record(event: Event) -> None:
        events.append(event)

    unsubscribe = hass.bus.async_listen(EVENT_CALL_SERVICE, _record)
    try:
        yield events
    finally:
        unsubscribe()


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The current state of ``entity_id``, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


def token_user_id(clova: ClovaClient) -> str:
    """The id of the Home Assistant user the client's access token belongs to."""
    refresh_token = clova.hass.auth.async_validate_access_token(clova.token)
    assert refresh_token is not None
    return refresh_token.user.id


def assert_clova_message(
    answer: Mapping[str, Any], name: str, payload: Mapping[str, Any] | None = None
) -> None:
    """``answer`` is the Clova message ``name``: a complete header, ``payload`` (default: empty)."""
    header = answer["header"]
    assert header["name"] == name, answer
    assert header["namespace"] == "ClovaHome"
    assert header["payloadVersion"] == "1.0"
    assert isinstance(header["messageId"], str)
    assert header["messageId"]
    assert answer["payload"] == dict(payload or {})


async def assert_request_calls_service(  # noqa: PLR0917 - reads like the sentence it checks
    clova: ClovaClient,
    name: str,
    appliance_id: str,
    domain: str,
    service: str,
    expected_data: Mapping[str, Any],
    *,
    payload: Mapping[str, Any] | None = None,
    response_name: str | None = None,
) -> dict[str, Any]:
    """Send ``<name>Request``; assert it makes exactly one call of ``domain.service``.

    The service is mocked, so the test sees exactly the data the integration sends. The
    call must carry exactly ``expected_data`` and run in a context of the token's user;
    no other service may be called. Returns the answer, whose name must be
    ``response_name`` (default: ``<name>Confirmation``).
    """
    calls: list[ServiceCall] = async_mock_service(clova.hass, domain, service)
    with record_service_calls(clova.hass) as events:
        answer = await clova.request(name, appliance_id, **dict(payload or {}))
    assert answer_name(answer) == (response_name or f"{name}Confirmation"), answer
    assert len(calls) == 1, calls
    call = calls[0]
    assert call.domain == domain
    assert call.service == service
    assert dict(call.data) == dict(expected_data)
    assert call.context.user_id == token_user_id(clova)
    assert [(event.data["domain"], event.data["service"]) for event in events] == [
        (domain, service)
    ]
    return answer


async def assert_request_fails(
    clova: ClovaClient,
    name: str,
    appliance_id: str | None,
    error_name: str,
    **payload: Any,
) -> dict[str, Any]:
    """Send ``<name>Request``; assert the answer is ``error_name`` and no service ran.

    Returns the answer so that callers can check the error's payload.
    """
    with record_service_calls(clova.hass) as events:
        answer = await clova.request(name, appliance_id, **payload)
    assert answer_name(answer) == error_name, answer
    assert events == [], [event.data for event in events]
    return answer


@contextmanager
def short_service_timeout(seconds: float) -> Iterator[None]:
    """Make control requests give up waiting for their service call after ``seconds``.

    ``async_call_service`` reads ``const.SERVICE_CALL_TIMEOUT`` on every call.
    """
    with patch.object(const, "SERVICE_CALL_TIMEOUT", seconds):
        yield


async def async_setup_demo(hass: HomeAssistant, platforms: Sequence[str]) -> None:
    """Set up Home Assistant's ``demo`` integration with only ``platforms``."""
    with patch(
        "homeassistant.components.demo.COMPONENTS_WITH_CONFIG_ENTRY_DEMO_PLATFORM", list(platforms)
    ):
        # demo depends on conversation, which needs the core integration's exposure data.
        assert await async_setup_component(hass, "homeassistant", {})
        assert await async_setup_component(hass, "demo", {})
        await hass.async_block_till_done()
