"""Which entities Clova may see, grouped into appliances, and how ids map to them.

The user's rules pick the entities: an explicit list, or Home Assistant's own Assist
exposure list (Settings → Voice assistants), widened by areas and labels and then
narrowed by areas and labels. Rules that pick entities in bulk (Assist, areas,
labels) never pick hidden or disabled entities, nor configuration/diagnostic ones.

Most exposed entities are an appliance of their own. Sensors are different: the
sensors of one Home Assistant device answer for that device — as companions of its
main entity (a purifier's PM2.5 sensor; a washer's run-state, remaining-time and
filter sensors next to its power switch), or, on a device that is only sensors, as
one appliance together (a temperature + humidity + PM monitor is one AIRSENSOR; a
washer whose integration makes no power switch is one CLOTHESWASHER).

The main entity of a device of sensors is the one the user gave a Clova name, type or
room (the options keep them per entity, and the appliance's are its main entity's),
else the first by entity_id: choosing a type for the washer's sensors types the washer,
and exposing one more of its sensors later does not lose that choice.

An appliance id is the entity registry id, which survives an entity_id rename; an
entity without a registry entry (no unique id) uses its entity_id; a device made of
sensors only uses its device registry id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
import logging
from typing import Any

from homeassistant.components.homeassistant.exposed_entities import (
    DATA_EXPOSED_ENTITIES,
    async_listen_entity_updates,
    async_should_expose,
)
from homeassistant.const import EVENT_STATE_CHANGED, Platform
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
    split_entity_id,
)
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    label_registry as lr,
)

from .appliance_types import SUPPORTED_DOMAINS
from .const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXCLUDE_AREAS,
    CONF_EXCLUDE_LABELS,
    CONF_EXPOSED_ENTITIES,
    CONF_EXPOSURE_SOURCE,
    CONF_INCLUDE_AREAS,
    CONF_INCLUDE_LABELS,
    CONF_LOCATIONS,
    CONF_NAMES,
    DOMAIN,
    SOURCE_ASSIST,
    SOURCE_ENTITIES,
)

_LOGGER = logging.getLogger(__name__)

# Home Assistant's id for the Assist exposure list.
ASSIST = "conversation"
# Domains that never take sensors as companions (they are sensors themselves).
_NO_COMPANIONS = frozenset({Platform.SENSOR, Platform.BINARY_SENSOR})
_SUPPORTED = frozenset(SUPPORTED_DOMAINS)


@dataclass(frozen=True, slots=True)
class ExposureRules:
    """The user's choice of what Clova sees (nothing, by default)."""

    source: str = SOURCE_ENTITIES
    entities: frozenset[str] = frozenset()
    include_areas: frozenset[str] = frozenset()
    include_labels: frozenset[str] = frozenset()
    exclude_areas: frozenset[str] = frozenset()
    exclude_labels: frozenset[str] = frozenset()
    # Entities with a Clova name, type or room of their own: they lead their device's sensors.
    configured: frozenset[str] = frozenset()

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> ExposureRules:
        """The rules stored in a config entry's options."""

        def ids(key: str) -> frozenset[str]:
            return frozenset(options.get(key) or ())

        return cls(
            source=SOURCE_ASSIST
            if options.get(CONF_EXPOSURE_SOURCE) == SOURCE_ASSIST
            else SOURCE_ENTITIES,
            entities=ids(CONF_EXPOSED_ENTITIES),
            include_areas=ids(CONF_INCLUDE_AREAS),
            include_labels=ids(CONF_INCLUDE_LABELS),
            exclude_areas=ids(CONF_EXCLUDE_AREAS),
            exclude_labels=ids(CONF_EXCLUDE_LABELS),
            configured=frozenset(
                str(entity_id)
                for key in (CONF_APPLIANCE_TYPES, CONF_NAMES, CONF_LOCATIONS)
                if isinstance(chosen := options.get(key), Mapping)
                for entity_id in chosen
            ),
        )


