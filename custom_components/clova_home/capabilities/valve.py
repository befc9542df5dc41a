"""Valves as Clova smart valves: LOCKED is closed."""

from __future__ import annotations

from .base import Capability


class Valve(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
