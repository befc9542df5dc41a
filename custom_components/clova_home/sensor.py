"""Is CLOVA reaching Home Assistant? Two diagnostic sensors on the integration's device.

"Last request from CLOVA" (a timestamp) is when the endpoint last answered a request
that passed the signature check; "Last answer to CLOVA" (an enum) is how the endpoint
last answered: answered, the Clova error sent, or why the gate refused a request. The
request tester (``clova_home.process_request``) is not CLOVA and changes neither.

They follow the request statistics (:class:`~.stats.RequestStats`): each recorded
request hands its summary to the sensors, which keep it and write their state — at
once when they have been quiet for a while, else once at the end of a short interval,
so a burst of requests costs a few state writes, not one per request, and never a
write while a request is being answered. Their last values are restored after a reload
or a restart.
"""

from __future__ import annotations

from abc import abstractmethod
import asyncio
from datetime import datetime
import math
import re
from typing import Any, Final

from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorExtraStoredData,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, State, callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN
from .pipeline import SOURCE_CLOVA
from .protocol import errors
from .runtime import ClovaConfigEntry
from .stats import RequestStats, RequestSummary

# Nothing to fetch: the sensors are pushed to by the requests themselves.
PARALLEL_UPDATES = 0

# The least time between two state writes of one sensor (seconds).
WRITE_INTERVAL: Final = 5.0

KEY_LAST_REQUEST: Final = "last_request"
KEY_LAST_ANSWER: Final = "last_answer"
ATTR_REQUEST: Final = "request"

ANSWERED: Final = "answered"
OTHER_ERROR: Final = "other_error"  # an error message this version does not know
REFUSED: Final = "refused"  # a gate refusal this version does not know


def _state_key(error_name: str) -> str:
    """``TargetOfflineError`` -> ``target_offline``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", error_name.removesuffix("Error")).lower()


# Clova error message name -> the sensor's state for it.
ERROR_STATES: Final[dict[str, str]] = {
    name: _state_key(name)
    for name, value in sorted(vars(errors).items())
    if isinstance(value, type) and issubclass(value, errors.ClovaError)
    if value is not errors.ClovaError
}
# What the gate refuses before a Clova message is read (the reasons http.py records).
REFUSAL_STATES: Final = (
    "bad_signature",
    "not_a_clova_request",
    "too_large",
    "unreadable",
    "compressed",
)
ANSWER_STATES: Final = (
    ANSWERED,
    *ERROR_STATES.values(),
    OTHER_ERROR,
    *REFUSAL_STATES,
    REFUSED,
)


def answer_state(item: RequestSummary | str) -> str:
    """The "last answer" state for a recorded request (its summary or refusal reason)."""
    if isinstance(item, str):
        return item if item in REFUSAL_STATES else REFUSED
    if item.success:
        return ANSWERED
    return ERROR_STATES.get(item.outcome, OTHER_ERROR)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ClovaConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """The status sensors of the entry's service device."""
    stats = entry.runtime_data.stats
    async_add_entities([LastRequestSensor(entry, stats), LastAnswerSensor(entry, stats)])


def service_device(entry: ClovaConfigEntry) -> DeviceInfo:
    """The device that stands for the integration itself (a service, not hardware)."""
    return DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        entry_type=DeviceEntryType.SERVICE,
    )


