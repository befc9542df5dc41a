"""Faults around a request: devices that vanish, fail, hang; an entry reloaded mid-request.

Whatever goes wrong below the gate, Clova gets a well-formed answer with HTTP 200 (or
404 once the entry is gone), Home Assistant keeps answering other requests, and a
command that was started is never dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
import json
import logging
import math
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
import voluptuous as vol

from custom_components.clova_home.const import DOMAIN

from .assertions import record_service_calls, short_service_timeout
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name, request_message
from .toolkit import discover

KITCHEN = "light.kitchen"
HALL = "light.hall"
# How long a control request waits for its service here: short, so the tests are quick.
WAIT = 0.3


def assert_well_formed(answer: dict[str, Any], name: str) -> None:
    """``answer`` is the Clova message ``name`` (header complete, payload an object)."""
    header = answer["header"]
    assert header["name"] == name, answer
    assert header["namespace"] == "ClovaHome"
    assert header["payloadVersion"] == "1.0"
    assert isinstance(header["messageId"], str)
    assert isinstance(answer["payload"], dict)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Log records of ERROR or worse that carry an exception."""
    return [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]


@pytest.fixture
def lights(hass: HomeAssistant) -> None:
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen"})
    hass.states.async_set(HALL, "off", {"friendly_name": "Hall"})


# --------------------------------------------------------------------------- vanishing devices


@pytest.mark.parametrize(
    "vanish",
    [
        pytest.param(lambda hass: hass.states.async_set(KITCHEN, "unavailable"), id="unavailable"),
        pytest.param(lambda hass: hass.states.async_remove(KITCHEN), id="removed"),
    ],
)
async def test_device_vanishes_between_discovery_and_control(
    hass: HomeAssistant,
    lights: None,
    setup_clova: SetupClova,
    *,
    vanish: Callable[[HomeAssistant], Any],
) -> None:
    clova = await setup_clova(exposed=[KITCHEN, HALL])
    assert all(a["isReachable"] for a in (await discover(clova)).values())

    vanish(hass)
    with record_service_calls(hass) as calls:
        answer = await clova.request("TurnOn", KITCHEN)
    assert_well_formed(answer, "TargetOfflineError")
    assert calls == []
    # The next discovery tells Clova so; the other light is untouched.
    reachable = {
        appliance_id: a["isReachable"] for appliance_id, a in (await discover(clova)).items()
    }
    assert reachable.get(KITCHEN) is not True
    assert reachable[HALL] is True


# --------------------------------------------------------------------------- failing services


@pytest.mark.parametrize(
    ("error", "clova_error", "level", "with_traceback"),
    [
        pytest.param(
            HomeAssistantError("bulb not responding"),
            "DeviceFailureError",
            logging.WARNING,
            False,
            id="home-assistant-error",
        ),
        pytest.param(
            ServiceValidationError("not in this mode"),
            "DeviceFailureError",
            logging.WARNING,
            False,
            id="service-validation-error",
        ),
        pytest.param(
            vol.Invalid("expected int"),
            "DriverInternalError",
            logging.ERROR,
            False,
            id="invalid-service-data",
        ),
        pytest.param(
            RuntimeError("integration bug"),
            "DriverInternalError",
            logging.ERROR,
            True,
            id="unexpected-exception",
        ),
    ],
)
async def test_failing_service(
    hass: HomeAssistant,
    lights: None,
    setup_clova: SetupClova,
    caplog: pytest.LogCaptureFixture,
    *,
    error: Exception,
    clova_error: str,
    level: int,
    with_traceback: bool,
) -> None:
    """A service that raises: the fitting Clova error, logged, never a 500."""
    calls: list[ServiceCall] = []

    async def fail(call: ServiceCall) -> None:
        calls.append(call)
        raise error

    hass.services.async_register("light", "turn_on", fail)
    clova = await setup_clova(exposed=[KITCHEN])
    answer = await clova.request("TurnOn", KITCHEN)
    assert_well_formed(answer, clova_error)
    assert len(calls) == 1
    [record] = [r for r in caplog.records if "light.turn_on" in r.getMessage()]
    assert record.levelno == level
    assert bool(record.exc_info) is with_traceback
    assert clova.token not in caplog.text


# --------------------------------------------------------------------------- hanging services


@dataclass
class Hanging:
    """A ``light.turn_on`` that runs until the test releases it (then maybe fails)."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    finished: list[str] = field(default_factory=list)
    fail_with: Exception | None = None

    async def run(self, call: ServiceCall) -> None:
        """The service handler."""
        self.started.set()
        await self.release.wait()
        self.finished.append(call.data["entity_id"])
        if self.fail_with is not None:
            raise self.fail_with


async def _answer_at_once(call: ServiceCall) -> None:
    """A service that is done as soon as it is called."""


@pytest.fixture
async def hanging(hass: HomeAssistant, lights: None) -> AsyncIterator[Hanging]:
    """``light.turn_on`` hangs; ``light.turn_off`` answers at once (the other request)."""
    service = Hanging()
    hass.services.async_register("light", "turn_on", service.run)
    hass.services.async_register("light", "turn_off", _answer_at_once)
    with short_service_timeout(WAIT):
        yield service
    service.release.set()  # never leave a task behind
    await hass.async_block_till_done()


async def _post(clova: ClovaClient, name: str, appliance_id: str) -> tuple[int, Any, float]:
    """Post a signed request; return status, answer and the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    body = json.dumps(request_message(name, clova.token, appliance_id)).encode()
    status, answer = await clova.post_raw(body)
    return status, answer, loop.time() - started


