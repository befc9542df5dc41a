"""What Clova sees: the entity list or the Assist list, widened and narrowed by areas and labels."""

from __future__ import annotations

from typing import Any

from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    label_registry as lr,
)
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.const import (
    CONF_EXCLUDE_AREAS,
    CONF_EXCLUDE_LABELS,
    CONF_EXPOSURE_SOURCE,
    CONF_INCLUDE_AREAS,
    CONF_INCLUDE_LABELS,
    CONF_LOCATIONS,
    CONF_NAMES,
    DOMAIN,
    SOURCE_ASSIST,
)

from .conftest import SetupClova
from .helpers import ClovaClient
from .toolkit import discover

ASSIST = "conversation"


@pytest.fixture
def device_entry(hass: HomeAssistant) -> MockConfigEntry:
    """A config entry for test devices to belong to."""
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    return entry


def add_light(hass: HomeAssistant, object_id: str, **registry_fields: Any) -> str:
    """A registered light with a state; ``registry_fields`` go to the registry entry."""
    registry = er.async_get(hass)
    entry = registry.async_get_or_create("light", "test", object_id, suggested_object_id=object_id)
    if registry_fields:
        registry.async_update_entity(entry.entity_id, **registry_fields)
    hass.states.async_set(entry.entity_id, "off", {"friendly_name": object_id})
    return entry.entity_id


async def reconfigure(hass: HomeAssistant, **options: Any) -> None:
    """Change the entry's options (it reloads) and wait for it."""
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    hass.config_entries.async_update_entry(entry, options={**entry.options, **options})
    await hass.async_block_till_done()


async def seen(clova: ClovaClient) -> list[str]:
    """The names of the appliances discovery lists."""
    return sorted(item["friendlyName"] for item in (await discover(clova)).values())


async def test_nothing_is_exposed_by_default(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    add_light(hass, "hall")
    assert await seen(await setup_clova()) == []


async def test_explicit_list_may_hold_hidden_and_config_entities(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Only bulk rules skip them: picking an entity by hand is a deliberate choice."""
    hidden = add_light(hass, "hidden", hidden_by=er.RegistryEntryHider.USER)
    config = add_light(hass, "config", entity_category=er.EntityCategory.CONFIG)
    assert await seen(await setup_clova(exposed=[hidden, config])) == ["config", "hidden"]


async def test_assist_list_is_the_source(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    assert await async_setup_component(hass, "homeassistant", {})
    shown = add_light(hass, "shown")
    not_shown = add_light(hass, "not_shown")
    hidden = add_light(hass, "hidden", hidden_by=er.RegistryEntryHider.USER)
    config = add_light(hass, "config", entity_category=er.EntityCategory.CONFIG)
    for entity_id in (shown, hidden, config):
        async_expose_entity(hass, ASSIST, entity_id, True)
    async_expose_entity(hass, ASSIST, not_shown, False)
    hass.states.async_set("lock.unregistered", "locked", {"friendly_name": "unregistered"})
    async_expose_entity(hass, ASSIST, "lock.unregistered", True)
    hass.states.async_set("person.someone", "home")  # not a Clova domain
    async_expose_entity(hass, ASSIST, "person.someone", True)

    clova = await setup_clova(exposed=[not_shown])
    await reconfigure(hass, **{CONF_EXPOSURE_SOURCE: SOURCE_ASSIST})
    assert await seen(clova) == ["shown", "unregistered"]

    # Changing the Assist list changes what Clova sees, without a reload.
    async_expose_entity(hass, ASSIST, not_shown, True)
    async_expose_entity(hass, ASSIST, shown, False)
    assert await seen(clova) == ["not_shown", "unregistered"]


async def test_assist_source_without_the_exposure_list(
    hass: HomeAssistant, setup_clova: SetupClova, caplog: pytest.LogCaptureFixture
) -> None:
    """Before Home Assistant's own integration is loaded there is no Assist list."""
    add_light(hass, "hall")
    clova = await setup_clova()
    await reconfigure(hass, **{CONF_EXPOSURE_SOURCE: SOURCE_ASSIST})
    assert await seen(clova) == []
    assert "Assist exposure list is not available" in caplog.text


async def test_areas_widen_the_list(
    hass: HomeAssistant, setup_clova: SetupClova, device_entry: MockConfigEntry
) -> None:
    living = ar.async_get(hass).async_create("거실")
    add_light(hass, "own_area", area_id=living.id)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=device_entry.entry_id, identifiers={("test", "lamp")}
    )
    dr.async_get(hass).async_update_device(device.id, area_id=living.id)
    add_light(hass, "device_area", device_id=device.id)
    add_light(hass, "hidden", area_id=living.id, hidden_by=er.RegistryEntryHider.USER)
    add_light(hass, "diagnostic", area_id=living.id, entity_category=er.EntityCategory.DIAGNOSTIC)
    add_light(hass, "disabled", area_id=living.id, disabled_by=er.RegistryEntryDisabler.USER)
    add_light(hass, "elsewhere")
    picked = add_light(hass, "picked")

    clova = await setup_clova(exposed=[picked])
    await reconfigure(hass, **{CONF_INCLUDE_AREAS: [living.id]})
    assert await seen(clova) == ["device_area", "own_area", "picked"]

    # An entity moved into the area joins without a reload.
    er.async_get(hass).async_update_entity("light.elsewhere", area_id=living.id)
    assert await seen(clova) == ["device_area", "elsewhere", "own_area", "picked"]


async def test_labels_widen_the_list(
    hass: HomeAssistant, setup_clova: SetupClova, device_entry: MockConfigEntry
) -> None:
    clova_label = lr.async_get(hass).async_create("Clova")
    add_light(hass, "labelled", labels={clova_label.label_id})
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=device_entry.entry_id, identifiers={("test", "lamp")}
    )
    dr.async_get(hass).async_update_device(device.id, labels={clova_label.label_id})
    add_light(hass, "device_labelled", device_id=device.id)
    add_light(hass, "unlabelled")
    clova = await setup_clova()
    await reconfigure(hass, **{CONF_INCLUDE_LABELS: [clova_label.label_id]})
    assert await seen(clova) == ["device_labelled", "labelled"]


