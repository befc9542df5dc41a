"""What is known about each exposed appliance, kept until something it was decided from changes.

Deciding what an appliance is (its Clova type and which capabilities apply) and building its
discovery object (action details, name, room) takes tens of microseconds: a home with
thousands of exposed entities would pay that for each of them on every
``DiscoverAppliancesRequest``, and every command would pay it for its appliance.

Everything these are decided from is a Home Assistant object that is replaced, never changed
in place, when it changes: the members' states and entity registry entries, the device (and
a child device's parent), area and floor registry entries, the unit system and the language.
The runtime's options (names, types, rooms, unlock opt-ins) are fixed for the life of the
runtime that holds this cache. So a result is reused while each of those inputs is the very
same object (identity, not equality: a cached input stays referenced, so no other object
can be mistaken for it), and is decided afresh as soon as any of them is not.

Entries are kept per appliance and the members it is made of: a user whose Home Assistant
permissions let them read only some members of an appliance (see ``RequestScope.readable``)
gets an appliance of those members, never one made for someone who may read more.

The appliance itself is kept (about 1.9 KiB each): a command or query on an appliance
whose plan inputs are unchanged is answered by that very appliance instead of a new one
(the requester travels with the capability, ``Appliance.capability_for``); alike
appliances share one plan (``appliance._plan``). The discovery objects handed out are
shared between answers: treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import logging
import operator
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    floor_registry as fr,
)

from .appliance import Appliance, NotAnApplianceError
from .discovery import discovery_object
from .exposure import ApplianceSpec
from .registries import hardware_of

_LOGGER = logging.getLogger(__name__)

type ApplianceBuilder = Callable[[ApplianceSpec], Appliance]
# An appliance's id and the members it is made of.
type _Key = tuple[str, tuple[str, ...]]


@dataclass(slots=True)
class _Entry:
    inputs: tuple[object, ...]  # compared by identity with the current ones
    listed: bool | None = None  # None: not built yet; False: discovery leaves it out
    discovered: dict[str, Any] = field(default_factory=dict)
    built: Appliance | None = None  # reused by every request while the inputs are the same


class ApplianceCache:
    """Per exposed appliance: the appliance and its discovery object, with their inputs."""

    def __init__(self) -> None:
        self._entries: dict[_Key, _Entry] = {}
        self._lookup: _Lookup | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget everything: the next request decides and builds afresh."""
        self._entries = {}

    def appliance(
        self, hass: HomeAssistant, spec: ApplianceSpec, build: ApplianceBuilder
    ) -> Appliance:
        """The appliance for ``spec``, built by ``build`` when not current.

        A command or query needs the appliance, not its discovery object, and an appliance
        is decided from the members' states and registry entries, the units and the
        language only: when those are the cached ones, the built appliance is reused
        without looking up the device, area and floor the discovery object also depends on.
        """
        lookup = self._registries(hass)
        entry = self._entries.get((spec.appliance_id, spec.members))
        if (
            entry is None
            or entry.built is None
            or not _made_from(
                entry, lookup.plan_inputs(spec, lookup.entities.async_get(spec.entity_id))
            )
        ):
            entry = self._current(lookup, spec)
        if entry.built is None:
            entry.built = build(spec)
        return entry.built

    def discover(
        self,
        hass: HomeAssistant,
        specs: Iterable[ApplianceSpec],
        build: ApplianceBuilder,
        exposed: Mapping[str, ApplianceSpec],
    ) -> list[dict[str, Any]]:
        """The discovery objects of ``specs``, built where not cached.

        An appliance that is not one (:class:`NotAnApplianceError`) is left out and
        remembered so; any other exception leaves it out this time only. ``exposed``
        (every exposed appliance by id) bounds the cache: entries of appliances no longer
        exposed, or made of entities that are no longer their members, are dropped.
        """
        lookup = self._registries(hass)
        discovered: list[dict[str, Any]] = []
        for spec in specs:
            entry = self._current(lookup, spec)
            if entry.listed is None:
                try:
                    appliance = entry.built or build(spec)
                    entry.discovered = discovery_object(appliance)
                except NotAnApplianceError as err:
                    _LOGGER.debug("Not listed in Clova discovery: %s", err)
                    entry.listed = False
                    continue
                except Exception:  # one odd entity must not empty the list
                    _LOGGER.exception("Skipping %s in Clova discovery", spec.entity_id)
                    continue
                entry.listed, entry.built = True, appliance
            if entry.listed:
                discovered.append(entry.discovered)
        if len(self._entries) > len(exposed):
            self._entries = {
                key: value for key, value in self._entries.items() if _still_exposed(key, exposed)
            }
        return discovered

    def _registries(self, hass: HomeAssistant) -> _Lookup:
        """The registries, fetched once: Home Assistant keeps each for its whole life."""
        if self._lookup is None or self._lookup.hass is not hass:
            self._lookup = _Lookup(hass)
        return self._lookup

    def _current(self, lookup: _Lookup, spec: ApplianceSpec) -> _Entry:
        """The entry for ``spec``, a fresh one when any input changed."""
        inputs = lookup.inputs(spec)
        key = (spec.appliance_id, spec.members)
        entry = self._entries.get(key)
        if entry is None or not _made_from(entry, inputs):
            entry = self._entries[key] = _Entry(inputs)
        return entry


def _made_from(entry: _Entry, found: Sequence[object]) -> bool:
    """Whether ``entry`` was made from these very objects.

    ``found`` is all of the inputs or the first of them (:meth:`_Lookup.plan_inputs`).
    """
    return all(map(operator.is_, found, entry.inputs))


def _still_exposed(key: _Key, exposed: Mapping[str, ApplianceSpec]) -> bool:
    """Whether the appliance is exposed and each of the key's members is one of its own."""
    appliance_id, members = key
    spec = exposed.get(appliance_id)
    return spec is not None and set(members) <= set(spec.members)


class _Lookup:
    """The state machine and the registries of one Home Assistant."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.states = hass.states
        self.entities = er.async_get(hass)
        self.devices = dr.async_get(hass)
        self.areas = ar.async_get(hass)
        self.floors = fr.async_get(hass)

    def plan_inputs(self, spec: ApplianceSpec, main: er.RegistryEntry | None) -> list[object]:
        """The objects the appliance's plan depends on (``main``: its entity's registry entry).

        They come first in :meth:`inputs`.
        """
        config = self.hass.config
        found: list[object] = [config.units, config.language, main]
        for entity_id in spec.members:
            found.append(self.states.get(entity_id))
            if entity_id != spec.entity_id:
                found.append(self.entities.async_get(entity_id))
        return found

    def inputs(self, spec: ApplianceSpec) -> tuple[object, ...]:
        """Every object the appliance's plan and discovery object depend on."""
        main = self.entities.async_get(spec.entity_id)
        found = self.plan_inputs(spec, main)
        device = self.devices.async_get(main.device_id) if main and main.device_id else None
        area_id = (main.area_id if main else None) or (device.area_id if device else None)
        area = self.areas.async_get_area(area_id) if area_id else None
        floor = self.floors.async_get_floor(area.floor_id) if area and area.floor_id else None
        found += (device, hardware_of(self.hass, device), area, floor)
        return tuple(found)
