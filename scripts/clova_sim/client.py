"""The simulator: plays CEK against one Home Assistant with a linked account.

Each message gets the stored access token and is signed with the demo key over its exact
bytes. Like CEK it refreshes an access token that is past its lifetime before sending, and
refreshes and resends once when Home Assistant answers ``ExpiredAccessTokenError``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from clova_sim import oauth, web
from clova_sim.messages import (
    CONTENT_TYPE,
    ENDPOINT_PATH,
    SIGNATURE_HEADER,
    answer_name,
    is_error,
    request,
    sign,
)
from clova_sim.state import SimState


class NotLinkedError(Exception):
    """No account is linked yet (or the link was removed)."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and what came back."""

    request: dict[str, Any] | None  # None when raw bytes that are not JSON were sent
    status: int
    answer: Any  # the JSON answer, or the text of a non-JSON one
    refreshed: bool = False  # the token was refreshed (and the request resent) on the way
    note: str | None = None  # how the target was chosen, when that is worth saying

    @property
    def name(self) -> str:
        """The answer's header name (``""`` when it is not a Clova message)."""
        return answer_name(self.answer)

    @property
    def failed(self) -> bool:
        """Not an HTTP 200 with a non-error Clova message."""
        return self.status != 200 or is_error(self.answer)


@dataclass(frozen=True, slots=True)
class Target:
    """An appliance picked from the last discovery (or taken as a bare id)."""

    appliance_id: str
    name: str | None
    note: str | None = None


class Simulator:
    """Plays CEK for the account linked in ``state_path``."""

    def __init__(
        self,
        base_url: str,
        key: rsa.RSAPrivateKey | None,
        state_path: Path,
        *,
        timeout: float = web.DEFAULT_TIMEOUT,
        token: str | None = None,
        auto_refresh: bool = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.state_path = state_path
        self.timeout = timeout
        self.token_override = token
        self.auto_refresh = auto_refresh and token is None
        self.state = SimState.load(state_path)

    # Account linking -------------------------------------------------------------------

    def link(self, username: str, password: str) -> oauth.Linked:
        """Link ``username``'s account, as the Clova app does when the extension is enabled."""
        linked = oauth.link(self.base_url, username, password, timeout=self.timeout)
        self.state = SimState(base_url=self.base_url, username=username, tokens=linked.tokens)
        self.state.save(self.state_path)
        return linked

    def refresh(self) -> oauth.Tokens:
        """A new access token from the stored refresh token."""
        tokens = oauth.refresh(self.base_url, self._tokens(), timeout=self.timeout)
        self.state.tokens = tokens
        self.state.save(self.state_path)
        return tokens

    def unlink(self, *, revoke: bool = True) -> None:
        """Forget the link (revoking the refresh token first, unless told not to)."""
        if revoke and self.state.tokens is not None:
            oauth.revoke(self.base_url, self.state.tokens, timeout=self.timeout)
        self.state = SimState(base_url=self.base_url)
        self.state.save(self.state_path)

    def _tokens(self) -> oauth.Tokens:
        if self.state.tokens is None:
            raise NotLinkedError("no linked account: run `link` first")
        return self.state.tokens

    def access_token(self) -> str:
        """The token to send: the override, else the stored one (refreshed when expired)."""
        if self.token_override is not None:
            return self.token_override
        tokens = self._tokens()
        if self.auto_refresh and tokens.expired():
            tokens = self.refresh()
        return tokens.access_token

    # Messages --------------------------------------------------------------------------

    def post(self, body: bytes, *, signed: bool = True) -> tuple[int, Any]:
        """Post raw bytes to the endpoint (signed unless told otherwise)."""
        headers = {"Content-Type": CONTENT_TYPE, "Accept": "application/json"}
        if signed:
            if self.key is None:
                raise NotLinkedError("no signing key: start the demo with scripts/develop first")
            headers[SIGNATURE_HEADER] = sign(self.key, body)
        resp = web.call(
            "POST",
            f"{self.base_url}{ENDPOINT_PATH}",
            data=body,
            headers=headers,
            timeout=self.timeout,
        )
        try:
            return resp.status, resp.json()
        except ValueError:
            return resp.status, resp.text()

    def send(
        self, message: dict[str, Any], *, signed: bool = True, note: str | None = None
    ) -> Exchange:
        """Send a message with the account's token unless it carries one."""
        message = copy.deepcopy(message)
        payload = message.setdefault("payload", {})
        ours = "accessToken" not in payload
        if ours:
            payload["accessToken"] = self.access_token()
        status, answer = self.post(json.dumps(message).encode(), signed=signed)
        if ours and self.auto_refresh and answer_name(answer) == "ExpiredAccessTokenError":
            payload["accessToken"] = self.refresh().access_token
            status, answer = self.post(json.dumps(message).encode(), signed=signed)
            return Exchange(message, status, answer, refreshed=True, note=note)
        return Exchange(message, status, answer, note=note)

    def discover(self) -> Exchange:
        """``DiscoverAppliancesRequest``; a successful answer is remembered for names."""
        exchange = self.send(request("DiscoverAppliances"))
        if not exchange.failed:
            self.state.appliances = list(exchange.answer["payload"].get("discoveredAppliances", []))
            self.state.save(self.state_path)
        return exchange

    def act(self, name: str, target: str, **payload: Any) -> Exchange:
        """``<name>Request`` for the appliance ``target`` (a name, an entity_id or an id)."""
        chosen = self.resolve(target)
        return self.send(request(name, chosen.appliance_id, **payload), note=chosen.note)

    # Targets ---------------------------------------------------------------------------

    def resolve(self, target: str) -> Target:
        """Find ``target`` in the last discovery, discovering again if it is not there."""
        found = _match(self.state.appliances, target)
        if found is None:
            exchange = self.discover()
            if exchange.failed:
                return Target(
                    target, None, f"discovery failed ({exchange.name or exchange.status})"
                )
            found = _match(self.state.appliances, target)
        if found is None:
            return Target(
                target, None, f"{target!r} is not in the discovery: sent as an applianceId"
            )
        return Target(str(found["applianceId"]), str(found.get("friendlyName") or ""))


class AmbiguousTargetError(ValueError):
    """A name matched more than one appliance."""


def _match(appliances: list[dict[str, Any]], target: str) -> dict[str, Any] | None:
    """Exact id, then entity_id, then name (case-insensitive), then a unique name fragment."""
    wanted = target.strip().casefold()
    rules = (
        lambda app: app.get("applianceId") == target,
        lambda app: f"({wanted})" in str(app.get("friendlyDescription", "")).casefold(),
        lambda app: str(app.get("friendlyName", "")).casefold() == wanted,
        lambda app: wanted in str(app.get("friendlyName", "")).casefold(),
    )
    for rule in rules:
        hits = [app for app in appliances if rule(app)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(sorted(str(app.get("friendlyName")) for app in hits))
            raise AmbiguousTargetError(f"{target!r} matches several appliances: {names}")
    return None
