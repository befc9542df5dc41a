"""Home cameras recording: StartRecording is camera.record into the media folder.

Offered for cameras with a stream; refused when Home Assistant cannot record (no stream
integration, no media folder to write); a camera that fails to start is a device failure.
StopRecording, the modes and the detection count have nothing in Home Assistant to do
them, so they are never advertised.
"""

from __future__ import annotations

import asyncio
import copy
from datetime import datetime, timedelta
import json
from pathlib import Path
import re
from typing import Any

from homeassistant.components.camera import SERVICE_RECORD, CameraEntityFeature
from homeassistant.components.camera.const import CONF_DURATION
from homeassistant.components.stream import DOMAIN as STREAM_DOMAIN
from homeassistant.const import ATTR_ENTITY_ID, CONF_FILENAME
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers.template import Template
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.capabilities import DONE, camera
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES

from .assertions import (
    assert_request_fails,
    async_setup_demo,
    record_service_calls,
    short_service_timeout,
    token_user_id,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import appliance_id, discovered

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "clova_examples.json").read_text())

CAMERA = "camera.demo_camera"  # ON_OFF and STREAM
WITHOUT_STREAM = "camera.demo_camera_without_stream"  # ON_OFF only
# The recording's name: the camera, then the local time it started (YYYYmmdd-HHMMSS).
NAME = re.compile(r"^demo_camera-(\d{8}-\d{6})\.mp4$")


def test_the_spelled_out_names_are_home_assistants() -> None:
    """camera.py spells them out rather than import the camera component."""
    assert camera.STREAM == CameraEntityFeature.STREAM
    assert camera.SERVICE_RECORD == SERVICE_RECORD
    assert camera.CONF_DURATION == CONF_DURATION
    assert camera.STREAM_INTEGRATION == STREAM_DOMAIN
    assert DONE["StartRecording"] == "recording started"


@pytest.fixture
async def media(hass: HomeAssistant, tmp_path: Path) -> Path:
    """The demo cameras; a media folder Home Assistant may write; recording possible."""
    await hass.config.async_set_time_zone("Asia/Seoul")
    await async_setup_demo(hass, ["camera"])
    folder = (tmp_path / "media").resolve()
    folder.mkdir()
    hass.config.media_dirs = {"local": str(folder)}
    hass.config.allowlist_external_dirs = {str(folder)}
    hass.config.components.add(STREAM_DOMAIN)
    return folder


def assert_recording_path(filename: str, folder: Path) -> None:
    """``filename`` is a recording of the demo camera started now, in ``folder``/clova_home."""
    path = Path(filename)
    assert path.parent == folder / "clova_home", filename
    match = NAME.match(path.name)
    assert match is not None, filename
    started = datetime.strptime(match[1], "%Y%m%d-%H%M%S").replace(
        tzinfo=dt_util.get_default_time_zone()
    )
    assert abs(dt_util.now() - started) < timedelta(minutes=1), filename


async def _camera(
    hass: HomeAssistant, setup_clova: SetupClova, entity_id: str = CAMERA
) -> tuple[ClovaClient, str]:
    clova = await setup_clova(exposed=[entity_id])
    return clova, appliance_id(hass, entity_id)


@pytest.mark.usefixtures("media")
async def test_what_a_camera_advertises(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=[CAMERA, WITHOUT_STREAM])

    with_stream = await discovered(clova, appliance_id(hass, CAMERA))
    without = await discovered(clova, appliance_id(hass, WITHOUT_STREAM))

    assert with_stream["actions"] == ["HealthCheck", "StartRecording", "TurnOff", "TurnOn"]
    assert without["actions"] == ["HealthCheck", "TurnOff", "TurnOn"]
    # What HOMECAM permits and Home Assistant has nothing for.
    left_out = APPLIANCE_TYPES["HOMECAM"] - set(with_stream["actions"])
    assert left_out == {"StopRecording", "SetMode", "ReleaseMode", "GetDetectionCount"}


async def test_start_recording_records_into_the_media_folder(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path
) -> None:
    clova, target = await _camera(hass, setup_clova)
    calls = async_mock_service(hass, "camera", "record")

    with record_service_calls(hass) as events:
        answer = await clova.request("StartRecording", target)

    assert answer_name(answer) == "StartRecordingConfirmation"
    assert answer["payload"] == {}
    [call] = calls
    assert set(call.data) == {ATTR_ENTITY_ID, CONF_FILENAME, CONF_DURATION}
    assert call.data[ATTR_ENTITY_ID] == CAMERA
    assert call.data[CONF_DURATION] == camera.RECORDING_SECONDS == 60
    assert_recording_path(call.data[CONF_FILENAME], media)
    assert call.context.user_id == token_user_id(clova)
    assert [(event.data["domain"], event.data["service"]) for event in events] == [
        ("camera", "record")
    ]


@pytest.mark.parametrize(
    ("folders", "chosen"),
    [
        ({"recordings": "a", "local": "b"}, "b"),  # Home Assistant's own first
        ({"nas": "a", "usb": "b"}, "a"),  # else the first configured
    ],
)
async def test_which_media_folder(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    media: Path,
    folders: dict[str, str],
    chosen: str,
) -> None:
    hass.config.media_dirs = {name: str(media / folder) for name, folder in folders.items()}
    hass.config.allowlist_external_dirs = {str(media)}
    clova, target = await _camera(hass, setup_clova)
    calls = async_mock_service(hass, "camera", "record")

    answer = await clova.request("StartRecording", target)

    assert answer_name(answer) == "StartRecordingConfirmation"
    [call] = calls
    assert_recording_path(call.data[CONF_FILENAME], media / chosen)


