"""TurnOn / TurnOff, and how service calls and their failures are answered."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from homeassistant.auth.models import User
from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.media_player import MediaPlayerEntityFeature, MediaPlayerState
from homeassistant.components.water_heater import WaterHeaterEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceNotSupported, Unauthorized
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
import voluptuous as vol

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    record_service_calls,
    short_service_timeout,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import appliance_id, discovered

FAN_ON_OFF = FanEntityFeature.TURN_ON | FanEntityFeature.TURN_OFF
CLIMATE_ON_OFF = ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF
PLAYER_ON_OFF = MediaPlayerEntityFeature.TURN_ON | MediaPlayerEntityFeature.TURN_OFF

# (entity_id, state, attributes) of one entity per domain that can be powered.
POWERED_ENTITIES: list[tuple[str, str, dict[str, Any]]] = [
    ("light.desk", "off", {"friendly_name": "Desk"}),
    ("switch.kettle", "off", {}),
    ("switch.socket", "on", {"device_class": "outlet"}),
    ("input_boolean.guest_mode", "off", {}),
    ("fan.ceiling", "off", {"supported_features": FAN_ON_OFF}),
    (
        "climate.bedroom",
        "off",
        {"supported_features": CLIMATE_ON_OFF, "hvac_modes": ["off", "heat", "cool"]},
    ),
    ("media_player.tv", "off", {"supported_features": PLAYER_ON_OFF, "device_class": "tv"}),
    ("media_player.receiver", "playing", {"supported_features": PLAYER_ON_OFF}),
    ("humidifier.bedroom", "off", {"device_class": "humidifier"}),
    ("humidifier.basement", "on", {"device_class": "dehumidifier"}),
    ("water_heater.boiler", "eco", {"supported_features": WaterHeaterEntityFeature.ON_OFF}),
]


@pytest.mark.parametrize(("entity_id", "state", "attributes"), POWERED_ENTITIES)
@pytest.mark.parametrize(("action", "service"), [("TurnOn", "turn_on"), ("TurnOff", "turn_off")])
async def test_turn_on_off_calls_the_domain_service(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    entity_id: str,
    state: str,
    attributes: dict[str, Any],
    action: str,
    service: str,
) -> None:
    hass.states.async_set(entity_id, state, attributes)
    clova = await setup_clova(exposed=[entity_id])

    answer = await assert_request_calls_service(
        clova,
        action,
        entity_id,
        entity_id.split(".", maxsplit=1)[0],
        service,
        {ATTR_ENTITY_ID: entity_id},
    )

    assert answer["payload"] == {}
    assert {"TurnOn", "TurnOff"} <= set((await discovered(clova))["actions"])


async def test_service_runs_as_the_clova_user(
    hass: HomeAssistant, setup_clova: SetupClova, clova_user: User
) -> None:
    hass.states.async_set("light.desk", "off")
    calls = async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=["light.desk"])

    answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "TurnOnConfirmation"
    assert len(calls) == 1
    assert calls[0].context.user_id == clova_user.id
    assert not clova_user.system_generated


@pytest.mark.parametrize(
    ("entity_id", "attributes", "flag_action", "missing_action"),
    [
        ("fan.off_only", {"supported_features": FanEntityFeature.TURN_OFF}, "TurnOff", "TurnOn"),
        ("fan.on_only", {"supported_features": FanEntityFeature.TURN_ON}, "TurnOn", "TurnOff"),
        (
            "climate.off_only",
            {"supported_features": ClimateEntityFeature.TURN_OFF, "hvac_modes": ["cool", "off"]},
            "TurnOff",
            "TurnOn",
        ),
        (
            "climate.on_only",
            {"supported_features": ClimateEntityFeature.TURN_ON, "hvac_modes": ["cool", "off"]},
            "TurnOn",
            "TurnOff",
        ),
        (
            "media_player.off_only",
            {"supported_features": MediaPlayerEntityFeature.TURN_OFF},
            "TurnOff",
            "TurnOn",
        ),
        (
            "media_player.on_only",
            {"supported_features": MediaPlayerEntityFeature.TURN_ON},
            "TurnOn",
            "TurnOff",
        ),
    ],
)
async def test_each_power_action_follows_its_own_flag(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    entity_id: str,
    attributes: dict[str, Any],
    flag_action: str,
    missing_action: str,
) -> None:
    hass.states.async_set(entity_id, "on", attributes)
    clova = await setup_clova(exposed=[entity_id])
    domain = entity_id.split(".", maxsplit=1)[0]

    appliance = await discovered(clova)
    assert flag_action in appliance["actions"]
    assert missing_action not in appliance["actions"]
    service = "turn_on" if flag_action == "TurnOn" else "turn_off"
    await assert_request_calls_service(
        clova, flag_action, entity_id, domain, service, {ATTR_ENTITY_ID: entity_id}
    )
    await assert_request_fails(clova, missing_action, entity_id, "UnsupportedOperationError")


async def test_unexposed_entity_is_no_such_target(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.desk", "off")
    hass.states.async_set("light.secret", "off")
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=["light.desk"])

    await assert_request_fails(clova, "TurnOn", "light.secret", "NoSuchTargetError")
    await assert_request_fails(clova, "TurnOn", "light.nowhere", "NoSuchTargetError")


# --- how a failing service is answered --------------------------------------------


@pytest.mark.parametrize(
    ("error", "clova_error"),
    [
        (HomeAssistantError("device did not answer"), "DeviceFailureError"),
        (ServiceNotSupported("light", "turn_on", "light.desk"), "UnsupportedOperationError"),
        (Unauthorized(), "NoSuchTargetError"),
        (vol.Invalid("bad data"), "DriverInternalError"),
        (RuntimeError("bug in the device integration"), "DriverInternalError"),
    ],
)
async def test_service_failure_is_answered_with_a_clova_error(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    error: Exception,
    clova_error: str,
) -> None:
    hass.states.async_set("light.desk", "off")
    calls = async_mock_service(hass, "light", "turn_on", raise_exception=error)
    clova = await setup_clova(exposed=["light.desk"])

    answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == clova_error
    assert answer["payload"] == {}
    assert len(calls) == 1


async def test_service_not_registered_is_unsupported(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A hand-made state with no integration behind it: light.turn_on does not exist."""
    hass.states.async_set("light.desk", "off")
    clova = await setup_clova(exposed=["light.desk"])

    answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "UnsupportedOperationError"


