"""Reconfigure: change the region of the entry in place and see its console values again."""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.clova_home.console import console_values
from custom_components.clova_home.const import (
    CONF_EXPOSED_ENTITIES,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_REGION,
    DOMAIN,
    REGION_JP,
    REGION_KR,
    REGIONS,
)
from custom_components.clova_home.issues import (
    ISSUE_BAD_SIGNATURES,
    ISSUE_NO_EXTERNAL_URL,
    ISSUE_UNEXPECTED_CLIENT,
)
from custom_components.clova_home.runtime import ClovaConfigEntry, async_build_runtime

from .conftest import SetupClova

STRINGS: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "custom_components" / DOMAIN / "strings.json").read_text(
        encoding="utf-8"
    )
)
EXTERNAL_URL = "https://example.duckdns.org"
LIGHT = "light.kitchen"


def _entry(hass: HomeAssistant) -> ClovaConfigEntry:
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    return entry


async def _start(
    hass: HomeAssistant, entry: MockConfigEntry | ClovaConfigEntry
) -> ConfigFlowResult:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "reconfigure", "entry_id": entry.entry_id}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    return result


async def _to_console(hass: HomeAssistant, region: str) -> ConfigFlowResult:
    result = await _start(hass, _entry(hass))
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_REGION: region}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure_console"
    return result


async def _reconfigure(hass: HomeAssistant, region: str) -> ConfigFlowResult:
    result = await _to_console(hass, region)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    return result


async def test_region_form_starts_from_the_entry_region(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await setup_clova(region=REGION_JP)
    result = await _start(hass, _entry(hass))
    schema = result["data_schema"]
    assert schema is not None
    assert schema({}) == {CONF_REGION: REGION_JP}
    with pytest.raises(vol.Invalid):
        schema({CONF_REGION: "us"})


async def test_reconfigure_changes_the_region_and_reloads(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Kitchen"})
    clova = await setup_clova(exposed=[LIGHT], options={CONF_NAMES: {LIGHT: "주방 불"}})
    entry = _entry(hass)
    options = dict(entry.options)
    old_runtime = entry.runtime_data
    assert old_runtime.region is REGIONS[REGION_KR]

    with patch(
        "custom_components.clova_home.async_build_runtime", wraps=async_build_runtime
    ) as build:
        result = await _reconfigure(hass, REGION_JP)

    assert result["reason"] == "reconfigure_successful"
    assert STRINGS["config"]["abort"]["reconfigure_successful"]
    # The same entry, with the new region; what Clova sees is untouched.
    assert _entry(hass) is entry
    assert entry.data == {CONF_REGION: REGION_JP}
    assert entry.options == options
    # Reloaded once: a new runtime trusting the Japanese key and client IDs.
    assert build.call_count == 1
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not old_runtime
    assert entry.runtime_data.region is REGIONS[REGION_JP]
    assert entry.runtime_data.allowed_client_ids == frozenset(REGIONS[REGION_JP].client_ids)
    answer = await clova.request("DiscoverAppliances")
    (appliance,) = answer["payload"]["discoveredAppliances"]
    assert appliance["friendlyName"] == "주방 불"


@pytest.mark.parametrize(
    ("region", "client_id"),
    [(REGION_JP, "https://clova-cic.line-apps.com/"), (REGION_KR, "https://prod-ni-cic.clova.ai/")],
)
async def test_console_values_of_the_new_region(
    hass: HomeAssistant, setup_clova: SetupClova, region: str, client_id: str
) -> None:
    await hass.config.async_update(external_url=EXTERNAL_URL)
    other = REGION_KR if region == REGION_JP else REGION_JP
    await setup_clova(region=other)

    result = await _to_console(hass, region)

    assert result["errors"] is None
    placeholders = result["description_placeholders"]
    assert placeholders == console_values(hass, region)[0]
    assert placeholders is not None
    assert placeholders["client_id"] == client_id
    assert placeholders["redirect_uri"] == REGIONS[region].redirect_uri
    assert placeholders["extension_url"] == f"{EXTERNAL_URL}/api/clova_home"
    description = STRINGS["config"]["step"]["reconfigure_console"]["description"]
    assert set(re.findall(r"\{(\w+)\}", description)) == set(placeholders)
    # Nothing changes before the values are confirmed.
    assert _entry(hass).data == {CONF_REGION: other}


async def test_console_step_warns_about_the_url_and_still_saves(
    hass: HomeAssistant, setup_clova: SetupClova, issue_registry: ir.IssueRegistry
) -> None:
    await setup_clova(region=REGION_KR)  # no external URL: a repair issue says so too
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_NO_EXTERNAL_URL) is not None

    result = await _to_console(hass, REGION_JP)
    assert result["errors"] == {"base": "no_external_url"}
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["extension_url"] == "https://<your-home-assistant>/api/clova_home"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["reason"] == "reconfigure_successful"
    assert _entry(hass).data == {CONF_REGION: REGION_JP}
    # Set up again with the new region, the issue stays while the cause does.
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_NO_EXTERNAL_URL) is not None


