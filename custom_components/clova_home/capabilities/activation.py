"""Scenes, scripts and buttons: TurnOn activates, runs or presses.

Only a script can be turned off (stopped while it runs); a scene or a button has
nothing to undo, so it does not advertise TurnOff.
"""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.button import SERVICE_PRESS
from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, STATE_ON

from ..protocol.catalog import TURN_OFF, TURN_ON, ActionSpec
from .base import Capability, capability

# Domain -> the service that activates an entity of it.
_ACTIVATE = {
    "scene": SERVICE_TURN_ON,
    "script": SERVICE_TURN_ON,
    "button": SERVICE_PRESS,
    "input_button": SERVICE_PRESS,
}
_STOPPABLE = "script"


@capability(
    TURN_ON,
    TURN_OFF,
    domains=_ACTIVATE,
    done={TURN_ON: "turned on", TURN_OFF: "turned off"},
    powered={_STOPPABLE},
)
class Activation(Capability):
    """Activate a scene, run (or stop) a script, press a button."""

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        if self.appliance.domain == _STOPPABLE:
            return self.actions
        return frozenset({TURN_ON})

    @property
    @override
    def is_on(self) -> bool:
        """A script works while it runs; a scene's or button's state is its last use."""
        return self.appliance.domain == _STOPPABLE and self.appliance.state_value == STATE_ON

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        domain = self.appliance.domain
        service = _ACTIVATE[domain] if action == TURN_ON else SERVICE_TURN_OFF
        await self.async_call(domain, service)
        return {}
