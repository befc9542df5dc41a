"""Which sensor member of an appliance tells its phase, its remaining time, a consumable's life.

Home Assistant's device classes say what a sensor measures (``enum``, ``duration``,
``timestamp``), not what it means on a washer or a purifier. That is in the options of an
enum sensor (a washer's ``wash``, ``rinse``, ``spin``) and in the sensor's translation key
and entity_id, which integrations name after its meaning (``remaining_time``,
``completion_time``, ``filter_life``). The roles are read from those, the same way for
every appliance type; the type only decides which of the answers Clova may ask for.

- **phase**: the enum sensors with options that are known phases or run states, the one
  with the most of them first (a washer's job state before its run/pause/stop machine
  state, a dishwasher's state before its course); a device's only enum sensor otherwise.
- **remaining time**: the duration and timestamp sensors named for what is left
  (``remain``, ``completion``, ``finish``, ``time_left``); a device's only duration or
  timestamp sensor otherwise. Consumables' sensors are never one.
- **consumable**: a sensor named for a filter or a cartridge, without a device class, in %
  (its usage or life, reported as it is) or, named for its life or what remains of it, in a
  unit of time (its remaining time).

Sensors that are not members (not exposed, or of another device) play no part.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import math
from typing import TYPE_CHECKING

from homeassistant.components.sensor import ATTR_OPTIONS, SensorDeviceClass
from homeassistant.const import PERCENTAGE, Platform
from homeassistant.core import State, split_entity_id
from homeassistant.util.unit_conversion import DurationConverter

from .readings import unit
from .words import Spoken

if TYPE_CHECKING:
    from ..appliance import Appliance, Member

ENUM = SensorDeviceClass.ENUM
DURATION = SensorDeviceClass.DURATION
TIMESTAMP = SensorDeviceClass.TIMESTAMP

# Word keys (``words.word``) of the phases an appliance works through, by the Home
# Assistant states that mean them (normalised: lowercase, "_" between words). Taken from
# the states of SmartThings' and LG ThinQ's washer, dryer, dishwasher, oven and cooker
# sensors; an "ai_" or "pre_" variant is the step it varies.
STEPS: Mapping[str, str] = {
    **dict.fromkeys(("wash", "washing", "ai_wash", "pre_wash", "prewash"), "phase_wash"),
    **dict.fromkeys(("air_wash", "airwash"), "phase_air_wash"),
    **dict.fromkeys(("rinse", "rinsing", "ai_rinse", "rinse_hold"), "phase_rinse"),
    **dict.fromkeys(("spin", "spinning", "ai_spin"), "phase_spin"),
    **dict.fromkeys(("dry", "drying", "ai_drying", "night_dry"), "phase_dry"),
    **dict.fromkeys(("cooling", "cool_down", "end_cooling"), "phase_cooling"),
    **dict.fromkeys(("steam", "presteam", "steam_softening"), "phase_steam"),
    **dict.fromkeys(("soaking",), "phase_soak"),
    **dict.fromkeys(("pre_drain", "add_drain", "draining"), "phase_drain"),
    **dict.fromkeys(("weight_sensing", "detecting"), "phase_sensing"),
    **dict.fromkeys(("wrinkle_prevent", "wrinkle_care"), "phase_wrinkle"),
    **dict.fromkeys(("refreshing",), "phase_refresh"),
    **dict.fromkeys(("sanitizing", "sterilize"), "phase_sanitize"),
    **dict.fromkeys(("dehumidifying", "continuous_dehumidifying"), "phase_dehumidify"),
    **dict.fromkeys(("preheat", "preheating", "fast_preheat"), "phase_preheat"),
    **dict.fromkeys(("cook", "cooking", "cooking_in_progress"), "phase_cook"),
    **dict.fromkeys(("warming", "keep_warm", "keepwarm"), "phase_keep_warm"),
    **dict.fromkeys(("freeze_protection",), "phase_freeze_protection"),
}
# Run states: working (but no step told), or not working.
WORKING: Mapping[str, str] = dict.fromkeys(
    ("run", "running", "working", "power_on", "in_progress"), "phase_running"
)
IDLE: Mapping[str, str] = {
    **dict.fromkeys(("pause", "paused"), "phase_paused"),
    **dict.fromkeys(("stop", "stopped"), "phase_stopped"),
    **dict.fromkeys(
        ("finish", "finished", "end", "complete", "completed", "done", "running_end"),
        "phase_finished",
    ),
    **dict.fromkeys(("cook_complete", "cleaning_is_done", "charging_complete"), "phase_finished"),
    **dict.fromkeys(
        ("delay_wash", "reservation", "reserved", "scheduled_start"), "phase_scheduled"
    ),
    **dict.fromkeys(("initial", "standby", "ready", "idle"), "phase_standby"),
    **dict.fromkeys(("power_off", "off"), "phase_off"),
    **dict.fromkeys(("error",), "phase_error"),
}
PHASE_WORDS: Mapping[str, str] = {**STEPS, **WORKING, **IDLE}
# The phases in which the appliance is working.
WORKING_KEYS = frozenset(STEPS.values()) | frozenset(WORKING.values())
# States that tell no phase at all.
NO_PHASE = frozenset({"unknown", "none", ""})

# What the phases are called, in the Home Assistant language.
PHASE_SPOKEN: Mapping[str, Spoken] = {
    "phase_wash": Spoken("세탁", "洗濯", "wash"),
    "phase_air_wash": Spoken("에어워시", "エアウォッシュ", "air wash"),
    "phase_rinse": Spoken("헹굼", "すすぎ", "rinse"),
    "phase_spin": Spoken("탈수", "脱水", "spin-dry"),
    "phase_dry": Spoken("건조", "乾燥", "drying"),
    "phase_cooling": Spoken("냉각", "冷却", "cooling"),
    "phase_steam": Spoken("스팀", "スチーム", "steam"),
    "phase_soak": Spoken("불림", "つけ置き", "soaking"),
    "phase_drain": Spoken("배수", "排水", "draining"),
    "phase_sensing": Spoken("감지", "検知", "sensing"),
    "phase_wrinkle": Spoken("구김 방지", "しわ防止", "wrinkle prevention"),
    "phase_refresh": Spoken("리프레시", "リフレッシュ", "refreshing"),
    "phase_sanitize": Spoken("살균", "除菌", "sanitizing"),
    "phase_dehumidify": Spoken("제습", "除湿", "dehumidifying"),
    "phase_preheat": Spoken("예열", "予熱", "preheating"),
    "phase_cook": Spoken("조리", "調理", "cooking"),
    "phase_keep_warm": Spoken("보온", "保温", "keeping warm"),
    "phase_freeze_protection": Spoken("동결 방지", "凍結防止", "freeze protection"),
    "phase_running": Spoken("작동 중", "運転中", "running"),
    "phase_paused": Spoken("일시정지", "一時停止", "paused"),
    "phase_stopped": Spoken("정지", "停止", "stopped"),
    "phase_finished": Spoken("완료", "完了", "finished"),
    "phase_scheduled": Spoken("예약", "予約", "scheduled"),
    "phase_standby": Spoken("대기", "待機", "standby"),
    "phase_off": Spoken("꺼짐", "オフ", "off"),
    "phase_error": Spoken("오류", "エラー", "error"),
}

# Words in a sensor's translation key or entity_id.
REMAINING_WORDS = ("remain", "completion", "finish", "time_left")
CONSUMABLE_WORDS = ("filter", "cartridge")
LIFE_WORDS = ("life", "remain", "left")
USED_WORDS = ("used", "usage")


def normalised(value: str) -> str:
    """A state as the tables hold it: lowercase, words joined by "_"."""
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def names(member: Member) -> str:
    """What a member is called: its translation key and the object id of its entity_id."""
    entry = member.registry_entry
    key = entry.translation_key if entry is not None and entry.translation_key else ""
    return f"{key} {split_entity_id(member.entity_id)[1]}".lower()


def _mentions(member: Member, words: Iterable[str]) -> bool:
    called = names(member)
    return any(word in called for word in words)


def _sensors(appliance: Appliance) -> list[Member]:
    return [member for member in appliance.members if member.domain == Platform.SENSOR]


def is_consumable(member: Member) -> bool:
    """Whether a sensor member tells a filter's or cartridge's usage or life."""
    return member.device_class in (None, DURATION) and _mentions(member, CONSUMABLE_WORDS)


def member_unit(member: Member) -> str | None:
    """A member's unit of measurement: its state's, else the registry's (it is unavailable)."""
    if member.state is not None:
        found = unit(member.state)
    else:
        entry = member.registry_entry
        found = entry.unit_of_measurement if entry is not None else None
    return found if isinstance(found, str) else None


