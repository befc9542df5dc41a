"""Non-admin users see and control only what their Home Assistant permissions allow."""

from __future__ import annotations

import json
from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_mock_service,
)

from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name
from .test_grouping import Devices
from .toolkit import discover

KITCHEN = "light.kitchen"
HALL = "light.hall"


async def _token_for(hass: HomeAssistant, user: User) -> str:
    refresh_token = await hass.auth.async_create_refresh_token(user, client_id=CLOVA_CLIENT_ID)
    return hass.auth.async_create_access_token(refresh_token)


@pytest.fixture
async def clova(hass: HomeAssistant, setup_clova: SetupClova) -> ClovaClient:
    hass.states.async_set(KITCHEN, "off", {"friendly_name": "Kitchen"})
    hass.states.async_set(HALL, "off", {"friendly_name": "Hall"})
    return await setup_clova(exposed=[KITCHEN, HALL])


@pytest.fixture
async def kitchen_only_token(hass: HomeAssistant) -> str:
    """A non-admin who may read and control the kitchen light only."""
    user = MockUser().add_to_hass(hass)
    user.mock_policy({"entities": {"entity_ids": {KITCHEN: True}}})
    return await _token_for(hass, user)


@pytest.fixture
async def read_only_token(hass: HomeAssistant, hass_read_only_user: User) -> str:
    """A member of Home Assistant's read-only group."""
    return await _token_for(hass, hass_read_only_user)


async def test_discovery_lists_only_readable_entities(
    clova: ClovaClient, kitchen_only_token: str
) -> None:
    assert list(await discover(clova, token=kitchen_only_token)) == [KITCHEN]
    assert len(await discover(clova)) == 2


async def test_old_health_check_lists_only_readable_entities(
    clova: ClovaClient, kitchen_only_token: str
) -> None:
    answer = await clova.request("HealthCheck", token=kitchen_only_token)
    assert answer["payload"] == {"reachableAppliances": [KITCHEN]}


async def test_control_of_a_forbidden_entity_is_no_such_target(
    hass: HomeAssistant, clova: ClovaClient, kitchen_only_token: str
) -> None:
    calls = async_mock_service(hass, "light", "turn_on")
    answer = await clova.request("TurnOn", HALL, token=kitchen_only_token)
    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []

    answer = await clova.request("TurnOn", KITCHEN, token=kitchen_only_token)
    assert answer_name(answer) == "TurnOnConfirmation"
    assert [call.data["entity_id"] for call in calls] == [KITCHEN]


async def test_read_only_user_may_ask_but_not_control(
    hass: HomeAssistant, clova: ClovaClient, read_only_token: str
) -> None:
    calls = async_mock_service(hass, "light", "turn_on")
    health = await clova.request("HealthCheck", KITCHEN, token=read_only_token)
    assert health["payload"] == {"isReachable": True, "isTurnOn": False}

    answer = await clova.request("TurnOn", KITCHEN, token=read_only_token)
    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []


# --- Every member of a grouped appliance is checked, for each user -------------------------

AIRCON = "climate.aircon"
AIRCON_TEMPERATURE = "sensor.aircon_temperature"
MONITOR_AQI = "sensor.monitor_aqi"
MONITOR_HUMIDITY = "sensor.monitor_humidity"


async def _user_token(hass: HomeAssistant, policy: dict[str, Any]) -> str:
    """A non-admin with this entity policy, linked to Clova."""
    user = MockUser(name="Child").add_to_hass(hass)
    user.mock_policy({"entities": {"entity_ids": policy}})
    return await _token_for(hass, user)


@pytest.fixture
def devices(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry, entity_registry: er.EntityRegistry
) -> Devices:
    vendor = MockConfigEntry(domain="acme")
    vendor.add_to_hass(hass)
    return Devices(hass, vendor, device_registry, entity_registry)


