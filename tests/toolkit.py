"""The request tests' shared toolkit: discovery, queries, entities to expose, example payloads.

One place for what every capability's tests need: discovering the appliances (with the
envelope checked each time), reading one of them, asking a query, an entity set up and
exposed as one shape, and a valid payload for any action. The assertions about service
calls are in ``assertions``; signing and sending in ``helpers``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant, ServiceRegistry
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.clova_home.const import CONF_APPLIANCE_TYPES, DOMAIN
from custom_components.clova_home.timestamps import timestamp

from .assertions import state_of
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

# The fields every discovered appliance has; ``location`` only where it is in a room.
APPLIANCE_FIELDS = frozenset(
    {
        "applianceId",
        "manufacturerName",
        "modelName",
        "version",
        "friendlyName",
        "friendlyDescription",
        "isIr",
        "isReachable",
        "actions",
        "applianceTypes",
        "additionalApplianceDetails",
        "tags",
    }
)
OPTIONAL_APPLIANCE_FIELDS = frozenset({"location"})


def _assert_well_formed(appliance: Mapping[str, Any]) -> None:
    """One discovered appliance has the fields and JSON types of an ApplianceInfoObject."""
    assert APPLIANCE_FIELDS <= set(appliance) <= APPLIANCE_FIELDS | OPTIONAL_APPLIANCE_FIELDS, (
        appliance
    )
    assert appliance["isIr"] is False
    assert isinstance(appliance["isReachable"], bool)
    assert appliance["actions"] == sorted(appliance["actions"])
    assert len(appliance["applianceTypes"]) == 1
    for name in ("applianceId", "manufacturerName", "modelName", "version", "friendlyName"):
        assert isinstance(appliance[name], str), name
        assert appliance[name], name
    assert isinstance(appliance["friendlyDescription"], str)
    assert isinstance(appliance["tags"], list)
    assert isinstance(appliance["additionalApplianceDetails"], dict)


async def discover(clova: ClovaClient, *, token: str | None = None) -> dict[str, dict[str, Any]]:
    """The appliances DiscoverAppliances lists (with ``token``), by applianceId, in its order.

    Every answer is checked on the way: the response's envelope, unique ids and each
    appliance's fields.
    """
    answer = await clova.request("DiscoverAppliances", token=token)
    assert answer_name(answer) == "DiscoverAppliancesResponse", answer
    assert set(answer["payload"]) == {"discoveredAppliances", "customCommands"}
    assert answer["payload"]["customCommands"] == []
    appliances: list[dict[str, Any]] = answer["payload"]["discoveredAppliances"]
    by_id = {appliance["applianceId"]: appliance for appliance in appliances}
    assert len(by_id) == len(appliances), "applianceIds repeat"
    for appliance in appliances:
        _assert_well_formed(appliance)
    return by_id


async def discovered(clova: ClovaClient, appliance_id: str | None = None) -> dict[str, Any]:
    """The discovery object of the appliance with this id (None: of the only one)."""
    appliances = await discover(clova)
    if appliance_id is None:
        (appliance,) = appliances.values()
        return appliance
    assert appliance_id in appliances, (appliance_id, list(appliances))
    return appliances[appliance_id]


def action_details(appliance: Mapping[str, Any], action: str) -> list[dict[str, Any]]:
    """The appliance's ``actionDetails`` entries for ``action``."""
    entries = appliance["additionalApplianceDetails"].get("actionDetails", [])
    return [entry for entry in entries if entry["action"] == action]


def appliance_id(hass: HomeAssistant, entity_id: str) -> str:
    """An entity's Clova applianceId: its registry id, or its entity_id when it has none."""
    entry = er.async_get(hass).async_get(entity_id)
    return entry.id if entry is not None else entity_id


async def declare_types(hass: HomeAssistant, types: Mapping[str, str]) -> None:
    """Choose exposed entities' Clova types, as the options menu does (the entry reloads)."""
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_APPLIANCE_TYPES: dict(types)}
    )
    await hass.async_block_till_done()


