"""The status sensors: when CLOVA last reached Home Assistant, and how it was answered.

Real Home Assistant, real signed requests through the gate: the sensors are on the
integration's service device, follow the requests recorded after each answer (a few
state writes for a burst, never one per request), come back after a reload, go with
the entry, and are never shown to Clova as appliances.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
import json
from pathlib import Path
import re
from typing import Any

from homeassistant.auth.models import User
from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_FRIENDLY_NAME,
    EVENT_STATE_CHANGED,
    EVENT_STATE_REPORTED,
    STATE_UNKNOWN,
    EntityCategory,
)
from homeassistant.core import Context, Event, HomeAssistant, callback
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.clova_home import sensor
from custom_components.clova_home.const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSURE_SOURCE,
    CONF_INCLUDE_AREAS,
    DOMAIN,
    SERVICE_PROCESS_REQUEST,
    SOURCE_ASSIST,
)
from custom_components.clova_home.protocol import errors
from custom_components.clova_home.runtime import ClovaConfigEntry
from custom_components.clova_home.stats import RequestStats, RequestSummary

from .conftest import SetupClova
from .helpers import ClovaClient, answer_name, request_message

LIGHT = "light.living_room"
INTEGRATION = Path(__file__).parent.parent / "custom_components" / DOMAIN
LANGUAGES = ("en", "ko", "ja")
KEYS = (sensor.KEY_LAST_REQUEST, sensor.KEY_LAST_ANSWER)


@pytest.fixture
def no_write_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every recorded request is written at once (for tests of what is written)."""
    monkeypatch.setattr(sensor, "WRITE_INTERVAL", 0.0)


async def _setup(hass: HomeAssistant, setup_clova: SetupClova, **kwargs: Any) -> ClovaClient:
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Living room light"})
    async_mock_service(hass, "light", "turn_on")
    return await setup_clova(exposed=[LIGHT], **kwargs)


def _service_device(hass: HomeAssistant, entry_id: str) -> dr.DeviceEntry | None:
    """The entry's service device (not by identifiers: the newest Home Assistant refuses
    ``async_get_device``, identifiers being no longer unique across entries)."""
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry_id)
    return next((d for d in devices if (DOMAIN, entry_id) in d.identifiers), None)


def _entry(hass: HomeAssistant) -> ClovaConfigEntry:
    entry: ClovaConfigEntry = hass.config_entries.async_entries(DOMAIN)[0]
    return entry


def _entity_id(hass: HomeAssistant, key: str) -> str:
    entity_id = er.async_get(hass).async_get_entity_id(
        "sensor", DOMAIN, f"{_entry(hass).entry_id}_{key}"
    )
    assert entity_id is not None, key
    return entity_id


def _state(hass: HomeAssistant, key: str) -> tuple[str, dict[str, Any]]:
    state = hass.states.get(_entity_id(hass, key))
    assert state is not None
    return state.state, dict(state.attributes)


def _last_request(hass: HomeAssistant) -> str:
    return _state(hass, sensor.KEY_LAST_REQUEST)[0]


def _last_answer(hass: HomeAssistant) -> str:
    return _state(hass, sensor.KEY_LAST_ANSWER)[0]


def _as_state(summary: RequestSummary) -> str:
    """A time as a timestamp sensor's state shows it (UTC, to the second)."""
    return summary.time.astimezone(dt_util.UTC).isoformat(timespec="seconds")


def _last_summary(hass: HomeAssistant) -> RequestSummary:
    return _entry(hass).runtime_data.stats.recent[-1]


@pytest.fixture
def writes(hass: HomeAssistant) -> Iterator[list[Event[Any]]]:
    """The state writes of this integration's sensors after they were added.

    A write that changes nothing (a timestamp in the same second) is "reported".
    """
    seen: list[Event[Any]] = []

    @callback
    def _ours(event_data: Any) -> bool:
        return bool(
            event_data["entity_id"].startswith("sensor.clova_home")
            and event_data.get("old_state", True)
        )

    @callback
    def _written(event: Event[Any]) -> None:
        seen.append(event)

    unsubscribes = [
        hass.bus.async_listen(event_type, _written, event_filter=_ours)
        for event_type in (EVENT_STATE_CHANGED, EVENT_STATE_REPORTED)
    ]
    yield seen
    for unsubscribe in unsubscribes:
        unsubscribe()


