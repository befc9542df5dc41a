"""End to end: the Clova simulator links with a real Home Assistant and drives the demo home.

Every answer is checked twice: what Clova hears (the simulator's JSON) and what really
happened in Home Assistant (the entity's state, read through the REST API as the owner).
"""

from __future__ import annotations

import json
from pathlib import Path
import time
from typing import Any
import warnings

from clova_sim import keys
from clova_sim.oauth import CLOVA_CLIENT_ID
import jwt
import pytest

from .conftest import REPORT, DemoHome, clova_home_deprecations, deprecations

DISCOVER = '{"header": {"name": "DiscoverAppliancesRequest"}, "payload": {}}'


def stored_refresh_token(config_dir: Path, token: str, timeout: float = 15) -> dict[str, Any]:
    """The refresh token as Home Assistant stored it (its auth store saves after ~1 s)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            data = json.loads((config_dir / ".storage" / "auth").read_text())
        except (FileNotFoundError, ValueError):
            data = {"data": {"refresh_tokens": []}}
        for stored in data["data"]["refresh_tokens"]:
            if stored["token"] == token:
                return dict(stored)
        if time.monotonic() > deadline:
            pytest.fail("the refresh token never reached .storage/auth")
        time.sleep(0.3)


def expired_access_token(config_dir: Path, refresh_token: str) -> str:
    """An access token Home Assistant really issued the shape of, but half an hour old.

    Home Assistant signs access tokens with the refresh token's own key; the test owns the
    config folder, so it can read that key and sign one whose ``exp`` has passed.
    """
    stored = stored_refresh_token(config_dir, refresh_token)
    now = int(time.time())
    claims = {"iss": stored["id"], "iat": now - 3600, "exp": now - 1800}
    return jwt.encode(claims, stored["jwt_key"], algorithm="HS256")


@pytest.fixture(scope="session")
def linked(demo_home: DemoHome) -> Path:
    """Link the demo owner once, as the CLOVA app does; the simulator's state file."""
    result = demo_home.clova("link")
    assert result.code == 0, result.stderr
    assert result.data["client_id"] == CLOVA_CLIENT_ID
    return demo_home.settings.state_file


def test_link_gets_tokens_for_clovas_client(demo_home: DemoHome, linked: Path) -> None:
    state = json.loads(linked.read_text())
    refresh_token = state["tokens"]["refresh_token"]
    stored = stored_refresh_token(demo_home.settings.config_dir, refresh_token)
    assert stored["client_id"] == CLOVA_CLIENT_ID
    assert stored["token_type"] == "normal"
    assert state["tokens"]["expires_at"] > time.time() + 25 * 60  # Home Assistant's 30 min


def test_discovery_lists_what_the_demo_exposes(demo_home: DemoHome, linked: Path) -> None:
    result = demo_home.clova("discover")
    assert result.code == 0, result.data
    assert result.name == "DiscoverAppliancesResponse"
    found = {app["friendlyName"]: app for app in result.payload["discoveredAppliances"]}
    assert found["Ceiling Lights"]["applianceTypes"] == ["LIGHT"]
    assert found["Ceiling Lights"]["location"] == "LIVING_ROOM"
    assert found["Hvac"]["applianceTypes"] == ["AIRCONDITIONER"]
    assert found["Front Door"]["applianceTypes"] == ["SMARTLOCK"]
    assert found["Front Door"]["location"] == "ENTRANCE"
    # The demo's complete vacuum: "0_Ground_floor" before 2026, "Demo vacuum 0 ground floor"
    # after (vacuum.0_ground_floor, vacuum.demo_vacuum_0_ground_floor).
    vacuums = [app for app in found.values() if "(vacuum." in app["friendlyDescription"]]
    assert [app["applianceTypes"] for app in vacuums] == [["ROBOTVACUUM"]]
    assert "SetLockState" in found["Front Door"]["actions"]
    assert "Hall Window" not in found  # a demo entity that is not exposed
    described = " ".join(app["friendlyDescription"] for app in found.values())
    for entity_id in demo_home.exposed:
        if not entity_id.startswith("sensor."):  # sensors answer as one device's appliance
            assert f"({entity_id})" in described

    unknown = demo_home.clova("turn-on", "no-such-appliance")
    assert unknown.code == 1
    assert unknown.name == "NoSuchTargetError"


