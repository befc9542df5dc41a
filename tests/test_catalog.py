"""Catalog integrity: what is advertised can be handled, is permitted, and answers right."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.core import Context, HomeAssistant
import pytest

from custom_components.clova_home.appliance import Appliance, ApplianceSettings
from custom_components.clova_home.appliance_types import SUPPORTED_DOMAINS
from custom_components.clova_home.capabilities import CAPABILITIES, Command
from custom_components.clova_home.exposure import Exposure, ExposureRules
from custom_components.clova_home.handlers import HANDLERS
from custom_components.clova_home.protocol.catalog import (
    ACTIONS,
    APPLIANCE_TYPES,
    MODES,
    REQUESTS,
    ActionKind,
)
from custom_components.clova_home.rate_limit import SensitiveActionLimiter

from .assertions import async_setup_demo
from .test_conformance import DEMO_PLATFORMS


@pytest.mark.parametrize("capability", CAPABILITIES, ids=lambda cap: cap.__name__)
def test_capability_actions_are_appliance_actions(capability: type) -> None:
    for action in capability.actions:  # type: ignore[attr-defined]
        assert ACTIONS[action.name] is action
        assert action.kind in (ActionKind.CONTROL, ActionKind.QUERY), action
        assert action.name not in HANDLERS, f"{action} would never reach {capability.__name__}"


def test_request_and_response_names_pair_up() -> None:
    for request_name, spec in REQUESTS.items():
        assert request_name == f"{spec.name}Request"
        suffix = "Confirmation" if spec.kind is ActionKind.CONTROL else "Response"
        assert spec.response_name == f"{spec.name}{suffix}"
    assert set(HANDLERS) <= set(ACTIONS)


def test_mode_codes_belong_to_types_that_set_modes() -> None:
    for appliance_type in MODES:
        assert {"SetMode", "ReleaseMode", "ChangeMode"} & APPLIANCE_TYPES[appliance_type]


async def test_every_type_advertises_only_what_it_permits_and_can_handle(
    hass: HomeAssistant,
) -> None:
    """Every demo entity, declared as every Clova type in turn."""
    with patch("homeassistant.components.demo.lock.LOCK_UNLOCK_DELAY", 0):
        await async_setup_demo(hass, DEMO_PLATFORMS)
    exposure = Exposure(
        hass,
        ExposureRules(
            entities=frozenset(
                state.entity_id
                for state in hass.states.async_all()
                if state.domain in SUPPORTED_DOMAINS
            )
        ),
    )
    specs = exposure.specs()
    assert len(specs) > 40
    advertised_somewhere: set[str] = set()
    for appliance_type, permitted in APPLIANCE_TYPES.items():
        for spec in specs:
            settings = ApplianceSettings(appliance_type=appliance_type, opted_in=True)
            appliance = Appliance(hass, spec, settings)
            assert set(appliance.actions) <= permitted, (spec.entity_id, appliance_type)
            for action in appliance.actions:
                advertised_somewhere.add(action)
                if action in HANDLERS:
                    continue
                command = Command(Context(), opted_in=True, limiter=SensitiveActionLimiter())
                capability = appliance.capability_for(ACTIONS[action], command)
                assert capability is not None, (spec.entity_id, action)
                assert ACTIONS[action] in capability.supported_actions() <= capability.actions
    # The demo home covers a wide part of the catalog.
    assert {"TurnOn", "SetLockState", "SetTargetTemperature", "HealthCheck"} <= (
        advertised_somewhere
    )
