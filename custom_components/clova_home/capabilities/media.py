"""Media players: volume, mute, channels and input sources.

Clova's volume is a whole number; here it is Home Assistant's ``volume_level`` (0..1)
on a 0..100 scale. Home Assistant has no general notion of TV channels: channel up
and down are the next/previous-track commands TV integrations map to their channel
keys, tuning a number is ``play_media`` with the ``channel`` media type, and tuning a
name is picking it from the player's source list (see :class:`ChannelByName`).
"""

from __future__ import annotations

from collections.abc import Mapping
import re
from typing import TYPE_CHECKING, Any, override
import unicodedata

from homeassistant.components.media_player import (
    ATTR_INPUT_SOURCE,
    ATTR_INPUT_SOURCE_LIST,
    ATTR_MEDIA_CHANNEL,
    ATTR_MEDIA_CONTENT_ID,
    ATTR_MEDIA_CONTENT_TYPE,
    ATTR_MEDIA_VOLUME_LEVEL,
    ATTR_MEDIA_VOLUME_MUTED,
    DOMAIN,
    SERVICE_PLAY_MEDIA,
    SERVICE_SELECT_SOURCE,
    MediaPlayerDeviceClass,
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    SERVICE_MEDIA_NEXT_TRACK,
    SERVICE_MEDIA_PREVIOUS_TRACK,
    SERVICE_VOLUME_DOWN,
    SERVICE_VOLUME_MUTE,
    SERVICE_VOLUME_SET,
    SERVICE_VOLUME_UP,
)

from ..protocol.catalog import (
    CHANGE_INPUT_SOURCE,
    DECREMENT_CHANNEL,
    DECREMENT_VOLUME,
    INCREMENT_CHANNEL,
    INCREMENT_VOLUME,
    MUTE,
    SET_CHANNEL,
    SET_CHANNEL_BY_NAME,
    SET_INPUT_SOURCE_BY_NAME,
    UNMUTE,
    ActionSpec,
)
from ..protocol.errors import (
    NotSupportedInCurrentModeError,
    UnsupportedOperationError,
    ValueNotFoundError,
    ValueNotSupportedError,
    ValueOutOfRangeError,
)
from ..protocol.numbers import finite
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

# Clova's volume scale: volume_level 0..1 is 0..100.
VOLUME_MAX = 100
# Most button presses (volume or channel steps, input changes) one request may cause:
# each is a service call of its own, and a runaway count must not flood the device.
MAX_STEPS = 20

# No channel (or sub-channel) is numbered past five digits: a larger number is none, and
# could be too large for the 64-bit integers the JSON answer is written with.
CHANNEL_MAX = 99_999
# How TV sets write a digital sub-channel ("9-1"); a dot is accepted when reading.
_CHANNEL = re.compile(r"^\s*(\d{1,5})(?:\s*[-.]\s*(\d{1,5}))?\s*$")


def _whole(value: float) -> int:
    """A Clova number that must be a whole one (a volume, a channel, a count)."""
    if not value.is_integer():
        raise ValueNotSupportedError
    return int(value)


def _steps(delta: float) -> int:
    """How many presses a Clova delta means: its size (a sign is ignored), 1..MAX_STEPS."""
    steps = _whole(abs(delta))
    if not 1 <= steps <= MAX_STEPS:
        raise ValueOutOfRangeError(1, MAX_STEPS)
    return steps


def _value(value: Any) -> dict[str, Any]:
    return {"value": value}


class _MediaCapability(Capability):
    """Shared helpers of the media player capabilities."""

    async def _press(self, service: str, times: int) -> None:
        """Call a button-like service ``times`` times, in order."""
        for _ in range(times):
            await self.async_call(DOMAIN, service)