# -- what is there after setup ------------------------------------------------------------


async def test_the_service_device_and_its_diagnostic_sensors(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    await _setup(hass, setup_clova)
    entry = _entry(hass)
    entities = er.async_get(hass)
    device = _service_device(hass, entry.entry_id)

    assert device is not None
    assert device.entry_type is dr.DeviceEntryType.SERVICE
    assert device.name == entry.title
    # (found among the entry's own devices: it belongs to this entry)
    ours = er.async_entries_for_config_entry(entities, entry.entry_id)
    assert sorted(item.unique_id for item in ours) == sorted(
        f"{entry.entry_id}_{key}" for key in KEYS
    )
    for item in ours:
        assert item.device_id == device.id
        assert item.entity_category is EntityCategory.DIAGNOSTIC
        assert item.has_entity_name
        assert item.translation_key in KEYS
        assert item.disabled_by is None  # the point is to see them at a glance
        assert item.hidden_by is None

    timestamp, timestamp_attributes = _state(hass, sensor.KEY_LAST_REQUEST)
    assert timestamp == STATE_UNKNOWN  # CLOVA has not called yet
    assert timestamp_attributes[ATTR_DEVICE_CLASS] == SensorDeviceClass.TIMESTAMP
    assert timestamp_attributes[ATTR_FRIENDLY_NAME] == "Clova Home Last request from CLOVA"
    answer, answer_attributes = _state(hass, sensor.KEY_LAST_ANSWER)
    assert answer == STATE_UNKNOWN
    assert answer_attributes[ATTR_DEVICE_CLASS] == SensorDeviceClass.ENUM
    assert answer_attributes["options"] == list(sensor.ANSWER_STATES)
    assert answer_attributes[ATTR_FRIENDLY_NAME] == "Clova Home Last answer to CLOVA"
    assert set(answer_attributes) == {ATTR_DEVICE_CLASS, ATTR_FRIENDLY_NAME, "options"}


# -- what a request changes ---------------------------------------------------------------


async def test_a_signed_request_updates_both(
    hass: HomeAssistant, setup_clova: SetupClova, writes: list[Event[Any]]
) -> None:
    clova = await _setup(hass, setup_clova)

    assert answer_name(await clova.request("TurnOn", LIGHT)) == "TurnOnConfirmation"
    await hass.async_block_till_done()

    summary = _last_summary(hass)
    assert _last_request(hass) == _as_state(summary)
    answer, attributes = _state(hass, sensor.KEY_LAST_ANSWER)
    assert answer == "answered"
    assert attributes[sensor.ATTR_REQUEST] == "TurnOnRequest"
    assert len(writes) == 2  # one write each


@pytest.mark.usefixtures("no_write_interval")
async def test_every_clova_error_is_named(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await _setup(hass, setup_clova)

    answer = await clova.request("TurnOn", "light.nowhere")
    await hass.async_block_till_done()
    assert answer_name(answer) == "NoSuchTargetError"
    assert _last_answer(hass) == "no_such_target"
    assert _last_request(hass) == _as_state(_last_summary(hass))

    answer = await clova.request("TurnOn", LIGHT, token="not-a-token")
    await hass.async_block_till_done()
    assert answer_name(answer) == "InvalidAccessTokenError"
    # A refused token is still CLOVA reaching Home Assistant (with a good signature).
    assert _last_answer(hass) == "invalid_access_token"
    assert _last_request(hass) == _as_state(_last_summary(hass))
    assert _state(hass, sensor.KEY_LAST_ANSWER)[1][sensor.ATTR_REQUEST] == "TurnOnRequest"

    hass.states.async_set(LIGHT, "unavailable")
    answer = await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    assert answer_name(answer) == "TargetOfflineError"
    assert _last_answer(hass) == "target_offline"

    assert answer_name(await clova.request("DiscoverAppliances")) == "DiscoverAppliancesResponse"
    await hass.async_block_till_done()
    shown, attributes = _state(hass, sensor.KEY_LAST_ANSWER)
    assert shown == "answered"
    assert attributes[sensor.ATTR_REQUEST] == "DiscoverAppliancesRequest"


@pytest.mark.usefixtures("no_write_interval")
async def test_the_gates_refusals_show_in_the_answer_only(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A refused request is not known to come from CLOVA: the time stays CLOVA's."""
    clova = await _setup(hass, setup_clova)
    await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    last_request = _last_request(hass)

    body = json.dumps(request_message("TurnOn", clova.token, LIGHT)).encode()
    status, _ = await clova.post_raw(body, {"SignatureCEK": "forged"})
    assert status == 401
    await hass.async_block_till_done()
    answer, attributes = _state(hass, sensor.KEY_LAST_ANSWER)
    assert answer == "bad_signature"
    assert sensor.ATTR_REQUEST not in attributes
    assert _last_request(hass) == last_request

    status, _ = await clova.post_raw(b"x" * (65 * 1024))
    assert status == 413
    await hass.async_block_till_done()
    assert _last_answer(hass) == "too_large"

    status, _ = await clova.post_raw(b'{"header": {}}')
    assert status == 400
    await hass.async_block_till_done()
    assert _last_answer(hass) == "not_a_clova_request"
    assert _last_request(hass) == last_request


async def test_a_refusal_is_written_after_its_answer(
    hass: HomeAssistant, setup_clova: SetupClova, writes: list[Event[Any]]
) -> None:
    """The gate records a refusal before answering; the sensor writes in a later turn."""
    await _setup(hass, setup_clova)
    stats = _entry(hass).runtime_data.stats

    stats.record_refusal("bad_signature")
    assert writes == []  # nothing written inside the request's own turn
    await hass.async_block_till_done()
    assert [event.data["new_state"].state for event in writes] == ["bad_signature"]
    assert writes[0].data["entity_id"] == _entity_id(hass, sensor.KEY_LAST_ANSWER)


@pytest.mark.usefixtures("no_write_interval")
async def test_the_request_tester_is_not_clova(
    hass: HomeAssistant, setup_clova: SetupClova, hass_admin_user: User
) -> None:
    await _setup(hass, setup_clova)

    await hass.services.async_call(
        DOMAIN,
        SERVICE_PROCESS_REQUEST,
        {"message": request_message("TurnOn", None, "light.nowhere")},
        blocking=True,
        return_response=True,
        context=Context(user_id=hass_admin_user.id),
    )
    await hass.async_block_till_done()

    assert _last_summary(hass).source == "service"
    assert _last_request(hass) == STATE_UNKNOWN
    assert _last_answer(hass) == STATE_UNKNOWN


async def test_a_burst_costs_a_few_writes(
    hass: HomeAssistant, setup_clova: SetupClova, writes: list[Event[Any]]
) -> None:
    """The first request is written at once, the rest of a burst once, at its end."""
    clova = await _setup(hass, setup_clova)

    await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    assert _last_answer(hass) == "answered"
    assert len(writes) == 2
    for _ in range(10):
        await clova.request("TurnOn", "light.nowhere")
    await hass.async_block_till_done()
    assert len(writes) == 2  # none yet: within the interval
    assert _last_answer(hass) == "answered"

    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=sensor.WRITE_INTERVAL + 1))
    await hass.async_block_till_done()

    assert len(writes) == 4  # the burst: one more write each
    assert _last_answer(hass) == "no_such_target"
    assert _last_request(hass) == _as_state(_last_summary(hass))


# -- reload, removal ----------------------------------------------------------------------


@pytest.mark.usefixtures("no_write_interval")
async def test_they_survive_a_reload(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await _setup(hass, setup_clova)
    await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    before = {key: _state(hass, key) for key in KEYS}
    entity_ids = {key: _entity_id(hass, key) for key in KEYS}
    entry = _entry(hass)

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    # The same entities, with what they showed (the statistics themselves start afresh).
    assert {key: _entity_id(hass, key) for key in KEYS} == entity_ids
    assert {key: _state(hass, key) for key in KEYS} == before
    assert not entry.runtime_data.stats.recent
    # And they follow the new runtime's requests.
    await clova.request("TurnOn", "light.nowhere")
    await hass.async_block_till_done()
    assert _last_answer(hass) == "no_such_target"
    assert _last_request(hass) == _as_state(_last_summary(hass))


async def test_unloaded_they_are_unavailable(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await _setup(hass, setup_clova)
    entity_ids = [_entity_id(hass, key) for key in KEYS]

    assert await hass.config_entries.async_unload(_entry(hass).entry_id)
    await hass.async_block_till_done()

    for entity_id in entity_ids:
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.state == "unavailable"


async def test_they_go_with_the_entry(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    await _setup(hass, setup_clova)
    entry = _entry(hass)
    entity_ids = [_entity_id(hass, key) for key in KEYS]

    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()

    entities = er.async_get(hass)
    assert er.async_entries_for_config_entry(entities, entry.entry_id) == []
    for entity_id in entity_ids:
        assert entities.async_get(entity_id) is None
        assert hass.states.get(entity_id) is None
    assert _service_device(hass, entry.entry_id) is None


async def test_a_new_entry_starts_blank(
    hass: HomeAssistant, setup_clova: SetupClova, signing_key: Any
) -> None:
    """Removed and added again: the same entity ids, none of the old entry's values."""
    clova = await _setup(hass, setup_clova)
    await clova.request("TurnOn", LIGHT)
    await hass.async_block_till_done()
    old = _entry(hass)
    entity_ids = [_entity_id(hass, key) for key in KEYS]
    assert await hass.config_entries.async_remove(old.entry_id)
    await hass.async_block_till_done()

    new = MockConfigEntry(
        domain=DOMAIN, title=old.title, data=dict(old.data), options=dict(old.options)
    )
    new.add_to_hass(hass)
    assert await hass.config_entries.async_setup(new.entry_id)
    await hass.async_block_till_done()

    assert [_entity_id(hass, key) for key in KEYS] == entity_ids
    assert _last_request(hass) == STATE_UNKNOWN
    assert _last_answer(hass) == STATE_UNKNOWN


# -- never an appliance -------------------------------------------------------------------


async def _discovered(clova: ClovaClient) -> str:
    answer = await clova.request("DiscoverAppliances")
    assert answer_name(answer) == "DiscoverAppliancesResponse"
    return json.dumps(answer["payload"]["discoveredAppliances"])


async def test_never_shown_to_clova_when_picked_by_hand(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Picked in the entity list, even given a Clova type, they are no appliance."""
    clova = await _setup(hass, setup_clova)
    entry = _entry(hass)
    ours = [_entity_id(hass, key) for key in KEYS]
    registry_ids = [er.async_get(hass).async_get(entity_id).id for entity_id in ours]  # type: ignore[union-attr]

    hass.config_entries.async_update_entry(
        entry,
        options={
            **entry.options,
            "exposed_entities": [LIGHT, *ours],
            CONF_APPLIANCE_TYPES: dict.fromkeys(ours, "SWITCH"),
        },
    )
    await hass.async_block_till_done()  # the options reload the entry

    discovered = await _discovered(clova)
    assert LIGHT in discovered
    for hidden in (*ours, *registry_ids):
        assert hidden not in discovered
    assert not set(ours) & _entry(hass).runtime_data.exposure.entity_ids
    for entity_id in ours:
        answer = await clova.request("TurnOn", er.async_get(hass).async_get(entity_id).id)  # type: ignore[union-attr]
        assert answer_name(answer) == "NoSuchTargetError"


async def test_never_shown_to_clova_by_bulk_rules(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Exposed to Assist, in an included area: still no appliance."""
    assert await async_setup_component(hass, "homeassistant", {})
    clova = await _setup(hass, setup_clova)
    entry = _entry(hass)
    ours = [_entity_id(hass, key) for key in KEYS]
    area = ar.async_get(hass).async_create("Office")
    device = _service_device(hass, entry.entry_id)
    assert device is not None
    dr.async_get(hass).async_update_device(device.id, area_id=area.id)
    for entity_id in ours:
        async_expose_entity(hass, "conversation", entity_id, True)

    hass.config_entries.async_update_entry(
        entry,
        options={
            **entry.options,
            CONF_EXPOSURE_SOURCE: SOURCE_ASSIST,
            CONF_INCLUDE_AREAS: [area.id],
        },
    )
    await hass.async_block_till_done()

    discovered = await _discovered(clova)
    for entity_id in ours:
        assert entity_id not in discovered
    assert not set(ours) & _entry(hass).runtime_data.exposure.entity_ids


# -- states, names and icons ---------------------------------------------------------------


def test_every_clova_error_has_a_state() -> None:
    names = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.ClovaError)
    } - {"ClovaError"}
    assert set(sensor.ERROR_STATES) == names
    assert sensor.ERROR_STATES["TargetOfflineError"] == "target_offline"
    assert sensor.ERROR_STATES["NotSupportedInCurrentModeError"] == "not_supported_in_current_mode"
    assert len(set(sensor.ANSWER_STATES)) == len(sensor.ANSWER_STATES)


@pytest.mark.parametrize(
    ("item", "state"),
    [
        ("bad_signature", "bad_signature"),
        ("compressed", "compressed"),
        ("something_new", "refused"),
    ],
)
def test_refusal_states(item: str, state: str) -> None:
    assert sensor.answer_state(item) == state


def test_every_refusal_of_the_gate_has_a_state() -> None:
    """Each reason http.py records for a refusal is a state of its own."""
    source = (INTEGRATION / "http.py").read_text()
    reasons = set(re.findall(r'record_refusal\("([a-z_]+)"\)', source))
    assert reasons
    assert reasons == set(sensor.REFUSAL_STATES)


def _turn_on_summary(outcome: str, *, success: bool) -> RequestSummary:
    """A recorded TurnOn answered with ``outcome``."""
    return RequestSummary(
        time=dt_util.utcnow(),
        source="clova",
        message_id="m",
        name="TurnOnRequest",
        appliance_id=None,
        entity_id=None,
        outcome=outcome,
        success=success,
        duration=0.0,
        user_id=None,
    )


def test_an_error_this_version_does_not_know() -> None:
    summary = _turn_on_summary("SomeNewError", success=False)
    assert sensor.answer_state(summary) == "other_error"


@pytest.mark.parametrize(
    "file", ["strings.json", *(f"translations/{lang}.json" for lang in LANGUAGES)]
)
def test_names_and_states_are_translated(file: str) -> None:
    texts = json.loads((INTEGRATION / file).read_text())["entity"]["sensor"]
    assert set(texts) == set(KEYS)
    for key in KEYS:
        assert texts[key]["name"].strip()
    states = texts[sensor.KEY_LAST_ANSWER]["state"]
    assert list(states) == list(sensor.ANSWER_STATES)
    assert all(text.strip() for text in states.values())
    for name, state in sensor.ERROR_STATES.items():
        assert name in states[state]  # the message name, as in the README's error table
    attributes = texts[sensor.KEY_LAST_ANSWER]["state_attributes"]
    assert attributes[sensor.ATTR_REQUEST]["name"].strip()


def test_icons_for_every_state() -> None:
    icons = json.loads((INTEGRATION / "icons.json").read_text())["entity"]["sensor"]
    assert set(icons) == set(KEYS)
    assert all(icons[key]["default"].startswith("mdi:") for key in KEYS)
    states = icons[sensor.KEY_LAST_ANSWER]["state"]
    assert set(states) == set(sensor.ANSWER_STATES)
    assert all(icon.startswith("mdi:") for icon in states.values())


def test_stats_listeners() -> None:
    """RequestStats tells its listeners of every record until they are removed."""
    stats = RequestStats()
    seen: list[RequestSummary | str] = []
    remove = stats.add_listener(seen.append)
    summary = _turn_on_summary("TurnOnConfirmation", success=True)
    stats.record(summary)
    stats.record_refusal("too_large")
    remove()
    remove()  # twice is harmless
    stats.record(summary)
    assert seen == [summary, "too_large"]


def test_no_polling() -> None:
    assert sensor.PARALLEL_UPDATES == 0
