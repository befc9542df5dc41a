"""TurnOn / TurnOff."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.media_player import MediaPlayerEntityFeature, MediaPlayerState
from homeassistant.components.water_heater import WaterHeaterEntityFeature
from homeassistant.const import (
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNKNOWN,
)

from ..protocol.catalog import TURN_OFF, TURN_ON, ActionSpec
from .base import Capability, capability

# Domains whose state is "on"/"off" and whose turn_on/turn_off need no feature flag.
_ON_OFF_DOMAINS = frozenset({"light", "switch", "input_boolean", "humidifier"})
# Domains whose turn_on/turn_off are tied to feature flags (one flag may serve both).
_FEATURES: dict[str, tuple[int, int]] = {
    "fan": (FanEntityFeature.TURN_ON, FanEntityFeature.TURN_OFF),
    "climate": (ClimateEntityFeature.TURN_ON, ClimateEntityFeature.TURN_OFF),
    "media_player": (MediaPlayerEntityFeature.TURN_ON, MediaPlayerEntityFeature.TURN_OFF),
    "water_heater": (WaterHeaterEntityFeature.ON_OFF, WaterHeaterEntityFeature.ON_OFF),
}
# States that mean "not working" for domains whose "on" has many names (a climate's
# HVAC mode, a player's playing/paused/idle, a water heater's operation mode).
_IDLE_STATES: dict[str, frozenset[str]] = {
    "climate": frozenset({STATE_UNKNOWN, HVACMode.OFF}),
    # "standby" is MediaPlayerState.STANDBY, which newer Home Assistant releases deprecate
    # (removal announced for 2026.8): written out, a player that still reports it counts as
    # idle without the deprecated member being used.
    "media_player": frozenset({STATE_UNKNOWN, MediaPlayerState.OFF, "standby"}),
    "water_heater": frozenset({STATE_UNKNOWN, STATE_OFF}),
}


_DOMAINS = _ON_OFF_DOMAINS | frozenset(_FEATURES)


@capability(
    TURN_ON,
    TURN_OFF,
    domains=_DOMAINS,
    done={TURN_ON: "turned on", TURN_OFF: "turned off"},
    powered=_DOMAINS,
)
class Power(Capability):
    """Power on and off through the domain's turn_on / turn_off services."""

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        flags = _FEATURES.get(self.appliance.domain)
        if flags is None:
            return self.actions
        on_flag, off_flag = flags
        return frozenset(
            action
            for action, flag in ((TURN_ON, on_flag), (TURN_OFF, off_flag))
            if self.features & flag
        )

    @property
    @override
    def is_on(self) -> bool:
        """Whether the appliance is working (HealthCheck's ``isTurnOn``)."""
        state = self.appliance.state_value
        idle = _IDLE_STATES.get(self.appliance.domain)
        if idle is None:
            return state == STATE_ON
        return state is not None and state not in idle

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        service = SERVICE_TURN_ON if action == TURN_ON else SERVICE_TURN_OFF
        await self.async_call(self.appliance.domain, service)
        return {}
