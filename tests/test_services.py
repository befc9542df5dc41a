"""``clova_home.process_request``: the request tester, for administrators, as themselves."""

from __future__ import annotations

import json
from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.helpers.service import async_get_all_descriptions
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockUser,
    async_capture_events,
    async_mock_service,
)

from custom_components.clova_home.const import (
    DOMAIN,
    EVENT_CLOVA_HOME_REQUEST,
    SERVICE_PROCESS_REQUEST,
)

from .conftest import SetupClova
from .helpers import request_message

KITCHEN = "light.kitchen"
HALL = "light.hall"


@pytest.fixture
def turn_on_calls(hass: HomeAssistant) -> list[ServiceCall]:
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen light"})
    hass.states.async_set(HALL, "off", {"friendly_name": "Hall light"})
    calls: list[ServiceCall] = async_mock_service(hass, "light", "turn_on")
    return calls


async def process(hass: HomeAssistant, message: Any, user: User | None) -> dict[str, Any]:
    """Call the action as ``user`` (None: no user, like an automation)."""
    context = Context(user_id=user.id if user else None)
    response = await hass.services.async_call(
        DOMAIN,
        SERVICE_PROCESS_REQUEST,
        {"message": message},
        blocking=True,
        return_response=True,
        context=context,
    )
    assert isinstance(response, dict)
    return response


async def test_admin_gets_the_answer_and_acts_as_themselves(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hass_admin_user: User,
    turn_on_calls: list[ServiceCall],
) -> None:
    await setup_clova(exposed=[KITCHEN])
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    context = Context(user_id=hass_admin_user.id)

    answer = await hass.services.async_call(
        DOMAIN,
        SERVICE_PROCESS_REQUEST,
        {"message": request_message("TurnOn", None, KITCHEN)},
        blocking=True,
        return_response=True,
        context=context,
    )

    assert answer is not None
    assert answer["header"]["name"] == "TurnOnConfirmation"
    assert answer["header"]["namespace"] == "ClovaHome"
    [call] = turn_on_calls
    assert call.data == {"entity_id": KITCHEN}
    # The light was turned on by the admin, within the action call.
    assert call.context.user_id == hass_admin_user.id
    assert call.context.parent_id == context.id
    [event] = events
    assert event.data["source"] == "service"
    assert event.data["user_id"] == hass_admin_user.id
    assert event.data["outcome"] == "TurnOnConfirmation"


async def test_message_as_json_text(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    await setup_clova(exposed=[KITCHEN, HALL])
    hass.states.async_set(KITCHEN, "on", {"friendly_name": "Kitchen light"})
    text = json.dumps(request_message("DiscoverAppliances", None))
    answer = await process(hass, text, hass_admin_user)
    assert answer["header"]["name"] == "DiscoverAppliancesResponse"
    ids = [a["applianceId"] for a in answer["payload"]["discoveredAppliances"]]
    assert sorted(ids) == [HALL, KITCHEN]


async def test_token_in_the_message_is_ignored(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hass_admin_user: User,
    turn_on_calls: list[ServiceCall],
) -> None:
    await setup_clova(exposed=[KITCHEN])
    answer = await process(hass, request_message("TurnOn", "not-a-token", KITCHEN), hass_admin_user)
    assert answer["header"]["name"] == "TurnOnConfirmation"
    assert turn_on_calls[0].context.user_id == hass_admin_user.id


async def test_errors_are_answers_too(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    await setup_clova(exposed=[KITCHEN])
    hass.states.async_set(KITCHEN, "unavailable")
    answer = await process(hass, request_message("TurnOn", None, KITCHEN), hass_admin_user)
    assert answer["header"]["name"] == "TargetOfflineError"
    assert answer["payload"] == {}


async def test_no_signature_needed_even_when_verification_is_on(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    """The caller is authenticated by Home Assistant; the gate's checks do not apply."""
    await setup_clova(exposed=[KITCHEN])
    [entry] = hass.config_entries.async_entries(DOMAIN)
    assert entry.runtime_data.verify_signature
    answer = await process(hass, request_message("HealthCheck", None, KITCHEN), hass_admin_user)
    assert answer["header"]["name"] == "HealthCheckResponse"


async def test_non_admin_is_refused(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hass_read_only_user: User,
    turn_on_calls: list[ServiceCall],
) -> None:
    await setup_clova(exposed=[KITCHEN])
    events = async_capture_events(hass, EVENT_CLOVA_HOME_REQUEST)
    with pytest.raises(Unauthorized):
        await process(hass, request_message("TurnOn", None, KITCHEN), hass_read_only_user)
    assert turn_on_calls == []
    assert events == []


async def test_non_admin_with_control_permission_is_still_refused(
    hass: HomeAssistant, setup_clova: SetupClova, turn_on_calls: list[ServiceCall]
) -> None:
    await setup_clova(exposed=[KITCHEN])
    user = MockUser().add_to_hass(hass)
    user.mock_policy({"entities": {"entity_ids": {KITCHEN: True}}})
    with pytest.raises(Unauthorized):
        await process(hass, request_message("TurnOn", None, KITCHEN), user)
    assert turn_on_calls == []


async def test_call_without_a_user_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova, turn_on_calls: list[ServiceCall]
) -> None:
    """An automation has no user to act as."""
    await setup_clova(exposed=[KITCHEN])
    with pytest.raises(Unauthorized):
        await process(hass, request_message("TurnOn", None, KITCHEN), None)
    assert turn_on_calls == []


async def test_inactive_admin_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    await setup_clova(exposed=[KITCHEN])
    await hass.auth.async_update_user(hass_admin_user, is_active=False)
    with pytest.raises(Unauthorized):
        await process(hass, request_message("TurnOn", None, KITCHEN), hass_admin_user)


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[]",
        {"header": {"name": "TurnOnRequest"}, "payload": {}},
        {**request_message("TurnOn", None, KITCHEN), "header": {"name": "FlyRequest"}},
    ],
    ids=["text", "json-array", "incomplete-header", "unknown-name"],
)
async def test_not_a_clova_request(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User, message: Any
) -> None:
    await setup_clova(exposed=[KITCHEN])
    with pytest.raises(ServiceValidationError) as err:
        await process(hass, message, hass_admin_user)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "invalid_message"
    assert "error" in (err.value.translation_placeholders or {})


async def test_registered_without_an_entry_and_refuses_politely(
    hass: HomeAssistant, hass_admin_user: User
) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    assert hass.services.has_service(DOMAIN, SERVICE_PROCESS_REQUEST)
    with pytest.raises(ServiceValidationError) as err:
        await process(hass, request_message("DiscoverAppliances", None), hass_admin_user)
    assert err.value.translation_key == "not_loaded"


async def test_message_is_required(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    await setup_clova()
    with pytest.raises(Exception, match="message"):
        await hass.services.async_call(
            DOMAIN,
            SERVICE_PROCESS_REQUEST,
            {},
            blocking=True,
            return_response=True,
            context=Context(user_id=hass_admin_user.id),
        )


async def test_action_is_described(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """services.yaml is loaded by Home Assistant and describes the one field."""
    await setup_clova()
    descriptions = await async_get_all_descriptions(hass)
    description = descriptions[DOMAIN][SERVICE_PROCESS_REQUEST]
    assert set(description["fields"]) == {"message"}
    assert description["fields"]["message"]["required"] is True
    assert "object" in description["fields"]["message"]["selector"]
    assert description["response"] == {"optional": False}
