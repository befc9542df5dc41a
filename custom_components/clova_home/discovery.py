"""How an appliance is described to Clova: its name, its room and its discovery object."""

from __future__ import annotations

from typing import Any

from homeassistant.const import Platform, __version__ as ha_version
from homeassistant.helpers import area_registry as ar, floor_registry as fr

from .appliance import Appliance
from .protocol.locations import location_code
from .registries import device_of, first_alias, hardware_of


def friendly_name(appliance: Appliance) -> str:
    """The name Clova uses: the user's Clova name, the first alias, the HA name."""
    if appliance.settings.name:
        return appliance.settings.name
    entry = appliance.registry_entry
    if entry is not None and (alias := first_alias(entry)):
        return alias
    if appliance.domain == Platform.SENSOR and len(appliance.members) > 1:
        device = device_of(appliance.hass, entry)
        if device is not None:
            return str(device.name_by_user or device.name or appliance.entity_id)
    if appliance.state is not None:
        return appliance.state.name
    if entry is not None and (entry.name or entry.original_name):
        return str(entry.name or entry.original_name)
    return appliance.entity_id


def room(appliance: Appliance) -> tuple[str | None, list[str]]:
    """Clova's ``location`` code and ``tags``.

    The room the user chose for Clova wins. Otherwise an area whose name (or
    alias) is a room Clova knows becomes that code; any other area is given as
    tags, with its floor's name when it has one.
    """
    if appliance.settings.location in appliance.settings.locations:
        return appliance.settings.location, []
    entry = appliance.registry_entry
    device = device_of(appliance.hass, entry)
    area_id = (entry.area_id if entry is not None else None) or (
        device.area_id if device is not None else None
    )
    area = ar.async_get(appliance.hass).async_get_area(area_id) if area_id else None
    if area is None:
        return None, []
    code = location_code([area.name, *sorted(area.aliases)], appliance.settings.locations)
    if code is not None:
        return code, []
    tags = [area.name]
    if area.floor_id and (floor := fr.async_get(appliance.hass).async_get_floor(area.floor_id)):
        tags.append(floor.name)
    return None, tags


def discovery_object(appliance: Appliance) -> dict[str, Any]:
    """The ``ApplianceInfoObject`` of a discovery response."""
    device = hardware_of(appliance.hass, device_of(appliance.hass, appliance.registry_entry))
    details = [
        detail
        for cap in appliance.capabilities
        for detail in cap.action_details()
        if detail["action"] in appliance.plan.handlers
    ]
    name = friendly_name(appliance)
    location, tags = room(appliance)
    discovered = {
        "applianceId": appliance.appliance_id,
        "manufacturerName": (device and device.manufacturer) or "Home Assistant",
        "modelName": (device and device.model) or appliance.domain,
        "version": (device and device.sw_version) or ha_version,
        "friendlyName": name,
        "friendlyDescription": f"{name} ({appliance.entity_id}) in Home Assistant",
        "isIr": False,
        "isReachable": appliance.reachable,
        "actions": appliance.actions,
        "applianceTypes": [appliance.appliance_type],
        "additionalApplianceDetails": {"actionDetails": details} if details else {},
        "tags": tags,
    }
    if location is not None:
        discovered["location"] = location
    return discovered
