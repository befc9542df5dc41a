"""Appliances made of sensors and switches: washers, dryers, dishwashers, cookers, purifiers.

Devices shaped exactly like those of Home Assistant's SmartThings and LG ThinQ integrations
(``appliance_shapes``), asked through the signed gate: GetPhase from their run-state
sensors, GetRemainingTime from their remaining-time or completion-time sensors,
GetExpendableState from their filter sensors, TurnOn/TurnOff through their power switch.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest

from custom_components.clova_home.const import CONF_APPLIANCE_TYPES
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES

from .appliance_shapes import (
    LG_THINQ,
    Maker,
    Shaped,
    in_minutes,
    smartthings_laundry,
    thinq_dishwasher,
    thinq_laundry,
)
from .assertions import assert_request_calls_service, assert_request_fails, state_of
from .conftest import SetupClova
from .helpers import ClovaClient
from .toolkit import ask, discover, read_at

RUN_QUERIES = ["GetDeviceState", "GetPhase", "GetRemainingTime", "HealthCheck"]


def registry_id(hass: HomeAssistant, entity_id: str) -> str:
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    return entry.id


async def expose(
    setup_clova: SetupClova, shaped: Shaped, types: dict[str, str] | None = None
) -> ClovaClient:
    """Clova Home exposing the whole device (with the Clova types chosen, if any)."""
    return await setup_clova(
        exposed=shaped.exposed, options={CONF_APPLIANCE_TYPES: types} if types else None
    )


def set_state(hass: HomeAssistant, entity_id: str, state: str, **changed: Any) -> None:
    """A new state for an entity, its attributes kept (and some changed)."""
    hass.states.async_set(entity_id, state, {**state_of(hass, entity_id).attributes, **changed})


# --- SmartThings: the type is told ----------------------------------------------------------


async def test_smartthings_washer_with_its_power_switch(
    hass: HomeAssistant, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    washer = smartthings_laundry(hass)
    clova = await expose(setup_clova, washer)
    washer_id = registry_id(hass, washer["power"])

    appliances = await discover(clova)

    assert list(appliances) == [washer_id]
    appliance = appliances[washer_id]
    assert appliance["applianceTypes"] == ["CLOTHESWASHER"]
    assert appliance["actions"] == sorted([*RUN_QUERIES, "TurnOff", "TurnOn"])
    assert appliance["friendlyName"] == "Washer"
    assert appliance["manufacturerName"] == "Samsung Electronics"
    assert await ask(clova, "GetPhase", washer_id) == {
        "phase": {"value": "wash"},
        "applianceResponseTimestamp": read_at(hass, washer["job_state"]),
    }
    assert await ask(clova, "GetRemainingTime", washer_id) == {
        "remainingTime": "PT1H5M",
        "applianceResponseTimestamp": read_at(hass, washer["completion_time"]),
    }
    health = await clova.request("HealthCheck", washer_id)
    assert health["payload"] == {"isReachable": True, "isTurnOn": True}
    for action, service in (("TurnOn", "turn_on"), ("TurnOff", "turn_off")):
        await assert_request_calls_service(
            clova, action, washer_id, "switch", service, {"entity_id": "switch.washer"}
        )
    # Its sensors are no appliances of their own.
    await assert_request_fails(
        clova, "GetPhase", registry_id(hass, washer["job_state"]), "NoSuchTargetError"
    )


@pytest.mark.parametrize(
    ("kind", "appliance_type", "job", "phase"),
    [
        ("washer", "CLOTHESWASHER", "ai_rinse", "rinse"),
        ("dryer", "CLOTHESDRYER", "drying", "drying"),
        ("dishwasher", "DISHWASHER", "pre_drain", "draining"),
    ],
)
@pytest.mark.parametrize("switch", [True, False])
async def test_smartthings_appliances_are_told(  # noqa: PLR0917
    hass: HomeAssistant,
    setup_clova: SetupClova,
    kind: str,
    appliance_type: str,
    job: str,
    phase: str,
    switch: bool,
) -> None:
    """With or without the power switch (newer releases make none for appliances)."""
    shaped = smartthings_laundry(hass, kind, switch=switch, job_state=job)
    clova = await expose(setup_clova, shaped)
    appliance_id = registry_id(hass, shaped["power"]) if switch else shaped.device_id

    appliance = (await discover(clova))[appliance_id]

    assert appliance["applianceTypes"] == [appliance_type]
    power = ["TurnOff", "TurnOn"] if switch else []
    assert appliance["actions"] == sorted([*RUN_QUERIES, *power])
    assert appliance["friendlyName"] == kind.title()
    assert (await ask(clova, "GetPhase", appliance_id))["phase"] == {"value": phase}
    assert (await ask(clova, "GetRemainingTime", appliance_id))["remainingTime"]


async def test_working_follows_the_phase_without_a_switch(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    washer = smartthings_laundry(hass, switch=False)
    clova = await expose(setup_clova, washer)

    working = await clova.request("HealthCheck", washer.device_id)
    set_state(hass, washer["job_state"], "none")
    set_state(hass, washer["machine_state"], "stop")
    stopped = await clova.request("HealthCheck", washer.device_id)

    assert working["payload"] == {"isReachable": True, "isTurnOn": True}
    assert stopped["payload"] == {"isReachable": True, "isTurnOn": False}
    # No job: the machine state tells the phase.
    assert await ask(clova, "GetPhase", washer.device_id) == {
        "phase": {"value": "stopped"},
        "applianceResponseTimestamp": read_at(hass, washer["machine_state"]),
    }
    set_state(hass, washer["machine_state"], "run")
    assert (await ask(clova, "GetPhase", washer.device_id))["phase"] == {"value": "running"}
    assert (await clova.request("HealthCheck", washer.device_id))["payload"]["isTurnOn"]


async def test_the_users_type_wins_over_the_told_one(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    washer = smartthings_laundry(hass)
    clova = await expose(setup_clova, washer, {washer["power"]: "switch"})

    appliance = (await discover(clova))[registry_id(hass, washer["power"])]

    assert appliance["applianceTypes"] == ["SWITCH"]
    assert appliance["actions"] == ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"]


async def test_what_tells_no_type(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A washer-dryer, a setting's switch, another integration's look-alike: not told."""
    combo = smartthings_laundry(hass, "washer")
    dryer = smartthings_laundry(hass, "dryer", switch=False)
    er.async_get(hass).async_update_entity(dryer["job_state"], device_id=combo.device_id)
    setting = Maker(hass, "smartthings", "Washer two", "Samsung Electronics", "WW")
    setting.add("bubble", "switch.washer_two_bubble_soak", "off", name="Bubble soak",
                translation_key="bubble_soak")  # fmt: skip
    setting.add("job_state", "sensor.washer_two_job_state", "wash", name="Job state",
                translation_key="washer_job_state", device_class="enum")  # fmt: skip
    other = Maker(hass, LG_THINQ, "Washer three", "LGE", "F2")
    other.add("job_state", "sensor.washer_three_job_state", "wash", name="Job state",
              translation_key="washer_job_state", device_class="enum")  # fmt: skip
    clova = await setup_clova(
        exposed=[
            combo["power"],
            combo["job_state"],
            dryer["job_state"],
            *setting.shaped.exposed,
            *other.shaped.exposed,
        ]
    )

    appliances = await discover(clova)

    assert appliances[registry_id(hass, combo["power"])]["applianceTypes"] == ["SWITCH"]
    bubble = appliances[registry_id(hass, "switch.washer_two_bubble_soak")]
    assert bubble["applianceTypes"] == ["SWITCH"]
    # A lone enum sensor of another integration is no appliance Clova has a type for.
    assert other.shaped.device_id not in appliances


