"""The config flow (region and console values) and the options flow (what Clova sees)."""

from __future__ import annotations

from collections.abc import Generator, Mapping
import json
from pathlib import Path
import re
from typing import Any
from unittest.mock import AsyncMock, patch

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData, UnknownFlow, section
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
    REGION_JP,
    REGION_KR,
)

from .conftest import SetupClova, entry_options
from .helpers import new_private_key, public_pem

STRINGS = json.loads(
    (Path(__file__).parent.parent / "custom_components" / DOMAIN / "strings.json").read_text(
        encoding="utf-8"
    )
)

EXTERNAL_URL = "https://example.duckdns.org"
KR_CLIENT_ID = "https://prod-ni-cic.clova.ai/"
KR_REDIRECT_URI = "https://prod-ni-cic.clova.ai/v1/al/token/"
JP_CLIENT_ID = "https://clova-cic.line-apps.com/"
JP_REDIRECT_URI = "https://clova-cic.line-apps.com/v1/al/token/"


@pytest.fixture
def mock_setup_entry() -> Generator[AsyncMock]:
    """Keep the created entry from really setting up the integration."""
    with patch("custom_components.clova_home.async_setup_entry", return_value=True) as mock_setup:
        yield mock_setup


async def _start_user_flow(hass: HomeAssistant) -> ConfigFlowResult:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return result


async def _console_step(hass: HomeAssistant, region: str) -> ConfigFlowResult:
    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_REGION: region}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "console"
    return result


def _suggested(schema: vol.Schema, key: str) -> Any:
    """The suggested value of ``key`` in a form schema (None when there is none)."""
    for marker in schema.schema:
        if marker == key:
            return (marker.description or {}).get("suggested_value")
    raise AssertionError(f"{key!r} is not in the form schema")


def _section_schema(schema: vol.Schema, key: str) -> vol.Schema:
    for marker, value in schema.schema.items():
        if marker == key:
            assert isinstance(value, section)
            return value.schema
    raise AssertionError(f"section {key!r} is not in the form schema")


