"""SetChannelByName: the spoken channel name, looked up in the player's source list.

Offered for TVs and set-top boxes that select a source from a list; tuned with
``select_source``. Exactly, then equal but for width, case and spaces, then by the loose
rule (a trailing "TV" or "채널", Latin letters said in Korean, hiragana as katakana);
anything else is a channel the player is not set up for (ValueNotSupportedError).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from homeassistant.components.media_player import MediaPlayerEntityFeature as PlayerFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.capabilities.media import channel_key, loose_channel_key

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import Entity, discovered

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "clova_examples.json").read_text())

FULL_WIDTH_NHK = "\uff2e\uff28\uff2b"  # "NHK" in full-width letters
FULL_WIDTH_KBS1 = "\uff2b\uff22\uff33\uff11"  # "KBS1" in full-width letters and digit
HALF_WIDTH_TERETO = "\uff83\uff9a\u6771"  # "テレ東" in half-width katakana
CHANNELS = [
    "HDMI1",
    "KBS1",
    "KBS2",
    "MBC",
    "SBS TV",
    "EBS 1",
    "TV조선",
    "tvN",
    "채널A",
    "MBC every1",
    f"{FULL_WIDTH_NHK}総合",
    "テレ東",
    "Disney Channel",
]
BOX = Entity(
    "media_player.set_top_box",
    "playing",
    {
        "friendly_name": "Set-top box",
        "supported_features": PlayerFeature.SELECT_SOURCE,
        "source_list": CHANNELS,
        "source": "KBS1",
    },
)
TV = Entity(
    "media_player.tv",
    "on",
    {
        "friendly_name": "TV",
        "device_class": "tv",
        "supported_features": PlayerFeature.SELECT_SOURCE,
        "source_list": ["HDMI1", "HDMI2", "KBS1", "SBS"],
        "source": "HDMI1",
    },
)


@pytest.mark.parametrize(("entity", "kind"), [(BOX, "SETTOPBOX"), (TV, "SMARTTV")])
async def test_advertised_by_players_with_a_source_list(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, kind: str
) -> None:
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    assert appliance["applianceTypes"] == [kind]
    assert "SetChannelByName" in appliance["actions"]
    assert "actionDetails" not in appliance["additionalApplianceDetails"]


@pytest.mark.parametrize(
    "entity",
    [
        TV.with_state("on", supported_features=PlayerFeature.PLAY_MEDIA),
        TV.with_state("on", source_list=[]),
        TV.with_state("on", source_list=None),
        TV.with_state("on", source_list=[1, None]),
        # The user made it a switch: SWITCH has no channels.
        Entity(TV.entity_id, "on", dict(TV.attributes), appliance_type="SWITCH"),
    ],
    ids=["no source selection", "no sources", "no list", "no names", "typed a switch"],
)
async def test_not_advertised_without_sources_to_tune(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity
) -> None:
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    assert "SetChannelByName" not in appliance["actions"]
    await assert_request_fails(
        clova,
        "SetChannelByName",
        entity.entity_id,
        "UnsupportedOperationError",
        channelName={"value": "KBS1"},
    )


@pytest.mark.parametrize(
    ("spoken", "source"),
    [
        # 1. written exactly so
        ("KBS1", "KBS1"),
        ("MBC every1", "MBC every1"),
        # 2. width, case, spaces and separators
        ("kbs1", "KBS1"),
        ("KBS 1", "KBS1"),
        ("kbs-1", "KBS1"),
        (FULL_WIDTH_KBS1, "KBS1"),
        ("sbs tv", "SBS TV"),
        ("SBS-TV", "SBS TV"),
        ("ebs1", "EBS 1"),
        ("TVN", "tvN"),
        ("NHK総合", f"{FULL_WIDTH_NHK}総合"),
        ("NHK 総合", f"{FULL_WIDTH_NHK}総合"),
        (HALF_WIDTH_TERETO, "テレ東"),
        ("disney channel", "Disney Channel"),
        # 3. loose: Korean letter names, a generic word at the end, hiragana
        ("케이비에스1", "KBS1"),
        ("케이비에스 2", "KBS2"),
        ("엠비씨", "MBC"),
        ("sbs", "SBS TV"),
        ("에스비에스", "SBS TV"),
        ("이비에스1", "EBS 1"),
        ("티비조선", "TV조선"),
        ("티브이조선", "TV조선"),
        ("티비엔", "tvN"),
        ("채널에이", "채널A"),
        ("KBS1 TV", "KBS1"),
        ("KBS1 채널", "KBS1"),
        ("てれ東", "テレ東"),
        ("Disney", "Disney Channel"),
    ],
)
async def test_a_spoken_name_tunes_its_source(
    hass: HomeAssistant, setup_clova: SetupClova, spoken: str, source: str
) -> None:
    clova = await BOX.expose(hass, setup_clova)

    answer = await assert_request_calls_service(
        clova,
        "SetChannelByName",
        BOX.entity_id,
        "media_player",
        "select_source",
        {ATTR_ENTITY_ID: BOX.entity_id, "source": source},
        payload={"channelName": {"value": spoken}},
    )

    # The channel tuned, as the player names it.
    assert answer["payload"] == {"channelName": {"value": source}}


@pytest.mark.parametrize(
    "spoken",
    [
        "JTBC",  # not in the list
        "KBS",  # no prefixes: KBS1 or KBS2?
        "KBS3",
        "every1",  # no partial names
        "MBC every",
        "tv",  # a generic word alone is itself, not every name ending in it
        "채널",
        "-",  # nothing but separators
        " ",
    ],
)
async def test_a_channel_the_player_is_not_set_up_for(
    hass: HomeAssistant, setup_clova: SetupClova, spoken: str
) -> None:
    """KO21's ValueNotSupportedError: "e.g. an unconfigured TV channel"; nothing is called."""
    clova = await BOX.expose(hass, setup_clova)
    async_mock_service(hass, "media_player", "select_source")

    answer = await assert_request_fails(
        clova,
        "SetChannelByName",
        BOX.entity_id,
        "ValueNotSupportedError",
        channelName={"value": spoken},
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("sources", "spoken", "expected"),
    [
        # Two sources one rule cannot tell apart: neither.
        (["KBS1", "kbs1"], "Kbs1", None),
        (["SBS", "SBS TV"], "에스비에스", None),
        # A rule that finds one wins over the looser rule that would find two.
        (["SBS", "SBS TV"], "sbs", "SBS"),
        (["KBS1", "kbs1"], "kbs1", "kbs1"),
    ],
)
async def test_ambiguous_names(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    sources: list[str],
    spoken: str,
    expected: str | None,
) -> None:
    clova = await BOX.with_state("playing", source_list=sources).expose(hass, setup_clova)
    calls = async_mock_service(hass, "media_player", "select_source")

    answer = await clova.request("SetChannelByName", BOX.entity_id, channelName={"value": spoken})

    if expected is None:
        assert answer_name(answer) == "ValueNotSupportedError"
        assert calls == []
    else:
        assert answer_name(answer) == "SetChannelByNameConfirmation"
        assert [call.data["source"] for call in calls] == [expected]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"channelName": {}},
        {"channelName": {"value": ""}},
        {"channelName": {"value": 7}},
        {"channelName": "KBS1"},
        # The 2018 and 2020 docs' examples call the field "channel".
        {"channel": {"value": "sbs"}},
    ],
)
async def test_malformed_requests(
    hass: HomeAssistant, setup_clova: SetupClova, payload: dict[str, Any]
) -> None:
    clova = await BOX.expose(hass, setup_clova)

    await assert_request_fails(
        clova, "SetChannelByName", BOX.entity_id, "UnsupportedOperationError", **payload
    )


