"""GetPhase: the step a washer, dryer, dishwasher or cooker is in, from its run-state sensor.

Clova's ``PhaseInfoObject`` is a string describing the phase, spoken to the user (the
reference's examples: "wash", "탈수", "洗濯"); there is no list of codes. A state the tables
of ``sensor_roles`` know is said in the Home Assistant language ("세탁", "헹굼", "탈수");
any other is said as the sensor's integration translates that state, else as it is (its
"_" read as spaces). Which sensor tells the phase is ``sensor_roles.phase_sources``'s
choice; the answer carries that sensor's ``last_updated``.

An unavailable phase sensor answers TargetOfflineError; one whose state tells no phase
(``unknown``, ``none``) ValueNotFoundError. The phase also says whether the appliance is
working, for HealthCheck's ``isTurnOn`` (on types that have a phase).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import Platform
from homeassistant.core import State
from homeassistant.helpers.translation import async_get_translations

from ..protocol.catalog import APPLIANCE_TYPES, GET_PHASE, ActionSpec
from ..protocol.errors import TargetOfflineError, ValueNotFoundError
from .base import Capability, capability
from .readings import read_at
from .sensor_roles import PHASE_SPOKEN, WORKING_KEYS, phase_sources, phase_state
from .words import word

if TYPE_CHECKING:
    from ..appliance import Member


@capability(GET_PHASE, domains=(), sensor_classes={SensorDeviceClass.ENUM}, words=PHASE_SPOKEN)
class Phase(Capability):
    """GetPhase from the appliance's enum (run-state, job-state) sensor members."""

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        return self.actions if phase_sources(self.appliance) else frozenset()

    @property
    @override
    def is_on(self) -> bool | None:
        """Working when the phase is a step or "running"; None where the type has no phase."""
        appliance = self.appliance
        if GET_PHASE.name not in APPLIANCE_TYPES[appliance.appliance_type]:
            return None
        found = phase_state(phase_sources(appliance))
        return found is not None and found[1] in WORKING_KEYS

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        sources = phase_sources(self.appliance)
        if all(member.state is None for member in sources):
            raise TargetOfflineError
        if (found := phase_state(sources)) is None:
            raise ValueNotFoundError
        state, key = found
        if key is not None:
            text = word(self.appliance.hass, key)
        else:
            member = next(member for member in sources if member.state is state)
            text = await self._translated(member, state) or state.state.replace("_", " ")
        return {"phase": {"value": text}, **read_at(state)}

    async def _translated(self, member: Member, state: State) -> str | None:
        """The state as the sensor's integration names it in the Home Assistant language."""
        entry = member.registry_entry
        if entry is None or not entry.translation_key:
            return None
        hass = self.appliance.hass
        strings = await async_get_translations(
            hass, hass.config.language, "entity", [entry.platform]
        )
        key = (
            f"component.{entry.platform}.entity.{Platform.SENSOR}."
            f"{entry.translation_key}.state.{state.state}"
        )
        return strings.get(key)
