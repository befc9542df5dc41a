"""Scenes and scripts as Clova scenes: DiscoverScenes lists them, ActionScene runs them.

Real scenes and scripts (Home Assistant's own scene and script integrations, acting on the
demo lights) through the signed gate. The scenes stay appliances as well (a SWITCH that
TurnOn activates); a scene's id is its appliance's.
"""

from __future__ import annotations

import copy
from typing import Any

from homeassistant.auth.models import User
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import Event, HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockUser, async_mock_service

from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_NAMES,
    EVENT_CLOVA_HOME_REQUEST,
)
from custom_components.clova_home.logbook import describe
from custom_components.clova_home.protocol.messages import scene_id

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
    token_user_id,
)
from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name
from .test_conformance import CORPUS, shape
from .toolkit import appliance_id, discover

MOVIE = "scene.movie_night"
READING = "scene.reading"
GOOD_NIGHT = "script.good_night"
BED_LIGHT = "light.bed_light"
CEILING = "light.ceiling_lights"
SCENE_FIELDS = {"sceneId", "sceneName", "needsUserConfirmation", "additionalSceneDetails"}


@pytest.fixture
async def home(hass: HomeAssistant) -> None:
    """Demo lights, two scenes of them (with ids) and a script that switches one off."""
    await async_setup_demo(hass, [Platform.LIGHT])
    assert await async_setup_component(
        hass,
        "scene",
        {
            "scene": [
                {
                    "id": "movie_night",
                    "name": "Movie night",
                    "entities": {BED_LIGHT: "on", CEILING: "off"},
                },
                {"id": "reading", "name": "Reading", "entities": {CEILING: "on"}},
            ]
        },
    )
    assert await async_setup_component(
        hass,
        "script",
        {
            "script": {
                "good_night": {
                    "alias": "Good night",
                    "sequence": [
                        {"action": "light.turn_off", "target": {"entity_id": BED_LIGHT}},
                    ],
                }
            }
        },
    )
    await hass.async_block_till_done()


async def scenes(clova: ClovaClient, token: str | None = None) -> list[dict[str, Any]]:
    """The scenes DiscoverScenes lists (with ``token``), each checked to be a SceneInfoObject."""
    answer = await clova.request("DiscoverScenes", token=token)
    assert answer_name(answer) == "DiscoverScenesResponse", answer
    assert set(answer["payload"]) == {"discoveredScenes"}
    found: list[dict[str, Any]] = answer["payload"]["discoveredScenes"]
    for scene in found:
        assert set(scene) == SCENE_FIELDS, scene
        assert isinstance(scene["sceneId"], str)
        assert scene["sceneId"]
        assert isinstance(scene["sceneName"], str)
        assert scene["sceneName"]
        assert scene["needsUserConfirmation"] is False
        assert scene["additionalSceneDetails"] == {}
    return found


async def run_scene(clova: ClovaClient, scene: Any, token: str | None = None) -> dict[str, Any]:
    """Send ``ActionSceneRequest`` whose ``payload.scene`` is ``scene``."""
    return await clova.request("ActionScene", token=token, scene=scene)


async def _token_for(hass: HomeAssistant, policy: dict[str, Any]) -> str:
    """A non-admin with this entity policy, linked to Clova."""
    user = MockUser(name="Child").add_to_hass(hass)
    user.mock_policy({"entities": {"entity_ids": policy}})
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=CLOVA_CLIENT_ID)
    return hass.auth.async_create_access_token(refresh_token)


# --- DiscoverScenes -----------------------------------------------------------------------