@capability(
    INCREMENT_VOLUME,
    DECREMENT_VOLUME,
    domains={DOMAIN},
    done={INCREMENT_VOLUME: "volume turned up", DECREMENT_VOLUME: "volume turned down"},
)
class Volume(_MediaCapability):
    """Volume up and down by a delta on the 0..100 scale.

    A player that can set its volume and reports it gets the exact new level (and the
    confirmation tells both levels). Otherwise each unit of the delta is one press of
    the player's volume up/down button, whose size only the player knows.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        flags = MediaPlayerEntityFeature.VOLUME_SET | MediaPlayerEntityFeature.VOLUME_STEP
        return bool(appliance.features & flags)

    def _current(self) -> int | None:
        level = finite(self.attributes.get(ATTR_MEDIA_VOLUME_LEVEL))
        return None if level is None else round(level * VOLUME_MAX)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        delta = float(payload["deltaVolume"]["value"])
        sign = 1 if action is INCREMENT_VOLUME else -1
        previous = self._current()
        if previous is not None and self.features & MediaPlayerEntityFeature.VOLUME_SET:
            target = previous + sign * _whole(abs(delta))
            if not 0 <= target <= VOLUME_MAX:
                raise ValueOutOfRangeError(0, VOLUME_MAX)
            await self.async_call(
                DOMAIN, SERVICE_VOLUME_SET, {ATTR_MEDIA_VOLUME_LEVEL: target / VOLUME_MAX}
            )
            return {
                "targetVolume": _value(target),
                "previousState": {"targetVolume": _value(previous)},
            }
        if not self.features & MediaPlayerEntityFeature.VOLUME_STEP:
            # Home Assistant's volume_up of a player that can only set its volume
            # does nothing while the level is unknown: refuse rather than pretend.
            if self.appliance.state_value == MediaPlayerState.OFF:
                raise NotSupportedInCurrentModeError
            raise ValueNotFoundError
        await self._press(SERVICE_VOLUME_UP if sign > 0 else SERVICE_VOLUME_DOWN, _steps(delta))
        return {}


@capability(MUTE, UNMUTE, domains={DOMAIN}, done={MUTE: "muted", UNMUTE: "unmuted"})
class Mute(_MediaCapability):
    """Mute and unmute."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & MediaPlayerEntityFeature.VOLUME_MUTE)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        await self.async_call(
            DOMAIN, SERVICE_VOLUME_MUTE, {ATTR_MEDIA_VOLUME_MUTED: action is MUTE}
        )
        return {}


@capability(
    INCREMENT_CHANNEL,
    DECREMENT_CHANNEL,
    SET_CHANNEL,
    domains={DOMAIN},
    done={
        INCREMENT_CHANNEL: "channel turned up",
        DECREMENT_CHANNEL: "channel turned down",
        SET_CHANNEL: "channel changed",
    },
)
class Channel(_MediaCapability):
    """Channel up/down and tuning a channel number.

    Up/down are the next/previous-track commands, which TV integrations send as the
    channel keys. They are offered for TVs, and for other players (set-top boxes)
    while they report playing a channel; a TV that reports playing something else
    (an app, a film) would skip a track instead, so it is refused in that mode.
    Tuning by number (``play_media`` of type ``channel``) is offered for TVs only.
    Tuning by channel name is not done with ``play_media``: integrations disagree
    whether a ``channel`` media id may be a name, and several silently ignore one
    (Samsung logs that the id must be a number; LG webOS does nothing when no channel
    name contains it), so the confirmation could claim a channel never tuned. Names
    are looked up in the source list instead (:class:`ChannelByName`).
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(cls._actions_for(appliance))

    @staticmethod
    def _actions_for(appliance: Appliance) -> frozenset[ActionSpec]:
        features = appliance.features
        attributes = appliance.attributes
        is_tv = attributes.get(ATTR_DEVICE_CLASS) == MediaPlayerDeviceClass.TV
        zapping = is_tv or attributes.get(ATTR_MEDIA_CONTENT_TYPE) == MediaType.CHANNEL
        wanted = (
            (INCREMENT_CHANNEL, zapping and features & MediaPlayerEntityFeature.NEXT_TRACK),
            (DECREMENT_CHANNEL, zapping and features & MediaPlayerEntityFeature.PREVIOUS_TRACK),
            (SET_CHANNEL, is_tv and features & MediaPlayerEntityFeature.PLAY_MEDIA),
        )
        return frozenset(action for action, ok in wanted if ok)

    @override
    def supported_actions(self) -> frozenset[ActionSpec]:
        return self._actions_for(self.appliance)

    def _previous_state(self) -> dict[str, Any]:
        """``previousState`` from the channel the player reports, when it is a number."""
        reported = self.attributes.get(ATTR_MEDIA_CHANNEL)
        if isinstance(reported, bool) or not isinstance(reported, (int, str)):
            return {}
        match = _CHANNEL.match(str(reported))
        if match is None:  # a channel name, e.g. "KBS1"
            return {}
        state = {"channel": _value(int(match[1]))}
        if match[2] is not None:
            state["subChannel"] = _value(int(match[2]))
        return {"previousState": state}

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        if action is SET_CHANNEL:
            return await self._set_channel(payload)
        content = self.attributes.get(ATTR_MEDIA_CONTENT_TYPE)
        if content not in (None, MediaType.CHANNEL):
            raise NotSupportedInCurrentModeError
        steps = _steps(float(payload["deltaChannel"]["value"]))
        previous = self._previous_state()
        up = action is INCREMENT_CHANNEL
        await self._press(SERVICE_MEDIA_NEXT_TRACK if up else SERVICE_MEDIA_PREVIOUS_TRACK, steps)
        # The new number is unknown: channel lists have gaps.
        return previous

    async def _set_channel(self, payload: dict[str, Any]) -> dict[str, Any]:
        channel = _channel_number(payload["channel"])
        answer: dict[str, Any] = {"channel": _value(channel)}
        media_id = str(channel)
        if "subChannel" in payload:
            sub_channel = _channel_number(payload["subChannel"])
            answer["subChannel"] = _value(sub_channel)
            # Written as TVs show digital sub-channels (LG webOS numbers them so).
            # Integrations that take digits only do not tune it (some only log that).
            media_id = f"{channel}-{sub_channel}"
        previous = self._previous_state()
        await self.async_call(
            DOMAIN,
            SERVICE_PLAY_MEDIA,
            {ATTR_MEDIA_CONTENT_TYPE: MediaType.CHANNEL, ATTR_MEDIA_CONTENT_ID: media_id},
        )
        return {**answer, **previous}


def _channel_number(info: dict[str, Any]) -> int:
    """A channel or sub-channel number from its info object: whole, 0..CHANNEL_MAX."""
    number = _whole(float(info["value"]))
    if not 0 <= number <= CHANNEL_MAX:
        raise ValueNotSupportedError
    return number


def _source_key(name: str) -> str:
    """A source name for loose comparison: width, case, spaces and dashes ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s_\-]+", "", folded)


