"""One Home Assistant entity seen as a Clova appliance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from homeassistant.components.climate import HVACMode
from homeassistant.components.switch import SwitchDeviceClass
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_SUPPORTED_FEATURES,
    STATE_UNAVAILABLE,
    __version__ as ha_version,
)
from homeassistant.core import Context, HomeAssistant, State, split_entity_id
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .capabilities import CAPABILITIES, Capability
from .capabilities.power import Power
from .protocol.catalog import APPLIANCE_TYPES
from .service_call import async_call_service

HEALTH_CHECK = "HealthCheck"


def _climate_type(attributes: Mapping[str, Any]) -> str:
    modes = attributes.get("hvac_modes") or ()
    if HVACMode.COOL in modes or HVACMode.HEAT_COOL in modes:
        return "AIRCONDITIONER"
    if HVACMode.HEAT in modes:
        return "HEATER"
    return "THERMOSTAT"


def _switch_type(attributes: Mapping[str, Any]) -> str:
    if attributes.get(ATTR_DEVICE_CLASS) == SwitchDeviceClass.OUTLET:
        return "SMARTPLUG"
    return "SWITCH"


# Entity domain -> the Clova appliance type for an entity's attributes.
APPLIANCE_TYPE_BY_DOMAIN: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "climate": _climate_type,
    "fan": lambda _: "FAN",
    "input_boolean": lambda _: "SWITCH",
    "light": lambda _: "LIGHT",
    "lock": lambda _: "SMARTLOCK",
    "switch": _switch_type,
}

SUPPORTED_DOMAINS = tuple(sorted(APPLIANCE_TYPE_BY_DOMAIN))


def _registry_attributes(entry: er.RegistryEntry | None) -> Mapping[str, Any]:
    """What the registry remembers of an entity that has no usable state."""
    if entry is None:
        return MappingProxyType({})
    return {
        **(entry.capabilities or {}),
        ATTR_SUPPORTED_FEATURES: entry.supported_features,
        ATTR_DEVICE_CLASS: entry.device_class or entry.original_device_class,
    }


class Appliance:
    """An exposed entity as Clova sees it: its type, actions and capabilities."""

    def __init__(
        self,
        hass: HomeAssistant,
        entity_id: str,
        appliance_id: str,
        *,
        context: Context | None = None,
        allow_unlock: bool = False,
    ) -> None:
        self.hass = hass
        self.entity_id = entity_id
        self.appliance_id = appliance_id
        self.domain = split_entity_id(entity_id)[0]
        self.context = context or Context()
        self.allow_unlock = allow_unlock
        self.registry_entry = er.async_get(hass).async_get(entity_id)
        self.state: State | None = hass.states.get(entity_id)
        self.reachable = self.state is not None and self.state.state != STATE_UNAVAILABLE
        self.attributes: Mapping[str, Any] = (
            self.state.attributes
            if self.reachable and self.state is not None
            else _registry_attributes(self.registry_entry)
        )
        resolve_type = APPLIANCE_TYPE_BY_DOMAIN.get(self.domain)
        if resolve_type is None:
            raise ValueError(f"{entity_id}: domain {self.domain} cannot be a Clova appliance")
        self.appliance_type = resolve_type(self.attributes)
        permitted = APPLIANCE_TYPES[self.appliance_type]
        self.capabilities: list[Capability] = [
            capability(self)
            for capability in CAPABILITIES
            if capability.supported(self.domain, self.attributes)
        ]
        self._handlers: dict[str, Capability] = {}
        for capability in self.capabilities:
            for action in capability.supported_actions() & permitted:
                self._handlers.setdefault(action, capability)
        self.health_check = HEALTH_CHECK in permitted
        self.actions = sorted({*self._handlers, *([HEALTH_CHECK] if self.health_check else [])})

    @property
    def state_value(self) -> str | None:
        """The entity's state string, None when it has no usable state."""
        return self.state.state if self.reachable and self.state is not None else None

    @property
    def is_on(self) -> bool:
        """HealthCheck's ``isTurnOn``: working rather than idle."""
        if not self.reachable:
            return False
        return any(cap.is_on for cap in self.capabilities if isinstance(cap, Power))

    def capability_for(self, action: str) -> Capability | None:
        """The capability that handles ``action`` for this appliance."""
        return self._handlers.get(action)

    async def async_call_service(self, domain: str, service: str, data: dict[str, Any]) -> None:
        """Call a service as the Clova user."""
        await async_call_service(self.hass, domain, service, data, self.context)

    def friendly_name(self) -> str:
        """The name Clova uses for the appliance."""
        if self.state is not None:
            return self.state.name
        entry = self.registry_entry
        if entry is not None and (entry.name or entry.original_name):
            return str(entry.name or entry.original_name)
        return self.entity_id

    def discovery_object(self) -> dict[str, Any]:
        """The ``ApplianceInfoObject`` of a discovery response."""
        device = None
        if self.registry_entry is not None and self.registry_entry.device_id:
            device = dr.async_get(self.hass).async_get(self.registry_entry.device_id)
        details = [
            detail
            for cap in self.capabilities
            for detail in cap.action_details()
            if detail["action"] in self._handlers
        ]
        name = self.friendly_name()
        return {
            "applianceId": self.appliance_id,
            "manufacturerName": (device and device.manufacturer) or "Home Assistant",
            "modelName": (device and device.model) or self.domain,
            "version": (device and device.sw_version) or ha_version,
            "friendlyName": name,
            "friendlyDescription": f"{name} ({self.entity_id}) in Home Assistant",
            "isIr": False,
            "isReachable": self.reachable,
            "actions": self.actions,
            "applianceTypes": [self.appliance_type],
            "additionalApplianceDetails": {"actionDetails": details} if details else {},
            "tags": [],
        }