class ClovaStatusSensor(RestoreSensor):
    """A diagnostic sensor that follows the requests recorded in ``stats``."""

    _attr_has_entity_name = True
    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_should_poll = False

    def __init__(self, entry: ClovaConfigEntry, stats: RequestStats, key: str) -> None:
        self._stats = stats
        self._attr_translation_key = key
        self._attr_unique_id = f"{entry.entry_id}_{key}"
        self._attr_device_info = service_device(entry)
        self._since = entry.created_at
        self._written = -math.inf  # loop time of the last state write
        self._pending: asyncio.Handle | None = None  # the write to come
        self._latest: RequestSummary | str | None = None  # what it is to show

    async def async_added_to_hass(self) -> None:
        """Restore the last value, then follow the requests."""
        await super().async_added_to_hass()
        state = await self.async_get_last_state()
        data = await self.async_get_last_sensor_data()
        # A state from before the entry was added is a removed entry's (same entity_id).
        if state is not None and data is not None and state.last_updated >= self._since:
            self._restore(state, data)
        self.async_on_remove(self._stats.add_listener(self._recorded))
        self.async_on_remove(self._cancel_write)

    @abstractmethod
    def _restore(self, state: State, data: SensorExtraStoredData) -> None:
        """Take the value kept from before the reload or restart."""

    @abstractmethod
    def _follows(self, item: RequestSummary | str) -> bool:
        """Whether this recorded request changes what the sensor shows (cheap)."""

    @abstractmethod
    def _show(self, item: RequestSummary | str) -> None:
        """Show what the recorded request says (when the state is written)."""

    @callback
    def _recorded(self, item: RequestSummary | str) -> None:
        """A request was recorded: keep it and plan a state write.

        Never a write at once for a refusal: the gate records it before its answer is sent.
        Within the interval only the latest request is kept (nothing else is done).
        """
        if not self._follows(item):
            return
        self._latest = item
        if self._pending is not None:
            return
        loop = self.hass.loop
        wait = self._written + WRITE_INTERVAL - loop.time()
        if wait > 0:
            self._pending = loop.call_later(wait, self._write)
        elif isinstance(item, str):
            self._pending = loop.call_soon(self._write)
        else:  # recorded after the answer was sent
            self._write()

    @callback
    def _write(self) -> None:
        self._pending = None
        self._written = self.hass.loop.time()
        if self._latest is not None:
            self._show(self._latest)
            self._latest = None
        self.async_write_ha_state()

    @callback
    def _cancel_write(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None


class LastRequestSensor(ClovaStatusSensor):
    """When CLOVA's last request (with a good signature) was answered."""

    _attr_device_class = SensorDeviceClass.TIMESTAMP

    def __init__(self, entry: ClovaConfigEntry, stats: RequestStats) -> None:
        super().__init__(entry, stats, KEY_LAST_REQUEST)

    def _restore(self, state: State, data: SensorExtraStoredData) -> None:
        if isinstance(data.native_value, datetime):
            self._attr_native_value = data.native_value

    def _follows(self, item: RequestSummary | str) -> bool:
        return not isinstance(item, str) and item.source == SOURCE_CLOVA

    def _show(self, item: RequestSummary | str) -> None:
        if isinstance(item, RequestSummary):
            self._attr_native_value = item.time


class LastAnswerSensor(ClovaStatusSensor):
    """How the endpoint last answered: answered, a Clova error, or refused by the gate."""

    _attr_device_class = SensorDeviceClass.ENUM

    def __init__(self, entry: ClovaConfigEntry, stats: RequestStats) -> None:
        super().__init__(entry, stats, KEY_LAST_ANSWER)
        self._attr_options = list(ANSWER_STATES)
        self._attr_extra_state_attributes: dict[str, Any] = {}

    def _restore(self, state: State, data: SensorExtraStoredData) -> None:
        if data.native_value not in ANSWER_STATES:  # a state this version does not have
            return
        self._attr_native_value = data.native_value
        request = state.attributes.get(ATTR_REQUEST)
        self._attr_extra_state_attributes = (
            {ATTR_REQUEST: request} if isinstance(request, str) else {}
        )

    def _follows(self, item: RequestSummary | str) -> bool:
        return isinstance(item, str) or item.source == SOURCE_CLOVA

    def _show(self, item: RequestSummary | str) -> None:
        self._attr_native_value = answer_state(item)
        self._attr_extra_state_attributes = (
            {ATTR_REQUEST: item.name} if isinstance(item, RequestSummary) else {}
        )
