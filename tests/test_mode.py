"""Operation modes: SetMode, ReleaseMode and ChangeMode with Clova's mode codes.

Each behaviour is one table over the entities that have modes: what discovery
advertises (and which codes), which service a command calls and what it answers, what
is answered without a service call, and what is refused.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntityFeature, HVACMode
from homeassistant.components.fan import FanEntityFeature
from homeassistant.components.humidifier import HumidifierEntityFeature
from homeassistant.components.water_heater import WaterHeaterEntityFeature
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
import pytest

from custom_components.clova_home.appliance import Appliance
from custom_components.clova_home.capabilities.mode import Mode
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.protocol.catalog import CHANGE_MODE
from custom_components.clova_home.protocol.errors import UnsupportedOperationError

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    state_of,
)
from .conftest import SetupClova
from .helpers import ClovaClient, answer_name
from .toolkit import (
    Entity,
    action_details,
    appliance_id,
    assert_answered_without_calls,
    declare_types,
    discovered,
    setup_typed,
)

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


def air_conditioner(state: str = HVACMode.COOL, **overrides: Any) -> Entity:
    """The air conditioner in ``state`` (with other attributes)."""
    return Entity(AC, state, ac_attributes(**overrides))


def purifier_climate(state: str = HVACMode.AUTO, **overrides: Any) -> Entity:
    """An air-purifying climate device (a type that permits ReleaseMode) in auto with the
    sleep preset: its codes are auto, dehumidify and sleep."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO, HVACMode.DRY],
        preset_modes=["none", "sleep"],
        preset_mode="sleep",
    )
    return Entity(AC, state, {**attributes, **overrides}, "AIRPURIFIER")


def thermostat() -> Entity:
    """A thermostat's codes (away, hotwater, indoor, sleep) come from presets only."""
    return air_conditioner(
        HVACMode.AUTO,
        hvac_modes=[HVACMode.OFF, HVACMode.AUTO],
        preset_modes=["none", "Home", "Away", "Sleep", "Hot water"],
        preset_mode="Away",
    )


def thermostat_without_codes() -> Entity:
    """A climate device declared a thermostat whose presets are none of a thermostat's codes."""
    attributes = ac_attributes(
        hvac_modes=[HVACMode.OFF, HVACMode.COOL], preset_modes=["none", "comfort", "activity"]
    )
    return Entity(AC, HVACMode.COOL, attributes, "THERMOSTAT")


def fan(
    presets: list[str],
    current: str | None = None,
    appliance_type: str | None = None,
    **overrides: Any,
) -> Entity:
    """A fan with preset modes (``appliance_type``: the Clova type chosen for it)."""
    attributes = {
        "friendly_name": "Bedroom",
        "preset_modes": presets,
        "preset_mode": current,
        "supported_features": FanEntityFeature.PRESET_MODE | FanEntityFeature.TURN_ON,
        **overrides,
    }
    return Entity(FAN, "on", attributes, appliance_type)


def humidifier(mode: str = "Light", **overrides: Any) -> Entity:
    """A humidifier with a neutral mode (normal) and one with a code (light)."""
    attributes = {
        "friendly_name": "Nursery",
        "available_modes": ["normal", "Light", "sleep"],
        "mode": mode,
        "supported_features": HumidifierEntityFeature.MODES,
        **overrides,
    }
    return Entity(HUMIDIFIER, "on", attributes)


def boiler(operation_mode: str = "eco", **overrides: Any) -> Entity:
    """A water heater whose operation modes are boiler codes but for off and eco."""
    attributes = {
        "friendly_name": "Boiler",
        "operation_list": ["off", "eco", "Hot water", "reheating", "washing"],
        "operation_mode": operation_mode,
        "supported_features": WaterHeaterEntityFeature.OPERATION_MODE,
        **overrides,
    }
    return Entity(BOILER, operation_mode, attributes)


def mode(code: str) -> dict[str, Any]:
    """A mode object: a SetMode/ReleaseMode request's payload, or an answer's mode."""
    return {"mode": {"value": code}}


