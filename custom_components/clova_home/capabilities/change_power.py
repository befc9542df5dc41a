"""ChangePower: the remote's power button, on an appliance that can be turned on and off.

KO21 permits it to air conditioners, air purifiers, set-top boxes and TVs. It is offered
where the appliance has both a TurnOn and a TurnOff (whichever capability carries them:
a climate's, a player's, a fan's, a vacuum's) and a power state its capabilities tell
(``is_on``, the one HealthCheck's ``isTurnOn`` and GetPowerState report). The type's
permitted actions decide the rest, as for every action (``appliance.AppliancePlan``).

The toggle is decided here, from that power state, and carried out by the very capability
that answers TurnOn or TurnOff, not by Home Assistant's ``toggle`` service:

- the ChangePowerConfirmation has no fields (KO21 ChangePower.md: ``"payload": {}``), so
  the answer cannot tell which way the power went; what can be made sure of is that it
  went the way Clova's own view of the appliance says it should: on when HealthCheck
  says idle, off when it says working;
- a toggle then does exactly what a TurnOn or a TurnOff would: the same service, feature
  checks and guard (a vacuum starts, or stops or pauses; a water heater's ON_OFF; a
  script runs or stops), where ``toggle`` is missing in some domains (water heaters,
  vacuums) and judges "on" by rules of its own in others;
- the logbook says "power toggled" and Home Assistant's own entry for the entity says
  which way (the state change follows the call).

An appliance whose power state is unknown (its state ``unknown``) is refused with
ValueNotFoundError, as a volume step is when the player reports no level: pressing the
button blind could turn off what the user meant to turn on.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, override

from homeassistant.const import STATE_UNKNOWN

from ..protocol.catalog import APPLIANCE_TYPES, CHANGE_POWER, TURN_OFF, TURN_ON, ActionSpec
from ..protocol.errors import UnsupportedOperationError, ValueNotFoundError
from .base import Capability, capability
from .power_state import powered

if TYPE_CHECKING:
    from ..appliance import Appliance

_LOGGER = logging.getLogger(__name__)
_POWER = frozenset({TURN_ON, TURN_OFF})


@capability(CHANGE_POWER, done={CHANGE_POWER: "power toggled"})
class ChangePower(Capability):
    """Toggle the power through the appliance's own TurnOn / TurnOff.

    Declared for any domain: whether it applies depends on the type and on the other
    capabilities of the appliance (made before its plan is decided), which the index
    cannot see. No other capability offers ChangePower, so it needs no priority.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        permitted = APPLIANCE_TYPES.get(appliance.appliance_type, frozenset())
        return CHANGE_POWER.name in permitted and powered(appliance)

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        offered: set[ActionSpec] = set()
        for other in self.appliance.capabilities:
            if other.actions & _POWER:  # not this one: ChangePower is no TurnOn
                offered |= other.supported_actions() & _POWER
        return self.actions if offered == _POWER else frozenset()

    def _is_on(self) -> bool:
        """Whether the appliance works now, as HealthCheck tells it; raise when unknown."""
        appliance = self.appliance
        known = [cap.is_on for cap in appliance.capabilities if cap.is_on is not None]
        if appliance.state_value in (None, STATE_UNKNOWN) or not known:
            raise ValueNotFoundError
        return any(known)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if (command := self.command) is None:
            raise RuntimeError("a command needs the request's command")
        target = TURN_OFF if self._is_on() else TURN_ON
        handler = self.appliance.capability_for(target, command)
        if handler is None:  # pragma: no cover - offered only with both (and every type
            raise UnsupportedOperationError  # that permits ChangePower permits them)
        _LOGGER.debug("ChangePower of %s: %s", self.appliance.entity_id, target.name)
        await handler.async_handle(target, {})
        return {}
