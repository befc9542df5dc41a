"""No secret leaves: what the user can inspect never holds a credential or the extra key.

One run of real linked traffic goes through the signed gate: discovery, a command, a
query and a failed command of a linked user; an expired token; refused tokens (garbage,
forged, revoked, long-lived, and a genuine one of another client ID, which raises the
unexpected-client repair issue); a signed body that is not a Clova request; enough bad
signatures to raise the bad-signature issue; and the request tester
(``clova_home.process_request``) run by an admin on a message pasted with a token in it.
Then every place the integration writes to is read back the way a user reads it:

- **events**: every ``clova_home_request`` event (Developer Tools → Events, automations,
  the recorder), the whole event with its data and context;
- **logbook**: the entries of Home Assistant's logbook, read through its REST API
  (``/api/logbook``, the real recorder behind it) as the UI does;
- **diagnostics**: the config entry's diagnostics, from the integration's own
  ``async_get_config_entry_diagnostics`` and as downloaded through the diagnostics API;
- **debug log**: every record logged, with ``custom_components.clova_home`` and Home
  Assistant's loggers at DEBUG (message, arguments, traceback);
- **repair issues**: every issue in Home Assistant's issue registry, every field of it
  (translation placeholders, data, learn-more URL, ...).

None of them may contain a secret: any access token sent (or used by the test itself), the
``token`` or ``jwt_key`` of any refresh token of any user, or the extra signing key's PEM
(the whole text or any of its base64 lines).

Two things in the log are not the integration's and are checked as what they are. Home
Assistant logs every action call's data as the caller typed it: its echo of the tester's
call holds the pasted token, and must hold no other secret. The test harness's stand-in
for Home Assistant's storage logs what it writes (the auth store's refresh tokens, the
options with the PEM), which a real installation writes to ``.storage`` instead: its
records are left out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
import dataclasses
from datetime import timedelta
import json
import logging
import time
from typing import Any
import uuid

from aiohttp.test_utils import TestClient
from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.auth.models import User
from homeassistant.components.lock import LockState
from homeassistant.components.recorder import Recorder
from homeassistant.const import EVENT_LOGGING_CHANGED
from homeassistant.core import Context, Event, HomeAssistant, ServiceCall, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import jwt
import pytest
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.clova_home.const import (
    DOMAIN,
    EVENT_CLOVA_HOME_REQUEST,
    SERVICE_PROCESS_REQUEST,
)
from custom_components.clova_home.diagnostics import async_get_config_entry_diagnostics
from custom_components.clova_home.issues import ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT
from custom_components.clova_home.stats import BAD_SIGNATURE_THRESHOLD

from .conftest import SetupClova
from .helpers import (
    CLOVA_CLIENT_ID,
    ClovaClient,
    answer_name,
    long_lived_token,
    mint,
    new_private_key,
    public_pem,
    request_message,
    sign,
)

KITCHEN = "light.kitchen"
HALL = "light.hall"  # unavailable
DOOR = "lock.front_door"
FOREIGN_CLIENT = "https://not-clova.example/"
# Secrets and PEM lines longer than this cannot turn up in an output by chance.
TELLING_LENGTH = 20
# How Home Assistant's own log renders the tester's action call (its bus and its recorder).
TESTER_CALL_ECHO = f"<Event call_service[L]: domain={DOMAIN}, service={SERVICE_PROCESS_REQUEST},"
# The test harness's logger; its mock storage logs the data written to ``.storage``.
HARNESS_LOGGER = "pytest_homeassistant_custom_component"


@dataclasses.dataclass(frozen=True)
class Tokens:
    """The access tokens the scenario used."""

    linked: str  # the linked user's, accepted
    expired: str
    garbage: str
    forged: str  # names a real refresh token, signed with another key
    revoked: str
    long_lived: str
    foreign: str  # a genuine token of a client ID that is not allowed
    pasted: str  # in the message given to the request tester

    def all(self) -> list[str]:
        """Every one of them."""
        return [getattr(self, item.name) for item in dataclasses.fields(self)]

    def sent_by_clova(self) -> list[str]:
        """The ones sent to the endpoint with ``ClovaClient.send`` (all but the pasted one)."""
        return [token for token in self.all() if token != self.pasted]


@pytest.fixture
def mock_recorder_before_hass(async_test_recorder: Any) -> None:
    """Prepare the recorder's database before Home Assistant starts (recorder_mock needs it)."""