def changed(code: str | None, previous: str | None) -> dict[str, Any]:
    """A confirmation's payload: the mode now (if any) and the mode before (if any)."""
    answer: dict[str, Any] = mode(code) if code is not None else {}
    if previous is not None:
        answer["previousState"] = mode(previous)
    return answer


# --- discovery: the actions and codes each entity advertises --------------------------------


def advertises(
    entity: Entity,
    actions: set[str],
    codes: list[str],
    appliance_type: str | None = None,
    *,
    id: str,
) -> Any:
    """A case: ``entity`` advertises these mode ``actions`` with SetMode's ``codes``."""
    return pytest.param(entity, actions, codes, appliance_type, id=id)


SET_CHANGE = {"SetMode", "ChangeMode"}
NO_MODES: tuple[set[str], list[str]] = (set(), [])
ONE_EACH = ["none", "sleep"]  # a neutral preset and one code

UNUSABLE_OPERATION_LISTS: list[tuple[str, dict[str, Any]]] = [
    ("without the feature", {"operation_list": ["hotwater"], "supported_features": 0}),
    (
        "with a list that is no list",
        {
            "operation_list": "hotwater",
            "supported_features": WaterHeaterEntityFeature.OPERATION_MODE,
        },
    ),
    ("without a list", {"supported_features": WaterHeaterEntityFeature.OPERATION_MODE}),
]

DISCOVERY = [
    # The AIRCONDITIONER type permits SetMode and ChangeMode, not ReleaseMode.
    advertises(air_conditioner(), SET_CHANGE, AC_CODES, "AIRCONDITIONER", id="air conditioner"),
    advertises(
        air_conditioner(supported_features=0),
        SET_CHANGE,
        AC_CODES[:5],
        id="presets need the preset feature",
    ),
    # heat_cool is auto only where there is no auto.
    advertises(
        air_conditioner(
            HVACMode.HEAT_COOL,
            hvac_modes=[HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL],
            supported_features=0,
        ),
        SET_CHANGE,
        ["cool", "auto"],
        id="heat_cool as auto",
    ),
    advertises(
        air_conditioner(
            HVACMode.HEAT_COOL,
            hvac_modes=[HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL, HVACMode.AUTO],
            supported_features=0,
        ),
        SET_CHANGE,
        ["cool", "auto"],
        id="heat_cool beside auto",
    ),
    advertises(
        thermostat(),
        {"SetMode"},
        ["indoor", "away", "sleep", "hotwater"],
        "THERMOSTAT",
        id="thermostat",
    ),
    advertises(thermostat_without_codes(), *NO_MODES, id="climate without codes of its type"),
    advertises(
        air_conditioner(HVACMode.OFF, hvac_modes=["off"], supported_features=0),
        *NO_MODES,
        id="climate that is only off",
    ),
    # A heat-only climate device is a HEATER, which has no modes in Clova.
    advertises(
        air_conditioner(HVACMode.HEAT, hvac_modes=[HVACMode.OFF, HVACMode.HEAT]),
        *NO_MODES,
        "HEATER",
        id="heater",
    ),
    advertises(
        purifier_climate(),
        MODE_ACTIONS,
        ["auto", "dehumidify", "sleep"],
        "AIRPURIFIER",
        id="climate as air purifier",
    ),
    # A preset named like an operating mode's code is not offered a second time.
    advertises(
        purifier_climate(HVACMode.DRY, preset_modes=["none", "auto", "sleep"], preset_mode="auto"),
        MODE_ACTIONS,
        ["auto", "dehumidify", "sleep"],
        id="code in two lists",
    ),
    # ReleaseMode needs a neutral preset; ChangeMode two codes in one list.
    advertises(
        purifier_climate(preset_modes=["sleep", "eco"]),
        SET_CHANGE,
        ["auto", "dehumidify", "sleep"],
        id="no neutral preset",
    ),
    advertises(
        purifier_climate(hvac_modes=[HVACMode.OFF, HVACMode.AUTO], preset_modes=ONE_EACH),
        {"SetMode", "ReleaseMode"},
        ["auto", "sleep"],
        id="one code per list",
    ),
    *(
        advertises(fan(presets, appliance_type=kind), actions, codes, kind, id=f"{kind} {presets}")
        for kind, presets, actions, codes in [
            ("FAN", ["Auto", "Sleep", "Nature", "Turbo"], {"SetMode"}, ["auto", "sleep", "baby"]),
            ("FAN", ["normal", "Baby", "silent"], {"SetMode"}, ["baby", "sleep"]),
            (
                "AIRPURIFIER",
                ["Auto", "Silent", "Favorite", "Baby", "Allergen"],
                SET_CHANGE,
                ["auto", "sleep", "infant", "removepollen"],
            ),
            (
                "VENTILATOR",
                ["auto", "dry", "Ventilation", "warm_wind"],
                {"SetMode"},
                ["auto", "dry", "ventilating", "warmwind"],
            ),
            (
                "AIRCONDITIONER",
                ["eco", "boost", "sleep"],
                SET_CHANGE,
                ["powersaving", "powercool", "sleep"],
            ),
        ]
    ),
    # FAN permits SetMode only.
    advertises(
        fan(["Auto", "Sleep", "Nature"], "Sleep"),
        {"SetMode"},
        ["auto", "sleep", "baby"],
        "FAN",
        id="fan",
    ),
    advertises(
        fan(["auto", "sleep"], supported_features=FanEntityFeature.TURN_ON),
        *NO_MODES,
        id="fan presets need a preset or speed feature",
    ),
    advertises(
        fan(["none", "auto", "sleep", "baby"], "sleep", "AIRPURIFIER"),
        MODE_ACTIONS,
        ["auto", "sleep", "infant"],
        id="fan as air purifier",
    ),
    advertises(humidifier(), {"SetMode", "ReleaseMode"}, ["light"], "HUMIDIFIER", id="humidifier"),
    advertises(
        Entity(
            HUMIDIFIER,
            "on",
            {"available_modes": ["light"], "mode": "light", "supported_features": 0},
        ),
        *NO_MODES,
        id="humidifier modes need the modes feature",
    ),
    advertises(
        boiler(),
        {"SetMode"},
        ["hotwater", "reheating", "washing"],
        "WATERBOILER",
        id="water heater",
    ),
    *(
        advertises(Entity(BOILER, "hotwater", attributes), *NO_MODES, id=f"water heater {name}")
        for name, attributes in UNUSABLE_OPERATION_LISTS
    ),
]


