"""Replay every request example of the official Clova Home docs against a real home.

Each documented request goes through the whole gate (signature, token) to an exposed
entity that can answer it — found through our own discovery. A message some appliance
advertises must get its documented answer, with field names and JSON types the docs
use (shapes, not values: the docs' values disagree with themselves). Any other message
gets a documented error. Nothing may raise.
"""

from __future__ import annotations

from collections import defaultdict
import copy
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.clova_home.appliance_types import SUPPORTED_DOMAINS
from custom_components.clova_home.protocol import errors
from custom_components.clova_home.protocol.catalog import REQUESTS

from .assertions import async_setup_demo
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "clova_examples.json").read_text())
EXAMPLES: dict[str, dict[str, Any]] = {example["id"]: example for example in CORPUS["examples"]}
REQUEST_EXAMPLES = [example for example in CORPUS["examples"] if example["kind"] == "request"]

# Field names the docs misspell in some examples (their README, "Doc inconsistencies").
ALIASES = {"OpenState": "openState", "targetFanSpeed": "fanSpeed", "targetBrightness": "brightness"}

DOCUMENTED_ERRORS = {
    example["name"] for example in CORPUS["examples"] if example["kind"] == "error"
} | {
    name
    for name, value in vars(errors).items()
    if isinstance(value, type) and issubclass(value, errors.ClovaError) and value.__doc__
}

# Examples whose own payload contradicts the message's table (see doc_notes): an
# error is a fair answer to them even when the action is supported.
MISTAKEN = {
    example["id"]
    for example in REQUEST_EXAMPLES
    if any("not in the message's payload table" in note for note in example.get("doc_notes", []))
}


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"


def shape(value: Any, path: str = "") -> set[tuple[str, str]]:
    """Every (field path, JSON type) in a value; list items share the path ``[]``."""
    found = {(path, _json_type(value))}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= shape(item, f"{path}.{ALIASES.get(key, key)}")
    elif isinstance(value, list):
        for item in value:
            found |= shape(item, f"{path}[]")
    return found


DOCUMENTED_SHAPES: dict[str, set[tuple[str, str]]] = defaultdict(set)
for _example in CORPUS["examples"]:
    DOCUMENTED_SHAPES[_example["json"]["header"]["name"]] |= shape(_example["json"]["payload"])


DEMO_PLATFORMS = (
    "binary_sensor", "button", "climate", "cover", "fan", "humidifier", "light", "lock",
    "media_player", "sensor", "switch", "vacuum", "valve", "water_heater",
)  # fmt: skip


async def _build_home(hass: HomeAssistant) -> list[str]:
    """Home Assistant's demo home, plus a sensor-only air monitor, a scene and a script."""
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        await async_setup_demo(hass, DEMO_PLATFORMS)
    hass.states.async_set("scene.movie", "unknown", {"friendly_name": "Movie"})
    hass.states.async_set("script.good_night", "off", {"friendly_name": "Good night"})
    for domain, service in (("scene", "turn_on"), ("script", "turn_on"), ("script", "turn_off")):
        async_mock_service(hass, domain, service)

    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    monitor = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={("test", "monitor")}, name="Air monitor"
    )
    readings = {"temperature": ("22.5", "°C"), "humidity": ("40", "%"), "pm10": ("45", "µg/m³"),
                "pm25": ("20", "µg/m³"), "aqi": ("60", None), "battery": ("90", "%")}  # fmt: skip
    for device_class, (value, unit) in readings.items():
        registry_entry = er.async_get(hass).async_get_or_create(
            "sensor",
            "test",
            f"monitor_{device_class}",
            device_id=monitor.id,
            original_device_class=device_class,
        )
        attributes = {"device_class": device_class}
        if unit:
            attributes["unit_of_measurement"] = unit
        hass.states.async_set(registry_entry.entity_id, value, attributes)
    return [
        state.entity_id for state in hass.states.async_all() if state.domain in SUPPORTED_DOMAINS
    ]


def _allowed_shape(name: str) -> set[tuple[str, str]]:
    """The documented shape, plus ``previousState`` mirroring it on confirmations.

    The docs define ``previousState`` for Increment/Decrement/Change/ReleaseMode
    confirmations; this integration also reports it on Set confirmations (all
    confirmation fields are optional to CEK), in the same form.
    """
    documented = DOCUMENTED_SHAPES[name]
    if not name.endswith("Confirmation"):
        return documented
    mirrored = {(f".previousState{path}", kind) for path, kind in documented if path}
    return documented | mirrored | {(".previousState", "object")}


def _response_name(example: dict[str, Any]) -> str:
    return REQUESTS[example["name"]].response_name


async def test_every_documented_request(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=await _build_home(hass))
    discovery = await clova.request("DiscoverAppliances")
    by_action: dict[str, str] = {}
    for appliance in discovery["payload"]["discoveredAppliances"]:
        for action in appliance["actions"]:
            by_action.setdefault(action, appliance["applianceId"])

    problems: list[str] = []
    answered: set[str] = set()
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        for example in REQUEST_EXAMPLES:
            outcome = await _replay(clova, by_action, example)
            if outcome is None:
                answered.add(example["action"])
            elif outcome:
                problems.append(f"{example['id']}: {outcome}")
    assert not problems, "\n".join(problems)
    # The replay really exercised what the home supports, not only refusals.
    assert set(by_action) - answered <= {"HealthCheck"} | _ONLY_MISTAKEN_EXAMPLES, sorted(
        set(by_action) - answered
    )


async def _replay(
    clova: ClovaClient, by_action: dict[str, str], example: dict[str, Any]
) -> str | None:
    """Send one example; None when answered as documented, "" for a fair error, else why not."""
    message = copy.deepcopy(example["json"])
    payload = message["payload"]
    payload["accessToken"] = clova.token
    action = example["action"]
    target = by_action.get(action)
    if isinstance(payload.get("appliance"), dict):
        payload["appliance"]["applianceId"] = target or by_action["TurnOn"]
    advertised = target is not None or not REQUESTS[example["name"]].needs_appliance

    answer = await clova.send(message)
    name = answer_name(answer)
    if advertised and name == _response_name(example):
        extra = shape(answer["payload"]) - _allowed_shape(name)
        return f"{name} has fields or types the docs do not use: {sorted(extra)}" if extra else None
    if name not in DOCUMENTED_ERRORS:
        return f"answered {name}, neither {_response_name(example)} nor a documented error"
    if advertised and example["id"] not in MISTAKEN:
        return f"{action} is advertised but answered {name} {answer['payload']}"
    return ""


# Actions whose every example contradicts its own table (only an error fits them).
_ONLY_MISTAKEN_EXAMPLES: set[str] = set()


def test_every_request_name_of_the_docs_is_known() -> None:
    assert {example["name"] for example in REQUEST_EXAMPLES} <= set(REQUESTS)