def _placeholders_in(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


# --- user and console steps ---------------------------------------------------------------


async def test_user_step_offers_both_regions(hass: HomeAssistant) -> None:
    result = await _start_user_flow(hass)
    assert result["errors"] is None
    schema = result["data_schema"]
    assert schema is not None
    # Korea is the default choice.
    assert schema({}) == {CONF_REGION: REGION_KR}
    assert schema({CONF_REGION: REGION_JP}) == {CONF_REGION: REGION_JP}
    with pytest.raises(vol.Invalid):
        schema({CONF_REGION: "us"})


async def test_console_step_kr_shows_console_values(hass: HomeAssistant) -> None:
    await hass.config.async_update(external_url=EXTERNAL_URL)
    result = await _console_step(hass, REGION_KR)

    assert result["errors"] is None
    assert result["description_placeholders"] == {
        "extension_url": f"{EXTERNAL_URL}/api/clova_home",
        "authorize_url": f"{EXTERNAL_URL}/auth/authorize",
        "token_url": f"{EXTERNAL_URL}/auth/token",
        "client_id": KR_CLIENT_ID,
        "redirect_uri": KR_REDIRECT_URI,
    }
    # The step's text uses exactly the placeholders the flow fills in.
    description = STRINGS["config"]["step"]["console"]["description"]
    assert _placeholders_in(description) == set(result["description_placeholders"])


async def test_console_step_jp_uses_line_client_id(hass: HomeAssistant) -> None:
    await hass.config.async_update(external_url=EXTERNAL_URL)
    result = await _console_step(hass, REGION_JP)

    assert result["errors"] is None
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["client_id"] == JP_CLIENT_ID
    assert placeholders["redirect_uri"] == JP_REDIRECT_URI
    assert placeholders["extension_url"] == f"{EXTERNAL_URL}/api/clova_home"


async def test_console_step_external_url_trailing_slash(hass: HomeAssistant) -> None:
    await hass.config.async_update(external_url=f"{EXTERNAL_URL}/")
    result = await _console_step(hass, REGION_KR)

    assert result["errors"] is None
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["extension_url"] == f"{EXTERNAL_URL}/api/clova_home"
    assert placeholders["token_url"] == f"{EXTERNAL_URL}/auth/token"


async def test_console_step_warns_about_http_external_url(hass: HomeAssistant) -> None:
    await hass.config.async_update(external_url="http://example.duckdns.org:8123")
    result = await _console_step(hass, REGION_KR)

    assert result["errors"] == {"base": "external_url_not_https"}
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["extension_url"] == "http://example.duckdns.org:8123/api/clova_home"
    assert "external_url_not_https" in STRINGS["config"]["error"]


async def test_console_step_warns_without_external_url(hass: HomeAssistant) -> None:
    result = await _console_step(hass, REGION_KR)

    assert result["errors"] == {"base": "no_external_url"}
    assert result["description_placeholders"] == {
        "extension_url": "https://<your-home-assistant>/api/clova_home",
        "authorize_url": "https://<your-home-assistant>/auth/authorize",
        "token_url": "https://<your-home-assistant>/auth/token",
        "client_id": KR_CLIENT_ID,
        "redirect_uri": KR_REDIRECT_URI,
    }
    assert "no_external_url" in STRINGS["config"]["error"]


@pytest.mark.parametrize(
    ("region", "title"),
    [(REGION_KR, "Clova Home (Korea)"), (REGION_JP, "Clova Home (Japan)")],
)
async def test_create_entry(
    hass: HomeAssistant, mock_setup_entry: AsyncMock, region: str, title: str
) -> None:
    await hass.config.async_update(external_url=EXTERNAL_URL)
    result = await _console_step(hass, region)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == title
    assert result["data"] == {CONF_REGION: region}
    assert result["options"] == {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []}
    entry = result["result"]
    assert entry.domain == DOMAIN
    assert entry.unique_id is None
    assert entry.data == {CONF_REGION: region}
    # Nothing is exposed until the user chooses.
    assert entry.options == {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []}
    assert len(mock_setup_entry.mock_calls) == 1
    assert hass.config_entries.async_entries(DOMAIN) == [entry]


async def test_create_entry_despite_url_warning(
    hass: HomeAssistant, mock_setup_entry: AsyncMock
) -> None:
    """The URL warning informs; confirming still creates the entry."""
    result = await _console_step(hass, REGION_KR)
    assert result["errors"] == {"base": "no_external_url"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_REGION: REGION_KR}
    assert len(mock_setup_entry.mock_calls) == 1


@pytest.mark.usefixtures("mock_setup_entry")
async def test_single_instance(hass: HomeAssistant) -> None:
    MockConfigEntry(domain=DOMAIN, data={CONF_REGION: REGION_KR}).add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "single_instance_allowed"


@pytest.mark.usefixtures("mock_setup_entry")
async def test_single_instance_second_flow_in_progress(hass: HomeAssistant) -> None:
    """Two flows started before any entry exists: only the first one creates it."""
    first = await _console_step(hass, REGION_KR)
    second = await _console_step(hass, REGION_JP)

    result = await hass.config_entries.flow.async_configure(first["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY

    # The other flow was aborted when the entry was created.
    assert hass.config_entries.flow.async_progress_by_handler(DOMAIN) == []
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1
    with pytest.raises(UnknownFlow):
        await hass.config_entries.flow.async_configure(second["flow_id"], {})


# --- options flow -------------------------------------------------------------------------


def _add_entry(hass: HomeAssistant, options: Mapping[str, Any]) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN, title="Clova Home", data={CONF_REGION: REGION_KR}, options=dict(options)
    )
    entry.add_to_hass(hass)
    return entry


async def _open_exposure(hass: HomeAssistant, entry_id: str) -> ConfigFlowResult:
    """Open the options menu and choose "What Clova sees"."""
    result = await hass.config_entries.options.async_init(entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["exposure", "appliance_types"]
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "exposure"}
    )


def _options_input(exposed: list[str], unlock: list[str], pem: str | None = None) -> dict[str, Any]:
    security = {} if pem is None else {CONF_EXTRA_PUBLIC_KEY: pem}
    return {
        CONF_EXPOSED_ENTITIES: exposed,
        CONF_UNLOCK_ENTITIES: unlock,
        CONF_SECURITY: security,
    }


async def test_options_form_prefilled_from_current_options(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    options = entry_options(signing_key, ["light.kitchen", "lock.front_door"], ["lock.front_door"])
    entry = _add_entry(hass, options)

    result = await _open_exposure(hass, entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "exposure"
    assert result["errors"] == {}
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXPOSED_ENTITIES) == ["light.kitchen", "lock.front_door"]
    assert _suggested(schema, CONF_UNLOCK_ENTITIES) == ["lock.front_door"]
    security = _section_schema(schema, CONF_SECURITY)
    assert _suggested(security, CONF_EXTRA_PUBLIC_KEY) == public_pem(signing_key)


async def test_options_form_of_a_new_entry(hass: HomeAssistant) -> None:
    """The options the config flow creates (no security section) open cleanly."""
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []})

    result = await _open_exposure(hass, entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXPOSED_ENTITIES) == []
    assert _suggested(schema, CONF_UNLOCK_ENTITIES) == []