@pytest.mark.parametrize(
    "late_error",
    [pytest.param(None, id="completes"), pytest.param(HomeAssistantError("x"), id="fails-late")],
)
async def test_hanging_service_is_confirmed_in_time_and_kept_running(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hanging: Hanging,
    caplog: pytest.LogCaptureFixture,
    *,
    late_error: Exception | None,
) -> None:
    hanging.fail_with = late_error
    clova = await setup_clova(exposed=[KITCHEN, HALL])
    slow = asyncio.create_task(_post(clova, "TurnOn", KITCHEN))
    async with asyncio.timeout(10):
        await hanging.started.wait()

    # Home Assistant answers another request while the first one waits.
    status, answer, _ = await _post(clova, "TurnOff", HALL)
    assert (status, answer_name(answer)) == (200, "TurnOffConfirmation")
    assert not slow.done()

    status, answer, seconds = await slow
    assert status == 200
    assert_well_formed(answer, "TurnOnConfirmation")
    assert WAIT <= seconds < WAIT + 2
    assert hanging.finished == []  # confirmed as handed on, still running

    hanging.release.set()
    await hass.async_block_till_done()
    assert hanging.finished == [KITCHEN]
    late = [r for r in caplog.records if "after it was confirmed" in r.getMessage()]
    assert len(late) == (0 if late_error is None else 1)
    assert tracebacks(caplog) == []


# --------------------------------------------------------------------------- entry changes


async def _reload(hass: HomeAssistant, entry_id: str) -> None:
    assert await hass.config_entries.async_reload(entry_id)


async def _remove(hass: HomeAssistant, entry_id: str) -> None:
    await hass.config_entries.async_remove(entry_id)


@pytest.mark.parametrize(
    ("change", "status_after"),
    [pytest.param(_reload, 200, id="reloaded"), pytest.param(_remove, 404, id="removed")],
)
async def test_entry_changes_while_a_request_is_in_flight(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hanging: Hanging,
    caplog: pytest.LogCaptureFixture,
    *,
    change: Callable[[HomeAssistant, str], Any],
    status_after: int,
) -> None:
    clova = await setup_clova(exposed=[KITCHEN, HALL])
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    in_flight = asyncio.create_task(_post(clova, "TurnOn", KITCHEN))
    async with asyncio.timeout(10):
        await hanging.started.wait()

    await change(hass, entry.entry_id)

    # The request that was already in flight is answered as it began.
    status, answer, _ = await in_flight
    assert status == 200
    assert_well_formed(answer, "TurnOnConfirmation")
    # A new one meets the new state of things: the reloaded entry, or none at all.
    status, answer, _ = await _post(clova, "TurnOff", HALL)
    assert status == status_after, answer
    if status == 200:
        assert_well_formed(answer, "TurnOffConfirmation")
    # The command that had started is carried out all the same.
    hanging.release.set()
    await hass.async_block_till_done()
    assert hanging.finished == [KITCHEN]
    assert tracebacks(caplog) == []


# --------------------------------------------------------------------------- garbage attributes

GARBAGE: dict[str, tuple[str, dict[str, Any]]] = {
    "light.bad_brightness": ("on", {"brightness": "abc", "supported_color_modes": ["brightness"]}),
    "light.nan_colour": (
        "on",
        {"supported_color_modes": ["hs"], "color_mode": "hs", "hs_color": [math.nan, 1]},
    ),
    "climate.no_range": (
        "heat",
        {
            "hvac_modes": ["heat", "off"],
            "min_temp": None,
            "max_temp": "hot",
            "temperature": math.inf,
        },
    ),
    "climate.string_features": ("cool", {"hvac_modes": ["cool"], "supported_features": "abc"}),
    "fan.odd": ("on", {"percentage": "fast", "percentage_step": 0, "preset_modes": [None, 1]}),
    "cover.odd": ("open", {"supported_features": -1, "current_position": math.nan}),
    "media_player.odd": ("on", {"supported_features": 2**70, "source_list": "HDMI"}),
}


async def test_discovery_survives_garbage_attributes(
    hass: HomeAssistant, lights: None, setup_clova: SetupClova, caplog: pytest.LogCaptureFixture
) -> None:
    """An entity with nonsense attributes is listed sanely or skipped and logged; the rest stay."""
    for entity_id, (state, attributes) in GARBAGE.items():
        hass.states.async_set(entity_id, state, attributes)
    clova = await setup_clova(exposed=[KITCHEN, HALL, *GARBAGE])

    status, answer = await clova.post_raw(
        json.dumps(request_message("DiscoverAppliances", clova.token)).encode()
    )
    assert status == 200
    assert_well_formed(answer, "DiscoverAppliancesResponse")
    listed = {a["applianceId"]: a for a in answer["payload"]["discoveredAppliances"]}
    assert {KITCHEN, HALL} <= set(listed)
    for entity_id in GARBAGE:
        if entity_id in listed:
            assert listed[entity_id]["actions"], listed[entity_id]
        else:
            assert any(entity_id in r.getMessage() for r in caplog.records), entity_id
    # A feature mask that is no number counts as no features: only what needs none is offered.
    assert not {"TurnOn", "SetTargetTemperature"} & set(
        listed["climate.string_features"]["actions"]
    )
    # Asking such an entity directly is a Clova error, never a 500.
    for entity_id in GARBAGE:
        status, answer = await clova.post_raw(
            json.dumps(request_message("HealthCheck", clova.token, entity_id)).encode()
        )
        assert status == 200, answer
        assert answer["header"]["namespace"] == "ClovaHome"
