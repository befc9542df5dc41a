"""DiscoverAppliances, DiscoverScenes and HealthCheck."""

from __future__ import annotations

import logging
from typing import Any, cast
from unittest.mock import patch

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.cover import CoverEntityFeature
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.vacuum import VacuumEntityFeature
from homeassistant.components.valve import ValveEntityFeature
from homeassistant.const import Platform, __version__ as ha_version
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.capabilities import Capability
from custom_components.clova_home.capabilities.temperature import TargetTemperature
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES, TURN_ON

from .assertions import assert_request_fails, async_setup_demo
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import discover

CLIMATE_FEATURES = (
    ClimateEntityFeature.TARGET_TEMPERATURE
    | ClimateEntityFeature.TURN_ON
    | ClimateEntityFeature.TURN_OFF
)


@pytest.fixture
def registered_device(hass: HomeAssistant) -> dr.DeviceEntry:
    """A device of another integration, with maker, model and firmware."""
    entry = MockConfigEntry(domain="acme")
    entry.add_to_hass(hass)
    return dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("acme", "lamp-1")},
        manufacturer="Acme",
        model="Lamp 3000",
        sw_version="1.2.3",
        name="Desk lamp",
    )


async def test_discovery_of_a_plain_entity(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on", {"friendly_name": "Kitchen"})
    clova = await setup_clova(exposed=["light.kitchen"])

    appliances = await discover(clova)

    appliance = appliances["light.kitchen"]
    description = appliance.pop("friendlyDescription")
    assert appliance == {
        "applianceId": "light.kitchen",  # no registry entry: the entity id
        "manufacturerName": "Home Assistant",
        "modelName": "light",
        "version": ha_version,
        "friendlyName": "Kitchen",
        "isIr": False,
        "isReachable": True,
        "actions": ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"],
        "applianceTypes": ["LIGHT"],
        "additionalApplianceDetails": {},
        "tags": [],
    }
    assert description


async def test_only_exposed_entities_are_discovered(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.kitchen", "on")
    hass.states.async_set("light.bedroom", "off")
    hass.states.async_set("switch.heater", "off")
    clova = await setup_clova(exposed=["light.kitchen", "switch.heater"])

    appliances = await discover(clova)

    assert set(appliances) == {"light.kitchen", "switch.heater"}


async def test_nothing_exposed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova()

    assert await discover(clova) == {}


async def test_registered_entity_uses_registry_id_and_device(
    hass: HomeAssistant, setup_clova: SetupClova, registered_device: dr.DeviceEntry
) -> None:
    registry = er.async_get(hass)
    entry = registry.async_get_or_create(
        "light",
        "acme",
        "lamp-1-light",
        suggested_object_id="desk_lamp",
        config_entry=hass.config_entries.async_entries("acme")[0],
        device_id=registered_device.id,
        original_name="Desk lamp",
    )
    assert entry.entity_id == "light.desk_lamp"
    hass.states.async_set("light.desk_lamp", "off", {"friendly_name": "Desk lamp"})
    clova = await setup_clova(exposed=["light.desk_lamp"])

    appliances = await discover(clova)

    assert set(appliances) == {entry.id}
    appliance = appliances[entry.id]
    assert appliance["manufacturerName"] == "Acme"
    assert appliance["modelName"] == "Lamp 3000"
    assert appliance["version"] == "1.2.3"
    assert appliance["friendlyName"] == "Desk lamp"
    assert appliance["isReachable"] is True
    # The registry id reaches the entity; the entity id of a registered entity does not.
    health = await clova.request("HealthCheck", entry.id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}
    await assert_request_fails(clova, "HealthCheck", "light.desk_lamp", "NoSuchTargetError")
    await assert_request_fails(clova, "TurnOn", "light.desk_lamp", "NoSuchTargetError")


async def test_registered_entity_id_survives_a_rename(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    registry = er.async_get(hass)
    entry = registry.async_get_or_create("switch", "acme", "plug-7", suggested_object_id="old_name")
    registry.async_update_entity("switch.old_name", new_entity_id="switch.new_name")
    hass.states.async_set("switch.new_name", "on")
    clova = await setup_clova(exposed=["switch.new_name"])

    appliances = await discover(clova)

    assert set(appliances) == {entry.id}
    health = await clova.request("HealthCheck", entry.id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": True}


async def test_device_without_details_falls_back(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    config_entry = MockConfigEntry(domain="acme")
    config_entry.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=config_entry.entry_id, identifiers={("acme", "bare")}
    )
    entry = er.async_get(hass).async_get_or_create(
        "switch",
        "acme",
        "bare-switch",
        suggested_object_id="bare",
        config_entry=config_entry,
        device_id=device.id,
    )
    hass.states.async_set("switch.bare", "on")
    clova = await setup_clova(exposed=["switch.bare"])

    appliance = (await discover(clova))[entry.id]

    assert appliance["manufacturerName"] == "Home Assistant"
    assert appliance["modelName"] == "switch"
    assert appliance["version"] == ha_version


async def test_unavailable_registered_climate_keeps_registry_actions(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    entry = er.async_get(hass).async_get_or_create(
        "climate",
        "acme",
        "ac-1",
        suggested_object_id="office_ac",
        supported_features=CLIMATE_FEATURES,
        capabilities={
            "hvac_modes": [HVACMode.OFF, HVACMode.COOL],
            "min_temp": 18,
            "max_temp": 30,
        },
        original_name="Office AC",
    )
    hass.states.async_set("climate.office_ac", "unavailable", {"friendly_name": "Office AC"})
    clova = await setup_clova(exposed=["climate.office_ac"])

    appliance = (await discover(clova))[entry.id]

    assert appliance["isReachable"] is False
    assert appliance["friendlyName"] == "Office AC"
    assert appliance["applianceTypes"] == ["AIRCONDITIONER"]
    # The registry's hvac_modes give SetMode its one code ("cool"; "off" has none, and
    # one code is nothing to cycle: no ChangeMode).
    assert appliance["actions"] == [
        "ChangePower",
        "DecrementTargetTemperature",
        "GetCurrentTemperature",
        "GetDeviceState",
        "GetTargetTemperature",
        "HealthCheck",
        "IncrementTargetTemperature",
        "SetMode",
        "SetTargetTemperature",
        "TurnOff",
        "TurnOn",
    ]
    assert appliance["additionalApplianceDetails"] == {
        "actionDetails": [
            {
                "action": "SetMode",
                "allowableValue": {"type": "string", "enumValues": ["cool"]},
            },
            {
                "action": "SetTargetTemperature",
                "allowableValue": {"type": "boundedNumber", "minValue": 18.0, "maxValue": 30.0},
            },
        ]
    }
    health = await clova.request("HealthCheck", entry.id)
    assert health["payload"] == {"isReachable": False, "isTurnOn": False}
    await assert_request_fails(clova, "TurnOn", entry.id, "TargetOfflineError")


async def test_registered_entity_without_state_is_listed_offline(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """An entity whose integration did not load: only the registry knows it."""
    entry = er.async_get(hass).async_get_or_create(
        "switch",
        "acme",
        "plug-2",
        suggested_object_id="garden_plug",
        original_device_class="outlet",
        original_name="Garden plug",
    )
    renamed = er.async_get(hass).async_get_or_create(
        "light", "acme", "lamp-9", suggested_object_id="porch", original_name="Porch"
    )
    er.async_get(hass).async_update_entity(renamed.entity_id, name="Front porch")
    nameless = er.async_get(hass).async_get_or_create(
        "light", "acme", "lamp-10", suggested_object_id="attic"
    )
    clova = await setup_clova(exposed=["switch.garden_plug", "light.porch", "light.attic"])

    appliances = await discover(clova)

    plug = appliances[entry.id]
    assert plug["isReachable"] is False
    assert plug["friendlyName"] == "Garden plug"
    assert plug["applianceTypes"] == ["SMARTPLUG"]
    assert plug["actions"] == ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"]
    assert appliances[renamed.id]["friendlyName"] == "Front porch"
    assert appliances[nameless.id]["friendlyName"] == "light.attic"
    health = await clova.request("HealthCheck", entry.id)
    assert health["payload"] == {"isReachable": False, "isTurnOn": False}


async def test_exposed_entity_that_never_existed(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["light.ghost"])

    appliance = (await discover(clova))["light.ghost"]

    assert appliance["isReachable"] is False
    assert appliance["friendlyName"] == "light.ghost"
    assert appliance["applianceTypes"] == ["LIGHT"]


@pytest.mark.parametrize(
    ("entity_id", "attributes", "appliance_type"),
    [
        ("switch.lamp", {}, "SWITCH"),
        ("switch.generic", {"device_class": "switch"}, "SWITCH"),
        ("switch.socket", {"device_class": "outlet"}, "SMARTPLUG"),
        ("input_boolean.guest_mode", {}, "SWITCH"),
        ("light.desk", {}, "LIGHT"),
        ("fan.ceiling", {"supported_features": FanEntityFeature.TURN_ON}, "FAN"),
        ("lock.door", {}, "SMARTLOCK"),
        ("cover.curtain", {"supported_features": CoverEntityFeature.OPEN}, "SMARTCURTAIN"),
        ("valve.water", {"supported_features": ValveEntityFeature.CLOSE}, "SMARTVALVE"),
        ("vacuum.robot", {"supported_features": VacuumEntityFeature.START}, "ROBOTVACUUM"),
        # What is used rather than turned on is a switch that only turns on.
        ("scene.movie_night", {}, "SWITCH"),
        ("script.good_night", {}, "SWITCH"),
        ("button.restart_router", {}, "SWITCH"),
        ("input_button.feed_the_cat", {}, "SWITCH"),
    ],
)
async def test_appliance_types(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    entity_id: str,
    attributes: dict[str, Any],
    appliance_type: str,
) -> None:
    hass.states.async_set(entity_id, "off", attributes)
    clova = await setup_clova(exposed=[entity_id])

    appliance = (await discover(clova))[entity_id]

    assert appliance["applianceTypes"] == [appliance_type]
    assert set(appliance["actions"]) <= APPLIANCE_TYPES[appliance_type]


async def test_set_target_temperature_range_in_action_details(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(
        "climate.office",
        HVACMode.HEAT,
        {
            "hvac_modes": [HVACMode.HEAT],
            "min_temp": 5,
            "max_temp": 28.5,
            "temperature": 20,
            "supported_features": CLIMATE_FEATURES,
        },
    )
    clova = await setup_clova(exposed=["climate.office"])

    appliance = (await discover(clova))["climate.office"]

    assert appliance["applianceTypes"] == ["HEATER"]
    assert appliance["additionalApplianceDetails"] == {
        "actionDetails": [
            {
                "action": "SetTargetTemperature",
                "allowableValue": {"type": "boundedNumber", "minValue": 5.0, "maxValue": 28.5},
            }
        ]
    }


async def test_broken_entity_is_skipped_and_logged(
    hass: HomeAssistant, setup_clova: SetupClova, caplog: pytest.LogCaptureFixture
) -> None:
    attributes = {
        "hvac_modes": [HVACMode.COOL],
        "min_temp": 16,
        "max_temp": 30,
        "temperature": 22,
        "supported_features": CLIMATE_FEATURES,
    }
    hass.states.async_set("climate.broken", HVACMode.COOL, attributes)
    hass.states.async_set("climate.fine", HVACMode.COOL, attributes)
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["climate.broken", "climate.fine", "light.kitchen"])
    original = TargetTemperature.action_details

    def exploding(self: TargetTemperature) -> list[dict[str, Any]]:
        if self.appliance.entity_id == "climate.broken":
            raise RuntimeError("odd attributes")
        return original(self)

    with (
        patch.object(TargetTemperature, "action_details", exploding),
        caplog.at_level(logging.ERROR),
    ):
        appliances = await discover(clova)

    assert set(appliances) == {"climate.fine", "light.kitchen"}
    assert "climate.broken" in caplog.text
    assert "odd attributes" in caplog.text


async def test_supported_features_that_are_not_a_number_count_as_none(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A feature mask that is no bit mask offers nothing that needs a feature."""
    hass.states.async_set(
        "climate.odd",
        HVACMode.COOL,
        {"hvac_modes": [HVACMode.COOL], "supported_features": "all of them", "fan_mode": "low"},
    )
    clova = await setup_clova(exposed=["climate.odd"])

    appliances = await discover(clova)

    # Setting its HVAC mode needs no feature; turning on or setting a temperature does.
    assert appliances["climate.odd"]["actions"] == [
        "GetCurrentTemperature",
        "GetDeviceState",
        "HealthCheck",
        "SetMode",
    ]


@pytest.mark.parametrize("attributes", [{"hvac_modes": 5}])  # not a list of modes
async def test_entity_with_malformed_attributes_is_skipped(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    attributes: dict[str, Any],
) -> None:
    hass.states.async_set("climate.odd", HVACMode.COOL, attributes)
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["climate.odd", "light.kitchen"])

    with caplog.at_level(logging.ERROR):
        appliances = await discover(clova)

    assert set(appliances) == {"light.kitchen"}
    assert "climate.odd" in caplog.text
    # Asked for directly, the same entity is an internal error, never an HTTP failure.
    answer = await clova.request("HealthCheck", "climate.odd")
    assert answer_name(answer) == "DriverInternalError"


async def test_exposed_entity_of_an_unusable_domain_is_skipped(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("sensor.outside", "12")
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["sensor.outside", "light.kitchen"])

    appliances = await discover(clova)

    assert set(appliances) == {"light.kitchen"}
    await assert_request_fails(clova, "HealthCheck", "sensor.outside", "NoSuchTargetError")


async def test_discover_scenes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "on")
    clova = await setup_clova(exposed=["light.kitchen"])

    answer = await clova.request("DiscoverScenes")

    assert answer_name(answer) == "DiscoverScenesResponse"
    assert answer["payload"] == {"discoveredScenes": []}


# --- HealthCheck ---------------------------------------------------------------------------


async def test_health_check_of_an_unexposed_entity(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.kitchen", "on")
    hass.states.async_set("light.secret", "on")
    clova = await setup_clova(exposed=["light.kitchen"])

    answer = await clova.request("HealthCheck", "light.secret")

    assert answer_name(answer) == "NoSuchTargetError"
    assert answer["payload"] == {}
    answer = await clova.request("HealthCheck", "light.nowhere")
    assert answer_name(answer) == "NoSuchTargetError"


async def test_old_health_check_lists_reachable_appliances(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    registered = er.async_get(hass).async_get_or_create(
        "switch", "acme", "plug-1", suggested_object_id="plug"
    )
    hass.states.async_set("switch.plug", "off")
    hass.states.async_set("light.kitchen", "on")
    hass.states.async_set("light.broken", "unavailable")
    hass.states.async_set("light.secret", "on")
    clova = await setup_clova(
        exposed=["switch.plug", "light.kitchen", "light.broken", "light.gone"]
    )

    answer = await clova.request("HealthCheck")

    assert answer_name(answer) == "HealthCheckResponse"
    assert set(answer["payload"]) == {"reachableAppliances"}
    assert sorted(answer["payload"]["reachableAppliances"]) == sorted(
        ["light.kitchen", registered.id]
    )


async def test_type_without_health_check(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A type whose permitted list lacks HealthCheck neither advertises nor answers it."""
    hass.states.async_set("lock.gate", "locked")
    clova = await setup_clova(exposed=["lock.gate"])

    # SMARTVALVE's list (no HealthCheck) in place of SMARTLOCK's.
    with patch.dict(APPLIANCE_TYPES, {"SMARTLOCK": APPLIANCE_TYPES["SMARTVALVE"]}):
        appliance = (await discover(clova))["lock.gate"]
        answer = await clova.request("HealthCheck", "lock.gate")

    assert appliance["actions"] == ["GetDeviceState", "GetLockState", "SetLockState"]
    assert answer_name(answer) == "UnsupportedOperationError"


async def test_capability_contract() -> None:
    """A capability must say how it acts; the rest has defaults."""

    class Bare(Capability):
        actions = frozenset({TURN_ON})

    capability = Bare(cast(Any, None))
    assert capability.supported_actions() == {TURN_ON}
    assert capability.action_details() == []
    assert capability.is_on is None
    with pytest.raises(NotImplementedError):
        await capability.async_handle(TURN_ON, {})


# --- every demo entity --------------------------------------------------------------------

DEMO_PLATFORMS = [Platform.CLIMATE, Platform.FAN, Platform.LIGHT, Platform.LOCK, Platform.SWITCH]


async def test_demo_entities_advertise_only_permitted_actions(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, DEMO_PLATFORMS)
    entity_ids = [
        entity_id
        for entity_id in hass.states.async_entity_ids()
        if entity_id.split(".")[0] in {str(platform) for platform in DEMO_PLATFORMS}
    ]
    assert len(entity_ids) >= 18
    clova = await setup_clova(exposed=entity_ids)
    registry = er.async_get(hass)

    appliances = await discover(clova)

    expected_ids = {
        (entry.id if (entry := registry.async_get(entity_id)) else entity_id)
        for entity_id in entity_ids
    }
    assert set(appliances) == expected_ids
    for appliance in appliances.values():
        (appliance_type,) = appliance["applianceTypes"]
        assert set(appliance["actions"]) <= APPLIANCE_TYPES[appliance_type], appliance
        assert "HealthCheck" in appliance["actions"]
        assert appliance["isReachable"] is True
        for detail in appliance["additionalApplianceDetails"].get("actionDetails", []):
            assert detail["action"] in appliance["actions"]

    by_entity = {
        entity_id: appliances[entry.id if (entry := registry.async_get(entity_id)) else entity_id]
        for entity_id in entity_ids
    }
    assert by_entity["light.bed_light"]["applianceTypes"] == ["LIGHT"]
    assert by_entity["switch.decorative_lights"]["applianceTypes"] == ["SWITCH"]
    assert by_entity["switch.ac"]["applianceTypes"] == ["SMARTPLUG"]
    assert by_entity["fan.living_room_fan"]["applianceTypes"] == ["FAN"]
    assert by_entity["lock.front_door"]["applianceTypes"] == ["SMARTLOCK"]
    assert by_entity["lock.front_door"]["applianceId"] == "lock.front_door"  # no unique id
    assert by_entity["climate.hvac"]["applianceTypes"] == ["AIRCONDITIONER"]
    assert by_entity["climate.heatpump"]["applianceTypes"] == ["HEATER"]
    assert by_entity["light.bed_light"]["friendlyName"] == "Bed Light"

    reachable = await clova.request("HealthCheck")
    assert set(reachable["payload"]["reachableAppliances"]) == expected_ids


async def test_demo_light_health_follows_its_state(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, [Platform.LIGHT])
    entry = er.async_get(hass).async_get("light.bed_light")
    assert entry is not None
    clova = await setup_clova(exposed=["light.bed_light"])

    before = await clova.request("HealthCheck", entry.id)
    await hass.services.async_call(
        "light", "turn_on", {"entity_id": "light.bed_light"}, blocking=True
    )
    after = await clova.request("HealthCheck", entry.id)

    assert before["payload"] == {"isReachable": True, "isTurnOn": False}
    assert after["payload"] == {"isReachable": True, "isTurnOn": True}
