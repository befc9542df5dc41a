"""Colour (HSV) and colour temperature (Kelvin) for lights.

Clova's colour is hue 0-360 and saturation 0-100 with an optional brightness 0-100,
which is Home Assistant's ``hs_color`` plus ``brightness_pct``. A brightness of 0 is
passed on as it is: Home Assistant turns a light off when asked for no brightness.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.light import (
    ATTR_BRIGHTNESS_PCT,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_HS_COLOR,
    ATTR_MAX_COLOR_TEMP_KELVIN,
    ATTR_MIN_COLOR_TEMP_KELVIN,
    DEFAULT_MAX_KELVIN,
    DEFAULT_MIN_KELVIN,
    DOMAIN as LIGHT,
    color_supported,
    color_temp_supported,
)
from homeassistant.const import SERVICE_TURN_ON

from ..protocol.catalog import SET_COLOR, SET_COLOR_TEMPERATURE, ActionSpec
from ..protocol.errors import ValueOutOfRangeError
from ..protocol.numbers import finite
from .base import Capability, capability
from .brightness import brightness_percent, check_percent, light_supports, whole

if TYPE_CHECKING:
    from ..appliance import Appliance

MAX_HUE = 360

# Attributes older lights and bridges report instead of the Kelvin ones (HA drops
# them in 2026.1): the coolest and warmest temperature in mireds.
_MIN_MIREDS = "min_mireds"
_MAX_MIREDS = "max_mireds"
_MIREDS_PER_KELVIN = 1_000_000


def _positive(value: Any) -> float | None:
    """``value`` when it is a positive number, else None."""
    number = finite(value)
    return number if number is not None and number > 0 else None


@capability(SET_COLOR, domains={LIGHT}, done={SET_COLOR: "colour changed"})
class Color(Capability):
    """Set a colour light's hue and saturation (and, if asked, its brightness)."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return light_supports(appliance.attributes, color_supported)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        requested: dict[str, Any] = payload["color"]
        color: dict[str, float] = {
            "hue": whole(requested["hue"]),
            "saturation": whole(requested["saturation"]),
        }
        if not 0 <= color["hue"] <= MAX_HUE:
            raise ValueOutOfRangeError(0, MAX_HUE)
        check_percent(color["saturation"])
        data: dict[str, Any] = {ATTR_HS_COLOR: [color["hue"], color["saturation"]]}
        if "brightness" in requested:
            color["brightness"] = data[ATTR_BRIGHTNESS_PCT] = whole(requested["brightness"])
            check_percent(color["brightness"])

        previous = self._previous(with_brightness="brightness" in color)
        await self.async_call(LIGHT, SERVICE_TURN_ON, data)
        answer: dict[str, Any] = {"color": color}
        if previous is not None:
            answer["previousState"] = {"color": previous}
        return answer

    def _previous(self, *, with_brightness: bool) -> dict[str, float] | None:
        """The colour before the change, in the same fields as the request's."""
        hs_color = self.attributes.get(ATTR_HS_COLOR)
        if not isinstance(hs_color, (list, tuple)) or len(hs_color) != 2:
            return None  # off, or showing no colour HA can express as hue/saturation
        previous = {"hue": whole(hs_color[0]), "saturation": whole(hs_color[1])}
        if with_brightness and (brightness := brightness_percent(self.appliance)) is not None:
            previous["brightness"] = brightness
        return previous


@capability(
    SET_COLOR_TEMPERATURE,
    domains={LIGHT},
    done={SET_COLOR_TEMPERATURE: "colour temperature changed"},
)
class ColorTemperature(Capability):
    """Set a white light's colour temperature in Kelvin, within the light's range."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return light_supports(appliance.attributes, color_temp_supported)

    def _range(self) -> tuple[int, int]:
        """The light's warmest and coolest Kelvin.

        From the Kelvin attributes, else the older mired ones (narrowed to whole
        Kelvin inside them), else the range Home Assistant assumes for any light.
        """
        attributes = self.attributes
        low = _positive(attributes.get(ATTR_MIN_COLOR_TEMP_KELVIN))
        high = _positive(attributes.get(ATTR_MAX_COLOR_TEMP_KELVIN))
        if low is None and (mireds := _positive(attributes.get(_MAX_MIREDS))) is not None:
            low = _MIREDS_PER_KELVIN / mireds
        if high is None and (mireds := _positive(attributes.get(_MIN_MIREDS))) is not None:
            high = _MIREDS_PER_KELVIN / mireds
        return (
            DEFAULT_MIN_KELVIN if low is None else math.ceil(round(low, 6)),
            DEFAULT_MAX_KELVIN if high is None else math.floor(round(high, 6)),
        )

    @override
    def action_details(self) -> list[dict[str, Any]]:
        low, high = self._range()
        return [
            {
                "action": SET_COLOR_TEMPERATURE.name,
                "allowableValue": {"type": "boundedNumber", "minValue": low, "maxValue": high},
            }
        ]

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        # Home Assistant takes whole Kelvin (it would truncate a fraction).
        kelvin = round(payload["colorTemperature"]["value"])
        low, high = self._range()
        if not low <= kelvin <= high:
            raise ValueOutOfRangeError(low, high)

        previous = _positive(self.attributes.get(ATTR_COLOR_TEMP_KELVIN))
        await self.async_call(LIGHT, SERVICE_TURN_ON, {ATTR_COLOR_TEMP_KELVIN: kelvin})
        answer: dict[str, Any] = {"colorTemperature": {"value": kelvin}}
        if previous is not None:
            answer["previousState"] = {"colorTemperature": {"value": whole(previous)}}
        return answer
