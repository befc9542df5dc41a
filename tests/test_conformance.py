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
from datetime import timedelta
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.clova_home.appliance_types import SUPPORTED_DOMAINS
from custom_components.clova_home.protocol import errors
from custom_components.clova_home.protocol.catalog import REQUESTS

from .assertions import async_setup_demo, state_of
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


# Entities the demo lacks: a scene, a script, door and smoke sensors, and a TV that is
# showing a channel (the demo TV shows a series, where channel up/down would skip an
# episode).
HAND_MADE: dict[str, tuple[str, dict[str, Any]]] = {
    # A set-top box that lists its channels as sources (SetChannelByName tunes by them).
    "media_player.channel_box": (
        "on",
        {
            "friendly_name": "Channel box",
            "supported_features": 2048,
            "source_list": ["KBS1", "MBC", "SBS"],
            "source": "KBS1",
        },
    ),
    "scene.movie": ("unknown", {"friendly_name": "Movie"}),
    "script.good_night": ("off", {"friendly_name": "Good night"}),
    "binary_sensor.front_door": ("off", {"friendly_name": "Front door", "device_class": "door"}),
    "binary_sensor.back_door": ("on", {"friendly_name": "Back door", "device_class": "door"}),
    "binary_sensor.kitchen_smoke": (
        "off",
        {"friendly_name": "Kitchen smoke", "device_class": "smoke"},
    ),
    "media_player.channel_tv": (
        "on",
        {
            "friendly_name": "Channel TV",
            "device_class": "tv",
            "supported_features": 16 | 32 | 512,  # previous/next track, play media
            "media_content_type": "channel",
            "media_channel": "15",
        },
    ),
}


def add_vacuum_battery_sensor(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Give the first demo vacuum a battery sensor on its device, if it has no battery_level.

    Since Home Assistant 2026 vacuums report their battery as a sensor of their device, and
    the demo vacuums have none; before, they had the ``battery_level`` attribute.
    """
    vacuum = state_of(hass, sorted(hass.states.async_entity_ids("vacuum"))[0])
    vacuum_entry = er.async_get(hass).async_get(vacuum.entity_id)
    if "battery_level" in vacuum.attributes or vacuum_entry is None:
        return
    battery = er.async_get(hass).async_get_or_create(
        "sensor", "test", "vacuum_battery", device_id=vacuum_entry.device_id,
        original_device_class="battery", config_entry=entry,
    )  # fmt: skip
    hass.states.async_set(
        battery.entity_id, "100", {"device_class": "battery", "unit_of_measurement": "%"}
    )


async def build_home(hass: HomeAssistant) -> list[str]:
    """Home Assistant's demo home, the hand-made entities and a sensor-only air monitor."""
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        await async_setup_demo(hass, DEMO_PLATFORMS)
    for entity_id, (state, attributes) in HAND_MADE.items():
        hass.states.async_set(entity_id, state, attributes)
    for domain, service in (
        ("scene", "turn_on"),
        ("script", "turn_on"),
        ("script", "turn_off"),
        ("media_player", "media_next_track"),
        ("media_player", "media_previous_track"),
        ("media_player", "play_media"),
    ):
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
    add_vacuum_battery_sensor(hass, entry)
    return [
        state.entity_id for state in hass.states.async_all() if state.domain in SUPPORTED_DOMAINS
    ]


# Types the reference tables allow but no example happens to show.
_TABLE_TYPES = {
    # §4.3 CustomInfoObject.value: "number or string".
    "GetDeviceStateResponse": {(".states[].value", "string")},
    # §4.2 allowableValue.enumValues: strings or numbers (e.g. fan speeds 1, 2, 3).
    "DiscoverAppliancesResponse": {
        (".discoveredAppliances[].additionalApplianceDetails.actionDetails[]"
         ".allowableValue.enumValues[]", "number")
    },
}  # fmt: skip

# Errors that say "not in this state / not this value", fair answers to a documented
# example whose value does not suit the current state (e.g. +40 % on a light at 80 %).
STATE_ERRORS = {
    "ValueOutOfRangeError",
    "ValueNotSupportedError",
    "NotSupportedInCurrentModeError",
    "ConditionsNotMetError",
}


def _allowed_shape(name: str) -> set[tuple[str, str]]:
    """The documented shape, plus ``previousState`` mirroring it on confirmations.

    The docs define ``previousState`` for Increment/Decrement/Change/ReleaseMode
    confirmations; this integration also reports it on Set confirmations (all
    confirmation fields are optional to CEK), in the same form.
    """
    documented = DOCUMENTED_SHAPES[name] | _TABLE_TYPES.get(name, set())
    if not name.endswith("Confirmation"):
        return documented
    mirrored = {(f".previousState{path}", kind) for path, kind in documented if path}
    return documented | mirrored | {(".previousState", "object")}


def _response_name(example: dict[str, Any]) -> str:
    return REQUESTS[example["name"]].response_name


async def test_every_documented_request(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=await build_home(hass))
    discovery = await clova.request("DiscoverAppliances")
    # Hand-made entities first: they are there for what the demo cannot do.
    appliances = sorted(
        discovery["payload"]["discoveredAppliances"],
        key=lambda appliance: appliance["applianceId"] not in HAND_MADE,
    )
    advertised = {action for appliance in appliances for action in appliance["actions"]}

    problems: list[str] = []
    answered: set[str] = set()
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        for example in REQUEST_EXAMPLES:
            outcome = await _replay(clova, appliances, example)
            if outcome is None:
                answered.add(example["action"])
            elif outcome:
                problems.append(f"{example['id']}: {outcome}")
    # Let the demo covers and vacuum finish moving (they run timers of their own).
    for second in range(1, 61):
        async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=second))
        await hass.async_block_till_done()
    assert not problems, "\n".join(problems)
    # The replay really exercised what the home supports, not only refusals.
    assert advertised <= answered, sorted(advertised - answered)


