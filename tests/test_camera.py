"""Cameras as Clova home cameras (HOMECAM): discovery and switching on and off.

The demo's cameras are real camera entities: one that can be switched (ON_OFF), built
by Home Assistant's demo integration.
"""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

from homeassistant.components.camera import CameraEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, ATTR_SUPPORTED_FEATURES
from homeassistant.core import HomeAssistant
import pytest

from custom_components.clova_home.capabilities import camera

from .assertions import answer_name, assert_request_calls_service, async_setup_demo
from .conftest import SetupClova

CAMERA = "camera.demo_camera"


@pytest.fixture
async def cameras(hass: HomeAssistant) -> None:
    await async_setup_demo(hass, ["camera"])


@pytest.mark.usefixtures("cameras")
async def test_a_camera_that_can_be_switched_is_a_homecam(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=[CAMERA])

    answer = await clova.request("DiscoverAppliances")

    [camera] = answer["payload"]["discoveredAppliances"]
    assert camera["applianceTypes"] == ["HOMECAM"]
    # It has a stream, so it may record (tests/test_camera_recording.py).
    assert camera["actions"] == ["HealthCheck", "StartRecording", "TurnOff", "TurnOn"]


@pytest.mark.usefixtures("cameras")
@pytest.mark.parametrize(("name", "service"), [("TurnOn", "turn_on"), ("TurnOff", "turn_off")])
async def test_turning_a_camera_on_and_off(
    hass: HomeAssistant, setup_clova: SetupClova, name: str, service: str
) -> None:
    clova = await setup_clova(exposed=[CAMERA])

    await assert_request_calls_service(
        clova, name, CAMERA, "camera", service, {ATTR_ENTITY_ID: CAMERA}
    )


@pytest.mark.usefixtures("cameras")
async def test_the_demo_camera_really_turns_off(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Through the real camera service (not a mock): the demo camera stops streaming."""
    clova = await setup_clova(exposed=[CAMERA])
    entity = hass.data["camera"].get_entity(CAMERA)
    assert entity.is_on

    answer = await clova.request("TurnOff", CAMERA)

    assert answer_name(answer) == "TurnOffConfirmation"
    assert not entity.is_on


async def test_a_camera_that_cannot_be_switched_offers_nothing_to_say(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("camera.doorbell", "idle", {ATTR_SUPPORTED_FEATURES: 0})
    clova = await setup_clova(exposed=["camera.doorbell"])

    answer = await clova.request("DiscoverAppliances")
    refused = await clova.request("TurnOff", "camera.doorbell")

    [camera] = answer["payload"]["discoveredAppliances"]
    assert camera["actions"] == ["HealthCheck"]
    assert answer_name(refused) == "UnsupportedOperationError"


def test_the_flag_is_home_assistants() -> None:
    """The capability spells out the one camera flag it needs (see capabilities/camera.py)."""
    assert camera.ON_OFF == CameraEntityFeature.ON_OFF


def test_the_integration_does_not_import_the_camera_component() -> None:
    """Importing it would load TurboJPEG into every Home Assistant running Clova Home."""
    probe = (
        "import sys, custom_components.clova_home.handlers;"
        "print('homeassistant.components.camera' in sys.modules)"
    )
    root = Path(__file__).parent.parent
    found = subprocess.run(  # noqa: S603 - our own interpreter and a fixed probe
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "False"
