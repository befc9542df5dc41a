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
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.clova_home.config_flow import SECTION_ADVANCED
from custom_components.clova_home.const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_APPLIANCE_TYPES,
    CONF_EXCLUDE_AREAS,
    CONF_EXCLUDE_LABELS,
    CONF_EXPOSED_ENTITIES,
    CONF_EXPOSURE_SOURCE,
    CONF_EXTRA_CLIENT_IDS,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_INCLUDE_AREAS,
    CONF_INCLUDE_LABELS,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_PUSH,
    CONF_PUSH_API_KEY,
    CONF_PUSH_EXTENSION_ID,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    REGION_JP,
    REGION_KR,
    SOURCE_ASSIST,
    SOURCE_ENTITIES,
)
from custom_components.clova_home.issues import ISSUE_PUSH_KEY_REFUSED, async_push_key_refused
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES
from custom_components.clova_home.push import PushSettings

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
# hassfest's rule for translation keys, selector options included.
TRANSLATION_KEY = re.compile(r"(?!.*[-_]{2})(?![-_])[a-z0-9-_]+(?<![-_])")
# The options of a new entry: nothing exposed.
NEW_OPTIONS = {CONF_EXPOSURE_SOURCE: SOURCE_ENTITIES, CONF_EXPOSED_ENTITIES: []}


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
    assert result["options"] == NEW_OPTIONS
    entry = result["result"]
    assert entry.domain == DOMAIN
    assert (entry.version, entry.minor_version) == (1, 2)  # nothing to migrate
    assert entry.unique_id is None
    assert entry.data == {CONF_REGION: region}
    # Nothing is exposed until the user chooses.
    assert entry.options == NEW_OPTIONS
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


def _add_entry(
    hass: HomeAssistant, options: Mapping[str, Any], region: str = REGION_KR
) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN, title="Clova Home", data={CONF_REGION: region}, options=dict(options)
    )
    entry.add_to_hass(hass)
    return entry


async def _open(hass: HomeAssistant, entry_id: str, step: str) -> ConfigFlowResult:
    """Open the options menu and choose ``step``."""
    result = await hass.config_entries.options.async_init(entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["exposure", "entity", "security", "push"]
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": step}
    )


async def _submit(hass: HomeAssistant, result: ConfigFlowResult, data: Any) -> ConfigFlowResult:
    return await hass.config_entries.options.async_configure(result["flow_id"], data)


def _fields(result: ConfigFlowResult) -> list[str]:
    schema = result["data_schema"]
    assert schema is not None
    return [str(marker) for marker in schema.schema]


def _options_of(result: ConfigFlowResult, key: str) -> list[Any]:
    """The choices a select field offers."""
    schema = result["data_schema"]
    assert schema is not None
    for marker, selector in schema.schema.items():
        if marker == key:
            return list(selector.config["options"])
    raise AssertionError(f"{key!r} is not in the form schema")


async def test_every_options_field_is_explained(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    """Each form field has a label and a description, sections included."""
    hass.states.async_set("lock.front_door", "locked")
    entry = _add_entry(hass, entry_options(signing_key, ["lock.front_door"]))
    steps = STRINGS["options"]["step"]
    forms = {
        "exposure": await _open(hass, entry.entry_id, "exposure"),
        "security": await _open(hass, entry.entry_id, "security"),
        "push": await _open(hass, entry.entry_id, "push"),
    }
    entity = await _open(hass, entry.entry_id, "entity")
    forms["entity"] = entity
    forms["entity_settings"] = await _submit(hass, entity, {"entity_id": "lock.front_door"})
    for step_id, result in forms.items():
        assert result["step_id"] == step_id
        schema = result["data_schema"]
        assert schema is not None
        for marker, value in schema.schema.items():
            if isinstance(value, section):
                texts = steps[step_id]["sections"][str(marker)]
                assert texts["name"]
                for inner in value.schema.schema:
                    assert texts["data"][str(inner)]
                    assert texts["data_description"][str(inner)]
            else:
                assert steps[step_id]["data"][str(marker)], (step_id, marker)
                assert steps[step_id]["data_description"][str(marker)], (step_id, marker)
    for placeholder in _placeholders_in(steps["entity_settings"]["description"]):
        assert placeholder in (forms["entity_settings"]["description_placeholders"] or {})


# --- what Clova sees


async def test_exposure_form_prefilled_from_current_options(hass: HomeAssistant) -> None:
    options = {
        CONF_EXPOSURE_SOURCE: SOURCE_ASSIST,
        CONF_EXPOSED_ENTITIES: ["light.kitchen"],
        CONF_INCLUDE_AREAS: ["living_room"],
        CONF_INCLUDE_LABELS: ["clova"],
        CONF_EXCLUDE_AREAS: ["garage"],
        CONF_EXCLUDE_LABELS: ["private"],
    }
    entry = _add_entry(hass, options)
    result = await _open(hass, entry.entry_id, "exposure")
    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"]
    assert schema is not None
    for key, value in options.items():
        assert _suggested(schema, key) == value
    assert _options_of(result, CONF_EXPOSURE_SOURCE) == [SOURCE_ENTITIES, SOURCE_ASSIST]


async def test_exposure_form_of_a_new_entry(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "exposure")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXPOSURE_SOURCE) == SOURCE_ENTITIES
    assert _suggested(schema, CONF_EXPOSED_ENTITIES) == []
    assert _suggested(schema, CONF_INCLUDE_AREAS) is None


