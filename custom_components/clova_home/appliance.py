"""One exposed appliance: a Home Assistant entity (with its companion sensors) as Clova sees it.

What it is made of (its members' states), what it is (its Clova type) and what it can do
(the plan: which capability handles each action). How it is described to Clova — name,
room, discovery object — is ``discovery``'s job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_SUPPORTED_FEATURES,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant, State, split_entity_id
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from .appliance_types import detected_type, told_type
from .capabilities import Capability, Command, candidates
from .exposure import ApplianceSpec
from .protocol.catalog import APPLIANCE_TYPES, HEALTH_CHECK, ActionSpec
from .protocol.locations import KR_LOCATIONS

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _registry_attributes(entry: er.RegistryEntry | None) -> Mapping[str, Any]:
    """What the registry remembers of an entity that has no usable state."""
    if entry is None:
        return EMPTY
    return {
        **(entry.capabilities or {}),
        ATTR_SUPPORTED_FEATURES: entry.supported_features,
        ATTR_DEVICE_CLASS: entry.device_class or entry.original_device_class,
    }


@dataclass(frozen=True, slots=True)
class AppliancePlan:
    """What an appliance is, as decided from its entities: type, capabilities, actions.

    Deciding it runs ``applies_to`` of the capabilities that can concern the appliance
    (``capabilities.candidates``) and their ``supported_actions``; an
    :class:`ApplianceCache` keeps it while the inputs it was decided from are unchanged.
    """

    appliance_type: str
    capabilities: tuple[type[Capability], ...]
    handlers: Mapping[str, int]  # action name -> index of the capability that handles it
    health_check: bool
    actions: tuple[str, ...]  # sorted, as discovery lists them


@lru_cache(maxsize=1024)
def _plan(
    appliance_type: str,
    permitted: frozenset[str],
    classes: tuple[type[Capability], ...],
    offered: tuple[frozenset[ActionSpec], ...],
) -> AppliancePlan:
    """The plan of a type (with the actions it permits) whose capabilities offer these actions.

    Everything a plan says follows from these arguments, and homes have many appliances
    alike (every switch of a kind), so plans are made once and shared (they are frozen).
    ``permitted`` is part of the key, not looked up here, so a changed catalog entry
    can never be answered from an older plan.
    """
    handlers: dict[str, int] = {}
    for index, supported in enumerate(offered):
        for action in supported:
            if action.name in permitted:
                handlers.setdefault(action.name, index)
    health_check = HEALTH_CHECK.name in permitted
    actions = sorted({*handlers, *([HEALTH_CHECK.name] if health_check else [])})
    return AppliancePlan(
        appliance_type, classes, MappingProxyType(handlers), health_check, tuple(actions)
    )


class NotAnApplianceError(ValueError):
    """The entity is exposed but is nothing Clova has a type for (e.g. a moisture sensor)."""


def _available(state: State | None) -> bool:
    return state is not None and state.state != STATE_UNAVAILABLE


def _reachable(domain: str, main: bool, members: Iterable[bool]) -> bool:
    """Its main entity must be available; a device made of sensors needs any of them."""
    return any(members) if domain == Platform.SENSOR else main


def is_reachable(hass: HomeAssistant, spec: ApplianceSpec) -> bool:
    """Whether Clova can reach the appliance (without building it)."""
    states = hass.states
    return _reachable(
        split_entity_id(spec.entity_id)[0],
        _available(states.get(spec.entity_id)),
        (_available(states.get(entity_id)) for entity_id in spec.members),
    )


class Member:
    """One entity of an appliance: its state, or what the registry knows of it."""

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self.entity_id = entity_id
        self.domain = split_entity_id(entity_id)[0]
        self.registry_entry = er.async_get(hass).async_get(entity_id)
        state = hass.states.get(entity_id)
        self.reachable = _available(state)
        self.state: State | None = state if self.reachable else None
        self.attributes: Mapping[str, Any] = (
            state.attributes
            if state is not None and self.reachable
            else _registry_attributes(self.registry_entry)
        )

    @property
    def device_class(self) -> Any:
        """The entity's device class."""
        return self.attributes.get(ATTR_DEVICE_CLASS)