async def setup_typed(
    setup_clova: SetupClova, exposed: Iterable[str], types: Mapping[str, str]
) -> ClovaClient:
    """Clova Home exposing ``exposed``, some with the Clova type chosen for them."""
    return await setup_clova(exposed=exposed, options={CONF_APPLIANCE_TYPES: dict(types)})


async def ask(clova: ClovaClient, name: str, appliance_id: str, **payload: Any) -> dict[str, Any]:
    """Send a query that must be answered; its payload."""
    answer = await clova.request(name, appliance_id, **payload)
    assert answer_name(answer) == f"{name}Response", answer
    return dict(answer["payload"])


# A valid payload for every action that takes parameters (every other one takes none):
# the request passes validation, so whatever refuses it is the appliance's answer.
VALID_PAYLOADS: dict[str, dict[str, Any]] = {
    "SetBrightness": {"brightness": {"value": 50}},
    "IncrementBrightness": {"deltaBrightness": {"value": 10}},
    "DecrementBrightness": {"deltaBrightness": {"value": 10}},
    "SetColor": {"color": {"hue": 120, "saturation": 50}},
    "SetColorTemperature": {"colorTemperature": {"value": 3000}},
    "SetChannel": {"channel": {"value": 1}},
    "IncrementChannel": {"deltaChannel": {"value": 1}},
    "DecrementChannel": {"deltaChannel": {"value": 1}},
    "SetChannelByName": {"channelName": {"value": "KBS1"}},
    "SetInputSourceByName": {"sourceName": {"value": "HDMI1"}},
    "SetFanSpeed": {"fanSpeed": {"value": 1}},
    "IncrementFanSpeed": {"deltaFanSpeed": {"value": 1}},
    "DecrementFanSpeed": {"deltaFanSpeed": {"value": 1}},
    "IncrementIntensityLevel": {"deltaIntensity": {"value": 1}},
    "DecrementIntensityLevel": {"deltaIntensity": {"value": 1}},
    "IncrementVolume": {"deltaVolume": {"value": 1}},
    "DecrementVolume": {"deltaVolume": {"value": 1}},
    "SetTargetTemperature": {"targetTemperature": {"value": 22}},
    "IncrementTargetTemperature": {"deltaTemperature": {"value": 1}},
    "DecrementTargetTemperature": {"deltaTemperature": {"value": 1}},
    "SetFreezerTargetTemperature": {"targetTemperature": {"value": -18}},
    "SetFridgeTargetTemperature": {"targetTemperature": {"value": 3}},
    "Preheat": {},
    "SetMode": {"mode": {"value": "cool"}},
    "ReleaseMode": {"mode": {"value": "sleep"}},
    "SetLockState": {"lockState": "LOCKED"},
    "StartOscillation": {},
    "ActionScene": {"scene": {"sceneId": "scene-1"}},
}


def valid_payload(action: str) -> dict[str, Any]:
    """A payload ``action``'s schema accepts."""
    return dict(VALID_PAYLOADS.get(action, {}))


@contextmanager
def attempted_service_calls() -> Iterator[list[tuple[str, str]]]:
    """Every service call attempted while the block runs, registered or not; none runs.

    A call of a service nobody registered (the tests' hand-made entities have none)
    would fail as unsupported anyway; recorded here, a refusal that did try is seen.
    """
    attempted: list[tuple[str, str]] = []

    async def _attempt(
        registry: ServiceRegistry, domain: str, service: str, *args: Any, **kwargs: Any
    ) -> None:
        attempted.append((domain, service))

    with patch.object(ServiceRegistry, "async_call", _attempt):
        yield attempted


async def assert_answered_without_calls(
    clova: ClovaClient, name: str, appliance_id: str, expected: str, **payload: Any
) -> dict[str, Any]:
    """Send ``<name>Request``; assert the answer is ``expected`` and no service call was tried.

    ``payload``: the request's parameters (default: a valid payload of the action).
    """
    with attempted_service_calls() as attempted:
        answer = await clova.request(name, appliance_id, **(payload or valid_payload(name)))
    assert answer_name(answer) == expected, (name, answer)
    assert attempted == [], (name, attempted)
    return answer


