"""The automation blueprint ``blueprints/automation/clova_home/urgent_alert.yaml``.

Loaded with Home Assistant's own blueprint component (the automation domain's schema), imported
from its source URL as the UI's import does, and run: a sensor turning on calls
``clova_home.send_notification``, which reaches the local fake of CLOVA's push endpoint.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
import shutil
from typing import Any

from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint import importer
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.clova_home.const import DOMAIN, SERVICE_SEND_NOTIFICATION

from .conftest import SetupClova
from .test_push import CLOVA_ERRORS, MESSAGE_ID, PUSH_OPTIONS, FakePush, serve_fake_push

ROOT = Path(__file__).resolve().parent.parent
BLUEPRINT_PATH = "clova_home/urgent_alert.yaml"
BLUEPRINT = ROOT / "blueprints" / "automation" / BLUEPRINT_PATH
SOURCE_URL = (
    f"https://github.com/clova-home-ha/clova_home/blob/main/blueprints/automation/{BLUEPRINT_PATH}"
)
RAW_URL = (
    f"https://raw.githubusercontent.com/clova-home-ha/clova_home/main/blueprints/automation/"
    f"{BLUEPRINT_PATH}"
)

GAS = "binary_sensor.kitchen_gas"
LEAK = "binary_sensor.laundry_leak"
VALVE = "valve.main_water"


def _load() -> Blueprint:
    return Blueprint(
        yaml_util.load_yaml_dict(BLUEPRINT),
        expected_domain="automation",
        path=BLUEPRINT_PATH,
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )


def test_blueprint_is_a_valid_automation_blueprint() -> None:
    blueprint = _load()
    assert blueprint.domain == "automation"
    assert blueprint.validate() is None  # its min_version is met by this release
    assert set(blueprint.inputs) == {"sensor", "appliance", "message_id"}
    assert blueprint.metadata["source_url"] == SOURCE_URL
    assert blueprint.metadata["homeassistant"]["min_version"] == "2025.4.0"

    [sensor_filter] = blueprint.inputs["sensor"]["selector"]["entity"]["filter"]
    assert sensor_filter["domain"] == ["binary_sensor"]
    assert {"gas", "smoke", "moisture", "door", "carbon_monoxide"} <= set(
        sensor_filter["device_class"]
    )
    # The appliance may be left out: the sensor itself is named then.
    assert blueprint.inputs["appliance"]["default"] == ""
    assert "default" not in blueprint.inputs["message_id"]


def test_blueprint_calls_the_action() -> None:
    [action] = yaml_util.load_yaml_dict(BLUEPRINT)["actions"]
    assert action["action"] == f"{DOMAIN}.{SERVICE_SEND_NOTIFICATION}"
    assert set(action["data"]) == {"appliance", "message_id"}


async def test_blueprint_imports_from_its_source_url(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """What Settings → Blueprints → Import blueprint does with the README's link."""
    aioclient_mock.get(RAW_URL, text=BLUEPRINT.read_text(encoding="utf-8"))
    imported = await importer.fetch_blueprint_from_url(hass, SOURCE_URL)
    assert imported.blueprint.domain == "automation"
    assert imported.blueprint.name == _load().name
    assert imported.suggested_filename == "clova-home-ha/urgent_alert"
    assert imported.blueprint.metadata["source_url"] == SOURCE_URL


@pytest.fixture
def blueprint_folder(hass: HomeAssistant, tmp_path: Path) -> Path:
    """A configuration folder holding the blueprint, as an import leaves it."""
    target = tmp_path / "blueprints" / "automation" / BLUEPRINT_PATH
    target.parent.mkdir(parents=True)
    shutil.copy(BLUEPRINT, target)
    hass.config.config_dir = str(tmp_path)
    return target


def _automation(alias: str, **inputs: Any) -> dict[str, Any]:
    return {"alias": alias, "use_blueprint": {"path": BLUEPRINT_PATH, "input": inputs}}


async def _set(hass: HomeAssistant, entity_id: str, state: str, device_class: str) -> None:
    hass.states.async_set(entity_id, state, {"device_class": device_class})
    await hass.async_block_till_done()


def _sent(fake: FakePush) -> list[dict[str, Any]]:
    return [json.loads(request.body) for request in fake.requests]


async def test_sensor_turning_on_pushes_the_message(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    blueprint_folder: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass.states.async_set(GAS, "off", {"device_class": "gas"})
    hass.states.async_set(LEAK, "off", {"device_class": "moisture"})
    hass.states.async_set(VALVE, "open")
    # The gas sensor is exposed; the leak sensor is not, its alert names the main valve.
    await setup_clova(exposed=[GAS, VALVE], options=PUSH_OPTIONS)
    async with serve_fake_push() as fake:
        assert await async_setup_component(
            hass,
            "automation",
            {
                "automation": [
                    _automation("Gas alert", sensor=GAS, message_id=MESSAGE_ID),
                    _automation(
                        "Leak alert", sensor=LEAK, appliance=VALVE, message_id="test-msg-leak"
                    ),
                ]
            },
        )
        await hass.async_block_till_done()
        assert hass.states.get("automation.gas_alert") is not None
        assert fake.requests == []

        await _set(hass, GAS, "on", "gas")
        assert _sent(fake) == [{"applianceId": GAS, "messageId": MESSAGE_ID}]
        assert fake.requests[0].headers["X-Clova-Extension-Id"] == "io.github.tester.homeassistant"

        # Still on, or back off: nothing more. Off, then on again: once more.
        await _set(hass, GAS, "on", "gas")
        await _set(hass, GAS, "off", "gas")
        assert len(fake.requests) == 1
        await _set(hass, GAS, "on", "gas")
        assert len(fake.requests) == 2
        # Coming back from unavailable is not "turning on".
        await _set(hass, GAS, "unavailable", "gas")
        await _set(hass, GAS, "on", "gas")
        assert len(fake.requests) == 2

        await _set(hass, LEAK, "on", "moisture")
        assert _sent(fake)[-1] == {"applianceId": VALVE, "messageId": "test-msg-leak"}

        # A refusal is the automation's error, in the user's words.
        fake.answer(400, {"success": False, "error": CLOVA_ERRORS[4204], "errorCode": 4204})
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            await _set(hass, LEAK, "off", "moisture")
            await _set(hass, LEAK, "on", "moisture")
        assert len(fake.requests) == 4
        assert "CLOVA does not know the message ID test-msg-leak" in caplog.text


async def test_unexposed_sensor_without_an_appliance_fails_clearly(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    blueprint_folder: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass.states.async_set(LEAK, "off", {"device_class": "moisture"})
    await setup_clova(exposed=[], options=PUSH_OPTIONS)
    async with serve_fake_push() as fake:
        assert await async_setup_component(
            hass,
            "automation",
            {"automation": [_automation("Leak alert", sensor=LEAK, message_id=MESSAGE_ID)]},
        )
        await hass.async_block_till_done()
        with caplog.at_level(logging.ERROR):
            await _set(hass, LEAK, "on", "moisture")
        assert fake.requests == []
    assert f"{LEAK} is not a device Clova sees" in caplog.text
