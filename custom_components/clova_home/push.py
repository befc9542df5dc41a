"""The CLOVA Push API: make the user's CLOVA speaker and app announce a registered message.

For urgent alerts (gas, smoke, water, a door): ``POST`` to CLOVA's ``sendNotification`` with
the extension's ID and push API key in headers, and ``{applianceId, messageId}`` as the body.
The message texts are registered in the developer console beforehand; the request only
names one. CLOVA answers ``{success, error, errorCode}`` (flat, or inside ``meta``), HTTP 400
with codes 4201-4208 when it refuses.

Every failure becomes a Home Assistant error with a translation key that tells the user
what to fix. The push API key travels only in its header: it is never logged, never part of
an error, and hidden from the diagnostics.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
import json
import logging
import re
from typing import Any, Final

import aiohttp
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util

from .const import CONF_PUSH, CONF_PUSH_API_KEY, CONF_PUSH_EXTENSION_ID, DOMAIN

_LOGGER = logging.getLogger(__name__)

# The endpoint (a module constant: the tests point it at a local fake).
PUSH_URL: Final = "https://apis.naver.com/clovahome/clova-platform/sendNotification"
# Seconds a send may take in all (connecting, sending, reading the answer).
PUSH_TIMEOUT: Final = 5.0
# An answer longer than this is not CLOVA's (its answers are a few dozen bytes).
MAX_ANSWER_BYTES: Final = 16 * 1024
# How many sends the diagnostics show.
PUSH_HISTORY_SIZE: Final = 20

HEADER_EXTENSION_ID: Final = "X-Clova-Extension-Id"
HEADER_SECRET: Final = "X-Clova-Extension-Secret"  # noqa: S105 - a header name

# CLOVA's error codes (HTTP 400): translation key, and whether the action's input is at fault.
ERROR_CODES: Final[dict[int, tuple[str, bool]]] = {
    4201: ("push_unknown_extension", False),  # not found home extension
    4202: ("push_invalid_key", False),  # invalid notification api key
    4203: ("push_empty_appliance", False),  # empty applianceId
    4204: ("push_invalid_message", True),  # invalid messageId
    4205: ("push_invalid_body", False),  # invalid request body
    4206: ("push_not_enabled", False),  # given home extension not support notification
    4207: ("push_appliance_limit", False),  # appliance-message limit exceeded
    4208: ("push_extension_limit", False),  # extension-message limit exceeded
}
# The codes that mean the extension ID or the key is wrong: a repair issue says so.
KEY_REFUSED_CODES: Final = frozenset({4201, 4202})
# The longest text of CLOVA's own ("error") an error message repeats.
_MAX_ERROR_TEXT: Final = 200
# What an extension ID and a push API key may be: they travel as HTTP header values, so
# printable ASCII without spaces (the console's IDs and keys are).
_HEADER_VALUE: Final = re.compile(r"[\x21-\x7e]{1,512}")


def valid_header_value(value: str) -> bool:
    """Whether ``value`` can be sent as an extension ID or a push API key."""
    return _HEADER_VALUE.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class PushSettings:
    """The extension's ID and its push API key (a secret: kept out of ``repr``)."""

    extension_id: str
    api_key: str = field(repr=False)


def push_settings(options: Mapping[str, Any]) -> PushSettings | None:
    """The push settings stored in an entry's options, or None when push is not set up."""
    stored = options.get(CONF_PUSH) or {}
    extension_id = stored.get(CONF_PUSH_EXTENSION_ID)
    api_key = stored.get(CONF_PUSH_API_KEY)
    if not (
        isinstance(extension_id, str)
        and isinstance(api_key, str)
        and valid_header_value(extension_id)
        and valid_header_value(api_key)
    ):
        return None
    return PushSettings(extension_id, api_key)


class PushError(HomeAssistantError):
    """CLOVA did not send the message (a translated Home Assistant error)."""

    def __init__(self, key: str, error_code: int | None = None, /, **placeholders: str) -> None:
        super().__init__(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders=placeholders,
        )
        self.code = error_code  # CLOVA's errorCode, when it gave one


class PushInputError(PushError, ServiceValidationError):
    """CLOVA refused what the action asked for (the message ID): the caller must fix it."""


