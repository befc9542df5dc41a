"""Repair issues: raised when the user has to act, gone once the cause is.

Real gate, real signatures and tokens; issues are read from Home Assistant's issue
registry, and the one fix flow runs through the repairs integration's HTTP API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
import json
from pathlib import Path
import re
from typing import Any

from aiohttp.test_utils import TestClient
from cryptography.hazmat.primitives.asymmetric import rsa
from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest

from custom_components.clova_home.const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_EXTRA_CLIENT_IDS,
    CONF_SECURITY,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    REGIONS,
)
from custom_components.clova_home.issues import (
    ISSUE_BAD_SIGNATURES,
    ISSUE_EXTERNAL_URL_NOT_HTTPS,
    ISSUE_NO_EXTERNAL_URL,
    ISSUE_SIGNATURE_OFF,
    ISSUE_UNEXPECTED_CLIENT,
)
from custom_components.clova_home.stats import BAD_SIGNATURE_THRESHOLD, BAD_SIGNATURE_WINDOW

from .conftest import SetupClova
from .helpers import ClovaClient, answer_name, new_private_key, request_message, sign

KITCHEN = "light.kitchen"
OTHER_CLIENT = "https://example.com/other-app"
STRINGS = json.loads(
    (Path(__file__).parent.parent / "custom_components/clova_home/strings.json").read_text(
        encoding="utf-8"
    )
)


def issue(hass: HomeAssistant, issue_id: str) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, issue_id)


def our_issues(hass: HomeAssistant) -> set[str]:
    return {issue_id for domain, issue_id in ir.async_get(hass).issues if domain == DOMAIN}


def _entry_options(hass: HomeAssistant) -> dict[str, Any]:
    [entry] = hass.config_entries.async_entries(DOMAIN)
    return dict(entry.options)


@pytest.fixture
async def https_url(hass: HomeAssistant) -> None:
    """Home Assistant with a proper external URL, so only the issue under test shows."""
    await hass.config.async_update(external_url="https://home.example.com")


@pytest.fixture(scope="module")
def foreign_key() -> rsa.RSAPrivateKey:
    return new_private_key()


async def post_badly_signed(clova: ClovaClient, key: rsa.RSAPrivateKey, times: int) -> None:
    body = json.dumps(request_message("TurnOn", clova.token, KITCHEN)).encode()
    for _ in range(times):
        status, _ = await clova.post_raw(body, {"SignatureCEK": sign(key, body)})
        assert status == 401


async def foreign_token(hass: HomeAssistant, client_id: str = OTHER_CLIENT) -> str:
    user = next(u for u in await hass.auth.async_get_users() if u.name == "Clova user")
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=client_id)
    return hass.auth.async_create_access_token(refresh_token)


# --------------------------------------------------------------------------- external URL


async def test_no_external_url(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await setup_clova()
    found = issue(hass, ISSUE_NO_EXTERNAL_URL)
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert not found.is_fixable
    assert found.translation_key == ISSUE_NO_EXTERNAL_URL
    assert found.learn_more_url is not None
    assert found.learn_more_url.endswith("#troubleshooting")
    assert our_issues(hass) == {ISSUE_NO_EXTERNAL_URL}


async def test_external_url_follows_the_network_settings(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await setup_clova()
    assert our_issues(hass) == {ISSUE_NO_EXTERNAL_URL}

    await hass.config.async_update(external_url="http://home.example.com")
    await hass.async_block_till_done()
    assert our_issues(hass) == {ISSUE_EXTERNAL_URL_NOT_HTTPS}

    await hass.config.async_update(external_url="https://home.example.com")
    await hass.async_block_till_done()
    assert our_issues(hass) == set()


async def test_https_url_raises_nothing(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova
) -> None:
    await setup_clova()
    assert our_issues(hass) == set()


# --------------------------------------------------------------------------- signature off


async def test_signature_off_is_an_issue_until_turned_back_on(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova
) -> None:
    await setup_clova(security={CONF_VERIFY_SIGNATURE: False})
    found = issue(hass, ISSUE_SIGNATURE_OFF)
    assert found is not None
    assert found.is_fixable
    assert found.severity is ir.IssueSeverity.WARNING

    # Turned back on in the options: the reload withdraws the issue.
    [entry] = hass.config_entries.async_entries(DOMAIN)
    options = _entry_options(hass)
    hass.config_entries.async_update_entry(
        entry,
        options={**options, CONF_SECURITY: {**options[CONF_SECURITY], CONF_VERIFY_SIGNATURE: True}},
    )
    await hass.async_block_till_done()
    assert issue(hass, ISSUE_SIGNATURE_OFF) is None

    # Off again: back again.
    options = _entry_options(hass)
    hass.config_entries.async_update_entry(
        entry,
        options={
            **options,
            CONF_SECURITY: {**options[CONF_SECURITY], CONF_VERIFY_SIGNATURE: False},
        },
    )
    await hass.async_block_till_done()
    assert issue(hass, ISSUE_SIGNATURE_OFF) is not None


async def test_fix_flow_turns_verification_back_on(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    hass_client: Callable[[], Awaitable[TestClient]],
    foreign_key: rsa.RSAPrivateKey,
) -> None:
    assert await async_setup_component(hass, "repairs", {})  # before the HTTP app starts
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_VERIFY_SIGNATURE: False})
    hass.states.async_set(KITCHEN, "off")
    client = await hass_client()

    resp = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": ISSUE_SIGNATURE_OFF}
    )
    assert resp.status == 200, await resp.text()
    flow = await resp.json()
    assert flow["type"] == "form"
    assert flow["step_id"] == "confirm"

    resp = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={})
    assert resp.status == 200, await resp.text()
    assert (await resp.json())["type"] == "create_entry"
    await hass.async_block_till_done()

    options = _entry_options(hass)
    assert options[CONF_SECURITY][CONF_VERIFY_SIGNATURE] is True
    assert "extra_public_key" in options[CONF_SECURITY]  # the rest of the options kept
    assert issue(hass, ISSUE_SIGNATURE_OFF) is None
    # And the gate checks signatures again.
    body = json.dumps(request_message("HealthCheck", clova.token, KITCHEN)).encode()
    status, _ = await clova.post_raw(body, {"SignatureCEK": sign(foreign_key, body)})
    assert status == 401


async def test_fix_flow_after_the_entry_is_gone(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    hass_client: Callable[[], Awaitable[TestClient]],
) -> None:
    assert await async_setup_component(hass, "repairs", {})
    await setup_clova(security={CONF_VERIFY_SIGNATURE: False})
    client = await hass_client()
    resp = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": ISSUE_SIGNATURE_OFF}
    )
    flow = await resp.json()
    [entry] = hass.config_entries.async_entries(DOMAIN)
    await hass.config_entries.async_remove(entry.entry_id)  # while the flow is open
    resp = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={})
    result = await resp.json()
    assert result["type"] == "abort"
    assert result["reason"] == "entry_removed"


# --------------------------------------------------------------------------- bad signatures


async def test_repeated_bad_signatures(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    hass.states.async_set(KITCHEN, "off")

    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD - 1)
    assert issue(hass, ISSUE_BAD_SIGNATURES) is None
    await post_badly_signed(clova, foreign_key, 1)
    found = issue(hass, ISSUE_BAD_SIGNATURES)
    assert found is not None
    assert found.severity is ir.IssueSeverity.WARNING
    assert found.translation_placeholders == {
        "count": str(BAD_SIGNATURE_THRESHOLD),
        "minutes": "10",
        "region": REGIONS["kr"].title,
    }

    # A well-signed request proves the region and key right: the issue goes.
    assert answer_name(await clova.request("HealthCheck", KITCHEN)) == "HealthCheckResponse"
    assert issue(hass, ISSUE_BAD_SIGNATURES) is None
    # ... and the count starts again.
    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD - 1)
    assert issue(hass, ISSUE_BAD_SIGNATURES) is None


async def test_bad_signatures_spread_out_are_no_issue(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    freezer: FrozenDateTimeFactory,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD - 1)
    freezer.tick(timedelta(seconds=BAD_SIGNATURE_WINDOW + 1))
    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD - 1)
    assert issue(hass, ISSUE_BAD_SIGNATURES) is None
    await post_badly_signed(clova, foreign_key, 1)
    assert issue(hass, ISSUE_BAD_SIGNATURES) is not None


async def test_bad_signature_issue_outlives_a_reload(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD)
    [entry] = hass.config_entries.async_entries(DOMAIN)
    assert await hass.config_entries.async_reload(entry.entry_id)
    assert issue(hass, ISSUE_BAD_SIGNATURES) is not None


# --------------------------------------------------------------------------- foreign client


async def test_token_of_an_unexpected_client(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    hass.states.async_set(KITCHEN, "off")
    token = await foreign_token(hass)

    answer = await clova.request("HealthCheck", KITCHEN, token=token)
    assert answer_name(answer) == "InvalidAccessTokenError"
    found = issue(hass, ISSUE_UNEXPECTED_CLIENT)
    assert found is not None
    assert found.translation_placeholders == {
        "client_id": OTHER_CLIENT,
        "expected": REGIONS["kr"].client_id,
    }
    assert token not in json.dumps(found.to_json())

    # The user allows that client: the reload withdraws the issue and the token works.
    [entry] = hass.config_entries.async_entries(DOMAIN)
    options = _entry_options(hass)
    hass.config_entries.async_update_entry(
        entry,
        options={
            **options,
            CONF_SECURITY: {**options[CONF_SECURITY], CONF_EXTRA_CLIENT_IDS: [OTHER_CLIENT]},
        },
    )
    await hass.async_block_till_done()
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is None
    answer = await clova.request("HealthCheck", KITCHEN, token=token)
    assert answer_name(answer) == "HealthCheckResponse"


async def test_unexpected_client_issue_goes_when_clova_logs_in(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    hass.states.async_set(KITCHEN, "off")
    await clova.request("HealthCheck", KITCHEN, token=await foreign_token(hass))
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is not None

    # Relinked with the right client ID: Clova's own token gets through.
    await clova.request("HealthCheck", KITCHEN)
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is None


async def test_unexpected_client_issue_survives_unrelated_reloads(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    await clova.request("HealthCheck", KITCHEN, token=await foreign_token(hass))
    [entry] = hass.config_entries.async_entries(DOMAIN)
    assert await hass.config_entries.async_reload(entry.entry_id)
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is not None


@pytest.mark.parametrize("kind", ["garbage", "long_lived", "inactive_user"])
async def test_other_refused_tokens_raise_no_issue(
    hass: HomeAssistant, https_url: None, setup_clova: SetupClova, kind: str
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_ALLOW_LONG_LIVED_TOKENS: False})
    if kind == "garbage":
        token = "not-a-token"
    elif kind == "long_lived":
        user = next(u for u in await hass.auth.async_get_users() if u.name == "Clova user")
        refresh_token = await hass.auth.async_create_refresh_token(
            user,
            client_name="profile",
            token_type=TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN,
            access_token_expiration=timedelta(days=1),
        )
        token = hass.auth.async_create_access_token(refresh_token)
    else:
        user = await hass.auth.async_create_user("Gone", group_ids=["system-admin"])
        token = await foreign_token_for(hass, user)
        await hass.auth.async_update_user(user, is_active=False)
    answer = await clova.request("HealthCheck", KITCHEN, token=token)
    assert answer_name(answer) == "InvalidAccessTokenError"
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is None


async def foreign_token_for(hass: HomeAssistant, user: User) -> str:
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=OTHER_CLIENT)
    return hass.auth.async_create_access_token(refresh_token)


async def test_expired_token_of_an_unexpected_client_raises_no_issue(
    hass: HomeAssistant,
    https_url: None,
    setup_clova: SetupClova,
    freezer: FrozenDateTimeFactory,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN])
    token = await foreign_token(hass)
    freezer.tick(timedelta(hours=1))
    answer = await clova.request("HealthCheck", KITCHEN, token=token)
    assert answer_name(answer) == "InvalidAccessTokenError"
    assert issue(hass, ISSUE_UNEXPECTED_CLIENT) is None


# --------------------------------------------------------------------------- lifecycle


async def test_unload_withdraws_the_setup_issues_and_remove_withdraws_all(
    hass: HomeAssistant, setup_clova: SetupClova, foreign_key: rsa.RSAPrivateKey
) -> None:
    clova = await setup_clova(exposed=[KITCHEN], security={CONF_VERIFY_SIGNATURE: False})
    await clova.request("HealthCheck", KITCHEN, token=await foreign_token(hass))
    assert our_issues(hass) == {
        ISSUE_NO_EXTERNAL_URL,
        ISSUE_SIGNATURE_OFF,
        ISSUE_UNEXPECTED_CLIENT,
    }
    [entry] = hass.config_entries.async_entries(DOMAIN)

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert our_issues(hass) == {ISSUE_UNEXPECTED_CLIENT}

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.config_entries.async_remove(entry.entry_id)
    assert our_issues(hass) == set()


def _checked_texts(hass: HomeAssistant) -> set[str]:
    """The raised issues, each checked against its texts in strings.json."""
    seen = set()
    for issue_id in our_issues(hass):
        found = issue(hass, issue_id)
        assert found is not None
        assert found.translation_key is not None
        seen.add(found.translation_key)
        texts = STRINGS["issues"][found.translation_key]
        assert texts["title"]
        body = (
            texts["fix_flow"]["step"]["confirm"]["description"]
            if found.is_fixable
            else texts["description"]
        )
        wanted = set(re.findall(r"\{(\w+)\}", body))
        assert wanted == set(found.translation_placeholders or {}), found.translation_key
    return seen


async def test_every_issue_has_its_texts(
    hass: HomeAssistant, setup_clova: SetupClova, foreign_key: rsa.RSAPrivateKey
) -> None:
    """Each raised issue has a title and text in strings.json whose placeholders it fills."""
    clova = await setup_clova(exposed=[KITCHEN])
    await clova.request("HealthCheck", KITCHEN, token=await foreign_token(hass))
    await post_badly_signed(clova, foreign_key, BAD_SIGNATURE_THRESHOLD)
    seen = _checked_texts(hass)

    await hass.config.async_update(external_url="http://home.example.com")
    await hass.async_block_till_done()
    [entry] = hass.config_entries.async_entries(DOMAIN)
    options = _entry_options(hass)
    hass.config_entries.async_update_entry(
        entry,
        options={
            **options,
            CONF_SECURITY: {**options[CONF_SECURITY], CONF_VERIFY_SIGNATURE: False},
        },
    )
    await hass.async_block_till_done()
    seen |= _checked_texts(hass)
    assert seen == {
        ISSUE_NO_EXTERNAL_URL,
        ISSUE_EXTERNAL_URL_NOT_HTTPS,
        ISSUE_SIGNATURE_OFF,
        ISSUE_BAD_SIGNATURES,
        ISSUE_UNEXPECTED_CLIENT,
    }
    # Nothing is checked while verification is off, so nothing can fail any more.
    assert issue(hass, ISSUE_BAD_SIGNATURES) is None