@pytest.fixture
async def inspectors(recorder_mock: Recorder, hass: HomeAssistant) -> None:
    """The real logbook and diagnostics, before the HTTP server starts (their APIs register)."""
    # The logbook needs the frontend only for its panel, and the UI package is not installed.
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "logbook", {})
    assert await async_setup_component(hass, "diagnostics", {})


def _dump(value: Any) -> str:
    """``value`` as JSON (what JSON cannot encode as its ``str``) and as its ``repr``."""
    return json.dumps(value, default=str) + "\n" + repr(value)


def _leaks(text: str, secrets: Iterable[str]) -> list[str]:
    """The secrets found in ``text``, shortened so that a failure does not print them."""
    return [f"{secret[:6]}… ({len(secret)} chars)" for secret in secrets if secret in text]


def _pem_secrets(pem: str) -> list[str]:
    """The whole PEM, its base64 body in one piece, and each of its telling lines."""
    body = [line for line in pem.strip().splitlines() if not line.startswith("-----")]
    lines = [line for line in body if len(line) > TELLING_LENGTH]
    assert len(lines) >= 5  # a 2048-bit key's PEM has six full lines
    return [pem, pem.strip(), "".join(body), *lines]


async def _refresh_token_secrets(hass: HomeAssistant) -> list[str]:
    """``token`` and ``jwt_key`` of every refresh token of every user."""
    secrets = [
        secret
        for user in await hass.auth.async_get_users()
        for refresh_token in user.refresh_tokens.values()
        for secret in (refresh_token.token, refresh_token.jwt_key)
    ]
    assert all(len(secret) > TELLING_LENGTH for secret in secrets)
    return secrets


def _forged_token(issuer: str) -> str:
    """A well-formed, unexpired access token of ``issuer``, signed with the wrong key."""
    now = int(time.time())
    return jwt.encode(
        {"iss": issuer, "iat": now, "exp": now + 1800}, "not-the-key" * 4, algorithm="HS256"
    )


def _log_lines(records: Iterable[logging.LogRecord]) -> str:
    """What the records say: message with traceback, and the raw arguments."""
    formatter = logging.Formatter()
    return "\n".join(f"{formatter.format(record)}\n{record.args!r}" for record in records)


async def _logbook(hass: HomeAssistant, client: TestClient, start: str) -> list[dict[str, Any]]:
    await async_wait_recording_done(hass)
    resp = await client.get(f"/api/logbook/{start}")
    assert resp.status == 200, await resp.text()
    entries: list[dict[str, Any]] = await resp.json()
    return entries


