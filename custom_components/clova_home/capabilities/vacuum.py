"""Robot vacuums: start, stop, return to the dock.

TurnOn starts cleaning; TurnOff stops where the vacuum is (it pauses one that cannot
stop); Charge sends it back to its dock. The battery level is a sensor query.
"""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.vacuum import (
    DOMAIN as VACUUM,
    SERVICE_PAUSE,
    SERVICE_RETURN_TO_BASE,
    SERVICE_START,
    SERVICE_STOP,
    VacuumActivity,
    VacuumEntityFeature,
)

from ..protocol.catalog import CHARGE, TURN_OFF, TURN_ON, ActionSpec
from .base import Capability, capability


@capability(
    TURN_ON,
    TURN_OFF,
    CHARGE,
    domains={VACUUM},
    done={TURN_ON: "turned on", TURN_OFF: "turned off", CHARGE: "sent to charge"},
    powered={VACUUM},
)
class Vacuum(Capability):
    """Start, stop (or pause) and send home a robot vacuum."""

    def _services(self) -> dict[ActionSpec, str]:
        """Action -> the vacuum service carrying it out, for what this vacuum can do."""
        features = self.features
        services: dict[ActionSpec, str] = {}
        if features & VacuumEntityFeature.START:
            services[TURN_ON] = SERVICE_START
        if features & VacuumEntityFeature.STOP:
            services[TURN_OFF] = SERVICE_STOP
        elif features & VacuumEntityFeature.PAUSE:
            services[TURN_OFF] = SERVICE_PAUSE
        if features & VacuumEntityFeature.RETURN_HOME:
            services[CHARGE] = SERVICE_RETURN_TO_BASE
        return services

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        return frozenset(self._services())

    @property
    @override
    def is_on(self) -> bool:
        """Working means cleaning; heading home after Charge or TurnOff is not."""
        return self.appliance.state_value == VacuumActivity.CLEANING

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        # Only advertised actions are dispatched here, so the vacuum has a service.
        await self.async_call(VACUUM, self._services()[action])
        return {}
