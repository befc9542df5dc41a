"""Operation modes: SetMode, ReleaseMode and ChangeMode with Clova's mode codes."""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.humidifier import HumidifierEntityFeature
from homeassistant.components.water_heater import WaterHeaterEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.clova_home.appliance import Appliance
from custom_components.clova_home.capabilities.mode import Mode
from custom_components.clova_home.const import CONF_APPLIANCE_TYPES, DOMAIN
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.protocol.catalog import CHANGE_MODE
from custom_components.clova_home.protocol.errors import UnsupportedOperationError

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    record_service_calls,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name

# --- helpers shared with the fan speed and oscillation tests ------------------------------


async def declare_types(hass: HomeAssistant, types: dict[str, str]) -> None:
    """Give exposed entities a Clova type, as the options menu does (reloads the entry)."""
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_APPLIANCE_TYPES: types}
    )
    await hass.async_block_till_done()


def appliance_id(hass: HomeAssistant, entity_id: str) -> str:
    """The Clova applianceId of an entity: its registry id, else its entity_id."""
    entry = er.async_get(hass).async_get(entity_id)
    return entry.id if entry is not None else entity_id


async def discovered(clova: ClovaClient, appliance: str) -> dict[str, Any]:
    """The discovered appliance with this id."""
    answer = await clova.request("DiscoverAppliances")
    by_id = {a["applianceId"]: a for a in answer["payload"]["discoveredAppliances"]}
    return dict(by_id[appliance])


def details(appliance: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """The appliance's actionDetails entries for ``action``."""
    entries = appliance["additionalApplianceDetails"].get("actionDetails", [])
    return [entry for entry in entries if entry["action"] == action]


async def answer_without_service_call(
    clova: ClovaClient, name: str, appliance: str, **payload: Any
) -> dict[str, Any]:
    """Send ``<name>Request``; assert it is confirmed and calls no service."""
    with record_service_calls(clova.hass) as events:
        answer = await clova.request(name, appliance, **payload)
    assert answer_name(answer) == f"{name}Confirmation", answer
    assert events == [], [event.data for event in events]
    return answer


# --- hand-made entities -----------------------------------------------------------------

AC = "climate.living_room"
FAN = "fan.bedroom"
HUMIDIFIER = "humidifier.nursery"
BOILER = "water_heater.boiler"

MODE_ACTIONS = {"SetMode", "ReleaseMode", "ChangeMode"}
CLIMATE_FEATURES = (
    ClimateEntityFeature.PRESET_MODE | ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF
)
AC_CODES = [
    "cool", "heat", "dehumidify", "fan", "auto",
    "powersaving", "sleep", "powercool", "indoor", "away",
]  # fmt: skip


def ac_attributes(**overrides: Any) -> dict[str, Any]:
    """An air conditioner with every operating mode and Home Assistant's usual presets."""
    return {
        "friendly_name": "Living room",
        "hvac_modes": [
            HVACMode.OFF,
            HVACMode.COOL,
            HVACMode.HEAT,
            HVACMode.DRY,
            HVACMode.FAN_ONLY,
            HVACMode.AUTO,
        ],
        "preset_modes": ["none", "eco", "sleep", "boost", "home", "away", "comfort"],
        "preset_mode": "none",
        "supported_features": CLIMATE_FEATURES,
        **overrides,
    }


def set_mode_payload(code: str) -> dict[str, Any]:
    """A SetMode/ReleaseMode request's payload."""
    return {"mode": {"value": code}}


async def test_air_conditioner_discovery(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes())
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert appliance["applianceTypes"] == ["AIRCONDITIONER"]
    # The type permits SetMode and ChangeMode, not ReleaseMode.
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode", "ChangeMode"}
    assert details(appliance, "SetMode") == [
        {"action": "SetMode", "allowableValue": {"type": "string", "enumValues": AC_CODES}}
    ]


@pytest.mark.parametrize(
    ("code", "service", "field", "value"),
    [
        ("cool", "set_hvac_mode", "hvac_mode", "cool"),
        ("heat", "set_hvac_mode", "hvac_mode", "heat"),
        ("dehumidify", "set_hvac_mode", "hvac_mode", "dry"),
        ("fan", "set_hvac_mode", "hvac_mode", "fan_only"),
        ("auto", "set_hvac_mode", "hvac_mode", "auto"),
        ("powersaving", "set_preset_mode", "preset_mode", "eco"),
        ("sleep", "set_preset_mode", "preset_mode", "sleep"),
        ("powercool", "set_preset_mode", "preset_mode", "boost"),
        ("indoor", "set_preset_mode", "preset_mode", "home"),
        ("away", "set_preset_mode", "preset_mode", "away"),
    ],
)
async def test_air_conditioner_set_mode(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    code: str,
    service: str,
    field: str,
    value: str,
) -> None:
    hass.states.async_set(AC, HVACMode.HEAT, ac_attributes())
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        AC,
        "climate",
        service,
        {ATTR_ENTITY_ID: AC, field: value},
        payload=set_mode_payload(code),
    )

    assert answer["payload"] == {
        "mode": {"value": code},
        "previousState": {"mode": {"value": "heat"}},
    }


