"""Behind a reverse proxy: whose address Home Assistant's IP ban and the local-only check see.

Most users reach Home Assistant through a proxy (NGINX, Caddy, a Cloudflare tunnel, Home
Assistant Cloud's remote UI). Here the test client plays the proxy: it connects from
127.0.0.1 and, when the proxy reports its client, sends ``X-Forwarded-For``. Each test sets
up Home Assistant's real ``http`` component with the configuration under test (its ban file
in the test's own directory), then sends real signed requests through the real gate: bad
signatures from a stranger, good ones from CLOVA, tokens of a local-only user.

What the tests measured, in short:

* With the proxy in ``trusted_proxies`` a stranger's bad signatures count against the
  stranger's address; CLOVA, forwarded from another address, stays in.
* When Home Assistant does not know the proxy, a forwarded request is refused with 400 by
  Home Assistant before the gate sees it: nothing is counted, but CLOVA gets 400 too.
* When the proxy does not forward the client's address, every request comes from the
  proxy: the stranger's bad signatures ban the proxy and CLOVA gets 403 from then on.
  Local-only users are then judged by the proxy's address (loopback: accepted).
* With Home Assistant's default ``login_attempts_threshold`` nobody is ever banned.
* Home Assistant Cloud's remote UI always looks like 127.0.0.1 and ignores
  ``X-Forwarded-For``: bans hit 127.0.0.1, whatever ``trusted_proxies`` says.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
import json
from pathlib import Path
from typing import Any, Final
from unittest.mock import Mock

from cryptography.hazmat.primitives.asymmetric import rsa
from hass_nabucasa import remote
from homeassistant.auth.models import User
from homeassistant.components.http.auth import async_user_not_allowed_do_auth
from homeassistant.components.http.ban import KEY_BAN_MANAGER, KEY_FAILED_LOGIN_ATTEMPTS
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    async_get_persistent_notifications,
    async_mock_service,
)
import yaml

from custom_components.clova_home.const import DOMAIN

from .assertions import assert_clova_message
from .conftest import SetupClova
from .helpers import new_private_key, request_message, sign

LIGHT: Final = "light.kitchen"
PROXY: Final = "127.0.0.1"  # where the test client, playing the proxy, connects from
STRANGER: Final = "203.0.113.7"  # someone on the internet who found the endpoint
CLOVA_ADDRESS: Final = "198.51.100.20"  # CLOVA's servers: another internet address
LAN: Final = "192.168.1.20"
THRESHOLD: Final = 3  # failed logins before a ban, where banning is on

TRUSTED_PROXY: Final = {"use_x_forwarded_for": True, "trusted_proxies": [PROXY]}
BANNING: Final = {"ip_ban_enabled": True, "login_attempts_threshold": THRESHOLD}
# use_x_forwarded_for is on, but the proxy (127.0.0.1) is not the one trusted.
OTHER_PROXY_TRUSTED: Final = {"use_x_forwarded_for": True, "trusted_proxies": ["172.30.33.0/24"]}


@pytest.fixture(scope="module")
def foreign_key() -> rsa.RSAPrivateKey:
    """A well-formed RSA key that Home Assistant does not trust (the stranger's)."""
    return new_private_key()


@pytest.fixture
def turn_on_calls(hass: HomeAssistant) -> list[ServiceCall]:
    """The kitchen light, with ``light.turn_on`` mocked; the calls it got."""
    hass.states.async_set(LIGHT, "off", {"friendly_name": "Kitchen"})
    return async_mock_service(hass, "light", "turn_on")


@dataclass
class Proxied:
    """Clova Home behind the proxy, and ways to send it a TurnOnRequest through it."""

    hass: HomeAssistant
    send_signed: Callable[[bytes, dict[str, str], bool], Awaitable[tuple[int, Any]]]
    token: str
    foreign_key: rsa.RSAPrivateKey
    ban_file: Path

    async def send(
        self, forwarded_for: str | None = None, *, forged: bool = False, token: str | None = None
    ) -> tuple[int, Any]:
        """A TurnOnRequest through the proxy: CLOVA's signature, or a stranger's (forged)."""
        body = json.dumps(request_message("TurnOn", token or self.token, LIGHT)).encode()
        headers = {"SignatureCEK": sign(self.foreign_key, body)} if forged else {}
        if forwarded_for is not None:
            headers["X-Forwarded-For"] = forwarded_for
        return await self.send_signed(body, headers, not forged)

    async def banned(self) -> set[str]:
        """The addresses in the ban file (none when it was never written)."""

        def read() -> set[str]:
            if not self.ban_file.exists():
                return set()
            return set(yaml.safe_load(self.ban_file.read_text(encoding="utf-8")) or {})

        return await self.hass.async_add_executor_job(read)

    def failed_logins(self) -> dict[str, int]:
        """Home Assistant's count of failed logins per address (those above zero)."""
        counts = self.hass.http.app.get(KEY_FAILED_LOGIN_ATTEMPTS, {})
        return {str(address): count for address, count in counts.items() if count}

    def refused_by_gate(self) -> dict[str, int]:
        """The gate's own refusal counts (the diagnostics' ``refused_by_gate``)."""
        entry = self.hass.config_entries.async_entries(DOMAIN)[0]
        return dict(entry.runtime_data.stats.refused)


StartProxied = Callable[[Mapping[str, Any]], Awaitable[Proxied]]


@pytest.fixture
def behind(
    hass: HomeAssistant,
    tmp_path: Path,
    setup_clova: SetupClova,
    foreign_key: rsa.RSAPrivateKey,
    turn_on_calls: list[ServiceCall],
) -> StartProxied:
    """Set up HA's http with a configuration, then Clova Home exposing the light."""

    async def start(http_config: Mapping[str, Any]) -> Proxied:
        assert await async_setup_component(hass, "http", {"http": dict(http_config)})
        # The test config dir is shared by every test: a ban written there would outlive
        # this test (and ban 127.0.0.1 for all that follow).
        ban_file = tmp_path / "ip_bans.yaml"
        if KEY_BAN_MANAGER in hass.http.app:
            hass.http.app[KEY_BAN_MANAGER].path = str(ban_file)
        clova = await setup_clova(exposed=[LIGHT])

        async def send_signed(
            body: bytes, headers: dict[str, str], signed: bool
        ) -> tuple[int, Any]:
            return await clova.post_raw(body, headers, signed=signed)

        return Proxied(hass, send_signed, clova.token, foreign_key, ban_file)

    return start


async def local_only(hass: HomeAssistant, user: User) -> None:
    """Make the linked user local-only (Settings → People → "Can only log in locally")."""
    await hass.auth.async_update_user(user, local_only=True)


def ha_verdict(hass: HomeAssistant, user: User, address: str) -> str | None:
    """Home Assistant's own verdict on ``user`` logging in from ``address`` (None: allowed)."""
    return async_user_not_allowed_do_auth(hass, user, Mock(remote=address))


def login_notification(hass: HomeAssistant) -> str | None:
    """The message of HA's "Login attempt failed" notification, if there is one."""
    notification = async_get_persistent_notifications(hass).get("http-login")
    return None if notification is None else notification["message"]


# --------------------------------------------------------------------------- (a) trusted proxy


async def test_trusted_proxy_bans_the_stranger_not_the_proxy(
    hass: HomeAssistant, behind: StartProxied, turn_on_calls: list[ServiceCall]
) -> None:
    """A trusted proxy: the stranger's bad signatures ban the stranger's address only.

    Each bad signature is a 401 and counts one failed login for the forwarded address; at
    the threshold the stranger is written to the ban file (127.0.0.1, the proxy, is not).
    Afterwards CLOVA, forwarded from its own address, is answered, and so is a request
    straight from the proxy, while the stranger is refused with 403 even when it sends a
    correctly signed request.
    """
    proxied = await behind({**TRUSTED_PROXY, **BANNING})

    for attempt in range(1, THRESHOLD + 1):
        status, _ = await proxied.send(STRANGER, forged=True)
        assert status == 401
        assert proxied.failed_logins() == {STRANGER: attempt}
    assert await proxied.banned() == {STRANGER}

    status, answer = await proxied.send(CLOVA_ADDRESS)
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
    status, answer = await proxied.send()  # no X-Forwarded-For: the proxy's own address
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
    status, _ = await proxied.send(STRANGER)
    assert status == 403
    await hass.async_block_till_done()

    assert len(turn_on_calls) == 2
    assert proxied.refused_by_gate() == {"bad_signature": THRESHOLD}  # the 403 never got in
    assert await proxied.banned() == {STRANGER}
    assert login_notification(hass) is not None
    assert f"({STRANGER})" in str(login_notification(hass))


async def test_clova_succeeding_does_not_clear_the_strangers_count(behind: StartProxied) -> None:
    """CLOVA's accepted requests clear CLOVA's address only, not the stranger's failures.

    Behind a trusted proxy each address has its own count: the stranger's bad signatures
    with CLOVA's good requests in between still reach the threshold and ban the stranger.
    """
    proxied = await behind({**TRUSTED_PROXY, **BANNING})

    for _ in range(THRESHOLD - 1):
        assert (await proxied.send(STRANGER, forged=True))[0] == 401
        status, answer = await proxied.send(CLOVA_ADDRESS)
        assert status == 200
        assert_clova_message(answer, "TurnOnConfirmation")
    assert proxied.failed_logins() == {STRANGER: THRESHOLD - 1}

    assert (await proxied.send(STRANGER, forged=True))[0] == 401
    assert await proxied.banned() == {STRANGER}
    assert (await proxied.send(CLOVA_ADDRESS))[0] == 200


async def test_a_stranger_cannot_blame_clova_through_a_trusted_proxy(
    behind: StartProxied,
) -> None:
    """A stranger who writes CLOVA's address into X-Forwarded-For still bans itself.

    A proxy appends the address it saw to what the client sent: ``<CLOVA>, <stranger>``.
    Home Assistant reads the list from the right and takes the first address that is not
    a trusted proxy, so the failures count for the stranger and CLOVA stays in.
    """
    proxied = await behind({**TRUSTED_PROXY, **BANNING})

    for _ in range(THRESHOLD):
        status, _ = await proxied.send(f"{CLOVA_ADDRESS}, {STRANGER}", forged=True)
        assert status == 401
    assert await proxied.banned() == {STRANGER}
    assert proxied.failed_logins() == {STRANGER: THRESHOLD}

    status, answer = await proxied.send(CLOVA_ADDRESS)
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")


# --------------------------------------------------------------------------- (b) local-only


@pytest.mark.parametrize(
    ("forwarded_for", "expected", "ha_says"),
    [
        (LAN, "TurnOnConfirmation", None),
        ("169.254.10.20", "TurnOnConfirmation", None),
        ("fd00::20", "TurnOnConfirmation", None),
        (STRANGER, "InvalidAccessTokenError", "User cannot authenticate remotely"),
        # Tailscale and other CGNAT addresses are not local for Home Assistant either.
        ("100.64.0.20", "InvalidAccessTokenError", "User cannot authenticate remotely"),
        # A LAN address the client wrote in front of its own (the proxy appended it).
        (f"{LAN}, {STRANGER}", "InvalidAccessTokenError", "User cannot authenticate remotely"),
    ],
    ids=["lan", "link-local", "ipv6-ula", "internet", "cgnat", "lan-spoofed-by-client"],
)
async def test_local_only_user_behind_a_trusted_proxy(
    hass: HomeAssistant,
    behind: StartProxied,
    clova_user: User,
    turn_on_calls: list[ServiceCall],
    *,
    forwarded_for: str,
    expected: str,
    ha_says: str | None,
) -> None:
    """Behind a trusted proxy a local-only user is judged by the forwarded address.

    The verdict matches Home Assistant's own check of that user at the address HA takes
    from the header (the rightmost one that is not a trusted proxy).
    """
    proxied = await behind(TRUSTED_PROXY)
    await local_only(hass, clova_user)

    status, answer = await proxied.send(forwarded_for)
    await hass.async_block_till_done()

    assert status == 200
    assert_clova_message(answer, expected)
    assert len(turn_on_calls) == (expected == "TurnOnConfirmation")
    client = forwarded_for.rpartition(",")[2].strip()
    assert ha_verdict(hass, clova_user, client) == ha_says


# --------------------------------------------------------------------------- (c) unknown proxy


@pytest.mark.parametrize(
    ("http_config", "logged"),
    [
        (
            BANNING,
            "A request from a reverse proxy was received from 127.0.0.1, but your HTTP "
            "integration is not set-up for reverse proxies",
        ),
        (
            {**OTHER_PROXY_TRUSTED, **BANNING},
            "Received X-Forwarded-For header from an untrusted proxy 127.0.0.1",
        ),
    ],
    ids=["default", "other-proxy-trusted"],
)
async def test_a_forwarded_request_from_an_unknown_proxy_is_refused_with_400(
    hass: HomeAssistant,
    behind: StartProxied,
    turn_on_calls: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
    *,
    http_config: Mapping[str, Any],
    logged: str,
) -> None:
    """Home Assistant answers 400 to X-Forwarded-For from a proxy it does not trust.

    With ``use_x_forwarded_for`` off (the default), or on with the proxy missing from
    ``trusted_proxies``, HA's forwarded middleware refuses the request before the ban
    check and before the gate: the stranger's bad signatures get 400, not 401, are not
    counted and ban nobody — and CLOVA's correctly signed requests get 400 as well, so
    nothing works until the proxy is trusted. HA logs an error naming the proxy.
    """
    proxied = await behind(http_config)

    for _ in range(THRESHOLD + 2):
        status, _ = await proxied.send(STRANGER, forged=True)
        assert status == 400
    status, _ = await proxied.send(CLOVA_ADDRESS)
    assert status == 400
    await hass.async_block_till_done()

    assert turn_on_calls == []
    assert proxied.failed_logins() == {}
    assert await proxied.banned() == set()
    assert proxied.refused_by_gate() == {}  # the gate never saw them
    assert login_notification(hass) is None
    assert logged in caplog.text

    # Without the header the same proxy is served (as the client, see below).
    status, answer = await proxied.send()
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")


@pytest.mark.parametrize(
    "http_config", [BANNING, {**TRUSTED_PROXY, **BANNING}], ids=["default", "trusted-proxy"]
)
async def test_a_proxy_that_hides_the_client_gets_itself_banned(
    hass: HomeAssistant,
    behind: StartProxied,
    turn_on_calls: list[ServiceCall],
    http_config: Mapping[str, Any],
) -> None:
    """Without X-Forwarded-For every request is the proxy's: a stranger locks CLOVA out.

    A proxy that does not report its client (or HA without proxy settings behind a proxy
    that strips the header) makes the stranger and CLOVA one address, 127.0.0.1. The
    stranger's bad signatures ban 127.0.0.1, after which CLOVA's correctly signed
    requests get 403 until the ban is removed from ``ip_bans.yaml`` and HA restarts.
    """
    proxied = await behind(http_config)

    for _ in range(THRESHOLD):
        status, _ = await proxied.send(forged=True)
        assert status == 401
    assert await proxied.banned() == {PROXY}

    status, _ = await proxied.send()
    assert status == 403
    await hass.async_block_till_done()
    assert turn_on_calls == []


async def test_clova_between_the_strangers_attempts_resets_the_shared_count(
    behind: StartProxied,
) -> None:
    """Behind a proxy that hides the client, CLOVA's successes reset the shared count.

    An accepted request clears 127.0.0.1's failures, so a ban needs ``THRESHOLD`` bad
    signatures with no accepted CLOVA request in between — easy for a stranger, who
    sends them within a second, so this does not protect CLOVA.
    """
    proxied = await behind(BANNING)

    for _ in range(3):
        for _ in range(THRESHOLD - 1):
            assert (await proxied.send(forged=True))[0] == 401
        assert proxied.failed_logins() == {PROXY: THRESHOLD - 1}
        assert (await proxied.send())[0] == 200
        await proxied.hass.async_block_till_done()  # the success is noted after the answer
        assert proxied.failed_logins() == {}
    assert await proxied.banned() == set()


@pytest.mark.parametrize(
    ("http_config", "forwarded_for", "counted_for"),
    [({}, None, PROXY), (TRUSTED_PROXY, STRANGER, STRANGER)],
    ids=["default", "trusted-proxy"],
)
async def test_the_default_threshold_never_bans(
    hass: HomeAssistant,
    behind: StartProxied,
    turn_on_calls: list[ServiceCall],
    *,
    http_config: Mapping[str, Any],
    forwarded_for: str | None,
    counted_for: str,
) -> None:
    """With HA's default ``login_attempts_threshold`` (-1) nobody is ever banned.

    ``ip_ban_enabled`` is on by default, but the threshold is off: 20 bad signatures are
    20 answers of 401, nothing is counted and no ban file is written, and CLOVA is still
    answered. Home Assistant does show its "Login attempt failed" notification, naming
    the address it saw (the proxy's without a trusted proxy, else the stranger's).
    """
    proxied = await behind(http_config)

    for _ in range(20):
        status, _ = await proxied.send(forwarded_for, forged=True)
        assert status == 401
    assert proxied.failed_logins() == {}
    assert await proxied.banned() == set()
    assert f"({counted_for})" in str(login_notification(hass))

    status, answer = await proxied.send(forwarded_for)
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
    await hass.async_block_till_done()
    assert len(turn_on_calls) == 1


async def test_local_only_user_behind_a_proxy_that_hides_the_client_counts_as_local(
    hass: HomeAssistant, behind: StartProxied, clova_user: User
) -> None:
    """Without a trusted proxy a local-only user is judged by the proxy's address.

    The proxy (127.0.0.1) is loopback, so the local-only user is accepted although the
    request may have come from anywhere on the internet. Home Assistant's own check
    would accept the same user at that address: it is a weakness of the setup, not of
    the gate. With X-Forwarded-For from the untrusted proxy the request is a 400 instead.
    """
    proxied = await behind({})
    await local_only(hass, clova_user)

    status, answer = await proxied.send()
    assert status == 200
    assert_clova_message(answer, "TurnOnConfirmation")
    assert ha_verdict(hass, clova_user, PROXY) is None

    status, _ = await proxied.send(STRANGER)
    assert status == 400


# --------------------------------------------------------------------------- HA Cloud


@contextmanager
def remote_ui(hass: HomeAssistant) -> Iterator[None]:
    """Connections accepted while this runs are remote UI ones, as Home Assistant Cloud's.

    HA Cloud's remote UI hands every connection to a server of its own on 127.0.0.1 and
    marks it with ``is_cloud_request`` set while that server starts; the test server
    started inside this block is marked the same way, and the cloud is loaded.
    """
    hass.config.components.add("cloud")
    # With an external URL of its own, Home Assistant never asks the (absent) cloud for one.
    hass.config.external_url = "https://home.example.com"
    token = remote.is_cloud_request.set(True)
    try:
        yield
    finally:
        remote.is_cloud_request.reset(token)


async def test_remote_ui_bans_loopback_whatever_the_proxy_settings(
    hass: HomeAssistant, behind: StartProxied, turn_on_calls: list[ServiceCall]
) -> None:
    """Over HA Cloud's remote UI every client is 127.0.0.1, and bans hit 127.0.0.1.

    HA skips X-Forwarded-For for remote UI requests, so even with 127.0.0.1 trusted and
    the stranger's address in the header, the bad signatures count for 127.0.0.1 and
    ban it: CLOVA, coming the same way, then gets 403. This is Home Assistant's own
    behaviour for its logins too; only the threshold (default: off) avoids it.
    """
    with remote_ui(hass):
        proxied = await behind({**TRUSTED_PROXY, **BANNING})

    for _ in range(THRESHOLD):
        status, _ = await proxied.send(STRANGER, forged=True)
        assert status == 401
    assert await proxied.banned() == {PROXY}

    status, _ = await proxied.send(CLOVA_ADDRESS)
    assert status == 403
    await hass.async_block_till_done()
    assert turn_on_calls == []


async def test_local_only_user_over_the_remote_ui(
    hass: HomeAssistant,
    behind: StartProxied,
    clova_user: User,
    turn_on_calls: list[ServiceCall],
) -> None:
    """A local-only user over HA Cloud's remote UI is refused, as Home Assistant does.

    The connection comes from 127.0.0.1, but Home Assistant refuses local-only users on
    remote UI connections ("User is local only"), so the gate does too. (Before the gate
    asked HA whether the request came over the cloud, 127.0.0.1 made this user local and
    the request was carried out.)
    """
    await local_only(hass, clova_user)
    with remote_ui(hass):
        proxied = await behind({})
        assert ha_verdict(hass, clova_user, PROXY) == "User is local only"

    status, answer = await proxied.send()
    assert status == 200
    assert_clova_message(answer, "InvalidAccessTokenError")
    assert turn_on_calls == []
