"""Home cameras (HOMECAM): switched on and off, when the camera itself can be.

Home Assistant's camera state says whether it records or streams, never whether it is
switched on, so the power state is not told (``is_on`` stays unknown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.camera import DOMAIN as CAMERA, CameraEntityFeature
from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON

from ..protocol.catalog import TURN_OFF, TURN_ON, ActionSpec
from .base import Capability, capability

if TYPE_CHECKING:
    from ..appliance import Appliance


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
        return bool(appliance.features & CameraEntityFeature.ON_OFF)

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        await self.async_call(CAMERA, SERVICE_TURN_ON if action is TURN_ON else SERVICE_TURN_OFF)
        return {}
