"""Fan speed 1..3 on fans (percentage steps) and climate devices (fan modes).

Clova knows three speeds: 1 (low), 2 (medium) and 3 (high). An appliance offers the
levels it can tell apart. A device with three or more speed steps has all three, each
on the step nearest to a third, two thirds and all of its range (a 3-speed fan: 33,
66 and 100 %). A device with two steps has only 1 (its slower) and 3 (its faster
step): "medium" is no speed of it (ValueNotSupportedError), and stepping up or down
skips it, so "faster" always changes something.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.climate import (
    ATTR_FAN_MODE,
    ATTR_FAN_MODES,
    DOMAIN as CLIMATE,
    ClimateEntityFeature,
)
from homeassistant.components.fan import (
    ATTR_PERCENTAGE,
    ATTR_PERCENTAGE_STEP,
    DOMAIN as FAN,
    FanEntityFeature,
)
from homeassistant.const import STATE_OFF

from ..protocol.catalog import (
    CHANGE_FAN_SPEED,
    DECREMENT_FAN_SPEED,
    INCREMENT_FAN_SPEED,
    SET_FAN_SPEED,
    ActionSpec,
)
from ..protocol.errors import (
    NotSupportedInCurrentModeError,
    ValueNotSupportedError,
    ValueOutOfRangeError,
)
from ..protocol.numbers import finite
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

_ACTIONS = (SET_FAN_SPEED, INCREMENT_FAN_SPEED, DECREMENT_FAN_SPEED, CHANGE_FAN_SPEED)
_DONE = {
    INCREMENT_FAN_SPEED: "fan speed raised",
    DECREMENT_FAN_SPEED: "fan speed lowered",
    CHANGE_FAN_SPEED: "fan speed changed",
    SET_FAN_SPEED: "fan speed set",
}

# Home Assistant's speed count for a fan that does not tell (percent by percent).
_DEFAULT_SPEED_COUNT = 100

# Climate fan modes that are a speed, per Clova level, in order of preference.
_NAMED_LEVELS: dict[int, tuple[str, ...]] = {
    1: ("low", "min", "quiet", "silent"),
    2: ("medium", "middle", "mid", "med"),
    3: ("high", "max", "top", "strong"),
}
# Climate fan modes in which the fan stands still.
_STOPPED_FAN_MODES = frozenset({"off"})


def _steps(count: int) -> dict[int, int]:
    """Clova level -> the device's speed step (1..count) nearest to level/3 of its range.

    With three or more steps the three levels land on different steps; with two,
    levels 1 and 2 would share the slower one, so 2 is left out.
    """
    levels = (1, 3) if count == 2 else (1, 2, 3)
    # round(level * count / 3), halves up, in integers
    return {level: (2 * level * count + 3) // 6 for level in levels}


def _nearest(steps: Mapping[int, float], position: float) -> int:
    """The level whose step is closest to ``position`` (the slower one on a tie)."""
    return min(steps, key=lambda level: (abs(steps[level] - position), level))


class _FanSpeed(Capability):
    """Set, step and cycle Clova speeds on the levels a device has."""

    @abstractmethod
    def _levels(self) -> tuple[int, ...]:
        """The Clova levels the device has, slowest first."""

    @abstractmethod
    def _current_level(self) -> int | None:
        """The current level; 0 when the fan stands still, None when not a level."""

    @abstractmethod
    async def _async_set_level(self, level: int) -> None:
        """Have the device run at ``level``."""

    @override
    def action_details(self) -> list[dict[str, Any]]:
        # An enumeration rather than a range: Clova numbers are reals, and a two-step
        # device has no level 2.
        return [
            {
                "action": SET_FAN_SPEED.name,
                "allowableValue": {"type": "number", "enumValues": list(self._levels())},
            }
        ]

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        levels = self._levels()
        previous = self._current_level()
        if action is SET_FAN_SPEED:
            target = _checked(float(payload["fanSpeed"]["value"]), levels)
        elif action is CHANGE_FAN_SPEED:
            # Like a speed button: a stopped fan, or one in a preset, starts slowest.
            faster = [level for level in levels if previous is not None and level > previous]
            target = faster[0] if faster else levels[0]
        else:
            if previous is None:  # a preset or automatic mode: no speed to step from
                raise NotSupportedInCurrentModeError
            delta = abs(float(payload["deltaFanSpeed"]["value"]))
            up = action is INCREMENT_FAN_SPEED
            target = _checked(previous + delta if up else previous - delta, levels, up=up)

        await self._async_set_level(target)
        answer: dict[str, Any] = {"fanSpeed": {"value": target}}
        if previous is not None:
            answer["previousState"] = {"fanSpeed": {"value": previous}}
        return answer


def _checked(value: float, levels: tuple[int, ...], *, up: bool | None = None) -> int:
    """The level for a requested ``value``, or the Clova error for it.

    Outside the device's levels: ValueOutOfRangeError. A fraction, or a level the
    device lacks, is not supported, except when stepping (``up`` given), which goes
    on to the next level in the same direction.
    """
    low, high = levels[0], levels[-1]
    if not low <= value <= high:
        raise ValueOutOfRangeError(low, high)
    if value.is_integer() and int(value) in levels:
        return int(value)
    if up is None or not value.is_integer():
        raise ValueNotSupportedError
    if up:
        return min(level for level in levels if level > value)
    return max(level for level in levels if level < value)


def _speed_count(attributes: Mapping[str, Any]) -> int:
    step = finite(attributes.get(ATTR_PERCENTAGE_STEP))
    if step is None or step <= 0:
        return _DEFAULT_SPEED_COUNT
    return round(100 / step)


@capability(*_ACTIONS, domains={FAN}, done=_DONE)
class FanSpeed(_FanSpeed):
    """Fans that set a speed: levels on the fan's percentage steps (fan.set_percentage)."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return (
            bool(appliance.features & FanEntityFeature.SET_SPEED)
            and _speed_count(appliance.attributes) >= 2
        )

    @property
    def _count(self) -> int:
        return _speed_count(self.attributes)

    @override
    def _levels(self) -> tuple[int, ...]:
        return tuple(_steps(self._count))

    def _percentage(self, level: int) -> int:
        # Rounded down: Home Assistant fans round a percentage up to the next step.
        return _steps(self._count)[level] * 100 // self._count

    @override
    def _current_level(self) -> int | None:
        if self.appliance.state_value == STATE_OFF:
            return 0
        percentage = finite(self.attributes.get(ATTR_PERCENTAGE))
        if percentage is None:  # running a preset mode
            return None
        if percentage <= 0:
            return 0
        return _nearest(_steps(self._count), percentage * self._count / 100)

    @override
    async def _async_set_level(self, level: int) -> None:
        await self.async_call(FAN, "set_percentage", {ATTR_PERCENTAGE: self._percentage(level)})