@dataclass(frozen=True, slots=True)
class _Placement:
    """Where an entity is, as far as area and label rules are concerned."""

    area_id: str | None
    labels: frozenset[str] = field(default_factory=frozenset)

    def matches(self, areas: Collection[str], labels: Collection[str]) -> bool:
        return (self.area_id is not None and self.area_id in areas) or not self.labels.isdisjoint(
            labels
        )


def _placement(entry: er.RegistryEntry, devices: dr.DeviceRegistry) -> _Placement:
    """The entity's area (its own, else its device's) and labels (its own and its device's)."""
    device = devices.async_get(entry.device_id) if entry.device_id else None
    area_id = entry.area_id or (device.area_id if device is not None else None)
    labels = set(entry.labels)
    if device is not None:
        labels |= device.labels
    return _Placement(area_id, frozenset(labels))


def _bulk_candidate(entry: er.RegistryEntry | None) -> bool:
    """Whether a bulk rule may pick this entity (hidden/disabled/helper entities: never)."""
    if entry is None:
        return True
    return entry.hidden_by is None and entry.disabled_by is None and entry.entity_category is None


def select_entities(hass: HomeAssistant, rules: ExposureRules) -> frozenset[str]:
    """The entity_ids the rules pick, right now."""
    registry = er.async_get(hass)
    devices = dr.async_get(hass)
    if rules.source == SOURCE_ASSIST:
        chosen = _assist_entities(hass, registry)
    else:
        chosen = set(rules.entities)
    if rules.include_areas or rules.include_labels:
        for entry in registry.entities.values():
            if (
                entry.domain in _SUPPORTED
                and _bulk_candidate(entry)
                and _placement(entry, devices).matches(rules.include_areas, rules.include_labels)
            ):
                chosen.add(entry.entity_id)
    if rules.exclude_areas or rules.exclude_labels:
        for entity_id in list(chosen):
            found = registry.async_get(entity_id)
            if found is not None and _placement(found, devices).matches(
                rules.exclude_areas, rules.exclude_labels
            ):
                chosen.discard(entity_id)
    # Never this integration's own (status) entities, even when picked by hand.
    return frozenset(
        entity_id
        for entity_id in chosen
        if (found := registry.async_get(entity_id)) is None or found.platform != DOMAIN
    )


def _assist_entities(hass: HomeAssistant, registry: er.EntityRegistry) -> set[str]:
    """The supported entities the user exposed to Assist."""
    if DATA_EXPOSED_ENTITIES not in hass.data:  # the homeassistant integration is not loaded
        _LOGGER.warning("The Assist exposure list is not available yet")
        return set()
    return {
        state.entity_id
        for state in hass.states.async_all(_SUPPORTED)
        if _bulk_candidate(registry.async_get(state.entity_id))
        and async_should_expose(hass, ASSIST, state.entity_id)
    }


@dataclass(frozen=True, slots=True)
class ApplianceSpec:
    """The entities behind one Clova appliance."""

    appliance_id: str
    entity_id: str  # the main entity: its domain decides the appliance type
    members: tuple[str, ...]  # the main entity first, then companion sensors

    @property
    def sensors_only(self) -> bool:
        """Whether it is made of sensors only: a device of sensors (or one sensor)."""
        return split_entity_id(self.entity_id)[0] == Platform.SENSOR

    def narrowed(self, members: tuple[str, ...]) -> ApplianceSpec:
        """The same appliance made of some of its members (in their order; not empty).

        The first one left is the main entity: the main entity itself when it is kept,
        else (a device of sensors) the first sensor left.
        """
        return ApplianceSpec(self.appliance_id, members[0], members)


