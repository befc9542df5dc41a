"""Setting up, unloading and reloading the config entry; the runtime it builds."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.const import (
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
    REGION_JP,
    REGION_KR,
    REGIONS,
)
from custom_components.clova_home.protocol.signature import fingerprint, load_public_key
from custom_components.clova_home.runtime import ClovaRuntime

from .conftest import SetupClova, entry_options
from .helpers import ClovaClient, public_pem, request_message
from .toolkit import discover

# The documented SHA-256 fingerprints (DER, SubjectPublicKeyInfo) of the bundled keys.
BUNDLED_FINGERPRINTS = {
    REGION_KR: "048b2e92791c0bfd1261f14b5449b0081b5c8ba11e6ea8df33efbe0639d76d40",
    REGION_JP: "0aa9590f35a0646b12ceeb09103ba0cbdde4a97b8dca10d956550f3f8c1bee86",
}


def _entry(hass: HomeAssistant) -> ConfigEntry[ClovaRuntime]:
    entries = hass.config_entries.async_entries(DOMAIN)
    assert len(entries) == 1
    return entries[0]


async def _discovered_ids(clova: ClovaClient) -> list[str]:
    return list(await discover(clova))


async def test_setup_entry(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on", {"friendly_name": "Kitchen"})
    clova = await setup_clova(exposed=["light.kitchen"], unlock=["lock.front_door"])
    entry = _entry(hass)

    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert isinstance(runtime, ClovaRuntime)
    assert runtime.region is REGIONS[REGION_KR]
    assert runtime.allowed_client_ids == frozenset(REGIONS[REGION_KR].client_ids)
    assert runtime.exposure.entity_ids == {"light.kitchen"}
    assert runtime.unlock_entities == {"lock.front_door"}
    assert await _discovered_ids(clova) == ["light.kitchen"]


async def test_unload_entry(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = _entry(hass)

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.NOT_LOADED
    # The view stays registered but no longer answers, even a correctly signed request.
    body = json.dumps(request_message("DiscoverAppliances", clova.token)).encode()
    status, _ = await clova.post_raw(body)
    assert status == 404


async def test_reload_entry(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = _entry(hass)
    old_runtime = entry.runtime_data

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not old_runtime
    assert await _discovered_ids(clova) == ["light.kitchen"]


async def test_setup_again_after_unload(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = _entry(hass)

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert await _discovered_ids(clova) == ["light.kitchen"]


async def test_options_update_reloads_entry(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: rsa.RSAPrivateKey
) -> None:
    hass.states.async_set("light.kitchen", "on")
    hass.states.async_set("switch.coffee", "off")
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = _entry(hass)

    hass.config_entries.async_update_entry(
        entry, options=entry_options(signing_key, ["switch.coffee"])
    )
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert await _discovered_ids(clova) == ["switch.coffee"]


async def test_invalid_extra_public_key_is_a_setup_error(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Clova Home",
        data={CONF_REGION: REGION_KR},
        options={
            CONF_EXPOSED_ENTITIES: [],
            CONF_UNLOCK_ENTITIES: [],
            CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nbroken\n"},
        },
    )
    entry.add_to_hass(hass)

    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()

    # ConfigEntryError: a permanent error shown to the user, not a crash or a retry loop.
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert entry.reason is not None
    assert "Invalid Clova Home configuration" in entry.reason


@pytest.mark.parametrize("region", [REGION_KR, REGION_JP])
async def test_verifier_holds_bundled_and_extra_key(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    signing_key: rsa.RSAPrivateKey,
    region: str,
) -> None:
    await setup_clova(region=region)
    runtime = _entry(hass).runtime_data

    extra = fingerprint(load_public_key(public_pem(signing_key)))
    assert [fingerprint(key) for key in runtime.verifier.keys] == [
        BUNDLED_FINGERPRINTS[region],
        extra,
    ]
    assert runtime.region is REGIONS[region]
    assert runtime.allowed_client_ids == frozenset(REGIONS[region].client_ids)


@pytest.mark.parametrize("security", [None, {}, {CONF_EXTRA_PUBLIC_KEY: ""}])
async def test_verifier_without_extra_key(
    hass: HomeAssistant, security: dict[str, str] | None
) -> None:
    """Options as the config flow creates them, or with the key left empty."""
    options: dict[str, object] = {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []}
    if security is not None:
        options[CONF_SECURITY] = security
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_REGION: REGION_JP}, options=options)
    entry.add_to_hass(hass)

    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    runtime: ClovaRuntime = entry.runtime_data
    assert [fingerprint(key) for key in runtime.verifier.keys] == [BUNDLED_FINGERPRINTS[REGION_JP]]
    assert runtime.exposure.entity_ids == frozenset()