@pytest.mark.parametrize(
    ("state", "preset", "previous"),
    [
        (HVACMode.COOL, "sleep", {"previousState": {"mode": {"value": "sleep"}}}),
        (HVACMode.COOL, "none", {"previousState": {"mode": {"value": "cool"}}}),
        (HVACMode.COOL, "comfort", {"previousState": {"mode": {"value": "cool"}}}),
        (HVACMode.OFF, "eco", {"previousState": {"mode": {"value": "powersaving"}}}),
        (HVACMode.OFF, "none", {}),
        (HVACMode.OFF, None, {}),
    ],
)
async def test_current_mode_is_the_preset_before_the_operating_mode(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    state: str,
    preset: str | None,
    previous: dict[str, Any],
) -> None:
    hass.states.async_set(AC, state, ac_attributes(preset_mode=preset))
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        AC,
        "climate",
        "set_hvac_mode",
        {ATTR_ENTITY_ID: AC, "hvac_mode": "heat"},
        payload=set_mode_payload("heat"),
    )

    assert answer["payload"] == {"mode": {"value": "heat"}, **previous}


@pytest.mark.parametrize(
    ("hvac_modes", "codes", "service_value"),
    [
        ([HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL], ["cool", "auto"], "heat_cool"),
        (
            [HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL, HVACMode.AUTO],
            ["cool", "auto"],
            "auto",
        ),
    ],
)
async def test_heat_cool_is_auto_only_without_auto(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    hvac_modes: list[str],
    codes: list[str],
    service_value: str,
) -> None:
    attributes = ac_attributes(hvac_modes=hvac_modes, supported_features=0)
    hass.states.async_set(AC, HVACMode.HEAT_COOL, attributes)
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == codes
    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        AC,
        "climate",
        "set_hvac_mode",
        {ATTR_ENTITY_ID: AC, "hvac_mode": service_value},
        payload=set_mode_payload("auto"),
    )

    # heat_cool is the current mode only where it stands for auto.
    previous = {"previousState": {"mode": {"value": "auto"}}} if service_value != "auto" else {}
    assert answer["payload"] == {"mode": {"value": "auto"}, **previous}


async def test_presets_need_the_preset_feature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes(supported_features=0))
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == AC_CODES[:5]
    await assert_request_fails(
        clova, "SetMode", AC, "UnsupportedOperationError", mode={"value": "sleep"}
    )


@pytest.mark.parametrize("code", ["wakeup", "hotwater", "Cool", "nonsense"])
async def test_set_mode_the_entity_lacks(
    hass: HomeAssistant, setup_clova: SetupClova, code: str
) -> None:
    """A code of the type the entity lacks, another type's code, or no code at all."""
    hass.states.async_set(AC, HVACMode.COOL, ac_attributes())
    async_mock_service(hass, "climate", "set_hvac_mode")
    async_mock_service(hass, "climate", "set_preset_mode")
    clova = await setup_clova(exposed=[AC])

    await assert_request_fails(
        clova, "SetMode", AC, "UnsupportedOperationError", mode={"value": code}
    )


