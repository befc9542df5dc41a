"""What every kind of appliance does alike, one test per behaviour over all of them.

An appliance whose main entity is unavailable (or gone) is offline to every action it
advertises; HealthCheck tells whether it is reachable and working; an action it does
not advertise is refused; a service failing in Home Assistant is the device's failure;
a command still running after the bounded wait is confirmed, and the state reported
is the one the device is still in. The capabilities' own tests keep what is theirs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.cover import CoverEntityFeature, CoverState
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.humidifier import HumidifierEntityFeature
from homeassistant.components.lock import LockState
from homeassistant.components.media_player import (
    MediaPlayerEntityFeature as PlayerFeature,
    MediaPlayerState,
)
from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.components.valve import ValveEntityFeature, ValveState
from homeassistant.components.water_heater import WaterHeaterEntityFeature
from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.protocol.schemas import PAYLOAD_SCHEMAS

from .assertions import async_setup_demo, short_service_timeout, state_of
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import (
    VALID_PAYLOADS,
    Entity,
    action_details,
    appliance_id,
    assert_answered_without_calls,
    discovered,
)

TIMESTAMP_STATE = "2024-05-01T10:00:00+00:00"  # a scene's or button's state: its last use

LIGHT = Entity(
    "light.desk",
    "on",
    {
        "friendly_name": "Desk",
        "supported_color_modes": ["color_temp", "hs"],
        "color_mode": "hs",
        "brightness": 180,
        "hs_color": [345.0, 75.0],
        "min_color_temp_kelvin": 2200,
        "max_color_temp_kelvin": 6500,
    },
)
FAN = Entity(
    "fan.bedroom",
    "on",
    {
        "friendly_name": "Bedroom",
        "percentage": 66,
        "percentage_step": 100 / 3,
        "preset_modes": ["none", "auto", "sleep"],
        "preset_mode": "sleep",
        "oscillating": False,
        "supported_features": FanEntityFeature.SET_SPEED
        | FanEntityFeature.OSCILLATE
        | FanEntityFeature.PRESET_MODE
        | FanEntityFeature.TURN_ON
        | FanEntityFeature.TURN_OFF,
    },
)
AIR_CONDITIONER = Entity(
    "climate.living_room",
    HVACMode.COOL,
    {
        "friendly_name": "Living room",
        "hvac_modes": [HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT, HVACMode.DRY],
        "preset_modes": ["none", "eco", "sleep"],
        "preset_mode": "none",
        "fan_modes": ["low", "medium", "high"],
        "fan_mode": "low",
        "swing_modes": ["off", "on"],
        "swing_mode": "off",
        "min_temp": 16,
        "max_temp": 30,
        "temperature": 21.5,
        "current_temperature": 22.3,
        "supported_features": ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.PRESET_MODE
        | ClimateEntityFeature.FAN_MODE
        | ClimateEntityFeature.SWING_MODE
        | ClimateEntityFeature.TURN_ON
        | ClimateEntityFeature.TURN_OFF,
    },
)
TV = Entity(
    "media_player.tv",
    "on",
    {
        "friendly_name": "TV",
        "device_class": "tv",
        "supported_features": PlayerFeature.VOLUME_SET
        | PlayerFeature.VOLUME_MUTE
        | PlayerFeature.NEXT_TRACK
        | PlayerFeature.PREVIOUS_TRACK
        | PlayerFeature.PLAY_MEDIA
        | PlayerFeature.SELECT_SOURCE
        | PlayerFeature.TURN_ON
        | PlayerFeature.TURN_OFF,
        "volume_level": 0.3,
        "is_volume_muted": False,
        "source_list": ["HDMI1", "HDMI2", "TV"],
        "source": "HDMI1",
    },
)
HUMIDIFIER = Entity(
    "humidifier.nursery",
    "on",
    {
        "device_class": "humidifier",
        "available_modes": ["normal", "Light", "sleep"],
        "mode": "Light",
        "supported_features": HumidifierEntityFeature.MODES,
    },
)
WATER_HEATER = Entity(
    "water_heater.boiler",
    "eco",
    {
        "operation_list": ["off", "eco", "Hot water", "reheating"],
        "operation_mode": "eco",
        "temperature": 50,
        "min_temp": 30,
        "max_temp": 70,
        "supported_features": WaterHeaterEntityFeature.ON_OFF
        | WaterHeaterEntityFeature.OPERATION_MODE
        | WaterHeaterEntityFeature.TARGET_TEMPERATURE,
    },
)
MOVES = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
TILTS = CoverEntityFeature.OPEN_TILT | CoverEntityFeature.CLOSE_TILT | CoverEntityFeature.STOP_TILT
CURTAIN = Entity(
    "cover.living_curtain",
    CoverState.CLOSED,
    {"supported_features": MOVES, "device_class": "curtain"},
)
GARAGE_DOOR = Entity(
    "cover.garage",
    CoverState.CLOSED,
    {"supported_features": MOVES, "device_class": "garage"},
    opted_in=True,
)
VALVE = Entity(
    "valve.main_water",
    ValveState.OPEN,
    {"supported_features": ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE},
    opted_in=True,
)
LOCK = Entity("lock.front_door", LockState.LOCKED, {"friendly_name": "Front door"}, opted_in=True)
VACUUM_FEATURES = (
    VacuumEntityFeature.STATE
    | VacuumEntityFeature.START
    | VacuumEntityFeature.STOP
    | VacuumEntityFeature.PAUSE
    | VacuumEntityFeature.RETURN_HOME
)
VACUUM = Entity("vacuum.robot", VacuumActivity.DOCKED, {"supported_features": VACUUM_FEATURES})

# One entity of every kind, with about all it can do: each advertises many actions.
APPLIANCES = [
    pytest.param(LIGHT, id="dimmable colour light"),
    pytest.param(Entity("light.porch", "off"), id="on/off light"),
    pytest.param(Entity("switch.kettle", "off"), id="switch"),
    pytest.param(Entity("switch.socket", "on", {"device_class": "outlet"}), id="smart plug"),
    pytest.param(Entity("input_boolean.guest_mode", "off"), id="input boolean"),
    pytest.param(FAN, id="fan"),
    pytest.param(
        Entity(FAN.entity_id, FAN.state, FAN.attributes, "AIRPURIFIER"), id="fan as air purifier"
    ),
    pytest.param(AIR_CONDITIONER, id="air conditioner"),
    pytest.param(TV, id="TV"),
    pytest.param(HUMIDIFIER, id="humidifier"),
    pytest.param(WATER_HEATER, id="water heater"),
    pytest.param(CURTAIN, id="curtain"),
    pytest.param(GARAGE_DOOR, id="opted-in garage door"),
    pytest.param(
        Entity(CURTAIN.entity_id, CoverState.OPEN, CURTAIN.attributes, "OPENCLOSESENSOR"),
        id="cover as open-close sensor",
    ),
    pytest.param(VALVE, id="valve"),
    pytest.param(LOCK, id="lock"),
    pytest.param(VACUUM, id="robot vacuum"),
    pytest.param(Entity("scene.movie_night", TIMESTAMP_STATE), id="scene"),
    pytest.param(Entity("script.good_night", "off"), id="script"),
    pytest.param(Entity("button.restart_router", TIMESTAMP_STATE), id="button"),
    pytest.param(Entity("input_button.feed_the_cat", "unknown"), id="input button"),
]


def test_valid_payloads_are_valid() -> None:
    """The toolkit's example payloads pass their schemas, and every schema has one."""
    assert set(PAYLOAD_SCHEMAS) <= set(VALID_PAYLOADS)
    for action, payload in VALID_PAYLOADS.items():
        if action in PAYLOAD_SCHEMAS:
            PAYLOAD_SCHEMAS[action](payload)


