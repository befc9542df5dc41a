"""SetColor (HSV) and SetColorTemperature (Kelvin) for lights."""

from __future__ import annotations

from typing import Any

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

LIGHT = "light.lamp"
COLOR_ACTIONS = {"SetColor", "SetColorTemperature"}


def color_light(**overrides: Any) -> dict[str, Any]:
    """A colour light showing hue 345, saturation 75 at brightness 180 (71 %)."""
    return {
        "friendly_name": "Lamp",
        "supported_color_modes": ["hs"],
        "color_mode": "hs",
        "brightness": 180,
        "hs_color": [345.0, 75.0],
        **overrides,
    }


def white_light(**overrides: Any) -> dict[str, Any]:
    """A tunable white light at 2700 K, from 2200 K to 6500 K."""
    return {
        "friendly_name": "Lamp",
        "supported_color_modes": ["color_temp"],
        "color_mode": "color_temp",
        "brightness": 180,
        "color_temp_kelvin": 2700,
        "min_color_temp_kelvin": 2200,
        "max_color_temp_kelvin": 6500,
        **overrides,
    }


def off_light(**overrides: Any) -> dict[str, Any]:
    """What Home Assistant shows for a light that is off (no colour, no brightness)."""
    return {
        **white_light(supported_color_modes=["color_temp", "hs"]),
        "color_mode": None,
        "brightness": None,
        "hs_color": None,
        "color_temp_kelvin": None,
        **overrides,
    }


async def set_color(
    clova: ClovaClient, color: dict[str, float], data: dict[str, Any]
) -> dict[str, Any]:
    """Send SetColor; it must call light.turn_on with exactly ``data``."""
    return await assert_request_calls_service(
        clova,
        "SetColor",
        LIGHT,
        "light",
        "turn_on",
        {ATTR_ENTITY_ID: LIGHT, **data},
        payload={"color": color},
    )


async def set_color_temperature(clova: ClovaClient, value: float, kelvin: int) -> dict[str, Any]:
    """Send SetColorTemperature; it must call light.turn_on with ``kelvin``."""
    return await assert_request_calls_service(
        clova,
        "SetColorTemperature",
        LIGHT,
        "light",
        "turn_on",
        {ATTR_ENTITY_ID: LIGHT, "color_temp_kelvin": kelvin},
        payload={"colorTemperature": {"value": value}},
    )


# --- discovery ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["hs"], {"SetColor"}),
        (["xy"], {"SetColor"}),
        (["rgb"], {"SetColor"}),
        (["rgbw"], {"SetColor"}),
        # HA could emulate a colour temperature on RGBWW, but the light reports no range.
        (["rgbww"], {"SetColor"}),
        (["hs", "white"], {"SetColor"}),
        (["color_temp"], {"SetColorTemperature"}),
        (["color_temp", "hs"], {"SetColor", "SetColorTemperature"}),
        (["color_temp", "xy"], {"SetColor", "SetColorTemperature"}),
        (["brightness"], set()),
        (["onoff"], set()),
        (None, set()),
    ],
)
async def test_colour_actions_follow_the_colour_modes(
    hass: HomeAssistant, setup_clova: SetupClova, modes: list[str] | None, expected: set[str]
) -> None:
    hass.states.async_set(LIGHT, "on", white_light(supported_color_modes=modes))
    clova = await setup_clova(exposed=[LIGHT])

    appliance = await discovered(clova)

    assert COLOR_ACTIONS & set(appliance["actions"]) == expected
    assert action_details(appliance, "SetColor") == []  # three values: no single range to give
    if "SetColorTemperature" in expected:
        assert action_details(appliance, "SetColorTemperature") == [
            {
                "action": "SetColorTemperature",
                "allowableValue": {"type": "boundedNumber", "minValue": 2200, "maxValue": 6500},
            }
        ]
    else:
        assert action_details(appliance, "SetColorTemperature") == []


# --- SetColor -----------------------------------------------------------------------------------