class Exposure:
    """The exposed entities of one configuration, grouped into appliances.

    The selection and grouping are computed once and kept until something they
    depend on changes (:meth:`invalidate`: registries, Assist exposure, entities
    coming or going), so a request does not re-evaluate every entity.
    """

    def __init__(self, hass: HomeAssistant, rules: ExposureRules) -> None:
        self._hass = hass
        self.rules = rules
        self._entity_ids: frozenset[str] | None = None
        self._index: dict[str, ApplianceSpec] | None = None

    def invalidate(self) -> None:
        """Forget the selection and grouping; the next request recomputes them."""
        self._entity_ids = None
        self._index = None

    @property
    def entity_ids(self) -> frozenset[str]:
        """The exposed entity_ids."""
        if self._entity_ids is None:
            self._entity_ids = select_entities(self._hass, self.rules)
        return self._entity_ids

    def specs(self) -> list[ApplianceSpec]:
        """Every exposed appliance, in a stable order."""
        return list(self._specs_by_id().values())

    def by_id(self) -> Mapping[str, ApplianceSpec]:
        """Every exposed appliance by its id (read-only)."""
        return self._specs_by_id()

    def spec(self, appliance_id: str) -> ApplianceSpec | None:
        """The exposed appliance with this id, or None."""
        return self._specs_by_id().get(appliance_id)

    def _specs_by_id(self) -> dict[str, ApplianceSpec]:
        if self._index is None:
            self._index = {spec.appliance_id: spec for spec in self._group()}
        return self._index

    def _group(self) -> list[ApplianceSpec]:
        registry = er.async_get(self._hass)
        mains: list[tuple[str, er.RegistryEntry | None]] = []
        sensors_by_device: dict[str, list[str]] = defaultdict(list)
        devices_with_a_main: set[str] = set()
        specs: list[ApplianceSpec] = []

        for entity_id in sorted(self.entity_ids):
            entry = registry.async_get(entity_id)
            device_id = entry.device_id if entry is not None else None
            domain = split_entity_id(entity_id)[0]
            if domain == Platform.SENSOR and device_id:
                sensors_by_device[device_id].append(entity_id)
                continue
            mains.append((entity_id, entry))
            if device_id and domain not in _NO_COMPANIONS:
                devices_with_a_main.add(device_id)

        for entity_id, entry in mains:
            companions: list[str] = []
            if (
                entry is not None
                and entry.device_id in devices_with_a_main
                and split_entity_id(entity_id)[0] not in _NO_COMPANIONS
            ):
                companions = sensors_by_device.get(entry.device_id, [])
            specs.append(
                ApplianceSpec(
                    appliance_id=entry.id if entry is not None else entity_id,
                    entity_id=entity_id,
                    members=(entity_id, *companions),
                )
            )
        for device_id, sensors in sensors_by_device.items():
            if device_id not in devices_with_a_main:
                configured = self.rules.configured
                main = next((sensor for sensor in sensors if sensor in configured), sensors[0])
                others = (sensor for sensor in sensors if sensor != main)
                specs.append(ApplianceSpec(device_id, main, (main, *others)))
        return sorted(specs, key=lambda spec: spec.entity_id)


# Registry changes that can move an entity in or out of the rules, or regroup it.
_REGISTRY_EVENTS = (
    er.EVENT_ENTITY_REGISTRY_UPDATED,
    dr.EVENT_DEVICE_REGISTRY_UPDATED,
    ar.EVENT_AREA_REGISTRY_UPDATED,
    lr.EVENT_LABEL_REGISTRY_UPDATED,
)


@callback
def _entity_added_or_removed(event_data: EventStateChangedData) -> bool:
    return event_data["old_state"] is None or event_data["new_state"] is None


@callback
def async_track_exposure_inputs(hass: HomeAssistant, exposure: Exposure) -> CALLBACK_TYPE:
    """Invalidate ``exposure`` whenever what it was computed from changes."""

    @callback
    def _changed(_event: Event[Any] | None = None) -> None:
        exposure.invalidate()

    unsubscribes = [hass.bus.async_listen(event, _changed) for event in _REGISTRY_EVENTS]
    unsubscribes.append(
        hass.bus.async_listen(EVENT_STATE_CHANGED, _changed, event_filter=_entity_added_or_removed)
    )
    if exposure.rules.source == SOURCE_ASSIST and DATA_EXPOSED_ENTITIES in hass.data:
        unsubscribes.append(async_listen_entity_updates(hass, ASSIST, _changed))

    @callback
    def _unsubscribe() -> None:
        for unsubscribe in unsubscribes:
            unsubscribe()

    return _unsubscribe
