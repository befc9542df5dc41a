"""Who is asking: the access token from the request body, checked like HA's own auth."""

from __future__ import annotations

from collections.abc import Collection
from ipaddress import ip_address
import time
from typing import override

from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, RefreshToken, User
from homeassistant.core import HomeAssistant, callback
from homeassistant.util.network import is_local
import jwt

from .protocol.errors import ExpiredAccessTokenError, InvalidAccessTokenError

# HA itself allows this much clock skew when it checks an access token.
_LEEWAY_SECONDS = 10


class UnexpectedClientError(InvalidAccessTokenError):
    """A valid token of an active user, issued to a client ID that is not allowed.

    Clova hears ``InvalidAccessTokenError`` as for any refused token; the gate also tells
    the user which client it was (a repair issue), since it usually means the client ID in
    the Clova console differs from the allowed ones.
    """

    def __init__(self, client_id: str) -> None:
        super().__init__(client_id)
        self.client_id = client_id

    @property
    @override
    def name(self) -> str:
        return InvalidAccessTokenError.__name__


@callback
def async_authenticate(
    hass: HomeAssistant,
    token: str | None,
    allowed_client_ids: Collection[str],
    remote: str | None,
    *,
    allow_long_lived: bool = False,
) -> User:
    """Return the user behind ``token`` or raise the Clova error that fits.

    The token must have been issued to one of ``allowed_client_ids`` (the Clova
    account-linking client), for an active user; a local-only user is refused
    unless the request comes from the local network. A long-lived access token (made
    in the user's profile, not by account linking) passes only with
    ``allow_long_lived``. An expired but otherwise
    valid token gets ``ExpiredAccessTokenError`` so that Clova refreshes it.
    """
    if not token:
        raise InvalidAccessTokenError
    refresh_token = hass.auth.async_validate_access_token(token)
    expired = False
    if refresh_token is None:
        refresh_token = _expired_token_issuer(hass, token)
        if refresh_token is None:
            raise InvalidAccessTokenError
        expired = True
    user = refresh_token.user
    long_lived = refresh_token.token_type == TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN
    if long_lived and not allow_long_lived:
        raise InvalidAccessTokenError
    if not long_lived and refresh_token.client_id not in allowed_client_ids:
        if refresh_token.client_id and user.is_active and not expired:
            raise UnexpectedClientError(refresh_token.client_id)
        raise InvalidAccessTokenError
    if not user.is_active:
        raise InvalidAccessTokenError
    if user.local_only and not _is_local_address(remote):
        raise InvalidAccessTokenError
    if expired:
        raise ExpiredAccessTokenError
    return user


def _expired_token_issuer(hass: HomeAssistant, token: str) -> RefreshToken | None:
    """The refresh token that signed ``token`` when the only fault is its age."""
    try:
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        return None
    if not isinstance(issuer, str):
        return None
    refresh_token = hass.auth.async_get_refresh_token(issuer)
    if refresh_token is None:
        return None
    try:
        claims = jwt.decode(
            token,
            refresh_token.jwt_key,
            algorithms=["HS256"],
            issuer=refresh_token.id,
            options={"verify_exp": False},
        )
    except jwt.InvalidTokenError:
        return None
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or exp + _LEEWAY_SECONDS > time.time():
        return None
    return refresh_token


def _is_local_address(remote: str | None) -> bool:
    if not remote:
        return False
    try:
        return is_local(ip_address(remote))
    except ValueError:
        return False