@pytest.mark.usefixtures("home")
async def test_discover_scenes_lists_exposed_scenes_and_scripts(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    # The reading scene is not exposed; the light is, but it is no scene.
    clova = await setup_clova(exposed=[MOVIE, GOOD_NIGHT, BED_LIGHT])

    assert await scenes(clova) == [
        {
            "sceneId": appliance_id(hass, MOVIE),
            "sceneName": "Movie night",
            "needsUserConfirmation": False,
            "additionalSceneDetails": {},
        },
        {
            "sceneId": appliance_id(hass, GOOD_NIGHT),
            "sceneName": "Good night",
            "needsUserConfirmation": False,
            "additionalSceneDetails": {},
        },
    ]
    # The ids are the registry's, as the appliances' are.
    assert appliance_id(hass, MOVIE) != MOVIE
    assert appliance_id(hass, GOOD_NIGHT) != GOOD_NIGHT


@pytest.mark.usefixtures("home")
async def test_scenes_stay_appliances(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=[MOVIE, GOOD_NIGHT])

    appliances = await discover(clova)
    movie = appliances[appliance_id(hass, MOVIE)]
    script = appliances[appliance_id(hass, GOOD_NIGHT)]
    assert movie["applianceTypes"] == ["SWITCH"]
    assert "TurnOn" in movie["actions"]
    assert script["applianceTypes"] == ["SWITCH"]
    assert {"TurnOn", "TurnOff"} <= set(script["actions"])
    assert {scene["sceneId"] for scene in await scenes(clova)} == set(appliances)


async def test_no_scenes_exposed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(BED_LIGHT, "on")
    hass.states.async_set(MOVIE, "off")
    clova = await setup_clova(exposed=[BED_LIGHT])

    assert await scenes(clova) == []


@pytest.mark.usefixtures("home")
async def test_scene_names_are_the_appliance_names(
    hass: HomeAssistant, setup_clova: SetupClova, entity_registry: er.EntityRegistry
) -> None:
    """The Clova name chosen in the options, else the first alias, else the HA name."""
    entity_registry.async_update_entity(GOOD_NIGHT, aliases={"잘 자"})
    clova = await setup_clova(
        exposed=[MOVIE, GOOD_NIGHT, READING], options={CONF_NAMES: {MOVIE: "영화 모드"}}
    )

    names = {scene["sceneId"]: scene["sceneName"] for scene in await scenes(clova)}

    assert names == {
        appliance_id(hass, MOVIE): "영화 모드",
        appliance_id(hass, GOOD_NIGHT): "잘 자",
        appliance_id(hass, READING): "Reading",
    }


@pytest.mark.usefixtures("home")
async def test_unavailable_scenes_are_still_listed(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """As unreachable appliances are (running one says it is offline).

    Without a usable state a scene's name is what the registry knows, as an appliance's.
    """
    hass.states.async_set("scene.broken", "unavailable", {"friendly_name": "Broken"})
    clova = await setup_clova(exposed=[MOVIE, "scene.broken", "scene.gone"])
    hass.states.async_set(MOVIE, "unavailable")

    assert [scene["sceneName"] for scene in await scenes(clova)] == [
        "scene.broken",
        "scene.gone",
        "Movie night",
    ]
    for target in ("scene.broken", "scene.gone", appliance_id(hass, MOVIE)):
        answer = await run_scene(clova, {"sceneId": target})
        assert answer_name(answer) == "TargetOfflineError", target


# --- ActionScene --------------------------------------------------------------------------


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    "shape_of",
    [
        pytest.param(lambda target: {"sceneId": target, "sceneName": "Movie night"}, id="table"),
        pytest.param(lambda target: {"sceneId": target}, id="scene-id"),
        pytest.param(
            lambda target: {"applianceId": target, "additionalSceneDetails": {}}, id="example"
        ),
        pytest.param(lambda target: {"sceneId": "", "applianceId": target}, id="empty-scene-id"),
    ],
)
async def test_action_scene_activates_the_scene(
    hass: HomeAssistant, setup_clova: SetupClova, shape_of: Any
) -> None:
    clova = await setup_clova(exposed=[MOVIE])
    target = appliance_id(hass, MOVIE)
    assert state_of(hass, BED_LIGHT).state == "off"
    assert state_of(hass, CEILING).state == "on"

    answer = await run_scene(clova, shape_of(target))
    await hass.async_block_till_done()

    assert answer_name(answer) == "ActionSceneConfirmation"
    assert answer["payload"] == {}
    bed_light = state_of(hass, BED_LIGHT)
    assert bed_light.state == "on"
    assert bed_light.context.user_id == token_user_id(clova)
    assert state_of(hass, CEILING).state == "off"


@pytest.mark.usefixtures("home")
async def test_action_scene_runs_the_script(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=[GOOD_NIGHT])
    await hass.services.async_call("light", "turn_on", {ATTR_ENTITY_ID: BED_LIGHT}, blocking=True)

    answer = await run_scene(clova, {"sceneId": appliance_id(hass, GOOD_NIGHT)})
    await hass.async_block_till_done()

    assert answer_name(answer) == "ActionSceneConfirmation"
    bed_light = state_of(hass, BED_LIGHT)
    assert bed_light.state == "off"
    assert bed_light.context.user_id == token_user_id(clova)


@pytest.mark.parametrize(("entity_id", "domain"), [(MOVIE, "scene"), (GOOD_NIGHT, "script")])
async def test_action_scene_calls_exactly_turn_on(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str, domain: str
) -> None:
    hass.states.async_set(entity_id, "off")
    clova = await setup_clova(exposed=[entity_id])

    await assert_request_calls_service(
        clova,
        "ActionScene",
        None,  # type: ignore[arg-type]  # the scene is named in payload.scene
        domain,
        "turn_on",
        {ATTR_ENTITY_ID: entity_id},
        payload={"scene": {"sceneId": entity_id}},
    )


async def test_action_scene_does_not_depend_on_the_chosen_type(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A scene the user typed as a sensor offers no TurnOn, but it is still a scene."""
    hass.states.async_set(MOVIE, "off")
    clova = await setup_clova(
        exposed=[MOVIE], options={CONF_APPLIANCE_TYPES: {MOVIE: "openclosesensor"}}
    )
    calls = async_mock_service(hass, "scene", "turn_on")
    assert "TurnOn" not in (await discover(clova))[MOVIE]["actions"]

    answer = await run_scene(clova, {"sceneId": MOVIE})

    assert answer_name(answer) == "ActionSceneConfirmation"
    assert [call.data[ATTR_ENTITY_ID] for call in calls] == [MOVIE]


@pytest.mark.usefixtures("home")
async def test_documented_examples(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The docs' ActionSceneRequest (``scene.applianceId``) runs a scene; answers as shown."""
    clova = await setup_clova(exposed=[MOVIE, GOOD_NIGHT])
    examples = {example["name"]: example["json"] for example in CORPUS["examples"]}
    documented = {
        name: shape(example["payload"])
        for name, example in examples.items()
        if name in ("ActionSceneConfirmation", "DiscoverScenesResponse")
    }

    message = copy.deepcopy(examples["ActionSceneRequest"])
    message["payload"]["accessToken"] = clova.token
    assert set(message["payload"]["scene"]) == {"applianceId", "additionalSceneDetails"}
    message["payload"]["scene"]["applianceId"] = appliance_id(hass, MOVIE)
    answer = await clova.send(message)
    await hass.async_block_till_done()
    assert answer_name(answer) == "ActionSceneConfirmation"
    assert shape(answer["payload"]) == documented["ActionSceneConfirmation"]
    assert state_of(hass, BED_LIGHT).state == "on"

    message = copy.deepcopy(examples["DiscoverScenesRequest"])
    message["payload"]["accessToken"] = clova.token
    answer = await clova.send(message)
    assert answer_name(answer) == "DiscoverScenesResponse"
    assert shape(answer["payload"]) == documented["DiscoverScenesResponse"]


@pytest.mark.parametrize(
    "scene",
    [
        pytest.param(None, id="no-scene"),
        pytest.param("scene.movie_night", id="scene-is-text"),
        pytest.param([], id="scene-is-list"),
        pytest.param({}, id="no-id"),
        pytest.param({"sceneName": "Movie night"}, id="name-only"),
        pytest.param({"sceneId": ""}, id="empty-id"),
        pytest.param({"sceneId": None}, id="null-id"),
        pytest.param({"sceneId": 5}, id="number-id"),
        pytest.param({"applianceId": True}, id="bool-id"),
        pytest.param({"sceneId": ["scene.movie_night"]}, id="list-id"),
        pytest.param({"sceneId": "scene.unknown"}, id="unknown"),
        pytest.param({"sceneId": READING}, id="not-exposed"),
        pytest.param({"sceneId": BED_LIGHT}, id="an-appliance-but-no-scene"),
    ],
)
async def test_action_scene_without_such_a_scene(
    hass: HomeAssistant, setup_clova: SetupClova, scene: Any
) -> None:
    for entity_id in (MOVIE, READING, BED_LIGHT):
        hass.states.async_set(entity_id, "off")
    clova = await setup_clova(exposed=[MOVIE, BED_LIGHT])
    payload = {} if scene is None else {"scene": scene}

    await assert_request_fails(clova, "ActionScene", None, "NoSuchTargetError", **payload)


async def test_action_scene_names_its_scene_in_the_scene_object(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """``payload.appliance`` is what other requests name; ActionScene's is ``payload.scene``."""
    hass.states.async_set(MOVIE, "off")
    clova = await setup_clova(exposed=[MOVIE])

    await assert_request_fails(clova, "ActionScene", MOVIE, "NoSuchTargetError")


async def test_action_scene_of_an_unavailable_scene(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(MOVIE, "unavailable")
    clova = await setup_clova(exposed=[MOVIE])

    await assert_request_fails(
        clova, "ActionScene", None, "TargetOfflineError", scene={"sceneId": MOVIE}
    )


async def test_action_scene_whose_scene_fails(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(MOVIE, "off")

    async def fail(call: ServiceCall) -> None:
        raise HomeAssistantError("the hub is busy")

    hass.services.async_register("scene", "turn_on", fail)
    clova = await setup_clova(exposed=[MOVIE])

    answer = await run_scene(clova, {"sceneId": MOVIE})

    assert answer_name(answer) == "DeviceFailureError"


# --- who may see and run which scene ------------------------------------------------------


@pytest.mark.usefixtures("home")
async def test_users_see_and_run_only_their_scenes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[MOVIE, READING, GOOD_NIGHT])
    movie_only = await _token_for(hass, {MOVIE: True, BED_LIGHT: True, CEILING: True})
    calls = async_mock_service(hass, "scene", "turn_on")

    listed = await scenes(clova, token=movie_only)
    assert [scene["sceneId"] for scene in listed] == [appliance_id(hass, MOVIE)]

    refused = await run_scene(clova, {"sceneId": appliance_id(hass, READING)}, token=movie_only)
    assert answer_name(refused) == "NoSuchTargetError"
    refused = await run_scene(clova, {"sceneId": appliance_id(hass, GOOD_NIGHT)}, token=movie_only)
    assert answer_name(refused) == "NoSuchTargetError"
    assert calls == []

    allowed = await run_scene(clova, {"sceneId": appliance_id(hass, MOVIE)}, token=movie_only)
    assert answer_name(allowed) == "ActionSceneConfirmation"
    assert [call.data[ATTR_ENTITY_ID] for call in calls] == [MOVIE]


@pytest.mark.usefixtures("home")
async def test_read_only_user_sees_scenes_but_runs_none(
    hass: HomeAssistant, setup_clova: SetupClova, hass_read_only_user: User
) -> None:
    clova = await setup_clova(exposed=[MOVIE, GOOD_NIGHT])
    refresh_token = await hass.auth.async_create_refresh_token(
        hass_read_only_user, client_id=CLOVA_CLIENT_ID
    )
    read_only = hass.auth.async_create_access_token(refresh_token)
    calls = async_mock_service(hass, "scene", "turn_on")

    assert len(await scenes(clova, token=read_only)) == 2
    answer = await run_scene(clova, {"sceneId": appliance_id(hass, MOVIE)}, token=read_only)

    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []


# --- what is recorded ---------------------------------------------------------------------


@pytest.mark.usefixtures("home")
async def test_action_scene_is_recorded_for_its_scene(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[MOVIE])
    target = appliance_id(hass, MOVIE)
    events: list[Event[Any]] = []

    @callback
    def _record(event: Event[Any]) -> None:
        events.append(event)

    hass.bus.async_listen(EVENT_CLOVA_HOME_REQUEST, _record)

    await run_scene(clova, {"applianceId": target})
    await run_scene(clova, {"sceneId": "scene.unknown"})
    await run_scene(clova, {})
    await hass.async_block_till_done()

    done, unknown, unnamed = (event.data for event in events)
    assert (done["appliance_id"], done["entity_id"], done["success"]) == (target, MOVIE, True)
    assert done["user_id"] == token_user_id(clova)
    assert describe(done, lambda entity_id: state_of(hass, entity_id).name) == {
        "name": "Movie night",
        "message": "activated via Clova",
        "entity_id": MOVIE,
    }
    assert (unknown["appliance_id"], unknown["entity_id"]) == ("scene.unknown", None)
    assert describe(unknown, str)["message"] == (
        "was not activated via Clova: not exposed to Clova (or not visible to this user)"
    )
    assert unnamed["appliance_id"] is None
    assert describe(unnamed, str) == {
        "name": "Clova",
        "message": "could not activate a scene: not exposed to Clova (or not visible to this user)",
    }


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"scene": {"sceneId": "a", "applianceId": "b"}}, "a"),
        ({"scene": {"sceneId": 1, "applianceId": "b"}}, "b"),
        ({"scene": {"applianceId": "b"}}, "b"),
        ({"scene": {"sceneId": ""}}, None),
        ({"scene": "a"}, None),
        ({"appliance": {"applianceId": "a"}}, None),
        ({}, None),
    ],
)
def test_scene_id(payload: dict[str, Any], expected: str | None) -> None:
    assert scene_id(payload) == expected