async def test_options_suggestions_do_not_leak_between_entries(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    """An entry's extra key must not be suggested in another entry's options form.

    Removing the integration and adding it again gives an entry without a security
    section; its form must not show the key of the entry that was removed.
    """
    old_entry = _add_entry(hass, entry_options(signing_key))
    result = await _open_exposure(hass, old_entry.entry_id)
    hass.config_entries.options.async_abort(result["flow_id"])
    assert await hass.config_entries.async_remove(old_entry.entry_id)

    new_entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []})
    result = await _open_exposure(hass, new_entry.entry_id)

    schema = result["data_schema"]
    assert schema is not None
    security = _section_schema(schema, CONF_SECURITY)
    assert _suggested(security, CONF_EXTRA_PUBLIC_KEY) in (None, "")


async def test_options_save(hass: HomeAssistant, signing_key: rsa.RSAPrivateKey) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []})
    pem = public_pem(signing_key)

    result = await _open_exposure(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_input(
            ["light.kitchen", "lock.front_door", "lock.garage"],
            ["lock.front_door"],
            f"\n  {pem}  \n\n",
        ),
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    expected = {
        CONF_EXPOSED_ENTITIES: ["light.kitchen", "lock.front_door", "lock.garage"],
        CONF_UNLOCK_ENTITIES: ["lock.front_door"],
        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: pem.strip()},
    }
    assert result["data"] == expected
    assert entry.options == expected


async def test_options_only_offer_supported_domains(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []})
    result = await _open_exposure(hass, entry.entry_id)

    schema = result["data_schema"]
    assert schema is not None
    with pytest.raises(vol.Invalid):
        schema(_options_input(["calendar.holidays"], []))
    with pytest.raises(vol.Invalid):
        schema(_options_input([], ["light.kitchen"]))


async def test_options_invalid_public_key_then_recovery(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    old_options = entry_options(signing_key, ["light.kitchen"])
    entry = _add_entry(hass, old_options)
    result = await _open_exposure(hass, entry.entry_id)

    bad_input = _options_input(["switch.coffee"], [], "-----BEGIN PUBLIC KEY-----\nnope\n")
    result = await hass.config_entries.options.async_configure(result["flow_id"], bad_input)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "exposure"
    assert result["errors"] == {"base": "invalid_public_key"}
    assert "invalid_public_key" in STRINGS["options"]["error"]
    # The form keeps what the user typed, and nothing is stored yet.
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXPOSED_ENTITIES) == ["switch.coffee"]
    security = _section_schema(schema, CONF_SECURITY)
    assert _suggested(security, CONF_EXTRA_PUBLIC_KEY) == "-----BEGIN PUBLIC KEY-----\nnope\n"
    assert entry.options == old_options

    new_pem = public_pem(new_private_key())
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_input(["switch.coffee"], [], new_pem)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_EXPOSED_ENTITIES: ["switch.coffee"],
        CONF_UNLOCK_ENTITIES: [],
        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: new_pem.strip()},
    }


