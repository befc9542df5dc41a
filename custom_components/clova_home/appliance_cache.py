"""Discovery objects, kept per appliance until something they are built from changes.

Building an appliance (type, capabilities, action details, name, room) takes tens of
microseconds, which a home with thousands of exposed entities would pay for each of them
on every ``DiscoverAppliancesRequest``. Everything an appliance's discovery object is
built from is a Home Assistant object that is replaced, never changed in place, when it
changes: the members' states and entity registry entries, the device, area and floor
registry entries, the unit system and the language. The runtime's options (names, types,
rooms, unlock opt-ins) are fixed for the life of the runtime that holds this cache. So an
object is reused while each of those inputs is the very same object (identity, not
equality: a cached input is kept referenced, so its ``id`` cannot be reused), and is
rebuilt as soon as any of them is not.

The objects handed out are shared between answers: treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    floor_registry as fr,
)

from .appliance import NotAnApplianceError
from .exposure import ApplianceSpec

_LOGGER = logging.getLogger(__name__)

type Builder = Callable[[ApplianceSpec], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class _Entry:
    inputs: tuple[object, ...]  # referenced so that their ids stay theirs
    ids: tuple[int, ...]
    discovered: dict[str, Any] | None  # None: not listed


class DiscoveryCache:
    """The discovery object of each exposed appliance, with the inputs it was built from."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every object: the next discovery builds them all."""
        self._entries = {}

    def discover(
        self,
        hass: HomeAssistant,
        specs: Iterable[ApplianceSpec],
        build: Builder,
        exposed: Collection[str],
    ) -> list[dict[str, Any]]:
        """The discovery objects of ``specs``, built by ``build`` where not cached.

        An appliance for which ``build`` raises :class:`NotAnApplianceError` is left out
        (and remembered so); any other exception leaves it out this time only. ``exposed``
        (every exposed appliance id) bounds the cache: entries of appliances no longer
        exposed are dropped.
        """
        lookup = _Lookup(hass)
        entries = self._entries
        discovered: list[dict[str, Any]] = []
        for spec in specs:
            inputs = lookup.inputs(spec)
            ids = tuple(map(id, inputs))
            entry = entries.get(spec.appliance_id)
            if entry is None or entry.ids != ids:
                try:
                    entry = _Entry(inputs, ids, build(spec))
                except NotAnApplianceError as err:
                    _LOGGER.debug("Not listed in Clova discovery: %s", err)
                    entry = _Entry(inputs, ids, None)
                except Exception:  # one odd entity must not empty the list
                    _LOGGER.exception("Skipping %s in Clova discovery", spec.entity_id)
                    continue
                entries[spec.appliance_id] = entry
            if entry.discovered is not None:
                discovered.append(entry.discovered)
        if len(entries) > len(exposed):
            self._entries = {key: value for key, value in entries.items() if key in exposed}
        return discovered


class _Lookup:
    """The registries, fetched once per discovery."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.states = hass.states
        self.entities = er.async_get(hass)
        self.devices = dr.async_get(hass)
        self.areas = ar.async_get(hass)
        self.floors = fr.async_get(hass)

    def inputs(self, spec: ApplianceSpec) -> tuple[object, ...]:
        """Every object the appliance's discovery object depends on."""
        config = self.hass.config
        main = self.entities.async_get(spec.entity_id)
        found: list[object] = [config.units, config.language, main]
        for entity_id in spec.members:
            found.append(self.states.get(entity_id))
            if entity_id != spec.entity_id:
                found.append(self.entities.async_get(entity_id))
        device = self.devices.async_get(main.device_id) if main and main.device_id else None
        area_id = (main.area_id if main else None) or (device.area_id if device else None)
        area = self.areas.async_get_area(area_id) if area_id else None
        floor = self.floors.async_get_floor(area.floor_id) if area and area.floor_id else None
        found += (device, area, floor)
        return tuple(found)
