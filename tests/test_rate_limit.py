"""The burst limit on sensitive commands: locks, valves, garage doors, doors and gates.

Each appliance takes ``SENSITIVE_BURST`` sensitive commands within ``SENSITIVE_WINDOW``
seconds; the next one is refused with ``ActionTemporarilyBlockedError`` and calls nothing,
until the oldest command of the burst has left the window. The clock is Home Assistant's
frozen test clock (freezegun moves ``time.monotonic`` too).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.cover import CoverEntityFeature, CoverState
from homeassistant.components.lock import LockState
from homeassistant.components.valve import ValveEntityFeature, ValveState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home import const
from custom_components.clova_home.protocol.errors import ActionTemporarilyBlockedError
from custom_components.clova_home.rate_limit import (
    SENSITIVE_BURST,
    SENSITIVE_WINDOW,
    SensitiveActionLimiter,
)

from .assertions import assert_request_fails, record_service_calls
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

BLOCKED = "ActionTemporarilyBlockedError"


@pytest.fixture(autouse=True)
def no_settle() -> Iterator[None]:
    """No wait for the mocked services' outcome: the frozen clock would never end it."""
    with patch.object(const, "COMMAND_SETTLE", 0):
        yield


DOOR_MOVES = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP


@dataclass(frozen=True)
class Sensitive:
    """A sensitive appliance and two commands that alternate on it (so each one moves it)."""

    entity_id: str
    state: str
    attributes: dict[str, Any]
    commands: tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]]]
    services: tuple[str, str]  # the two services the commands call, in the same order

    @property
    def domain(self) -> str:
        return self.entity_id.split(".")[0]

    def setup(self, hass: HomeAssistant) -> None:
        hass.states.async_set(self.entity_id, self.state, self.attributes)
        for service in self.services:
            async_mock_service(hass, self.domain, service)

    async def send(self, clova: ClovaClient, index: int) -> str:
        """Send the ``index``-th command (alternating); return the answer's name."""
        name, payload = self.commands[index % 2]
        return answer_name(await clova.request(name, self.entity_id, **payload))


UNLOCK_THEN_LOCK = (
    ("SetLockState", {"lockState": "UNLOCKED"}),
    ("SetLockState", {"lockState": "LOCKED"}),
)
LOCK = Sensitive("lock.front_door", LockState.LOCKED, {}, UNLOCK_THEN_LOCK, ("unlock", "lock"))
VALVE = Sensitive(
    "valve.gas_main",
    ValveState.CLOSED,
    {"supported_features": ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE},
    UNLOCK_THEN_LOCK,
    ("open_valve", "close_valve"),
)
GARAGE = Sensitive(
    "cover.garage",
    CoverState.CLOSED,
    {"supported_features": DOOR_MOVES, "device_class": "garage"},
    (("Open", {}), ("Close", {})),
    ("open_cover", "close_cover"),
)
SENSITIVE = [
    pytest.param(LOCK, id="lock"),
    pytest.param(VALVE, id="valve"),
    pytest.param(GARAGE, id="garage-door"),
]


async def _setup(
    hass: HomeAssistant, setup_clova: SetupClova, *appliances: Sensitive
) -> ClovaClient:
    for appliance in appliances:
        appliance.setup(hass)
    ids = [appliance.entity_id for appliance in appliances]
    return await setup_clova(exposed=ids, unlock=ids)


async def _send_burst(clova: ClovaClient, appliance: Sensitive) -> None:
    for index in range(SENSITIVE_BURST):
        assert (await appliance.send(clova, index)).endswith("Confirmation")


@pytest.mark.parametrize("appliance", SENSITIVE)
async def test_burst_then_refusal_then_recovery(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    setup_clova: SetupClova,
    *,
    appliance: Sensitive,
) -> None:
    clova = await _setup(hass, setup_clova, appliance)
    with record_service_calls(hass) as calls:
        await _send_burst(clova, appliance)
    assert len(calls) == SENSITIVE_BURST

    # One more, in either direction, is refused and calls nothing.
    for index in (SENSITIVE_BURST, SENSITIVE_BURST + 1):
        name, payload = appliance.commands[index % 2]
        await assert_request_fails(clova, name, appliance.entity_id, BLOCKED, **payload)

    # Just before the window has passed it still is; once it has, the command goes through.
    freezer.tick(timedelta(seconds=SENSITIVE_WINDOW - 1))
    assert await appliance.send(clova, 0) == BLOCKED
    freezer.tick(timedelta(seconds=1))
    with record_service_calls(hass) as calls:
        assert (await appliance.send(clova, 0)).endswith("Confirmation")
    assert [call.data["service"] for call in calls] == [appliance.services[0]]


