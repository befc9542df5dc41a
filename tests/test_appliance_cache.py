"""Plans and discovery objects are reused while nothing they come from changed, and only then.

Each change below is made after a first discovery filled the cache; the next discovery
must equal one built from scratch (the cache cleared) and differ from the first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest.mock import patch

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    floor_registry as fr,
)
from homeassistant.util.unit_system import METRIC_SYSTEM, US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.clova_home.appliance import Appliance
from custom_components.clova_home.appliance_cache import ApplianceCache
from custom_components.clova_home.capabilities import Command
from custom_components.clova_home.const import DOMAIN
from custom_components.clova_home.discovery import discovery_object
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.handlers import RequestScope
from custom_components.clova_home.protocol.catalog import TURN_ON
from custom_components.clova_home.rate_limit import SensitiveActionLimiter
from custom_components.clova_home.runtime import ClovaRuntime

from .conftest import SetupClova
from .helpers import ClovaClient, answer_name, mint
from .toolkit import discover

CACHE = "custom_components.clova_home.appliance_cache"


async def listed(clova: ClovaClient) -> list[dict[str, Any]]:
    """The discovered appliances, in discovery's order (which must not change either)."""
    return list((await discover(clova)).values())


def runtime(hass: HomeAssistant) -> ClovaRuntime:
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    result: ClovaRuntime = entry.runtime_data
    return result


@pytest.fixture
async def home(hass: HomeAssistant) -> dict[str, Any]:
    """A registered lamp on a device in an area on a floor, a climate, a plain switch."""
    hass.config.units = METRIC_SYSTEM
    config_entry = MockConfigEntry(domain="acme")
    config_entry.add_to_hass(hass)
    floor = fr.async_get(hass).async_create("Upstairs")
    area = ar.async_get(hass).async_create("Zone alpha", floor_id=floor.floor_id)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=config_entry.entry_id,
        identifiers={("acme", "lamp")},
        manufacturer="Acme",
        model="Lamp 3000",
        name="Lamp",
    )
    dr.async_get(hass).async_update_device(device.id, area_id=area.id)
    lamp = er.async_get(hass).async_get_or_create(
        "light",
        "acme",
        "lamp-light",
        suggested_object_id="lamp",
        config_entry=config_entry,
        device_id=device.id,
    )
    hass.states.async_set("light.lamp", "on", {"friendly_name": "Lamp"})
    hass.states.async_set(
        "climate.ac",
        "cool",
        {
            "friendly_name": "AC",
            "hvac_modes": ["off", "cool"],
            "min_temp": 16,
            "max_temp": 30,
            "temperature": 24,
            "supported_features": 1 | 128 | 256,
        },
    )
    hass.states.async_set("switch.plug", "off", {"friendly_name": "Plug"})
    return {"floor": floor, "area": area, "device": device, "lamp": lamp}


def _rename_lamp(hass: HomeAssistant, home: dict[str, Any]) -> None:
    hass.states.async_set("light.lamp", "on", {"friendly_name": "Reading lamp"})


def _lamp_unavailable(hass: HomeAssistant, home: dict[str, Any]) -> None:
    hass.states.async_set("light.lamp", "unavailable")


def _alias(hass: HomeAssistant, home: dict[str, Any]) -> None:
    er.async_get(hass).async_update_entity("light.lamp", aliases={"Moon"})


def _entity_area(hass: HomeAssistant, home: dict[str, Any]) -> None:
    kitchen = ar.async_get(hass).async_create("Kitchen")
    # Since Home Assistant 2026 only an entity with a name of its own may leave its device's area.
    er.async_get(hass).async_update_entity("light.lamp", area_id=kitchen.id, name="Kitchen lamp")


def _device_maker(hass: HomeAssistant, home: dict[str, Any]) -> None:
    dr.async_get(hass).async_update_device(home["device"].id, manufacturer="Other")


def _area_name(hass: HomeAssistant, home: dict[str, Any]) -> None:
    ar.async_get(hass).async_update(home["area"].id, name="Zone beta")


def _floor_name(hass: HomeAssistant, home: dict[str, Any]) -> None:
    fr.async_get(hass).async_update(home["floor"].floor_id, name="Top floor")


def _units(hass: HomeAssistant, home: dict[str, Any]) -> None:
    hass.config.units = US_CUSTOMARY_SYSTEM


CHANGES: dict[str, Callable[[HomeAssistant, dict[str, Any]], None]] = {
    "state attributes": _rename_lamp,
    "state unavailable": _lamp_unavailable,
    "entity alias": _alias,
    "entity area": _entity_area,
    "device manufacturer": _device_maker,
    "area name": _area_name,
    "floor name": _floor_name,
    "unit system": _units,
}


