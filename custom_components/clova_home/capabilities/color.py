"""Colour (HSV) and colour temperature (Kelvin) for lights."""

from __future__ import annotations

from .base import Capability


class Color(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class ColorTemperature(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
