"""A tiny blocking HTTP client (urllib): every call has a timeout and never raises on 4xx/5xx."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import json
from typing import Any
from urllib import error, parse, request

DEFAULT_TIMEOUT = 15.0


class UnreachableError(Exception):
    """Home Assistant could not be reached (refused, timed out, ...)."""


@dataclass(frozen=True, slots=True)
class Response:
    """Status, headers and body of one answer."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON (``ValueError`` when it is not)."""
        return json.loads(self.body)

    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", "replace")

    @property
    def ok(self) -> bool:
        """True for 2xx."""
        return 200 <= self.status < 300


def call(
    method: str,
    url: str,
    *,
    json_body: Any = None,
    form: Mapping[str, str] | None = None,
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Response:
    """Send one request; raise :class:`UnreachableError` only when no answer came."""
    all_headers = dict(headers or {})
    if json_body is not None:
        data = json.dumps(json_body).encode()
        all_headers.setdefault("Content-Type", "application/json")
    elif form is not None:
        data = parse.urlencode(form).encode()
        all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    req = request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, dict(resp.headers.items()), resp.read())
    except error.HTTPError as err:
        return Response(err.code, dict(err.headers.items()), err.read())
    except (error.URLError, TimeoutError, ConnectionError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise UnreachableError(f"{method} {url}: {reason}") from None
