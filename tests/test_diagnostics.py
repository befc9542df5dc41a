"""Config-entry diagnostics, downloaded through Home Assistant's diagnostics API."""

from __future__ import annotations

import json
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.clova_home.const import (
    CONF_EXTRA_CLIENT_IDS,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    REGIONS,
)
from custom_components.clova_home.protocol.signature import fingerprint, load_public_key
from custom_components.clova_home.stats import HISTORY_SIZE

from .conftest import SetupClova
from .helpers import ClovaClient, public_pem
from .test_init import BUNDLED_FINGERPRINTS

KITCHEN = "light.kitchen"
PLUG = "switch.plug"
EXTRA_CLIENT = "https://example.com/my-clova-test"


@pytest.fixture
async def diagnostics_api(hass: HomeAssistant) -> None:
    """Set up before the HTTP server starts, so its views can be registered."""
    assert await async_setup_component(hass, "diagnostics", {})


async def _download(hass: HomeAssistant, hass_client: ClientSessionGenerator) -> dict[str, Any]:
    [entry] = hass.config_entries.async_entries(DOMAIN)
    data = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    return dict(data)


@pytest.fixture
async def clova(hass: HomeAssistant, diagnostics_api: None, setup_clova: SetupClova) -> ClovaClient:
    hass.states.async_set(KITCHEN, "on", {"friendly_name": "Living room light"})
    hass.states.async_set(PLUG, "off", {"friendly_name": "Plug"})
    async_mock_service(hass, "light", "turn_off")
    return await setup_clova(
        exposed=[KITCHEN, PLUG],
        unlock=[],
        security={CONF_EXTRA_CLIENT_IDS: [EXTRA_CLIENT]},
    )


async def test_diagnostics(
    hass: HomeAssistant,
    clova: ClovaClient,
    hass_client: ClientSessionGenerator,
) -> None:
    await clova.request("DiscoverAppliances")
    await clova.request("TurnOff", KITCHEN)
    hass.states.async_set(PLUG, "unavailable", {"friendly_name": "Plug"})
    await clova.request("TurnOn", PLUG)
    await clova.request("TurnOn", KITCHEN, token="not-a-token")
    status, _ = await clova.post_raw(b"{}", {"SignatureCEK": "AAAA"})
    assert status == 401

    diagnostics = await _download(hass, hass_client)

    text = json.dumps(diagnostics)
    assert clova.token not in text
    assert "BEGIN PUBLIC KEY" not in text  # the key is shown by its fingerprint

    assert diagnostics["entry"]["data"] == {"region": "kr"}
    options = diagnostics["entry"]["options"]
    assert options["exposed_entities"] == [KITCHEN, PLUG]
    assert options["security"]["extra_public_key"] == "**REDACTED**"
    assert options["security"][CONF_EXTRA_CLIENT_IDS] == [EXTRA_CLIENT]

    assert diagnostics["configuration"] == {
        "region": "kr",
        "verify_signature": True,
        "allowed_client_ids": sorted([*REGIONS["kr"].client_ids, EXTRA_CLIENT]),
        "allow_long_lived_tokens": False,
        "unlock_entities": [],
    }
    assert diagnostics["signing_keys"] == [
        {"source": "bundled (kr.pem)", "sha256_fingerprint": BUNDLED_FINGERPRINTS["kr"]},
        {
            "source": "extra",
            "sha256_fingerprint": diagnostics["signing_keys"][1]["sha256_fingerprint"],
        },
    ]

    # Exactly what Clova's discovery gets.
    discovery = await clova.request("DiscoverAppliances")
    assert diagnostics["discovery"] == discovery["payload"]["discoveredAppliances"]
    assert [item["entity_id"] for item in diagnostics["exposed"]] == [KITCHEN, PLUG]

    assert diagnostics["requests_by_message"] == {
        "TurnOnRequest": 2,
        "DiscoverAppliancesRequest": 1,
        "TurnOffRequest": 1,
    }
    assert diagnostics["errors"] == {"TargetOfflineError": 1, "InvalidAccessTokenError": 1}
    assert diagnostics["refused_by_gate"] == {"bad_signature": 1}
    recent = diagnostics["recent_requests"]
    assert [(r["name"], r["entity_id"], r["outcome"]) for r in recent] == [
        ("TurnOnRequest", KITCHEN, "InvalidAccessTokenError"),
        ("TurnOnRequest", PLUG, "TargetOfflineError"),
        ("TurnOffRequest", KITCHEN, "TurnOffConfirmation"),
        ("DiscoverAppliancesRequest", None, "DiscoverAppliancesResponse"),
    ]
    assert "no_external_url" in diagnostics["repair_issues"]


async def test_extra_key_fingerprint_matches_the_option(
    hass: HomeAssistant,
    clova: ClovaClient,
    hass_client: ClientSessionGenerator,
) -> None:
    diagnostics = await _download(hass, hass_client)
    expected = fingerprint(load_public_key(public_pem(clova.key)))
    assert diagnostics["signing_keys"][1] == {"source": "extra", "sha256_fingerprint": expected}


async def test_discovery_lists_what_an_admin_would_see(
    hass: HomeAssistant,
    diagnostics_api: None,
    setup_clova: SetupClova,
    hass_client: ClientSessionGenerator,
) -> None:
    """Every exposed appliance, even before Clova ever asked, whoever linked Clova."""
    hass.states.async_set(KITCHEN, "on", {"friendly_name": "Living room light"})
    await setup_clova(exposed=[KITCHEN], security={CONF_VERIFY_SIGNATURE: False})
    diagnostics = await _download(hass, hass_client)
    [appliance] = diagnostics["discovery"]
    assert appliance["applianceId"] == KITCHEN
    assert appliance["friendlyName"] == "Living room light"
    assert diagnostics["configuration"]["verify_signature"] is False
    assert diagnostics["recent_requests"] == []
    assert diagnostics["requests_by_message"] == {}


async def test_history_in_diagnostics_is_bounded(
    hass: HomeAssistant,
    clova: ClovaClient,
    hass_client: ClientSessionGenerator,
) -> None:
    for _ in range(HISTORY_SIZE + 1):
        await clova.request("HealthCheck", KITCHEN)
    diagnostics = await _download(hass, hass_client)
    assert len(diagnostics["recent_requests"]) == HISTORY_SIZE
    assert diagnostics["requests_by_message"] == {"HealthCheckRequest": HISTORY_SIZE + 1}


async def test_discovery_without_an_owner_uses_an_admin(
    hass: HomeAssistant,
    clova: ClovaClient,
    hass_client: ClientSessionGenerator,
) -> None:
    with patch.object(hass.auth, "async_get_owner", return_value=None):
        diagnostics = await _download(hass, hass_client)
    assert [a["applianceId"] for a in diagnostics["discovery"]] == [KITCHEN, PLUG]


async def test_discovery_needs_an_admin(
    hass: HomeAssistant,
    clova: ClovaClient,
    hass_client: ClientSessionGenerator,
) -> None:
    with (
        patch.object(hass.auth, "async_get_owner", return_value=None),
        patch.object(hass.auth, "async_get_users", return_value=[]),
    ):
        diagnostics = await _download(hass, hass_client)
    assert diagnostics["discovery"] == "no admin user to discover as"
    assert [item["entity_id"] for item in diagnostics["exposed"]] == [KITCHEN, PLUG]
