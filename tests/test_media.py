"""Media players: volume, mute, channels and input sources."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

from homeassistant.components.demo.media_player import DemoTVShowPlayer
from homeassistant.components.media_player import MediaPlayerEntityFeature as Feature, MediaType
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.const import DOMAIN
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    record_service_calls,
    state_of,
    token_user_id,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import discover, discovered

TV = "media_player.tv"
BOX = "media_player.set_top_box"
MEDIA_ACTIONS = {
    "IncrementVolume",
    "DecrementVolume",
    "Mute",
    "Unmute",
    "IncrementChannel",
    "DecrementChannel",
    "SetChannel",
    "SetChannelByName",
    "ChangeInputSource",
    "SetInputSourceByName",
}
TV_FEATURES = (
    Feature.VOLUME_SET
    | Feature.VOLUME_MUTE
    | Feature.NEXT_TRACK
    | Feature.PREVIOUS_TRACK
    | Feature.PLAY_MEDIA
    | Feature.SELECT_SOURCE
)
SOURCES = ["HDMI1", "HDMI2", "TV"]


def tv_attributes(**overrides: Any) -> dict[str, Any]:
    """A TV that can do everything, at volume 30 on HDMI1."""
    return {
        "friendly_name": "TV",
        "device_class": "tv",
        "supported_features": TV_FEATURES,
        "volume_level": 0.3,
        "is_volume_muted": False,
        "source_list": SOURCES,
        "source": "HDMI1",
        **overrides,
    }


async def setup_tv(
    hass: HomeAssistant, setup_clova: SetupClova, state: str = "on", **overrides: Any
) -> ClovaClient:
    """Clova with only the hand-made TV exposed."""
    hass.states.async_set(TV, state, tv_attributes(**overrides))
    return await setup_clova(exposed=[TV])


async def media_actions(clova: ClovaClient, appliance_id: str) -> set[str]:
    """The media actions one appliance advertises."""
    return set((await discovered(clova, appliance_id))["actions"]) & MEDIA_ACTIONS


async def assert_request_presses(  # noqa: PLR0917 - reads like the sentence it checks
    clova: ClovaClient,
    name: str,
    appliance_id: str,
    service: str,
    times: int,
    payload: dict[str, Any],
) -> dict[str, Any]:
    """Send ``<name>Request``; assert it calls ``media_player.service`` exactly ``times``."""
    calls = async_mock_service(clova.hass, "media_player", service)
    with record_service_calls(clova.hass) as events:
        answer = await clova.request(name, appliance_id, **payload)
    assert answer_name(answer) == f"{name}Confirmation", answer
    assert [dict(call.data) for call in calls] == [{ATTR_ENTITY_ID: appliance_id}] * times
    assert {call.context.user_id for call in calls} == {token_user_id(clova)}
    assert [(e.data["domain"], e.data["service"]) for e in events] == [
        ("media_player", service)
    ] * times
    return answer


@contextmanager
def input_by_name_permitted() -> Iterator[None]:
    """Let TVs and set-top boxes take SetInputSourceByName, as JA20's type table does."""
    with patch.dict(
        APPLIANCE_TYPES,
        {
            kind: APPLIANCE_TYPES[kind] | {"SetInputSourceByName"}
            for kind in ("SMARTTV", "SETTOPBOX")
        },
    ):
        yield