@pytest.mark.parametrize(
    ("state", "preset", "expected", "previous"),
    [
        (HVACMode.COOL, "none", "heat", "cool"),
        (HVACMode.HEAT, "none", "dry", "heat"),
        (HVACMode.FAN_ONLY, "none", "auto", "fan"),
        (HVACMode.AUTO, "none", "cool", "auto"),  # back to the first
        (HVACMode.OFF, "none", "cool", None),  # from a mode without a code: the first
        (HVACMode.DRY, "sleep", "fan_only", "dehumidify"),  # presets stay out of the cycle
    ],
)
async def test_change_mode_cycles_the_operating_modes(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    state: str,
    preset: str,
    expected: str,
    previous: str | None,
) -> None:
    hass.states.async_set(AC, state, ac_attributes(preset_mode=preset))
    clova = await setup_clova(exposed=[AC])

    answer = await assert_request_calls_service(
        clova,
        "ChangeMode",
        AC,
        "climate",
        "set_hvac_mode",
        {ATTR_ENTITY_ID: AC, "hvac_mode": expected},
    )

    code = {"dry": "dehumidify", "fan_only": "fan"}.get(expected, expected)
    expected_payload: dict[str, Any] = {"mode": {"value": code}}
    if previous is not None:
        expected_payload["previousState"] = {"mode": {"value": previous}}
    assert answer["payload"] == expected_payload


async def test_thermostat_modes_are_its_presets(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A thermostat's codes (away, hotwater, indoor, sleep) come from presets only."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO],
        preset_modes=["none", "Home", "Away", "Sleep", "Hot water"],
        preset_mode="Away",
    )
    hass.states.async_set(AC, HVACMode.AUTO, attributes)
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)
    assert appliance["applianceTypes"] == ["THERMOSTAT"]
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode"}
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == [
        "indoor", "away", "sleep", "hotwater",
    ]  # fmt: skip

    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        AC,
        "climate",
        "set_preset_mode",
        {ATTR_ENTITY_ID: AC, "preset_mode": "Hot water"},
        payload=set_mode_payload("hotwater"),
    )
    assert answer["payload"] == {
        "mode": {"value": "hotwater"},
        "previousState": {"mode": {"value": "away"}},
    }


async def test_climate_without_codes_of_its_type_has_no_modes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.COOL],
        preset_modes=["none", "comfort", "activity"],
    )
    hass.states.async_set(AC, HVACMode.COOL, attributes)
    attic = ac_attributes(hvac_modes=["off"], supported_features=0)
    hass.states.async_set("climate.attic", HVACMode.OFF, attic)
    clova = await setup_clova(exposed=[AC, "climate.attic"])
    await declare_types(hass, {AC: "THERMOSTAT"})

    for entity_id in (AC, "climate.attic"):
        appliance = await discovered(clova, entity_id)
        assert not MODE_ACTIONS & set(appliance["actions"]), entity_id
        assert details(appliance, "SetMode") == []
    await assert_request_fails(
        clova, "SetMode", AC, "UnsupportedOperationError", mode={"value": "away"}
    )


async def test_types_that_do_not_set_modes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A heat-only climate device is a HEATER, which has no modes in Clova."""
    attributes = ac_attributes(hvac_modes=[HVACMode.OFF, HVACMode.HEAT])
    hass.states.async_set(AC, HVACMode.HEAT, attributes)
    clova = await setup_clova(exposed=[AC])

    appliance = await discovered(clova, AC)

    assert appliance["applianceTypes"] == ["HEATER"]
    assert not MODE_ACTIONS & set(appliance["actions"])
    assert details(appliance, "SetMode") == []
    await assert_request_fails(
        clova, "SetMode", AC, "UnsupportedOperationError", mode={"value": "sleep"}
    )


# --- ReleaseMode (climate declared an air purifier: a type that permits it) ---------------


@pytest.fixture
async def purifier_climate(hass: HomeAssistant, setup_clova: SetupClova) -> ClovaClient:
    """An air-purifying climate device in auto with the sleep preset: auto, dehumidify, sleep."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO, HVACMode.DRY],
        preset_modes=["none", "sleep"],
        preset_mode="sleep",
    )
    hass.states.async_set(AC, HVACMode.AUTO, attributes)
    clova = await setup_clova(exposed=[AC])
    await declare_types(hass, {AC: "AIRPURIFIER"})
    return clova


async def test_purifier_climate_discovery(
    hass: HomeAssistant, purifier_climate: ClovaClient
) -> None:
    appliance = await discovered(purifier_climate, AC)

    assert appliance["applianceTypes"] == ["AIRPURIFIER"]
    assert set(appliance["actions"]) >= MODE_ACTIONS
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == [
        "auto", "dehumidify", "sleep",
    ]  # fmt: skip


