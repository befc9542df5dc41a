"""Which entities Clova may see, and how appliance ids map to them.

An appliance id is the entity registry id, which survives an entity_id rename; an
entity without a registry entry (no unique id) uses its entity_id.
"""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er


class Exposure:
    """The set of exposed entities and the id mapping for one configuration."""

    def __init__(self, hass: HomeAssistant, entity_ids: Iterable[str]) -> None:
        self._hass = hass
        self.entity_ids = frozenset(entity_ids)

    def appliance_id(self, entity_id: str) -> str:
        """The stable Clova appliance id of ``entity_id``."""
        entry = er.async_get(self._hass).async_get(entity_id)
        return entry.id if entry is not None else entity_id

    def entity_id(self, appliance_id: str) -> str | None:
        """The exposed entity behind ``appliance_id``, or None."""
        registry = er.async_get(self._hass)
        entry = registry.entities.get_entry(appliance_id)
        if entry is not None:
            entity_id = entry.entity_id
        elif appliance_id in registry.entities:
            # A registered entity is known by its registry id only.
            return None
        else:
            entity_id = appliance_id
        return entity_id if entity_id in self.entity_ids else None
