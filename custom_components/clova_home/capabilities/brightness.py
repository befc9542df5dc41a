"""Brightness and its increments for lights."""

from __future__ import annotations

from .base import Capability


class Brightness(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