def _climate_levels(fan_modes: Any) -> tuple[dict[int, str], dict[int, int] | None]:
    """Clova level -> fan mode, and the step of each level when the modes are numbers.

    Named modes (low, medium, high and their synonyms) win; otherwise modes "1".."n"
    are n speed steps, mapped like a fan's.
    """
    if not isinstance(fan_modes, (list, tuple)):
        return {}, None
    by_name = {str(mode).strip().lower(): str(mode) for mode in fan_modes}
    named = {
        level: next(by_name[name] for name in names if name in by_name)
        for level, names in _NAMED_LEVELS.items()
        if any(name in by_name for name in names)
    }
    if len(named) >= 2:
        return named, None
    numbered = {int(name): mode for name, mode in by_name.items() if name.isdecimal()}
    count = len(numbered)
    if count < 2 or set(numbered) != set(range(1, count + 1)):
        return {}, None
    steps = _steps(count)
    return {level: numbered[step] for level, step in steps.items()}, steps


@capability(*_ACTIONS, domains={CLIMATE}, done=_DONE)
class ClimateFanSpeed(_FanSpeed):
    """Climate devices whose fan modes are speeds (climate.set_fan_mode).

    Level 1 is "low" (else "min", "quiet", "silent"), 2 "medium" (else "middle", "mid",
    "med"), 3 "high" (else "max", "top", "strong"), matched case-insensitively; at
    least two of them must exist. Without them, numbered modes "1".."n" are speed
    steps like a fan's. Other modes ("auto", "on", "diffuse") are not a speed: in them
    the fan cannot be stepped, but can be set or cycled to a speed.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & ClimateEntityFeature.FAN_MODE) and bool(
            _climate_levels(appliance.attributes.get(ATTR_FAN_MODES))[0]
        )

    @override
    def _levels(self) -> tuple[int, ...]:
        return tuple(sorted(_climate_levels(self.attributes.get(ATTR_FAN_MODES))[0]))

    @override
    def _current_level(self) -> int | None:
        modes, steps = _climate_levels(self.attributes.get(ATTR_FAN_MODES))
        current = self.attributes.get(ATTR_FAN_MODE)
        if not isinstance(current, str):
            return None
        name = current.strip().lower()
        if name in _STOPPED_FAN_MODES:
            return 0
        if steps is not None and name.isdecimal():
            return _nearest(steps, int(name))
        return next((level for level, mode in modes.items() if mode == current), None)

    @override
    async def _async_set_level(self, level: int) -> None:
        modes, _ = _climate_levels(self.attributes.get(ATTR_FAN_MODES))
        await self.async_call(CLIMATE, "set_fan_mode", {ATTR_FAN_MODE: modes[level]})
