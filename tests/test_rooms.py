"""Rooms and names: Home Assistant areas and aliases as Clova locations, tags and names."""

from __future__ import annotations

from collections import Counter
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    floor_registry as fr,
)
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.const import REGION_JP
from custom_components.clova_home.protocol import locations
from custom_components.clova_home.protocol.locations import (
    JP_LOCATIONS,
    KR_LOCATIONS,
    location_code,
)

from .conftest import SetupClova
from .helpers import ClovaClient
from .toolkit import discovered


def test_region_code_lists() -> None:
    assert len(KR_LOCATIONS) == 45
    assert len(JP_LOCATIONS) == 21
    assert "JAPANESE_STYLE_ROOM" in JP_LOCATIONS - KR_LOCATIONS


def test_every_room_name_means_one_code() -> None:
    keys = Counter(
        key
        for code, names in locations._ROOMS.items()
        for key in {locations._key(name) for name in (code, *names)}
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_korean_code_has_a_korean_name() -> None:
    for code in KR_LOCATIONS:
        names = locations._ROOMS[code]
        assert any("\uac00" <= char <= "\ud7a3" for name in names for char in name), code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("거실", "LIVING_ROOM"),
        ("リビング", "LIVING_ROOM"),
        ("Living room", "LIVING_ROOM"),
        ("living_room", "LIVING_ROOM"),
        ("안방", "MAIN_ROOM"),
        ("주방", "KITCHEN"),
        ("부엌", "KITCHEN"),
        ("현관", "ENTRANCE"),
        ("작은방", "SMALL_ROOM"),
        ("작은 방", "SMALL_ROOM"),
        ("다용도실", "UTILITY_ROOM"),
        ("Sunroom", None),
    ],
)
def test_location_code_of_a_name(name: str, code: str | None) -> None:
    assert location_code([name], KR_LOCATIONS) == code


def test_location_code_respects_the_region() -> None:
    assert location_code(["안방"], JP_LOCATIONS) is None
    assert location_code(["和室"], JP_LOCATIONS) == "JAPANESE_STYLE_ROOM"
    assert location_code(["和室"], KR_LOCATIONS) is None


async def _discover(clova: ClovaClient, entity_id: str, hass: HomeAssistant) -> dict[str, Any]:
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    return await discovered(clova, entry.id)


def _light_in(hass: HomeAssistant, area_id: str | None, aliases: set[str] | None = None) -> str:
    entry = er.async_get(hass).async_get_or_create(
        "light", "test", "lamp", suggested_object_id="lamp"
    )
    er.async_get(hass).async_update_entity(
        entry.entity_id, area_id=area_id, aliases=aliases or set()
    )
    hass.states.async_set(entry.entity_id, "off", {"friendly_name": "Lamp"})
    return entry.entity_id


@pytest.mark.parametrize(
    ("area_name", "location"),
    [("거실", "LIVING_ROOM"), ("リビング", "LIVING_ROOM"), ("Living room", "LIVING_ROOM"),
     ("안방", "MAIN_ROOM"), ("주방", "KITCHEN")],
)  # fmt: skip
async def test_area_becomes_the_location(
    hass: HomeAssistant, setup_clova: SetupClova, area_name: str, location: str
) -> None:
    area = ar.async_get(hass).async_create(area_name)
    entity_id = _light_in(hass, area.id)
    clova = await setup_clova(exposed=[entity_id])

    appliance = await _discover(clova, entity_id, hass)

    assert appliance["location"] == location
    assert appliance["tags"] == []


async def test_area_alias_can_name_the_room(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    area = ar.async_get(hass).async_create("Salon", aliases={"거실"})
    entity_id = _light_in(hass, area.id)
    clova = await setup_clova(exposed=[entity_id])

    assert (await _discover(clova, entity_id, hass))["location"] == "LIVING_ROOM"


async def test_unknown_room_goes_into_tags_with_its_floor(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    floor = fr.async_get(hass).async_create("2층")
    area = ar.async_get(hass).async_create("Sunroom", floor_id=floor.floor_id)
    entity_id = _light_in(hass, area.id)
    clova = await setup_clova(exposed=[entity_id])

    appliance = await _discover(clova, entity_id, hass)

    assert "location" not in appliance
    assert appliance["tags"] == ["Sunroom", "2층"]


async def test_device_area_is_used_when_the_entity_has_none(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    area = ar.async_get(hass).async_create("주방")
    config_entry = MockConfigEntry(domain="test")
    config_entry.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=config_entry.entry_id, identifiers={("test", "kettle")}
    )
    dr.async_get(hass).async_update_device(device.id, area_id=area.id)
    entry = er.async_get(hass).async_get_or_create(
        "switch", "test", "kettle", device_id=device.id, suggested_object_id="kettle"
    )
    hass.states.async_set(entry.entity_id, "off")
    clova = await setup_clova(exposed=[entry.entity_id])

    assert (await _discover(clova, entry.entity_id, hass))["location"] == "KITCHEN"


async def test_no_area_no_location(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    entity_id = _light_in(hass, None)
    clova = await setup_clova(exposed=[entity_id])

    appliance = await _discover(clova, entity_id, hass)

    assert "location" not in appliance
    assert appliance["tags"] == []


async def test_japanese_region_uses_its_own_codes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    area = ar.async_get(hass).async_create("안방")
    entity_id = _light_in(hass, area.id)
    clova = await setup_clova(exposed=[entity_id], region=REGION_JP)

    appliance = await _discover(clova, entity_id, hass)

    assert "location" not in appliance
    assert appliance["tags"] == ["안방"]


async def test_first_alias_is_the_clova_name(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    entity_id = _light_in(hass, None, aliases={"큰 불", "거실 등"})
    clova = await setup_clova(exposed=[entity_id])

    assert (await _discover(clova, entity_id, hass))["friendlyName"] == "거실 등"
