"""Binary sensor queries: open state, open/close time and motion detection time."""

from __future__ import annotations

from typing import Any, override

from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import State

from ..protocol.catalog import (
    GET_CLOSE_TIME,
    GET_DETECTED_TIME,
    GET_OPEN_STATE,
    GET_OPEN_TIME,
    OPEN_STATE_CLOSED,
    OPEN_STATE_OPENED,
    ActionSpec,
)
from ..protocol.errors import ValueNotFoundError
from ..timestamps import timestamp
from .base import Capability, capability

BINARY_SENSOR = {Platform.BINARY_SENSOR}


class _BinarySensor(Capability):
    """A binary sensor's on/off state (and when it last changed)."""

    def _current(self) -> State:
        """The state when it is on or off, else ValueNotFoundError."""
        state = self.appliance.state
        if state is None or state.state not in (STATE_ON, STATE_OFF):
            raise ValueNotFoundError
        return state


@capability(GET_OPEN_STATE, domains=BINARY_SENSOR)
class OpenState(_BinarySensor):
    """GetOpenState: a binary sensor that is on is OPENED, off is CLOSED."""

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        opened = self._current().state == STATE_ON
        return {"openState": OPEN_STATE_OPENED if opened else OPEN_STATE_CLOSED}


@capability(GET_OPEN_TIME, GET_CLOSE_TIME, domains=BINARY_SENSOR)
class OpenCloseTime(_BinarySensor):
    """GetOpenTime / GetCloseTime: when the sensor became open / closed.

    Only the current state's ``last_changed`` is known (no history is kept): the
    opening time of a sensor that is open now, the closing time of one that is closed
    now. Asked for the other, the answer is ValueNotFoundError. After a restart,
    ``last_changed`` is when Home Assistant restored the state.
    """

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        state = self._current()
        wanted = STATE_ON if action is GET_OPEN_TIME else STATE_OFF
        if state.state != wanted:
            raise ValueNotFoundError
        field = "openTimestamp" if wanted == STATE_ON else "closeTimestamp"
        return {field: timestamp(state.last_changed)}


@capability(GET_DETECTED_TIME, domains=BINARY_SENSOR)
class DetectedTime(_BinarySensor):
    """GetDetectedTime: when motion was last detected.

    While the sensor is on, the detection under way began at its ``last_changed``;
    once off, ``last_changed`` is when the last detection ended — the last moment
    something was detected. No history is kept. The value is ISO 8601 (the 2021
    table) inside ``{"value": ...}`` (the 2021 example, the only one).
    """

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        return {"detectedTime": {"value": timestamp(self._current().last_changed)}}