@pytest.fixture
def household(hass: HomeAssistant, devices: Devices) -> Devices:
    """An air conditioner with its own temperature sensor; an air monitor of two sensors."""
    aircon = devices.device("aircon")
    devices.add(AIRCON, "cool", aircon)
    hass.states.async_set(
        AIRCON,
        "cool",
        {"hvac_modes": ["off", "cool"], "temperature": 24, "min_temp": 18, "max_temp": 30},
    )
    devices.add(AIRCON_TEMPERATURE, "24.4", aircon, "temperature", "°C")
    monitor = devices.device("monitor")
    devices.add(MONITOR_AQI, "42", monitor, "aqi")
    devices.add(MONITOR_HUMIDITY, "54.2", monitor, "humidity", "%")
    return devices


@pytest.fixture
async def home_clova(
    hass: HomeAssistant, setup_clova: SetupClova, household: Devices
) -> ClovaClient:
    return await setup_clova(exposed=[AIRCON, AIRCON_TEMPERATURE, MONITOR_AQI, MONITOR_HUMIDITY])


def _ids(hass: HomeAssistant) -> dict[str, str]:
    """Appliance ids: the air conditioner's entity registry id, the monitor's device id."""
    entities = er.async_get(hass)
    aircon, monitor_sensor = entities.async_get(AIRCON), entities.async_get(MONITOR_AQI)
    assert aircon is not None
    assert monitor_sensor is not None
    assert monitor_sensor.device_id is not None
    return {"aircon": aircon.id, "monitor": monitor_sensor.device_id}