async def test_release_preset(hass: HomeAssistant, purifier_climate: ClovaClient) -> None:
    answer = await assert_request_calls_service(
        purifier_climate,
        "ReleaseMode",
        AC,
        "climate",
        "set_preset_mode",
        {ATTR_ENTITY_ID: AC, "preset_mode": "none"},
        payload=set_mode_payload("sleep"),
    )

    # Without the preset, the operating mode is what remains.
    assert answer["payload"] == {
        "mode": {"value": "auto"},
        "previousState": {"mode": {"value": "sleep"}},
    }


async def test_release_preset_leaving_no_mode(
    hass: HomeAssistant, purifier_climate: ClovaClient
) -> None:
    hass.states.async_set(AC, HVACMode.OFF, state_of(hass, AC).attributes)

    answer = await assert_request_calls_service(
        purifier_climate,
        "ReleaseMode",
        AC,
        "climate",
        "set_preset_mode",
        {ATTR_ENTITY_ID: AC, "preset_mode": "none"},
        payload=set_mode_payload("sleep"),
    )

    assert answer["payload"] == {"previousState": {"mode": {"value": "sleep"}}}


async def test_release_operating_mode_is_unsupported(
    hass: HomeAssistant, purifier_climate: ClovaClient
) -> None:
    """An operating mode has no neutral one to return to."""
    async_mock_service(hass, "climate", "set_hvac_mode")

    await assert_request_fails(
        purifier_climate, "ReleaseMode", AC, "UnsupportedOperationError", mode={"value": "auto"}
    )


@pytest.mark.parametrize(
    ("preset", "current"),
    [("none", {"value": "auto"}), ("sleep", {"value": "sleep"})],
)
async def test_release_inactive_mode_changes_nothing(
    hass: HomeAssistant, purifier_climate: ClovaClient, preset: str, current: dict[str, str]
) -> None:
    attributes = {**state_of(hass, AC).attributes, "preset_mode": preset}
    hass.states.async_set(AC, HVACMode.AUTO, attributes)

    code = "sleep" if preset == "none" else "dehumidify"
    answer = await answer_without_service_call(
        purifier_climate, "ReleaseMode", AC, mode={"value": code}
    )

    assert answer["payload"] == {"mode": current, "previousState": {"mode": current}}


async def test_release_inactive_mode_without_a_current_one(
    hass: HomeAssistant, purifier_climate: ClovaClient
) -> None:
    attributes = {**state_of(hass, AC).attributes, "preset_mode": "none"}
    hass.states.async_set(AC, HVACMode.OFF, attributes)

    answer = await answer_without_service_call(
        purifier_climate, "ReleaseMode", AC, mode={"value": "sleep"}
    )

    assert answer["payload"] == {}


async def test_code_in_two_lists_is_the_operating_modes(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """A preset named like an operating mode's code is not offered a second time."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO, HVACMode.DRY],
        preset_modes=["none", "auto", "sleep"],
        preset_mode="auto",
    )
    hass.states.async_set(AC, HVACMode.DRY, attributes)
    clova = await setup_clova(exposed=[AC])
    await declare_types(hass, {AC: "AIRPURIFIER"})

    appliance = await discovered(clova, AC)
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == [
        "auto",
        "dehumidify",
        "sleep",
    ]
    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        AC,
        "climate",
        "set_hvac_mode",
        {ATTR_ENTITY_ID: AC, "hvac_mode": "auto"},
        payload=set_mode_payload("auto"),
    )
    # The "auto" preset has no code of its own: the operating mode is the current one.
    assert answer["payload"] == {
        "mode": {"value": "auto"},
        "previousState": {"mode": {"value": "dehumidify"}},
    }


@pytest.mark.parametrize("code", ["roomcare", "cool"])
async def test_release_mode_the_entity_lacks(
    hass: HomeAssistant, purifier_climate: ClovaClient, code: str
) -> None:
    await assert_request_fails(
        purifier_climate, "ReleaseMode", AC, "UnsupportedOperationError", mode={"value": code}
    )


async def test_release_and_change_need_something_to_go_to(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """ReleaseMode needs a neutral preset; ChangeMode two codes in one list."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO, HVACMode.DRY],
        preset_modes=["sleep", "eco"],
        preset_mode="sleep",
    )
    hass.states.async_set(AC, HVACMode.AUTO, attributes)
    clova = await setup_clova(exposed=[AC])
    await declare_types(hass, {AC: "AIRPURIFIER"})

    appliance = await discovered(clova, AC)
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode", "ChangeMode"}
    await assert_request_fails(
        clova, "ReleaseMode", AC, "UnsupportedOperationError", mode={"value": "sleep"}
    )

    one_each = {
        **attributes,
        "hvac_modes": [HVACMode.OFF, HVACMode.AUTO],
        "preset_modes": ["none", "sleep"],
    }
    hass.states.async_set(AC, HVACMode.AUTO, one_each)
    appliance = await discovered(clova, AC)
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode", "ReleaseMode"}
    await assert_request_fails(clova, "ChangeMode", AC, "UnsupportedOperationError")


