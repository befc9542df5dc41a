"""TurnOn / TurnOff."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, override

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, STATE_ON, STATE_UNKNOWN

from .base import Capability

TURN_ON = "TurnOn"
TURN_OFF = "TurnOff"

# Domains whose state is "on"/"off" and whose turn_on/turn_off need no feature flag.
_ON_OFF_DOMAINS = frozenset({"light", "switch", "input_boolean"})
# Domains whose turn_on/turn_off are tied to feature flags.
_FEATURES: dict[str, tuple[int, int]] = {
    "fan": (FanEntityFeature.TURN_ON, FanEntityFeature.TURN_OFF),
    "climate": (ClimateEntityFeature.TURN_ON, ClimateEntityFeature.TURN_OFF),
}


class Power(Capability):
    """Power on and off through the domain's turn_on / turn_off services."""

    actions = frozenset({TURN_ON, TURN_OFF})

    @classmethod
    @override
    def supported(cls, domain: str, attributes: Mapping[str, Any]) -> bool:
        return domain in _ON_OFF_DOMAINS or domain in _FEATURES

    @override
    def supported_actions(self) -> frozenset[str]:
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
        if self.appliance.domain == "climate":
            return state not in (None, STATE_UNKNOWN, HVACMode.OFF)
        return state == STATE_ON

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        service = SERVICE_TURN_ON if action == TURN_ON else SERVICE_TURN_OFF
        await self.async_call(self.appliance.domain, service)
        return {}