async def test_options_reject_non_rsa_key(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []})
    ec_pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    result = await _open_exposure(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_input([], [], ec_pem)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_public_key"}


@pytest.mark.parametrize("pem", ["", "   \n", None], ids=["empty", "blank", "omitted"])
async def test_options_empty_public_key_accepted(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey, pem: str | None
) -> None:
    entry = _add_entry(hass, entry_options(signing_key, ["light.kitchen"]))
    result = await _open_exposure(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_input(["light.kitchen"], [], pem)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_EXPOSED_ENTITIES: ["light.kitchen"],
        CONF_UNLOCK_ENTITIES: [],
        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: ""},
    }


async def test_options_defaults_when_lists_omitted(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["light.kitchen"], CONF_UNLOCK_ENTITIES: []})
    result = await _open_exposure(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_SECURITY: {}}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_EXPOSED_ENTITIES: [],
        CONF_UNLOCK_ENTITIES: [],
        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: ""},
    }


async def test_options_change_reloads_and_takes_effect(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: rsa.RSAPrivateKey
) -> None:
    hass.states.async_set("light.kitchen", "off", {"friendly_name": "Kitchen"})
    hass.states.async_set("switch.coffee", "off", {"friendly_name": "Coffee"})
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.LOADED
    old_runtime = entry.runtime_data

    answer = await clova.request("DiscoverAppliances")
    ids = [a["applianceId"] for a in answer["payload"]["discoveredAppliances"]]
    assert ids == ["light.kitchen"]

    result = await _open_exposure(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_input(["light.kitchen", "switch.coffee"], [], public_pem(signing_key)),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    # The entry was reloaded: a new runtime built from the new options.
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not old_runtime
    assert entry.runtime_data.exposure.entity_ids == {"light.kitchen", "switch.coffee"}

    answer = await clova.request("DiscoverAppliances")
    ids = [a["applianceId"] for a in answer["payload"]["discoveredAppliances"]]
    assert ids == ["light.kitchen", "switch.coffee"]


async def test_appliance_types_step_lists_exposed_entities(hass: HomeAssistant) -> None:
    entry = _add_entry(
        hass,
        {
            CONF_EXPOSED_ENTITIES: ["fan.bedroom", "light.kitchen"],
            CONF_UNLOCK_ENTITIES: [],
            CONF_APPLIANCE_TYPES: {"fan.bedroom": "AIRPURIFIER", "light.gone": "LIGHT"},
        },
    )
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "appliance_types"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "appliance_types"
    schema = result["data_schema"]
    assert schema is not None
    defaults = {str(key): key.default() for key in schema.schema}
    assert defaults == {"fan.bedroom": "AIRPURIFIER", "light.kitchen": "auto"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"fan.bedroom": "VENTILATOR", "light.kitchen": "auto"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # "auto" and entities no longer exposed are not kept; everything else is.
    assert entry.options[CONF_APPLIANCE_TYPES] == {"fan.bedroom": "VENTILATOR"}
    assert entry.options[CONF_EXPOSED_ENTITIES] == ["fan.bedroom", "light.kitchen"]


async def test_appliance_types_step_refuses_unknown_types(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["fan.bedroom"]})
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "appliance_types"}
    )
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {"fan.bedroom": "TOASTER"}
        )


async def test_type_override_changes_the_discovered_type(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("fan.bedroom", "on", {"supported_features": 48})
    clova = await setup_clova(exposed=["fan.bedroom"])
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "appliance_types"}
    )
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"fan.bedroom": "AIRPURIFIER"}
    )
    await hass.async_block_till_done()

    answer = await clova.request("DiscoverAppliances")
    (appliance,) = answer["payload"]["discoveredAppliances"]
    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
