"""Capability classes; an appliance gets every one that applies to it.

Every module of this package is imported here, so a capability declared with
``@capability`` in a new module is known without being listed anywhere. From the
declarations come the tables the rest of the integration reads: the capabilities in
the order that decides who handles an action (``CAPABILITIES``), the index of the
candidates per domain (``candidates``), the logbook's phrases (``DONE``) and the
spoken words (``words.WORDS``).
"""

from __future__ import annotations

from functools import lru_cache
import importlib
from itertools import combinations
import pkgutil

from . import words
from .base import DECLARED, Capability, Command, capability

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


def _may_meet(first: type[Capability], second: type[Capability]) -> bool:
    """Whether two capabilities can apply to one appliance (by their declarations)."""
    if first.sensor_classes or second.sensor_classes:
        return True  # a sensor member may join an appliance of any domain
    if first.domains is None or second.domains is None:
        return True
    return not first.domains.isdisjoint(second.domains)


def _check_competitors(declared: list[type[Capability]]) -> None:
    """Two capabilities offering an action to the same appliance need distinct priorities."""
    for first, second in combinations(declared, 2):
        shared = first.actions & second.actions
        if shared and first.priority == second.priority and _may_meet(first, second):
            names = ", ".join(sorted(spec.name for spec in shared))
            raise ValueError(
                f"{first.__name__} and {second.__name__} both offer {names}: declare priorities"
            )


def _merged[V](tables: list[tuple[str, dict[str, V]]], what: str) -> dict[str, V]:
    """One table from the declarations; a key declared twice must mean the same."""
    merged: dict[str, V] = {}
    for owner, table in tables:
        for key, value in table.items():
            if merged.setdefault(key, value) != value:
                raise ValueError(f"{owner} declares {what} {key!r} differently")
    return merged


_check_competitors(DECLARED)
# Higher priority first; declaration order among equals (they never compete).
CAPABILITIES: tuple[type[Capability], ...] = tuple(
    sorted(DECLARED, key=lambda declared: -declared.priority)
)
words.WORDS.update(_merged([(cap.__name__, dict(cap.words)) for cap in CAPABILITIES], "the word"))
# Action name -> what a successful command did, for the logbook ("turned on").
DONE: dict[str, str] = _merged(
    [(cap.__name__, dict(cap.done)) for cap in CAPABILITIES], "the logbook phrase of"
)


def _for_domain(domain: str) -> tuple[type[Capability], ...]:
    """The capabilities that can apply to an entity of ``domain`` by the entity itself."""
    return tuple(
        capability
        for capability in CAPABILITIES
        if capability.domains is None or domain in capability.domains
    )


# Domain -> candidates, in CAPABILITIES' order (which decides who handles an action).
_BY_DOMAIN: dict[str, tuple[type[Capability], ...]] = {
    domain: _for_domain(domain)
    for capability in CAPABILITIES
    for domain in capability.domains or ()
}
# Any other domain: only those that may apply anywhere.
_ANY_DOMAIN = _for_domain("")


@lru_cache(maxsize=256)
def _with_sensors(domain: str, sensor_classes: frozenset[str]) -> tuple[type[Capability], ...]:
    """The candidates of ``domain`` and of sensor members with these device classes."""
    return tuple(
        capability
        for capability in CAPABILITIES
        if capability.domains is None
        or domain in capability.domains
        or not capability.sensor_classes.isdisjoint(sensor_classes)
    )


def candidates(domain: str, sensor_classes: frozenset[str]) -> tuple[type[Capability], ...]:
    """The capabilities whose ``applies`` can be true for such an appliance.

    ``domain`` is the main entity's; ``sensor_classes`` the device classes of the
    appliance's ``sensor`` members (the main entity too when it is one). Every other
    capability's ``applies`` is false for it, by the classes' own declarations.
    """
    if not sensor_classes:
        return _BY_DOMAIN.get(domain, _ANY_DOMAIN)
    return _with_sensors(domain, sensor_classes)


__all__ = ["CAPABILITIES", "DONE", "Capability", "Command", "candidates", "capability"]