# --- fans -----------------------------------------------------------------------------------


def fan_attributes(
    presets: list[str], current: str | None = None, **overrides: Any
) -> dict[str, Any]:
    """A fan with preset modes."""
    return {
        "friendly_name": "Bedroom",
        "preset_modes": presets,
        "preset_mode": current,
        "supported_features": FanEntityFeature.PRESET_MODE | FanEntityFeature.TURN_ON,
        **overrides,
    }


@pytest.mark.parametrize(
    ("appliance_type", "presets", "codes"),
    [
        ("FAN", ["Auto", "Sleep", "Nature", "Turbo"], ["auto", "sleep", "baby"]),
        ("FAN", ["normal", "Baby", "silent"], ["baby", "sleep"]),
        (
            "AIRPURIFIER",
            ["Auto", "Silent", "Favorite", "Baby", "Allergen"],
            ["auto", "sleep", "infant", "removepollen"],
        ),
        (
            "VENTILATOR",
            ["auto", "dry", "Ventilation", "warm_wind"],
            ["auto", "dry", "ventilating", "warmwind"],
        ),
        ("AIRCONDITIONER", ["eco", "boost", "sleep"], ["powersaving", "powercool", "sleep"]),
    ],
)
async def test_fan_presets_as_codes(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    appliance_type: str,
    presets: list[str],
    codes: list[str],
) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(presets))
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: appliance_type})

    appliance = await discovered(clova, FAN)

    assert details(appliance, "SetMode") == [
        {"action": "SetMode", "allowableValue": {"type": "string", "enumValues": codes}}
    ]


async def test_fan_set_mode(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(["Auto", "Sleep", "Nature"], "Sleep"))
    clova = await setup_clova(exposed=[FAN])

    appliance = await discovered(clova, FAN)
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode"}  # what FAN permits
    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        FAN,
        "fan",
        "set_preset_mode",
        {ATTR_ENTITY_ID: FAN, "preset_mode": "Nature"},
        payload=set_mode_payload("baby"),
    )

    assert answer["payload"] == {
        "mode": {"value": "baby"},
        "previousState": {"mode": {"value": "sleep"}},
    }


async def test_fan_presets_need_a_preset_or_speed_feature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    attributes = fan_attributes(["auto", "sleep"], supported_features=FanEntityFeature.TURN_ON)
    hass.states.async_set(FAN, "on", attributes)
    clova = await setup_clova(exposed=[FAN])

    appliance = await discovered(clova, FAN)

    assert not MODE_ACTIONS & set(appliance["actions"])


async def test_fan_as_air_purifier(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(["none", "auto", "sleep", "baby"], "sleep"))
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: "AIRPURIFIER"})

    appliance = await discovered(clova, FAN)
    assert set(appliance["actions"]) >= MODE_ACTIONS

    answer = await assert_request_calls_service(
        clova,
        "ChangeMode",
        FAN,
        "fan",
        "set_preset_mode",
        {ATTR_ENTITY_ID: FAN, "preset_mode": "baby"},
    )
    assert answer["payload"] == {
        "mode": {"value": "infant"},
        "previousState": {"mode": {"value": "sleep"}},
    }

    answer = await assert_request_calls_service(
        clova,
        "ReleaseMode",
        FAN,
        "fan",
        "set_preset_mode",
        {ATTR_ENTITY_ID: FAN, "preset_mode": "none"},
        payload=set_mode_payload("sleep"),
    )
    assert answer["payload"] == {"previousState": {"mode": {"value": "sleep"}}}


