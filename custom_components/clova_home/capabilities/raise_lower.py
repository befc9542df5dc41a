"""Raise and Lower: a cover that moves up and down, as a Clova smart bed.

Clova's Raise and Lower move to the end ("to the maximum position until a StopRequest
arrives"), and of the Clova types only SMARTBED permits them. No Home Assistant cover
device class is a bed (blinds, shades, awnings and curtains are SMARTCURTAINs, which
open, close and stop), so no cover gets them by itself: a cover whose Clova type the user
chose to be SMARTBED (a bed's or a lifting platform's motor seen as a cover) raises and
lowers. Raise opens it (``open_cover``, or ``set_cover_position`` 100 for a cover that can
only be positioned), Lower closes it (``close_cover``, or position 0). Stop is
``open_close.OpenClose``'s, which stops any cover whatever its type: the two never offer
the same action, so neither needs a priority. A cover that only tilts has nothing to raise.

Raising is opening: a garage door, door or gate declared a SMARTBED raises only with the
user's opt-in for it (not advertised without it, and refused by the guard of every service
call, ``Capability.async_call``), and raising or lowering it counts toward the burst limit.
The guard counts any ``set_cover_position`` as opening, so without the opt-in such a door
lowers only if it has ``close_cover``.

Raising and lowering through ``open_cover`` / ``close_cover`` are checked against the state
they end in, as Open and Close are (a door that reversed is a DeviceFailureError); moving to
a position is handed on unchecked (the outcome check calls services without data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.cover import (
    ATTR_POSITION,
    DOMAIN as COVER,
    CoverEntityFeature,
    CoverState,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    SERVICE_CLOSE_COVER,
    SERVICE_OPEN_COVER,
    SERVICE_SET_COVER_POSITION,
)

from ..outcome import Expectation
from ..protocol.catalog import LOWER, RAISE, ActionSpec
from ..sensitive import needs_opt_in
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

# Action -> the feature that moves the cover to that end, its service, and the position
# that end is (for a cover that can only be positioned).
_MOVES: dict[ActionSpec, tuple[CoverEntityFeature, str, int]] = {
    RAISE: (CoverEntityFeature.OPEN, SERVICE_OPEN_COVER, 100),
    LOWER: (CoverEntityFeature.CLOSE, SERVICE_CLOSE_COVER, 0),
}
# What raising and lowering should end in (as opening and closing: a reversal is a failure).
_OUTCOMES: dict[ActionSpec, Expectation] = {
    RAISE: Expectation(frozenset({CoverState.OPEN}), frozenset({CoverState.OPENING})),
    LOWER: Expectation(frozenset({CoverState.CLOSED}), frozenset({CoverState.CLOSING})),
}
_POSITION = CoverEntityFeature.SET_POSITION
_MOVING_FLAGS = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | _POSITION


@capability(
    RAISE,
    LOWER,
    domains={COVER},
    done={RAISE: "raised", LOWER: "lowered"},
)
class RaiseLower(Capability):
    """Raise (sensitive covers: only when opted in) and lower a cover to its ends."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        """A cover that moves itself (not only its tilt)."""
        return bool(appliance.features & _MOVING_FLAGS)

    @property
    def _may_raise(self) -> bool:
        """Not a garage door, door or gate, or one the user let Clova open."""
        sensitive = needs_opt_in(self.appliance.domain, self.attributes.get(ATTR_DEVICE_CLASS))
        return not sensitive or self.appliance.opted_in

    def _can(self, action: ActionSpec, may_open: bool) -> bool:
        if action is RAISE and not may_open:
            return False
        if self.features & _MOVES[action][0]:
            return True
        # Only by its position, which the guard counts as opening.
        return bool(self.features & _POSITION) and may_open

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        may_open = self._may_raise
        return frozenset(action for action in _MOVES if self._can(action, may_open))

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        flag, service, position = _MOVES[action]
        if self.features & flag:
            await self.async_command(action, {}, COVER, service, _OUTCOMES[action])
        else:  # it can only be positioned: to that end
            await self.async_call(COVER, SERVICE_SET_COVER_POSITION, {ATTR_POSITION: position})
        return {}
