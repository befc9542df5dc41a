"""Scenes, scripts and buttons: TurnOn activates, runs or presses."""

from __future__ import annotations

from .base import Capability


class Activation(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
