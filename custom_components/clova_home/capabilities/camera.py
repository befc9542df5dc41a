"""Home cameras (HOMECAM): switched on and off, and recording, where Home Assistant can.

Home Assistant's camera state says whether it records or streams, never whether it is
switched on, so the power state is not told (``is_on`` stays unknown).

StartRecording is ``camera.record``: a clip of :data:`RECORDING_SECONDS` from the camera's
stream, written into Home Assistant's media folder (the media browser shows it), under
``clova_home/`` with the camera and the local time in its name. It is offered for cameras
with a stream (CameraEntityFeature.STREAM), which is what ``camera.record`` records;
whether Home Assistant can record at all (the stream integration, a media folder) is
asked when Clova asks, since discovery is decided from the camera's state alone.

Left out, because Home Assistant has nothing that does them:

- StopRecording: there is no service that stops a ``camera.record``; the clip ends by
  itself after :data:`RECORDING_SECONDS`. Not advertised, so Clova says at once that the
  camera cannot, rather than confirming a stop that never happens.
- SetMode / ReleaseMode ``sensing``: ``camera.enable_motion_detection`` exists, but no
  feature flag says whether a camera has it (the default raises NotImplementedError) and
  the state shows ``motion_detection`` only while it is on, so discovery cannot tell.
- SetMode / ReleaseMode ``privacy``: cameras have no privacy mode in Home Assistant (the
  integrations that have one make it a switch entity of its own).
- GetDetectionCount: a camera entity counts no detections (motion is a binary sensor's).

The camera component is not imported: importing it loads its image libraries (TurboJPEG)
into every Home Assistant that runs this integration, camera or not. Its flags, service
and field used here are spelled out (tests/test_camera.py and tests/test_camera_recording.py
check them against Home Assistant's).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, override

from homeassistant.const import CONF_FILENAME, SERVICE_TURN_OFF, SERVICE_TURN_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..protocol.catalog import START_RECORDING, TURN_OFF, TURN_ON, ActionSpec
from ..protocol.errors import UnsupportedOperationError
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

_LOGGER = logging.getLogger(__name__)

CAMERA = Platform.CAMERA
# CameraEntityFeature.ON_OFF: the camera can be switched on and off.
ON_OFF = 1
# CameraEntityFeature.STREAM: the camera has a video stream (what camera.record records).
STREAM = 2
# camera.SERVICE_RECORD and camera.const.CONF_DURATION (its filename is homeassistant.const's).
SERVICE_RECORD = "record"
CONF_DURATION = "duration"
# The integration that records (camera.record needs it loaded); default_config has it.
STREAM_INTEGRATION = "stream"

# How long a recording Clova starts lasts: nothing can stop it earlier (no StopRecording).
RECORDING_SECONDS = 60
# The media folder recorded into: Home Assistant's own, else the first one configured.
LOCAL_MEDIA = "local"
RECORDINGS_FOLDER = "clova_home"


@capability(
    TURN_ON,
    TURN_OFF,
    domains={CAMERA},
    done={TURN_ON: "turned on", TURN_OFF: "turned off"},
)
class CameraPower(Capability):
    """Switch a camera that supports it on and off (camera.turn_on / camera.turn_off)."""

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & ON_OFF)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        await self.async_call(CAMERA, SERVICE_TURN_ON if action is TURN_ON else SERVICE_TURN_OFF)
        return {}


def recording_path(hass: HomeAssistant, entity_id: str) -> str | None:
    """Where a recording of ``entity_id`` started now goes; None: no media folder allows it.

    Does blocking I/O (``is_allowed_path`` resolves the path): run it in the executor.
    """
    folders = hass.config.media_dirs
    ordered = ([folders[LOCAL_MEDIA]] if LOCAL_MEDIA in folders else []) + [
        folder for name, folder in folders.items() if name != LOCAL_MEDIA
    ]
    name = f"{entity_id.partition('.')[2]}-{dt_util.now().strftime('%Y%m%d-%H%M%S')}.mp4"
    for folder in ordered:
        path = os.path.join(folder, RECORDINGS_FOLDER, name)
        if hass.config.is_allowed_path(path):
            return path
    return None


def _literal(path: str) -> str:
    """``path`` as camera.record's filename, which is a template: never rendered as one."""
    if "{" not in path:
        return path
    return f"{{% raw %}}{path}{{% endraw %}}"


@capability(START_RECORDING, domains={CAMERA}, done={START_RECORDING: "recording started"})
class CameraRecording(Capability):
    """StartRecording: ``camera.record`` of a camera with a stream, into the media folder.

    Refused with UnsupportedOperationError (and a warning saying why) when Home
    Assistant cannot record: the stream integration is not set up, or no media folder
    may be written. A camera that fails to start recording (it has no stream source
    after all, it records already, its stream cannot be opened) is a DeviceFailureError,
    as any failing service: KO21 names ActionFailedError for a recording that could not
    be prepared, which this integration's error catalogue does not have yet. The clip
    takes longer than Clova waits: the answer is sent once the recording is under way
    (``service_call``), a failure after that is logged.
    """

    @classmethod
    @override
    def accepts(cls, appliance: Appliance) -> bool:
        return bool(appliance.features & STREAM)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        hass, entity_id = self.appliance.hass, self.appliance.entity_id
        if STREAM_INTEGRATION not in hass.config.components:
            _LOGGER.warning(
                "Clova asked %s to record, but the stream integration is not set up", entity_id
            )
            raise UnsupportedOperationError
        path = await hass.async_add_executor_job(recording_path, hass, entity_id)
        if path is None:
            _LOGGER.warning(
                "Clova asked %s to record, but no media folder may be written (media_dirs: %s)",
                entity_id,
                hass.config.media_dirs,
            )
            raise UnsupportedOperationError
        _LOGGER.debug("Recording %s for %s s into %s", entity_id, RECORDING_SECONDS, path)
        await self.async_call(
            CAMERA,
            SERVICE_RECORD,
            {CONF_FILENAME: _literal(path), CONF_DURATION: RECORDING_SECONDS},
        )
        return {}