async def test_set_color(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", color_light())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(clova, {"hue": 120, "saturation": 50}, {"hs_color": [120, 50]})

    assert answer["payload"] == {
        "color": {"hue": 120, "saturation": 50},
        "previousState": {"color": {"hue": 345, "saturation": 75}},
    }
    # Whole numbers travel as JSON integers, as in Clova's examples.
    assert all(isinstance(value, int) for value in answer["payload"]["color"].values())


async def test_set_color_with_brightness(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", color_light())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(
        clova,
        {"hue": 100, "saturation": 100, "brightness": 40},
        {"hs_color": [100, 100], "brightness_pct": 40},
    )

    assert answer["payload"] == {
        "color": {"hue": 100, "saturation": 100, "brightness": 40},
        "previousState": {"color": {"hue": 345, "saturation": 75, "brightness": 71}},
    }


async def test_set_color_with_fractions(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", color_light(hs_color=[26.812, 34.51]))
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(
        clova,
        {"hue": 200.5, "saturation": 12.25, "brightness": 33.5},
        {"hs_color": [200.5, 12.25], "brightness_pct": 33.5},
    )

    assert answer["payload"] == {
        "color": {"hue": 200.5, "saturation": 12.25, "brightness": 33.5},
        "previousState": {"color": {"hue": 26.812, "saturation": 34.51, "brightness": 71}},
    }


@pytest.mark.parametrize(
    "color",
    [
        {"hue": 0, "saturation": 0},
        {"hue": 360, "saturation": 100},
        {"hue": 0, "saturation": 100, "brightness": 100},
    ],
)
async def test_set_color_at_the_limits(
    hass: HomeAssistant, setup_clova: SetupClova, color: dict[str, float]
) -> None:
    hass.states.async_set(LIGHT, "on", color_light())
    clova = await setup_clova(exposed=[LIGHT])
    data: dict[str, Any] = {"hs_color": [color["hue"], color["saturation"]]}
    if "brightness" in color:
        data["brightness_pct"] = color["brightness"]

    answer = await set_color(clova, color, data)

    assert answer["payload"]["color"] == color


async def test_set_color_with_no_brightness_is_passed_on(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Brightness 0 is in Clova's range; Home Assistant turns the light off for it."""
    hass.states.async_set(LIGHT, "on", color_light())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(
        clova,
        {"hue": 10, "saturation": 20, "brightness": 0},
        {"hs_color": [10, 20], "brightness_pct": 0},
    )

    assert answer["payload"]["color"] == {"hue": 10, "saturation": 20, "brightness": 0}


@pytest.mark.parametrize(
    ("color", "minimum", "maximum"),
    [
        ({"hue": 361, "saturation": 50}, 0, 360),
        ({"hue": -1, "saturation": 50}, 0, 360),
        ({"hue": 360.5, "saturation": 50, "brightness": 140}, 0, 360),
        ({"hue": 120, "saturation": 101}, 0, 100),
        ({"hue": 120, "saturation": -0.5}, 0, 100),
        ({"hue": 120, "saturation": 50, "brightness": 100.1}, 0, 100),
        ({"hue": 120, "saturation": 50, "brightness": -1}, 0, 100),
    ],
)
async def test_set_color_out_of_range(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    color: dict[str, float],
    minimum: float,
    maximum: float,
) -> None:
    hass.states.async_set(LIGHT, "on", color_light())
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    answer = await assert_request_fails(
        clova, "SetColor", LIGHT, "ValueOutOfRangeError", color=color
    )

    assert answer["payload"] == {"minimumValue": minimum, "maximumValue": maximum}


@pytest.mark.parametrize(
    ("state", "attributes"),
    [
        ("off", off_light()),
        ("on", color_light(hs_color=None)),
        ("on", {k: v for k, v in color_light().items() if k != "hs_color"}),
        ("on", color_light(hs_color=[120])),
        ("on", color_light(hs_color="red")),
    ],
)
async def test_set_color_without_a_known_colour(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, attributes: dict[str, Any]
) -> None:
    """No previous colour to report: the confirmation has only the new one."""
    hass.states.async_set(LIGHT, state, attributes)
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(
        clova,
        {"hue": 240, "saturation": 100, "brightness": 50},
        {"hs_color": [240, 100], "brightness_pct": 50},
    )

    assert answer["payload"] == {"color": {"hue": 240, "saturation": 100, "brightness": 50}}


async def test_set_color_without_a_known_brightness(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LIGHT, "on", color_light(brightness=None))
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color(
        clova,
        {"hue": 240, "saturation": 100, "brightness": 50},
        {"hs_color": [240, 100], "brightness_pct": 50},
    )

    assert answer["payload"]["previousState"] == {"color": {"hue": 345, "saturation": 75}}


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"color": {"hue": 120}},
        {"color": {"saturation": 50}},
        {"color": {"hue": "red", "saturation": 50}},
        {"color": {"hue": 120, "saturation": 50, "brightness": True}},
    ],
)
async def test_set_color_with_a_bad_value(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any]
) -> None:
    hass.states.async_set(LIGHT, "on", color_light())
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    await assert_request_fails(clova, "SetColor", LIGHT, "UnsupportedOperationError", **payload)