def consumables(appliance: Appliance) -> list[Member]:
    """The members telling a consumable's usage (in %) or remaining life (in time)."""
    found = []
    for member in _sensors(appliance):
        if not is_consumable(member):
            continue
        sensor_unit = member_unit(member)
        if (sensor_unit == PERCENTAGE and member.device_class is None) or (
            sensor_unit in DurationConverter.VALID_UNITS
            and _mentions(member, LIFE_WORDS)
            and not _mentions(member, USED_WORDS)
        ):
            found.append(member)
    return found


def _only_or_named(candidates: list[Member], named: list[Member]) -> list[Member]:
    """The named candidates; else the only candidate; else none."""
    if named:
        return named
    return candidates if len(candidates) == 1 else []


def remaining_time_sources(appliance: Appliance) -> list[Member]:
    """The members telling how long the appliance's operation still runs, best first."""
    candidates = [
        member
        for member in _sensors(appliance)
        if member.device_class in (DURATION, TIMESTAMP) and not is_consumable(member)
    ]
    named = [member for member in candidates if _mentions(member, REMAINING_WORDS)]
    return _only_or_named(candidates, named)


def _known_options(member: Member) -> int:
    options = member.attributes.get(ATTR_OPTIONS)
    if not isinstance(options, (list, tuple)):
        return 0
    return sum(1 for option in options if normalised(str(option)) in PHASE_WORDS)


