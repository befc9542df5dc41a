"""Capability classes; an appliance gets every one that applies to it.

Adding a device kind means adding a class here, never touching the dispatcher. When
two capabilities offer the same action, the one listed first handles it.

Each class also declares where its ``applies_to`` can be true (``domains`` of the main
entity, ``sensor_classes`` of sensor members); :func:`candidates` uses an index built
from those declarations at import, so deciding an appliance's capabilities asks only
the few that can concern it instead of every class (most of rebuilding an appliance).
"""

from __future__ import annotations

from functools import lru_cache

from .activation import Activation
from .air import AirQuality, FineDust, Humidity, UltraFineDust
from .base import Capability
from .battery import Battery
from .brightness import Brightness
from .color import Color, ColorTemperature
from .consumption import Consumption
from .contact import DetectedTime, OpenCloseTime, OpenState
from .device_state import DeviceState
from .fan_speed import ClimateFanSpeed, FanSpeed
from .lock import Lock
from .media import Channel, InputSource, Mute, Volume
from .mode import Mode
from .open_close import OpenClose
from .oscillation import Oscillation
from .power import Power
from .power_state import PowerState
from .temperature import CurrentTemperature, TargetTemperature
from .vacuum import Vacuum
from .valve import Valve

CAPABILITIES: tuple[type[Capability], ...] = (
    Power,
    Activation,
    Vacuum,
    Lock,
    Valve,
    Brightness,
    Color,
    ColorTemperature,
    FanSpeed,
    ClimateFanSpeed,
    Mode,
    Oscillation,
    OpenClose,
    Volume,
    Mute,
    Channel,
    InputSource,
    TargetTemperature,
    CurrentTemperature,
    Humidity,
    FineDust,
    UltraFineDust,
    AirQuality,
    Battery,
    OpenState,
    OpenCloseTime,
    DetectedTime,
    PowerState,
    Consumption,
    DeviceState,
)


def _for_domain(domain: str) -> tuple[type[Capability], ...]:
    """The capabilities that can apply to an entity of ``domain`` by the entity itself."""
    return tuple(
        capability
        for capability in CAPABILITIES
        if capability.domains is None or domain in capability.domains
    )


# Domain -> candidates, in CAPABILITIES' order (which decides who handles an action).
_BY_DOMAIN: dict[str, tuple[type[Capability], ...]] = {
    domain: _for_domain(domain)
    for capability in CAPABILITIES
    for domain in capability.domains or ()
}
# Any other domain: only those that may apply anywhere.
_ANY_DOMAIN = _for_domain("")


@lru_cache(maxsize=256)
def _with_sensors(domain: str, sensor_classes: frozenset[str]) -> tuple[type[Capability], ...]:
    """The candidates of ``domain`` and of sensor members with these device classes."""
    return tuple(
        capability
        for capability in CAPABILITIES
        if capability.domains is None
        or domain in capability.domains
        or not capability.sensor_classes.isdisjoint(sensor_classes)
    )


def candidates(domain: str, sensor_classes: frozenset[str]) -> tuple[type[Capability], ...]:
    """The capabilities whose ``applies_to`` can be true for such an appliance.

    ``domain`` is the main entity's; ``sensor_classes`` the device classes of the
    appliance's ``sensor`` members (the main entity too when it is one). Every other
    capability's ``applies_to`` is false for it, by the classes' own declarations.
    """
    if not sensor_classes:
        return _BY_DOMAIN.get(domain, _ANY_DOMAIN)
    return _with_sensors(domain, sensor_classes)


__all__ = ["CAPABILITIES", "Capability", "candidates"]