async def test_schema_rejecting_the_data_is_an_internal_error(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.desk", "off")
    calls = async_mock_service(
        hass, "light", "turn_on", schema=vol.Schema({vol.Required("brightness"): int})
    )
    clova = await setup_clova(exposed=["light.desk"])

    answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "DriverInternalError"
    assert calls == []


async def test_hanging_service_is_confirmed_after_the_bounded_wait(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.desk", "off")
    release = asyncio.Event()
    finished: list[ServiceCall] = []

    async def hang(call: ServiceCall) -> None:
        await release.wait()
        finished.append(call)

    hass.services.async_register("light", "turn_on", hang)
    clova = await setup_clova(exposed=["light.desk"])

    with short_service_timeout(0.05):
        answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "TurnOnConfirmation"
    assert answer["payload"] == {}
    assert finished == []  # still running: it is never cancelled
    release.set()
    await hass.async_block_till_done()
    assert len(finished) == 1
    assert finished[0].data == {ATTR_ENTITY_ID: "light.desk"}


@pytest.mark.parametrize(
    ("failure", "logged"),
    [
        (HomeAssistantError("device gave up"), ["failed after it was confirmed", "device gave up"]),
        (None, []),
    ],
    ids=["failure is logged", "success logs nothing"],
)
async def test_late_outcome_after_confirmation(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    failure: HomeAssistantError | None,
    logged: list[str],
) -> None:
    hass.states.async_set("light.desk", "off")
    release = asyncio.Event()

    async def hang_then_end(call: ServiceCall) -> None:
        await release.wait()
        if failure is not None:
            raise failure

    hass.services.async_register("light", "turn_on", hang_then_end)
    clova = await setup_clova(exposed=["light.desk"])

    with short_service_timeout(0.05):
        answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "TurnOnConfirmation"
    with caplog.at_level(logging.WARNING):
        release.set()
        await hass.async_block_till_done()
    for text in logged:
        assert text in caplog.text
    if not logged:
        assert "after it was confirmed" not in caplog.text


async def test_late_call_cancelled_logs_nothing(
    hass: HomeAssistant, setup_clova: SetupClova, caplog: pytest.LogCaptureFixture
) -> None:
    """A confirmed call cancelled later (e.g. Home Assistant stopping) is no failure."""
    hass.states.async_set("light.desk", "off")

    async def hang(call: ServiceCall) -> None:
        await asyncio.Event().wait()

    hass.services.async_register("light", "turn_on", hang)
    clova = await setup_clova(exposed=["light.desk"])

    with short_service_timeout(0.05):
        answer = await clova.request("TurnOn", "light.desk")

    assert answer_name(answer) == "TurnOnConfirmation"
    (task,) = [t for t in asyncio.all_tasks() if t.get_name() == "clova_home light.turn_on"]
    with caplog.at_level(logging.WARNING):
        task.cancel()
        await hass.async_block_till_done()
    assert task.cancelled()
    assert "after it was confirmed" not in caplog.text


# --- Home Assistant's demo entities ---------------------------------------------------

POWER_PLATFORMS = [Platform.LIGHT, Platform.SWITCH, Platform.FAN, Platform.CLIMATE]
APPLIANCE_PLATFORMS = [Platform.MEDIA_PLAYER, Platform.HUMIDIFIER, Platform.WATER_HEATER]


@pytest.fixture
async def demo_power(hass: HomeAssistant) -> None:
    """Demo lights, switches, fans and climates."""
    await async_setup_demo(hass, POWER_PLATFORMS)


@pytest.mark.parametrize(
    ("platforms", "entity_id", "on_state", "clova_type"),
    [
        (POWER_PLATFORMS, "light.bed_light", "on", "LIGHT"),
        (POWER_PLATFORMS, "switch.decorative_lights", "on", "SWITCH"),
        (POWER_PLATFORMS, "switch.ac", "on", "SMARTPLUG"),
        (POWER_PLATFORMS, "fan.living_room_fan", "on", "FAN"),
        (POWER_PLATFORMS, "fan.ceiling_fan", "on", "FAN"),
        (POWER_PLATFORMS, "climate.heatpump", HVACMode.HEAT, "HEATER"),
        (APPLIANCE_PLATFORMS, "media_player.living_room", MediaPlayerState.PLAYING, "SETTOPBOX"),
        (APPLIANCE_PLATFORMS, "media_player.lounge_room", MediaPlayerState.PLAYING, "SMARTTV"),
        (APPLIANCE_PLATFORMS, "media_player.walkman", MediaPlayerState.PLAYING, "SETTOPBOX"),
        (APPLIANCE_PLATFORMS, "humidifier.humidifier", "on", "HUMIDIFIER"),
        (APPLIANCE_PLATFORMS, "humidifier.dehumidifier", "on", "DEHUMIDIFIER"),
        (APPLIANCE_PLATFORMS, "water_heater.demo_water_heater", "eco", "WATERBOILER"),
        (APPLIANCE_PLATFORMS, "water_heater.demo_water_heater_celsius", "eco", "WATERBOILER"),
    ],
)
async def test_demo_turn_off_and_on_change_the_state(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    platforms: list[Platform],
    entity_id: str,
    on_state: str,
    clova_type: str,
) -> None:
    """Off, then on again: the state changes, and HealthCheck follows it."""
    await async_setup_demo(hass, platforms)
    clova = await setup_clova(exposed=[entity_id])
    target = appliance_id(hass, entity_id)
    appliance = await discovered(clova, target)
    assert appliance["applianceTypes"] == [clova_type]
    assert {"TurnOn", "TurnOff", "HealthCheck"} <= set(appliance["actions"])
    health = await clova.request("HealthCheck", target)
    working = state_of(hass, entity_id).state == on_state
    assert health["payload"] == {"isReachable": True, "isTurnOn": working}

    for action, state, is_on in (("TurnOff", "off", False), ("TurnOn", on_state, True)):
        answer = await clova.request(action, target)
        await hass.async_block_till_done()
        assert answer_name(answer) == f"{action}Confirmation"
        assert answer["payload"] == {}
        assert state_of(hass, entity_id).state == state
        health = await clova.request("HealthCheck", target)
        assert health["payload"] == {"isReachable": True, "isTurnOn": is_on}


@pytest.mark.usefixtures("demo_power")
async def test_demo_light_turn_on_runs_as_the_clova_user(
    hass: HomeAssistant, setup_clova: SetupClova, clova_user: User
) -> None:
    clova = await setup_clova(exposed=["light.bed_light"])
    assert state_of(hass, "light.bed_light").state == "off"

    with record_service_calls(hass) as events:
        answer = await clova.request("TurnOn", appliance_id(hass, "light.bed_light"))
    await hass.async_block_till_done()

    assert answer_name(answer) == "TurnOnConfirmation"
    state = state_of(hass, "light.bed_light")
    assert state.state == "on"
    assert state.context.user_id == clova_user.id
    assert [(e.data["domain"], e.data["service"]) for e in events] == [("light", "turn_on")]


@pytest.mark.usefixtures("demo_power")
async def test_demo_climate_turn_off_then_on(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """climate.hvac has many modes; turning on picks one of HA's defaults (not off)."""
    clova = await setup_clova(exposed=["climate.hvac"])
    target = appliance_id(hass, "climate.hvac")
    assert state_of(hass, "climate.hvac").state == HVACMode.COOL

    answer = await clova.request("TurnOff", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "TurnOffConfirmation"
    assert state_of(hass, "climate.hvac").state == HVACMode.OFF

    answer = await clova.request("TurnOn", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "TurnOnConfirmation"
    assert state_of(hass, "climate.hvac").state not in (HVACMode.OFF, "unavailable")


async def test_demo_player_without_power_features(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The browse-only demo player can neither turn on nor off."""
    await async_setup_demo(hass, APPLIANCE_PLATFORMS)
    clova = await setup_clova(exposed=["media_player.browse"])

    appliance = await discovered(clova, "media_player.browse")
    assert not {"TurnOn", "TurnOff"} & set(appliance["actions"])
    await assert_request_fails(clova, "TurnOff", "media_player.browse", "UnsupportedOperationError")
    assert state_of(hass, "media_player.browse").state == MediaPlayerState.PLAYING