async def test_areas_and_labels_narrow_the_list(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    garage = ar.async_get(hass).async_create("Garage")
    private = lr.async_get(hass).async_create("Private")
    in_garage = add_light(hass, "in_garage", area_id=garage.id)
    private_light = add_light(hass, "private", labels={private.label_id})
    kept = add_light(hass, "kept")
    clova = await setup_clova(exposed=[in_garage, private_light, kept])
    await reconfigure(
        hass, **{CONF_EXCLUDE_AREAS: [garage.id], CONF_EXCLUDE_LABELS: [private.label_id]}
    )
    assert await seen(clova) == ["kept"]


async def test_narrowing_wins_over_widening(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    living = ar.async_get(hass).async_create("Living room")
    private = lr.async_get(hass).async_create("Private")
    add_light(hass, "lamp", area_id=living.id)
    add_light(hass, "diary_lamp", area_id=living.id, labels={private.label_id})
    clova = await setup_clova()
    await reconfigure(
        hass, **{CONF_INCLUDE_AREAS: [living.id], CONF_EXCLUDE_LABELS: [private.label_id]}
    )
    assert await seen(clova) == ["lamp"]


async def test_a_new_entity_in_an_included_area_appears(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    living = ar.async_get(hass).async_create("Living room")
    add_light(hass, "lamp", area_id=living.id)
    clova = await setup_clova()
    await reconfigure(hass, **{CONF_INCLUDE_AREAS: [living.id]})
    assert await seen(clova) == ["lamp"]
    add_light(hass, "new_lamp", area_id=living.id)
    assert await seen(clova) == ["lamp", "new_lamp"]
    hass.states.async_remove("light.new_lamp")
    er.async_get(hass).async_remove("light.new_lamp")
    assert await seen(clova) == ["lamp"]


async def test_clova_name_and_room_chosen_per_entity(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The user's name beats the alias; the user's room beats the area."""
    kitchen = ar.async_get(hass).async_create("Kitchen")
    lamp = add_light(hass, "lamp", area_id=kitchen.id, aliases={"Alias"})
    other = add_light(hass, "other", area_id=kitchen.id)
    clova = await setup_clova(exposed=[lamp, other])
    await reconfigure(
        hass,
        **{
            CONF_NAMES: {lamp: "  거실 스탠드 ", other: "   "},
            CONF_LOCATIONS: {lamp: "LIVING_ROOM", other: "JAPANESE_STYLE_ROOM"},
        },
    )
    found = {
        item["friendlyName"]: (item.get("location"), item["tags"])
        for item in (await discover(clova)).values()
    }
    # A blank name is no name; a room the region's Clova does not know is ignored.
    assert found == {"거실 스탠드": ("LIVING_ROOM", []), "other": ("KITCHEN", [])}
