"""Capability classes; an appliance gets every one that applies to it.

Adding a device kind means adding a class here, never touching the dispatcher. When
two capabilities offer the same action, the one listed first handles it.
"""

from __future__ import annotations

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

__all__ = ["CAPABILITIES", "Capability"]
