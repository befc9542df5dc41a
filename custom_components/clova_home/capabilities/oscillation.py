"""Start and stop oscillation (fans' oscillate, climate swing)."""

from __future__ import annotations

from .base import Capability


class Oscillation(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