@pytest.mark.parametrize(("entity", "actions", "codes", "appliance_type"), DISCOVERY)
async def test_discovery(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    entity: Entity,
    actions: set[str],
    codes: list[str],
    appliance_type: str | None,
) -> None:
    clova = await entity.expose(hass, setup_clova)

    appliance = await discovered(clova, entity.entity_id)

    if appliance_type is not None:
        assert appliance["applianceTypes"] == [appliance_type]
    assert MODE_ACTIONS & set(appliance["actions"]) == actions
    allowed = {"type": "string", "enumValues": codes}
    assert action_details(appliance, "SetMode") == (
        [{"action": "SetMode", "allowableValue": allowed}] if codes else []
    )


# --- commands: the service each one calls, and the confirmation -----------------------------


def command(  # noqa: PLR0917 - the columns of the table below
    entity: Entity,
    action: str,
    code: str | None,
    service: str,
    data: dict[str, Any],
    answer: dict[str, Any],
    *,
    id: str,
) -> Any:
    """A case: ``action`` (for ``code``) calls ``service`` with ``data`` and answers ``answer``."""
    return pytest.param(entity, action, code, service, data, answer, id=id)


COMMANDS = [
    *(
        command(
            air_conditioner(HVACMode.HEAT),
            "SetMode",
            code,
            service,
            {field: value},
            changed(code, "heat"),
            id=f"air conditioner {code}",
        )
        for code, service, field, value in [
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
        ]
    ),
    # The current mode is the preset (one with a code) before the operating mode.
    *(
        command(
            air_conditioner(state, preset_mode=preset),
            "SetMode",
            "heat",
            "set_hvac_mode",
            {"hvac_mode": "heat"},
            changed("heat", previous),
            id=f"current mode of {state} with preset {preset}",
        )
        for state, preset, previous in [
            (HVACMode.COOL, "sleep", "sleep"),
            (HVACMode.COOL, "none", "cool"),
            (HVACMode.COOL, "comfort", "cool"),
            (HVACMode.OFF, "eco", "powersaving"),
            (HVACMode.OFF, "none", None),
            (HVACMode.OFF, None, None),
        ]
    ),
    # heat_cool is auto (and the current mode) only where the device has no auto.
    *(
        command(
            air_conditioner(HVACMode.HEAT_COOL, hvac_modes=hvac_modes, supported_features=0),
            "SetMode",
            "auto",
            "set_hvac_mode",
            {"hvac_mode": value},
            changed("auto", previous),
            id=f"auto is {value}",
        )
        for hvac_modes, value, previous in [
            ([HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL], "heat_cool", "auto"),
            ([HVACMode.OFF, HVACMode.COOL, HVACMode.HEAT_COOL, HVACMode.AUTO], "auto", None),
        ]
    ),
    # ChangeMode cycles the operating modes; presets stay out of the cycle.
    *(
        command(
            air_conditioner(state, preset_mode=preset),
            "ChangeMode",
            None,
            "set_hvac_mode",
            {"hvac_mode": value},
            changed(code, previous),
            id=f"change mode from {state} with preset {preset}",
        )
        for state, preset, value, code, previous in [
            (HVACMode.COOL, "none", "heat", "heat", "cool"),
            (HVACMode.HEAT, "none", "dry", "dehumidify", "heat"),
            (HVACMode.FAN_ONLY, "none", "auto", "auto", "fan"),
            (HVACMode.AUTO, "none", "cool", "cool", "auto"),  # back to the first
            (HVACMode.OFF, "none", "cool", "cool", None),  # from a mode without a code
            (HVACMode.DRY, "sleep", "fan_only", "fan", "dehumidify"),
        ]
    ),
    command(
        thermostat(),
        "SetMode",
        "hotwater",
        "set_preset_mode",
        {"preset_mode": "Hot water"},
        changed("hotwater", "away"),
        id="thermostat",
    ),
    # Without the preset, the operating mode is what remains (if any).
    command(
        purifier_climate(),
        "ReleaseMode",
        "sleep",
        "set_preset_mode",
        {"preset_mode": "none"},
        changed("auto", "sleep"),
        id="release the preset",
    ),
    command(
        purifier_climate(HVACMode.OFF),
        "ReleaseMode",
        "sleep",
        "set_preset_mode",
        {"preset_mode": "none"},
        changed(None, "sleep"),
        id="release the preset leaving no mode",
    ),
    # The "auto" preset has no code of its own: the operating mode is the current one.
    command(
        purifier_climate(HVACMode.DRY, preset_modes=["none", "auto", "sleep"], preset_mode="auto"),
        "SetMode",
        "auto",
        "set_hvac_mode",
        {"hvac_mode": "auto"},
        changed("auto", "dehumidify"),
        id="code in two lists",
    ),
    command(
        fan(["Auto", "Sleep", "Nature"], "Sleep"),
        "SetMode",
        "baby",
        "set_preset_mode",
        {"preset_mode": "Nature"},
        changed("baby", "sleep"),
        id="fan",
    ),
    command(
        fan(["none", "auto", "sleep", "baby"], "sleep", "AIRPURIFIER"),
        "ChangeMode",
        None,
        "set_preset_mode",
        {"preset_mode": "baby"},
        changed("infant", "sleep"),
        id="fan as air purifier changes mode",
    ),
    command(
        fan(["none", "auto", "sleep", "baby"], "sleep", "AIRPURIFIER"),
        "ReleaseMode",
        "sleep",
        "set_preset_mode",
        {"preset_mode": "none"},
        changed(None, "sleep"),
        id="fan as air purifier releases the mode",
    ),
    command(
        fan(["auto", "sleep", "baby"], "baby", "AIRPURIFIER"),
        "ChangeMode",
        None,
        "set_preset_mode",
        {"preset_mode": "auto"},
        changed("auto", "infant"),
        id="fan's change mode wraps",
    ),
    command(
        humidifier(),
        "ReleaseMode",
        "light",
        "set_mode",
        {"mode": "normal"},
        changed(None, "light"),
        id="humidifier releases the mode",
    ),
    command(
        humidifier("normal"),
        "SetMode",
        "light",
        "set_mode",
        {"mode": "Light"},
        changed("light", None),
        id="humidifier sets a mode",
    ),
    command(
        boiler(),
        "SetMode",
        "hotwater",
        "set_operation_mode",
        {"operation_mode": "Hot water"},
        changed("hotwater", None),
        id="water heater in eco",
    ),
    command(
        boiler("washing"),
        "SetMode",
        "reheating",
        "set_operation_mode",
        {"operation_mode": "reheating"},
        changed("reheating", "washing"),
        id="water heater washing",
    ),
]


