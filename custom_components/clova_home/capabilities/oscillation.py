"""Start and stop oscillation (fans' oscillate, climate swing).

A Home Assistant fan oscillates one way, side to side: it starts for a request
without a direction or with "horizontal"; "vertical" is a direction it lacks. A
climate device swings its louvres through a swing mode: "on" (or "swing", "both",
then "vertical", "horizontal") when Clova names no direction, else the mode of
that name; "off" stops it. Only swing modes are used: a device's separate
horizontal swing setting is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.climate import (
    ATTR_SWING_MODE,
    ATTR_SWING_MODES,
    DOMAIN as CLIMATE,
    ClimateEntityFeature,
)
from homeassistant.components.fan import ATTR_OSCILLATING, DOMAIN as FAN, FanEntityFeature

from ..protocol.catalog import START_OSCILLATION, STOP_OSCILLATION, ActionSpec
from ..protocol.errors import UnsupportedOperationError
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

HORIZONTAL = "horizontal"
VERTICAL = "vertical"

# Swing modes that start swinging, per requested direction (None: any), preferred first.
_START_SWING: dict[str | None, tuple[str, ...]] = {
    None: ("on", "swing", "both", VERTICAL, HORIZONTAL),
    HORIZONTAL: (HORIZONTAL,),
    VERTICAL: (VERTICAL,),
}
_STOP_SWING = ("off", "stopped")


def _swing_mode(attributes: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    """The entity's swing mode with the first of ``names`` (any case), if any."""
    modes = attributes.get(ATTR_SWING_MODES)
    if not isinstance(modes, (list, tuple)):
        return None
    by_name = {str(mode).lower(): str(mode) for mode in modes}
    return next((by_name[name] for name in names if name in by_name), None)


@capability(
    START_OSCILLATION,
    STOP_OSCILLATION,
    domains={FAN, CLIMATE},
    done={
        START_OSCILLATION: "started oscillating",
        STOP_OSCILLATION: "stopped oscillating",
    },
)
class Oscillation(Capability):
    """Oscillating fans (fan.oscillate) and swinging climate devices (set_swing_mode)."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        features = appliance.features
        if appliance.domain == FAN:
            return bool(features & FanEntityFeature.OSCILLATE)
        # A climate device must both start and stop swinging to oscillate for Clova.
        attributes = appliance.attributes
        return (
            bool(features & ClimateEntityFeature.SWING_MODE)
            and _swing_mode(attributes, _START_SWING[None]) is not None
            and _swing_mode(attributes, _STOP_SWING) is not None
        )

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        direction: str | None = payload.get("direction", {}).get("value")
        start = action is START_OSCILLATION
        if self.appliance.domain == FAN:
            if start and direction not in (None, HORIZONTAL):
                raise UnsupportedOperationError
            await self.async_call(FAN, "oscillate", {ATTR_OSCILLATING: start})
            return {}
        mode = _swing_mode(self.attributes, _START_SWING[direction] if start else _STOP_SWING)
        if mode is None:
            raise UnsupportedOperationError
        await self.async_call(CLIMATE, "set_swing_mode", {ATTR_SWING_MODE: mode})
        return {}
