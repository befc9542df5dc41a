"""Open / Close / Stop for covers (doors only when opted in), and GetOpenState."""

from __future__ import annotations

from typing import Any

from homeassistant.components.cover import CoverEntityFeature, CoverState
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import Context, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    async_mock_service,
)

from custom_components.clova_home.appliance import Appliance, ApplianceSettings
from custom_components.clova_home.capabilities import Command
from custom_components.clova_home.capabilities.open_close import OpenClose
from custom_components.clova_home.const import (
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
)
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.protocol.catalog import OPEN
from custom_components.clova_home.protocol.errors import UnsupportedOperationError
from custom_components.clova_home.rate_limit import SensitiveActionLimiter

from .assertions import (
    TIMESTAMP_FORMAT,
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import appliance_id, declare_types, discovered, tick

CURTAIN = "cover.living_curtain"
MOVES = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
TILTS = CoverEntityFeature.OPEN_TILT | CoverEntityFeature.CLOSE_TILT | CoverEntityFeature.STOP_TILT
OPEN_CLOSE_ACTIONS = {"Open", "Close", "Stop", "GetOpenState", "HealthCheck"}


async def advertised(clova: ClovaClient, appliance_id: str) -> set[str]:
    """This capability's actions (and HealthCheck) that discovery lists for an appliance."""
    return set((await discovered(clova, appliance_id))["actions"]) & OPEN_CLOSE_ACTIONS


# --- hand-made covers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "service"),
    [("Open", "open_cover"), ("Close", "close_cover"), ("Stop", "stop_cover")],
)
async def test_actions_call_the_cover_service(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, service: str
) -> None:
    hass.states.async_set(
        CURTAIN, CoverState.CLOSED, {"supported_features": MOVES, "device_class": "curtain"}
    )
    clova = await setup_clova(exposed=[CURTAIN])

    answer = await assert_request_calls_service(
        clova, action, CURTAIN, "cover", service, {ATTR_ENTITY_ID: CURTAIN}
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("flag", "action"),
    [
        (CoverEntityFeature.OPEN, "Open"),
        (CoverEntityFeature.CLOSE, "Close"),
        (CoverEntityFeature.STOP, "Stop"),
    ],
)
async def test_each_action_follows_its_own_flag(
    hass: HomeAssistant, setup_clova: SetupClova, flag: CoverEntityFeature, action: str
) -> None:
    hass.states.async_set(CURTAIN, CoverState.OPEN, {"supported_features": flag})
    async_mock_service(hass, "cover", "open_cover")
    async_mock_service(hass, "cover", "close_cover")
    async_mock_service(hass, "cover", "stop_cover")
    clova = await setup_clova(exposed=[CURTAIN])

    assert await advertised(clova, CURTAIN) == {action, "HealthCheck"}
    service = {"Open": "open_cover", "Close": "close_cover", "Stop": "stop_cover"}[action]
    await assert_request_calls_service(
        clova, action, CURTAIN, "cover", service, {ATTR_ENTITY_ID: CURTAIN}
    )
    for other in {"Open", "Close", "Stop"} - {action}:
        await assert_request_fails(clova, other, CURTAIN, "UnsupportedOperationError")


@pytest.mark.parametrize(
    ("action", "service"),
    [
        ("Open", "open_cover_tilt"),
        ("Close", "close_cover_tilt"),
        ("Stop", "stop_cover_tilt"),
    ],
)
async def test_tilt_only_cover_moves_its_tilt(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, service: str
) -> None:
    hass.states.async_set(
        "cover.louvres",
        CoverState.CLOSED,
        {"supported_features": TILTS | CoverEntityFeature.SET_TILT_POSITION},
    )
    clova = await setup_clova(exposed=["cover.louvres"])

    assert await advertised(clova, "cover.louvres") == {"Open", "Close", "Stop", "HealthCheck"}
    answer = await assert_request_calls_service(
        clova, action, "cover.louvres", "cover", service, {ATTR_ENTITY_ID: "cover.louvres"}
    )
    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("action", "service"),
    [("Open", "open_cover"), ("Close", "close_cover"), ("Stop", "stop_cover")],
)
async def test_cover_with_tilt_moves_itself_not_its_tilt(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, service: str
) -> None:
    hass.states.async_set("cover.blind", CoverState.OPEN, {"supported_features": MOVES | TILTS})
    clova = await setup_clova(exposed=["cover.blind"])

    await assert_request_calls_service(
        clova, action, "cover.blind", "cover", service, {ATTR_ENTITY_ID: "cover.blind"}
    )


