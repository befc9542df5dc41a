"""Non-admin users see and control only what their Home Assistant permissions allow."""

from __future__ import annotations

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockUser, async_mock_service

from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name

KITCHEN = "light.kitchen"
HALL = "light.hall"


async def _token_for(hass: HomeAssistant, user: User) -> str:
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=CLOVA_CLIENT_ID)
    return hass.auth.async_create_access_token(refresh_token)


@pytest.fixture
async def clova(hass: HomeAssistant, setup_clova: SetupClova) -> ClovaClient:
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen"})
    hass.states.async_set(HALL, "off", {"friendly_name": "Hall"})
    return await setup_clova(exposed=[KITCHEN, HALL])


@pytest.fixture
async def kitchen_only_token(hass: HomeAssistant) -> str:
    """A non-admin who may read and control the kitchen light only."""
    user = MockUser().add_to_hass(hass)
    user.mock_policy({"entities": {"entity_ids": {KITCHEN: True}}})
    return await _token_for(hass, user)


@pytest.fixture
async def read_only_token(hass: HomeAssistant, hass_read_only_user: User) -> str:
    """A member of Home Assistant's read-only group."""
    return await _token_for(hass, hass_read_only_user)


async def test_discovery_lists_only_readable_entities(
    clova: ClovaClient, kitchen_only_token: str
) -> None:
    answer = await clova.request("DiscoverAppliances", token=kitchen_only_token)
    ids = [item["applianceId"] for item in answer["payload"]["discoveredAppliances"]]
    assert ids == [KITCHEN]

    admin_answer = await clova.request("DiscoverAppliances")
    assert len(admin_answer["payload"]["discoveredAppliances"]) == 2


async def test_old_health_check_lists_only_readable_entities(
    clova: ClovaClient, kitchen_only_token: str
) -> None:
    answer = await clova.request("HealthCheck", token=kitchen_only_token)
    assert answer["payload"] == {"reachableAppliances": [KITCHEN]}


async def test_control_of_a_forbidden_entity_is_no_such_target(
    hass: HomeAssistant, clova: ClovaClient, kitchen_only_token: str
) -> None:
    calls = async_mock_service(hass, "light", "turn_on")
    answer = await clova.request("TurnOn", HALL, token=kitchen_only_token)
    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []

    answer = await clova.request("TurnOn", KITCHEN, token=kitchen_only_token)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.data["entity_id"] for call in calls] == [KITCHEN]


async def test_read_only_user_may_ask_but_not_control(
    hass: HomeAssistant, clova: ClovaClient, read_only_token: str
) -> None:
    calls = async_mock_service(hass, "light", "turn_on")
    health = await clova.request("HealthCheck", KITCHEN, token=read_only_token)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}

    answer = await clova.request("TurnOn", KITCHEN, token=read_only_token)
    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []
