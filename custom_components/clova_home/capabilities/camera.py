"""Home cameras (HOMECAM): switched on and off, when the camera itself can be.

Home Assistant's camera state says whether it records or streams, never whether it is
switched on, so the power state is not told (``is_on`` stays unknown).

The camera component is not imported: importing it loads its image libraries (TurboJPEG)
into every Home Assistant that runs this integration, camera or not. Its one flag used
here is spelled out (tests/test_camera.py checks it against Home Assistant's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, Platform

from ..protocol.catalog import TURN_OFF, TURN_ON, ActionSpec
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance

CAMERA = Platform.CAMERA
# CameraEntityFeature.ON_OFF: the camera can be switched on and off.
ON_OFF = 1


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