async def test_fan_change_mode_wraps(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set(FAN, "on", fan_attributes(["auto", "sleep", "baby"], "baby"))
    clova = await setup_clova(exposed=[FAN])
    await declare_types(hass, {FAN: "AIRPURIFIER"})

    answer = await assert_request_calls_service(
        clova,
        "ChangeMode",
        FAN,
        "fan",
        "set_preset_mode",
        {ATTR_ENTITY_ID: FAN, "preset_mode": "auto"},
    )

    assert answer["payload"] == {
        "mode": {"value": "auto"},
        "previousState": {"mode": {"value": "infant"}},
    }


# --- humidifiers and water heaters ----------------------------------------------------------


async def test_humidifier_modes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    attributes = {
        "friendly_name": "Nursery",
        "available_modes": ["normal", "Light", "sleep"],
        "mode": "Light",
        "supported_features": HumidifierEntityFeature.MODES,
    }
    hass.states.async_set(HUMIDIFIER, "on", attributes)
    clova = await setup_clova(exposed=[HUMIDIFIER])

    appliance = await discovered(clova, HUMIDIFIER)
    assert appliance["applianceTypes"] == ["HUMIDIFIER"]
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode", "ReleaseMode"}
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == ["light"]

    answer = await assert_request_calls_service(
        clova,
        "ReleaseMode",
        HUMIDIFIER,
        "humidifier",
        "set_mode",
        {ATTR_ENTITY_ID: HUMIDIFIER, "mode": "normal"},
        payload=set_mode_payload("light"),
    )
    assert answer["payload"] == {"previousState": {"mode": {"value": "light"}}}

    hass.states.async_set(HUMIDIFIER, "on", {**attributes, "mode": "normal"})
    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        HUMIDIFIER,
        "humidifier",
        "set_mode",
        {ATTR_ENTITY_ID: HUMIDIFIER, "mode": "Light"},
        payload=set_mode_payload("light"),
    )
    assert answer["payload"] == {"mode": {"value": "light"}}