@dataclass(frozen=True, slots=True)
class PushRecord:
    """One send, as the diagnostics show it."""

    time: datetime
    appliance_id: str
    message_id: str
    outcome: str  # "sent", or the error's translation key
    code: int | None  # CLOVA's errorCode

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "time": self.time.isoformat(),
            "appliance_id": self.appliance_id,
            "message_id": self.message_id,
            "outcome": self.outcome,
            "code": self.code,
        }


class PushHistory:
    """The last sends since the entry was loaded."""

    def __init__(self, size: int = PUSH_HISTORY_SIZE) -> None:
        self.recent: deque[PushRecord] = deque(maxlen=size)

    def add(self, appliance_id: str, message_id: str, error: PushError | None) -> None:
        """Remember a send and how it ended."""
        self.recent.append(
            PushRecord(
                time=dt_util.utcnow(),
                appliance_id=appliance_id,
                message_id=message_id,
                outcome="sent" if error is None else str(error.translation_key),
                code=error.code if error is not None else None,
            )
        )

    def as_list(self) -> list[dict[str, Any]]:
        """The sends, oldest first."""
        return [record.as_dict() for record in self.recent]


async def async_send_notification(
    hass: HomeAssistant, settings: PushSettings, appliance_id: str, message_id: str
) -> None:
    """Ask CLOVA to announce ``message_id`` about ``appliance_id``; raise a PushError if not."""
    session = async_get_clientsession(hass)
    headers = {
        HEADER_EXTENSION_ID: settings.extension_id,
        HEADER_SECRET: settings.api_key,
        "Accept": "application/json",
    }
    try:
        async with session.post(
            PUSH_URL,
            json={"applianceId": appliance_id, "messageId": message_id},
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=PUSH_TIMEOUT),
            # A redirect would hand the key to whatever host it names.
            allow_redirects=False,
        ) as response:
            status = response.status
            raw = await _read_bounded(response)
    except TimeoutError:
        raise PushError("push_timeout", seconds=f"{PUSH_TIMEOUT:g}") from None
    except aiohttp.ClientError as err:
        # The error names the host at most, never a header.
        raise PushError("push_cannot_connect", error=str(err) or type(err).__name__) from None
    _check_answer(settings, appliance_id, message_id, status, raw)
    _LOGGER.debug("CLOVA accepted push message %s for appliance %s", message_id, appliance_id)


async def _read_bounded(response: aiohttp.ClientResponse) -> bytes | None:
    """The whole answer, or None when it is longer than ``MAX_ANSWER_BYTES``."""
    body = bytearray()
    async for chunk in response.content.iter_chunked(4096):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            return None
    return bytes(body)


def _check_answer(
    settings: PushSettings, appliance_id: str, message_id: str, status: int, raw: bytes | None
) -> None:
    """Return if CLOVA sent the message; otherwise raise what went wrong."""
    if status >= 500:
        raise PushError("push_server_error", status=str(status))
    if raw is None:  # too long to be CLOVA's
        raise PushError("push_bad_answer", status=str(status))
    try:
        body = json.loads(raw)
    except ValueError:
        raise PushError("push_bad_answer", status=str(status)) from None
    result = _result(body)
    if result is None:
        raise PushError("push_bad_answer", status=str(status))
    if result.get("success") is True and 200 <= status < 300:
        return
    code = _code(result.get("errorCode"))
    if code in ERROR_CODES:
        key, input_error = ERROR_CODES[code]
        error_class = PushInputError if input_error else PushError
        raise error_class(
            key,
            code,
            extension_id=settings.extension_id,
            appliance_id=appliance_id,
            message_id=message_id,
        )
    text = result.get("error")
    raise PushError(
        "push_refused",
        code,
        status=str(status),
        code="-" if code is None else str(code),
        error=str(text)[:_MAX_ERROR_TEXT] if text else "-",
    )


def _result(body: Any) -> dict[str, Any] | None:
    """The ``{success, error, errorCode}`` object: flat, in ``meta``, or in ``value``.

    The reference shows the object flat in its error examples, wrapped in ``meta`` in its
    schema, and in ``value`` in its success example.
    """
    if not isinstance(body, dict):
        return None
    for candidate in (body, body.get("meta"), body.get("value")):
        if isinstance(candidate, dict) and "success" in candidate:
            return candidate
    return None


def _code(value: Any) -> int | None:
    """CLOVA's errorCode as a number (it documents a number; a numeric string is taken)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