@pytest.mark.parametrize(("entity", "action", "code", "service", "data", "answer"), COMMANDS)
async def test_command_calls_the_service(  # noqa: PLR0917 - the table's columns
    hass: HomeAssistant,
    setup_clova: SetupClova,
    entity: Entity,
    action: str,
    code: str | None,
    service: str,
    data: dict[str, Any],
    answer: dict[str, Any],
) -> None:
    clova = await entity.expose(hass, setup_clova)

    confirmation = await assert_request_calls_service(
        clova,
        action,
        entity.entity_id,
        entity.domain,
        service,
        {ATTR_ENTITY_ID: entity.entity_id, **data},
        payload=mode(code) if code is not None else None,
    )

    assert confirmation["payload"] == answer


# --- answered without a service call: releasing a mode that is not on ----------------------


@pytest.mark.parametrize(
    ("entity", "code", "answer"),
    [
        pytest.param(
            purifier_climate(preset_mode="none"),
            "sleep",
            {**mode("auto"), "previousState": mode("auto")},
            id="a preset",
        ),
        pytest.param(
            purifier_climate(),
            "dehumidify",
            {**mode("sleep"), "previousState": mode("sleep")},
            id="an operating mode",
        ),
        pytest.param(
            purifier_climate(HVACMode.OFF, preset_mode="none"), "sleep", {}, id="no current mode"
        ),
    ],
)
async def test_release_of_an_inactive_mode_changes_nothing(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, code: str, answer: dict[str, Any]
) -> None:
    clova = await entity.expose(hass, setup_clova)

    confirmation = await assert_answered_without_calls(
        clova, "ReleaseMode", entity.entity_id, "ReleaseModeConfirmation", **mode(code)
    )

    assert confirmation["payload"] == answer


