"""Set/Increment/DecrementBrightness for dimmable lights, in percent for Clova."""

from __future__ import annotations

from typing import Any

from homeassistant.components.light import DATA_COMPONENT as LIGHT_DATA_COMPONENT
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
from .helpers import ClovaClient, answer_name
from .toolkit import action_details, appliance_id, discover, discovered

LIGHT = "light.desk"
BRIGHTNESS_ACTIONS = {"SetBrightness", "IncrementBrightness", "DecrementBrightness"}
SET_BRIGHTNESS_DETAIL = {
    "action": "SetBrightness",
    "allowableValue": {"type": "boundedNumber", "minValue": 0, "maxValue": 100},
}


def light_attributes(**overrides: Any) -> dict[str, Any]:
    """A dimmable light at brightness 180 of 255 (71 %)."""
    return {
        "friendly_name": "Desk",
        "supported_color_modes": ["brightness"],
        "color_mode": "brightness",
        "brightness": 180,
        **overrides,
    }


def off_attributes() -> dict[str, Any]:
    """What Home Assistant shows for a dimmable light that is off."""
    return light_attributes(color_mode=None, brightness=None)


async def dim(
    clova: ClovaClient, action: str, value: float, service: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Send a brightness request that must call ``light.<service>`` with ``data``."""
    field = "brightness" if action == "SetBrightness" else "deltaBrightness"
    return await assert_request_calls_service(
        clova,
        action,
        LIGHT,
        "light",
        service,
        {ATTR_ENTITY_ID: LIGHT, **data},
        payload={field: {"value": value}},
    )


# --- discovery ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "modes",
    [
        ["brightness"],
        ["color_temp"],
        ["hs"],
        ["xy"],
        ["rgb"],
        ["rgbw"],
        ["rgbww"],
        ["color_temp", "hs"],
        ["hs", "white"],
    ],
)
async def test_dimmable_lights_advertise_brightness(
    hass: HomeAssistant, setup_clova: SetupClova, modes: list[str]
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes(supported_color_modes=modes))
    clova = await setup_clova(exposed=[LIGHT])

    appliance = await discovered(clova)

    assert appliance["applianceTypes"] == ["LIGHT"]
    assert set(appliance["actions"]) >= BRIGHTNESS_ACTIONS
    # Brightness comes first, before any colour detail.
    assert appliance["additionalApplianceDetails"]["actionDetails"][0] == SET_BRIGHTNESS_DETAIL


# --- SetBrightness ----------------------------------------------------------------------------


async def test_set_brightness(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 50, "turn_on", {"brightness_pct": 50})

    assert answer["payload"] == {
        "brightness": {"value": 50},
        "previousState": {"brightness": {"value": 71}},  # 180 / 255
    }
    # Whole percentages travel as JSON integers, as in Clova's examples.
    assert isinstance(answer["payload"]["brightness"]["value"], int)


async def test_set_brightness_of_a_light_that_is_off(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LIGHT, "off", off_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 30, "turn_on", {"brightness_pct": 30})

    assert answer["payload"] == {
        "brightness": {"value": 30},
        "previousState": {"brightness": {"value": 0}},
    }


async def test_set_fractional_brightness(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes(brightness=255))
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 33.5, "turn_on", {"brightness_pct": 33.5})

    assert answer["payload"] == {
        "brightness": {"value": 33.5},
        "previousState": {"brightness": {"value": 100}},
    }


async def test_set_brightness_to_the_maximum(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes(brightness=1))
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 100, "turn_on", {"brightness_pct": 100})

    assert answer["payload"] == {
        "brightness": {"value": 100},
        "previousState": {"brightness": {"value": 0}},  # 1 / 255 rounds to 0 %
    }


async def test_set_brightness_zero_turns_the_light_off(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 0, "turn_off", {})

    assert answer["payload"] == {
        "brightness": {"value": 0},
        "previousState": {"brightness": {"value": 71}},
    }


@pytest.mark.parametrize("value", [140, 100.1, -1, -0.5])
async def test_set_brightness_out_of_range(
    hass: HomeAssistant, setup_clova: SetupClova, value: float
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    async_mock_service(hass, "light", "turn_on")
    async_mock_service(hass, "light", "turn_off")
    clova = await setup_clova(exposed=[LIGHT])

    answer = await assert_request_fails(
        clova, "SetBrightness", LIGHT, "ValueOutOfRangeError", brightness={"value": value}
    )

    assert answer["payload"] == {"minimumValue": 0, "maximumValue": 100}


@pytest.mark.parametrize("brightness", [None, "bright"])
async def test_set_brightness_when_the_brightness_is_not_known(
    hass: HomeAssistant, setup_clova: SetupClova, brightness: Any
) -> None:
    """No previous value to report: the confirmation has only the new one."""
    hass.states.async_set(LIGHT, "on", light_attributes(brightness=brightness))
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "SetBrightness", 40, "turn_on", {"brightness_pct": 40})

    assert answer["payload"] == {"brightness": {"value": 40}}


@pytest.mark.parametrize(
    "payload",
    [{}, {"brightness": {"value": "bright"}}, {"brightness": {"value": True}}, {"brightness": 50}],
)
async def test_set_brightness_with_a_bad_value(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any]
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    await assert_request_fails(
        clova, "SetBrightness", LIGHT, "UnsupportedOperationError", **payload
    )


# --- Increment / DecrementBrightness ------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "delta", "expected"),
    [
        ("IncrementBrightness", 20, 91),
        ("IncrementBrightness", 29, 100),
        ("IncrementBrightness", 2.5, 73.5),
        ("DecrementBrightness", 20, 51),
        # A delta is a size: a negative one does not reverse the direction.
        ("IncrementBrightness", -10, 81),
        ("DecrementBrightness", -10, 61),
    ],
)
async def test_increment_decrement_brightness(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    action: str,
    delta: float,
    expected: float,
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, action, delta, "turn_on", {"brightness_pct": expected})

    assert answer["payload"] == {
        "brightness": {"value": expected},
        "previousState": {"brightness": {"value": 71}},
    }


async def test_decrement_to_zero_turns_the_light_off(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LIGHT, "on", light_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "DecrementBrightness", 71, "turn_off", {})

    assert answer["payload"] == {
        "brightness": {"value": 0},
        "previousState": {"brightness": {"value": 71}},
    }


async def test_increment_a_light_that_is_off(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """An off light is at 0 %: raising it turns it on at the delta."""
    hass.states.async_set(LIGHT, "off", off_attributes())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await dim(clova, "IncrementBrightness", 30, "turn_on", {"brightness_pct": 30})

    assert answer["payload"] == {
        "brightness": {"value": 30},
        "previousState": {"brightness": {"value": 0}},
    }


@pytest.mark.parametrize(
    ("state", "attributes", "action", "delta"),
    [
        ("on", light_attributes(), "IncrementBrightness", 30),  # 71 + 30
        ("on", light_attributes(), "DecrementBrightness", 72),  # 71 - 72
        ("on", light_attributes(brightness=255), "IncrementBrightness", 1),
        ("off", off_attributes(), "DecrementBrightness", 10),
    ],
)
async def test_increment_decrement_out_of_range(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    state: str,
    attributes: dict[str, Any],
    action: str,
    delta: float,
) -> None:
    """Nothing is clamped: a result outside 0-100 % is refused."""
    hass.states.async_set(LIGHT, state, attributes)
    async_mock_service(hass, "light", "turn_on")
    async_mock_service(hass, "light", "turn_off")
    clova = await setup_clova(exposed=[LIGHT])

    answer = await assert_request_fails(
        clova, action, LIGHT, "ValueOutOfRangeError", deltaBrightness={"value": delta}
    )

    assert answer["payload"] == {"minimumValue": 0, "maximumValue": 100}


@pytest.mark.parametrize("action", ["IncrementBrightness", "DecrementBrightness"])
@pytest.mark.parametrize(
    ("state", "brightness"), [("on", None), ("on", True), ("unknown", None), ("unknown", 180)]
)
async def test_increment_decrement_without_a_known_brightness(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, state: str, brightness: Any
) -> None:
    hass.states.async_set(LIGHT, state, light_attributes(brightness=brightness))
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    answer = await assert_request_fails(
        clova, action, LIGHT, "ValueNotFoundError", deltaBrightness={"value": 10}
    )

    assert answer["payload"] == {}


# --- Home Assistant's demo lights ---------------------------------------------------------------

DEMO_LIGHTS = (
    "light.bed_light",
    "light.ceiling_lights",
    "light.kitchen_lights",
    "light.office_rgbw_lights",
    "light.living_room_rgbww_lights",
    "light.entrance_color_white_lights",
)


@pytest.fixture
async def demo_lights(hass: HomeAssistant) -> None:
    """Six demo lights; all dimmable, at brightness 180 (71 %); only the bed light is off."""
    await async_setup_demo(hass, [Platform.LIGHT])


def brightness_of(hass: HomeAssistant, entity_id: str) -> Any:
    """The brightness (0-255) Home Assistant shows for a light."""
    return state_of(hass, entity_id).attributes.get("brightness")


@pytest.mark.usefixtures("demo_lights")
async def test_demo_lights_are_all_dimmable(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=DEMO_LIGHTS)

    appliances = await discover(clova)

    for entity_id in DEMO_LIGHTS:
        appliance = appliances[appliance_id(hass, entity_id)]
        assert set(appliance["actions"]) >= BRIGHTNESS_ACTIONS, entity_id
        assert action_details(appliance, "SetBrightness") == [SET_BRIGHTNESS_DETAIL], entity_id


@pytest.mark.usefixtures("demo_lights")
async def test_demo_bed_light(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The bed light starts off: set, raise, then lower it to nothing."""
    clova = await setup_clova(exposed=["light.bed_light"])
    bed = appliance_id(hass, "light.bed_light")
    assert state_of(hass, "light.bed_light").state == "off"

    answer = await clova.request("SetBrightness", bed, brightness={"value": 50})
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetBrightnessConfirmation"
    assert answer["payload"] == {
        "brightness": {"value": 50},
        "previousState": {"brightness": {"value": 0}},
    }
    assert state_of(hass, "light.bed_light").state == "on"
    assert brightness_of(hass, "light.bed_light") == 128  # 255 * 50 %

    answer = await clova.request("IncrementBrightness", bed, deltaBrightness={"value": 10})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "brightness": {"value": 60},
        "previousState": {"brightness": {"value": 50}},
    }
    assert brightness_of(hass, "light.bed_light") == 153  # 255 * 60 %

    answer = await assert_request_fails(
        clova, "IncrementBrightness", bed, "ValueOutOfRangeError", deltaBrightness={"value": 41}
    )
    assert answer["payload"] == {"minimumValue": 0, "maximumValue": 100}
    assert brightness_of(hass, "light.bed_light") == 153

    answer = await clova.request("DecrementBrightness", bed, deltaBrightness={"value": 60})
    await hass.async_block_till_done()
    assert answer_name(answer) == "DecrementBrightnessConfirmation"
    assert answer["payload"] == {
        "brightness": {"value": 0},
        "previousState": {"brightness": {"value": 60}},
    }
    assert state_of(hass, "light.bed_light").state == "off"


