"""Start and stop oscillation: fans' oscillate and climate devices' swing modes."""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import appliance_id, declare_types, discovered

FAN = "fan.bedroom"
AC = "climate.living_room"
OSCILLATION = {"StartOscillation", "StopOscillation"}


def fan_attributes(**overrides: Any) -> dict[str, Any]:
    """A fan that oscillates."""
    return {
        "friendly_name": "Bedroom",
        "oscillating": False,
        "supported_features": FanEntityFeature.OSCILLATE | FanEntityFeature.TURN_ON,
        **overrides,
    }


def ac_attributes(swing_modes: list[str], **overrides: Any) -> dict[str, Any]:
    """An air conditioner with these swing modes."""
    return {
        "friendly_name": "Living room",
        "hvac_modes": [HVACMode.OFF, HVACMode.COOL],
        "swing_modes": swing_modes,
        "swing_mode": swing_modes[0] if swing_modes else None,
        "supported_features": ClimateEntityFeature.SWING_MODE | ClimateEntityFeature.TURN_ON,
        **overrides,
    }


def direction(value: str) -> dict[str, Any]:
    """A StartOscillation request's payload with a direction."""
    return {"direction": {"value": value}}


# --- fans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("appliance_type", "actions"),
    [("FAN", OSCILLATION), ("AIRCONDITIONER", OSCILLATION), ("AIRPURIFIER", set())],
)
async def test_fan_discovery(
    hass: HomeAssistant, setup_clova: SetupClova, appliance_type: str, actions: set[str]
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes())
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: appliance_type})

    appliance = await discovered(clova, FAN)

    assert OSCILLATION & set(appliance["actions"]) == actions


@pytest.mark.parametrize(
    ("action", "payload", "oscillating"),
    [
        ("StartOscillation", {}, True),
        ("StartOscillation", direction("horizontal"), True),  # a fan swings side to side
        ("StopOscillation", {}, False),
    ],
)
async def test_fan_oscillation(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    action: str,
    payload: dict[str, Any],
    *,
    oscillating: bool,
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes())
    clova = await setup_clova(exposed=[FAN])

    answer = await assert_request_calls_service(
        clova,
        action,
        FAN,
        "fan",
        "oscillate",
        {ATTR_ENTITY_ID: FAN, "oscillating": oscillating},
        payload=payload,
    )

    assert answer["payload"] == {}


async def test_fan_does_not_swing_vertically(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(FAN, "on", fan_attributes())
    async_mock_service(hass, "fan", "oscillate")
    clova = await setup_clova(exposed=[FAN])

    await assert_request_fails(
        clova, "StartOscillation", FAN, "UnsupportedOperationError", **direction("vertical")
    )


# --- climate swing modes --------------------------------------------------------------------

ALL_SWINGS = ["off", "on", "vertical", "horizontal", "both"]


@pytest.mark.parametrize(
    ("swing_modes", "payload", "expected"),
    [
        (ALL_SWINGS, {}, "on"),
        (ALL_SWINGS, direction("horizontal"), "horizontal"),
        (ALL_SWINGS, direction("vertical"), "vertical"),
        (["Off", "Swing", "Vertical"], {}, "Swing"),
        (["Off", "Swing", "Vertical"], direction("vertical"), "Vertical"),
        (["off", "both", "horizontal", "vertical"], {}, "both"),
        (["off", "1", "2", "vertical", "horizontal"], {}, "vertical"),
        (["stopped", "fixedTop", "horizontal"], {}, "horizontal"),
    ],
)
async def test_climate_start_swing(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    swing_modes: list[str],
    payload: dict[str, Any],
    expected: str,
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(swing_modes))
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_calls_service(
        clova,
        "StartOscillation",
        AC,
        "climate",
        "set_swing_mode",
        {ATTR_ENTITY_ID: AC, "swing_mode": expected},
        payload=payload,
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("swing_modes", "expected"),
    [(ALL_SWINGS, "off"), (["On", "Off"], "Off"), (["stopped", "swing"], "stopped")],
)
async def test_climate_stop_swing(
    hass: HomeAssistant, setup_clova: SetupClova, swing_modes: list[str], expected: str
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(swing_modes))
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_calls_service(
        clova,
        "StopOscillation",
        AC,
        "climate",
        "set_swing_mode",
        {ATTR_ENTITY_ID: AC, "swing_mode": expected},
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("swing_modes", "requested"),
    [
        (["off", "on"], "horizontal"),
        (["off", "vertical"], "horizontal"),
        (["off", "both"], "vertical"),
    ],
)
async def test_climate_lacks_the_direction(
    hass: HomeAssistant, setup_clova: SetupClova, swing_modes: list[str], requested: str
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(swing_modes))
    async_mock_service(hass, "climate", "set_swing_mode")
    clova = await setup_clova(exposed=[AC])

    await assert_request_fails(
        clova, "StartOscillation", AC, "UnsupportedOperationError", **direction(requested)
    )


@pytest.mark.parametrize(
    "attributes",
    [
        ac_attributes(["auto", "1", "2", "3", "off"]),  # positions, no swinging
        ac_attributes(["on", "vertical"]),  # cannot stop
        ac_attributes(ALL_SWINGS, supported_features=ClimateEntityFeature.TURN_ON),
        {**ac_attributes(ALL_SWINGS), "swing_modes": None},
    ],
    ids=["positions", "no-off", "no-feature", "no-list"],
)
async def test_climate_that_does_not_oscillate(
    hass: HomeAssistant, setup_clova: SetupClova, attributes: dict[str, Any]
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, attributes)
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert not OSCILLATION & set(appliance["actions"])


async def test_climate_discovery_per_type(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(ALL_SWINGS))
    clova = await setup_clova(exposed=[AC])

    assert set((await discovered(clova, AC))["actions"]) >= OSCILLATION
    await declare_types(hass, {AC: "THERMOSTAT"})
    assert not OSCILLATION & set((await discovered(clova, AC))["actions"])


# --- Home Assistant's demo entities -----------------------------------------------------------


@pytest.fixture
async def demo(hass: HomeAssistant) -> None:
    """The demo fans and climate devices."""
    await async_setup_demo(hass, [Platform.FAN, Platform.CLIMATE])


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("entity_id", ["fan.living_room_fan", "fan.percentage_full_fan"])
async def test_demo_fan_oscillates(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str
) -> None:
    clova = await setup_clova(exposed=[entity_id])
    fan = appliance_id(hass, entity_id)
    assert state_of(hass, entity_id).attributes["oscillating"] is False

    answer = await clova.request("StartOscillation", fan, **direction("horizontal"))
    await hass.async_block_till_done()
    assert answer_name(answer) == "StartOscillationConfirmation"
    assert answer["payload"] == {}
    assert state_of(hass, entity_id).attributes["oscillating"] is True

    answer = await clova.request("StopOscillation", fan)
    await hass.async_block_till_done()
    assert answer_name(answer) == "StopOscillationConfirmation"
    assert state_of(hass, entity_id).attributes["oscillating"] is False


@pytest.mark.usefixtures("demo")
async def test_demo_entities_that_do_not_oscillate(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The ceiling fan has no oscillation; the demo climates' swing modes are positions."""
    entities = ["fan.ceiling_fan", "climate.hvac", "climate.ecobee", "climate.heatpump"]
    clova = await setup_clova(exposed=entities)

    for entity_id in entities:
        appliance = await discovered(clova, appliance_id(hass, entity_id))
        assert not OSCILLATION & set(appliance["actions"]), entity_id