async def test_humidifier_modes_need_the_modes_feature(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    attributes = {"available_modes": ["light"], "mode": "light", "supported_features": 0}
    hass.states.async_set(HUMIDIFIER, "on", attributes)
    clova = await setup_clova(exposed=[HUMIDIFIER])

    appliance = await discovered(clova, HUMIDIFIER)

    assert not MODE_ACTIONS & set(appliance["actions"])


async def test_water_heater_operation_modes(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    attributes = {
        "friendly_name": "Boiler",
        "operation_list": ["off", "eco", "Hot water", "reheating", "washing"],
        "operation_mode": "eco",
        "supported_features": WaterHeaterEntityFeature.OPERATION_MODE,
    }
    hass.states.async_set(BOILER, "eco", attributes)
    clova = await setup_clova(exposed=[BOILER])

    appliance = await discovered(clova, BOILER)
    assert appliance["applianceTypes"] == ["WATERBOILER"]
    assert MODE_ACTIONS & set(appliance["actions"]) == {"SetMode"}
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == [
        "hotwater", "reheating", "washing",
    ]  # fmt: skip

    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        BOILER,
        "water_heater",
        "set_operation_mode",
        {ATTR_ENTITY_ID: BOILER, "operation_mode": "Hot water"},
        payload=set_mode_payload("hotwater"),
    )
    assert answer["payload"] == {"mode": {"value": "hotwater"}}

    hass.states.async_set(BOILER, "washing", {**attributes, "operation_mode": "washing"})
    answer = await assert_request_calls_service(
        clova,
        "SetMode",
        BOILER,
        "water_heater",
        "set_operation_mode",
        {ATTR_ENTITY_ID: BOILER, "operation_mode": "reheating"},
        payload=set_mode_payload("reheating"),
    )
    assert answer["payload"] == {
        "mode": {"value": "reheating"},
        "previousState": {"mode": {"value": "washing"}},
    }


@pytest.mark.parametrize(
    "attributes",
    [
        {"operation_list": ["hotwater"], "supported_features": 0},
        {
            "operation_list": "hotwater",
            "supported_features": WaterHeaterEntityFeature.OPERATION_MODE,
        },
        {"supported_features": WaterHeaterEntityFeature.OPERATION_MODE},
    ],
)
async def test_water_heater_without_a_usable_list(
    hass: HomeAssistant, setup_clova: SetupClova, attributes: dict[str, Any]
) -> None:
    hass.states.async_set(BOILER, "hotwater", attributes)
    clova = await setup_clova(exposed=[BOILER])

    appliance = await discovered(clova, BOILER)

    assert not MODE_ACTIONS & set(appliance["actions"])


# --- errors from the dispatcher and Home Assistant -------------------------------------------


@pytest.mark.parametrize(
    ("action", "payload"),
    [("SetMode", set_mode_payload("cool")), ("ChangeMode", {})],
)
async def test_unavailable_is_offline(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, payload: dict[str, Any]
) -> None:
    hass.states.async_set(AC, "unavailable", ac_attributes())
    clova = await setup_clova(exposed=[AC])

    await assert_request_fails(clova, action, AC, "TargetOfflineError", **payload)


async def test_change_mode_without_a_cycle(hass: HomeAssistant) -> None:
    """A capability asked to cycle one mode (the dispatcher never does) refuses."""
    hass.states.async_set(
        AC, HVACMode.COOL, ac_attributes(hvac_modes=["cool"], supported_features=0)
    )
    appliance = Appliance(hass, ApplianceSpec(AC, AC, (AC,)))
    (mode,) = [cap for cap in appliance.capabilities if isinstance(cap, Mode)]
    assert CHANGE_MODE not in mode.supported_actions()

    with pytest.raises(UnsupportedOperationError):
        await mode.async_handle(CHANGE_MODE, {})


# --- Home Assistant's demo entities -----------------------------------------------------------


@pytest.fixture
async def demo(hass: HomeAssistant) -> None:
    """The demo fans, climate devices, humidifiers and water heaters."""
    await async_setup_demo(
        hass, [Platform.FAN, Platform.CLIMATE, Platform.HUMIDIFIER, Platform.WATER_HEATER]
    )


@pytest.mark.usefixtures("demo")
async def test_demo_fan_presets(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    fans = ["fan.living_room_fan", "fan.preset_only_limited_fan", "fan.ceiling_fan"]
    clova = await setup_clova(exposed=fans)
    living_room, preset_only, ceiling = (appliance_id(hass, fan) for fan in fans)

    for fan in (living_room, preset_only):
        appliance = await discovered(clova, fan)
        assert details(appliance, "SetMode") == [
            {
                "action": "SetMode",
                "allowableValue": {"type": "string", "enumValues": ["auto", "sleep"]},
            }
        ]
    assert "SetMode" not in (await discovered(clova, ceiling))["actions"]

    answer = await clova.request("SetMode", preset_only, mode={"value": "sleep"})
    await hass.async_block_till_done()
    assert answer["payload"] == {"mode": {"value": "sleep"}}
    state = state_of(hass, "fan.preset_only_limited_fan")
    assert (state.state, state.attributes["preset_mode"]) == ("on", "sleep")

    answer = await clova.request("SetMode", preset_only, mode={"value": "auto"})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "mode": {"value": "auto"},
        "previousState": {"mode": {"value": "sleep"}},
    }
    assert state_of(hass, "fan.preset_only_limited_fan").attributes["preset_mode"] == "auto"

    await assert_request_fails(
        clova, "SetMode", living_room, "UnsupportedOperationError", mode={"value": "baby"}
    )


@pytest.mark.usefixtures("demo")
async def test_demo_fan_as_air_purifier_cycles(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(exposed=["fan.living_room_fan"])
    await declare_types(hass, {"fan.living_room_fan": "AIRPURIFIER"})
    fan = appliance_id(hass, "fan.living_room_fan")

    seen = []
    for _ in range(3):
        answer = await clova.request("ChangeMode", fan)
        await hass.async_block_till_done()
        seen.append(
            (answer["payload"], state_of(hass, "fan.living_room_fan").attributes["preset_mode"])
        )

    assert seen == [
        ({"mode": {"value": "auto"}}, "auto"),
        ({"mode": {"value": "sleep"}, "previousState": {"mode": {"value": "auto"}}}, "sleep"),
        ({"mode": {"value": "auto"}, "previousState": {"mode": {"value": "sleep"}}}, "auto"),
    ]
    # The demo fan has no neutral preset to go back to.
    assert "ReleaseMode" not in (await discovered(clova, fan))["actions"]


@pytest.mark.usefixtures("demo")
async def test_demo_climates(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await setup_clova(exposed=["climate.hvac", "climate.ecobee", "climate.heatpump"])
    hvac, ecobee, heatpump = (
        appliance_id(hass, entity_id)
        for entity_id in ("climate.hvac", "climate.ecobee", "climate.heatpump")
    )

    assert details(await discovered(clova, hvac), "SetMode") == [
        {
            "action": "SetMode",
            "allowableValue": {
                "type": "string",
                "enumValues": ["heat", "cool", "auto", "dehumidify", "fan"],
            },
        }
    ]
    assert details(await discovered(clova, ecobee), "SetMode") == [
        {
            "action": "SetMode",
            "allowableValue": {
                "type": "string",
                "enumValues": [
                    "cool",
                    "auto",
                    "dehumidify",
                    "fan",
                    "indoor",
                    "powersaving",
                    "away",
                ],
            },
        }
    ]
    assert "SetMode" not in (await discovered(clova, heatpump))["actions"]

    # The hvac is cooling: the mode button goes on to auto, then dry.
    answer = await clova.request("ChangeMode", hvac)
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "mode": {"value": "auto"},
        "previousState": {"mode": {"value": "cool"}},
    }
    assert state_of(hass, "climate.hvac").state == HVACMode.AUTO
    answer = await clova.request("SetMode", hvac, mode={"value": "dehumidify"})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "mode": {"value": "dehumidify"},
        "previousState": {"mode": {"value": "auto"}},
    }
    assert state_of(hass, "climate.hvac").state == HVACMode.DRY

    # The Ecobee is at home (indoor) in heat_cool, which is not its auto.
    answer = await clova.request("SetMode", ecobee, mode={"value": "away"})
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "mode": {"value": "away"},
        "previousState": {"mode": {"value": "indoor"}},
    }
    assert state_of(hass, "climate.ecobee").attributes["preset_mode"] == "away"
    answer = await clova.request("ChangeMode", ecobee)
    await hass.async_block_till_done()
    assert answer["payload"] == {"mode": {"value": "cool"}}
    assert state_of(hass, "climate.ecobee").state == HVACMode.COOL


