"""GetExpendableState: the life of a purifier's, cooker's or bidet's filters and cartridges.

One ``ExpendableInfoObject`` per consumable sensor member (``sensor_roles.consumables``),
named as the sensor is (its own name, without its device's): a sensor in % gives its
``usage`` as it reports it — remaining life or usage, as its name says — in
``percentage``; one in a unit of time gives its ``remainingTime`` (ISO 8601, ``P166DT16H``).
The answer carries the newest ``last_updated`` of the sensors read.

Such sensors have no device class of their own (LG ThinQ's "Filter remaining", in % or
hours), so no device class brings this capability: it is asked of every appliance and
applies where a consumable sensor is a member. Unavailable sensors are left out; with none
left the answer is TargetOfflineError, and ValueNotFoundError when those left have no number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.const import PERCENTAGE

from ..protocol.catalog import GET_EXPENDABLE_STATE, ActionSpec
from ..protocol.errors import TargetOfflineError, ValueNotFoundError
from .base import Capability, capability
from .readings import number, read_at, reading
from .sensor_roles import consumables, duration_seconds, iso_duration, member_unit

if TYPE_CHECKING:
    from homeassistant.core import State

    from ..appliance import Appliance, Member


def _name(member: Member, state: State) -> str:
    """The sensor's own name (as the user renamed it), else its full name."""
    entry = member.registry_entry
    if entry is not None and (entry.name or entry.original_name):
        return str(entry.name or entry.original_name)
    return state.name


def expendable_info(member: Member, state: State) -> dict[str, Any] | None:
    """The ``ExpendableInfoObject`` of a consumable sensor's state (None: no value)."""
    if member_unit(member) == PERCENTAGE:
        value = reading(state)
        if value is None:
            return None
        usage = {"value": number(value), "unit": "percentage"}
        return {"name": _name(member, state), "usage": usage}
    seconds = duration_seconds(state)
    if seconds is None or seconds < 0:
        return None
    return {"name": _name(member, state), "remainingTime": iso_duration(seconds)}


# Declared for any domain: what brings it is a sensor member without a device class.
@capability(GET_EXPENDABLE_STATE)
class ExpendableState(Capability):
    """GetExpendableState from the consumable (filter, cartridge) sensor members."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(consumables(appliance))

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        entries: list[dict[str, Any]] = []
        used: list[State] = []
        readable = [
            (member, member.state)
            for member in consumables(self.appliance)
            if member.state is not None
        ]
        if not readable:
            raise TargetOfflineError
        for member, state in readable:
            if (info := expendable_info(member, state)) is not None:
                entries.append(info)
                used.append(state)
        if not entries:
            raise ValueNotFoundError
        return {"expendableInfo": entries, **read_at(*used)}