def _candidates(appliances: list[dict[str, Any]], example: dict[str, Any]) -> list[str]:
    """The appliances that advertise the example's action (and have its mode, if any)."""
    mode_object = example["json"]["payload"].get("mode")
    mode = mode_object.get("value") if isinstance(mode_object, dict) else None
    found = []
    for appliance in appliances:
        if example["action"] not in appliance["actions"]:
            continue
        details = appliance["additionalApplianceDetails"].get("actionDetails", [])
        modes = [value for d in details if d["action"] == "SetMode" for value in
                 d["allowableValue"]["enumValues"]]  # fmt: skip
        if mode is None or mode in modes:
            found.append(appliance["applianceId"])
    return found


async def _replay(
    clova: ClovaClient, appliances: list[dict[str, Any]], example: dict[str, Any]
) -> str | None:
    """Send one example; None when answered as documented, "" for a fair error, else why not.

    An appliance action goes to each appliance that can do it until one answers it
    (a door that is closed has no opening time; the next, open one has). With no such
    appliance, it goes to any appliance and must get a documented error.
    """
    needs_appliance = isinstance(example["json"]["payload"].get("appliance"), dict)
    candidates = _candidates(appliances, example)
    if not needs_appliance:
        targets: list[str | None] = [None]
    else:
        targets = list(candidates) or [appliances[0]["applianceId"]]
    last_error = ""
    for target in targets:
        message = copy.deepcopy(example["json"])
        payload = message["payload"]
        payload["accessToken"] = clova.token
        if target is not None:
            payload["appliance"]["applianceId"] = target
        answer = await clova.send(message)
        name = answer_name(answer)
        if name == _response_name(example) and (candidates or not needs_appliance):
            extra = shape(answer["payload"]) - _allowed_shape(name)
            return (
                f"{name} has fields or types the docs do not use: {sorted(extra)}"
                if extra
                else None
            )
        if name not in DOCUMENTED_ERRORS:
            return f"answered {name}, neither {_response_name(example)} nor a documented error"
        last_error = name
    fair = not candidates or example["id"] in MISTAKEN or last_error in STATE_ERRORS
    return "" if fair else f"{example['action']} is advertised but answered {last_error}"


def test_every_request_name_of_the_docs_is_known() -> None:
    assert {example["name"] for example in REQUEST_EXAMPLES} <= set(REQUESTS)
    assert len(REQUEST_EXAMPLES) == 291
