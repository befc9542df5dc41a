"""Payload schemas of the requests, one per action that carries parameters."""

from __future__ import annotations

from collections.abc import Callable
import math
from typing import Any

import voluptuous as vol

from .catalog import LOCK_STATES


def number(value: Any) -> float:
    """A finite JSON number (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise vol.Invalid("expected a number")
    try:
        result = float(value)
    except OverflowError:
        raise vol.Invalid("number too large") from None
    if not math.isfinite(result):
        raise vol.Invalid("expected a finite number")
    return result


def _info(validator: Callable[[Any], Any]) -> vol.Schema:
    """A Clova ``...InfoObject``: ``{"value": ...}``."""
    return vol.Schema({vol.Required("value"): validator}, extra=vol.ALLOW_EXTRA)


APPLIANCE_SCHEMA = vol.Schema(
    {
        vol.Required("appliance"): vol.Schema(
            {vol.Required("applianceId"): vol.All(str, vol.Length(min=1))},
            extra=vol.ALLOW_EXTRA,
        )
    },
    extra=vol.ALLOW_EXTRA,
)

_ANY_PAYLOAD = vol.Schema(dict, extra=vol.ALLOW_EXTRA)


def _fields(fields: dict[Any, Any]) -> vol.Schema:
    return vol.Schema(fields, extra=vol.ALLOW_EXTRA)


_TEMPERATURE_DELTA = _fields({vol.Required("deltaTemperature"): _info(number)})

PAYLOAD_SCHEMAS: dict[str, vol.Schema] = {
    "IncrementTargetTemperature": _TEMPERATURE_DELTA,
    "DecrementTargetTemperature": _TEMPERATURE_DELTA,
    "SetTargetTemperature": _fields({vol.Required("targetTemperature"): _info(number)}),
    "SetLockState": _fields({vol.Required("lockState"): vol.In(LOCK_STATES)}),
}


def payload_schema(action: str) -> vol.Schema:
    """The schema of ``action``'s payload (any object when it has no parameters)."""
    return PAYLOAD_SCHEMAS.get(action, _ANY_PAYLOAD)