# --- GetPhase ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "job", "machine", "phase"),
    [
        ("ko", "wash", "run", "세탁"),
        ("ko", "spin", "run", "탈수"),
        ("ko", "none", "pause", "일시정지"),
        ("ja", "rinse", "run", "すすぎ"),
        ("ja", "finish", "stop", "完了"),
        ("en", "wrinkle_prevent", "run", "wrinkle prevention"),
    ],
)
async def test_phase_in_the_home_language(  # noqa: PLR0917
    hass: HomeAssistant,
    setup_clova: SetupClova,
    language: str,
    job: str,
    machine: str,
    phase: str,
) -> None:
    hass.config.language = language
    washer = smartthings_laundry(hass, job_state=job, machine_state=machine)
    clova = await expose(setup_clova, washer)

    answer = await ask(clova, "GetPhase", registry_id(hass, washer["power"]))

    assert answer["phase"] == {"value": phase}


@pytest.mark.parametrize(
    ("language", "phase"), [("ko", "내부 관리"), ("en", "Internal care"), ("ja", "内部ケア")]
)
async def test_a_phase_not_in_the_tables_as_its_integration_names_it(
    hass: HomeAssistant, setup_clova: SetupClova, language: str, phase: str
) -> None:
    """SmartThings' own translation of the state."""
    hass.config.language = language
    dryer = smartthings_laundry(hass, "dryer", job_state="internal_care")
    clova = await expose(setup_clova, dryer)

    answer = await ask(clova, "GetPhase", registry_id(hass, dryer["power"]))

    assert answer["phase"] == {"value": phase}