# --- offline --------------------------------------------------------------------------------


@pytest.mark.parametrize("entity", APPLIANCES)
@pytest.mark.parametrize("gone", [False, True], ids=["unavailable", "removed"])
async def test_an_unavailable_appliance_is_offline(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, *, gone: bool
) -> None:
    """Every action it advertised while online answers TargetOfflineError, none runs."""
    clova = await entity.expose(hass, setup_clova)
    online = await discovered(clova, entity.entity_id)
    assert online["isReachable"] is True
    actions = [action for action in online["actions"] if action != "HealthCheck"]
    assert len(actions) >= 2, actions  # GetDeviceState and one of its own at least

    hass.states.async_set(entity.entity_id, STATE_UNAVAILABLE, dict(entity.attributes))
    if gone:
        hass.states.async_remove(entity.entity_id)

    for action in actions:
        await assert_answered_without_calls(clova, action, entity.entity_id, "TargetOfflineError")
    offline = await discovered(clova, entity.entity_id)
    assert offline["isReachable"] is False
    if "HealthCheck" in online["actions"]:
        health = await clova.request("HealthCheck", entity.entity_id)
        assert health["payload"] == {"isReachable": False, "isTurnOn": False}
    reachable = await clova.request("HealthCheck")
    assert reachable["payload"] == {"reachableAppliances": []}