# --- SetColorTemperature ------------------------------------------------------------------------


async def test_set_color_temperature(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LIGHT, "on", white_light())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color_temperature(clova, 4000, 4000)

    assert answer["payload"] == {
        "colorTemperature": {"value": 4000},
        "previousState": {"colorTemperature": {"value": 2700}},
    }
    assert isinstance(answer["payload"]["colorTemperature"]["value"], int)


@pytest.mark.parametrize(
    ("value", "kelvin"), [(2200, 2200), (6500, 6500), (3600.4, 3600), (2199.7, 2200)]
)
async def test_set_color_temperature_in_whole_kelvin(
    hass: HomeAssistant, setup_clova: SetupClova, value: float, kelvin: int
) -> None:
    """HA takes whole Kelvin: the value is rounded, then checked against the range."""
    hass.states.async_set(LIGHT, "on", white_light())
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color_temperature(clova, value, kelvin)

    assert answer["payload"]["colorTemperature"] == {"value": kelvin}


@pytest.mark.parametrize("value", [2199, 6501, 6500.6, 0, -3000, 10000])
async def test_set_color_temperature_out_of_range(
    hass: HomeAssistant, setup_clova: SetupClova, value: float
) -> None:
    hass.states.async_set(LIGHT, "on", white_light())
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    answer = await assert_request_fails(
        clova,
        "SetColorTemperature",
        LIGHT,
        "ValueOutOfRangeError",
        colorTemperature={"value": value},
    )

    assert answer["payload"] == {"minimumValue": 2200, "maximumValue": 6500}


@pytest.mark.parametrize(
    ("state", "attributes"),
    [
        ("off", off_light()),
        ("on", white_light(color_temp_kelvin=None, color_mode="hs", hs_color=[30, 40])),
        ("on", white_light(color_temp_kelvin="warm")),
    ],
)
async def test_set_color_temperature_without_a_known_one(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, attributes: dict[str, Any]
) -> None:
    hass.states.async_set(LIGHT, state, attributes)
    clova = await setup_clova(exposed=[LIGHT])

    answer = await set_color_temperature(clova, 5000, 5000)

    assert answer["payload"] == {"colorTemperature": {"value": 5000}}


