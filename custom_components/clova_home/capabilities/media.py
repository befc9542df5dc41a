"""Media players: volume, mute, channels and input sources."""

from __future__ import annotations

from .base import Capability


class Volume(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class Mute(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class Channel(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class InputSource(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