# --- HealthCheck ------------------------------------------------------------------------------


def health(entity_id: str, state: str, is_on: bool, **attributes: Any) -> Any:
    """A HealthCheck case: the entity in ``state`` is working (``isTurnOn``) or not."""
    return pytest.param(Entity(entity_id, state, attributes), is_on, id=f"{entity_id}-{state}")


HEAT_ONLY = {"hvac_modes": [HVACMode.OFF, HVACMode.HEAT]}

HEALTH_CHECKS = [
    health("light.kitchen", "on", True),
    health("light.kitchen", "off", False),
    health("light.kitchen", "unknown", False),
    health("light.kitchen", STATE_UNAVAILABLE, False),
    health("switch.kettle", "on", True),
    health("switch.kettle", "unknown", False),
    health("switch.socket", "on", True, device_class="outlet"),
    health("input_boolean.guest", "on", True),
    health("input_boolean.guest", "off", False),
    health("fan.ceiling", "on", True),
    health("fan.ceiling", "off", False),
    health("climate.ac", HVACMode.COOL, True),
    health("climate.ac", HVACMode.FAN_ONLY, True),
    health("climate.ac", HVACMode.OFF, False),
    # Not known to be working is not working (as for a light in "unknown").
    health("climate.ac", "unknown", False),
    health("climate.ac", STATE_UNAVAILABLE, False),
    health("climate.bedroom", HVACMode.HEAT, True, **HEAT_ONLY),
    health("climate.bedroom", HVACMode.OFF, False, **HEAT_ONLY),
    health("climate.bedroom", "unknown", False, **HEAT_ONLY),
    # A player that is on in any way works; off and standby are idle.
    health("media_player.tv", MediaPlayerState.PLAYING, True),
    health("media_player.tv", MediaPlayerState.PAUSED, True),
    health("media_player.tv", MediaPlayerState.IDLE, True),
    health("media_player.tv", MediaPlayerState.ON, True),
    health("media_player.tv", MediaPlayerState.BUFFERING, True),
    health("media_player.tv", MediaPlayerState.OFF, False),
    health("media_player.tv", MediaPlayerState.STANDBY, False),
    health("media_player.tv", "unknown", False),
    health("media_player.tv", STATE_UNAVAILABLE, False),
    health("humidifier.bedroom", "on", True),
    health("humidifier.bedroom", "off", False),
    health("humidifier.bedroom", "unknown", False),
    health("humidifier.bedroom", STATE_UNAVAILABLE, False),
    # A water heater's state is its operation mode.
    health("water_heater.boiler", "eco", True),
    health("water_heater.boiler", "performance", True),
    health("water_heater.boiler", "off", False),
    health("water_heater.boiler", "unknown", False),
    health("water_heater.boiler", STATE_UNAVAILABLE, False),
    # Working means moving: an open curtain is as idle as a closed one.
    health("cover.curtain", CoverState.OPENING, True, supported_features=MOVES),
    health("cover.curtain", CoverState.CLOSING, True, supported_features=MOVES),
    health("cover.curtain", CoverState.OPEN, False, supported_features=MOVES),
    health("cover.curtain", CoverState.CLOSED, False, supported_features=MOVES),
    health("cover.curtain", "unknown", False, supported_features=MOVES),
    health("cover.curtain", STATE_UNAVAILABLE, False, supported_features=MOVES),
    # A lock never "works", not even while it moves.
    health("lock.door", LockState.LOCKED, False),
    health("lock.door", LockState.LOCKING, False),
    health("lock.door", LockState.UNLOCKING, False),
    health("lock.door", LockState.OPENING, False),
    health("lock.door", LockState.JAMMED, False),
    # A vacuum works while it cleans; on its way home it no longer does.
    health("vacuum.robot", VacuumActivity.CLEANING, True, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", VacuumActivity.RETURNING, False, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", VacuumActivity.DOCKED, False, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", VacuumActivity.IDLE, False, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", VacuumActivity.PAUSED, False, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", VacuumActivity.ERROR, False, supported_features=VACUUM_FEATURES),
    health("vacuum.robot", "unknown", False, supported_features=VACUUM_FEATURES),
    # A script works while it runs; a scene's or button's state is when it was last used.
    health("script.good_night", "on", True),
    health("script.good_night", "off", False),
    health("script.good_night", "unknown", False),
    health("scene.movie_night", TIMESTAMP_STATE, False),
    health("scene.movie_night", "on", False),
    health("button.restart_router", TIMESTAMP_STATE, False),
    health("input_button.feed_the_cat", TIMESTAMP_STATE, False),
]


@pytest.mark.parametrize(("entity", "is_on"), HEALTH_CHECKS)
async def test_health_check(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, *, is_on: bool
) -> None:
    """Reachable unless unavailable; turned on while working. Discovery says the same."""
    clova = await entity.expose(hass, setup_clova)
    reachable = entity.state != STATE_UNAVAILABLE

    answer = await clova.request("HealthCheck", entity.entity_id)

    assert answer_name(answer) == "HealthCheckResponse"
    assert answer["payload"] == {"isReachable": reachable, "isTurnOn": is_on}
    assert (await discovered(clova, entity.entity_id))["isReachable"] is reachable
    listed = await clova.request("HealthCheck")
    assert listed["payload"] == {"reachableAppliances": [entity.entity_id] if reachable else []}


# --- an action the appliance does not advertise ---------------------------------------------

BRIGHTNESS = ("SetBrightness", "IncrementBrightness", "DecrementBrightness")
COLOR = ("SetColor", "SetColorTemperature")
POWER = ("TurnOn", "TurnOff")
OPEN_CLOSE = ("Open", "Close", "Stop")
FAN_SPEEDS = ("SetFanSpeed", "IncrementFanSpeed", "DecrementFanSpeed", "ChangeFanSpeed")
OSCILLATION = ("StartOscillation", "StopOscillation")
VOLUME = ("IncrementVolume", "DecrementVolume")
CHANNELS = ("IncrementChannel", "DecrementChannel", "SetChannel")
MEDIA = (
    *VOLUME,
    "Mute",
    "Unmute",
    *CHANNELS,
    "ChangeInputSource",
    "SetInputSourceByName",
)
VACUUM_ACTIONS = ("TurnOn", "TurnOff", "Charge")
ON_OFF_LIGHT = {"friendly_name": "Desk"}


def unadvertised(
    entity: Entity, refused: tuple[str, ...], kept: tuple[str, ...] = (), *, id: str
) -> Any:
    """A case: ``entity`` advertises none of ``refused``, but each of ``kept``."""
    return pytest.param(entity, refused, kept, id=id)


def without(actions: tuple[str, ...], *kept: str) -> tuple[str, ...]:
    """``actions`` but ``kept``."""
    return tuple(action for action in actions if action not in kept)


def tv(features: int, **attributes: Any) -> Entity:
    """The TV with only ``features`` (and other attributes)."""
    return TV.with_state("on", supported_features=features, **attributes)


def vacuum(features: int) -> Entity:
    """The robot vacuum with only ``features``."""
    return VACUUM.with_state(VacuumActivity.DOCKED, supported_features=features)


# Entities of powered domains without the on/off features (entity_id, attributes).
WITHOUT_POWER_FEATURES: list[tuple[str, dict[str, Any]]] = [
    ("fan.basic", {"supported_features": FanEntityFeature.SET_SPEED}),
    ("fan.legacy", {}),
    ("climate.radiator", {"supported_features": 0, "hvac_modes": ["heat"]}),
    (
        "climate.panel",
        {
            "supported_features": ClimateEntityFeature.TARGET_TEMPERATURE,
            "hvac_modes": ["heat", "off"],
            "temperature": 20,
        },
    ),
    ("media_player.speaker", {"supported_features": PlayerFeature.PLAY}),
    ("media_player.bare", {}),
    (
        "water_heater.tank",
        {"supported_features": WaterHeaterEntityFeature.TARGET_TEMPERATURE},
    ),
    ("water_heater.legacy", {}),
]
# Lights that only turn on and off: what their colour modes say.
ON_OFF_LIGHTS: list[dict[str, Any]] = [
    {"supported_color_modes": ["onoff"]},
    {"supported_color_modes": []},
    {"supported_color_modes": None},
    {"supported_color_modes": "brightness"},  # not a list: nothing to trust
    {},
]

UNADVERTISED = [
    # Power needs the domain's on/off features; a lock has no power at all.
    *(
        unadvertised(Entity(entity_id, "off", attributes), POWER, ("HealthCheck",), id=entity_id)
        for entity_id, attributes in WITHOUT_POWER_FEATURES
    ),
    unadvertised(LOCK.with_state(LockState.LOCKED), POWER, id="lock has no power"),
    # Brightness and colour: only lights, and only with the colour modes for it.
    *(
        unadvertised(
            Entity("light.desk", "on", {**ON_OFF_LIGHT, **attributes}),
            BRIGHTNESS + COLOR,
            POWER,
            id=f"on/off light {attributes}",
        )
        for attributes in ON_OFF_LIGHTS
    ),
    unadvertised(
        Entity("switch.lamp", "on", LIGHT.attributes),
        BRIGHTNESS + COLOR,
        POWER,
        id="switch with a light's attributes",
    ),
    unadvertised(
        LIGHT.with_state("on", supported_color_modes=["color_temp"], color_mode="color_temp"),
        ("SetColor",),
        ("SetColorTemperature", *BRIGHTNESS),
        id="white light",
    ),
    unadvertised(
        LIGHT.with_state("on", supported_color_modes=["hs"]),
        ("SetColorTemperature",),
        ("SetColor", *BRIGHTNESS),
        id="colour-only light",
    ),
    # Covers: each move needs its own flag; a door opens only when opted in.
    unadvertised(
        CURTAIN.with_state(CoverState.OPEN, supported_features=0),
        OPEN_CLOSE,
        ("HealthCheck",),
        id="cover without features",
    ),
    unadvertised(
        CURTAIN.with_state(
            CoverState.OPEN,
            supported_features=CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | TILTS,
        ),
        ("Stop",),
        ("Open", "Close", "HealthCheck"),
        id="tilt flags do not stand in for the cover's",
    ),
    unadvertised(
        Entity(
            "cover.gate", CoverState.CLOSED, {"supported_features": TILTS, "device_class": "gate"}
        ),
        ("Open",),
        ("Close", "Stop", "HealthCheck"),
        id="tilt-only gate without the opt-in",
    ),
    unadvertised(
        CURTAIN.with_state(
            CoverState.OPEN,
            supported_features=MOVES | CoverEntityFeature.SET_POSITION,
            current_position=40,
        ),
        ("GetOpenState",),  # SMARTCURTAIN does not permit it
        (*OPEN_CLOSE, "HealthCheck"),
        id="curtain",
    ),
    unadvertised(
        Entity(
            CURTAIN.entity_id, CoverState.OPEN, {"supported_features": MOVES}, "OPENCLOSESENSOR"
        ),
        OPEN_CLOSE,
        ("GetOpenState", "HealthCheck"),
        id="cover as open-close sensor only reports",
    ),
    # Valves: SMARTVALVE has no HealthCheck.
    unadvertised(VALVE, ("HealthCheck",), ("SetLockState", "GetLockState"), id="valve"),
    # Fans: speeds and oscillation need their features.
    unadvertised(
        FAN.with_state(
            "on", supported_features=FanEntityFeature.TURN_ON | FanEntityFeature.OSCILLATE
        ),
        FAN_SPEEDS,
        ("StartOscillation",),
        id="fan without speeds",
    ),
    unadvertised(FAN.with_state("on", percentage_step=100), FAN_SPEEDS, id="fan with one speed"),
    unadvertised(
        FAN.with_state("on", supported_features=FanEntityFeature.SET_SPEED),
        OSCILLATION,
        ("SetFanSpeed",),
        id="fan that does not oscillate",
    ),
    # Media players: each action follows its feature; channels need a channel showing
    # on a set-top box.
    unadvertised(
        tv(PlayerFeature.VOLUME_MUTE),
        without(MEDIA, "Mute", "Unmute"),
        ("Mute", "Unmute"),
        id="mute",
    ),
    unadvertised(
        tv(int(TV.attributes["supported_features"]) & ~PlayerFeature.VOLUME_MUTE),
        ("Mute", "Unmute"),
        (*VOLUME, *CHANNELS, "ChangeInputSource"),
        id="all but mute",
    ),
    unadvertised(
        tv(PlayerFeature.NEXT_TRACK),
        without(MEDIA, "IncrementChannel"),
        ("IncrementChannel",),
        id="next track",
    ),
    unadvertised(
        tv(PlayerFeature.PREVIOUS_TRACK),
        without(MEDIA, "DecrementChannel"),
        ("DecrementChannel",),
        id="previous track",
    ),
    unadvertised(
        tv(PlayerFeature.PLAY_MEDIA), without(MEDIA, "SetChannel"), ("SetChannel",), id="play media"
    ),
    unadvertised(tv(PlayerFeature.PAUSE | PlayerFeature.STOP), MEDIA, id="pause and stop"),
    *(
        unadvertised(
            Entity(
                "media_player.set_top_box",
                "playing",
                {
                    "supported_features": PlayerFeature.NEXT_TRACK
                    | PlayerFeature.PREVIOUS_TRACK
                    | PlayerFeature.PLAY_MEDIA,
                    **({} if content is None else {"media_content_type": content}),
                },
            ),
            MEDIA,
            id=f"set-top box playing {content}",
        )
        for content in ["music", "movie", None]
    ),
    # Robot vacuums: each action follows its service's feature.
    unadvertised(
        vacuum(VacuumEntityFeature.START),
        ("TurnOff", "Charge"),
        ("TurnOn", "HealthCheck"),
        id="vacuum that only starts",
    ),
    unadvertised(
        vacuum(VacuumEntityFeature.STOP), ("TurnOn", "Charge"), ("TurnOff",), id="vacuum stop"
    ),
    unadvertised(
        vacuum(VacuumEntityFeature.PAUSE), ("TurnOn", "Charge"), ("TurnOff",), id="vacuum pause"
    ),
    unadvertised(
        vacuum(VacuumEntityFeature.RETURN_HOME),
        ("TurnOn", "TurnOff"),
        ("Charge",),
        id="vacuum that only goes home",
    ),
    # The old on/off flags have no services any more.
    unadvertised(
        vacuum(VacuumEntityFeature.TURN_ON | VacuumEntityFeature.TURN_OFF),
        VACUUM_ACTIONS,
        ("HealthCheck",),
        id="vacuum with the retired flags",
    ),
    unadvertised(vacuum(0), VACUUM_ACTIONS, ("HealthCheck",), id="vacuum without features"),
    # Scenes and buttons have nothing to turn off.
    unadvertised(
        Entity("scene.movie_night", TIMESTAMP_STATE),
        ("TurnOff",),
        ("TurnOn", "HealthCheck"),
        id="scene",
    ),
    unadvertised(
        Entity("button.restart_router", TIMESTAMP_STATE),
        ("TurnOff",),
        ("TurnOn", "HealthCheck"),
        id="button",
    ),
    unadvertised(
        Entity("input_button.feed_the_cat", "unknown"),
        ("TurnOff",),
        ("TurnOn", "HealthCheck"),
        id="input button",
    ),
]


@pytest.mark.parametrize(("entity", "refused", "kept"), UNADVERTISED)
async def test_an_action_not_advertised_is_refused(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    entity: Entity,
    refused: tuple[str, ...],
    kept: tuple[str, ...],
) -> None:
    """Not in discovery, no actionDetails, UnsupportedOperationError; no call is tried."""
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    assert not set(refused) & set(appliance["actions"]), appliance["actions"]
    assert set(kept) <= set(appliance["actions"]), appliance["actions"]
    for action in refused:
        assert action_details(appliance, action) == [], action
        await assert_answered_without_calls(
            clova, action, entity.entity_id, "UnsupportedOperationError"
        )


# --- a service failing in Home Assistant ----------------------------------------------------


def failing(
    entity: Entity,
    action: str,
    payload: dict[str, Any],
    service: str,
    error: HomeAssistantError | None = None,
    *,
    id: str,
) -> Any:
    """A case: ``action`` calls ``<domain>.<service>``, which raises ``error``."""
    error = error or HomeAssistantError("the device did not answer")
    return pytest.param(entity, action, payload, service, error, id=id)


FAILING_SERVICES = [
    failing(LIGHT, "SetBrightness", {"brightness": {"value": 50}}, "turn_on", id="brightness"),
    failing(LIGHT, "SetBrightness", {"brightness": {"value": 0}}, "turn_off", id="dim to off"),
    failing(
        LIGHT, "IncrementBrightness", {"deltaBrightness": {"value": 10}}, "turn_on", id="brighter"
    ),
    failing(LIGHT, "SetColor", {"color": {"hue": 120, "saturation": 50}}, "turn_on", id="colour"),
    failing(
        LIGHT, "SetColorTemperature", {"colorTemperature": {"value": 3000}}, "turn_on", id="white"
    ),
    failing(
        AIR_CONDITIONER,
        "SetTargetTemperature",
        {"targetTemperature": {"value": 22}},
        "set_temperature",
        # Home Assistant's own range check is a device failure for Clova too.
        ServiceValidationError("temperature out of range"),
        id="temperature",
    ),
    failing(AIR_CONDITIONER, "SetMode", {"mode": {"value": "heat"}}, "set_hvac_mode", id="mode"),
    failing(FAN, "SetFanSpeed", {"fanSpeed": {"value": 1}}, "set_percentage", id="fan speed"),
    failing(FAN, "StartOscillation", {}, "oscillate", id="oscillation"),
    failing(TV, "Mute", {}, "volume_mute", id="mute"),
    failing(CURTAIN, "Open", {}, "open_cover", id="cover"),
    failing(
        LOCK.with_state(LockState.UNLOCKED),
        "SetLockState",
        {"lockState": "LOCKED"},
        "lock",
        id="lock",
    ),
    failing(VALVE, "SetLockState", {"lockState": "LOCKED"}, "close_valve", id="valve"),
    failing(VACUUM, "TurnOn", {}, "start", id="vacuum"),
    failing(Entity("button.doorbell", "unknown"), "TurnOn", {}, "press", id="button"),
]


@pytest.mark.parametrize(("entity", "action", "payload", "service", "error"), FAILING_SERVICES)
async def test_a_failing_service_is_a_device_failure(  # noqa: PLR0917 - the table's columns
    hass: HomeAssistant,
    setup_clova: SetupClova,
    entity: Entity,
    action: str,
    payload: dict[str, Any],
    service: str,
    error: HomeAssistantError,
) -> None:
    calls = async_mock_service(hass, entity.domain, service, raise_exception=error)
    clova = await entity.expose(hass, setup_clova)

    answer = await clova.request(action, entity.entity_id, **payload)

    assert answer_name(answer) == "DeviceFailureError"
    assert answer["payload"] == {}
    assert len(calls) == 1


# --- a command still running after the bounded wait -----------------------------------------


@pytest.fixture
def slow_demo_devices() -> Iterator[None]:
    """Demo locks and valves that take 0.2 s to move (Clova waits 0.01 s)."""
    with (
        patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0.2),
        patch("homeassistant.components.demo.valve.OPEN_CLOSE_DELAY", 0.2),
    ):
        yield


