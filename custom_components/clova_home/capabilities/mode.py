"""Operation modes (SetMode, ReleaseMode, ChangeMode) with Clova's mode codes.

Clova names modes with codes fixed per appliance type (``catalog.MODES``); Home
Assistant entities have lists of modes of their own. A Home Assistant mode whose
name is a code of the appliance's type is that code (compared without case, spaces,
"_" or "-": "Sleep", "hot_water"); a few more are mapped by meaning (the alias tables
below). Only the codes an entity really has, and only those of its type, are
offered.

An entity may have more than one list: a climate device has its operating mode
(cool, heat, dry...) and a preset (eco, sleep, away...). The current mode is the
preset's when it has a code (an air conditioner cooling in sleep mode is in "sleep"),
else the operating mode's; ChangeMode cycles the operating modes, like a remote's
mode button.

ReleaseMode cancels a preset by choosing the entity's neutral preset ("none", or a
humidifier's "normal"); an operating mode, or a preset without a neutral one to go
back to, cannot be released (UnsupportedOperationError). Releasing a mode that is not
active changes nothing and answers with the current mode: what the user wanted —
not being in that mode — already holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.climate import ClimateEntityFeature
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.humidifier import HumidifierEntityFeature
from homeassistant.components.water_heater import WaterHeaterEntityFeature

from ..protocol.catalog import CHANGE_MODE, MODES, RELEASE_MODE, SET_MODE, ActionSpec
from ..protocol.errors import UnsupportedOperationError
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

# Clova code -> Home Assistant climate operating modes (normalised) that mean it.
_HVAC_ALIASES: Mapping[str, tuple[str, ...]] = {
    "dehumidify": ("dry",),
    "fan": ("fanonly",),
    "ventilating": ("fanonly",),
    "auto": ("heatcool",),  # only when there is no "auto" itself
}
# Clova code -> presets and other named modes (normalised) that mean it.
_PRESET_ALIASES: Mapping[str, tuple[str, ...]] = {
    "powersaving": ("eco", "energysaving"),
    "indoor": ("home",),
    "powercool": ("boost", "turbo"),
    "sleep": ("night", "silent", "quiet"),
    "infant": ("baby",),
    # Korean fans' "baby wind" is a soft, irregular breeze: the closest of the fan
    # presets Home Assistant integrations have is a natural-wind one.
    "baby": ("nature", "natural"),
    "dehumidify": ("dry",),
    "ventilating": ("ventilation", "ventilate", "fresh"),
    "removepollen": ("allergen", "pollen"),
}


@dataclass(frozen=True, slots=True)
class _ModeList:
    """One list of Home Assistant modes: where it is read and how it is set."""

    options: str  # attribute listing the modes
    current: str | None  # attribute holding the active one; None: the entity's state
    service: str  # service of the entity's domain that sets one
    field: str  # the service's field for the mode
    feature: int  # supported-features flags of which the list needs one (0: none)
    aliases: Mapping[str, tuple[str, ...]]
    neutral: tuple[str, ...] = ()  # modes (normalised) that mean "no special mode"


_HVAC = _ModeList("hvac_modes", None, "set_hvac_mode", "hvac_mode", 0, _HVAC_ALIASES)

# Entity domain -> its mode lists, the operating mode first, then the preset.
_LISTS: dict[str, tuple[_ModeList, ...]] = {
    "climate": (
        _HVAC,
        _ModeList(
            "preset_modes",
            "preset_mode",
            "set_preset_mode",
            "preset_mode",
            ClimateEntityFeature.PRESET_MODE,
            _PRESET_ALIASES,
            ("none",),
        ),
    ),
    "fan": (
        _ModeList(
            "preset_modes",
            "preset_mode",
            "set_preset_mode",
            "preset_mode",
            # Home Assistant still takes presets from fans that only set a speed.
            FanEntityFeature.PRESET_MODE | FanEntityFeature.SET_SPEED,
            _PRESET_ALIASES,
            ("none",),
        ),
    ),
    "humidifier": (
        _ModeList(
            "available_modes",
            "mode",
            "set_mode",
            "mode",
            HumidifierEntityFeature.MODES,
            _PRESET_ALIASES,
            ("normal",),
        ),
    ),
    "water_heater": (
        _ModeList(
            "operation_list",
            "operation_mode",
            "set_operation_mode",
            "operation_mode",
            WaterHeaterEntityFeature.OPERATION_MODE,
            _PRESET_ALIASES,
        ),
    ),
}


def _normalise(name: str) -> str:
    return "".join(char for char in name.lower() if char not in " _-")


@dataclass(frozen=True, slots=True)
class _Mapped:
    """The codes one mode list of an entity has: code -> the Home Assistant mode."""

    modes: _ModeList
    codes: dict[str, str]
    available: list[str]

    def code_of(self, mode: Any) -> str | None:
        """The code of a Home Assistant mode of this list, None if it has none."""
        return next((code for code, name in self.codes.items() if name == mode), None)

    def neutral(self) -> str | None:
        """The list's mode that means "no special mode", if it has one."""
        return next(
            (mode for mode in self.available if _normalise(mode) in self.modes.neutral), None
        )


