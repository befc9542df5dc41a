"""Capability classes; an appliance gets every one that supports its entity.

Adding a device kind means adding a class here, never touching the dispatcher.
"""

from __future__ import annotations

from .base import Capability
from .lock import Lock
from .power import Power
from .temperature import CurrentTemperature, TargetTemperature

CAPABILITIES: tuple[type[Capability], ...] = (
    Power,
    Lock,
    TargetTemperature,
    CurrentTemperature,
)

__all__ = ["CAPABILITIES", "Capability"]