# --- doors, garage doors and gates --------------------------------------------------------


@pytest.mark.parametrize("device_class", ["garage", "door", "gate"])
async def test_sensitive_cover_does_not_open_without_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str
) -> None:
    entity_id = f"cover.{device_class}"
    hass.states.async_set(
        entity_id, CoverState.CLOSED, {"supported_features": MOVES, "device_class": device_class}
    )
    hass.states.async_set(
        "cover.shed", CoverState.CLOSED, {"supported_features": MOVES, "device_class": "garage"}
    )
    calls = async_mock_service(hass, "cover", "open_cover")
    # Opting in another door does not open this one.
    clova = await setup_clova(exposed=[entity_id, "cover.shed"], unlock=["cover.shed"])

    assert await advertised(clova, entity_id) == {"Close", "Stop", "HealthCheck"}
    answer = await assert_request_fails(clova, "Open", entity_id, "UnsupportedOperationError")
    assert answer["payload"] == {}
    assert calls == []
    for action, service in (("Close", "close_cover"), ("Stop", "stop_cover")):
        await assert_request_calls_service(
            clova, action, entity_id, "cover", service, {ATTR_ENTITY_ID: entity_id}
        )


@pytest.mark.parametrize("device_class", ["garage", "door", "gate"])
async def test_sensitive_cover_opens_with_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str
) -> None:
    entity_id = f"cover.{device_class}"
    hass.states.async_set(
        entity_id, CoverState.CLOSED, {"supported_features": MOVES, "device_class": device_class}
    )
    clova = await setup_clova(exposed=[entity_id], unlock=[entity_id])

    assert await advertised(clova, entity_id) == {"Open", "Close", "Stop", "HealthCheck"}
    answer = await assert_request_calls_service(
        clova, "Open", entity_id, "cover", "open_cover", {ATTR_ENTITY_ID: entity_id}
    )
    assert answer["payload"] == {}


@pytest.mark.parametrize(
    "device_class", [None, "awning", "blind", "curtain", "damper", "shade", "shutter", "window"]
)
async def test_other_covers_open_without_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str | None
) -> None:
    attributes: dict[str, Any] = {"supported_features": MOVES}
    if device_class is not None:
        attributes["device_class"] = device_class
    hass.states.async_set(CURTAIN, CoverState.CLOSED, attributes)
    clova = await setup_clova(exposed=[CURTAIN])

    await assert_request_calls_service(
        clova, "Open", CURTAIN, "cover", "open_cover", {ATTR_ENTITY_ID: CURTAIN}
    )


@pytest.mark.parametrize("allow_unlock", [False, True])
async def test_capability_itself_refuses_to_open_a_door_without_opt_in(
    hass: HomeAssistant, allow_unlock: bool
) -> None:
    """Even if Open reached the capability, a door without the opt-in stays shut."""
    hass.states.async_set(
        "cover.garage", CoverState.CLOSED, {"supported_features": MOVES, "device_class": "garage"}
    )
    calls = async_mock_service(hass, "cover", "open_cover")
    spec = ApplianceSpec("cover.garage", "cover.garage", ("cover.garage",))
    appliance = Appliance(hass, spec, ApplianceSettings(opted_in=allow_unlock))
    capability = OpenClose(appliance, Command(Context(), allow_unlock, SensitiveActionLimiter()))

    if allow_unlock:
        assert await capability.async_handle(OPEN, {}) == {}
        assert len(calls) == 1
    else:
        with pytest.raises(UnsupportedOperationError):
            await capability.async_handle(OPEN, {})
        assert calls == []


