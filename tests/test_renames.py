"""An entity_id rename keeps the Clova appliance: same id, still exposed, same settings."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
)
from custom_components.clova_home.renames import renamed_options

from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import discover


def test_renamed_options_replaces_every_mention() -> None:
    options = {
        CONF_EXPOSED_ENTITIES: ["lock.front", "light.hall"],
        CONF_UNLOCK_ENTITIES: ["lock.front"],
        CONF_APPLIANCE_TYPES: {"lock.front": "SMARTLOCK"},
        CONF_NAMES: {"lock.front": "현관문", "light.hall": "복도 불"},
        CONF_LOCATIONS: {"lock.front": "ENTRANCE"},
        "other": 1,
    }
    assert renamed_options(options, "lock.front", "lock.entrance") == {
        CONF_EXPOSED_ENTITIES: ["lock.entrance", "light.hall"],
        CONF_UNLOCK_ENTITIES: ["lock.entrance"],
        CONF_APPLIANCE_TYPES: {"lock.entrance": "SMARTLOCK"},
        CONF_NAMES: {"lock.entrance": "현관문", "light.hall": "복도 불"},
        CONF_LOCATIONS: {"lock.entrance": "ENTRANCE"},
        "other": 1,
    }
    assert renamed_options(options, "light.kitchen", "light.cooking") is None


async def test_appliance_survives_an_entity_id_rename(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    registry = er.async_get(hass)
    entry = registry.async_get_or_create("fan", "test", "fan-1", suggested_object_id="bedroom")
    hass.states.async_set("fan.bedroom", "off", {"supported_features": 48})
    clova = await setup_clova(exposed=["fan.bedroom", "light.other"])
    config_entry = hass.config_entries.async_entries(DOMAIN)[0]
    hass.config_entries.async_update_entry(
        config_entry,
        options={**config_entry.options, CONF_APPLIANCE_TYPES: {"fan.bedroom": "AIRPURIFIER"}},
    )
    await hass.async_block_till_done()
    before = await discover(clova)

    registry.async_update_entity("fan.bedroom", new_entity_id="fan.master_bedroom")
    await hass.async_block_till_done()
    hass.states.async_set("fan.master_bedroom", "off", {"supported_features": 48})

    assert config_entry.options[CONF_EXPOSED_ENTITIES] == ["fan.master_bedroom", "light.other"]
    assert config_entry.options[CONF_APPLIANCE_TYPES] == {"fan.master_bedroom": "AIRPURIFIER"}
    after = await discover(clova)
    assert list(after) == list(before)
    assert after[entry.id]["applianceTypes"] == ["AIRPURIFIER"]

    calls = async_mock_service(hass, "fan", "turn_on")
    answer = await clova.request("TurnOn", entry.id)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.data["entity_id"] for call in calls] == ["fan.master_bedroom"]


async def test_renaming_an_unexposed_entity_changes_nothing(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    registry = er.async_get(hass)
    registry.async_get_or_create("light", "test", "l-1", suggested_object_id="desk")
    await setup_clova(exposed=["light.other"])
    config_entry = hass.config_entries.async_entries(DOMAIN)[0]
    options = dict(config_entry.options)

    registry.async_update_entity("light.desk", new_entity_id="light.writing_desk")
    await hass.async_block_till_done()

    assert dict(config_entry.options) == options
