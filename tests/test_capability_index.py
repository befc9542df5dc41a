"""The capability index: an appliance is asked only by capabilities that can concern it.

``capabilities.candidates`` spares a rebuilt appliance most ``applies_to`` checks. It
must never leave out a capability that applies, or the appliance would lose actions;
and it should list nothing that cannot apply. Both are checked here against every
capability's own ``applies_to``, on real appliances in a real Home Assistant whose
entities carry everything any capability looks for ("maximal" attributes), so a
capability can only be absent from its domain's candidates if its ``applies_to`` is
false there.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.core import HomeAssistant
import pytest

from custom_components.clova_home.appliance import Appliance, ApplianceSettings
from custom_components.clova_home.appliance_types import SUPPORTED_DOMAINS
from custom_components.clova_home.capabilities import (
    CAPABILITIES,
    Capability,
    _check_competitors,
    _may_meet,
    _merged,
    candidates,
    capability,
)
from custom_components.clova_home.capabilities.base import DECLARED
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.protocol.catalog import (
    APPLIANCE_TYPES,
    GET_DEVICE_STATE,
    MODES,
    TURN_OFF,
    TURN_ON,
)

# Every mode code of every type, so that each domain's mode lists have codes of its type.
ALL_MODES = sorted({code for codes in MODES.values() for code in codes})

# Attributes that make every capability's own check true wherever its domain allows it.
MAXIMAL: dict[str, Any] = {
    "supported_features": 2**31 - 1,
    "supported_color_modes": ["hs", "color_temp"],
    "percentage_step": 10,
    "hvac_modes": ["cool", "heat", "dry", "fan_only", "auto", "off"],
    "fan_modes": ["low", "medium", "high"],
    "swing_modes": ["on", "off"],
    "preset_modes": ALL_MODES,
    "available_modes": ALL_MODES,
    "operation_list": ALL_MODES,
    "current_humidity": 40,
    "current_temperature": 21,
    "battery_level": 80,
    "source_list": ["HDMI 1", "HDMI 2"],
    "media_content_type": "channel",
}
# The device class a domain's entity needs to be an appliance with all its capabilities.
MAIN_CLASS = {"binary_sensor": "door", "media_player": "tv", "sensor": "temperature"}

SENSOR_CLASSES = sorted(
    {sensor_class for capability in CAPABILITIES for sensor_class in capability.sensor_classes}
)
# A domain no capability declares, typed by the user: only "any domain" capabilities.
OTHER_DOMAIN = "alarm_control_panel"


def build(hass: HomeAssistant, domain: str, sensor_class: str | None) -> Appliance:
    """A real appliance: a maximal ``domain`` entity, with a sensor member of ``sensor_class``."""
    main = f"{domain}.maximal"
    members = [main]
    attributes = {**MAXIMAL, "device_class": MAIN_CLASS.get(domain)}
    hass.states.async_set(main, "on", attributes)
    if sensor_class is not None:
        members.append("sensor.companion")
        hass.states.async_set("sensor.companion", "1", {"device_class": sensor_class})
    spec = ApplianceSpec(main, main, tuple(members))
    override = "SWITCH" if domain == OTHER_DOMAIN else None
    return Appliance(hass, spec, ApplianceSettings(appliance_type=override))


def applying(appliance: Appliance) -> list[type[Capability]]:
    """Every capability of the registry whose ``applies`` is true, in registry order."""
    return [capability for capability in CAPABILITIES if capability.applies(appliance)]


def sensor_classes(domain: str, sensor_class: str | None) -> frozenset[str]:
    """The device classes of the sensor members of ``build(domain, sensor_class)``."""
    found = {MAIN_CLASS[domain]} if domain == "sensor" else set()
    return frozenset(found | ({sensor_class} if sensor_class else set()))


@pytest.mark.parametrize("sensor_class", [None, *SENSOR_CLASSES, "illuminance"])
@pytest.mark.parametrize("domain", [*SUPPORTED_DOMAINS, OTHER_DOMAIN])
async def test_index_lists_exactly_what_can_apply(
    hass: HomeAssistant, domain: str, sensor_class: str | None
) -> None:
    """For every domain and sensor member: the candidates are the capabilities that apply.

    A capability missing from the index (a declaration too narrow) fails this as a
    capability the full scan finds; one listed where it cannot apply (too broad) fails
    it as an extra candidate, unless it is declared for any domain (its ``accepts``
    decides, as PowerState's asks whether the domain is a powered one). The appliance's
    plan, decided through the index, is the full scan's.
    """
    appliance = build(hass, domain, sensor_class)
    expected = applying(appliance)
    listed = list(candidates(domain, sensor_classes(domain, sensor_class)))

    assert [capability for capability in listed if capability in expected] == expected
    assert all(capability.domains is None for capability in listed if capability not in expected)
    assert list(appliance.plan.capabilities) == expected


async def test_every_capability_is_reachable_through_the_index() -> None:
    """Each capability of the registry is a candidate somewhere: none is left out entirely."""
    listed = {
        capability
        for domain in [*SUPPORTED_DOMAINS, OTHER_DOMAIN]
        for sensor_class in [None, *SENSOR_CLASSES]
        for capability in candidates(domain, sensor_classes(domain, sensor_class))
    }

    assert listed == set(CAPABILITIES)


async def test_sensor_checks_only_with_sensor_members(hass: HomeAssistant) -> None:
    """A switch without sensor members is not asked by the capabilities that read sensors."""
    only_sensors = [
        capability
        for capability in CAPABILITIES
        if capability.domains is not None and "switch" not in capability.domains
    ]

    switch = candidates("switch", frozenset())
    with_meter = candidates("switch", frozenset({SensorDeviceClass.ENERGY}))

    assert not set(only_sensors) & set(switch)
    assert [capability.__name__ for capability in with_meter if capability not in switch] == [
        "Consumption"
    ]


async def test_a_declaration_without_domains_is_asked_everywhere() -> None:
    """Declared for no domain in particular, a capability is a candidate for every appliance."""
    declared = list(DECLARED)
    try:

        @capability(GET_DEVICE_STATE, priority=-1)
        class Anywhere(Capability):
            pass

        assert Anywhere.domains is None
        assert Anywhere.sensor_classes == frozenset()
    finally:
        DECLARED[:] = declared


async def test_competing_declarations_need_priorities() -> None:
    """Two capabilities offering one action to the same entities must say which one wins."""

    class First(Capability):
        actions = frozenset({TURN_ON})
        domains = frozenset({"switch", "light"})
        sensor_classes = frozenset()
        priority = 0

    class Second(First):
        domains = frozenset({"light"})

    class Elsewhere(First):
        domains = frozenset({"fan"})

    class Preferred(Second):
        priority = 1

    with pytest.raises(ValueError, match="First and Second both offer TurnOn"):
        _check_competitors([First, Second])
    _check_competitors([First, Elsewhere])  # never on the same entity
    _check_competitors([First, Preferred])  # the priority decides


async def test_the_higher_priority_handles_the_action() -> None:
    """CAPABILITIES lists the higher priority first: the first that offers an action wins."""
    priorities = [capability.priority for capability in CAPABILITIES]

    assert priorities == sorted(priorities, reverse=True)


async def test_logbook_phrases_only_for_the_actions_handled() -> None:
    """A logbook phrase for an action the capability does not handle is refused at once."""
    with pytest.raises(ValueError, match="does not handle"):

        @capability(TURN_ON, done={TURN_OFF: "turned off"})
        class Wrong(Capability):
            pass


async def test_alike_appliances_share_one_plan(hass: HomeAssistant) -> None:
    """Plans are made once per type, capabilities and offered actions, never across catalogs."""
    for entity_id in ("switch.one", "switch.two"):
        hass.states.async_set(entity_id, "off")
    one, two = (
        Appliance(hass, ApplianceSpec(entity_id, entity_id, (entity_id,)))
        for entity_id in ("switch.one", "switch.two")
    )
    with patch.dict(APPLIANCE_TYPES, {"SWITCH": APPLIANCE_TYPES["SWITCH"] - {"TurnOff"}}):
        narrowed = Appliance(hass, ApplianceSpec("switch.one", "switch.one", ("switch.one",)))

    assert one.plan is two.plan
    assert "TurnOff" in one.plan.actions
    assert narrowed.plan is not one.plan
    assert "TurnOff" not in narrowed.plan.actions
    assert narrowed.plan.handlers.keys() == one.plan.handlers.keys() - {"TurnOff"}


async def test_declarations_that_may_meet_on_one_appliance() -> None:
    """Any domain, or a sensor class (a sensor joins any appliance), may meet anything."""

    class Lights(Capability):
        domains = frozenset({"light"})
        sensor_classes = frozenset()

    class Fans(Lights):
        domains = frozenset({"fan"})

    class Anywhere(Lights):
        domains = None

    class BySensor(Fans):
        sensor_classes = frozenset({"pm25"})

    assert not _may_meet(Lights, Fans)
    assert _may_meet(Lights, Anywhere)
    assert _may_meet(Lights, BySensor)


async def test_one_word_or_phrase_with_two_meanings_is_refused() -> None:
    """The derived tables take a key declared twice only when it means the same."""
    assert _merged([("A", {"on": 1}), ("B", {"on": 1})], "the word") == {"on": 1}
    with pytest.raises(ValueError, match="B declares the word 'on' differently"):
        _merged([("A", {"on": 1}), ("B", {"on": 2})], "the word")
