"""Robot vacuums: TurnOn starts, TurnOff stops (or pauses), Charge sends them home."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.vacuum import VacuumActivity, VacuumEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
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
from .toolkit import demo_vacuum, discovered

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
    appliance = await discovered(clova, appliance_id)
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


# --- Home Assistant's demo vacuums ------------------------------------------------------


@pytest.fixture
async def demo_vacuums(hass: HomeAssistant) -> None:
    """Demo vacuums, one per floor, from every feature to none."""
    await async_setup_demo(hass, [Platform.VACUUM])


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