@pytest.mark.usefixtures("demo_lights")
async def test_demo_colour_lights_dim(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(
        exposed=["light.ceiling_lights", "light.office_rgbw_lights", "light.kitchen_lights"]
    )

    answer = await clova.request(
        "DecrementBrightness",
        appliance_id(hass, "light.ceiling_lights"),
        deltaBrightness={"value": 20},
    )
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "brightness": {"value": 51},
        "previousState": {"brightness": {"value": 71}},
    }
    assert brightness_of(hass, "light.ceiling_lights") == 130  # 255 * 51 %

    answer = await clova.request(
        "SetBrightness", appliance_id(hass, "light.office_rgbw_lights"), brightness={"value": 100}
    )
    await hass.async_block_till_done()
    assert answer["payload"]["brightness"] == {"value": 100}
    assert brightness_of(hass, "light.office_rgbw_lights") == 255

    answer = await clova.request(
        "SetBrightness", appliance_id(hass, "light.kitchen_lights"), brightness={"value": 0}
    )
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetBrightnessConfirmation"
    assert state_of(hass, "light.kitchen_lights").state == "off"


@pytest.mark.usefixtures("demo_lights")
async def test_demo_unavailable_light(
    hass: HomeAssistant, setup_clova: SetupClova, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline, the light keeps its actions (from the registry) but refuses to dim."""
    clova = await setup_clova(exposed=["light.ceiling_lights"])
    ceiling = appliance_id(hass, "light.ceiling_lights")
    entity = hass.data[LIGHT_DATA_COMPONENT].get_entity("light.ceiling_lights")
    assert entity is not None
    # The demo light has no switch for this (since Home Assistant 2026 it is always available).
    monkeypatch.setattr(type(entity), "available", property(lambda _: False))
    entity.async_write_ha_state()
    assert state_of(hass, "light.ceiling_lights").state == "unavailable"

    appliance = await discovered(clova)
    assert appliance["isReachable"] is False
    assert set(appliance["actions"]) >= BRIGHTNESS_ACTIONS
    assert action_details(appliance, "SetBrightness") == [SET_BRIGHTNESS_DETAIL]
    await assert_request_fails(
        clova, "SetBrightness", ceiling, "TargetOfflineError", brightness={"value": 50}
    )
    assert brightness_of(hass, "light.ceiling_lights") is None
