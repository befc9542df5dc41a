"""ChangePower: the power button, through the appliance's own TurnOn / TurnOff.

Offered where the type permits it (air conditioners, air purifiers, set-top boxes, TVs)
and the appliance has both a TurnOn and a TurnOff and a power state; the way it goes
is decided from that state, the service is the one TurnOn or TurnOff would call.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.media_player import (
    MediaPlayerEntityFeature as PlayerFeature,
    MediaPlayerState,
)
from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, EVENT_CALL_SERVICE, STATE_UNKNOWN, Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.capabilities import DONE
from custom_components.clova_home.const import EVENT_CLOVA_HOME_REQUEST
from custom_components.clova_home.logbook import describe
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import Entity, appliance_id, discovered

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "clova_examples.json").read_text())

TV = Entity(
    "media_player.tv",
    "on",
    {
        "friendly_name": "TV",
        "device_class": "tv",
        "supported_features": PlayerFeature.TURN_ON | PlayerFeature.TURN_OFF,
    },
)
BOX = Entity(
    "media_player.set_top_box",
    MediaPlayerState.PLAYING,
    {
        "friendly_name": "Set-top box",
        "supported_features": PlayerFeature.TURN_ON | PlayerFeature.TURN_OFF,
    },
)
AIR_CONDITIONER = Entity(
    "climate.living_room",
    HVACMode.COOL,
    {
        "friendly_name": "Living room",
        "hvac_modes": [HVACMode.OFF, HVACMode.COOL],
        "supported_features": ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF,
    },
)
# A fan the user made an air purifier (the options' type choice).
PURIFIER = Entity(
    "fan.purifier",
    "on",
    {
        "friendly_name": "Purifier",
        "supported_features": FanEntityFeature.TURN_ON | FanEntityFeature.TURN_OFF,
    },
    appliance_type="AIRPURIFIER",
)


def test_the_types_that_permit_it() -> None:
    """The catalog's KO21 table: the four types, each also permitting TurnOn and TurnOff."""
    permitting = {name for name, actions in APPLIANCE_TYPES.items() if "ChangePower" in actions}
    assert permitting == {"AIRCONDITIONER", "AIRPURIFIER", "SETTOPBOX", "SMARTTV"}
    for name in permitting:
        assert {"TurnOn", "TurnOff"} <= APPLIANCE_TYPES[name]


@pytest.mark.parametrize("entity", [TV, BOX, AIR_CONDITIONER, PURIFIER], ids=lambda e: e.entity_id)
async def test_advertised_with_turn_on_and_turn_off(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity
) -> None:
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    assert {"ChangePower", "TurnOn", "TurnOff"} <= set(appliance["actions"])


@pytest.mark.parametrize(
    "entity",
    [
        # One of the two is missing.
        TV.with_state("on", supported_features=PlayerFeature.TURN_ON),
        TV.with_state("on", supported_features=PlayerFeature.TURN_OFF),
        TV.with_state("on", supported_features=PlayerFeature.VOLUME_MUTE),
        AIR_CONDITIONER.with_state(HVACMode.COOL, supported_features=0),
        # The type does not permit it: a heater, a fan, a light, a switch.
        Entity(
            "climate.radiator",
            HVACMode.HEAT,
            {
                "hvac_modes": [HVACMode.OFF, HVACMode.HEAT],
                "supported_features": ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF,
            },
        ),
        Entity("fan.ceiling", "on", dict(PURIFIER.attributes)),
        Entity("light.desk", "on"),
        Entity("switch.kettle", "off"),
        # A camera made a TV: it turns on and off, but has no power state to toggle.
        Entity("camera.door", "idle", {"supported_features": 1}, appliance_type="SMARTTV"),
    ],
    ids=[
        "turn on only",
        "turn off only",
        "neither",
        "climate without on/off",
        "heater",
        "fan",
        "light",
        "switch",
        "camera typed a TV",
    ],
)
async def test_not_advertised_otherwise(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity
) -> None:
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    assert "ChangePower" not in appliance["actions"]
    await assert_request_fails(clova, "ChangePower", entity.entity_id, "UnsupportedOperationError")


@pytest.mark.parametrize(
    ("entity", "state", "service"),
    [
        # Working (HealthCheck's isTurnOn): the button turns it off.
        (TV, "on", "turn_off"),
        (TV, MediaPlayerState.PLAYING, "turn_off"),
        (TV, MediaPlayerState.PAUSED, "turn_off"),
        (TV, MediaPlayerState.IDLE, "turn_off"),
        (BOX, MediaPlayerState.BUFFERING, "turn_off"),
        (AIR_CONDITIONER, HVACMode.COOL, "turn_off"),
        (AIR_CONDITIONER, HVACMode.DRY, "turn_off"),
        (PURIFIER, "on", "turn_off"),
        # Idle: it turns it on.
        (TV, MediaPlayerState.OFF, "turn_on"),
        (TV, "standby", "turn_on"),
        (BOX, MediaPlayerState.OFF, "turn_on"),
        (AIR_CONDITIONER, HVACMode.OFF, "turn_on"),
        (PURIFIER, "off", "turn_on"),
    ],
)
async def test_the_button_goes_the_other_way(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, state: str, service: str
) -> None:
    clova = await entity.with_state(state).expose(hass, setup_clova)

    answer = await assert_request_calls_service(
        clova,
        "ChangePower",
        entity.entity_id,
        entity.domain,
        service,
        {ATTR_ENTITY_ID: entity.entity_id},
    )

    # KO21's ChangePowerConfirmation has no fields.
    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("state", "service"),
    [
        (VacuumActivity.DOCKED, "start"),
        (VacuumActivity.RETURNING, "start"),
        (VacuumActivity.CLEANING, "stop"),
    ],
)
async def test_it_calls_what_turn_on_and_turn_off_call(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, service: str
) -> None:
    """A robot vacuum the user made a set-top box: TurnOn starts it, TurnOff stops it."""
    vacuum = Entity(
        "vacuum.robot",
        state,
        {"supported_features": VacuumEntityFeature.START | VacuumEntityFeature.STOP},
        appliance_type="SETTOPBOX",
    )
    clova = await vacuum.expose(hass, setup_clova)
    assert "ChangePower" in (await discovered(clova, vacuum.entity_id))["actions"]

    await assert_request_calls_service(
        clova,
        "ChangePower",
        vacuum.entity_id,
        "vacuum",
        service,
        {ATTR_ENTITY_ID: vacuum.entity_id},
    )