# --- volume ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "action", "delta", "expected"),
    [
        (0.3, "IncrementVolume", 10, 40),
        (0.3, "DecrementVolume", 5, 25),
        (0.3, "IncrementVolume", 10.0, 40),
        # A delta is a size: its sign does not reverse the direction.
        (0.3, "IncrementVolume", -10, 40),
        (0.3, "DecrementVolume", -5, 25),
        # Clova's scale is whole: the reported level is rounded first.
        (0.333, "IncrementVolume", 1, 34),
        # Both ends of the 0..100 scale can be reached.
        (0.95, "IncrementVolume", 5, 100),
        (0.05, "DecrementVolume", 5, 0),
        (0, "IncrementVolume", 100, 100),
    ],
)
async def test_volume_is_set_on_the_0_100_scale(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    level: float,
    action: str,
    delta: float,
    expected: int,
) -> None:
    clova = await setup_tv(hass, setup_clova, volume_level=level)

    answer = await assert_request_calls_service(
        clova,
        action,
        TV,
        "media_player",
        "volume_set",
        {ATTR_ENTITY_ID: TV, "volume_level": expected / 100},
        payload={"deltaVolume": {"value": delta}},
    )

    assert answer["payload"] == {
        "targetVolume": {"value": expected},
        "previousState": {"targetVolume": {"value": round(level * 100)}},
    }


@pytest.mark.parametrize(
    ("level", "action", "delta"),
    [
        (0.95, "IncrementVolume", 6),
        (0.05, "DecrementVolume", 6),
        (1.0, "IncrementVolume", 1),
        (0.0, "DecrementVolume", 1),
        (0.5, "IncrementVolume", 1e300),
    ],
)
async def test_volume_beyond_the_scale_is_out_of_range(
    hass: HomeAssistant, setup_clova: SetupClova, level: float, action: str, delta: float
) -> None:
    clova = await setup_tv(hass, setup_clova, volume_level=level)
    async_mock_service(hass, "media_player", "volume_set")

    answer = await assert_request_fails(
        clova, action, TV, "ValueOutOfRangeError", deltaVolume={"value": delta}
    )

    assert answer["payload"] == {"minimumValue": 0, "maximumValue": 100}


@pytest.mark.parametrize("features", [Feature.VOLUME_SET, Feature.VOLUME_STEP])
async def test_a_fractional_volume_delta_is_not_supported(
    hass: HomeAssistant, setup_clova: SetupClova, features: int
) -> None:
    clova = await setup_tv(hass, setup_clova, supported_features=features)
    async_mock_service(hass, "media_player", "volume_set")
    async_mock_service(hass, "media_player", "volume_up")

    await assert_request_fails(
        clova, "IncrementVolume", TV, "ValueNotSupportedError", deltaVolume={"value": 2.5}
    )


@pytest.mark.parametrize(
    ("features", "level"),
    [
        # Only steps: the level, even when reported, cannot be set.
        (Feature.VOLUME_STEP, 0.3),
        (Feature.VOLUME_STEP, None),
        # Both, but the level is unknown (e.g. hidden while the player is off).
        (Feature.VOLUME_SET | Feature.VOLUME_STEP, None),
    ],
)
@pytest.mark.parametrize(
    ("action", "service"), [("IncrementVolume", "volume_up"), ("DecrementVolume", "volume_down")]
)
async def test_volume_steps_press_the_button_delta_times(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    features: int,
    level: float | None,
    action: str,
    service: str,
) -> None:
    clova = await setup_tv(hass, setup_clova, supported_features=features, volume_level=level)

    answer = await assert_request_presses(
        clova, action, TV, service, 3, {"deltaVolume": {"value": 3}}
    )

    # The step size is the player's own: the new level is unknown.
    assert answer["payload"] == {}


@pytest.mark.parametrize(("delta", "times"), [(1, 1), (-2, 2), (20, 20), (20.0, 20)])
async def test_volume_step_count(
    hass: HomeAssistant, setup_clova: SetupClova, delta: float, times: int
) -> None:
    clova = await setup_tv(hass, setup_clova, supported_features=Feature.VOLUME_STEP)

    await assert_request_presses(
        clova, "DecrementVolume", TV, "volume_down", times, {"deltaVolume": {"value": delta}}
    )


