"""Keep the options pointing at an entity after its entity_id is renamed.

Clova knows an appliance by its registry id, which a rename keeps; the options list
entities by entity_id, which a rename changes. Following the rename keeps the entity
exposed (and its opt-in, type, name and room) instead of silently dropping it from Clova.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_UNLOCK_ENTITIES,
)


def renamed_options(options: Mapping[str, Any], old: str, new: str) -> dict[str, Any] | None:
    """The options with ``old`` replaced by ``new``, or None when ``old`` is not in them."""
    updated = dict(options)
    changed = False
    for key in (CONF_EXPOSED_ENTITIES, CONF_UNLOCK_ENTITIES):
        entity_ids = list(options.get(key) or ())
        if old in entity_ids:
            updated[key] = [new if entity_id == old else entity_id for entity_id in entity_ids]
            changed = True
    for key in (CONF_APPLIANCE_TYPES, CONF_NAMES, CONF_LOCATIONS):
        per_entity = dict(options.get(key) or {})
        if old in per_entity:
            per_entity[new] = per_entity.pop(old)
            updated[key] = per_entity
            changed = True
    return updated if changed else None
