"""Robot vacuums: TurnOn starts, TurnOff stops (or pauses), Charge sends them home."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

VACUUM = "vacuum.robot"
ALL = (
    VacuumEntityFeature.STATE
    | VacuumEntityFeature.START
    | VacuumEntityFeature.STOP
    | VacuumEntityFeature.PAUSE
    | VacuumEntityFeature.RETURN_HOME
)
VACUUM_ACTIONS = {"TurnOn", "TurnOff", "Charge", "HealthCheck"}


async def advertised(clova: ClovaClient, appliance_id: str) -> set[str]:
    """The vacuum actions (and HealthCheck) that discovery lists for an appliance."""
    discovery = await clova.request("DiscoverAppliances")
    (appliance,) = [
        found
        for found in discovery["payload"]["discoveredAppliances"]
        if found["applianceId"] == appliance_id
    ]
    assert appliance["applianceTypes"] == ["ROBOTVACUUM"]
    return set(appliance["actions"]) & VACUUM_ACTIONS


@pytest.mark.parametrize(
    ("action", "features", "service"),
    [
        ("TurnOn", ALL, "start"),
        ("TurnOff", ALL, "stop"),  # stop rather than pause when it can do both
        ("TurnOff", VacuumEntityFeature.STOP, "stop"),
        ("TurnOff", VacuumEntityFeature.PAUSE, "pause"),
        ("Charge", ALL, "return_to_base"),
    ],
)
async def test_actions_call_the_vacuum_service(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    action: str,
    features: VacuumEntityFeature,
    service: str,
) -> None:
    hass.states.async_set(VACUUM, VacuumActivity.CLEANING, {"supported_features": features})
    clova = await setup_clova(exposed=[VACUUM])

    answer = await assert_request_calls_service(
        clova, action, VACUUM, "vacuum", service, {ATTR_ENTITY_ID: VACUUM}
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("features", "actions"),
    [
        (ALL, {"TurnOn", "TurnOff", "Charge"}),
        (VacuumEntityFeature.START, {"TurnOn"}),
        (VacuumEntityFeature.STOP, {"TurnOff"}),
        (VacuumEntityFeature.PAUSE, {"TurnOff"}),
        (VacuumEntityFeature.RETURN_HOME, {"Charge"}),
        # The old on/off flags have no services any more.
        (VacuumEntityFeature.TURN_ON | VacuumEntityFeature.TURN_OFF, set[str]()),
        (0, set[str]()),
    ],
)
async def test_actions_follow_the_features(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    features: VacuumEntityFeature,
    actions: set[str],
) -> None:
    hass.states.async_set(VACUUM, VacuumActivity.DOCKED, {"supported_features": features})
    clova = await setup_clova(exposed=[VACUUM])

    assert await advertised(clova, VACUUM) == {*actions, "HealthCheck"}
    for missing in {"TurnOn", "TurnOff", "Charge"} - actions:
        await assert_request_fails(clova, missing, VACUUM, "UnsupportedOperationError")


@pytest.mark.parametrize(
    ("state", "is_on"),
    [
        (VacuumActivity.CLEANING, True),
        (VacuumActivity.RETURNING, False),  # on its way home: no longer working
        (VacuumActivity.DOCKED, False),
        (VacuumActivity.IDLE, False),
        (VacuumActivity.PAUSED, False),
        (VacuumActivity.ERROR, False),
        ("unknown", False),
    ],
)
async def test_health_check_turned_on_while_cleaning(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, is_on: bool
) -> None:
    hass.states.async_set(VACUUM, state, {"supported_features": ALL})
    clova = await setup_clova(exposed=[VACUUM])

    health = await clova.request("HealthCheck", VACUUM)

    assert health["payload"] == {"isReachable": True, "isTurnOn": is_on}


@pytest.mark.parametrize("action", ["TurnOn", "TurnOff", "Charge"])
async def test_unavailable_vacuum_is_offline(
    hass: HomeAssistant, setup_clova: SetupClova, action: str
) -> None:
    hass.states.async_set(VACUUM, "unavailable", {"supported_features": ALL})
    clova = await setup_clova(exposed=[VACUUM])

    await assert_request_fails(clova, action, VACUUM, "TargetOfflineError")
    health = await clova.request("HealthCheck", VACUUM)
    assert health["payload"] == {"isReachable": False, "isTurnOn": False}


# --- Home Assistant's demo vacuums ------------------------------------------------------


@pytest.fixture
async def demo_vacuums(hass: HomeAssistant) -> None:
    """Demo vacuums, one per floor, from every feature to none."""
    await async_setup_demo(hass, [Platform.VACUUM])


def demo_vacuum(hass: HomeAssistant, floor: str) -> tuple[str, str]:
    """The demo vacuum on ``floor`` (e.g. ``0_ground_floor``): its entity id and applianceId.

    Home Assistant 2026 named them ``demo_vacuum_<floor>`` and gave them unique ids, so the
    applianceId is their registry id; before, it was the entity id.
    """
    (entity_id,) = [
        entity_id
        for entity_id in hass.states.async_entity_ids("vacuum")
        if entity_id.partition(".")[2] in (floor, f"demo_vacuum_{floor}")
    ]
    entry = er.async_get(hass).async_get(entity_id)
    return entity_id, entry.id if entry is not None else entity_id


async def activity(clova: ClovaClient, action: str, vacuum: tuple[str, str]) -> str:
    """Send ``action`` to a ``demo_vacuum``; return its state once it has acted."""
    entity_id, appliance_id = vacuum
    answer = await clova.request(action, appliance_id)
    await clova.hass.async_block_till_done()
    assert answer_name(answer) == f"{action}Confirmation", answer
    assert answer["payload"] == {}
    return state_of(clova.hass, entity_id).state


@pytest.mark.usefixtures("demo_vacuums")
async def test_demo_vacuum_cleans_stops_and_goes_home(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    vacuum = demo_vacuum(hass, "0_ground_floor")
    entity_id, appliance_id = vacuum
    clova = await setup_clova(exposed=[entity_id])
    assert await advertised(clova, appliance_id) == VACUUM_ACTIONS
    assert state_of(hass, entity_id).state == VacuumActivity.DOCKED

    assert await activity(clova, "TurnOn", vacuum) == VacuumActivity.CLEANING
    health = await clova.request("HealthCheck", appliance_id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": True}

    assert await activity(clova, "TurnOff", vacuum) == VacuumActivity.IDLE
    health = await clova.request("HealthCheck", appliance_id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}

    assert await activity(clova, "TurnOn", vacuum) == VacuumActivity.CLEANING
    assert await activity(clova, "Charge", vacuum) == VacuumActivity.RETURNING
    health = await clova.request("HealthCheck", appliance_id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=31))
    await hass.async_block_till_done()
    assert state_of(hass, entity_id).state == VacuumActivity.DOCKED


@pytest.mark.usefixtures("demo_vacuums")
async def test_demo_vacuum_that_cannot_go_home(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    vacuum = demo_vacuum(hass, "2_second_floor")
    entity_id, appliance_id = vacuum
    clova = await setup_clova(exposed=[entity_id])

    assert await advertised(clova, appliance_id) == {"TurnOn", "TurnOff", "HealthCheck"}
    assert await activity(clova, "TurnOn", vacuum) == VacuumActivity.CLEANING
    await assert_request_fails(clova, "Charge", appliance_id, "UnsupportedOperationError")
    assert state_of(hass, entity_id).state == VacuumActivity.CLEANING


@pytest.mark.usefixtures("demo_vacuums")
@pytest.mark.parametrize("floor", ["3_third_floor", "4_fourth_floor"])
async def test_demo_vacuums_without_services(
    hass: HomeAssistant, setup_clova: SetupClova, floor: str
) -> None:
    """The third floor's vacuum has only the retired on/off flags; the fourth none."""
    entity_id, appliance_id = demo_vacuum(hass, floor)
    clova = await setup_clova(exposed=[entity_id])

    assert await advertised(clova, appliance_id) == {"HealthCheck"}
    await assert_request_fails(clova, "TurnOn", appliance_id, "UnsupportedOperationError")
    assert state_of(hass, entity_id).state == VacuumActivity.DOCKED