async def test_window_slides_and_refusals_do_not_count(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, setup_clova: SetupClova
) -> None:
    """The limit counts what was carried out in the last window, command by command."""
    clova = await _setup(hass, setup_clova, LOCK)
    for index in range(SENSITIVE_BURST):  # one command every 10 s
        assert (await LOCK.send(clova, index)).endswith("Confirmation")
        freezer.tick(timedelta(seconds=10))
    # t=50: the burst is full; asking again and again does not push recovery further away.
    for _ in range(10):
        assert await LOCK.send(clova, 0) == BLOCKED
    freezer.tick(timedelta(seconds=10))
    # t=60: the first command (t=0) has left the window, so there is room for one.
    assert await LOCK.send(clova, 0) == "SetLockStateConfirmation"
    assert await LOCK.send(clova, 1) == BLOCKED


async def test_each_appliance_has_its_own_limit(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await _setup(hass, setup_clova, LOCK, VALVE, GARAGE)
    await _send_burst(clova, LOCK)
    assert await LOCK.send(clova, 0) == BLOCKED
    await _send_burst(clova, VALVE)
    await _send_burst(clova, GARAGE)


async def test_stopping_a_door_is_never_limited(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    stops = async_mock_service(hass, "cover", "stop_cover")
    clova = await _setup(hass, setup_clova, GARAGE)
    await _send_burst(clova, GARAGE)
    assert await GARAGE.send(clova, 0) == BLOCKED
    for _ in range(2 * SENSITIVE_BURST):
        assert answer_name(await clova.request("Stop", GARAGE.entity_id)) == "StopConfirmation"
    assert len(stops) == 2 * SENSITIVE_BURST


async def test_refused_opt_in_does_not_use_up_the_burst(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """An unlock refused for lack of opt-in was never carried out, so it does not count."""
    LOCK.setup(hass)
    clova = await setup_clova(exposed=[LOCK.entity_id])
    for _ in range(2 * SENSITIVE_BURST):
        assert await LOCK.send(clova, 0) == "UnsupportedOperationError"
    for _ in range(SENSITIVE_BURST):
        assert await LOCK.send(clova, 1) == "SetLockStateConfirmation"


@pytest.mark.parametrize(
    ("entity_id", "attributes", "request_name", "service"),
    [
        pytest.param("light.kitchen", {}, "TurnOn", "light.turn_on", id="light"),
        pytest.param(
            "cover.living_curtain",
            {"supported_features": DOOR_MOVES, "device_class": "curtain"},
            "Open",
            "cover.open_cover",
            id="curtain",
        ),
    ],
)
async def test_ordinary_appliances_are_never_limited(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    entity_id: str,
    attributes: dict[str, Any],
    request_name: str,
    service: str,
) -> None:
    hass.states.async_set(entity_id, "off", attributes)
    calls = async_mock_service(hass, *service.split("."))
    clova = await setup_clova(exposed=[entity_id])
    for _ in range(4 * SENSITIVE_BURST):
        answer = await clova.request(request_name, entity_id)
        assert answer_name(answer) == f"{request_name}Confirmation"
    assert len(calls) == 4 * SENSITIVE_BURST


def test_limiter_with_an_injected_clock() -> None:
    """The limiter alone, on a clock of the test's own."""
    now = [0.0]
    limiter = SensitiveActionLimiter(burst=2, window=10.0, clock=lambda: now[0])
    limiter.acquire("a")
    limiter.acquire("a")
    limiter.acquire("b")
    with pytest.raises(ActionTemporarilyBlockedError):
        limiter.acquire("a")
    now[0] = 9.999
    with pytest.raises(ActionTemporarilyBlockedError):
        limiter.acquire("a")
    now[0] = 10.0  # both commands of t=0 have left the window
    limiter.acquire("a")
    limiter.acquire("a")
    with pytest.raises(ActionTemporarilyBlockedError):
        limiter.acquire("a")
