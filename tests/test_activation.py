"""Scenes, scripts and buttons: TurnOn activates, runs or presses; TurnOff stops a script."""

from __future__ import annotations

from typing import Any

from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.setup import async_setup_component
import pytest

from .assertions import (
    assert_request_calls_service,
    async_setup_demo,
    state_of,
    token_user_id,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import appliance_id, discovered

ACTIVATION_ACTIONS = {"TurnOn", "TurnOff", "HealthCheck"}
TIMESTAMP_STATE = "2024-05-01T10:00:00+00:00"


async def advertised(clova: ClovaClient, appliance_id: str) -> set[str]:
    """The power actions (and HealthCheck) that discovery lists for an appliance."""
    appliance = await discovered(clova, appliance_id)
    assert appliance["applianceTypes"] == ["SWITCH"]
    return set(appliance["actions"]) & ACTIVATION_ACTIONS


@pytest.mark.parametrize(
    ("entity_id", "state", "service"),
    [
        ("scene.movie_night", TIMESTAMP_STATE, "turn_on"),
        ("script.good_night", "off", "turn_on"),
        ("button.restart_router", TIMESTAMP_STATE, "press"),
        ("input_button.feed_the_cat", "unknown", "press"),
    ],
)
async def test_turn_on_activates(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str, state: str, service: str
) -> None:
    hass.states.async_set(entity_id, state)
    clova = await setup_clova(exposed=[entity_id])
    domain = entity_id.split(".", maxsplit=1)[0]

    answer = await assert_request_calls_service(
        clova, "TurnOn", entity_id, domain, service, {ATTR_ENTITY_ID: entity_id}
    )

    assert answer["payload"] == {}


async def test_turn_off_stops_a_script(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("script.good_night", "on")
    clova = await setup_clova(exposed=["script.good_night"])

    assert await advertised(clova, "script.good_night") == ACTIVATION_ACTIONS
    answer = await assert_request_calls_service(
        clova,
        "TurnOff",
        "script.good_night",
        "script",
        "turn_off",
        {ATTR_ENTITY_ID: "script.good_night"},
    )
    assert answer["payload"] == {}


# --- real scenes, scripts and buttons ------------------------------------------------------


def record(hass: HomeAssistant, event_type: str) -> list[Event[Any]]:
    """Collect the events of one type."""
    events: list[Event[Any]] = []

    @callback
    def _record(event: Event[Any]) -> None:
        events.append(event)

    hass.bus.async_listen(event_type, _record)
    return events


async def test_demo_button_is_pressed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.BUTTON])
    clova = await setup_clova(exposed=["button.push"])
    target = appliance_id(hass, "button.push")
    presses = record(hass, "demo_button_pressed")
    assert state_of(hass, "button.push").state == "unknown"
    assert await advertised(clova, target) == {"TurnOn", "HealthCheck"}

    answer = await clova.request("TurnOn", target)
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOnConfirmation"
    assert answer["payload"] == {}
    assert len(presses) == 1
    pressed = state_of(hass, "button.push")
    assert pressed.state != "unknown"  # the time of the press
    assert pressed.context.user_id == token_user_id(clova)
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}


async def test_input_button_is_pressed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    assert await async_setup_component(hass, "input_button", {"input_button": {"doorbell": {}}})
    clova = await setup_clova(exposed=["input_button.doorbell"])
    target = appliance_id(hass, "input_button.doorbell")
    assert await advertised(clova, target) == {"TurnOn", "HealthCheck"}
    assert state_of(hass, "input_button.doorbell").state == "unknown"

    answer = await clova.request("TurnOn", target)
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOnConfirmation"
    pressed = state_of(hass, "input_button.doorbell")
    assert pressed.state != "unknown"
    assert pressed.context.user_id == token_user_id(clova)


async def test_scene_is_activated(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"dim_lights": {}, "projector": {}}}
    )
    assert await async_setup_component(
        hass,
        "scene",
        {
            "scene": [
                {
                    "name": "Movie night",
                    "entities": {"input_boolean.dim_lights": "on", "input_boolean.projector": "on"},
                }
            ]
        },
    )
    await hass.async_block_till_done()
    clova = await setup_clova(exposed=["scene.movie_night"])
    target = appliance_id(hass, "scene.movie_night")
    assert state_of(hass, "input_boolean.projector").state == "off"

    answer = await clova.request("TurnOn", target)
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOnConfirmation"
    assert state_of(hass, "input_boolean.dim_lights").state == "on"
    projector = state_of(hass, "input_boolean.projector")
    assert projector.state == "on"
    assert projector.context.user_id == token_user_id(clova)
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}


async def test_script_runs_and_stops(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    assert await async_setup_component(hass, "input_boolean", {"input_boolean": {"started": {}}})
    assert await async_setup_component(
        hass,
        "script",
        {
            "script": {
                "good_night": {
                    "sequence": [
                        {
                            "action": "input_boolean.turn_on",
                            "target": {"entity_id": "input_boolean.started"},
                        },
                        {"delay": {"hours": 1}},
                    ]
                }
            }
        },
    )
    clova = await setup_clova(exposed=["script.good_night"])
    target = appliance_id(hass, "script.good_night")
    assert state_of(hass, "script.good_night").state == "off"
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}

    # The script then waits an hour: no block_till_done until it is stopped.
    answer = await clova.request("TurnOn", target)

    assert answer_name(answer) == "TurnOnConfirmation"
    assert state_of(hass, "script.good_night").state == "on"
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": True}

    answer = await clova.request("TurnOff", target)
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOffConfirmation"
    assert state_of(hass, "script.good_night").state == "off"
    started = state_of(hass, "input_boolean.started")
    assert started.state == "on"
    assert started.context.user_id == token_user_id(clova)
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}
