"""Brightness and its increments for lights, in percent for Clova.

Home Assistant keeps a light's brightness as 0-255; Clova speaks 0-100 %. A light is
set through ``light.turn_on`` with ``brightness_pct``; 0 % turns it off through
``light.turn_off`` (what the user means, and what HA would do with 0 anyway, but
spelled out so the logbook shows a plain "turned off").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_BRIGHTNESS_PCT,
    ATTR_SUPPORTED_COLOR_MODES,
    DOMAIN as LIGHT,
    brightness_supported,
)
from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, STATE_OFF, STATE_ON

from ..protocol.catalog import (
    DECREMENT_BRIGHTNESS,
    INCREMENT_BRIGHTNESS,
    SET_BRIGHTNESS,
    ActionSpec,
)
from ..protocol.errors import ValueNotFoundError, ValueOutOfRangeError
from ..protocol.numbers import finite
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

MIN_PERCENT = 0
MAX_PERCENT = 100
_HA_MAX = 255


def light_supports(attributes: Mapping[str, Any], test: Callable[[Any], bool]) -> bool:
    """Whether a light's supported colour modes pass one of HA's ``*_supported`` tests."""
    modes = attributes.get(ATTR_SUPPORTED_COLOR_MODES)
    return isinstance(modes, (list, tuple, set, frozenset)) and test(modes)


def whole(value: float) -> float:
    """``value``, as an int when it is whole (Clova's examples write 50, not 50.0)."""
    return int(value) if float(value).is_integer() else value


def brightness_percent(appliance: Appliance) -> int | None:
    """The light's brightness in whole percent: 0 when off, None when not known."""
    state = appliance.state_value
    if state == STATE_OFF:
        return 0
    value = finite(appliance.attributes.get(ATTR_BRIGHTNESS))
    if state != STATE_ON or value is None:
        return None
    return round(value * MAX_PERCENT / _HA_MAX)


def check_percent(value: float) -> None:
    """Raise ValueOutOfRangeError unless ``value`` is a percentage."""
    if not MIN_PERCENT <= value <= MAX_PERCENT:
        raise ValueOutOfRangeError(MIN_PERCENT, MAX_PERCENT)


@capability(
    SET_BRIGHTNESS,
    INCREMENT_BRIGHTNESS,
    DECREMENT_BRIGHTNESS,
    domains={LIGHT},
    done={
        INCREMENT_BRIGHTNESS: "brightened",
        DECREMENT_BRIGHTNESS: "dimmed",
        SET_BRIGHTNESS: "brightness set",
    },
)
class Brightness(Capability):
    """Set, raise and lower a dimmable light's brightness."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return light_supports(appliance.attributes, brightness_supported)

    @override
    def action_details(self) -> list[dict[str, Any]]:
        return [
            {
                "action": SET_BRIGHTNESS.name,
                "allowableValue": {
                    "type": "boundedNumber",
                    "minValue": MIN_PERCENT,
                    "maxValue": MAX_PERCENT,
                },
            }
        ]

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        previous = brightness_percent(self.appliance)
        if action is SET_BRIGHTNESS:
            target: float = whole(payload["brightness"]["value"])
        else:
            if previous is None:
                raise ValueNotFoundError
            # A delta is a size: its sign never reverses the direction of the request.
            delta = abs(payload["deltaBrightness"]["value"])
            target = whole(previous + delta if action is INCREMENT_BRIGHTNESS else previous - delta)
        check_percent(target)

        if target == 0:
            await self.async_call(LIGHT, SERVICE_TURN_OFF)
        else:
            await self.async_call(LIGHT, SERVICE_TURN_ON, {ATTR_BRIGHTNESS_PCT: target})
        answer: dict[str, Any] = {"brightness": {"value": target}}
        if previous is not None:
            answer["previousState"] = {"brightness": {"value": previous}}
        return answer