async def test_exposure_save_keeps_the_other_options(
    hass: HomeAssistant, signing_key: rsa.RSAPrivateKey
) -> None:
    options = {**entry_options(signing_key, ["lock.front_door"], ["lock.front_door"])}
    options[CONF_NAMES] = {"lock.front_door": "현관문"}
    entry = _add_entry(hass, options)
    result = await _open(hass, entry.entry_id, "exposure")
    chosen = {
        CONF_EXPOSURE_SOURCE: SOURCE_ASSIST,
        CONF_EXPOSED_ENTITIES: ["light.kitchen", "lock.front_door"],
        CONF_INCLUDE_AREAS: ["living_room"],
        CONF_INCLUDE_LABELS: ["clova"],
        CONF_EXCLUDE_AREAS: ["garage"],
        CONF_EXCLUDE_LABELS: ["private"],
    }
    result = await _submit(hass, result, chosen)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {**options, **chosen}


async def test_exposure_lists_default_to_empty(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["light.kitchen"]})
    result = await _open(hass, entry.entry_id, "exposure")
    result = await _submit(hass, result, {CONF_EXPOSURE_SOURCE: SOURCE_ASSIST})
    assert entry.options == {
        CONF_EXPOSURE_SOURCE: SOURCE_ASSIST,
        CONF_EXPOSED_ENTITIES: [],
        CONF_INCLUDE_AREAS: [],
        CONF_INCLUDE_LABELS: [],
        CONF_EXCLUDE_AREAS: [],
        CONF_EXCLUDE_LABELS: [],
    }


@pytest.mark.parametrize(
    "bad_input",
    [
        pytest.param(
            {CONF_EXPOSURE_SOURCE: SOURCE_ENTITIES, CONF_EXPOSED_ENTITIES: ["calendar.x"]},
            id="unsupported-domain",
        ),
        pytest.param({CONF_EXPOSURE_SOURCE: "everything"}, id="unknown-source"),
    ],
)
async def test_exposure_form_refuses(hass: HomeAssistant, bad_input: dict[str, Any]) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "exposure")
    with pytest.raises(InvalidData):
        await _submit(hass, result, bad_input)
    assert entry.options == NEW_OPTIONS


async def test_options_change_reloads_and_takes_effect(
    hass: HomeAssistant, setup_clova: SetupClova
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

    result = await _open(hass, entry.entry_id, "exposure")
    result = await _submit(
        hass,
        result,
        {
            CONF_EXPOSURE_SOURCE: SOURCE_ENTITIES,
            CONF_EXPOSED_ENTITIES: ["light.kitchen", "switch.coffee"],
        },
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


# --- one entity: name, type, room, opt-in


async def test_entity_step_without_exposed_entities(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "entity")
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "nothing_exposed"
    assert STRINGS["options"]["abort"]["nothing_exposed"]


async def test_entity_step_lists_what_clova_sees(hass: HomeAssistant) -> None:
    hass.states.async_set("light.kitchen", "off", {"friendly_name": "Kitchen light"})
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["light.kitchen", "lock.not_yet_there"]})
    result = await _open(hass, entry.entry_id, "entity")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "entity"
    assert _options_of(result, "entity_id") == [
        {"value": "light.kitchen", "label": "Kitchen light (light.kitchen)"},
        {"value": "lock.not_yet_there", "label": "lock.not_yet_there"},
    ]
    with pytest.raises(InvalidData):
        await _submit(hass, result, {"entity_id": "light.not_exposed"})


