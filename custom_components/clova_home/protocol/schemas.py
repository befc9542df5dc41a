"""Payload schemas of the requests, one per action that carries parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .catalog import LOCK_STATES
from .numbers import finite
from .schema_library import vol


def number(value: Any) -> float:
    """A finite JSON number (booleans are not numbers here)."""
    if (result := finite(value)) is None:
        raise vol.Invalid("expected a finite number")
    return result


def _info(validator: Callable[[Any], Any]) -> vol.Schema:
    """A Clova ``...InfoObject``: ``{"value": ...}``."""
    return vol.Schema({vol.Required("value"): validator}, extra=vol.ALLOW_EXTRA)


def _fields(fields: dict[Any, Any]) -> vol.Schema:
    return vol.Schema(fields, extra=vol.ALLOW_EXTRA)


def _value_of(field: str, validator: Callable[[Any], Any] = number) -> vol.Schema:
    return _fields({vol.Required(field): _info(validator)})


_TEXT = vol.All(str, vol.Length(min=1))

# ActionScene's ``scene``: the table's SceneInfoObject names it by ``sceneId`` (with a
# ``sceneName``), the documented example by ``applianceId`` alone; either shape is taken.
_SCENE = vol.Any(
    _fields({vol.Required("sceneId"): _TEXT}),
    _fields({vol.Required("applianceId"): _TEXT}),
)

PAYLOAD_SCHEMAS: dict[str, vol.Schema] = {
    "IncrementBrightness": _value_of("deltaBrightness"),
    "DecrementBrightness": _value_of("deltaBrightness"),
    "SetBrightness": _value_of("brightness"),
    "IncrementChannel": _value_of("deltaChannel"),
    "DecrementChannel": _value_of("deltaChannel"),
    "SetChannel": _fields(
        {
            vol.Required("channel"): _info(number),
            vol.Optional("subChannel"): _info(number),
        }
    ),
    "SetChannelByName": _value_of("channelName", _TEXT),
    "SetInputSourceByName": _value_of("sourceName", _TEXT),
    "IncrementFanSpeed": _value_of("deltaFanSpeed"),
    "DecrementFanSpeed": _value_of("deltaFanSpeed"),
    "SetFanSpeed": _value_of("fanSpeed"),
    "IncrementIntensityLevel": _value_of("deltaIntensity"),
    "DecrementIntensityLevel": _value_of("deltaIntensity"),
    "IncrementVolume": _value_of("deltaVolume"),
    "DecrementVolume": _value_of("deltaVolume"),
    "IncrementTargetTemperature": _value_of("deltaTemperature"),
    "DecrementTargetTemperature": _value_of("deltaTemperature"),
    "SetTargetTemperature": _fields(
        {
            vol.Required("targetTemperature"): _info(number),
            vol.Optional("endpoint"): _info(_TEXT),
        }
    ),
    "SetFreezerTargetTemperature": _value_of("targetTemperature"),
    "SetFridgeTargetTemperature": _value_of("targetTemperature"),
    "Preheat": _fields({vol.Optional("targetTemperature"): _info(number)}),
    "SetColor": _fields(
        {
            vol.Required("color"): vol.Schema(
                {
                    vol.Required("hue"): number,
                    vol.Required("saturation"): number,
                    vol.Optional("brightness"): number,
                },
                extra=vol.ALLOW_EXTRA,
            )
        }
    ),
    "SetColorTemperature": _value_of("colorTemperature"),
    "SetMode": _value_of("mode", _TEXT),
    "ReleaseMode": _value_of("mode", _TEXT),
    "SetLockState": _fields({vol.Required("lockState"): vol.In(LOCK_STATES)}),
    "StartOscillation": _fields(
        {vol.Optional("direction"): _info(vol.In(("horizontal", "vertical")))}
    ),
    "ActionScene": _fields({vol.Required("scene"): _SCENE}),
}