@capability(
    CHANGE_INPUT_SOURCE,
    SET_INPUT_SOURCE_BY_NAME,
    domains={DOMAIN},
    done={
        CHANGE_INPUT_SOURCE: "input source changed",
        SET_INPUT_SOURCE_BY_NAME: "input source changed",
    },
)
class InputSource(_MediaCapability):
    """Cycle through the player's input sources, or pick one by name.

    SetInputSourceByName is JA20's: it is offered only where the appliance type's
    permitted actions include it.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & MediaPlayerEntityFeature.SELECT_SOURCE) and bool(
            cls.sources_of(appliance.attributes)
        )

    @staticmethod
    def sources_of(attributes: Mapping[str, Any]) -> list[str]:
        """The player's source names (what is not a string is no source)."""
        sources = attributes.get(ATTR_INPUT_SOURCE_LIST)
        if not isinstance(sources, (list, tuple)):
            return []
        return [source for source in sources if isinstance(source, str)]

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        sources = self.sources_of(self.attributes)
        if action is SET_INPUT_SOURCE_BY_NAME:
            source = self._by_name(sources, payload["sourceName"]["value"])
            await self.async_call(DOMAIN, SERVICE_SELECT_SOURCE, {ATTR_INPUT_SOURCE: source})
            return {"sourceName": _value(source)}
        count = _count(payload)
        current = self.attributes.get(ATTR_INPUT_SOURCE)
        # From an unknown source (the player is off, or on an input it does not
        # list), the first press lands on the first listed source.
        position = sources.index(current) if current in sources else -1
        source = sources[(position + count) % len(sources)]
        await self.async_call(DOMAIN, SERVICE_SELECT_SOURCE, {ATTR_INPUT_SOURCE: source})
        return {}

    @staticmethod
    def _by_name(sources: list[str], name: str) -> str:
        """The source called ``name``: exactly but for case, else loosely if unique."""
        folded = name.casefold()
        for source in sources:
            if source.casefold() == folded:
                return source
        loose = [source for source in sources if _source_key(source) == _source_key(name)]
        if len(loose) != 1:
            raise UnsupportedOperationError
        return loose[0]


