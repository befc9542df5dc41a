"""Who is asking: the access token from the request body, checked like HA's own auth."""

from __future__ import annotations

from collections.abc import Collection
from ipaddress import ip_address
import time
from typing import Final, override

from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN, RefreshToken, User
from homeassistant.core import HomeAssistant, callback
from homeassistant.util.network import is_local
import jwt

from .protocol.errors import ExpiredAccessTokenError, InvalidAccessTokenError

# HA itself allows this much clock skew when it checks an access token.
_LEEWAY_SECONDS = 10
# CEK uses one access token per linked account until it expires (HA's last 30 minutes).
_REMEMBERED_TOKENS: Final = 16


class AcceptedTokens:
    """Access tokens Home Assistant accepted, reused while its verdict provably stands.

    CEK sends the same access token with every request until it expires, and Home
    Assistant's check of it (PyJWT: parse, HMAC, claims) costs about as much as the rest
    of a command. For one exact token string that check can only turn from yes to no
    when the token expires, when its refresh token is removed (revoked, its user
    deleted) or when its user is deactivated; a remembered token is accepted only after
    all three are checked again, so it is accepted exactly when Home Assistant's check
    would accept it. Only tokens Home Assistant accepted are kept, at most
    ``_REMEMBERED_TOKENS`` (the oldest goes first).
    """

    def __init__(self) -> None:
        # token -> (refresh token, its signing key, the time from which HA refuses it)
        self._accepted: dict[str, tuple[RefreshToken, str, float]] = {}

    def __len__(self) -> int:
        return len(self._accepted)

    @callback
    def refresh_token(self, hass: HomeAssistant, token: str) -> RefreshToken | None:
        """The refresh token behind a valid ``token``, as ``async_validate_access_token``."""
        remembered = self._accepted.get(token)
        if remembered is not None:
            known, jwt_key, refused_from = remembered
            if (
                time.time() < refused_from
                and hass.auth.async_get_refresh_token(known.id) is known
                and known.jwt_key == jwt_key
                and known.user.is_active
            ):
                return known
            del self._accepted[token]
        refresh_token = hass.auth.async_validate_access_token(token)
        if refresh_token is not None:
            # The claims were just verified; HA accepts the token until exp + its leeway.
            exp = float(jwt.decode(token, options={"verify_signature": False})["exp"])
            if len(self._accepted) >= _REMEMBERED_TOKENS:
                del self._accepted[next(iter(self._accepted))]
            self._accepted[token] = (refresh_token, refresh_token.jwt_key, exp + _LEEWAY_SECONDS)
        return refresh_token


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
    accepted: AcceptedTokens,
    allow_long_lived: bool = False,
) -> User:
    """Return the user behind ``token`` or raise the Clova error that fits.

    The token must have been issued to one of ``allowed_client_ids`` (the Clova
    account-linking client), for an active user; a local-only user is refused
    unless the request comes from the local network. A long-lived access token (made
    in the user's profile, not by account linking) passes only with
    ``allow_long_lived``. An expired but otherwise
    valid token gets ``ExpiredAccessTokenError`` so that Clova refreshes it. Home
    Assistant's verdict on a token is reused through ``accepted``.
    """
    if not token:
        raise InvalidAccessTokenError
    refresh_token = accepted.refresh_token(hass, token)
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