@dataclass(frozen=True, slots=True)
class ApplianceSettings:
    """What the user chose for the entity in the options (None: not chosen)."""

    appliance_type: str | None = None
    name: str | None = None
    location: str | None = None
    opted_in: bool = False  # Clova may unlock or open it (what discovery advertises)
    locations: frozenset[str] = KR_LOCATIONS  # the rooms the region's Clova knows


DEFAULT_SETTINGS = ApplianceSettings()


class Appliance:
    """An exposed appliance: its members, its type and its capabilities."""

    def __init__(
        self,
        hass: HomeAssistant,
        spec: ApplianceSpec,
        settings: ApplianceSettings = DEFAULT_SETTINGS,
    ) -> None:
        """Look the entities up; decide the type and capabilities (the plan)."""
        self.hass = hass
        self.spec = spec
        self.settings = settings
        self.appliance_id = spec.appliance_id
        self.entity_id = spec.entity_id
        self.members = [Member(hass, entity_id) for entity_id in spec.members]
        main = self.members[0]
        self.domain = main.domain
        self.registry_entry = main.registry_entry
        self.state = main.state
        self.attributes = main.attributes
        self.reachable = _reachable(
            self.domain, main.reachable, (member.reachable for member in self.members)
        )
        self.appliance_type = settings.appliance_type or self._detected_type()
        classes = tuple(
            capability
            for capability in candidates(self.domain, self.sensor_classes)
            if capability.applies(self)
        )
        # Made without a requester: they describe the appliance (discovery, state queries)
        # and never call a service; a request gets its own (capability_for).
        self.capabilities: list[Capability] = [capability(self) for capability in classes]
        self.plan = self._decide(classes)

    @property
    def health_check(self) -> bool:
        """Whether the appliance answers HealthCheck (its type permits it)."""
        return self.plan.health_check

    @property
    def actions(self) -> list[str]:
        """The actions discovery lists, sorted (read from the plan: a command needs none)."""
        return list(self.plan.actions)

    def _decide(self, classes: tuple[type[Capability], ...]) -> AppliancePlan:
        """The plan: which capability handles each action the type permits."""
        offered = tuple(capability.supported_actions() for capability in self.capabilities)
        return _plan(self.appliance_type, APPLIANCE_TYPES[self.appliance_type], classes, offered)

    @property
    def opted_in(self) -> bool:
        """Whether the user lets Clova unlock or open this entity."""
        return self.settings.opted_in

    @property
    def features(self) -> int:
        """The main entity's supported-features bit mask."""
        value = self.attributes.get(ATTR_SUPPORTED_FEATURES)
        return value if isinstance(value, int) else 0

    @cached_property
    def sensor_classes(self) -> frozenset[str]:
        """The device classes of the ``sensor`` members (reachable or not).

        What ``capabilities.candidates`` and ``readings.has_sensor`` look at. A device
        class that is not a string cannot equal any of Home Assistant's (strings).
        """
        return frozenset(
            member.device_class
            for member in self.members
            if member.domain == Platform.SENSOR and isinstance(member.device_class, str)
        )

    def _detected_type(self) -> str:
        detected = detected_type(
            self.domain,
            self.attributes,
            {member.device_class for member in self.members},
            told_type(
                self.domain,
                self.registry_entry,
                (member.registry_entry for member in self.members),
            ),
        )
        if detected is None:
            raise NotAnApplianceError(f"{self.entity_id} cannot be a Clova appliance")
        return detected

    @property
    def state_value(self) -> str | None:
        """The main entity's state string, None when it has no usable state."""
        return self.state.state if self.state is not None else None

    @property
    def last_updated(self) -> datetime:
        """When the appliance's state last changed in Home Assistant."""
        if self.state is not None:
            return self.state.last_updated
        updated = [member.state.last_updated for member in self.members if member.state]
        return max(updated, default=dt_util.utcnow())

    @property
    def is_on(self) -> bool:
        """HealthCheck's ``isTurnOn``: working rather than idle."""
        if not self.reachable:
            return False
        return any(cap.is_on for cap in self.capabilities)

    def capability_for(self, action: ActionSpec, command: Command) -> Capability | None:
        """The capability that handles ``action``, acting for the request of ``command``.

        The appliance is shared by every request while its inputs are unchanged (see
        ``ApplianceCache``); the request travels with the capability made here, so each
        service call carries its own request's context and policy.
        """
        index = self.plan.handlers.get(action.name)
        if index is None:
            return None
        return self.plan.capabilities[index](self, command)