# --- GetOpenState (a cover typed as an open-close sensor) ---------------------------------


@pytest.mark.parametrize(
    ("state", "attributes", "open_state"),
    [
        (CoverState.OPEN, {}, "OPENED"),
        (CoverState.OPENING, {}, "OPENED"),
        (CoverState.CLOSING, {}, "OPENED"),  # not closed yet
        (CoverState.CLOSED, {}, "CLOSED"),
        (CoverState.CLOSED, {"current_position": 0}, "CLOSED"),
        (CoverState.OPEN, {"current_position": 1}, "OPENED"),
        ("unknown", {"current_position": 30}, "OPENED"),
        ("unknown", {"current_position": 0}, "CLOSED"),
        # A tilt-only cover: its louvres, not its state.
        (CoverState.CLOSED, {"supported_features": TILTS, "current_tilt_position": 60}, "OPENED"),
        (CoverState.OPEN, {"supported_features": TILTS, "current_tilt_position": 0}, "CLOSED"),
        (CoverState.OPEN, {"supported_features": TILTS}, "OPENED"),
        # A cover that moves itself: its tilt does not count.
        (
            CoverState.CLOSED,
            {"supported_features": MOVES | TILTS, "current_tilt_position": 60},
            "CLOSED",
        ),
    ],
)
async def test_get_open_state(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    state: str,
    attributes: dict[str, Any],
    open_state: str,
) -> None:
    hass.states.async_set(CURTAIN, state, {"supported_features": MOVES, **attributes})
    clova = await setup_clova(exposed=[CURTAIN])
    await declare_types(hass, {CURTAIN: "OPENCLOSESENSOR"})

    answer = await clova.request("GetOpenState", CURTAIN)

    assert answer_name(answer) == "GetOpenStateResponse"
    assert set(answer["payload"]) == {"openState", "applianceResponseTimestamp"}
    assert answer["payload"]["openState"] == open_state
    assert TIMESTAMP_FORMAT.match(answer["payload"]["applianceResponseTimestamp"])


@pytest.mark.parametrize("attributes", [{}, {"current_position": None}, {"current_position": True}])
async def test_get_open_state_without_a_known_state(
    hass: HomeAssistant, setup_clova: SetupClova, attributes: dict[str, Any]
) -> None:
    hass.states.async_set(CURTAIN, "unknown", {"supported_features": MOVES, **attributes})
    clova = await setup_clova(exposed=[CURTAIN])
    await declare_types(hass, {CURTAIN: "OPENCLOSESENSOR"})

    answer = await assert_request_fails(clova, "GetOpenState", CURTAIN, "ValueNotFoundError")

    assert answer["payload"] == {}


# --- Home Assistant's demo covers ---------------------------------------------------------


@pytest.fixture
async def demo_covers(hass: HomeAssistant) -> None:
    """Demo covers: kitchen/hall/living room windows, a garage door, a pergola roof."""
    await async_setup_demo(hass, [Platform.COVER])