@pytest.mark.parametrize("change", list(CHANGES))
async def test_a_change_reaches_the_next_discovery(
    hass: HomeAssistant, setup_clova: SetupClova, home: dict[str, Any], change: str
) -> None:
    clova = await setup_clova(exposed=["light.lamp", "climate.ac", "switch.plug"])
    before = await listed(clova)

    CHANGES[change](hass, home)
    await hass.async_block_till_done()
    cached = await listed(clova)
    runtime(hass).appliances.clear()
    fresh = await listed(clova)

    assert cached == fresh
    assert cached != before


async def test_unchanged_appliances_are_not_rebuilt(
    hass: HomeAssistant, setup_clova: SetupClova, home: dict[str, Any]
) -> None:
    clova = await setup_clova(exposed=["light.lamp", "climate.ac", "switch.plug"])
    with patch(f"{CACHE}.discovery_object", side_effect=discovery_object) as built:
        first = await listed(clova)
        assert built.call_count == 3
        second = await listed(clova)
        assert built.call_count == 3
        assert second == first

        # Turning the plug on rebuilds the plug, and only the plug.
        hass.states.async_set("switch.plug", "on", {"friendly_name": "Plug"})
        await listed(clova)
        assert built.call_count == 4
        assert built.call_args.args[0].entity_id == "switch.plug"


async def test_a_failed_build_is_tried_again(
    hass: HomeAssistant, setup_clova: SetupClova, home: dict[str, Any]
) -> None:
    clova = await setup_clova(exposed=["switch.plug"])
    failures = iter([RuntimeError("odd attributes")])

    def flaky(appliance: Appliance) -> dict[str, Any]:
        if (error := next(failures, None)) is not None:
            raise error
        return discovery_object(appliance)

    with patch(f"{CACHE}.discovery_object", side_effect=flaky):
        assert await listed(clova) == []
        assert [item["friendlyName"] for item in await listed(clova)] == ["Plug"]


async def test_the_cache_keeps_only_exposed_appliances(hass: HomeAssistant) -> None:
    hass.states.async_set("switch.a", "on")
    hass.states.async_set("switch.b", "on")
    cache = ApplianceCache()
    specs = [ApplianceSpec(name, name, (name,)) for name in ("switch.a", "switch.b")]

    def build(spec: ApplianceSpec) -> Appliance:
        return Appliance(hass, spec)

    cache.discover(hass, specs, build, {spec.appliance_id: spec for spec in specs})
    assert len(cache) == 2
    listed = cache.discover(hass, specs[:1], build, {"switch.a": specs[0]})
    assert [item["applianceId"] for item in listed] == ["switch.a"]
    assert len(cache) == 1


async def test_the_cache_drops_member_sets_that_are_no_longer_exposed(
    hass: HomeAssistant,
) -> None:
    """An entry made of entities that are no longer members of its appliance is dropped.

    Entries are kept per appliance and member set (a user who may read fewer members
    has their own); one whose members are all still the appliance's stays.
    """
    for name in ("sensor.t", "sensor.h", "sensor.p"):
        hass.states.async_set(name, "1", {"device_class": "temperature"})
    cache = ApplianceCache()
    whole = ApplianceSpec("device", "sensor.h", ("sensor.h", "sensor.p", "sensor.t"))
    part = whole.narrowed(("sensor.p", "sensor.t"))

    def build(spec: ApplianceSpec) -> Appliance:
        return Appliance(hass, spec)

    cache.discover(hass, [whole], build, {"device": whole})
    cache.discover(hass, [part], build, {"device": whole})
    assert len(cache) == 2  # both still made of the device's members
    regrouped = ApplianceSpec("device", "sensor.h", ("sensor.h", "sensor.t"))
    cache.discover(hass, [regrouped], build, {"device": regrouped})
    assert len(cache) == 1  # sensor.p left the device: both older entries go


async def test_commands_reuse_the_plan_until_the_entity_changes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set("light.desk", "on", {"supported_color_modes": ["onoff"]})
    calls = async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=["light.desk"])
    decide = Appliance._detected_type

    with patch.object(Appliance, "_detected_type", autospec=True, side_effect=decide) as decided:
        for _ in range(3):
            answer = await clova.request("TurnOn", "light.desk")
            assert answer_name(answer) == "TurnOnConfirmation"
        assert decided.call_count == 1
        answer = await clova.request("SetBrightness", "light.desk", brightness={"value": 50})
        assert answer_name(answer) == "UnsupportedOperationError"
        assert decided.call_count == 1

        # The light becomes dimmable: the plan is decided again and brightness applies.
        hass.states.async_set("light.desk", "on", {"supported_color_modes": ["brightness"]})
        answer = await clova.request("SetBrightness", "light.desk", brightness={"value": 50})
        assert answer_name(answer) == "SetBrightnessConfirmation"
        assert decided.call_count == 2
    assert len(calls) == 4


