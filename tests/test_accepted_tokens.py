"""Reusing Home Assistant's verdict on an access token (auth.AcceptedTokens).

A remembered token must be refused exactly when Home Assistant's own check would refuse
it: after its refresh token was removed or its user deleted, after its user was
deactivated, and if the key it was verified with is no longer its refresh token's (expiry:
tests/test_gate.py's boundary test, for first use and remembered tokens alike). Every case
first lets the token be accepted (and so remembered), then changes the one thing, then
asks again through the real gate.
"""

from __future__ import annotations

import secrets
from unittest.mock import patch

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant, ServiceCall
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.auth import AcceptedTokens, async_authenticate
from custom_components.clova_home.runtime import loaded_runtime

from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name, mint

KITCHEN = "switch.kitchen"


@pytest.fixture
async def kitchen(hass: HomeAssistant) -> list[ServiceCall]:
    """A switch whose turn_on calls are recorded."""
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen"})
    return async_mock_service(hass, "switch", "turn_on")


async def _turn_on(clova: ClovaClient, token: str) -> str:
    answer = await clova.request("TurnOn", KITCHEN, token=token)
    return answer_name(answer)


async def test_home_assistant_checks_each_token_once(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    _, first = await mint(hass, clova_user)
    _, second = await mint(hass, clova_user)
    with patch.object(
        hass.auth, "async_validate_access_token", wraps=hass.auth.async_validate_access_token
    ) as check:
        for token in (first, first, first, second, second):
            assert await _turn_on(clova, token) == "TurnOnConfirmation"
    assert [call.args[0] for call in check.call_args_list] == [first, second]
    assert len(kitchen) == 5


@pytest.mark.parametrize("change", ["remove_refresh_token", "remove_user", "deactivate_user"])
async def test_remembered_token_refused_once_home_assistant_would(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
    *,
    change: str,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    # Not the owner (who cannot be deactivated).
    member = await hass.auth.async_create_user("Family member", group_ids=["system-admin"])
    refresh_token, token = await mint(hass, member)
    assert await _turn_on(clova, token) == "TurnOnConfirmation"
    if change == "remove_refresh_token":
        hass.auth.async_remove_refresh_token(refresh_token)
    elif change == "remove_user":
        await hass.auth.async_remove_user(member)
    else:
        await hass.auth.async_update_user(member, is_active=False)
    assert hass.auth.async_validate_access_token(token) is None  # HA's own verdict
    runtime = loaded_runtime(hass)
    assert runtime is not None
    assert runtime.accepted_tokens.refresh_token(hass, token) is None  # the same
    assert await _turn_on(clova, token) == "InvalidAccessTokenError"
    assert len(kitchen) == 1


async def test_remembered_token_refused_when_its_key_is_not_the_one_verified(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    clova_user: User,
    kitchen: list[ServiceCall],
) -> None:
    """Home Assistant never changes a refresh token's key; if it did, its check would fail."""
    clova = await setup_clova(exposed=[KITCHEN])
    refresh_token, token = await mint(hass, clova_user)
    assert await _turn_on(clova, token) == "TurnOnConfirmation"
    refresh_token.jwt_key = secrets.token_hex(64)  # as long as the keys HA makes
    assert hass.auth.async_validate_access_token(token) is None
    assert await _turn_on(clova, token) == "InvalidAccessTokenError"
    assert len(kitchen) == 1


async def test_only_accepted_tokens_are_kept_and_only_a_few(
    hass: HomeAssistant, clova_user: User
) -> None:
    accepted = AcceptedTokens()
    assert accepted.refresh_token(hass, "not a token") is None
    tokens = [(await mint(hass, clova_user))[1] for _ in range(20)]
    for token in tokens:
        assert async_authenticate(hass, token, {CLOVA_CLIENT_ID}, "127.0.0.1", accepted=accepted)
    assert len(accepted) == 16
    # The oldest went first; it is simply checked by Home Assistant again.
    with patch.object(
        hass.auth, "async_validate_access_token", wraps=hass.auth.async_validate_access_token
    ) as check:
        assert accepted.refresh_token(hass, tokens[-1]) is not None
        assert check.call_count == 0
        assert accepted.refresh_token(hass, tokens[0]) is not None
        assert check.call_count == 1


async def test_runtime_keeps_accepted_tokens(
    hass: HomeAssistant, setup_clova: SetupClova, kitchen: list[ServiceCall]
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    assert await _turn_on(clova, clova.token) == "TurnOnConfirmation"
    runtime = loaded_runtime(hass)
    assert runtime is not None
    assert len(runtime.accepted_tokens) == 1