@pytest.mark.usefixtures("demo_covers")
async def test_demo_window_without_position_opens_and_closes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["cover.kitchen_window"])
    target = appliance_id(hass, "cover.kitchen_window")
    assert state_of(hass, "cover.kitchen_window").state == CoverState.CLOSED

    answer = await clova.request("Open", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "OpenConfirmation"
    assert answer["payload"] == {}
    assert state_of(hass, "cover.kitchen_window").state == CoverState.OPEN

    answer = await clova.request("Close", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "CloseConfirmation"
    assert state_of(hass, "cover.kitchen_window").state == CoverState.CLOSED


@pytest.mark.usefixtures("demo_covers")
async def test_demo_window_moves_stops_and_reports(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The hall window (10 % open) opens, works while moving, stops, closes."""
    clova = await setup_clova(exposed=["cover.hall_window"])
    target = appliance_id(hass, "cover.hall_window")
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}

    answer = await clova.request("Open", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "OpenConfirmation"
    assert state_of(hass, "cover.hall_window").state == CoverState.OPENING
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": True}
    await tick(hass, 2)
    assert state_of(hass, "cover.hall_window").attributes["current_position"] == 30

    answer = await clova.request("Stop", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "StopConfirmation"
    assert answer["payload"] == {}
    await tick(hass, 2)
    # The demo does not write its state on stop; it just stays where it is.
    assert state_of(hass, "cover.hall_window").attributes["current_position"] == 30

    answer = await clova.request("Close", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "CloseConfirmation"
    assert state_of(hass, "cover.hall_window").state == CoverState.CLOSING
    await tick(hass, 3)
    assert state_of(hass, "cover.hall_window").state == CoverState.CLOSED
    health = await clova.request("HealthCheck", target)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}
    await declare_types(hass, {"cover.hall_window": "OPENCLOSESENSOR"})
    query = await clova.request("GetOpenState", target)
    assert query["payload"]["openState"] == "CLOSED"


@pytest.mark.usefixtures("demo_covers")
async def test_demo_window_with_tilt_opens_itself(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["cover.living_room_window"])
    target = appliance_id(hass, "cover.living_room_window")

    answer = await clova.request("Open", target)
    await hass.async_block_till_done()
    await tick(hass, 3)

    assert answer_name(answer) == "OpenConfirmation"
    state = state_of(hass, "cover.living_room_window")
    assert state.attributes["current_position"] == 100
    assert state.attributes["current_tilt_position"] == 50


@pytest.mark.usefixtures("demo_covers")
async def test_demo_garage_door_opens_only_when_opted_in(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["cover.garage_door"])
    target = appliance_id(hass, "cover.garage_door")
    assert await advertised(clova, target) == {"Close", "HealthCheck"}

    refused = await clova.request("Open", target)
    await hass.async_block_till_done()
    assert answer_name(refused) == "UnsupportedOperationError"
    assert state_of(hass, "cover.garage_door").state == CoverState.CLOSED

    (entry,) = hass.config_entries.async_entries(DOMAIN)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_UNLOCK_ENTITIES: ["cover.garage_door"]}
    )
    await hass.async_block_till_done()
    assert await advertised(clova, target) == {"Open", "Close", "HealthCheck"}
    allowed = await clova.request("Open", target)
    await hass.async_block_till_done()
    assert answer_name(allowed) == "OpenConfirmation"
    assert state_of(hass, "cover.garage_door").state == CoverState.OPEN

    closed = await clova.request("Close", target)
    await hass.async_block_till_done()
    assert answer_name(closed) == "CloseConfirmation"
    assert state_of(hass, "cover.garage_door").state == CoverState.CLOSED


@pytest.mark.usefixtures("demo_covers")
async def test_demo_pergola_roof_moves_its_louvres(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["cover.pergola_roof"])
    target = appliance_id(hass, "cover.pergola_roof")
    assert await advertised(clova, target) == {"Open", "Close", "Stop", "HealthCheck"}

    answer = await clova.request("Close", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "CloseConfirmation"
    await tick(hass, 2)
    assert state_of(hass, "cover.pergola_roof").attributes["current_tilt_position"] == 40

    answer = await clova.request("Stop", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "StopConfirmation"
    await tick(hass, 2)
    assert state_of(hass, "cover.pergola_roof").attributes["current_tilt_position"] == 40

    answer = await clova.request("Open", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "OpenConfirmation"
    await tick(hass, 6)
    assert state_of(hass, "cover.pergola_roof").attributes["current_tilt_position"] == 100
    await declare_types(hass, {"cover.pergola_roof": "OPENCLOSESENSOR"})
    query = await clova.request("GetOpenState", target)
    assert query["payload"]["openState"] == "OPENED"