@dataclass(frozen=True)
class Entity:
    """A hand-made entity (a state, no registry entry) and how it is exposed to Clova."""

    entity_id: str
    state: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    appliance_type: str | None = None  # the Clova type chosen in the options
    opted_in: bool = False  # Clova may unlock or open it

    @property
    def domain(self) -> str:
        """The entity's domain."""
        return self.entity_id.split(".", maxsplit=1)[0]

    def with_state(self, state: str, **attributes: Any) -> Entity:
        """The same entity in another state (and with other attributes)."""
        return Entity(
            self.entity_id,
            state,
            {**self.attributes, **attributes},
            self.appliance_type,
            self.opted_in,
        )

    async def expose(self, hass: HomeAssistant, setup_clova: SetupClova) -> ClovaClient:
        """Set the state; set Clova Home up exposing only this entity."""
        hass.states.async_set(self.entity_id, self.state, dict(self.attributes))
        types = {self.entity_id: self.appliance_type} if self.appliance_type else None
        return await setup_clova(
            exposed=[self.entity_id],
            unlock=[self.entity_id] if self.opted_in else [],
            options={CONF_APPLIANCE_TYPES: types} if types else None,
        )


# --- registered devices and entities ------------------------------------------------------


class Home:
    """Registered devices and entities of a test integration, with their states."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.config_entry = MockConfigEntry(domain="acme")
        self.config_entry.add_to_hass(hass)

    def device(self, name: str) -> str:
        """A new device's id."""
        return (
            dr.async_get(self.hass)
            .async_get_or_create(
                config_entry_id=self.config_entry.entry_id,
                identifiers={("acme", name)},
                name=name,
            )
            .id
        )

    def entity(
        self,
        entity_id: str,
        state: str,
        attributes: Mapping[str, Any] | None = None,
        *,
        device: str | None = None,
    ) -> str:
        """Register ``entity_id`` (on ``device``) and set its state; return its registry id."""
        attributes = dict(attributes or {})
        domain, object_id = entity_id.split(".")
        entry = er.async_get(self.hass).async_get_or_create(
            domain,
            "acme",
            entity_id,
            device_id=device,
            suggested_object_id=object_id,
            original_device_class=attributes.get("device_class"),
            config_entry=self.config_entry,
        )
        assert entry.entity_id == entity_id
        self.hass.states.async_set(entity_id, state, attributes)
        return entry.id


def sensor(device_class: str, unit: str | None = None, **extra: Any) -> dict[str, Any]:
    """A sensor's attributes."""
    attributes: dict[str, Any] = {"device_class": device_class, **extra}
    if unit is not None:
        attributes["unit_of_measurement"] = unit
    return attributes


def read_at(hass: HomeAssistant, entity_id: str) -> str:
    """The timestamp of an answer read from ``entity_id``."""
    return timestamp(state_of(hass, entity_id).last_updated)


def demo_vacuum(hass: HomeAssistant, floor: str) -> tuple[str, str]:
    """The demo vacuum on ``floor`` (e.g. ``0_ground_floor``): its entity id and applianceId.

    Home Assistant 2026 named them ``demo_vacuum_<floor>`` and gave them unique ids, so the
    applianceId is their registry id; before, it was the entity id.
    """
    (entity_id,) = [
        entity_id
        for entity_id in hass.states.async_entity_ids("vacuum")
        if entity_id.partition(".")[2] in (floor, f"demo_vacuum_{floor}")
    ]
    return entity_id, appliance_id(hass, entity_id)


async def tick(hass: HomeAssistant, seconds: int = 1) -> None:
    """Let the demo covers move: they step 10 % every second."""
    for _ in range(seconds):
        async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=1))
        await hass.async_block_till_done()