async def _send_linked_traffic(
    hass: HomeAssistant, clova: ClovaClient, user: User, admin: User
) -> Tokens:
    """Every kind of request the gate and the tester see; the access tokens used."""
    # Linked and accepted: discovery, a command, a query, a failed command.
    assert answer_name(await clova.request("DiscoverAppliances")) == "DiscoverAppliancesResponse"
    assert answer_name(await clova.request("TurnOn", KITCHEN)) == "TurnOnConfirmation"
    assert answer_name(await clova.request("GetLockState", DOOR)) == "GetLockStateResponse"
    assert answer_name(await clova.request("TurnOn", HALL)) == "TargetOfflineError"

    # An expired access token: Clova is told to refresh it.
    expiring = await hass.auth.async_create_refresh_token(
        user, client_id=CLOVA_CLIENT_ID, access_token_expiration=timedelta(minutes=-1)
    )
    expired = hass.auth.async_create_access_token(expiring)
    answer = await clova.request("TurnOff", KITCHEN, token=expired)
    assert answer_name(answer) == "ExpiredAccessTokenError"

    # Refused tokens: garbage, forged, revoked, long-lived (not allowed by these options).
    garbage = f"garbage-{uuid.uuid4().hex}"
    forged = _forged_token(expiring.id)
    revoked_refresh_token, revoked = await mint(hass, user)
    hass.auth.async_remove_refresh_token(revoked_refresh_token)
    long_lived = await long_lived_token(hass, user)
    for token in (garbage, forged, revoked, long_lived):
        answer = await clova.request("TurnOn", KITCHEN, token=token)
        assert answer_name(answer) == "InvalidAccessTokenError"

    # A signed body that is not a Clova request, though it carries a token.
    status, _ = await clova.post_raw(json.dumps({"payload": {"accessToken": clova.token}}).encode())
    assert status == 400

    # The request tester, run by an admin on a message pasted with a (valid) token in it.
    _, pasted = await mint(hass, user)
    response = await hass.services.async_call(
        DOMAIN,
        SERVICE_PROCESS_REQUEST,
        {"message": request_message("TurnOn", pasted, KITCHEN)},
        blocking=True,
        return_response=True,
        context=Context(user_id=admin.id),
    )
    assert response is not None
    assert answer_name(dict(response)) == "TurnOnConfirmation"

    # A genuine token of another client: refused, and a repair issue names the client.
    # It comes after the last accepted request, which would withdraw that issue.
    _, foreign = await mint(hass, user, client_id=FOREIGN_CLIENT)
    answer = await clova.request("DiscoverAppliances", token=foreign)
    assert answer_name(answer) == "InvalidAccessTokenError"

    # Bad signatures on a body with the good token (last: a good signature withdraws the
    # issue): another key, garbage, the token itself, the right key over other bytes, none.
    body = json.dumps(request_message("TurnOn", clova.token, KITCHEN)).encode()
    bad_signatures = [
        sign(new_private_key(), body),
        "AAAA",
        clova.token,
        sign(clova.key, body + b" "),
    ]
    for signature in bad_signatures:
        status, _ = await clova.post_raw(body, {"SignatureCEK": signature})
        assert status == 401
    for _ in range(BAD_SIGNATURE_THRESHOLD - len(bad_signatures)):
        status, _ = await clova.post_raw(body, signed=False)
        assert status == 401

    await hass.async_block_till_done()
    return Tokens(
        linked=clova.token,
        expired=expired,
        garbage=garbage,
        forged=forged,
        revoked=revoked,
        long_lived=long_lived,
        foreign=foreign,
        pasted=pasted,
    )


