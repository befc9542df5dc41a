"""Queries answered from sensors and sensor attributes."""

from __future__ import annotations

from .base import Capability


class Humidity(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class FineDust(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class UltraFineDust(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class AirQuality(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class Battery(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class OpenState(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class OpenCloseTime(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class DetectedTime(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class PowerState(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()


class Consumption(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
