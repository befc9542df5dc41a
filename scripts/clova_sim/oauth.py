"""Account linking as CEK does it: OAuth 2.0 authorization code against Home Assistant.

The Clova app opens ``/auth/authorize`` (Home Assistant's login page). That page is only the
frontend; what it does underneath, and what this module does, is: start a login flow for
Clova's client ID and redirect URI, post the user's credentials, take the authorization code
it hands back (the page would redirect to Clova's redirect URI with it), and exchange the
code at ``/auth/token`` with the client credentials in the request body, which is the
"credentials in request body" scheme the console is set to. Refreshing uses the same endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from clova_sim import web

CLOVA_CLIENT_ID = "https://prod-ni-cic.clova.ai/"
CLOVA_REDIRECT_URI = "https://prod-ni-cic.clova.ai/v1/al/token/"
# Home Assistant does not check the secret, but CEK always sends the console's value.
CLOVA_CLIENT_SECRET = "clova-demo-secret"


class LinkError(Exception):
    """Linking or refreshing failed; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Tokens:
    """What CEK stores for a linked account."""

    access_token: str
    refresh_token: str
    expires_at: float  # epoch seconds

    def expired(self, margin: float = 30.0) -> bool:
        """True when the access token is (nearly) past its lifetime."""
        return time.time() + margin >= self.expires_at

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form for the state file."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tokens:
        """Back from :meth:`to_json`."""
        return cls(str(data["access_token"]), str(data["refresh_token"]), float(data["expires_at"]))


@dataclass(frozen=True, slots=True)
class Linked:
    """The tokens, and the redirect the login page sent the browser to."""

    tokens: Tokens
    redirect: str


def link(
    base_url: str,
    username: str,
    password: str,
    *,
    client_id: str = CLOVA_CLIENT_ID,
    redirect_uri: str = CLOVA_REDIRECT_URI,
    timeout: float = web.DEFAULT_TIMEOUT,
) -> Linked:
    """Log in as ``username`` through Home Assistant's login flow and exchange the code."""
    flow = _json(
        web.call(
            "POST",
            f"{base_url}/auth/login_flow",
            json_body={
                "client_id": client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": redirect_uri,
            },
            timeout=timeout,
        ),
        "starting the login flow",
    )
    if flow.get("type") != "form":
        raise LinkError(f"unexpected login flow step: {flow}")
    result = _json(
        web.call(
            "POST",
            f"{base_url}/auth/login_flow/{flow['flow_id']}",
            json_body={"username": username, "password": password, "client_id": client_id},
            timeout=timeout,
        ),
        "posting the credentials",
    )
    if result.get("type") == "form" and result.get("errors"):
        raise LinkError(f"Home Assistant refused the login of {username!r}: {result['errors']}")
    if result.get("type") != "create_entry" or not isinstance(result.get("result"), str):
        raise LinkError(f"the login flow did not end with a code: {result}")
    code = result["result"]
    state = secrets.token_urlsafe(12)  # CEK's state, passed through by the login page
    redirect = f"{redirect_uri}?{urlencode({'code': code, 'state': state})}"
    answer = _token_call(
        base_url,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "client_secret": CLOVA_CLIENT_SECRET,
        },
        timeout,
    )
    return Linked(_tokens(answer, refresh_token=None), redirect)


def refresh(
    base_url: str,
    tokens: Tokens,
    *,
    client_id: str = CLOVA_CLIENT_ID,
    timeout: float = web.DEFAULT_TIMEOUT,
) -> Tokens:
    """A new access token for the stored refresh token (what CEK does when one expires)."""
    answer = _token_call(
        base_url,
        {
            "grant_type": "refresh_token",
            "refresh_token": tokens.refresh_token,
            "client_id": client_id,
            "client_secret": CLOVA_CLIENT_SECRET,
        },
        timeout,
    )
    return _tokens(answer, refresh_token=tokens.refresh_token)


def revoke(base_url: str, tokens: Tokens, *, timeout: float = web.DEFAULT_TIMEOUT) -> None:
    """Revoke the refresh token (and with it every access token it issued)."""
    resp = web.call(
        "POST", f"{base_url}/auth/revoke", form={"token": tokens.refresh_token}, timeout=timeout
    )
    if not resp.ok:
        raise LinkError(f"revoking failed: HTTP {resp.status} {resp.text()[:200]}")


def _token_call(base_url: str, form: dict[str, str], timeout: float) -> dict[str, Any]:
    resp = web.call("POST", f"{base_url}/auth/token", form=form, timeout=timeout)
    try:
        answer = resp.json()
    except ValueError:
        answer = {"error": resp.text()[:200]}
    if not resp.ok or not isinstance(answer, dict) or "access_token" not in answer:
        error = answer.get("error") if isinstance(answer, dict) else answer
        hint = " (the link is gone: run `link` again)" if error == "invalid_grant" else ""
        raise LinkError(f"/auth/token answered HTTP {resp.status}: {error}{hint}")
    return answer


def _tokens(answer: dict[str, Any], refresh_token: str | None) -> Tokens:
    refreshed = answer.get("refresh_token") or refresh_token
    if not refreshed:
        raise LinkError("/auth/token gave no refresh token")
    lifetime = float(answer.get("expires_in") or 1800)
    return Tokens(str(answer["access_token"]), str(refreshed), time.time() + lifetime)


def _json(resp: web.Response, doing: str) -> dict[str, Any]:
    try:
        data = resp.json()
    except ValueError:
        data = None
    if not resp.ok or not isinstance(data, dict):
        raise LinkError(f"{doing}: HTTP {resp.status} {resp.text()[:200]}")
    return data