# --- refused -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "action", "code"),
    [
        pytest.param(air_conditioner(supported_features=0), "SetMode", "sleep", id="no presets"),
        # A code of the type the entity lacks, another type's code, or no code at all.
        *(
            pytest.param(air_conditioner(), "SetMode", code, id=f"code {code}")
            for code in ["wakeup", "hotwater", "Cool", "nonsense"]
        ),
        pytest.param(thermostat_without_codes(), "SetMode", "away", id="no codes of its type"),
        pytest.param(
            air_conditioner(HVACMode.HEAT, hvac_modes=[HVACMode.OFF, HVACMode.HEAT]),
            "SetMode",
            "sleep",
            id="heater",
        ),
        # An operating mode has no neutral one to return to.
        pytest.param(purifier_climate(), "ReleaseMode", "auto", id="release an operating mode"),
        *(
            pytest.param(purifier_climate(), "ReleaseMode", code, id=f"release {code}")
            for code in ["roomcare", "cool"]
        ),
        pytest.param(
            purifier_climate(preset_modes=["sleep", "eco"]),
            "ReleaseMode",
            "sleep",
            id="release without a neutral preset",
        ),
        pytest.param(
            purifier_climate(hvac_modes=[HVACMode.OFF, HVACMode.AUTO], preset_modes=ONE_EACH),
            "ChangeMode",
            None,
            id="change with one code per list",
        ),
    ],
)
async def test_refused(
    hass: HomeAssistant, setup_clova: SetupClova, entity: Entity, action: str, code: str | None
) -> None:
    clova = await entity.expose(hass, setup_clova)

    answer = await assert_answered_without_calls(
        clova,
        action,
        entity.entity_id,
        "UnsupportedOperationError",
        **(mode(code) if code is not None else {}),
    )

    assert answer["payload"] == {}


