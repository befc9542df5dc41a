"""SetLockState / GetLockState: locking always, unlocking only when opted in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
import unicodedata
from unittest.mock import patch

from homeassistant.components.lock import LockState
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .assertions import (
    TIMESTAMP_FORMAT,
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import answer_name
from .toolkit import discovered

LOCK = "lock.front_door"


async def test_lock_calls_lock_lock(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LOCK, LockState.UNLOCKED, {"friendly_name": "Front door"})
    clova = await setup_clova(exposed=[LOCK])

    answer = await assert_request_calls_service(
        clova,
        "SetLockState",
        LOCK,
        "lock",
        "lock",
        {ATTR_ENTITY_ID: LOCK},
        payload={"lockState": "LOCKED"},
    )

    assert answer["payload"] == {"lockState": "LOCKED"}


async def test_lock_discovery_actions(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LOCK, LockState.LOCKED, {"friendly_name": "Front door"})
    clova = await setup_clova(exposed=[LOCK])

    appliance = await discovered(clova)

    assert appliance["applianceTypes"] == ["SMARTLOCK"]
    assert appliance["actions"] == [
        "GetDeviceState",
        "GetLockState",
        "HealthCheck",
        "SetLockState",
    ]


async def test_unlock_without_opt_in_is_refused(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LOCK, LockState.LOCKED)
    hass.states.async_set("lock.shed", LockState.LOCKED)
    calls = async_mock_service(hass, "lock", "unlock")
    # Opting in another lock does not open this one.
    clova = await setup_clova(exposed=[LOCK, "lock.shed"], unlock=["lock.shed"])

    answer = await assert_request_fails(
        clova, "SetLockState", LOCK, "UnsupportedOperationError", lockState="UNLOCKED"
    )

    assert answer["payload"] == {}
    assert calls == []
    assert state_of(hass, LOCK).state == LockState.LOCKED


async def test_unlock_with_opt_in_calls_lock_unlock(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LOCK, LockState.LOCKED)
    clova = await setup_clova(exposed=[LOCK], unlock=[LOCK])

    answer = await assert_request_calls_service(
        clova,
        "SetLockState",
        LOCK,
        "lock",
        "unlock",
        {ATTR_ENTITY_ID: LOCK},
        payload={"lockState": "UNLOCKED"},
    )

    assert answer["payload"] == {"lockState": "UNLOCKED"}


async def test_opt_in_is_no_exposure(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """An unlock opt-in for a lock that is not exposed does not make it reachable."""
    hass.states.async_set(LOCK, LockState.LOCKED)
    clova = await setup_clova(exposed=[], unlock=[LOCK])

    await assert_request_fails(
        clova, "SetLockState", LOCK, "NoSuchTargetError", lockState="UNLOCKED"
    )


@pytest.mark.parametrize("lock_state", ["OPEN", "locked", "", None, 1])
async def test_invalid_lock_state_value(
    hass: HomeAssistant, setup_clova: SetupClova, lock_state: Any
) -> None:
    hass.states.async_set(LOCK, LockState.LOCKED)
    clova = await setup_clova(exposed=[LOCK], unlock=[LOCK])

    await assert_request_fails(
        clova, "SetLockState", LOCK, "UnsupportedOperationError", lockState=lock_state
    )


async def test_missing_lock_state_value(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(LOCK, LockState.LOCKED)
    clova = await setup_clova(exposed=[LOCK])

    await assert_request_fails(clova, "SetLockState", LOCK, "UnsupportedOperationError")


def _is_hangul(text: str) -> bool:
    return all(c == " " or unicodedata.name(c).startswith("HANGUL") for c in text)


def _is_japanese(text: str) -> bool:
    return all(
        unicodedata.name(c).startswith(("HIRAGANA", "KATAKANA", "CJK UNIFIED")) for c in text
    )


@pytest.mark.parametrize(
    ("language", "check"),
    [
        ("en", lambda text: "jammed" in text.lower()),
        ("ko", _is_hangul),
        ("ja", _is_japanese),
        ("de", lambda text: "jammed" in text.lower()),  # no German text: English
    ],
)
@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("SetLockState", {"lockState": "LOCKED"}),
        ("SetLockState", {"lockState": "UNLOCKED"}),
        ("GetLockState", {}),
    ],
)
async def test_jammed_lock_conditions_not_met(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    language: str,
    check: Callable[[str], bool],
    action: str,
    payload: dict[str, Any],
) -> None:
    hass.config.language = language
    hass.states.async_set(LOCK, LockState.JAMMED)
    async_mock_service(hass, "lock", "lock")
    async_mock_service(hass, "lock", "unlock")
    clova = await setup_clova(exposed=[LOCK], unlock=[LOCK])

    answer = await assert_request_fails(clova, action, LOCK, "ConditionsNotMetError", **payload)

    assert list(answer["payload"]) == ["state"]
    text = answer["payload"]["state"]
    assert isinstance(text, str)
    assert text
    assert check(text), text


async def test_jammed_text_follows_a_regional_language(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.config.language = "en"
    hass.states.async_set(LOCK, LockState.JAMMED)
    clova = await setup_clova(exposed=[LOCK])
    english = (await clova.request("GetLockState", LOCK))["payload"]["state"]

    hass.config.language = "ko"
    korean = (await clova.request("GetLockState", LOCK))["payload"]["state"]
    hass.config.language = "ko-KR"
    regional = (await clova.request("GetLockState", LOCK))["payload"]["state"]

    assert korean != english
    assert regional == korean


@pytest.mark.parametrize(
    ("state", "clova_state"),
    [
        (LockState.LOCKED, "LOCKED"),
        (LockState.UNLOCKED, "UNLOCKED"),
        (LockState.OPEN, "UNLOCKED"),
        (LockState.OPENING, "UNLOCKED"),
        (LockState.LOCKING, "UNLOCKED"),  # not locked yet
        (LockState.UNLOCKING, "UNLOCKED"),
    ],
)
async def test_get_lock_state(
    hass: HomeAssistant, setup_clova: SetupClova, state: str, clova_state: str
) -> None:
    hass.states.async_set(LOCK, state)
    clova = await setup_clova(exposed=[LOCK])

    answer = await clova.request("GetLockState", LOCK)

    assert answer_name(answer) == "GetLockStateResponse"
    assert set(answer["payload"]) == {"lockState", "applianceResponseTimestamp"}
    assert answer["payload"]["lockState"] == clova_state
    assert TIMESTAMP_FORMAT.match(answer["payload"]["applianceResponseTimestamp"])


@pytest.mark.parametrize("state", ["unknown", "broken", ""])
async def test_get_lock_state_without_a_known_state(
    hass: HomeAssistant, setup_clova: SetupClova, state: str
) -> None:
    hass.states.async_set(LOCK, state)
    clova = await setup_clova(exposed=[LOCK])

    answer = await assert_request_fails(clova, "GetLockState", LOCK, "ValueNotFoundError")

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("time_zone", "moment", "expected"),
    [
        ("US/Pacific", "2024-03-05 06:07:08.987654+00:00", "2024-03-04T22:07:08-08:00"),
        ("Asia/Seoul", "2024-03-05 06:07:08.123456+00:00", "2024-03-05T15:07:08+09:00"),
        ("UTC", "2024-07-01 00:00:00+00:00", "2024-07-01T00:00:00+00:00"),
    ],
)
async def test_get_lock_state_timestamp_is_last_updated_in_local_time(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    time_zone: str,
    moment: str,
    expected: str,
) -> None:
    await hass.config.async_set_time_zone(time_zone)
    last_updated = dt_util.parse_datetime(moment)
    assert last_updated is not None
    # Locked a day earlier; only an attribute changed at ``moment``: the state was
    # last read from the lock then, though it last *changed* the day before.
    hass.states.async_set(
        LOCK, LockState.LOCKED, timestamp=(last_updated - timedelta(days=1)).timestamp()
    )
    hass.states.async_set(
        LOCK, LockState.LOCKED, {"battery": 80}, timestamp=last_updated.timestamp()
    )
    state = state_of(hass, LOCK)
    assert state.last_updated == last_updated
    assert state.last_changed == last_updated - timedelta(days=1)
    clova = await setup_clova(exposed=[LOCK])

    answer = await clova.request("GetLockState", LOCK)

    timestamp = answer["payload"]["applianceResponseTimestamp"]
    assert timestamp == expected
    assert TIMESTAMP_FORMAT.match(timestamp)
    assert datetime.fromisoformat(timestamp) == last_updated.replace(microsecond=0)


async def test_set_lock_state_confirmation_has_no_timestamp(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(LOCK, LockState.UNLOCKED)
    async_mock_service(hass, "lock", "lock")
    clova = await setup_clova(exposed=[LOCK])

    answer = await clova.request("SetLockState", LOCK, lockState="LOCKED")

    assert answer["payload"] == {"lockState": "LOCKED"}


# --- Home Assistant's demo locks --------------------------------------------------------


@pytest.fixture
async def demo_locks(hass: HomeAssistant) -> None:
    """Demo locks: front_door (locked), kitchen_door (unlocked), poorly_installed_door."""
    await async_setup_demo(hass, [Platform.LOCK])


@pytest.fixture
def instant_demo_locks() -> Iterator[None]:
    """Demo locks take two seconds to move; make them move at once."""
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        yield


@pytest.mark.usefixtures("demo_locks", "instant_demo_locks")
async def test_demo_lock_really_locks(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=["lock.kitchen_door"])
    before = await clova.request("GetLockState", "lock.kitchen_door")
    assert before["payload"]["lockState"] == "UNLOCKED"

    answer = await clova.request("SetLockState", "lock.kitchen_door", lockState="LOCKED")
    await hass.async_block_till_done()

    assert answer_name(answer) == "SetLockStateConfirmation"
    assert answer["payload"] == {"lockState": "LOCKED"}
    assert state_of(hass, "lock.kitchen_door").state == LockState.LOCKED
    after = await clova.request("GetLockState", "lock.kitchen_door")
    assert after["payload"]["lockState"] == "LOCKED"


@pytest.mark.usefixtures("demo_locks", "instant_demo_locks")
async def test_demo_lock_unlocks_only_when_opted_in(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(
        exposed=["lock.front_door", "lock.openable_lock"], unlock=["lock.openable_lock"]
    )

    refused = await clova.request("SetLockState", "lock.front_door", lockState="UNLOCKED")
    allowed = await clova.request("SetLockState", "lock.openable_lock", lockState="UNLOCKED")
    await hass.async_block_till_done()

    assert answer_name(refused) == "UnsupportedOperationError"
    assert state_of(hass, "lock.front_door").state == LockState.LOCKED
    assert answer_name(allowed) == "SetLockStateConfirmation"
    assert state_of(hass, "lock.openable_lock").state == LockState.UNLOCKED


@pytest.mark.usefixtures("demo_locks", "instant_demo_locks")
async def test_demo_lock_that_jams(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The poorly installed door jams when it locks: Clova never hears "locked"."""
    clova = await setup_clova(exposed=["lock.poorly_installed_door"])

    answer = await clova.request("SetLockState", "lock.poorly_installed_door", lockState="LOCKED")
    await hass.async_block_till_done()
    assert answer_name(answer) == "ConditionsNotMetError"
    assert "jammed" in answer["payload"]["state"]
    assert state_of(hass, "lock.poorly_installed_door").state == LockState.JAMMED

    again = await assert_request_fails(
        clova,
        "SetLockState",
        "lock.poorly_installed_door",
        "ConditionsNotMetError",
        lockState="LOCKED",
    )
    assert "jammed" in again["payload"]["state"]
    query = await clova.request("GetLockState", "lock.poorly_installed_door")
    assert answer_name(query) == "ConditionsNotMetError"