# Clova's channel names (TVChannelNameInfoObject) are what its recogniser heard: "sbs",
# "KBS1", "케이비에스", "NHK総合". These rules compare them with the player's sources.
# Spaces and the separators sources are written with: "KBS 1", "KBS-1", "NHK・総合".
_SEPARATORS = re.compile(r"[\s_\-.·・'’]+")
# A generic word after the name, dropped by the loose rule: "KBS1 TV", "EBS 채널".
_GENERIC_SUFFIX = re.compile(r"(?:tv|티비|티브이|채널|channel|チャンネル)$")
# The Korean names of the Latin letters, as channel names are said and often written:
# KBS is 케이비에스, MBC 엠비씨, SBS 에스비에스, EBS 이비에스, YTN 와이티엔.
_HANGUL_LETTERS = str.maketrans({
    "a": "에이", "b": "비", "c": "씨", "d": "디", "e": "이", "f": "에프", "g": "지",
    "h": "에이치", "i": "아이", "j": "제이", "k": "케이", "l": "엘", "m": "엠", "n": "엔",
    "o": "오", "p": "피", "q": "큐", "r": "알", "s": "에스", "t": "티", "u": "유",
    "v": "브이", "w": "더블유", "x": "엑스", "y": "와이", "z": "제트",
})  # fmt: skip
# Hiragana to katakana: the recogniser and a source list may write a name in either.
_KATAKANA = str.maketrans({chr(code): chr(code + 0x60) for code in range(0x3041, 0x3097)})


def channel_key(name: str) -> str:
    """A channel name as the exact rule compares it: width, case, spaces, separators.

    Unicode NFKC (full-width Latin letters and digits are ASCII, half-width katakana is
    full-width), case folded, without spaces or separators: "KBS 1" and "kbs-1" are "kbs1".
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", name).casefold())


def loose_channel_key(name: str) -> str:
    """A channel name as the loose rule compares it (see :func:`channel_key` first).

    Also: hiragana as katakana; one generic word at the end dropped ("KBS1 TV", "EBS
    채널", "Disney Channel", "NHKチャンネル"), unless it is the whole name; Latin letters
    as their Korean names, so "KBS" is "케이비에스" and "MBC" "엠비씨" (digits stay
    digits), with TV said "티비" as much as "티브이" ("TV조선" is "티비조선", "tvN"
    "티비엔"). Nothing else: no prefixes or partial names, so "MBC" never finds "MBC
    every1" and "KBS" finds neither "KBS1" nor "KBS2".
    """
    key = channel_key(name).translate(_KATAKANA)
    key = _GENERIC_SUFFIX.sub("", key) or key
    return key.translate(_HANGUL_LETTERS).replace("티브이", "티비")


@capability(
    SET_CHANNEL_BY_NAME,
    domains={DOMAIN},
    done={SET_CHANNEL_BY_NAME: "channel changed"},
)
class ChannelByName(_MediaCapability):
    """Tune a channel by its name: the source of that name, picked with ``select_source``.

    Home Assistant has no list of a player's channels; the one list of names it exposes,
    and can switch to, is the source list, where integrations of set-top boxes and
    receivers put their channels (an Enigma2 box lists its bouquet's channels, a Ziggo
    Mediabox its channel list; LG webOS and Android TV list apps, Roku its "channels"),
    and a TV its inputs, which no channel name matches. So it is offered where the
    player selects from a source list, and the spoken name is looked up in it:

    1. a source written exactly so;
    2. else the only source equal to it by :func:`channel_key` (width, case, spaces);
    3. else the only source equal to it by :func:`loose_channel_key` (a trailing "TV" or
       "채널", letters said in Korean, hiragana as katakana).

    No source (or more than one of a rule): ValueNotSupportedError, KO21's answer for "a
    channel the TV is not set up for". The confirmation names the source tuned, as the
    player lists it. ``play_media`` with the name is not tried (see :class:`Channel`).
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return InputSource.accepts(appliance)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        sources = InputSource.sources_of(self.attributes)
        source = self._by_name(sources, payload["channelName"]["value"])
        await self.async_call(DOMAIN, SERVICE_SELECT_SOURCE, {ATTR_INPUT_SOURCE: source})
        return {"channelName": _value(source)}

    @staticmethod
    def _by_name(sources: list[str], name: str) -> str:
        if name in sources:
            return name
        for key in (channel_key, loose_channel_key):
            if not (wanted := key(name)):
                break  # nothing but spaces and separators
            found = [source for source in sources if key(source) == wanted]
            if len(found) == 1:
                return found[0]
            if found:
                break  # two sources a rule cannot tell apart: ask for neither
        raise ValueNotSupportedError


def _count(payload: dict[str, Any]) -> int:
    """JA20's optional ``count`` (how many presses); the docs' example sends a string."""
    if "count" not in payload:
        return 1
    info = payload["count"]
    value = info.get("value") if isinstance(info, dict) else None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise UnsupportedOperationError from None
    if (number := finite(value)) is None:
        raise UnsupportedOperationError
    count = _whole(number)
    if not 1 <= count <= MAX_STEPS:
        raise ValueOutOfRangeError(1, MAX_STEPS)
    return count
