"""Which alias names an entity: the user's first (2026 keeps their order), else none."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.clova_home.registries import first_alias, hardware_of


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (["거실 불", "Living room"], "거실 불"),  # ordered (2026): the user's first
        ([], None),
        ([None, "Lamp"], None),  # 2026: the entity's own name put first
        ({"Zeta", "Alpha"}, "Alpha"),  # unordered (2025): the first alphabetically
        (set(), None),
    ],
)
def test_first_alias(aliases: Any, expected: str | None) -> None:
    entry = cast(Any, SimpleNamespace(aliases=aliases))
    assert first_alias(entry) == expected


async def test_a_child_device_is_described_by_its_parent(hass: HomeAssistant) -> None:
    """A hub's child (a sub-device) tells no make or model: its parent does."""
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    devices = dr.async_get(hass)
    hub = devices.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("test", "hub")},
        manufacturer="Samsung Electronics",
        model="Hub v3",
    )
    # Only devices with a parent_device_id (a child device) are resolved to their parent.
    sub = SimpleNamespace(parent_device_id=hub.id)

    assert hardware_of(hass, cast(Any, sub)) == hub
    assert hardware_of(hass, hub) == hub  # a device that is no child tells its own
    assert hardware_of(hass, None) is None