@pytest.mark.parametrize(
    ("limits", "low", "high"),
    [
        # Only the older mired attributes: 454 mired = 2202.6 K, 153 mired = 6535.9 K,
        # narrowed to whole Kelvin inside the light's range.
        ({"min_mireds": 153, "max_mireds": 454}, 2203, 6535),
        ({"min_mireds": 250, "max_mireds": 500}, 2000, 4000),
        # Kelvin attributes win over mired ones.
        (
            {
                "min_color_temp_kelvin": 2700,
                "max_color_temp_kelvin": 5000,
                "min_mireds": 153,
                "max_mireds": 500,
            },
            2700,
            5000,
        ),
        # Each end on its own.
        ({"min_color_temp_kelvin": 2500, "min_mireds": 200}, 2500, 5000),
        ({"max_color_temp_kelvin": 6000, "max_mireds": 400}, 2500, 6000),
        # Nothing usable: the range Home Assistant assumes for any light.
        ({}, 2000, 6535),
        ({"min_color_temp_kelvin": None, "max_color_temp_kelvin": None}, 2000, 6535),
        (
            {"min_color_temp_kelvin": 0, "max_mireds": True, "max_color_temp_kelvin": "x"},
            2000,
            6535,
        ),
    ],
)
async def test_color_temperature_range(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    limits: dict[str, Any],
    low: int,
    high: int,
) -> None:
    attributes = white_light()
    del attributes["min_color_temp_kelvin"], attributes["max_color_temp_kelvin"]
    hass.states.async_set(LIGHT, "on", {**attributes, **limits})
    async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=[LIGHT])

    appliance = await discovered(clova)

    assert action_details(appliance, "SetColorTemperature") == [
        {
            "action": "SetColorTemperature",
            "allowableValue": {"type": "boundedNumber", "minValue": low, "maxValue": high},
        }
    ]
    for value in (low, high):
        answer = await clova.request(
            "SetColorTemperature", LIGHT, colorTemperature={"value": value}
        )
        assert answer_name(answer) == "SetColorTemperatureConfirmation", (value, answer)
    for value in (low - 1, high + 1):
        answer = await assert_request_fails(
            clova,
            "SetColorTemperature",
            LIGHT,
            "ValueOutOfRangeError",
            colorTemperature={"value": value},
        )
        assert answer["payload"] == {"minimumValue": low, "maximumValue": high}


# --- Home Assistant's demo lights ---------------------------------------------------------------


@pytest.fixture
async def demo_lights(hass: HomeAssistant) -> None:
    """Six demo lights (see components/demo/light.py)."""
    await async_setup_demo(hass, [Platform.LIGHT])


def attribute(hass: HomeAssistant, entity_id: str, name: str) -> Any:
    """One attribute Home Assistant shows for a light."""
    return state_of(hass, entity_id).attributes.get(name)