async def test_a_denied_companion_sensor_is_not_read(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    """The issue's first reproduction: the aircon's denied sensor gave 24.4."""
    aircon = _ids(hass)["aircon"]
    token = await _user_token(hass, {AIRCON: True})

    admin = await home_clova.request("GetCurrentTemperature", aircon)
    assert admin["payload"]["currentTemperature"]["value"] == 24.4

    answer = await home_clova.request("GetCurrentTemperature", aircon, token=token)
    assert answer_name(answer) == "ValueNotFoundError"
    assert "24.4" not in json.dumps(answer)
    state = await home_clova.request("GetDeviceState", aircon, token=token)
    assert answer_name(state) == "GetDeviceStateResponse"
    assert "24.4" not in json.dumps(state)


async def test_a_denied_sensor_of_a_sensor_device_takes_no_part(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    """The issue's second reproduction: the monitor's denied humidity gave 54.2."""
    monitor = _ids(hass)["monitor"]
    token = await _user_token(hass, {MONITOR_AQI: True})

    admin = await home_clova.request("GetHumidity", monitor)
    assert admin["payload"]["humidity"]["value"] == 54.2

    answer = await home_clova.request("GetHumidity", monitor, token=token)
    assert answer_name(answer) == "UnsupportedOperationError"
    quality = await home_clova.request("GetAirQuality", monitor, token=token)
    assert answer_name(quality) == "GetAirQualityResponse"
    state = await home_clova.request("GetDeviceState", monitor, token=token)
    assert "54.2" not in json.dumps(state)

    discovered = await discover(home_clova, token=token)
    assert list(discovered) == [monitor]
    assert "GetHumidity" not in discovered[monitor]["actions"]
    assert "GetAirQuality" in discovered[monitor]["actions"]
    admin_view = await discover(home_clova)
    assert "GetHumidity" in admin_view[monitor]["actions"]


async def test_discovery_leaves_out_what_comes_from_denied_members(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    """No action and no actionDetails derived from a member the user may not read."""
    ids = _ids(hass)
    token = await _user_token(hass, {AIRCON: True, MONITOR_HUMIDITY: True})

    mine = await discover(home_clova, token=token)
    admin = await discover(home_clova)

    assert set(mine) == set(admin) == set(ids.values())
    # The monitor is now its humidity sensor alone.
    assert "GetAirQuality" in admin[ids["monitor"]]["actions"]
    assert "GetAirQuality" not in mine[ids["monitor"]]["actions"]
    assert "GetHumidity" in mine[ids["monitor"]]["actions"]
    assert json.dumps(mine[ids["monitor"]]).count(MONITOR_AQI) == 0


async def test_an_appliance_with_every_member_denied_does_not_exist(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    ids = _ids(hass)
    # The aircon's sensor alone does not make the aircon: its main entity is denied.
    token = await _user_token(hass, {AIRCON_TEMPERATURE: True})

    assert await discover(home_clova, token=token) == {}
    for appliance_id in ids.values():
        for name in ("GetCurrentTemperature", "GetDeviceState", "HealthCheck", "GetHumidity"):
            answer = await home_clova.request(name, appliance_id, token=token)
            assert answer_name(answer) == "NoSuchTargetError", (name, appliance_id)
    reachable = await home_clova.request("HealthCheck", token=token)
    assert reachable["payload"] == {"reachableAppliances": []}


async def test_health_check_of_a_sensor_device_counts_only_readable_members(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    """A device of sensors is reachable for a user only through sensors they may read."""
    monitor = _ids(hass)["monitor"]
    token = await _user_token(hass, {MONITOR_AQI: True})
    hass.states.async_set(MONITOR_AQI, "unavailable")

    admin = await home_clova.request("HealthCheck", monitor)
    assert admin["payload"]["isReachable"] is True  # the humidity sensor answers
    answer = await home_clova.request("HealthCheck", monitor, token=token)
    assert answer["payload"]["isReachable"] is False
    listed = await home_clova.request("HealthCheck", token=token)
    assert listed["payload"] == {"reachableAppliances": []}
    answer = await home_clova.request("GetAirQuality", monitor, token=token)
    assert answer_name(answer) == "TargetOfflineError"


async def test_the_cache_never_serves_one_users_members_to_another(
    hass: HomeAssistant, home_clova: ClovaClient
) -> None:
    """Users who may read different members of one appliance, one after the other."""
    monitor = _ids(hass)["monitor"]
    child = await _user_token(hass, {MONITOR_AQI: True})
    other = await _user_token(hass, {MONITOR_HUMIDITY: True})
    for _ in range(3):
        for token, humidity in (
            (None, "GetHumidityResponse"),
            (child, "UnsupportedOperationError"),
        ):
            answer = await home_clova.request("GetHumidity", monitor, token=token)
            assert answer_name(answer) == humidity
        answer = await home_clova.request("GetAirQuality", monitor, token=other)
        assert answer_name(answer) == "UnsupportedOperationError"
        answer = await home_clova.request("GetHumidity", monitor, token=other)
        assert answer["payload"]["humidity"]["value"] == 54.2


@pytest.mark.parametrize(
    ("permission", "turn_on", "query"),
    [
        ({"read": True, "control": True}, "TurnOnConfirmation", "GetTargetTemperatureResponse"),
        ({"read": True}, "NoSuchTargetError", "GetTargetTemperatureResponse"),
        # Control alone: the user may not read what the answer would tell.
        ({"control": True}, "NoSuchTargetError", "NoSuchTargetError"),
    ],
    ids=["read-and-control", "read-only", "control-only"],
)
async def test_control_needs_control_of_the_entity_called(
    hass: HomeAssistant,
    home_clova: ClovaClient,
    permission: dict[str, bool],
    turn_on: str,
    query: str,
) -> None:
    aircon = _ids(hass)["aircon"]
    token = await _user_token(hass, {AIRCON: permission})
    calls = async_mock_service(hass, "climate", "turn_on")
    hass.states.async_set(
        AIRCON,
        "off",
        {"hvac_modes": ["off", "cool"], "temperature": 24, "supported_features": 1 | 256},
    )

    answer = await home_clova.request("TurnOn", aircon, token=token)
    assert answer_name(answer) == turn_on
    assert len(calls) == (turn_on == "TurnOnConfirmation")
    answer = await home_clova.request("GetTargetTemperature", aircon, token=token)
    assert answer_name(answer) == query