@pytest.mark.usefixtures("demo")
async def test_demo_humidifiers(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The hygrostat's home/eco are no humidifier codes; as an air conditioner they are."""
    humidifiers = ["humidifier.hygrostat", "humidifier.humidifier", "humidifier.dehumidifier"]
    clova = await setup_clova(exposed=humidifiers)
    for entity_id in humidifiers:
        appliance = await discovered(clova, appliance_id(hass, entity_id))
        assert not MODE_ACTIONS & set(appliance["actions"]), entity_id

    await declare_types(hass, {"humidifier.hygrostat": "AIRCONDITIONER"})
    hygrostat = appliance_id(hass, "humidifier.hygrostat")
    appliance = await discovered(clova, hygrostat)
    assert details(appliance, "SetMode")[0]["allowableValue"]["enumValues"] == [
        "indoor",
        "powersaving",
    ]

    answer = await clova.request("ChangeMode", hygrostat)
    await hass.async_block_till_done()
    assert answer["payload"] == {
        "mode": {"value": "powersaving"},
        "previousState": {"mode": {"value": "indoor"}},
    }
    assert state_of(hass, "humidifier.hygrostat").attributes["mode"] == "eco"


@pytest.mark.usefixtures("demo")
async def test_demo_water_heater(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Its operation modes are no boiler codes; eco is an air conditioner's power saving."""
    clova = await setup_clova(exposed=["water_heater.demo_water_heater"])
    heater = appliance_id(hass, "water_heater.demo_water_heater")
    appliance = await discovered(clova, heater)
    assert appliance["applianceTypes"] == ["WATERBOILER"]
    assert "SetMode" not in appliance["actions"]

    await declare_types(hass, {"water_heater.demo_water_heater": "AIRCONDITIONER"})
    await hass.services.async_call(
        "water_heater",
        "set_operation_mode",
        {ATTR_ENTITY_ID: "water_heater.demo_water_heater", "operation_mode": "gas"},
        blocking=True,
    )
    answer = await clova.request("SetMode", heater, mode={"value": "powersaving"})
    await hass.async_block_till_done()

    assert answer["payload"] == {"mode": {"value": "powersaving"}}
    assert state_of(hass, "water_heater.demo_water_heater").state == "eco"