@pytest.mark.usefixtures("demo_lights")
async def test_demo_light_discovery(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    white_range = {
        "action": "SetColorTemperature",
        "allowableValue": {"type": "boundedNumber", "minValue": 2000, "maxValue": 6535},
    }
    expected = {
        # supported colour modes: hs + color_temp
        "light.bed_light": COLOR_ACTIONS,
        "light.ceiling_lights": COLOR_ACTIONS,
        "light.kitchen_lights": COLOR_ACTIONS,
        # rgbw; rgbww; hs + white
        "light.office_rgbw_lights": {"SetColor"},
        "light.living_room_rgbww_lights": {"SetColor"},
        "light.entrance_color_white_lights": {"SetColor"},
    }
    clova = await setup_clova(exposed=list(expected))

    appliances = await discover(clova)

    for entity_id, actions in expected.items():
        appliance = appliances[appliance_id(hass, entity_id)]
        assert COLOR_ACTIONS & set(appliance["actions"]) == actions, entity_id
        ranges = action_details(appliance, "SetColorTemperature")
        assert ranges == ([white_range] if "SetColorTemperature" in actions else []), entity_id


@pytest.mark.usefixtures("demo_lights")
async def test_demo_kitchen_colour_and_white(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The kitchen light shows hue 345 / saturation 75; make it green, then warm white."""
    clova = await setup_clova(exposed=["light.kitchen_lights"])
    kitchen = appliance_id(hass, "light.kitchen_lights")

    answer = await clova.request("SetColor", kitchen, color={"hue": 120, "saturation": 100})
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetColorConfirmation"
    assert answer["payload"] == {
        "color": {"hue": 120, "saturation": 100},
        "previousState": {"color": {"hue": 345, "saturation": 75}},
    }
    assert attribute(hass, "light.kitchen_lights", "hs_color") == (120, 100)
    assert attribute(hass, "light.kitchen_lights", "brightness") == 180

    # In colour mode the light has no colour temperature to report as previous.
    answer = await clova.request("SetColorTemperature", kitchen, colorTemperature={"value": 3000})
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetColorTemperatureConfirmation"
    assert answer["payload"] == {"colorTemperature": {"value": 3000}}
    assert attribute(hass, "light.kitchen_lights", "color_mode") == "color_temp"
    assert attribute(hass, "light.kitchen_lights", "color_temp_kelvin") == 3000

    answer = await clova.request("SetColorTemperature", kitchen, colorTemperature={"value": 5000})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "colorTemperature": {"value": 5000},
        "previousState": {"colorTemperature": {"value": 3000}},
    }
    assert attribute(hass, "light.kitchen_lights", "color_temp_kelvin") == 5000


@pytest.mark.usefixtures("demo_lights")
async def test_demo_ceiling_out_of_range(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=["light.ceiling_lights"])
    ceiling = appliance_id(hass, "light.ceiling_lights")

    for value in (1999, 6536):
        answer = await assert_request_fails(
            clova,
            "SetColorTemperature",
            ceiling,
            "ValueOutOfRangeError",
            colorTemperature={"value": value},
        )
        assert answer["payload"] == {"minimumValue": 2000, "maximumValue": 6535}
    assert attribute(hass, "light.ceiling_lights", "color_temp_kelvin") == 2631

    answer = await clova.request("SetColorTemperature", ceiling, colorTemperature={"value": 6535})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "colorTemperature": {"value": 6535},
        "previousState": {"colorTemperature": {"value": 2631}},
    }
    assert attribute(hass, "light.ceiling_lights", "color_temp_kelvin") == 6535


@pytest.mark.usefixtures("demo_lights")
async def test_demo_bed_light_turns_on_in_colour(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["light.bed_light"])
    bed = appliance_id(hass, "light.bed_light")
    assert state_of(hass, "light.bed_light").state == "off"

    answer = await clova.request(
        "SetColor", bed, color={"hue": 240, "saturation": 50, "brightness": 50}
    )
    await hass.async_block_till_done()

    assert answer["payload"] == {"color": {"hue": 240, "saturation": 50, "brightness": 50}}
    assert state_of(hass, "light.bed_light").state == "on"
    assert attribute(hass, "light.bed_light", "hs_color") == (240, 50)
    assert attribute(hass, "light.bed_light", "brightness") == 128  # 255 * 50 %


@pytest.mark.usefixtures("demo_lights")
async def test_demo_rgbw_and_rgbww_lights(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Lights without an hs mode get the colour converted by Home Assistant."""
    clova = await setup_clova(
        exposed=["light.office_rgbw_lights", "light.living_room_rgbww_lights"]
    )

    answer = await clova.request(
        "SetColor",
        appliance_id(hass, "light.office_rgbw_lights"),
        color={"hue": 240, "saturation": 100, "brightness": 100},
    )
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetColorConfirmation"
    assert answer["payload"]["color"] == {"hue": 240, "saturation": 100, "brightness": 100}
    assert answer["payload"]["previousState"]["color"]["brightness"] == 71
    assert attribute(hass, "light.office_rgbw_lights", "rgbw_color") == (0, 0, 255, 0)
    assert attribute(hass, "light.office_rgbw_lights", "hs_color") == (240, 100)
    assert attribute(hass, "light.office_rgbw_lights", "brightness") == 255

    answer = await clova.request(
        "SetColor",
        appliance_id(hass, "light.living_room_rgbww_lights"),
        color={"hue": 120, "saturation": 100},
    )
    await hass.async_block_till_done()
    assert answer_name(answer) == "SetColorConfirmation"
    assert attribute(hass, "light.living_room_rgbww_lights", "rgbww_color") == (0, 255, 0, 0, 0)
    assert attribute(hass, "light.living_room_rgbww_lights", "hs_color") == (120, 100)
