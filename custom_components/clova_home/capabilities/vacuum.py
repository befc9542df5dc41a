"""Robot vacuums: start, stop, return to the dock."""

from __future__ import annotations

from .base import Capability


class Vacuum(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