@pytest.mark.usefixtures("inspectors")
async def test_no_token_or_key_in_any_output(  # noqa: PLR0917 - the fixtures it reads
    hass: HomeAssistant,
    setup_clova: SetupClova,
    clova_user: User,
    hass_admin_user: User,
    signing_key: rsa.RSAPrivateKey,
    hass_client: Callable[[], Awaitable[TestClient]],
    hass_access_token: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Events, logbook, diagnostics, debug log and repair issues hold none of the secrets.

    The outputs, as the module docstring names them: the ``clova_home_request`` events,
    the logbook's REST API, the integration's diagnostics (direct and downloaded), every
    log record at DEBUG, and every field of every repair issue.
    """
    caplog.set_level(logging.DEBUG, logger="custom_components.clova_home")
    caplog.set_level(logging.DEBUG, logger="homeassistant")
    # Tell Home Assistant that log levels changed, as its logger integration does, so that
    # its event bus logs every event too.
    hass.bus.async_fire(EVENT_LOGGING_CHANGED)
    start = dt_util.utcnow().isoformat()

    events: list[Event] = []

    @callback
    def _capture(event: Event) -> None:
        events.append(event)

    hass.bus.async_listen(EVENT_CLOVA_HOME_REQUEST, _capture)

    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Living room light"})
    hass.states.async_set(HALL, "unavailable", {"friendly_name": "Hall light"})
    hass.states.async_set(DOOR, LockState.LOCKED, {"friendly_name": "Front door"})

    async def turn_on(call: ServiceCall) -> None:
        hass.states.async_set(
            KITCHEN, "on", {"friendly_name": "Living room light"}, context=call.context
        )

    hass.services.async_register("light", "turn_on", turn_on)
    clova = await setup_clova(exposed=[KITCHEN, HALL, DOOR])

    tokens = await _send_linked_traffic(hass, clova, clova_user, hass_admin_user)
    logbook = await _logbook(hass, await hass_client(), start)
    [entry] = hass.config_entries.async_entries(DOMAIN)
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    downloaded = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    issues = ir.async_get(hass).issues

    pem_secrets = _pem_secrets(public_pem(signing_key))
    secrets = [
        *tokens.all(),
        hass_access_token,  # the test's own, for the logbook and diagnostics APIs
        *await _refresh_token_secrets(hass),
        *pem_secrets,
    ]
    # The search finds the secrets where they are: on the wire and in the options.
    assert len(_leaks(_dump(clova.sent), tokens.sent_by_clova())) == len(tokens.sent_by_clova())
    assert len(_leaks(_dump(dict(entry.options)), pem_secrets[3:])) == len(pem_secrets[3:])

    # Events: one per answered request, refused ones included.
    assert [(e.data["name"], e.data["outcome"], e.data["source"]) for e in events] == [
        ("DiscoverAppliancesRequest", "DiscoverAppliancesResponse", "clova"),
        ("TurnOnRequest", "TurnOnConfirmation", "clova"),
        ("GetLockStateRequest", "GetLockStateResponse", "clova"),
        ("TurnOnRequest", "TargetOfflineError", "clova"),
        ("TurnOffRequest", "ExpiredAccessTokenError", "clova"),
        *[("TurnOnRequest", "InvalidAccessTokenError", "clova")] * 4,
        ("TurnOnRequest", "TurnOnConfirmation", "service"),
        ("DiscoverAppliancesRequest", "InvalidAccessTokenError", "clova"),
    ]
    assert _leaks(_dump([event.as_dict() for event in events]), secrets) == []

    # Logbook: an entry per request, and the light's change by the linked user.
    ours = [item for item in logbook if item.get("domain") == DOMAIN]
    assert len(ours) == len(events)
    messages = {item["message"] for item in ours}
    assert "turned on via Clova" in messages
    assert "was not turned on via Clova: the device is unavailable" in messages
    assert "could not look for devices: the Clova login was refused" in messages
    assert any(item.get("entity_id") == KITCHEN and "domain" not in item for item in logbook)
    assert _leaks(_dump(logbook), secrets) == []

    # Diagnostics: the history and counters of all of it, the key as a fingerprint.
    assert len(diagnostics["recent_requests"]) == len(events)
    assert diagnostics["refused_by_gate"] == {
        "bad_signature": BAD_SIGNATURE_THRESHOLD,
        "not_a_clova_request": 1,
    }
    assert diagnostics["entry"]["options"]["security"]["extra_public_key"] == "**REDACTED**"
    assert {ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT} <= set(diagnostics["repair_issues"])
    assert downloaded["recent_requests"] == diagnostics["recent_requests"]
    assert _leaks(_dump(diagnostics), secrets) == []
    assert _leaks(_dump(downloaded), secrets) == []

    # Repair issues: the two the gate raised are open; no field of any issue leaks.
    unexpected = issues[DOMAIN, ISSUE_UNEXPECTED_CLIENT]
    assert unexpected.translation_placeholders is not None
    assert unexpected.translation_placeholders["client_id"] == FOREIGN_CLIENT
    assert issues[DOMAIN, ISSUE_BAD_SIGNATURES].learn_more_url
    dumped_issues = [
        _dump(dataclasses.asdict(issue)) + _dump(issue.to_json()) for issue in issues.values()
    ]
    assert _leaks("\n".join(dumped_issues), secrets) == []

    # Debug log: every request and answer (the token masked), the gate's refusals.
    records = [record for record in caplog.records if not record.name.startswith(HARNESS_LOGGER)]
    clova_log = "\n".join(
        record.getMessage() for record in records if record.name.startswith("custom_components")
    )
    assert clova_log.count("Clova request (clova):") == len(events) - 1
    assert clova_log.count("Clova request (service):") == 1
    assert clova_log.count("Clova answer (") == len(events)
    assert "'accessToken': '***'" in clova_log
    assert f"Refused a token issued to client ID {FOREIGN_CLIENT}" in clova_log
    assert clova_log.count("Refused a request with a missing or bad SignatureCEK") == (
        BAD_SIGNATURE_THRESHOLD
    )
    assert "Refused a signed body that is not a Clova request" in clova_log
    echo = [record for record in records if TESTER_CALL_ECHO in record.getMessage()]
    assert echo  # Home Assistant's own debug log is on
    echoed = {id(record) for record in echo}
    others = [record for record in records if id(record) not in echoed]
    assert _leaks(_log_lines(others), secrets) == []
    # Home Assistant's echo of the tester's call: the pasted token as typed, nothing more.
    assert _leaks(_log_lines(echo), [s for s in secrets if s != tokens.pasted]) == []