async def _entity_settings(
    hass: HomeAssistant, entry: MockConfigEntry, entity_id: str
) -> ConfigFlowResult:
    result = await _open(hass, entry.entry_id, "entity")
    result = await _submit(hass, result, {"entity_id": entity_id})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "entity_settings"
    return result


async def test_entity_settings_prefilled(hass: HomeAssistant) -> None:
    hass.states.async_set("lock.front_door", "locked", {"friendly_name": "Front door"})
    entry = _add_entry(
        hass,
        {
            CONF_EXPOSED_ENTITIES: ["lock.front_door"],
            CONF_UNLOCK_ENTITIES: ["lock.front_door"],
            CONF_NAMES: {"lock.front_door": "현관문"},
            CONF_APPLIANCE_TYPES: {"lock.front_door": "smartlock"},
            CONF_LOCATIONS: {"lock.front_door": "ENTRANCE"},
        },
    )
    result = await _entity_settings(hass, entry, "lock.front_door")
    assert result["description_placeholders"] == {"entity": "Front door (lock.front_door)"}
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, "name") == "현관문"
    assert _suggested(schema, "appliance_type") == "smartlock"
    assert _suggested(schema, "location") == "ENTRANCE"
    assert _suggested(schema, "sensitive") is True


async def test_entity_settings_of_an_entity_without_settings(hass: HomeAssistant) -> None:
    hass.states.async_set("lock.front_door", "locked")
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["lock.front_door"]})
    result = await _entity_settings(hass, entry, "lock.front_door")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, "name") == ""
    assert _suggested(schema, "appliance_type") == "auto"
    assert _suggested(schema, "location") == "auto"
    assert _suggested(schema, "sensitive") is False


async def test_entity_settings_prefill_a_protocol_code_as_its_key(hass: HomeAssistant) -> None:
    """A type stored as Clova's code (written before 1.2, or by hand) shows as its choice."""
    hass.states.async_set("fan.bedroom", "on")
    entry = _add_entry(
        hass,
        {
            CONF_EXPOSED_ENTITIES: ["fan.bedroom"],
            CONF_APPLIANCE_TYPES: {"fan.bedroom": "AIRPURIFIER"},
        },
    )
    result = await _entity_settings(hass, entry, "fan.bedroom")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, "appliance_type") == "airpurifier"
    assert "airpurifier" in _options_of(result, "appliance_type")


async def test_entity_settings_forget_a_room_of_the_other_region(hass: HomeAssistant) -> None:
    """A room kept from before the region changed, which this region lacks, shows Automatic."""
    hass.states.async_set("light.kitchen", "off")
    entry = _add_entry(
        hass,
        {CONF_EXPOSED_ENTITIES: ["light.kitchen"], CONF_LOCATIONS: {"light.kitchen": "MAIN_ROOM"}},
        REGION_JP,
    )
    result = await _entity_settings(hass, entry, "light.kitchen")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, "location") == "auto"
    # What the form then shows can be saved as it is.
    result = await _submit(hass, result, {"appliance_type": "auto", "location": "auto"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_LOCATIONS] == {}


def test_appliance_type_choices_are_valid_translation_keys() -> None:
    """hassfest: selector option keys match [a-z0-9-_] (no leading, trailing or double - _)."""
    choices = STRINGS["selector"]["appliance_type"]["options"]
    assert set(choices) == {"auto", *(code.lower() for code in APPLIANCE_TYPES)}
    for name, selector in STRINGS["selector"].items():
        for key in selector["options"]:
            assert TRANSLATION_KEY.fullmatch(key), (name, key)


async def test_every_appliance_type_choice_is_offered_and_named(hass: HomeAssistant) -> None:
    hass.states.async_set("fan.bedroom", "on")
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["fan.bedroom"]})
    result = await _entity_settings(hass, entry, "fan.bedroom")
    offered = _options_of(result, "appliance_type")
    assert offered[0] == "auto"
    assert offered == ["auto", *sorted(code.lower() for code in APPLIANCE_TYPES)]
    assert set(offered) == set(STRINGS["selector"]["appliance_type"]["options"])