# What a command's plan is decided from: the members' states and registry entries, the
# units and the language; the device, area and floor only shape the discovery object.
PLAN_CHANGES = {
    "state attributes",
    "state unavailable",
    "entity alias",
    "entity area",
    "unit system",
}


@pytest.mark.parametrize("change", list(CHANGES))
async def test_commands_reuse_plan_and_appliance_while_the_plan_inputs_hold(
    hass: HomeAssistant, setup_clova: SetupClova, home: dict[str, Any], change: str
) -> None:
    """Discovery decided and built the appliance; commands reuse it until a plan input changes."""
    clova = await setup_clova(exposed=["light.lamp", "climate.ac", "switch.plug"])
    async_mock_service(hass, "light", "turn_on")
    [lamp] = [item for item in await listed(clova) if item["friendlyName"] == "Lamp"]
    decide, build = Appliance._decide, RequestScope.build_appliance
    with (
        patch.object(Appliance, "_decide", autospec=True, side_effect=decide) as decided,
        patch.object(RequestScope, "build_appliance", autospec=True, side_effect=build) as built,
    ):
        for _ in range(3):
            answer = await clova.request("TurnOn", lamp["applianceId"])
            assert answer_name(answer) == "TurnOnConfirmation"
        assert (decided.call_count, built.call_count) == (0, 0)

        CHANGES[change](hass, home)
        await hass.async_block_till_done()
        answer = await clova.request("TurnOn", lamp["applianceId"])
        again = 1 if change in PLAN_CHANGES else 0
        assert (decided.call_count, built.call_count) == (again, again)
    expected = "TargetOfflineError" if change == "state unavailable" else "TurnOnConfirmation"
    assert answer_name(answer) == expected

    # Whatever the command reused, the next discovery is as if built from scratch.
    cached = await listed(clova)
    runtime(hass).appliances.clear()
    assert cached == await listed(clova)


async def test_each_command_acts_as_its_own_requester(
    hass: HomeAssistant, setup_clova: SetupClova, home: dict[str, Any], clova_user: User
) -> None:
    """A reused appliance calls services with each request's context, never an earlier one."""
    clova = await setup_clova(exposed=["light.lamp"])
    calls = async_mock_service(hass, "light", "turn_on")
    [lamp] = await listed(clova)
    family = await hass.auth.async_create_user("Family member", group_ids=["system-admin"])
    _, family_token = await mint(hass, family)
    for token in (clova.token, family_token, clova.token):
        answer = await clova.request("TurnOn", lamp["applianceId"], token=token)
        assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.context.user_id for call in calls] == [clova_user.id, family.id, clova_user.id]
    assert len({call.context.id for call in calls}) == 3


async def test_only_a_requests_capability_calls_services(hass: HomeAssistant) -> None:
    """The shared appliance's own capabilities describe it; they never call a service.

    A service call without the requester's context would skip Home Assistant's
    permission checks, so only a capability made for a request (with its context) calls.
    """
    hass.states.async_set("light.lamp", "off", {"supported_color_modes": ["onoff"]})
    calls = async_mock_service(hass, "light", "turn_on")
    appliance = Appliance(hass, ApplianceSpec("light.lamp", "light.lamp", ("light.lamp",)))
    [described] = [cap for cap in appliance.capabilities if TURN_ON in cap.actions]
    with pytest.raises(RuntimeError, match="request's command"):
        await described.async_call("light", "turn_on")
    assert calls == []

    context = Context(user_id="someone")
    command = Command(context, opted_in=False, limiter=SensitiveActionLimiter())
    acting = appliance.capability_for(TURN_ON, command)
    assert acting is not None
    assert acting is not appliance.capability_for(TURN_ON, command)  # one per request
    await acting.async_handle(TURN_ON, {})
    assert [call.context for call in calls] == [context]


async def test_a_command_never_reuses_an_appliance_of_other_members(hass: HomeAssistant) -> None:
    """A device whose sensors regrouped (one moved away) is built afresh, not reused."""
    hass.states.async_set(
        "sensor.a", "21", {"device_class": "temperature", "unit_of_measurement": "°C"}
    )
    hass.states.async_set(
        "sensor.b", "40", {"device_class": "humidity", "unit_of_measurement": "%"}
    )
    cache = ApplianceCache()

    def build(spec: ApplianceSpec) -> Appliance:
        return Appliance(hass, spec)

    both = ApplianceSpec("device", "sensor.a", ("sensor.a", "sensor.b"))
    assert len(cache.discover(hass, [both], build, {"device"})) == 1
    one = ApplianceSpec("device", "sensor.a", ("sensor.a",))
    appliance = cache.appliance(hass, one, build)
    assert [member.entity_id for member in appliance.members] == ["sensor.a"]
    assert appliance.plan == Appliance(hass, one).plan