async def test_an_unknown_power_state_is_not_guessed(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await TV.with_state(STATE_UNKNOWN).expose(hass, setup_clova)
    async_mock_service(hass, "media_player", "turn_on")
    async_mock_service(hass, "media_player", "turn_off")

    assert "ChangePower" in (await discovered(clova, TV.entity_id))["actions"]
    await assert_request_fails(clova, "ChangePower", TV.entity_id, "ValueNotFoundError")


async def test_an_unavailable_tv_is_offline(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await TV.with_state("unavailable").expose(hass, setup_clova)

    await assert_request_fails(clova, "ChangePower", TV.entity_id, "TargetOfflineError")


async def test_a_failing_power_service_is_a_device_failure(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    calls = async_mock_service(
        hass, "media_player", "turn_off", raise_exception=HomeAssistantError("no answer")
    )
    clova = await TV.expose(hass, setup_clova)

    answer = await clova.request("ChangePower", TV.entity_id)

    assert answer_name(answer) == "DeviceFailureError"
    assert len(calls) == 1


async def test_demo_players_really_toggle(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The demo's Walkman (a music player that turns on and off), twice through the gate."""
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    player = "media_player.walkman"
    clova = await setup_clova(exposed=[player])
    assert state_of(hass, player).state == MediaPlayerState.PLAYING
    assert "ChangePower" in (await discovered(clova, player))["actions"]

    first = await clova.request("ChangePower", player)
    await hass.async_block_till_done()
    after_first = state_of(hass, player).state
    second = await clova.request("ChangePower", player)
    await hass.async_block_till_done()

    assert answer_name(first) == answer_name(second) == "ChangePowerConfirmation"
    assert after_first == MediaPlayerState.OFF
    assert state_of(hass, player).state == MediaPlayerState.PLAYING


async def test_the_demo_air_conditioner_really_toggles(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, [Platform.CLIMATE])
    aircon = "climate.hvac"
    clova = await setup_clova(exposed=[aircon])
    target = appliance_id(hass, aircon)
    appliance = await discovered(clova, target)
    assert appliance["applianceTypes"] == ["AIRCONDITIONER"]
    assert "ChangePower" in appliance["actions"]
    assert state_of(hass, aircon).state == HVACMode.COOL

    off = await clova.request("ChangePower", target)
    await hass.async_block_till_done()
    after_off = state_of(hass, aircon).state
    on = await clova.request("ChangePower", target)
    await hass.async_block_till_done()

    assert answer_name(off) == answer_name(on) == "ChangePowerConfirmation"
    assert after_off == HVACMode.OFF
    assert state_of(hass, aircon).state not in (HVACMode.OFF, STATE_UNKNOWN)


async def test_the_documented_example(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """KO21 ChangePower.md's request, through the gate: its empty confirmation."""
    [example] = [
        example["json"] for example in CORPUS["examples"] if example["name"] == "ChangePowerRequest"
    ]
    clova = await TV.expose(hass, setup_clova)
    async_mock_service(hass, "media_player", "turn_off")
    message = copy.deepcopy(example)
    message["payload"]["accessToken"] = clova.token
    message["payload"]["appliance"]["applianceId"] = TV.entity_id

    answer = await clova.send(message)

    assert answer_name(answer) == "ChangePowerConfirmation"
    assert answer["payload"] == {}


async def test_the_logbook_says_the_power_was_toggled(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Clova's entry says "toggled"; the service call that follows says which way."""
    clova = await TV.expose(hass, setup_clova)
    async_mock_service(hass, "media_player", "turn_off")
    requests: list[Event] = []
    calls: list[Event] = []

    @callback
    def _requested(event: Event) -> None:
        requests.append(event)

    @callback
    def _called(event: Event) -> None:
        calls.append(event)

    hass.bus.async_listen(EVENT_CLOVA_HOME_REQUEST, _requested)
    hass.bus.async_listen(EVENT_CALL_SERVICE, _called)

    await clova.request("ChangePower", TV.entity_id)
    await hass.async_block_till_done()

    assert DONE["ChangePower"] == "power toggled"
    [event] = requests
    entry = describe(event.data, lambda _: "TV")
    assert entry["message"] == "power toggled via Clova"
    assert [(call.data["domain"], call.data["service"]) for call in calls] == [
        ("media_player", "turn_off")
    ]
