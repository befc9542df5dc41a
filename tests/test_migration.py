"""Loading stored entries: older versions are migrated, newer or broken ones refused clearly.

Version 1.2 stores the chosen Clova types as the options form's keys (``airpurifier``);
1.1 stored Clova's codes (``AIRPURIFIER``), which hassfest refuses as selector keys.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.config_flow import ClovaHomeConfigFlow, migrate_options_1_2
from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_NAMES,
    CONF_REGION,
    CONF_SECURITY,
    DOMAIN,
    REGION_KR,
)

from .conftest import entry_options
from .helpers import ClovaClient

FAN = "fan.living_room_fan"
CLIMATE = "climate.hvac"
OLD_TYPES = {FAN: "AIRPURIFIER", CLIMATE: "THERMOSTAT"}


async def _load(
    hass: HomeAssistant, options: dict[str, Any], version: int = 1, minor_version: int = 1
) -> MockConfigEntry:
    """An entry stored as ``version.minor_version``, set up with the demo fan and climate."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Clova Home (Korea)",
        data={CONF_REGION: REGION_KR},
        options=options,
        version=version,
        minor_version=minor_version,
    )
    entry.add_to_hass(hass)
    for platform in ("fan", "climate"):
        assert await async_setup_component(hass, platform, {platform: {"platform": "demo"}})
    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()
    return entry


def test_the_flow_is_at_version_1_2() -> None:
    assert (ClovaHomeConfigFlow.VERSION, ClovaHomeConfigFlow.MINOR_VERSION) == (1, 2)


async def test_uppercase_types_are_migrated_and_kept(
    hass: HomeAssistant,
    signing_key: rsa.RSAPrivateKey,
    hass_client_no_auth: Any,
    clova_token: str,
) -> None:
    options = {
        **entry_options(signing_key, [FAN, CLIMATE]),
        CONF_NAMES: {FAN: "공기청정기"},
        CONF_APPLIANCE_TYPES: dict(OLD_TYPES),
    }
    entry = await _load(hass, options)

    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 2)
    assert entry.options == {
        **options,
        CONF_APPLIANCE_TYPES: {FAN: "airpurifier", CLIMATE: "thermostat"},
    }
    # The runtime speaks Clova's codes, and the appliances keep their types.
    assert entry.runtime_data.appliance_types == OLD_TYPES
    clova = ClovaClient(hass, await hass_client_no_auth(), signing_key, clova_token)
    answer = await clova.request("DiscoverAppliances")
    types = {
        appliance["friendlyName"]: appliance["applianceTypes"]
        for appliance in answer["payload"]["discoveredAppliances"]
    }
    assert types["공기청정기"] == ["AIRPURIFIER"]
    assert ["THERMOSTAT"] in types.values()


async def test_entry_without_types_is_migrated_unchanged(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    options = entry_options(signing_key, [FAN])
    entry = await _load(hass, options)

    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 2)
    assert entry.options == options


async def test_newer_minor_version_loads_as_it_is(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    """A minor version only adds what older code can ignore (Home Assistant's convention)."""
    options = {**entry_options(signing_key, [FAN]), CONF_APPLIANCE_TYPES: {FAN: "airpurifier"}}
    entry = await _load(hass, options, minor_version=3)

    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 3)
    assert entry.options == options
    assert entry.runtime_data.appliance_types == {FAN: "AIRPURIFIER"}


@pytest.mark.parametrize("minor_version", [1, 2])
async def test_newer_major_version_refuses_to_load(
    hass: HomeAssistant,
    signing_key: rsa.RSAPrivateKey,
    caplog: pytest.LogCaptureFixture,
    minor_version: int,
) -> None:
    """A downgrade: what a newer version stored is left alone, and nothing is served."""
    options = {**entry_options(signing_key, [FAN]), CONF_APPLIANCE_TYPES: {FAN: "AIRPURIFIER"}}
    entry = await _load(hass, options, version=2, minor_version=minor_version)

    assert entry.state is ConfigEntryState.MIGRATION_ERROR
    assert (entry.version, entry.minor_version) == (2, minor_version)
    assert entry.options == options
    # Home Assistant 2026 refuses it before asking the integration; 2025.4 asks.
    assert "newer version" in caplog.text or "higher than the current version" in caplog.text


async def test_broken_configuration_is_a_translated_setup_error(hass: HomeAssistant) -> None:
    """The reason shown on the integration page comes from the translations."""
    entry = await _load(
        hass,
        {
            CONF_EXPOSED_ENTITIES: [],
            CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nbroken\n"},
        },
        minor_version=2,
    )

    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert entry.error_reason_translation_key == "invalid_configuration"
    assert entry.error_reason_translation_placeholders is not None
    assert entry.error_reason_translation_placeholders["error"]
    assert entry.reason is not None
    assert entry.reason.startswith("Invalid Clova Home configuration: ")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, {}),
        ({CONF_APPLIANCE_TYPES: None}, {CONF_APPLIANCE_TYPES: None}),
        ({CONF_APPLIANCE_TYPES: {}}, {CONF_APPLIANCE_TYPES: {}}),
        (
            {CONF_APPLIANCE_TYPES: {FAN: "BUILDING_ELECTRIC_METER"}, CONF_NAMES: {FAN: "X"}},
            {CONF_APPLIANCE_TYPES: {FAN: "building_electric_meter"}, CONF_NAMES: {FAN: "X"}},
        ),
        # A code this version does not know is carried over; the runtime ignores it.
        ({CONF_APPLIANCE_TYPES: {FAN: "TOASTER"}}, {CONF_APPLIANCE_TYPES: {FAN: "toaster"}}),
    ],
)
def test_migrate_options_1_2(options: dict[str, Any], expected: dict[str, Any]) -> None:
    assert migrate_options_1_2(options) == expected
