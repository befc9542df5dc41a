"""Logbook entries for Clova's requests, in the user's words.

The end-to-end tests run Home Assistant's real recorder (in-memory SQLite) and logbook,
send signed requests through the gate and read the logbook's REST API, as the UI does.
The wording itself is checked on the describer directly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.clova_home.const import DOMAIN
from custom_components.clova_home.logbook import describe

from .assertions import token_user_id
from .conftest import SetupClova

KITCHEN = "light.kitchen"
DOOR = "lock.front_door"


@pytest.fixture
def mock_recorder_before_hass(async_test_recorder: Any) -> None:
    """Prepare the recorder's database before Home Assistant starts (recorder_mock needs it)."""


@pytest.fixture
async def logbook(recorder_mock: Recorder, hass: HomeAssistant) -> None:
    """The real logbook (before the HTTP server starts, so its API is registered)."""
    # The logbook lists the frontend as a dependency for its panel only; the UI package is
    # not installed here, and reading entries does not need it.
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "logbook", {})


async def _entries(hass: HomeAssistant, client: TestClient, start: str) -> list[dict[str, Any]]:
    await async_wait_recording_done(hass)
    resp = await client.get(f"/api/logbook/{start}")
    assert resp.status == 200, await resp.text()
    entries: list[dict[str, Any]] = await resp.json()
    return [entry for entry in entries if entry.get("domain") == DOMAIN]


async def test_request_appears_in_the_logbook(
    logbook: None,
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hass_client: Callable[[], Awaitable[TestClient]],
) -> None:
    start = dt_util.utcnow().isoformat()
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Living room light"})

    async def turn_on(call: ServiceCall) -> None:
        hass.states.async_set(
            KITCHEN, "on", {"friendly_name": "Living room light"}, context=call.context
        )

    hass.services.async_register("light", "turn_on", turn_on)
    clova = await setup_clova(exposed=[KITCHEN])

    await clova.request("TurnOn", KITCHEN)
    hass.states.async_set(KITCHEN, "unavailable", {"friendly_name": "Living room light"})
    await clova.request("TurnOff", KITCHEN)
    await clova.request("DiscoverAppliances")

    entries = await _entries(hass, await hass_client(), start)
    assert [(e["name"], e["message"], e.get("entity_id")) for e in entries] == [
        ("Living room light", "turned on via Clova", KITCHEN),
        (
            "Living room light",
            "was not turned off via Clova: the device is unavailable",
            KITCHEN,
        ),
        ("Clova", "looked for devices", None),
    ]
    # The logbook knows who asked.
    assert {e["context_user_id"] for e in entries} == {token_user_id(clova)}


async def test_refused_login_appears_without_a_user(
    logbook: None,
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hass_client: Callable[[], Awaitable[TestClient]],
) -> None:
    start = dt_util.utcnow().isoformat()
    clova = await setup_clova()
    await clova.request("DiscoverAppliances", token="expired-or-revoked")

    [entry] = await _entries(hass, await hass_client(), start)
    assert entry["name"] == "Clova"
    assert entry["message"] == "could not look for devices: the Clova login was refused"
    assert "context_user_id" not in entry


def _named(entity_id: str) -> str:
    return {KITCHEN: "Living room light", DOOR: "Front door"}.get(entity_id, entity_id)


def _event(
    name: str, outcome: str, entity_id: str | None = KITCHEN, **extra: Any
) -> dict[str, Any]:
    action = name.removesuffix("Request")
    success = outcome in (f"{action}Confirmation", f"{action}Response")
    return {
        "name": name,
        "appliance_id": extra.pop("appliance_id", entity_id),
        "entity_id": entity_id,
        "outcome": outcome,
        "success": success,
        **extra,
    }


@pytest.mark.parametrize(
    ("event", "name", "message"),
    [
        (_event("TurnOnRequest", "TurnOnConfirmation"), "Living room light", "turned on via Clova"),
        (
            _event("TurnOffRequest", "TurnOffConfirmation"),
            "Living room light",
            "turned off via Clova",
        ),
        (
            _event("SetBrightnessRequest", "SetBrightnessConfirmation"),
            "Living room light",
            "brightness set via Clova",
        ),
        (
            _event("IncrementTargetTemperatureRequest", "IncrementTargetTemperatureConfirmation"),
            "Living room light",
            "target temperature raised via Clova",
        ),
        (
            _event(
                "SetLockStateRequest",
                "SetLockStateConfirmation",
                DOOR,
                parameters={"lockState": "UNLOCKED"},
            ),
            "Front door",
            "unlocked via Clova",
        ),
        (
            _event(
                "SetLockStateRequest",
                "SetLockStateConfirmation",
                DOOR,
                parameters={"lockState": "LOCKED"},
            ),
            "Front door",
            "locked via Clova",
        ),
        (
            _event(
                "SetLockStateRequest",
                "UnsupportedOperationError",
                DOOR,
                parameters={"lockState": "UNLOCKED"},
            ),
            "Front door",
            "was not unlocked via Clova: the device cannot do this, or it is not allowed",
        ),
        (
            _event("GetCurrentTemperatureRequest", "GetCurrentTemperatureResponse"),
            "Living room light",
            "read by Clova (current temperature)",
        ),
        (
            _event("GetBMIRequest", "ValueNotFoundError"),
            "Living room light",
            "could not be read by Clova (BMI): the device has no value to report",
        ),
        (
            _event("HealthCheckRequest", "HealthCheckResponse"),
            "Living room light",
            "checked by Clova",
        ),
        (
            _event("HealthCheckRequest", "HealthCheckResponse", None),
            "Clova",
            "checked which devices are reachable",
        ),
        (
            _event("DiscoverScenesRequest", "DiscoverScenesResponse", None),
            "Clova",
            "looked for scenes",
        ),
        (
            _event("PreheatRequest", "PreheatConfirmation"),
            "Living room light",
            "handled Clova's request to preheat",
        ),
        (
            _event("CallElevatorRequest", "DeviceFailureError"),
            "Living room light",
            "did not handle Clova's request to call elevator: the device reported a failure",
        ),
        (
            _event("TurnOnRequest", "NoSuchTargetError", None, appliance_id="light.gone"),
            "light.gone",
            "was not turned on via Clova: not exposed to Clova (or not visible to this user)",
        ),
        (
            _event("TurnOnRequest", "NoSuchTargetError", None),
            "Clova",
            "could not turn on: not exposed to Clova (or not visible to this user)",
        ),
        (
            _event("TurnOnRequest", "SomeFutureError"),
            "Living room light",
            "was not turned on via Clova: SomeFutureError",
        ),
    ],
)
def test_wording(event: dict[str, Any], name: str, message: str) -> None:
    entry = describe(event, _named)
    assert entry["name"] == name
    assert entry["message"] == message
    if event["entity_id"]:
        assert entry["entity_id"] == event["entity_id"]
    else:
        assert "entity_id" not in entry