async def test_change_mode_without_a_cycle(hass: HomeAssistant) -> None:
    """A capability asked to cycle one mode (the dispatcher never does) refuses."""
    hass.states.async_set(
        AC, HVACMode.COOL, ac_attributes(hvac_modes=["cool"], supported_features=0)
    )
    appliance = Appliance(hass, ApplianceSpec(AC, AC, (AC,)))
    (capability,) = [cap for cap in appliance.capabilities if isinstance(cap, Mode)]
    assert CHANGE_MODE not in capability.supported_actions()

    with pytest.raises(UnsupportedOperationError):
        await capability.async_handle(CHANGE_MODE, {})


# --- Home Assistant's demo entities -----------------------------------------------------------


@pytest.fixture
async def demo(hass: HomeAssistant) -> None:
    """The demo fans, climate devices, humidifiers and water heaters."""
    await async_setup_demo(
        hass, [Platform.FAN, Platform.CLIMATE, Platform.HUMIDIFIER, Platform.WATER_HEATER]
    )


def codes(appliance: dict[str, Any]) -> list[str]:
    """The mode codes an appliance's SetMode takes (none: it has no SetMode)."""
    details = action_details(appliance, "SetMode")
    if not details:
        assert "SetMode" not in appliance["actions"]
        return []
    (detail,) = details
    assert detail["allowableValue"]["type"] == "string"
    return list(detail["allowableValue"]["enumValues"])


async def demo_mode(
    clova: ClovaClient, action: str, entity_id: str, code: str | None = None
) -> dict[str, Any]:
    """Send a mode command to a demo entity; its confirmation's payload, once it acted."""
    target = appliance_id(clova.hass, entity_id)
    answer = await clova.request(action, target, **(mode(code) if code is not None else {}))
    await clova.hass.async_block_till_done()
    assert answer_name(answer) == f"{action}Confirmation", answer
    return dict(answer["payload"])


def shown(hass: HomeAssistant, entity_id: str, attribute: str | None) -> Any:
    """What Home Assistant shows for an entity: its state (None) or an attribute."""
    state = state_of(hass, entity_id)
    return state.state if attribute is None else state.attributes[attribute]


async def assert_demo_steps(
    clova: ClovaClient, steps: list[tuple[str, str, str | None, dict[str, Any], str | None, Any]]
) -> None:
    """Each step: (entity, action, code, the confirmation's payload, what then shows it, value)."""
    for entity_id, action, code, answer, attribute, value in steps:
        assert await demo_mode(clova, action, entity_id, code) == answer, (entity_id, action)
        assert shown(clova.hass, entity_id, attribute) == value, (entity_id, action)