def phase_sources(appliance: Appliance) -> list[Member]:
    """The enum members telling the appliance's phase, best first."""
    candidates = [member for member in _sensors(appliance) if member.device_class == ENUM]
    known = sorted(
        (member for member in candidates if _known_options(member)),
        key=_known_options,
        reverse=True,
    )
    return _only_or_named(candidates, known)


def phase_state(sources: Iterable[Member]) -> tuple[State, str | None] | None:
    """The state that tells the phase, and its word key (None: a phase not in the tables).

    The first source (best first) with a value that tells a phase: a washer's job state
    while it has a job (a step the tables may not know, such as "internal care"), else its
    machine state (running, paused).
    """
    for member in sources:
        if member.state is not None and (value := normalised(member.state.state)) not in NO_PHASE:
            return member.state, PHASE_WORDS.get(value)
    return None


def iso_duration(seconds: float) -> str:
    """``seconds`` as an ISO 8601 duration (``PT1H5M``, ``P2DT3H``), to the minute from one up."""
    total = round(seconds) if seconds < 60 else round(seconds / 60) * 60
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = ((hours, "H"), (minutes, "M"), (secs, "S"))
    time = "".join(f"{value}{mark}" for value, mark in parts if value)
    if not days:
        return f"PT{time or '0S'}"
    return f"P{days}D" + (f"T{time}" if time else "")


def duration_seconds(state: State) -> float | None:
    """A duration sensor's value in seconds (None: no number, or not in a unit of time)."""
    try:
        value = float(state.state)
    except ValueError:
        return None
    sensor_unit = unit(state)
    if not math.isfinite(value) or sensor_unit not in DurationConverter.VALID_UNITS:
        return None
    return DurationConverter.convert(value, sensor_unit, "s")