@pytest.mark.usefixtures("slow_demo_devices")
@pytest.mark.parametrize(
    ("platform", "entity_id", "moving", "done"),
    [
        (Platform.LOCK, "lock.kitchen_door", LockState.LOCKING, LockState.LOCKED),
        (Platform.VALVE, "valve.front_garden", ValveState.CLOSING, ValveState.CLOSED),
    ],
)
async def test_a_slow_command_is_confirmed_and_reported_as_still_unlocked(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    platform: Platform,
    entity_id: str,
    moving: str,
    done: str,
) -> None:
    """Locking goes on after the confirmation; until it is done, it is not locked."""
    await async_setup_demo(hass, [platform])
    clova = await setup_clova(exposed=[entity_id])
    target = appliance_id(hass, entity_id)

    with short_service_timeout(0.01):
        answer = await clova.request("SetLockState", target, lockState="LOCKED")
        assert answer_name(answer) == "SetLockStateConfirmation"
        assert state_of(hass, entity_id).state == moving
        still = await clova.request("GetLockState", target)
        assert still["payload"]["lockState"] == "UNLOCKED"
        await hass.async_block_till_done()

    assert state_of(hass, entity_id).state == done
    locked = await clova.request("GetLockState", target)
    assert locked["payload"]["lockState"] == "LOCKED"
