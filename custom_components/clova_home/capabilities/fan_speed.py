"""Fan speed 1..3 on fans (percentage steps) and climate devices (fan modes)."""

from __future__ import annotations

from .base import Capability


class FanSpeed(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class ClimateFanSpeed(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