async def test_entity_settings_save(hass: HomeAssistant) -> None:
    hass.states.async_set("lock.front_door", "locked")
    others = {
        CONF_NAMES: {"light.hall": "복도 불"},
        CONF_APPLIANCE_TYPES: {"light.hall": "light"},
        CONF_LOCATIONS: {"light.hall": "HALLWAY"},
    }
    entry = _add_entry(
        hass,
        {CONF_EXPOSED_ENTITIES: ["lock.front_door", "light.hall"], **others},
    )
    result = await _entity_settings(hass, entry, "lock.front_door")
    result = await _submit(
        hass,
        result,
        {
            "name": "  현관문 ",
            "appliance_type": "smartlock",
            "location": "ENTRANCE",
            "sensitive": True,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_NAMES] == {"light.hall": "복도 불", "lock.front_door": "현관문"}
    # Stored as the selector's keys (hassfest wants them lowercase), not as Clova's codes.
    assert entry.options[CONF_APPLIANCE_TYPES] == {
        "light.hall": "light",
        "lock.front_door": "smartlock",
    }
    assert entry.options[CONF_LOCATIONS] == {"light.hall": "HALLWAY", "lock.front_door": "ENTRANCE"}
    assert entry.options[CONF_UNLOCK_ENTITIES] == ["lock.front_door"]

    # Back to automatic: the entity's settings go, the others stay.
    result = await _entity_settings(hass, entry, "lock.front_door")
    result = await _submit(
        hass, result, {"name": "   ", "appliance_type": "auto", "location": "auto"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert {key: entry.options[key] for key in others} == others
    assert entry.options[CONF_UNLOCK_ENTITIES] == []


@pytest.mark.parametrize(
    ("entity_id", "attributes", "registry_class", "asks"),
    [
        ("lock.front_door", {}, None, True),
        ("cover.garage", {"device_class": "garage"}, None, True),
        ("cover.gate", {}, "gate", True),
        ("cover.blinds", {"device_class": "blind"}, None, False),
        ("light.kitchen", {}, None, False),
    ],
)
async def test_entity_settings_ask_for_the_opt_in_only_where_it_matters(
    hass: HomeAssistant,
    entity_id: str,
    attributes: dict[str, Any],
    registry_class: str | None,
    asks: bool,
) -> None:
    domain, object_id = entity_id.split(".")
    if registry_class is not None:
        er.async_get(hass).async_get_or_create(
            domain,
            "test",
            object_id,
            suggested_object_id=object_id,
            original_device_class=registry_class,
        )
    else:
        hass.states.async_set(entity_id, "closed", attributes)
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: [entity_id]})
    result = await _entity_settings(hass, entry, entity_id)
    assert ("sensitive" in _fields(result)) is asks


@pytest.mark.parametrize(
    ("region", "has", "lacks"),
    [
        (REGION_KR, "MAIN_ROOM", "JAPANESE_STYLE_ROOM"),
        (REGION_JP, "JAPANESE_STYLE_ROOM", "MAIN_ROOM"),
    ],
)
async def test_entity_settings_offer_the_rooms_of_the_region(
    hass: HomeAssistant, region: str, has: str, lacks: str
) -> None:
    hass.states.async_set("light.kitchen", "off")
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: ["light.kitchen"]}, region)
    result = await _entity_settings(hass, entry, "light.kitchen")
    rooms = {option["value"]: option["label"] for option in _options_of(result, "location")}
    assert has in rooms
    assert lacks not in rooms
    if region == REGION_KR:
        assert rooms["LIVING_ROOM"] == "거실 · リビング · Living room"
        assert len(rooms) == 46  # 45 rooms and "auto"
    with pytest.raises(InvalidData):
        await _submit(hass, result, {"appliance_type": "auto", "location": lacks})
    with pytest.raises(InvalidData):
        await _submit(hass, result, {"appliance_type": "toaster", "location": "auto"})
    with pytest.raises(InvalidData):  # the protocol's code is not one of the form's keys
        await _submit(hass, result, {"appliance_type": "LIGHT", "location": "auto"})