def _map(modes: _ModeList, available: list[str], codes: frozenset[str], taken: set[str]) -> _Mapped:
    """Which of ``codes`` (less those ``taken`` by an earlier list) the modes have.

    Direct names first, so that an alias never takes a mode that is a code of its
    own; each mode has at most one code. Codes come in the list's order.
    """
    by_name: dict[str, str] = {}
    for mode in available:
        by_name.setdefault(_normalise(mode), mode)
    found = {name: mode for name, mode in by_name.items() if name in codes - taken}
    used = set(found.values())
    for code in sorted(codes - taken - found.keys()):
        for alias in modes.aliases.get(code, ()):
            if (match := by_name.get(alias)) is not None and match not in used:
                found[code] = match
                used.add(match)
                break
    taken.update(found)
    ordered = sorted(found, key=lambda code: available.index(found[code]))
    return _Mapped(modes, {code: found[code] for code in ordered}, available)


def _mapped_lists(appliance: Appliance) -> list[_Mapped]:
    """The appliance's mode lists that have at least one code of its type."""
    codes = MODES.get(appliance.appliance_type, frozenset())
    attributes = appliance.attributes
    features = appliance.features
    taken: set[str] = set()
    mapped = []
    for modes in _LISTS.get(appliance.domain, ()):
        available = attributes.get(modes.options)
        if modes.feature and not features & modes.feature:
            continue
        if not isinstance(available, (list, tuple)):
            continue
        result = _map(modes, [str(mode) for mode in available], codes, taken)
        if result.codes:
            mapped.append(result)
    return mapped


@capability(
    SET_MODE,
    RELEASE_MODE,
    CHANGE_MODE,
    domains=_LISTS,
    done={CHANGE_MODE: "mode changed", SET_MODE: "mode set", RELEASE_MODE: "mode released"},
)
class Mode(Capability):
    """Modes of climate devices, fan presets, humidifier and water heater modes."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(_mapped_lists(appliance))

    @property
    def _lists(self) -> list[_Mapped]:
        return _mapped_lists(self.appliance)

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        lists = self._lists
        actions = {SET_MODE}
        if self._cycled(lists) is not None:
            actions.add(CHANGE_MODE)
        if any(mapped.neutral() is not None for mapped in lists):
            actions.add(RELEASE_MODE)
        return frozenset(actions)

    @override
    def action_details(self) -> list[dict[str, Any]]:
        codes = [code for mapped in self._lists for code in mapped.codes]
        return [
            {"action": SET_MODE.name, "allowableValue": {"type": "string", "enumValues": codes}}
        ]

    def _active(self, modes: _ModeList) -> Any:
        if modes.current is None:
            return self.appliance.state_value
        return self.attributes.get(modes.current)

    def _current(self, lists: list[_Mapped], replaced: _Mapped | None = None) -> str | None:
        """The current code: the most specific list's that has one.

        ``replaced``: a list whose mode is about to become its neutral one.
        """
        for mapped in reversed(lists):
            if mapped is replaced:
                continue
            if (code := mapped.code_of(self._active(mapped.modes))) is not None:
                return code
        return None

    @staticmethod
    def _cycled(lists: list[_Mapped]) -> _Mapped | None:
        """The list ChangeMode cycles: the first with two codes or more."""
        return next((mapped for mapped in lists if len(mapped.codes) >= 2), None)

    async def _async_set(self, mapped: _Mapped, mode: str) -> None:
        await self.async_call(
            self.appliance.domain, mapped.modes.service, {mapped.modes.field: mode}
        )

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        lists = self._lists
        previous = self._current(lists)
        if action is CHANGE_MODE:
            return await self._async_change(lists)
        code: str = payload["mode"]["value"]
        mapped = next((mapped for mapped in lists if code in mapped.codes), None)
        if mapped is None:
            raise UnsupportedOperationError
        if action is SET_MODE:
            await self._async_set(mapped, mapped.codes[code])
            return _answer(code, previous)
        if mapped.code_of(self._active(mapped.modes)) != code:
            return _answer(previous, previous)  # not active: nothing to release
        if (neutral := mapped.neutral()) is None:
            raise UnsupportedOperationError
        await self._async_set(mapped, neutral)
        return _answer(self._current(lists, replaced=mapped), code)

    async def _async_change(self, lists: list[_Mapped]) -> dict[str, Any]:
        mapped = self._cycled(lists)
        if mapped is None:  # pragma: no cover - ChangeMode is advertised only with a cycle
            raise UnsupportedOperationError
        codes = list(mapped.codes)
        previous = mapped.code_of(self._active(mapped.modes))
        # From a mode without a code (off, a preset Clova cannot name): the first one.
        following = codes.index(previous) + 1 if previous is not None else 0
        code = codes[following % len(codes)]
        await self._async_set(mapped, mapped.codes[code])
        return _answer(code, previous)


def _answer(code: str | None, previous: str | None) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    if code is not None:
        answer["mode"] = {"value": code}
    if previous is not None:
        answer["previousState"] = {"mode": {"value": previous}}
    return answer