@pytest.mark.parametrize("delta", [0, 21, -21, 1000])
async def test_too_many_or_no_volume_steps(
    hass: HomeAssistant, setup_clova: SetupClova, delta: float
) -> None:
    clova = await setup_tv(hass, setup_clova, supported_features=Feature.VOLUME_STEP)
    async_mock_service(hass, "media_player", "volume_up")

    answer = await assert_request_fails(
        clova, "IncrementVolume", TV, "ValueOutOfRangeError", deltaVolume={"value": delta}
    )

    assert answer["payload"] == {"minimumValue": 1, "maximumValue": 20}


async def test_a_failing_step_stops_the_presses(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_tv(hass, setup_clova, supported_features=Feature.VOLUME_STEP)
    presses: list[ServiceCall] = []

    async def press(call: ServiceCall) -> None:
        presses.append(call)
        if len(presses) == 2:
            raise HomeAssistantError("the remote's batteries died")

    hass.services.async_register("media_player", "volume_up", press)

    answer = await clova.request("IncrementVolume", TV, deltaVolume={"value": 5})

    assert answer_name(answer) == "DeviceFailureError"
    assert len(presses) == 2


@pytest.mark.parametrize(
    ("state", "error"),
    [("off", "NotSupportedInCurrentModeError"), ("on", "ValueNotFoundError")],
)
async def test_volume_set_only_without_a_level(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, error: str
) -> None:
    """Home Assistant's volume_up would silently do nothing there: refuse instead."""
    clova = await setup_tv(
        hass, setup_clova, state, supported_features=Feature.VOLUME_SET, volume_level=None
    )
    async_mock_service(hass, "media_player", "volume_up")
    async_mock_service(hass, "media_player", "volume_set")

    await assert_request_fails(clova, "IncrementVolume", TV, error, deltaVolume={"value": 1})
    await assert_request_fails(clova, "DecrementVolume", TV, error, deltaVolume={"value": 1})


@pytest.mark.parametrize("level", ["loud", True, [0.5]])
async def test_a_malformed_volume_level_counts_as_unknown(
    hass: HomeAssistant, setup_clova: SetupClova, level: Any
) -> None:
    clova = await setup_tv(
        hass, setup_clova, supported_features=Feature.VOLUME_SET, volume_level=level
    )

    await assert_request_fails(
        clova, "IncrementVolume", TV, "ValueNotFoundError", deltaVolume={"value": 1}
    )


async def test_demo_volume_really_changes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The Walkman can set its volume (demo players start at full volume)."""
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    walkman = "media_player.walkman"
    clova = await setup_clova(exposed=[walkman])

    down = await clova.request("DecrementVolume", walkman, deltaVolume={"value": 30})
    assert down["payload"] == {
        "targetVolume": {"value": 70},
        "previousState": {"targetVolume": {"value": 100}},
    }
    assert state_of(hass, walkman).attributes["volume_level"] == pytest.approx(0.7)

    up = await clova.request("IncrementVolume", walkman, deltaVolume={"value": 10})
    assert up["payload"] == {
        "targetVolume": {"value": 80},
        "previousState": {"targetVolume": {"value": 70}},
    }
    assert state_of(hass, walkman).attributes["volume_level"] == pytest.approx(0.8)

    too_loud = await clova.request("IncrementVolume", walkman, deltaVolume={"value": 21})
    assert answer_name(too_loud) == "ValueOutOfRangeError"
    assert state_of(hass, walkman).attributes["volume_level"] == pytest.approx(0.8)


async def test_demo_volume_steps_while_off(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """An off player hides its level: the Walkman then steps (0.1 each) instead."""
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    walkman = "media_player.walkman"
    clova = await setup_clova(exposed=[walkman])
    await hass.services.async_call(
        "media_player", "turn_off", {ATTR_ENTITY_ID: walkman}, blocking=True
    )
    await hass.async_block_till_done()  # the demo player writes its state in a later job
    assert "volume_level" not in state_of(hass, walkman).attributes

    answer = await clova.request("DecrementVolume", walkman, deltaVolume={"value": 2})

    assert answer_name(answer) == "DecrementVolumeConfirmation"
    assert answer["payload"] == {}
    await hass.services.async_call(
        "media_player", "turn_on", {ATTR_ENTITY_ID: walkman}, blocking=True
    )
    await hass.async_block_till_done()
    assert state_of(hass, walkman).attributes["volume_level"] == pytest.approx(0.8)


async def test_demo_set_only_player_refuses_while_off(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    player = "media_player.living_room"
    clova = await setup_clova(exposed=[player])
    await hass.services.async_call(
        "media_player", "turn_off", {ATTR_ENTITY_ID: player}, blocking=True
    )

    await assert_request_fails(
        clova, "IncrementVolume", player, "NotSupportedInCurrentModeError", deltaVolume={"value": 1}
    )


# --- mute --------------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "muted"), [("Mute", True), ("Unmute", False)])
async def test_mute_and_unmute(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, muted: bool
) -> None:
    clova = await setup_tv(hass, setup_clova)

    answer = await assert_request_calls_service(
        clova,
        action,
        TV,
        "media_player",
        "volume_mute",
        {ATTR_ENTITY_ID: TV, "is_volume_muted": muted},
    )

    assert answer["payload"] == {}


async def test_demo_mute_really_mutes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    player = "media_player.bedroom"
    clova = await setup_clova(exposed=[player])

    muted = await clova.request("Mute", player)
    assert answer_name(muted) == "MuteConfirmation"
    assert state_of(hass, player).attributes["is_volume_muted"] is True

    unmuted = await clova.request("Unmute", player)
    assert answer_name(unmuted) == "UnmuteConfirmation"
    assert state_of(hass, player).attributes["is_volume_muted"] is False


# --- channels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "service"),
    [("IncrementChannel", "media_next_track"), ("DecrementChannel", "media_previous_track")],
)
@pytest.mark.parametrize(("delta", "times"), [(1, 1), (3, 3), (-2, 2), (20, 20)])
async def test_channel_up_down_is_next_previous_track(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    action: str,
    service: str,
    delta: float,
    times: int,
) -> None:
    clova = await setup_tv(hass, setup_clova)

    answer = await assert_request_presses(
        clova, action, TV, service, times, {"deltaChannel": {"value": delta}}
    )

    # Channel lists have gaps: the new number is not guessed.
    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("reported", "previous"),
    [
        ("7", {"channel": {"value": 7}}),
        (11, {"channel": {"value": 11}}),
        ("9-1", {"channel": {"value": 9}, "subChannel": {"value": 1}}),
        (" 9.2 ", {"channel": {"value": 9}, "subChannel": {"value": 2}}),
        ("KBS1", None),
        ("", None),
        (True, None),
        (7.5, None),
    ],
)
async def test_channel_confirmations_tell_the_reported_channel(
    hass: HomeAssistant, setup_clova: SetupClova, reported: Any, previous: dict[str, Any] | None
) -> None:
    clova = await setup_tv(hass, setup_clova, media_channel=reported)
    expected_previous = {} if previous is None else {"previousState": previous}

    up = await assert_request_presses(
        clova, "IncrementChannel", TV, "media_next_track", 1, {"deltaChannel": {"value": 1}}
    )
    tuned = await assert_request_calls_service(
        clova,
        "SetChannel",
        TV,
        "media_player",
        "play_media",
        {ATTR_ENTITY_ID: TV, "media_content_type": "channel", "media_content_id": "15"},
        payload={"channel": {"value": 15}},
    )

    assert up["payload"] == expected_previous
    assert tuned["payload"] == {"channel": {"value": 15}, **expected_previous}


@pytest.mark.parametrize(
    ("delta", "error", "error_payload"),
    [
        (0, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 20}),
        (21, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 20}),
        (1.5, "ValueNotSupportedError", {}),
    ],
)
async def test_bad_channel_deltas(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    delta: float,
    error: str,
    error_payload: dict[str, Any],
) -> None:
    clova = await setup_tv(hass, setup_clova)
    async_mock_service(hass, "media_player", "media_next_track")

    answer = await assert_request_fails(
        clova, "IncrementChannel", TV, error, deltaChannel={"value": delta}
    )

    assert answer["payload"] == error_payload


@pytest.mark.parametrize("content", ["channel", None])
async def test_tv_channel_up_while_watching_tv(
    hass: HomeAssistant, setup_clova: SetupClova, content: str | None
) -> None:
    clova = await setup_tv(hass, setup_clova, media_content_type=content)

    await assert_request_presses(
        clova, "DecrementChannel", TV, "media_previous_track", 1, {"deltaChannel": {"value": 1}}
    )


@pytest.mark.parametrize("content", ["tvshow", "movie", "app", "music"])
async def test_tv_playing_something_else_has_no_channel_to_change(
    hass: HomeAssistant, setup_clova: SetupClova, content: str
) -> None:
    """Next track would skip an episode or a song there, not change the channel."""
    clova = await setup_tv(hass, setup_clova, media_content_type=content)
    async_mock_service(hass, "media_player", "media_next_track")
    async_mock_service(hass, "media_player", "media_previous_track")

    assert {"IncrementChannel", "DecrementChannel"} <= await media_actions(clova, TV)
    for action in ("IncrementChannel", "DecrementChannel"):
        await assert_request_fails(
            clova, action, TV, "NotSupportedInCurrentModeError", deltaChannel={"value": 1}
        )
    # Tuning a number is explicit: the TV leaves the app for it.
    await assert_request_calls_service(
        clova,
        "SetChannel",
        TV,
        "media_player",
        "play_media",
        {ATTR_ENTITY_ID: TV, "media_content_type": "channel", "media_content_id": "5"},
        payload={"channel": {"value": 5}},
    )


async def test_set_top_box_changes_channels_while_showing_one(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(
        BOX,
        "playing",
        {
            "supported_features": Feature.NEXT_TRACK | Feature.PREVIOUS_TRACK | Feature.PLAY_MEDIA,
            "media_content_type": "channel",
            "media_channel": "24",
        },
    )
    clova = await setup_clova(exposed=[BOX])

    appliance = await discovered(clova, BOX)
    answer = await assert_request_presses(
        clova, "IncrementChannel", BOX, "media_next_track", 2, {"deltaChannel": {"value": 2}}
    )

    assert appliance["applianceTypes"] == ["SETTOPBOX"]
    # Tuning by number is for TVs only.
    assert set(appliance["actions"]) & MEDIA_ACTIONS == {"IncrementChannel", "DecrementChannel"}
    assert answer["payload"] == {"previousState": {"channel": {"value": 24}}}
    await assert_request_fails(
        clova, "SetChannel", BOX, "UnsupportedOperationError", channel={"value": 5}
    )


@pytest.mark.parametrize(
    ("payload", "media_id"),
    [
        ({"channel": {"value": 15}}, "15"),
        ({"channel": {"value": 15.0}}, "15"),
        ({"channel": {"value": 0}}, "0"),
        ({"channel": {"value": 9}, "subChannel": {"value": 1}}, "9-1"),
        ({"channel": {"value": 9}, "subChannel": {"value": 0}}, "9-0"),
    ],
)
async def test_set_channel_plays_the_channel_number(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any], media_id: str
) -> None:
    clova = await setup_tv(hass, setup_clova)

    answer = await assert_request_calls_service(
        clova,
        "SetChannel",
        TV,
        "media_player",
        "play_media",
        {ATTR_ENTITY_ID: TV, "media_content_type": "channel", "media_content_id": media_id},
        payload=payload,
    )

    assert answer["payload"] == {
        key: {"value": int(info["value"])} for key, info in payload.items()
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"channel": {"value": 15.5}},
        {"channel": {"value": -1}},
        {"channel": {"value": 9}, "subChannel": {"value": -1}},
        {"channel": {"value": 9}, "subChannel": {"value": 1.5}},
    ],
)
async def test_channel_numbers_that_cannot_exist(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any]
) -> None:
    clova = await setup_tv(hass, setup_clova)
    async_mock_service(hass, "media_player", "play_media")

    await assert_request_fails(clova, "SetChannel", TV, "ValueNotSupportedError", **payload)


async def test_set_channel_by_name_never_plays_the_name(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Integrations disagree whether a channel media id may be a name: only sources are
    tuned by name (tests/test_channel_by_name.py), and HDMI1, HDMI2 and TV are no KBS1."""
    clova = await setup_tv(hass, setup_clova, media_content_type="channel", media_channel="7")
    async_mock_service(hass, "media_player", "play_media")

    assert "SetChannelByName" in await media_actions(clova, TV)
    await assert_request_fails(
        clova, "SetChannelByName", TV, "ValueNotSupportedError", channelName={"value": "KBS1"}
    )


async def test_demo_tv_refuses_channel_up_while_showing_a_series(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    tv = "media_player.lounge_room"
    clova = await setup_clova(exposed=[tv])

    await assert_request_fails(
        clova, "IncrementChannel", tv, "NotSupportedInCurrentModeError", deltaChannel={"value": 1}
    )

    assert state_of(hass, tv).attributes["media_episode"] == "1"


async def test_demo_tv_channel_up_and_down_on_live_tv(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The demo TV made to report a channel: next/previous track really run."""
    with patch.object(DemoTVShowPlayer, "_attr_media_content_type", MediaType.CHANNEL):
        await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
        tv = "media_player.lounge_room"
        clova = await setup_clova(exposed=[tv])

        up = await clova.request("IncrementChannel", tv, deltaChannel={"value": 3})
        assert answer_name(up) == "IncrementChannelConfirmation"
        assert state_of(hass, tv).attributes["media_episode"] == "4"

        down = await clova.request("DecrementChannel", tv, deltaChannel={"value": 1})
        assert answer_name(down) == "DecrementChannelConfirmation"
        assert state_of(hass, tv).attributes["media_episode"] == "3"


# --- input sources -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "payload", "expected"),
    [
        ("HDMI1", {}, "HDMI2"),
        ("HDMI2", {}, "TV"),
        ("TV", {}, "HDMI1"),  # round the list
        ("HDMI1", {"count": {"value": 2}}, "TV"),
        ("HDMI1", {"count": {"value": 2.0}}, "TV"),
        ("HDMI2", {"count": {"value": 3}}, "HDMI2"),
        ("HDMI1", {"count": {"value": "2"}}, "TV"),  # JA20's example sends a string
        ("HDMI1", {"count": {"value": " 4 "}}, "HDMI2"),
        ("HDMI1", {"count": {"value": 20}}, "TV"),
        # From an unknown source, the first press lands on the first source.
        (None, {}, "HDMI1"),
        ("Netflix", {}, "HDMI1"),
        (None, {"count": {"value": 2}}, "HDMI2"),
    ],
)
async def test_change_input_source_cycles(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    current: str | None,
    payload: dict[str, Any],
    expected: str,
) -> None:
    clova = await setup_tv(hass, setup_clova, source=current)

    answer = await assert_request_calls_service(
        clova,
        "ChangeInputSource",
        TV,
        "media_player",
        "select_source",
        {ATTR_ENTITY_ID: TV, "source": expected},
        payload=payload,
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("count", "error", "error_payload"),
    [
        ({"value": 0}, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 20}),
        ({"value": 21}, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 20}),
        ({"value": "-1"}, "ValueOutOfRangeError", {"minimumValue": 1, "maximumValue": 20}),
        ({"value": 1.5}, "ValueNotSupportedError", {}),
        ({"value": "1.5"}, "ValueNotSupportedError", {}),
        ({"value": "three"}, "UnsupportedOperationError", {}),
        ({"value": "nan"}, "UnsupportedOperationError", {}),
        ({"value": "inf"}, "UnsupportedOperationError", {}),
        ({"value": True}, "UnsupportedOperationError", {}),
        ({"value": None}, "UnsupportedOperationError", {}),
        ({"value": [2]}, "UnsupportedOperationError", {}),
        ({}, "UnsupportedOperationError", {}),
        (2, "UnsupportedOperationError", {}),
    ],
)
async def test_bad_input_source_counts(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    count: Any,
    error: str,
    error_payload: dict[str, Any],
) -> None:
    clova = await setup_tv(hass, setup_clova)
    async_mock_service(hass, "media_player", "select_source")

    answer = await assert_request_fails(clova, "ChangeInputSource", TV, error, count=count)

    assert answer["payload"] == error_payload


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HDMI1", "HDMI1"),
        ("hdmi2", "HDMI2"),
        ("Tv", "TV"),
        ("HDMI 2", "HDMI2"),  # spaces, dashes and width are loose
        ("hdmi-1", "HDMI1"),
        ("ＨＤＭＩ１", "HDMI1"),
    ],
)
async def test_set_input_source_by_name(
    hass: HomeAssistant, setup_clova: SetupClova, name: str, expected: str
) -> None:
    clova = await setup_tv(hass, setup_clova)

    with input_by_name_permitted():
        answer = await assert_request_calls_service(
            clova,
            "SetInputSourceByName",
            TV,
            "media_player",
            "select_source",
            {ATTR_ENTITY_ID: TV, "source": expected},
            payload={"sourceName": {"value": name}},
        )

    assert answer["payload"] == {"sourceName": {"value": expected}}


async def test_an_exact_source_name_wins_over_a_loose_one(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_tv(hass, setup_clova, source_list=["HDMI 1", "hdmi1"])

    with input_by_name_permitted():
        await assert_request_calls_service(
            clova,
            "SetInputSourceByName",
            TV,
            "media_player",
            "select_source",
            {ATTR_ENTITY_ID: TV, "source": "hdmi1"},
            payload={"sourceName": {"value": "HDMI1"}},
        )


@pytest.mark.parametrize(
    ("sources", "name"),
    [
        (SOURCES, "HDMI3"),
        (SOURCES, "HDMI"),
        (["HDMI 1", "HDMI-1"], "hdmi1"),  # loosely, two match: which one is unknown
    ],
)
async def test_unknown_input_source_name(
    hass: HomeAssistant, setup_clova: SetupClova, sources: list[str], name: str
) -> None:
    clova = await setup_tv(hass, setup_clova, source_list=sources)
    async_mock_service(hass, "media_player", "select_source")

    with input_by_name_permitted():
        await assert_request_fails(
            clova,
            "SetInputSourceByName",
            TV,
            "UnsupportedOperationError",
            sourceName={"value": name},
        )


async def test_input_by_name_only_where_the_type_permits_it(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """JA20 alone lists SetInputSourceByName; the 2021 type table does not."""
    clova = await setup_tv(hass, setup_clova)
    async_mock_service(hass, "media_player", "select_source")

    with patch.dict(
        APPLIANCE_TYPES, {"SMARTTV": APPLIANCE_TYPES["SMARTTV"] - {"SetInputSourceByName"}}
    ):
        assert "SetInputSourceByName" not in await media_actions(clova, TV)
        await assert_request_fails(
            clova,
            "SetInputSourceByName",
            TV,
            "UnsupportedOperationError",
            sourceName={"value": "HDMI1"},
        )
    # The type table is code, not state: patching it does not reach what is cached already.
    hass.config_entries.async_entries(DOMAIN)[0].runtime_data.appliances.clear()
    with input_by_name_permitted():
        assert "SetInputSourceByName" in await media_actions(clova, TV)


@pytest.mark.parametrize(
    "overrides",
    [
        {"supported_features": TV_FEATURES & ~Feature.SELECT_SOURCE},
        {"source_list": []},
        {"source_list": None},
        {"source_list": "HDMI1"},
        {"source_list": [1, 2]},
    ],
)
async def test_no_sources_to_select(
    hass: HomeAssistant, setup_clova: SetupClova, overrides: dict[str, Any]
) -> None:
    clova = await setup_tv(hass, setup_clova, **overrides)
    async_mock_service(hass, "media_player", "select_source")

    with input_by_name_permitted():
        assert not {"ChangeInputSource", "SetInputSourceByName"} & await media_actions(clova, TV)
        await assert_request_fails(clova, "ChangeInputSource", TV, "UnsupportedOperationError")
        await assert_request_fails(
            clova,
            "SetInputSourceByName",
            TV,
            "UnsupportedOperationError",
            sourceName={"value": "HDMI1"},
        )


async def test_sources_that_are_not_names_are_skipped(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_tv(hass, setup_clova, source_list=["HDMI1", 7, "TV"], source="HDMI1")

    await assert_request_calls_service(
        clova,
        "ChangeInputSource",
        TV,
        "media_player",
        "select_source",
        {ATTR_ENTITY_ID: TV, "source": "TV"},
    )


async def test_demo_tv_really_switches_input(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    tv = "media_player.lounge_room"
    clova = await setup_clova(exposed=[tv])
    assert state_of(hass, tv).attributes["source"] == "dvd"

    first = await clova.request("ChangeInputSource", tv)
    assert answer_name(first) == "ChangeInputSourceConfirmation"
    assert state_of(hass, tv).attributes["source"] == "youtube"

    second = await clova.request("ChangeInputSource", tv, count={"value": "1"})
    assert answer_name(second) == "ChangeInputSourceConfirmation"
    assert state_of(hass, tv).attributes["source"] == "dvd"

    with input_by_name_permitted():
        by_name = await clova.request("SetInputSourceByName", tv, sourceName={"value": "YouTube"})
    assert by_name["payload"] == {"sourceName": {"value": "youtube"}}
    assert state_of(hass, tv).attributes["source"] == "youtube"


# --- the demo players as Clova sees them ---------------------------------------------------


async def test_demo_players_advertise_what_they_can_do(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    players = hass.states.async_entity_ids("media_player")
    clova = await setup_clova(exposed=players)

    appliances = await discover(clova)

    volume_and_mute = {"IncrementVolume", "DecrementVolume", "Mute", "Unmute"}
    expected = {
        # YouTube players: volume set and mute; not TVs, so no channels.
        "media_player.living_room": ("SETTOPBOX", volume_and_mute),
        "media_player.bedroom": ("SETTOPBOX", volume_and_mute),
        "media_player.group": ("SETTOPBOX", volume_and_mute),
        # Music players skip tracks, not channels.
        "media_player.walkman": ("SETTOPBOX", volume_and_mute),
        "media_player.kitchen": ("SETTOPBOX", volume_and_mute),
        # The TV has no volume control but inputs (which names are looked up in) and
        # channel keys.
        "media_player.lounge_room": (
            "SMARTTV",
            {"IncrementChannel", "DecrementChannel", "ChangeInputSource", "SetChannelByName"},
        ),
        "media_player.browse": ("SETTOPBOX", set()),
    }
    if "media_player.search" in players:  # since Home Assistant 2026: a player that only searches
        expected["media_player.search"] = ("SETTOPBOX", set())
    assert set(appliances) == set(expected)
    for entity_id, (appliance_type, actions) in expected.items():
        appliance = appliances[entity_id]
        assert appliance["applianceTypes"] == [appliance_type], entity_id
        assert set(appliance["actions"]) & MEDIA_ACTIONS == actions, entity_id
        assert appliance["additionalApplianceDetails"] == {}
