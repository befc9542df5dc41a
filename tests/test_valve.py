"""Valves as smart valves: SetLockState LOCKED closes, UNLOCKED opens; GetLockState."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

from homeassistant.components.valve import ValveEntityFeature, ValveState
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .assertions import (
    TIMESTAMP_FORMAT,
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import appliance_id, discovered

VALVE = "valve.main_water"
OPEN_CLOSE = ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE
VALVE_ACTIONS = {"SetLockState", "GetLockState", "HealthCheck"}


@pytest.mark.parametrize(
    ("lock_state", "service"), [("LOCKED", "close_valve"), ("UNLOCKED", "open_valve")]
)
async def test_set_lock_state_moves_the_valve(
    hass: HomeAssistant, setup_clova: SetupClova, lock_state: str, service: str
) -> None:
    hass.states.async_set(VALVE, ValveState.OPEN, {"supported_features": OPEN_CLOSE})
    clova = await setup_clova(exposed=[VALVE], unlock=[VALVE])

    answer = await assert_request_calls_service(
        clova,
        "SetLockState",
        VALVE,
        "valve",
        service,
        {ATTR_ENTITY_ID: VALVE},
        payload={"lockState": lock_state},
    )

    assert answer["payload"] == {"lockState": lock_state}


async def test_opening_a_valve_needs_the_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Water or gas flows once it is open: opening it is as sensitive as unlocking."""
    hass.states.async_set(VALVE, ValveState.CLOSED, {"supported_features": OPEN_CLOSE})
    async_mock_service(hass, "valve", "close_valve")
    clova = await setup_clova(exposed=[VALVE])

    await assert_request_fails(
        clova, "SetLockState", VALVE, "UnsupportedOperationError", lockState="UNLOCKED"
    )
    # Closing needs no opt-in.
    answer = await clova.request("SetLockState", VALVE, lockState="LOCKED")
    assert answer_name(answer) == "SetLockStateConfirmation"


@pytest.mark.parametrize(
    ("features", "movable", "fixed"),
    [
        (ValveEntityFeature.CLOSE, "LOCKED", "UNLOCKED"),  # a safety shut-off
        (ValveEntityFeature.OPEN, "UNLOCKED", "LOCKED"),
    ],
)
async def test_valve_that_moves_one_way_only(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    features: ValveEntityFeature,
    movable: str,
    fixed: str,
) -> None:
    hass.states.async_set(VALVE, ValveState.OPEN, {"supported_features": features})
    async_mock_service(hass, "valve", "open_valve")
    async_mock_service(hass, "valve", "close_valve")
    clova = await setup_clova(exposed=[VALVE], unlock=[VALVE])

    appliance = await discovered(clova, VALVE)
    assert set(appliance["actions"]) & VALVE_ACTIONS == {"SetLockState", "GetLockState"}
    answer = await clova.request("SetLockState", VALVE, lockState=movable)
    assert answer_name(answer) == "SetLockStateConfirmation"
    await assert_request_fails(
        clova, "SetLockState", VALVE, "UnsupportedOperationError", lockState=fixed
    )


@pytest.mark.parametrize("features", [0, ValveEntityFeature.STOP, None])
async def test_valve_that_cannot_move_only_reports(
    hass: HomeAssistant, setup_clova: SetupClova, features: int | None
) -> None:
    attributes = {} if features is None else {"supported_features": features}
    hass.states.async_set(VALVE, ValveState.OPEN, attributes)
    clova = await setup_clova(exposed=[VALVE])

    appliance = await discovered(clova, VALVE)
    assert set(appliance["actions"]) & VALVE_ACTIONS == {"GetLockState"}
    for lock_state in ("LOCKED", "UNLOCKED"):
        await assert_request_fails(
            clova, "SetLockState", VALVE, "UnsupportedOperationError", lockState=lock_state
        )
    answer = await clova.request("GetLockState", VALVE)
    assert answer["payload"]["lockState"] == "UNLOCKED"


@pytest.mark.parametrize("lock_state", ["OPEN", "locked", "", None])
async def test_invalid_lock_state_value(
    hass: HomeAssistant, setup_clova: SetupClova, lock_state: Any
) -> None:
    hass.states.async_set(VALVE, ValveState.OPEN, {"supported_features": OPEN_CLOSE})
    clova = await setup_clova(exposed=[VALVE])

    await assert_request_fails(
        clova, "SetLockState", VALVE, "UnsupportedOperationError", lockState=lock_state
    )


@pytest.mark.parametrize(
    ("state", "lock_state"),
    [
        (ValveState.CLOSED, "LOCKED"),
        (ValveState.OPEN, "UNLOCKED"),
        (ValveState.OPENING, "UNLOCKED"),
        (ValveState.CLOSING, "UNLOCKED"),  # still flowing until closed
    ],
)
async def test_get_lock_state(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, lock_state: str
) -> None:
    hass.states.async_set(VALVE, state, {"supported_features": OPEN_CLOSE})
    clova = await setup_clova(exposed=[VALVE])

    answer = await clova.request("GetLockState", VALVE)

    assert answer_name(answer) == "GetLockStateResponse"
    assert set(answer["payload"]) == {"lockState", "applianceResponseTimestamp"}
    assert answer["payload"]["lockState"] == lock_state
    assert TIMESTAMP_FORMAT.match(answer["payload"]["applianceResponseTimestamp"])


@pytest.mark.parametrize("state", ["unknown", "stuck", ""])
async def test_get_lock_state_without_a_known_state(
    hass: HomeAssistant, setup_clova: SetupClova, state: str
) -> None:
    hass.states.async_set(VALVE, state, {"supported_features": OPEN_CLOSE})
    clova = await setup_clova(exposed=[VALVE])

    answer = await assert_request_fails(clova, "GetLockState", VALVE, "ValueNotFoundError")

    assert answer["payload"] == {}


# --- Home Assistant's demo valves -------------------------------------------------------


@pytest.fixture
async def demo_valves(hass: HomeAssistant) -> None:
    """Demo valves: front_garden (open) and orchard (closed)."""
    await async_setup_demo(hass, [Platform.VALVE])


@pytest.fixture
def instant_demo_valves() -> Iterator[None]:
    """Demo valves take two seconds to move; make them move at once."""
    with patch("homeassistant.components.demo.valve.OPEN_CLOSE_DELAY", 0):
        yield


@pytest.mark.usefixtures("demo_valves", "instant_demo_valves")
@pytest.mark.parametrize(
    ("valve", "before", "wanted", "after"),
    [
        ("valve.front_garden", "UNLOCKED", "LOCKED", ValveState.CLOSED),
        ("valve.orchard", "LOCKED", "UNLOCKED", ValveState.OPEN),
    ],
)
async def test_demo_valve_really_moves(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    valve: str,
    before: str,
    wanted: str,
    after: str,
) -> None:
    clova = await setup_clova(exposed=[valve], unlock=[valve])
    target = appliance_id(hass, valve)
    query = await clova.request("GetLockState", target)
    assert query["payload"]["lockState"] == before

    answer = await clova.request("SetLockState", target, lockState=wanted)
    await hass.async_block_till_done()

    assert answer_name(answer) == "SetLockStateConfirmation"
    assert answer["payload"] == {"lockState": wanted}
    assert state_of(hass, valve).state == after
    query = await clova.request("GetLockState", target)
    assert query["payload"]["lockState"] == wanted