@pytest.mark.usefixtures("demo")
async def test_demo_fan_presets(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    fans = ["fan.living_room_fan", "fan.preset_only_limited_fan", "fan.ceiling_fan"]
    clova = await setup_clova(exposed=fans)
    living_room, preset_only, ceiling = (appliance_id(hass, fan) for fan in fans)

    assert codes(await discovered(clova, living_room)) == ["auto", "sleep"]
    assert codes(await discovered(clova, preset_only)) == ["auto", "sleep"]
    assert codes(await discovered(clova, ceiling)) == []
    await assert_demo_steps(
        clova,
        [
            (fans[1], "SetMode", "sleep", changed("sleep", None), "preset_mode", "sleep"),
            (fans[1], "SetMode", "auto", changed("auto", "sleep"), "preset_mode", "auto"),
        ],
    )
    assert state_of(hass, fans[1]).state == "on"
    await assert_request_fails(
        clova, "SetMode", living_room, "UnsupportedOperationError", mode={"value": "baby"}
    )


@pytest.mark.usefixtures("demo")
async def test_demo_fan_as_air_purifier_cycles(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    fan = "fan.living_room_fan"
    clova = await setup_typed(setup_clova, [fan], {fan: "AIRPURIFIER"})

    await assert_demo_steps(
        clova,
        [
            (fan, "ChangeMode", None, changed("auto", None), "preset_mode", "auto"),
            (fan, "ChangeMode", None, changed("sleep", "auto"), "preset_mode", "sleep"),
            (fan, "ChangeMode", None, changed("auto", "sleep"), "preset_mode", "auto"),
        ],
    )
    # The demo fan has no neutral preset to go back to.
    assert "ReleaseMode" not in (await discovered(clova, appliance_id(hass, fan)))["actions"]


@pytest.mark.usefixtures("demo")
async def test_demo_climates(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    climates = ["climate.hvac", "climate.ecobee", "climate.heatpump"]
    clova = await setup_clova(exposed=climates)
    hvac, ecobee, heatpump = (appliance_id(hass, entity_id) for entity_id in climates)

    assert codes(await discovered(clova, hvac)) == ["heat", "cool", "auto", "dehumidify", "fan"]
    assert codes(await discovered(clova, ecobee)) == [
        "cool", "auto", "dehumidify", "fan", "indoor", "powersaving", "away",
    ]  # fmt: skip
    assert codes(await discovered(clova, heatpump)) == []
    await assert_demo_steps(
        clova,
        [
            # The hvac is cooling: the mode button goes on to auto, then dry.
            (climates[0], "ChangeMode", None, changed("auto", "cool"), None, HVACMode.AUTO),
            (climates[0], "SetMode", "dehumidify", changed("dehumidify", "auto"), None, "dry"),
            # The Ecobee is at home (indoor) in heat_cool, which is not its auto.
            (climates[1], "SetMode", "away", changed("away", "indoor"), "preset_mode", "away"),
            (climates[1], "ChangeMode", None, changed("cool", None), None, HVACMode.COOL),
        ],
    )


@pytest.mark.usefixtures("demo")
async def test_demo_humidifiers(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The hygrostat's home/eco are no humidifier codes; as an air conditioner they are."""
    humidifiers = ["humidifier.hygrostat", "humidifier.humidifier", "humidifier.dehumidifier"]
    clova = await setup_clova(exposed=humidifiers)
    for entity_id in humidifiers:
        appliance = await discovered(clova, appliance_id(hass, entity_id))
        assert not MODE_ACTIONS & set(appliance["actions"]), entity_id

    await declare_types(hass, {humidifiers[0]: "AIRCONDITIONER"})
    assert codes(await discovered(clova, appliance_id(hass, humidifiers[0]))) == [
        "indoor",
        "powersaving",
    ]
    await assert_demo_steps(
        clova,
        [(humidifiers[0], "ChangeMode", None, changed("powersaving", "indoor"), "mode", "eco")],
    )


@pytest.mark.usefixtures("demo")
async def test_demo_water_heater(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Its operation modes are no boiler codes; eco is an air conditioner's power saving."""
    heater = "water_heater.demo_water_heater"
    clova = await setup_clova(exposed=[heater])
    appliance = await discovered(clova, appliance_id(hass, heater))
    assert appliance["applianceTypes"] == ["WATERBOILER"]
    assert codes(appliance) == []

    await declare_types(hass, {heater: "AIRCONDITIONER"})
    await hass.services.async_call(
        "water_heater",
        "set_operation_mode",
        {ATTR_ENTITY_ID: heater, "operation_mode": "gas"},
        blocking=True,
    )
    await assert_demo_steps(
        clova, [(heater, "SetMode", "powersaving", changed("powersaving", None), None, "eco")]
    )