async def test_a_failing_select_source_is_a_device_failure(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    calls = async_mock_service(
        hass, "media_player", "select_source", raise_exception=HomeAssistantError("no answer")
    )
    clova = await BOX.expose(hass, setup_clova)

    answer = await clova.request("SetChannelByName", BOX.entity_id, channelName={"value": "MBC"})

    assert answer_name(answer) == "DeviceFailureError"
    assert len(calls) == 1


async def test_an_unavailable_box_is_offline(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await BOX.with_state("unavailable").expose(hass, setup_clova)

    await assert_request_fails(
        clova, "SetChannelByName", BOX.entity_id, "TargetOfflineError", channelName={"value": "MBC"}
    )


async def test_the_demo_tv_really_switches(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The demo TV lists "dvd" and "youtube": a name it lists is tuned, KBS1 is not there."""
    await async_setup_demo(hass, [Platform.MEDIA_PLAYER])
    tv = "media_player.lounge_room"
    clova = await setup_clova(exposed=[tv])
    assert "SetChannelByName" in (await discovered(clova, tv))["actions"]
    assert state_of(hass, tv).attributes["source"] == "dvd"

    tuned = await clova.request("SetChannelByName", tv, channelName={"value": "YouTube"})
    refused = await clova.request("SetChannelByName", tv, channelName={"value": "KBS1"})
    await hass.async_block_till_done()

    assert answer_name(tuned) == "SetChannelByNameConfirmation"
    assert tuned["payload"] == {"channelName": {"value": "youtube"}}
    assert answer_name(refused) == "ValueNotSupportedError"
    assert state_of(hass, tv).attributes["source"] == "youtube"


@pytest.mark.parametrize(
    "example",
    [
        example
        for example in CORPUS["examples"]
        if example["name"] == "SetChannelByNameRequest"
        and "channelName" in example["json"]["payload"]
    ],
    ids=lambda example: example["id"],
)
async def test_the_documented_examples(
    hass: HomeAssistant, setup_clova: SetupClova, example: dict[str, Any]
) -> None:
    """KO21's request ("sbs") to a TV listing SBS: the documented confirmation's shape."""
    documented = {
        key
        for other in CORPUS["examples"]
        if other["name"] == "SetChannelByNameConfirmation"
        for key in other["json"]["payload"]
    }
    clova = await TV.expose(hass, setup_clova)
    async_mock_service(hass, "media_player", "select_source")
    message = copy.deepcopy(example["json"])
    message["payload"]["accessToken"] = clova.token
    message["payload"]["appliance"]["applianceId"] = TV.entity_id

    answer = await clova.send(message)

    assert answer_name(answer) == "SetChannelByNameConfirmation"
    assert answer["payload"] == {"channelName": {"value": "SBS"}}
    assert set(answer["payload"]) == documented == {"channelName"}


def test_the_keys() -> None:
    """The two rules' keys, as the capability's docstrings state them."""
    assert channel_key(f"{FULL_WIDTH_NHK} 総合") == "nhk総合"
    assert channel_key("KBS 1TV") == "kbs1tv"
    assert channel_key(" - ") == ""
    assert loose_channel_key("KBS 1TV") == "케이비에스1"
    assert loose_channel_key("MBC") == loose_channel_key("엠비씨") == "엠비씨"
    assert loose_channel_key("tvN") == loose_channel_key("티브이엔") == "티비엔"
    assert loose_channel_key("TV") == "티비"  # the generic word alone stays
    assert loose_channel_key("てれとう") == "テレトウ"