async def test_entity_settings_take_effect(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("fan.bedroom", "on", {"supported_features": 48})
    clova = await setup_clova(exposed=["fan.bedroom"])
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    result = await _entity_settings(hass, entry, "fan.bedroom")
    await _submit(
        hass,
        result,
        {"name": "공기청정기", "appliance_type": "airpurifier", "location": "LIVING_ROOM"},
    )
    await hass.async_block_till_done()

    answer = await clova.request("DiscoverAppliances")
    (appliance,) = answer["payload"]["discoveredAppliances"]
    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert appliance["friendlyName"] == "공기청정기"
    assert appliance["location"] == "LIVING_ROOM"


# --- one appliance of several entities: the sensors of a device, a main entity's companions


def _washer_and_plug(hass: HomeAssistant) -> list[str]:
    """A device of two sensors (a washer) and a switch with a sensor of its device (a plug)."""
    from .toolkit import Home, sensor  # only these tests build devices

    home = Home(hass)
    washer = home.device("Washer")
    home.entity("sensor.washer_job_state", "wash", sensor("enum"), device=washer)
    home.entity("sensor.washer_remaining", "30", sensor("duration", "min"), device=washer)
    plug = home.device("Plug")
    home.entity("switch.plug", "on", {"friendly_name": "Plug"}, device=plug)
    home.entity("sensor.plug_power", "5", sensor("power", "W"), device=plug)
    return [
        "sensor.washer_job_state",
        "sensor.washer_remaining",
        "switch.plug",
        "sensor.plug_power",
    ]


async def test_entity_step_lists_each_appliance_once(hass: HomeAssistant) -> None:
    """A device's sensors are listed once, with the device; companions with their entity."""
    entry = _add_entry(hass, {CONF_EXPOSED_ENTITIES: _washer_and_plug(hass)})
    result = await _open(hass, entry.entry_id, "entity")
    assert _options_of(result, "entity_id") == [
        {
            "value": "sensor.washer_job_state",
            "label": "Washer (sensor.washer_job_state, sensor.washer_remaining)",
        },
        {"value": "switch.plug", "label": "Plug (switch.plug, sensor.plug_power)"},
    ]
    for companion in ("sensor.washer_remaining", "sensor.plug_power"):
        with pytest.raises(InvalidData):
            await _submit(hass, result, {"entity_id": companion})


async def test_entity_settings_are_the_appliances(hass: HomeAssistant) -> None:
    """The sensor with the settings leads its device; saving drops the other members' own."""
    entry = _add_entry(
        hass,
        {
            CONF_EXPOSED_ENTITIES: _washer_and_plug(hass),
            CONF_APPLIANCE_TYPES: {"sensor.washer_remaining": "clotheswasher"},
            CONF_NAMES: {"sensor.plug_power": "예전 이름"},
        },
    )
    result = await _open(hass, entry.entry_id, "entity")
    assert [option["value"] for option in _options_of(result, "entity_id")] == [
        "sensor.washer_remaining",
        "switch.plug",
    ]
    result = await _entity_settings(hass, entry, "sensor.washer_remaining")
    assert result["description_placeholders"] == {
        "entity": "Washer (sensor.washer_remaining, sensor.washer_job_state)"
    }
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, "appliance_type") == "clotheswasher"
    result = await _submit(
        hass, result, {"name": "세탁기", "appliance_type": "clotheswasher", "location": "auto"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_NAMES] == {
        "sensor.plug_power": "예전 이름",
        "sensor.washer_remaining": "세탁기",
    }

    result = await _entity_settings(hass, entry, "switch.plug")
    result = await _submit(
        hass, result, {"name": "", "appliance_type": "smartplug", "location": "auto"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_NAMES] == {"sensor.washer_remaining": "세탁기"}
    assert entry.options[CONF_APPLIANCE_TYPES] == {
        "sensor.washer_remaining": "clotheswasher",
        "switch.plug": "smartplug",
    }


async def test_a_device_of_sensors_typed_in_the_options(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A washer of sensors, nothing Clova has a type for, until the user chooses one."""
    exposed = _washer_and_plug(hass)[:2]
    clova = await setup_clova(exposed=exposed)
    assert (await clova.request("DiscoverAppliances"))["payload"]["discoveredAppliances"] == []
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    result = await _entity_settings(hass, entry, "sensor.washer_job_state")
    await _submit(
        hass, result, {"name": "세탁기", "appliance_type": "clotheswasher", "location": "auto"}
    )
    await hass.async_block_till_done()

    answer = await clova.request("DiscoverAppliances")
    (appliance,) = answer["payload"]["discoveredAppliances"]
    assert appliance["applianceTypes"] == ["CLOTHESWASHER"]
    assert appliance["friendlyName"] == "세탁기"
    assert appliance["actions"] == ["GetDeviceState", "GetPhase", "GetRemainingTime", "HealthCheck"]


# --- security


def _security_input(
    pem: str | None = None,
    client_ids: list[str] | None = None,
    long_lived: bool | None = None,
    verify: bool | None = None,
) -> dict[str, Any]:
    advanced: dict[str, Any] = {}
    if client_ids is not None:
        advanced[CONF_EXTRA_CLIENT_IDS] = client_ids
    if long_lived is not None:
        advanced[CONF_ALLOW_LONG_LIVED_TOKENS] = long_lived
    if verify is not None:
        advanced[CONF_VERIFY_SIGNATURE] = verify
    data: dict[str, Any] = {SECTION_ADVANCED: advanced}
    if pem is not None:
        data[CONF_EXTRA_PUBLIC_KEY] = pem
    return data


SECURITY_DEFAULTS = {
    CONF_EXTRA_PUBLIC_KEY: "",
    CONF_EXTRA_CLIENT_IDS: [],
    CONF_ALLOW_LONG_LIVED_TOKENS: False,
    CONF_VERIFY_SIGNATURE: True,
}


async def test_security_form_prefilled(hass: HomeAssistant, signing_key: rsa.RSAPrivateKey) -> None:
    security = {
        CONF_EXTRA_PUBLIC_KEY: public_pem(signing_key),
        CONF_EXTRA_CLIENT_IDS: ["https://example.com/"],
        CONF_ALLOW_LONG_LIVED_TOKENS: True,
        CONF_VERIFY_SIGNATURE: False,
    }
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_SECURITY: security})
    result = await _open(hass, entry.entry_id, "security")
    assert result["step_id"] == "security"
    assert result["errors"] == {}
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXTRA_PUBLIC_KEY) == public_pem(signing_key)
    advanced = _section_schema(schema, SECTION_ADVANCED)
    for key in (CONF_EXTRA_CLIENT_IDS, CONF_ALLOW_LONG_LIVED_TOKENS, CONF_VERIFY_SIGNATURE):
        assert _suggested(advanced, key) == security[key]


async def test_security_form_of_a_new_entry(hass: HomeAssistant) -> None:
    """An entry without security options (and no leftovers of a removed one)."""
    old_entry = _add_entry(hass, {CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: "old"}})
    result = await _open(hass, old_entry.entry_id, "security")
    hass.config_entries.options.async_abort(result["flow_id"])
    assert await hass.config_entries.async_remove(old_entry.entry_id)

    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "security")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXTRA_PUBLIC_KEY) == ""
    advanced = _section_schema(schema, SECTION_ADVANCED)
    assert _suggested(advanced, CONF_VERIFY_SIGNATURE) is True
    assert _suggested(advanced, CONF_ALLOW_LONG_LIVED_TOKENS) is False


async def test_security_save(hass: HomeAssistant, signing_key: rsa.RSAPrivateKey) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_EXPOSED_ENTITIES: ["light.kitchen"]})
    pem = public_pem(signing_key)
    result = await _open(hass, entry.entry_id, "security")
    result = await _submit(
        hass,
        result,
        _security_input(f"\n  {pem}  \n\n", [" https://example.com/app ", "", "  "], True, False),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        **NEW_OPTIONS,
        CONF_EXPOSED_ENTITIES: ["light.kitchen"],
        CONF_SECURITY: {
            CONF_EXTRA_PUBLIC_KEY: pem.strip(),
            CONF_EXTRA_CLIENT_IDS: ["https://example.com/app"],
            CONF_ALLOW_LONG_LIVED_TOKENS: True,
            CONF_VERIFY_SIGNATURE: False,
        },
    }


@pytest.mark.parametrize("pem", ["", "   \n", None], ids=["empty", "blank", "omitted"])
async def test_security_defaults(hass: HomeAssistant, pem: str | None) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "security")
    result = await _submit(hass, result, _security_input(pem))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_SECURITY] == SECURITY_DEFAULTS


def _ec_pem() -> str:
    return (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@pytest.mark.parametrize(
    ("bad_input", "errors"),
    [
        pytest.param(
            _security_input("-----BEGIN PUBLIC KEY-----\nnope\n"),
            {CONF_EXTRA_PUBLIC_KEY: "invalid_public_key"},
            id="not-a-key",
        ),
        pytest.param(
            _security_input(_ec_pem()), {CONF_EXTRA_PUBLIC_KEY: "invalid_public_key"}, id="not-rsa"
        ),
        pytest.param(
            _security_input(client_ids=["prod-ni-cic.clova.ai"]),
            {"base": "invalid_client_id"},
            id="client-id-without-scheme",
        ),
        pytest.param(
            _security_input(client_ids=["ftp://example.com/"]),
            {"base": "invalid_client_id"},
            id="client-id-not-web",
        ),
        pytest.param(
            _security_input(client_ids=["https://"]),
            {"base": "invalid_client_id"},
            id="client-id-without-host",
        ),
    ],
)
async def test_security_refuses_then_recovers(
    hass: HomeAssistant,
    signing_key: rsa.RSAPrivateKey,
    bad_input: dict[str, Any],
    errors: dict[str, str],
) -> None:
    old_options = entry_options(signing_key, ["light.kitchen"])
    entry = _add_entry(hass, old_options)
    result = await _open(hass, entry.entry_id, "security")
    result = await _submit(hass, result, bad_input)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "security"
    assert result["errors"] == errors
    for error in errors.values():
        assert STRINGS["options"]["error"][error]
    # The form keeps what the user typed, and nothing is stored yet.
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_EXTRA_PUBLIC_KEY) == bad_input.get(CONF_EXTRA_PUBLIC_KEY, "")
    assert entry.options == old_options

    new_pem = public_pem(new_private_key())
    result = await _submit(hass, result, _security_input(new_pem))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_SECURITY] == {
        **SECURITY_DEFAULTS,
        CONF_EXTRA_PUBLIC_KEY: new_pem.strip(),
    }


async def test_security_change_takes_effect(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: rsa.RSAPrivateKey
) -> None:
    hass.states.async_set("light.kitchen", "off")
    clova = await setup_clova(exposed=["light.kitchen"])
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    body = json.dumps(
        {
            "header": {
                "messageId": "1",
                "name": "DiscoverAppliancesRequest",
                "namespace": "ClovaHome",
                "payloadVersion": "1.0",
            },
            "payload": {"accessToken": clova.token},
        }
    ).encode()
    status, _ = await clova.post_raw(body, signed=False)
    assert status == 401

    result = await _open(hass, entry.entry_id, "security")
    await _submit(hass, result, _security_input(public_pem(signing_key), verify=False))
    await hass.async_block_till_done()

    status, answer = await clova.post_raw(body, signed=False)
    assert status == 200
    assert answer["header"]["name"] == "DiscoverAppliancesResponse"


# --- CLOVA Push

PUSH_ID = "io.github.tester.homeassistant"
PUSH_KEY = "pUsH-kEy-0123456789abcdefSECRET"
PUSH_SETTINGS = {CONF_PUSH_EXTENSION_ID: PUSH_ID, CONF_PUSH_API_KEY: PUSH_KEY}


def _push_issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, ISSUE_PUSH_KEY_REFUSED)


def _raise_push_issue(hass: HomeAssistant) -> None:
    async_push_key_refused(hass, 4202, PUSH_ID)
    assert _push_issue(hass) is not None


async def test_push_form_of_a_new_entry(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "push")
    assert result["step_id"] == "push"
    assert result["errors"] == {}
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_PUSH_EXTENSION_ID) == ""
    assert _suggested(schema, CONF_PUSH_API_KEY) is None
    # The key is typed into a password field.
    for marker, selector in schema.schema.items():
        if marker == CONF_PUSH_API_KEY:
            assert selector.config["type"] == "password"


async def test_push_form_never_shows_the_saved_key(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_PUSH: PUSH_SETTINGS})
    result = await _open(hass, entry.entry_id, "push")
    schema = result["data_schema"]
    assert schema is not None
    assert _suggested(schema, CONF_PUSH_EXTENSION_ID) == PUSH_ID
    assert _suggested(schema, CONF_PUSH_API_KEY) is None
    assert PUSH_KEY not in repr(result)


async def test_push_save(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_EXPOSED_ENTITIES: ["binary_sensor.gas"]})
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(
        hass, result, {CONF_PUSH_EXTENSION_ID: f"  {PUSH_ID} ", CONF_PUSH_API_KEY: f" {PUSH_KEY}\n"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        **NEW_OPTIONS,
        CONF_EXPOSED_ENTITIES: ["binary_sensor.gas"],
        CONF_PUSH: PUSH_SETTINGS,
    }


async def test_push_empty_key_keeps_the_saved_one(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_PUSH: PUSH_SETTINGS})
    _raise_push_issue(hass)
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(hass, result, {CONF_PUSH_EXTENSION_ID: PUSH_ID})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_PUSH] == PUSH_SETTINGS
    # Nothing changed: CLOVA's refusal still holds.
    assert _push_issue(hass) is not None


@pytest.mark.parametrize(
    "user_input",
    [
        pytest.param({CONF_PUSH_EXTENSION_ID: PUSH_ID, CONF_PUSH_API_KEY: "new-key"}, id="key"),
        pytest.param({CONF_PUSH_EXTENSION_ID: "com.example.other"}, id="extension-id"),
    ],
)
async def test_push_change_withdraws_the_refusal(
    hass: HomeAssistant, user_input: dict[str, str]
) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_PUSH: PUSH_SETTINGS})
    _raise_push_issue(hass)
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(hass, result, user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_PUSH] == {**PUSH_SETTINGS, **user_input}
    assert _push_issue(hass) is None


@pytest.mark.parametrize(
    "user_input",
    [{}, {CONF_PUSH_EXTENSION_ID: "  "}, {CONF_PUSH_EXTENSION_ID: "", CONF_PUSH_API_KEY: ""}],
)
async def test_push_off_forgets_the_key(hass: HomeAssistant, user_input: dict[str, str]) -> None:
    entry = _add_entry(hass, {**NEW_OPTIONS, CONF_PUSH: PUSH_SETTINGS})
    _raise_push_issue(hass)
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(hass, result, user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == NEW_OPTIONS
    assert _push_issue(hass) is None


async def test_push_off_when_it_was_never_on(hass: HomeAssistant) -> None:
    entry = _add_entry(hass, NEW_OPTIONS)
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(hass, result, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == NEW_OPTIONS


@pytest.mark.parametrize(
    ("stored", "user_input", "errors"),
    [
        pytest.param(
            {},
            {CONF_PUSH_EXTENSION_ID: "my extension", CONF_PUSH_API_KEY: PUSH_KEY},
            {CONF_PUSH_EXTENSION_ID: "invalid_extension_id"},
            id="extension-id-with-a-space",
        ),
        pytest.param(
            {},
            {CONF_PUSH_EXTENSION_ID: PUSH_ID, CONF_PUSH_API_KEY: "키-1234"},
            {CONF_PUSH_API_KEY: "invalid_push_api_key"},
            id="key-not-ascii",
        ),
        pytest.param(
            {},
            {CONF_PUSH_EXTENSION_ID: "a b", CONF_PUSH_API_KEY: "c d"},
            {
                CONF_PUSH_EXTENSION_ID: "invalid_extension_id",
                CONF_PUSH_API_KEY: "invalid_push_api_key",
            },
            id="both-invalid",
        ),
        pytest.param(
            {}, {CONF_PUSH_EXTENSION_ID: PUSH_ID}, {"base": "push_incomplete"}, id="no-key-yet"
        ),
        pytest.param(
            PUSH_SETTINGS,
            {CONF_PUSH_EXTENSION_ID: "", CONF_PUSH_API_KEY: "new-key"},
            {"base": "push_incomplete"},
            id="key-without-extension-id",
        ),
    ],
)
async def test_push_refuses_then_recovers(
    hass: HomeAssistant,
    stored: dict[str, str],
    user_input: dict[str, str],
    errors: dict[str, str],
) -> None:
    old_options = {**NEW_OPTIONS, CONF_PUSH: stored} if stored else NEW_OPTIONS
    entry = _add_entry(hass, old_options)
    result = await _open(hass, entry.entry_id, "push")
    result = await _submit(hass, result, user_input)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "push"
    assert result["errors"] == errors
    for error in errors.values():
        assert STRINGS["options"]["error"][error]
    schema = result["data_schema"]
    assert schema is not None
    # The form keeps the typed extension ID, never a key, and nothing is stored yet.
    assert _suggested(schema, CONF_PUSH_EXTENSION_ID) == user_input[CONF_PUSH_EXTENSION_ID]
    assert _suggested(schema, CONF_PUSH_API_KEY) is None
    assert entry.options == old_options

    result = await _submit(hass, result, PUSH_SETTINGS)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_PUSH] == PUSH_SETTINGS


async def test_push_change_takes_effect(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await setup_clova()
    [entry] = hass.config_entries.async_entries(DOMAIN)
    assert entry.runtime_data.push is None
    result = await _open(hass, entry.entry_id, "push")
    await _submit(hass, result, PUSH_SETTINGS)
    await hass.async_block_till_done()
    assert entry.runtime_data.push == PushSettings(PUSH_ID, PUSH_KEY)