def test_lights_really_switch(demo_home: DemoHome, linked: Path) -> None:
    off = demo_home.clova("turn-off", "Ceiling Lights")
    assert off.name == "TurnOffConfirmation", off.data
    assert demo_home.wait_for("light.ceiling_lights", "off") == "off"

    on = demo_home.clova("turn-on", "light.ceiling_lights")
    assert on.name == "TurnOnConfirmation", on.data
    assert demo_home.wait_for("light.ceiling_lights", "on") == "on"


def test_thermostat_is_set_and_queried(demo_home: DemoHome, linked: Path) -> None:
    result = demo_home.clova("set-temperature", "climate.hvac", "24")
    assert result.name == "SetTargetTemperatureConfirmation", result.data
    assert result.payload["targetTemperature"]["value"] == 24
    state = demo_home.wait_state("climate.hvac", lambda s: s["attributes"]["temperature"] == 24)
    assert state["attributes"]["temperature"] == 24

    query = demo_home.clova("get", "Hvac", "TargetTemperature")
    assert query.name == "GetTargetTemperatureResponse"
    assert query.payload["targetTemperature"]["value"] == 24

    too_hot = demo_home.clova("set-temperature", "Hvac", "40")
    assert too_hot.code == 1
    assert too_hot.name == "ValueOutOfRangeError"
    assert too_hot.payload["minimumValue"] < 24 < too_hot.payload["maximumValue"] < 40
    assert demo_home.state("climate.hvac")["attributes"]["temperature"] == 24


def test_locks_unlock_only_with_the_opt_in(demo_home: DemoHome, linked: Path) -> None:
    locked = demo_home.clova("lock", "Kitchen Door")
    assert locked.name == "SetLockStateConfirmation", locked.data
    assert demo_home.wait_for("lock.kitchen_door", "locked") == "locked"
    refused = demo_home.clova("unlock", "Kitchen Door")  # not opted in
    assert refused.code == 1
    assert refused.name == "UnsupportedOperationError"
    time.sleep(0.5)
    assert demo_home.state("lock.kitchen_door")["state"] == "locked"

    opened = demo_home.clova("unlock", "Front Door")  # opted in by scripts/develop's setup
    assert opened.name == "SetLockStateConfirmation", opened.data
    assert opened.payload["lockState"] == "UNLOCKED"
    assert demo_home.wait_for("lock.front_door", "unlocked") == "unlocked"
    query = demo_home.clova("get", "Front Door", "LockState")
    assert query.payload["lockState"] == "UNLOCKED"

    relocked = demo_home.clova("lock", "lock.front_door")
    assert relocked.name == "SetLockStateConfirmation"
    assert demo_home.wait_for("lock.front_door", "locked") == "locked"


def test_a_lock_that_jams_is_never_confirmed_locked(demo_home: DemoHome, linked: Path) -> None:
    """The demo's poorly installed door jams when it locks: CLOVA hears why, not "locked"."""
    jammed = demo_home.clova("lock", "Poorly Installed Door")
    assert jammed.code == 1
    assert jammed.name == "ConditionsNotMetError", jammed.data
    assert jammed.payload["state"]
    assert demo_home.state("lock.poorly_installed_door")["state"] == "jammed"


def test_garage_door_opens_with_the_opt_in(demo_home: DemoHome, linked: Path) -> None:
    assert demo_home.state("cover.garage_door")["state"] == "closed"
    result = demo_home.clova("open", "Garage Door")
    assert result.name == "OpenConfirmation", result.data
    state = demo_home.wait_state("cover.garage_door", lambda s: s["state"] in ("opening", "open"))
    assert state["state"] in ("opening", "open")


