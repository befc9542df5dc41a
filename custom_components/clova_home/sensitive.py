"""Sensitive service calls: what opens a way into the home, and what is rate-limited.

Locks, valves, and covers that are garage doors, doors or gates are sensitive entities.
On them, a service call that unlocks or opens needs the user's opt-in for that very
entity, and every call that moves them (opening or closing; stopping is not) counts
toward the burst limit (``rate_limit``).

These rules are about the service called, not about the Clova action or type that led
to it, and ``Capability.async_call`` — the one way a capability calls a service — applies
them to every call: whatever type a user declares for an entity, no Clova action can
reach an opening service without the opt-in, nor get around the limit.
"""

from __future__ import annotations

from enum import Enum

from homeassistant.components.cover import CoverDeviceClass

# Covers that open a way into the home.
SENSITIVE_COVER_CLASSES = frozenset(
    {CoverDeviceClass.DOOR, CoverDeviceClass.GARAGE, CoverDeviceClass.GATE}
)


class Sensitivity(Enum):
    """How a service call on a sensitive entity is guarded."""

    LIMITED = "limited"  # counts toward the burst limit
    OPENS = "opens"  # needs the opt-in, and counts toward the burst limit


_L, _O = Sensitivity.LIMITED, Sensitivity.OPENS

# Domain -> service -> its sensitivity, for the domain's sensitive entities. A service
# not listed (stopping, or anything that does not move the entity) is not guarded.
_SERVICES: dict[str, dict[str, Sensitivity]] = {
    "lock": {"lock": _L, "unlock": _O, "open": _O},
    "valve": {
        "close_valve": _L,
        "open_valve": _O,
        "set_valve_position": _O,  # any position but 0 is open
        "toggle": _O,
    },
    "cover": {
        "close_cover": _L,
        "close_cover_tilt": _L,
        "open_cover": _O,
        "open_cover_tilt": _O,
        "set_cover_position": _O,
        "set_cover_tilt_position": _O,
        "toggle": _O,
        "toggle_cover_tilt": _O,
    },
}


def needs_opt_in(domain: str, device_class: str | None) -> bool:
    """Whether an entity is sensitive: unlocking or opening it needs the user's opt-in."""
    if domain == "cover":
        return device_class in SENSITIVE_COVER_CLASSES
    return domain in _SERVICES


def sensitivity(
    entity_domain: str, device_class: str | None, domain: str, service: str
) -> Sensitivity | None:
    """How a call of ``domain.service`` on an entity (its domain and device class) is guarded.

    On a sensitive entity, a service of another domain than the entity's own (say
    ``homeassistant.turn_on``, which opens a cover and unlocks a lock) counts as opening.
    """
    if not needs_opt_in(entity_domain, device_class):
        return None
    if domain != entity_domain:
        return Sensitivity.OPENS
    return _SERVICES[domain].get(service)