async def test_a_folder_not_allowed_is_skipped(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path
) -> None:
    hass.config.media_dirs = {"local": "/nowhere/media", "usb": str(media)}
    clova, target = await _camera(hass, setup_clova)
    calls = async_mock_service(hass, "camera", "record")

    await clova.request("StartRecording", target)

    assert calls[0].data[CONF_FILENAME].startswith(f"{media}/clova_home/")


@pytest.mark.parametrize(
    "folders", [{}, {"local": "/nowhere/media"}], ids=["no media folder", "not allowed"]
)
@pytest.mark.usefixtures("media")
async def test_nowhere_to_write(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    folders: dict[str, str],
) -> None:
    hass.config.media_dirs = folders
    clova, target = await _camera(hass, setup_clova)
    async_mock_service(hass, "camera", "record")

    await assert_request_fails(clova, "StartRecording", target, "UnsupportedOperationError")

    assert "no media folder may be written" in caplog.text


async def test_without_the_stream_integration_nothing_records(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hass.config.components.remove(STREAM_DOMAIN)
    clova, target = await _camera(hass, setup_clova)
    async_mock_service(hass, "camera", "record")

    await assert_request_fails(clova, "StartRecording", target, "UnsupportedOperationError")

    assert "the stream integration is not set up" in caplog.text


@pytest.mark.usefixtures("media")
async def test_the_demo_camera_really_cannot_record(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Through the real camera.record: the demo camera has the flag but no stream source."""
    clova, target = await _camera(hass, setup_clova)

    answer = await clova.request("StartRecording", target)

    assert answer_name(answer) == "DeviceFailureError"


@pytest.mark.usefixtures("media")
async def test_a_camera_without_a_stream_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova, target = await _camera(hass, setup_clova, WITHOUT_STREAM)
    async_mock_service(hass, "camera", "record")

    await assert_request_fails(clova, "StartRecording", target, "UnsupportedOperationError")


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("StopRecording", {}),
        ("SetMode", {"mode": {"value": "sensing"}}),
        ("SetMode", {"mode": {"value": "privacy"}}),
        ("ReleaseMode", {"mode": {"value": "sensing"}}),
        ("GetDetectionCount", {}),
    ],
)
async def test_what_home_assistant_cannot_do_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova, name: str, payload: dict[str, Any]
) -> None:
    clova, target = await _camera(hass, setup_clova)

    await assert_request_fails(clova, name, target, "UnsupportedOperationError", **payload)


async def test_an_unavailable_camera_is_offline(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path
) -> None:
    hass.states.async_set("camera.porch", "unavailable", {"supported_features": camera.STREAM})
    clova = await setup_clova(exposed=["camera.porch"])

    await assert_request_fails(clova, "StartRecording", "camera.porch", "TargetOfflineError")


async def test_a_recording_longer_than_clova_waits_is_confirmed(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path
) -> None:
    """camera.record runs for the whole clip: the answer comes once it is under way."""
    clova, target = await _camera(hass, setup_clova)
    started = asyncio.Event()
    finish = asyncio.Event()

    async def _record(call: ServiceCall) -> None:
        started.set()
        await finish.wait()

    hass.services.async_register("camera", "record", _record)

    with short_service_timeout(0.05):
        answer = await clova.request("StartRecording", target)
    finish.set()
    await hass.async_block_till_done()

    assert started.is_set()
    assert answer_name(answer) == "StartRecordingConfirmation"


async def test_a_folder_name_is_never_a_template(
    hass: HomeAssistant, setup_clova: SetupClova, media: Path
) -> None:
    """camera.record renders its filename as a template: braces in the path stay braces."""
    folder = media / "{{ 1 + 1 }}"
    folder.mkdir()
    hass.config.media_dirs = {"local": str(folder)}
    clova, target = await _camera(hass, setup_clova)
    calls = async_mock_service(hass, "camera", "record")

    await clova.request("StartRecording", target)

    rendered = Template(calls[0].data[CONF_FILENAME], hass).async_render(parse_result=False)
    assert_recording_path(rendered, folder)


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize("name", ["StartRecordingRequest", "StopRecordingRequest"])
async def test_the_documented_examples(
    hass: HomeAssistant, setup_clova: SetupClova, name: str
) -> None:
    """The docs' requests: StartRecording confirmed (empty, as documented), Stop refused."""
    clova, target = await _camera(hass, setup_clova)
    async_mock_service(hass, "camera", "record")
    examples = [example["json"] for example in CORPUS["examples"] if example["name"] == name]
    assert examples

    for example in examples:
        message = copy.deepcopy(example)
        message["payload"]["accessToken"] = clova.token
        message["payload"]["appliance"]["applianceId"] = target
        answer = await clova.send(message)
        if name == "StartRecordingRequest":
            assert answer_name(answer) == "StartRecordingConfirmation"
            assert answer["payload"] == {}
        else:
            assert answer_name(answer) == "UnsupportedOperationError"