async def test_a_phase_nobody_names_is_said_as_it_is(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    maker = Maker(hass, "acme", "Cooker", "Acme", "C1")
    maker.add("state", "sensor.cooker_program", "gaba_rice_step_2", name="Program",
              device_class="enum", options=["gaba_rice_step_1", "gaba_rice_step_2"])  # fmt: skip
    untranslated = Maker(hass, "acme", "Cooker two", "Acme", "C2")
    untranslated.add("state", "sensor.cooker_two_program", "slow_cook", name="Program",
                     translation_key="program", device_class="enum")  # fmt: skip
    clova = await setup_clova(
        exposed=[*maker.shaped.exposed, *untranslated.shaped.exposed],
        options={
            CONF_APPLIANCE_TYPES: {
                "sensor.cooker_program": "ricecooker",
                "sensor.cooker_two_program": "ricecooker",
            }
        },
    )

    first = await ask(clova, "GetPhase", maker.shaped.device_id)
    second = await ask(clova, "GetPhase", untranslated.shaped.device_id)

    assert first["phase"] == {"value": "gaba rice step 2"}
    assert second["phase"] == {"value": "slow cook"}


async def test_phase_errors(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    washer = smartthings_laundry(hass)
    clova = await expose(setup_clova, washer)
    washer_id = registry_id(hass, washer["power"])

    set_state(hass, washer["job_state"], "unknown")
    set_state(hass, washer["machine_state"], "unknown")
    await assert_request_fails(clova, "GetPhase", washer_id, "ValueNotFoundError")
    set_state(hass, washer["job_state"], "none")
    await assert_request_fails(clova, "GetPhase", washer_id, "ValueNotFoundError")
    # The switch is online, the run-state sensors are not.
    set_state(hass, washer["job_state"], "unavailable")
    set_state(hass, washer["machine_state"], "unavailable")
    await assert_request_fails(clova, "GetPhase", washer_id, "TargetOfflineError")
    # One left is enough.
    set_state(hass, washer["machine_state"], "pause")
    assert (await ask(clova, "GetPhase", washer_id))["phase"] == {"value": "paused"}
    # The switch offline: the washer is.
    set_state(hass, washer["power"], "unavailable")
    await assert_request_fails(clova, "GetPhase", washer_id, "TargetOfflineError")


# --- GetRemainingTime ---------------------------------------------------------------------


async def test_remaining_time_from_the_completion_time(
    hass: HomeAssistant, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    # On a whole second: the timestamps' states have none.
    freezer.move_to(dt_util.utcnow().replace(microsecond=0) + timedelta(seconds=1))
    washer = smartthings_laundry(hass, completion=in_minutes(0.75))
    clova = await expose(setup_clova, washer)
    washer_id = registry_id(hass, washer["power"])

    assert (await ask(clova, "GetRemainingTime", washer_id))["remainingTime"] == "PT45S"
    set_state(hass, washer["completion_time"], in_minutes(26 * 60 + 3))
    assert (await ask(clova, "GetRemainingTime", washer_id))["remainingTime"] == "P1DT2H3M"
    # Finished a while ago: nothing left.
    set_state(hass, washer["completion_time"], in_minutes(-30))
    assert (await ask(clova, "GetRemainingTime", washer_id))["remainingTime"] == "PT0S"
    for unreadable in ("unknown", "soon", "2025-06-01T10:00:00"):  # the last one: no offset
        set_state(hass, washer["completion_time"], unreadable)
        await assert_request_fails(clova, "GetRemainingTime", washer_id, "ValueNotFoundError")
    set_state(hass, washer["completion_time"], "unavailable")
    await assert_request_fails(clova, "GetRemainingTime", washer_id, "TargetOfflineError")


@pytest.mark.parametrize(
    ("value", "unit", "remaining"),
    [
        ("95", "min", "PT1H35M"),
        ("1.5", "h", "PT1H30M"),
        ("45", "s", "PT45S"),
        ("0", "min", "PT0S"),
        ("2", "d", "P2D"),
    ],
)
async def test_remaining_time_from_a_duration(
    hass: HomeAssistant, setup_clova: SetupClova, value: str, unit: str, remaining: str
) -> None:
    """A remaining-time duration sensor (Miele's and Home Connect's shape), converted."""
    maker = Maker(hass, "acme", "Dryer", "Acme", "D1")
    maker.add("power", "switch.dryer", "on", name=None)
    maker.add("remaining", "sensor.dryer_remaining_time", value, name="Remaining time",
              translation_key="remaining_time", device_class="duration", unit=unit)  # fmt: skip
    maker.add("elapsed", "sensor.dryer_elapsed_time", "20", name="Elapsed time",
              translation_key="elapsed_time", device_class="duration", unit="min")  # fmt: skip
    clova = await expose(setup_clova, maker.shaped, {"switch.dryer": "clothesdryer"})
    dryer_id = registry_id(hass, "switch.dryer")

    assert await ask(clova, "GetRemainingTime", dryer_id) == {
        "remainingTime": remaining,
        "applianceResponseTimestamp": read_at(hass, "sensor.dryer_remaining_time"),
    }
    actions = (await discover(clova))[dryer_id]["actions"]
    assert actions == ["GetDeviceState", "GetRemainingTime", "HealthCheck", "TurnOff", "TurnOn"]


@pytest.mark.parametrize(
    ("value", "unit"),
    [("-5", "min"), ("soon", "min"), ("unknown", "min"), ("5", "kWh"), ("5", None)],
)
async def test_remaining_time_without_a_value(
    hass: HomeAssistant, setup_clova: SetupClova, value: str, unit: str | None
) -> None:
    maker = Maker(hass, "acme", "Oven", "Acme", "O1")
    maker.add("remaining", "sensor.oven_time_left", value, name="Time left",
              device_class="duration", unit=unit)  # fmt: skip
    clova = await expose(setup_clova, maker.shaped, {"sensor.oven_time_left": "oven"})

    await assert_request_fails(
        clova, "GetRemainingTime", maker.shaped.device_id, "ValueNotFoundError"
    )


async def test_only_a_sensor_named_for_what_remains_or_the_only_one(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Two timers named for nothing that remains tell no remaining time; one alone does."""
    two = Maker(hass, "acme", "Cooker", "Acme", "C1")
    two.add("power", "switch.cooker", "on", name=None)
    two.add("start", "sensor.cooker_start", in_minutes(10), name="Start", device_class="timestamp")
    two.add("total", "sensor.cooker_total", "40", name="Total", device_class="duration", unit="min")
    one = Maker(hass, "acme", "Kettle", "Acme", "K1")
    one.add("power", "switch.kettle", "on", name=None)
    one.add("timer", "sensor.kettle_timer", "3", name="Timer", device_class="duration", unit="min")
    clova = await setup_clova(
        exposed=[*two.shaped.exposed, *one.shaped.exposed],
        options={
            CONF_APPLIANCE_TYPES: {"switch.cooker": "ricecooker", "switch.kettle": "microwave"}
        },
    )

    appliances = await discover(clova)

    assert "GetRemainingTime" not in appliances[registry_id(hass, "switch.cooker")]["actions"]
    kettle = registry_id(hass, "switch.kettle")
    assert "GetRemainingTime" in appliances[kettle]["actions"]
    assert (await ask(clova, "GetRemainingTime", kettle))["remainingTime"] == "PT3M"
    await assert_request_fails(
        clova, "GetRemainingTime", registry_id(hass, "switch.cooker"), "UnsupportedOperationError"
    )


# --- LG ThinQ: sensors only, the type is the user's ----------------------------------------------


async def test_thinq_washer_needs_the_users_type(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    washer = thinq_laundry(hass)
    clova = await expose(setup_clova, washer)

    assert await discover(clova) == {}


async def test_thinq_washer_typed_by_any_of_its_sensors(
    hass: HomeAssistant, setup_clova: SetupClova, freezer: FrozenDateTimeFactory
) -> None:
    """The type chosen for one of the sensors (not the first) is the whole device's."""
    washer = thinq_laundry(hass)
    clova = await expose(setup_clova, washer, {washer["remain"]: "clotheswasher"})

    appliances = await discover(clova)

    assert list(appliances) == [washer.device_id]
    appliance = appliances[washer.device_id]
    assert appliance["applianceTypes"] == ["CLOTHESWASHER"]
    assert appliance["actions"] == RUN_QUERIES
    assert appliance["friendlyName"] == "Washer"
    assert appliance["manufacturerName"] == "LGE"
    assert await ask(clova, "GetPhase", washer.device_id) == {
        "phase": {"value": "rinse"},
        "applianceResponseTimestamp": read_at(hass, washer["current_state"]),
    }
    # The remaining time, not the total time nor the delayed start.
    assert await ask(clova, "GetRemainingTime", washer.device_id) == {
        "remainingTime": "PT42M",
        "applianceResponseTimestamp": read_at(hass, washer["remain"]),
    }
    assert (await clova.request("HealthCheck", washer.device_id))["payload"] == {
        "isReachable": True,
        "isTurnOn": True,
    }
    set_state(hass, washer["current_state"], "power_off")
    set_state(hass, washer["remain"], "unknown")
    assert (await ask(clova, "GetPhase", washer.device_id))["phase"] == {"value": "off"}
    assert (await clova.request("HealthCheck", washer.device_id))["payload"]["isTurnOn"] is False
    await assert_request_fails(clova, "GetRemainingTime", washer.device_id, "ValueNotFoundError")


@pytest.mark.parametrize(
    ("appliance_type", "queries"),
    [
        ("CLOTHESWASHER", {"GetPhase", "GetRemainingTime"}),
        ("CLOTHESDRYER", {"GetPhase", "GetRemainingTime"}),
        ("CLOTHESCAREMACHINE", {"GetPhase", "GetRemainingTime"}),
        ("DISHWASHER", {"GetPhase", "GetRemainingTime"}),
        ("RICECOOKER", {"GetPhase", "GetRemainingTime"}),
        ("MICROWAVE", {"GetRemainingTime"}),
        ("OVEN", {"GetRemainingTime"}),
        ("REFRIGERATOR", set()),
    ],
)
async def test_a_declared_type_offers_what_its_members_answer(
    hass: HomeAssistant, setup_clova: SetupClova, appliance_type: str, queries: set[str]
) -> None:
    washer = thinq_laundry(hass, "Styler")
    clova = await expose(setup_clova, washer, {washer["current_state"]: appliance_type.lower()})

    actions = set((await discover(clova))[washer.device_id]["actions"])

    assert actions == queries | (
        {"GetDeviceState", "HealthCheck"} & APPLIANCE_TYPES[appliance_type]
    )
    for query in queries:
        assert await ask(clova, query, washer.device_id)
    for query in {"GetPhase", "GetRemainingTime"} - queries:
        await assert_request_fails(clova, query, washer.device_id, "UnsupportedOperationError")


async def test_thinq_dishwasher_phase_is_its_state_not_its_course(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    dishwasher = thinq_dishwasher(hass)
    clova = await expose(setup_clova, dishwasher, {dishwasher["current_state"]: "dishwasher"})

    assert (await ask(clova, "GetPhase", dishwasher.device_id))["phase"] == {"value": "drying"}
    set_state(hass, dishwasher["current_state"], "initial")
    assert (await ask(clova, "GetPhase", dishwasher.device_id))["phase"] == {"value": "standby"}
    set_state(hass, dishwasher["current_state"], "unavailable")
    # The course still says something (not a phase of the tables: as ThinQ names it).
    assert (await ask(clova, "GetPhase", dishwasher.device_id))["phase"] == {"value": "Normal"}
    set_state(hass, dishwasher["course"], "unavailable")
    await assert_request_fails(clova, "GetPhase", dishwasher.device_id, "TargetOfflineError")


async def test_thinq_washer_offline(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    washer = thinq_laundry(hass)
    clova = await expose(setup_clova, washer, {washer["current_state"]: "clotheswasher"})
    for entity_id in washer.sensors:
        set_state(hass, entity_id, "unavailable")

    appliance = (await discover(clova))[washer.device_id]

    # Typed and planned from the registry while it is offline.
    assert appliance["isReachable"] is False
    assert appliance["actions"] == RUN_QUERIES
    for query in ("GetPhase", "GetRemainingTime", "GetDeviceState"):
        await assert_request_fails(clova, query, washer.device_id, "TargetOfflineError")
    assert (await clova.request("HealthCheck", washer.device_id))["payload"] == {
        "isReachable": False,
        "isTurnOn": False,
    }
    # Only the remaining time offline.
    set_state(hass, washer["current_state"], "running")
    await assert_request_fails(clova, "GetRemainingTime", washer.device_id, "TargetOfflineError")
    assert (await ask(clova, "GetPhase", washer.device_id))["phase"] == {"value": "running"}


# --- GetExpendableState -------------------------------------------------------------------


def water_purifier(hass: HomeAssistant) -> Shaped:
    """A water purifier: dispensing state, and LG ThinQ's two filter sensors (%, hours)."""
    maker = Maker(hass, LG_THINQ, "Water purifier", "LGE", "WD")
    maker.add("cock_state", "sensor.water_purifier_uvnano", "on", name="UVnano",
              translation_key="cock_state", device_class="enum", options=["on", "off"])  # fmt: skip
    maker.add("filter_percent", "sensor.water_purifier_filter_remaining", "80",
              name="Filter remaining", translation_key="filter_lifetime", unit="%")  # fmt: skip
    maker.add("filter_hours", "sensor.water_purifier_filter_remaining_2", "4000",
              name="Filter remaining", translation_key="filter_lifetime", unit="h")  # fmt: skip
    maker.add("used", "sensor.water_purifier_water_filter_used", "7", name="Water filter used",
              translation_key="used_time", unit="months")  # fmt: skip
    return maker.shaped


async def test_water_purifier_filters(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    purifier = water_purifier(hass)
    er.async_get(hass).async_update_entity(purifier["filter_hours"], name="Carbon filter")
    clova = await expose(setup_clova, purifier, {purifier["cock_state"]: "purifier"})
    device_id = purifier.device_id

    appliance = (await discover(clova))[device_id]

    assert appliance["applianceTypes"] == ["PURIFIER"]
    assert appliance["actions"] == ["GetDeviceState", "GetExpendableState", "HealthCheck"]
    assert await ask(clova, "GetExpendableState", device_id) == {
        "expendableInfo": [
            {"name": "Filter remaining", "usage": {"value": 80, "unit": "percentage"}},
            {"name": "Carbon filter", "remainingTime": "P166DT16H"},
        ],
        "applianceResponseTimestamp": read_at(hass, purifier["filter_hours"]),
    }
    # One unreadable: the other alone.
    set_state(hass, purifier["filter_hours"], "unknown")
    assert (await ask(clova, "GetExpendableState", device_id))["expendableInfo"] == [
        {"name": "Filter remaining", "usage": {"value": 80, "unit": "percentage"}}
    ]
    set_state(hass, purifier["filter_percent"], "unavailable")
    await assert_request_fails(clova, "GetExpendableState", device_id, "ValueNotFoundError")
    set_state(hass, purifier["filter_hours"], "unavailable")
    await assert_request_fails(clova, "GetExpendableState", device_id, "TargetOfflineError")
    set_state(hass, purifier["filter_hours"], "-1")
    await assert_request_fails(clova, "GetExpendableState", device_id, "ValueNotFoundError")


async def test_bidet_filter_and_power(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A switch with a filter sensor of its device, declared a BIDET."""
    maker = Maker(hass, "acme", "Bidet", "Acme", "B1")
    maker.add("power", "switch.bidet", "off", name=None)
    maker.add("filter", "sensor.bidet_filter_life", "35.5", name="Filter life", unit="%")
    maker.add(
        "battery", "sensor.bidet_battery", "90", name="Battery", device_class="battery", unit="%"
    )
    clova = await expose(setup_clova, maker.shaped, {"switch.bidet": "bidet"})
    bidet_id = registry_id(hass, "switch.bidet")

    appliance = (await discover(clova))[bidet_id]

    assert appliance["actions"] == [
        "GetDeviceState", "GetExpendableState", "HealthCheck", "TurnOff", "TurnOn",
    ]  # fmt: skip
    assert await ask(clova, "GetExpendableState", bidet_id) == {
        "expendableInfo": [{"name": "Filter life", "usage": {"value": 35.5, "unit": "percentage"}}],
        "applianceResponseTimestamp": read_at(hass, "sensor.bidet_filter_life"),
    }
    await assert_request_calls_service(
        clova, "TurnOn", bidet_id, "switch", "turn_on", {"entity_id": "switch.bidet"}
    )


async def test_a_filter_sensor_of_no_device(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A sensor without a registry entry is its own appliance, named as its state is."""
    attributes = {"unit_of_measurement": "%", "friendly_name": "Kitchen tap filter"}
    hass.states.async_set("sensor.kitchen_tap_filter", "64", attributes)
    clova = await setup_clova(
        exposed=["sensor.kitchen_tap_filter"],
        options={CONF_APPLIANCE_TYPES: {"sensor.kitchen_tap_filter": "purifier"}},
    )

    assert await ask(clova, "GetExpendableState", "sensor.kitchen_tap_filter") == {
        "expendableInfo": [
            {"name": "Kitchen tap filter", "usage": {"value": 64, "unit": "percentage"}}
        ],
        "applianceResponseTimestamp": read_at(hass, "sensor.kitchen_tap_filter"),
    }
    hass.states.async_set("sensor.kitchen_tap_filter", "unknown", attributes)
    await assert_request_fails(
        clova, "GetExpendableState", "sensor.kitchen_tap_filter", "ValueNotFoundError"
    )


async def test_no_filter_life_where_the_type_has_none(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """An air purifier's filter: Clova's AIRPURIFIER has no GetExpendableState (KO21)."""
    purifier = water_purifier(hass)
    clova = await expose(setup_clova, purifier, {purifier["cock_state"]: "airpurifier"})

    assert "GetExpendableState" not in (await discover(clova))[purifier.device_id]["actions"]
    await assert_request_fails(
        clova, "GetExpendableState", purifier.device_id, "UnsupportedOperationError"
    )