def test_expired_token_is_reported_and_refreshed(
    demo_home: DemoHome, linked: Path, tmp_path: Path
) -> None:
    state = json.loads(linked.read_text())
    expired = expired_access_token(demo_home.settings.config_dir, state["tokens"]["refresh_token"])

    # Sent as it is, the old token gets the error that makes CEK refresh.
    plain = demo_home.clova("--token", expired, "discover")
    assert plain.code == 1
    assert plain.name == "ExpiredAccessTokenError"

    # The simulator, like CEK, then refreshes and sends again.
    copy = tmp_path / "state.json"
    state["tokens"]["access_token"] = expired
    copy.write_text(json.dumps(state))
    retried = demo_home.clova("discover", state=copy)
    assert retried.code == 0, retried.data
    assert retried.data["refreshed"] is True
    assert retried.name == "DiscoverAppliancesResponse"
    fresh = json.loads(copy.read_text())["tokens"]
    assert fresh["access_token"] != expired
    assert fresh["refresh_token"] == state["tokens"]["refresh_token"]

    # A token past its stored lifetime is refreshed before it is even sent.
    stale = {**fresh, "access_token": expired, "expires_at": time.time() - 60}
    copy.write_text(json.dumps({**state, "tokens": stale}))
    early = demo_home.clova("health", "Ceiling Lights", state=copy)
    assert early.name == "HealthCheckResponse", early.data
    assert early.data["refreshed"] is False
    assert json.loads(copy.read_text())["tokens"]["access_token"] != expired


def test_revoked_token_is_invalid(demo_home: DemoHome, tmp_path: Path) -> None:
    own = tmp_path / "state.json"
    assert demo_home.clova("link", state=own).code == 0
    linked_state = own.read_text()
    old_access = json.loads(linked_state)["tokens"]["access_token"]
    assert demo_home.clova("discover", state=own).code == 0

    assert demo_home.clova("unlink", state=own).code == 0  # POST /auth/revoke
    revoked = demo_home.clova("--token", old_access, "discover")
    assert revoked.code == 1
    assert revoked.name == "InvalidAccessTokenError"

    # CEK still holding the revoked tokens: no refresh helps, linking again is needed.
    own.write_text(linked_state)
    stuck = demo_home.clova("discover", state=own)
    assert stuck.name == "InvalidAccessTokenError"
    assert stuck.data["refreshed"] is False
    no_refresh = demo_home.clova("refresh", state=own)
    assert no_refresh.code == 3
    assert "invalid_grant" in no_refresh.data["problem"]


def test_unsigned_or_unknown_signer_is_refused(
    demo_home: DemoHome, linked: Path, tmp_path: Path
) -> None:
    unsigned = demo_home.clova("raw", "--unsigned", DISCOVER)
    assert unsigned.code == 1
    assert unsigned.data["status"] == 401

    keys.ensure_key_pair(tmp_path)  # a key the integration does not trust
    stranger = demo_home.clova("--key", str(tmp_path / keys.PRIVATE_KEY_FILE), "discover")
    assert stranger.code == 1
    assert stranger.data["status"] == 401

    assert demo_home.clova("raw", DISCOVER).name == "DiscoverAppliancesResponse"


def test_home_assistant_logged_no_errors(demo_home: DemoHome) -> None:
    """Runs last: nothing above made Clova Home (or an integration's setup) log an error."""
    log = demo_home.settings.log_file.read_text(errors="replace")
    watched = ("clova_home", "[homeassistant.setup]", "[homeassistant.config_entries]")
    errors = [
        line
        for line in log.splitlines()
        if " ERROR " in line and any(part in line for part in watched)
    ]
    assert not errors, "\n".join(errors)


def test_deprecations_in_clova_home_are_reported(demo_home: DemoHome) -> None:
    """Runs last: whatever this Home Assistant says is deprecated in Clova Home is listed.

    Not a failure (a deprecation still works); the run's summary prints each record, with the
    version, so the newest release's notices are seen the day it is out.
    """
    log = demo_home.settings.log_file
    assert log.is_file(), "Home Assistant wrote no log"
    assert log.stat().st_size > 0, "Home Assistant's log is empty"
    found = clova_home_deprecations(log, demo_home.hass.console_log)
    REPORT["deprecations"] = found
    REPORT["all_deprecations"] = len(deprecations(log, demo_home.hass.console_log))
    if found:
        warnings.warn(
            f"Home Assistant {demo_home.version} reports {len(found)} deprecation(s) in "
            "clova_home:\n" + "\n".join(found),
            stacklevel=1,
        )