async def test_same_region_changes_nothing(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await setup_clova(region=REGION_KR)
    entry = _entry(hass)
    runtime = entry.runtime_data

    result = await _reconfigure(hass, REGION_KR)

    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {CONF_REGION: REGION_KR}
    assert entry.runtime_data is runtime  # not reloaded


@pytest.mark.parametrize(
    ("title", "new_title"),
    [
        ("Clova Home (Korea)", "Clova Home (Japan)"),  # the title setup gave it
        ("우리 집 클로바", "우리 집 클로바"),  # a title the user chose
    ],
)
async def test_title_follows_the_region_unless_renamed(
    hass: HomeAssistant, setup_clova: SetupClova, title: str, new_title: str
) -> None:
    await setup_clova(region=REGION_KR)
    entry = _entry(hass)
    hass.config_entries.async_update_entry(entry, title=title)
    await hass.async_block_till_done()

    await _reconfigure(hass, REGION_JP)

    assert entry.title == new_title


@pytest.mark.parametrize(("region", "withdrawn"), [(REGION_JP, True), (REGION_KR, False)])
async def test_issues_of_the_old_region_are_withdrawn(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    issue_registry: ir.IssueRegistry,
    region: str,
    withdrawn: bool,
) -> None:
    """Bad signatures and a foreign client ID were counted against the old region's key."""
    await setup_clova(region=REGION_KR)
    for issue_id in (ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT):
        ir.async_create_issue(
            hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=issue_id,
            translation_placeholders={"client_id": "https://example.com/"},
        )

    await _reconfigure(hass, region)

    for issue_id in (ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT):
        assert (issue_registry.async_get_issue(DOMAIN, issue_id) is None) is withdrawn


async def test_rooms_the_new_region_lacks_are_ignored_but_kept(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Switching back restores them; meanwhile the area decides, as for Automatic."""
    hass.states.async_set(LIGHT, "off")
    clova = await setup_clova(
        region=REGION_KR, exposed=[LIGHT], options={CONF_LOCATIONS: {LIGHT: "MAIN_ROOM"}}
    )

    await _reconfigure(hass, REGION_JP)

    entry = _entry(hass)
    assert entry.options[CONF_LOCATIONS] == {LIGHT: "MAIN_ROOM"}
    assert entry.runtime_data.locations == {}
    answer = await clova.request("DiscoverAppliances")
    (appliance,) = answer["payload"]["discoveredAppliances"]
    assert "location" not in appliance


async def test_entry_that_is_not_loaded_only_stores_the_region(hass: HomeAssistant) -> None:
    """Nothing runs to be reloaded: the new region takes effect when the entry is set up."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Clova Home (Korea)",
        data={CONF_REGION: REGION_KR},
        options={CONF_EXPOSED_ENTITIES: []},
    )
    entry.add_to_hass(hass)

    await _reconfigure(hass, REGION_JP)

    assert entry.data == {CONF_REGION: REGION_JP}
    assert entry.title == "Clova Home (Japan)"
    assert entry.state is ConfigEntryState.NOT_LOADED


def test_reconfigure_steps_are_explained() -> None:
    """Every field has a label and a description, in the steps the flow shows."""
    steps = STRINGS["config"]["step"]
    for step_id in ("user", "reconfigure"):
        assert steps[step_id]["title"]
        assert set(steps[step_id]["data"]) == {CONF_REGION}
        assert set(steps[step_id]["data_description"]) == {CONF_REGION}
    assert steps["reconfigure_console"]["title"]
