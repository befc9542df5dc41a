"""Registry reads that differ between the Home Assistant releases supported (2025.4 to 2026.10).

Home Assistant 2026 changed two things the integration reads:

- an entity's aliases became a list in the user's order, which may hold a marker standing
  for the entity's own name (new entities start with just that marker); before, they were an
  unordered set of strings;
- a device may be a child device (one part of a physical device, such as one outlet of a
  power strip). It has a name and an area of its own, but its make, model and firmware are
  its parent's; reading them from the child is deprecated.

Each helper reads both shapes, so the rest of the integration is written once.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er


def first_alias(entry: er.RegistryEntry) -> str | None:
    """The alias to call the entity by, or None to use its own name.

    That is the first alias in the user's order (2026), or the first alphabetically of an
    unordered set (2025). None when there is no alias, or when the user put the entity's own
    name first.
    """
    aliases: Collection[object] = entry.aliases
    if isinstance(aliases, list):
        first = aliases[0] if aliases else None
        return first if isinstance(first, str) else None
    names = sorted(alias for alias in aliases if isinstance(alias, str))
    return names[0] if names else None


class PlacedDevice(Protocol):
    """What every kind of device has: a name and an area."""

    @property
    def name(self) -> str | None:
        """The name its integration gave it."""

    @property
    def name_by_user(self) -> str | None:
        """The name the user gave it."""

    @property
    def area_id(self) -> str | None:
        """The area it is in."""


def device_of(hass: HomeAssistant, entry: er.RegistryEntry | None) -> PlacedDevice | None:
    """The entity's device (a child device included), if it has one."""
    if entry is None or not entry.device_id:
        return None
    return dr.async_get(hass).async_get(entry.device_id)


def hardware_of(hass: HomeAssistant, device: PlacedDevice | None) -> dr.DeviceEntry | None:
    """The device that tells make, model and firmware: the device, or a child device's parent."""
    parent_id = getattr(device, "parent_device_id", None)
    if isinstance(parent_id, str):
        device = dr.async_get(hass).async_get(parent_id)
    return device if isinstance(device, dr.DeviceEntry) else None
