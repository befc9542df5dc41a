"""Devices shaped like those Home Assistant's SmartThings and LG ThinQ integrations make.

Registry entries and states exactly as those integrations leave them (checked against
Home Assistant 2025.4's ``smartthings/sensor.py``, ``smartthings/switch.py``,
``lg_thinq/sensor.py`` and ``lg_thinq/switch.py``): the platform, the translation keys, the
device classes, the enum options, the units, the entity names (``has_entity_name``: the
state's name is the device's name and the entity's). Nothing of those integrations runs:
the entities are what Clova Home reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry

SMARTTHINGS = "smartthings"
LG_THINQ = "lg_thinq"

# smartthings/sensor.py
WASHER_OPTIONS = ["pause", "run", "stop"]
WASHER_JOB_OPTIONS = [
    "air_wash", "ai_rinse", "ai_spin", "ai_wash", "cooling", "delay_wash", "drying", "finish",
    "none", "pre_wash", "rinse", "spin", "wash", "weight_sensing", "wrinkle_prevent",
    "freeze_protection",
]  # fmt: skip
DRYER_JOB_OPTIONS = [
    "cooling", "delay_wash", "drying", "finished", "none", "refreshing", "weight_sensing",
    "wrinkle_prevent", "dehumidifying", "ai_drying", "sanitizing", "internal_care",
    "freeze_protection", "continuous_dehumidifying", "thawing_frozen_inside",
]  # fmt: skip
DISHWASHER_JOB_OPTIONS = [
    "air_wash", "cooling", "drying", "finish", "pre_drain", "pre_wash", "rinse", "spin",
    "wash", "wrinkle_prevent",
]  # fmt: skip
JOB_OPTIONS = {
    "washer": WASHER_JOB_OPTIONS,
    "dryer": DRYER_JOB_OPTIONS,
    "dishwasher": DISHWASHER_JOB_OPTIONS,
}
# lg_thinq: a washer's ``current_state`` options (the device reports them; these are the
# ones a ThinQ washer lists, from lg_thinq/strings.json).
THINQ_WASHER_STATES = [
    "power_off", "initial", "pause", "detecting", "reservation", "running", "rinsing",
    "spinning", "drying", "cool_down", "rinse_hold", "refreshing", "steam_softening",
    "end", "error", "soaking", "wrinkle_care", "frozen_prevent_initial",
]  # fmt: skip
THINQ_COURSES = ["auto", "heavy", "delicate", "turbo", "normal", "rinse", "refresh", "express"]


@dataclass
class Shaped:
    """A device and its entities, by what they are (``power``, ``job_state``...)."""

    device_id: str
    entities: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, role: str) -> str:
        return self.entities[role]

    @property
    def exposed(self) -> list[str]:
        """Every entity of the device."""
        return list(self.entities.values())

    @property
    def sensors(self) -> list[str]:
        """The device's sensors."""
        return [entity_id for entity_id in self.entities.values() if entity_id[:7] == "sensor."]


class Maker:
    """Registers a device of ``platform`` and its entities, and sets their states."""

    def __init__(
        self, hass: HomeAssistant, platform: str, name: str, manufacturer: str, model: str
    ) -> None:
        self.hass = hass
        self.platform = platform
        self.name = name
        self.entry = MockConfigEntry(domain=platform, title=platform)
        self.entry.add_to_hass(hass)
        self.device = dr.async_get(hass).async_get_or_create(
            config_entry_id=self.entry.entry_id,
            identifiers={(platform, name.lower().replace(" ", "_"))},
            manufacturer=manufacturer,
            model=model,
            name=name,
        )
        self.shaped = Shaped(self.device.id)

    def add(
        self,
        role: str,
        entity_id: str,
        state: str,
        *,
        name: str | None,
        translation_key: str | None = None,
        device_class: str | None = None,
        unit: str | None = None,
        options: Sequence[str] | None = None,
        state_class: str | None = None,
        entity_category: EntityCategory | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> er.RegistryEntry:
        """Register one entity as its integration would, and set its state."""
        domain, object_id = entity_id.split(".")
        capabilities: dict[str, Any] = {}
        if options is not None:
            capabilities["options"] = list(options)
        if state_class is not None:
            capabilities["state_class"] = state_class
        entry = er.async_get(self.hass).async_get_or_create(
            domain,
            self.platform,
            f"{self.device.id}_{role}",
            suggested_object_id=object_id,
            config_entry=self.entry,
            device_id=self.device.id,
            has_entity_name=True,
            original_name=name,
            original_device_class=device_class,
            translation_key=translation_key,
            unit_of_measurement=unit,
            entity_category=entity_category,
            capabilities=capabilities or None,
        )
        assert entry.entity_id == entity_id
        attributes: dict[str, Any] = {
            **capabilities,
            "friendly_name": f"{self.name} {name}" if name else self.name,
            **(extra or {}),
        }
        if device_class is not None:
            attributes["device_class"] = device_class
        if unit is not None:
            attributes["unit_of_measurement"] = unit
        self.hass.states.async_set(entity_id, state, attributes)
        self.shaped.entities[role] = entity_id
        return entry


def in_minutes(minutes: float) -> str:
    """A timestamp sensor's state ``minutes`` from now (ISO 8601, UTC)."""
    return (dt_util.utcnow() + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def smartthings_laundry(
    hass: HomeAssistant,
    kind: str = "washer",
    *,
    switch: bool = True,
    machine_state: str = "run",
    job_state: str = "wash",
    completion: str | None = None,
) -> Shaped:
    """A Samsung washer, dryer or dishwasher through SmartThings (``kind``: washer, dryer...).

    Its ``<kind>OperatingState`` capability makes the machine-state and job-state enum
    sensors and the completion-time timestamp; ``powerConsumptionReport`` the energy and
    power sensors; ``switch`` the power switch (the device's own entity: no name, no
    translation key). Newer Home Assistant releases no longer make the switch for
    appliances (``switch=False``).
    """
    title = kind.title()
    maker = Maker(hass, SMARTTHINGS, title, "Samsung Electronics", f"{title} model")
    if switch:
        maker.add("power", f"switch.{kind}", "on", name=None)
    maker.add(
        "machine_state",
        f"sensor.{kind}_machine_state",
        machine_state,
        name="Machine state",
        translation_key=f"{kind}_machine_state",
        device_class="enum",
        options=WASHER_OPTIONS,
    )
    maker.add(
        "job_state",
        f"sensor.{kind}_job_state",
        job_state,
        name="Job state",
        translation_key=f"{kind}_job_state",
        device_class="enum",
        options=JOB_OPTIONS[kind],
    )
    maker.add(
        "completion_time",
        f"sensor.{kind}_completion_time",
        completion if completion is not None else in_minutes(65.3),
        name="Completion time",
        translation_key="completion_time",
        device_class="timestamp",
    )
    maker.add(
        "energy",
        f"sensor.{kind}_energy",
        "12.3",
        name="Energy",
        device_class="energy",
        unit="kWh",
        state_class="total_increasing",
    )
    maker.add(
        "power_meter",
        f"sensor.{kind}_power",
        "350",
        name="Power",
        device_class="power",
        unit="W",
        state_class="measurement",
    )
    return maker.shaped


def thinq_laundry(
    hass: HomeAssistant,
    name: str = "Washer",
    *,
    state: str = "rinsing",
    remain: str | None = None,
    total: str = "95",
) -> Shaped:
    """An LG washer (or dryer, styler: the same sensors) through LG ThinQ.

    ``current_state`` (enum), ``remain`` (timestamp: when it ends), ``total`` (duration in
    minutes), ``relative_to_start_wm`` (timestamp: the delayed start) and the cycle count.
    ThinQ makes no power switch for washers: the device is sensors only.
    """
    slug = name.lower().replace(" ", "_")
    maker = Maker(hass, LG_THINQ, name, "LGE", "F24V")
    maker.add(
        "current_state",
        f"sensor.{slug}_current_status",
        state,
        name="Current status",
        translation_key="current_state",
        device_class="enum",
        options=THINQ_WASHER_STATES,
    )
    maker.add(
        "remain",
        f"sensor.{slug}_remaining_time",
        remain if remain is not None else in_minutes(42),
        name="Remaining time",
        translation_key="remain",
        device_class="timestamp",
    )
    maker.add(
        "total",
        f"sensor.{slug}_total_time",
        total,
        name="Total time",
        translation_key="total",
        device_class="duration",
        unit="min",
    )
    maker.add(
        "relative_to_start_wm",
        f"sensor.{slug}_delayed_start",
        in_minutes(300),
        name="Delayed start",
        translation_key="relative_to_start_wm",
        device_class="timestamp",
    )
    maker.add(
        "cycle_count", f"sensor.{slug}_cycles", "12", name="Cycles", translation_key="cycle_count"
    )
    return maker.shaped


def thinq_dishwasher(hass: HomeAssistant, *, state: str = "drying") -> Shaped:
    """An LG dishwasher: its course and rinse level (enums) besides its state and timers."""
    maker = Maker(hass, LG_THINQ, "Dishwasher", "LGE", "DFB")
    maker.add(
        "course",
        "sensor.dishwasher_current_cycle",
        "normal",
        name="Current cycle",
        translation_key="current_dish_washing_course",
        device_class="enum",
        options=THINQ_COURSES,
    )
    maker.add(
        "rinse_level",
        "sensor.dishwasher_rinse_aid_dispenser_level",
        "level_2",
        name="Rinse aid dispenser level",
        translation_key="rinse_level",
        device_class="enum",
        options=["level_0", "level_1", "level_2", "level_3", "level_4"],
    )
    maker.add(
        "current_state",
        "sensor.dishwasher_current_status",
        state,
        name="Current status",
        translation_key="current_state",
        device_class="enum",
        options=THINQ_WASHER_STATES,
    )
    maker.add(
        "total",
        "sensor.dishwasher_total_time",
        "120",
        name="Total time",
        translation_key="total",
        device_class="duration",
        unit="min",
    )
    maker.add(
        "remain",
        "sensor.dishwasher_remaining_time",
        in_minutes(30),
        name="Remaining time",
        translation_key="remain",
        device_class="timestamp",
    )
    return maker.shaped


def thinq_air_purifier(hass: HomeAssistant) -> Shaped:
    """An LG air purifier: a power switch, dust, humidity, filter and mode sensors, timers."""
    maker = Maker(hass, LG_THINQ, "Air purifier", "LGE", "AS300")
    maker.add(
        "power", "switch.air_purifier_power", "on", name="Power", translation_key="operation_power"
    )
    for role, device_class, value in (
        ("pm1", "pm1", "3"),
        ("pm25", "pm25", "18"),
        ("pm10", "pm10", "25"),
    ):
        maker.add(
            role,
            f"sensor.air_purifier_{role}",
            value,
            name=role.upper().replace("PM25", "PM2.5"),
            device_class=device_class,
            unit="µg/m³",
            state_class="measurement",
        )
    maker.add(
        "humidity",
        "sensor.air_purifier_humidity",
        "45",
        name="Humidity",
        device_class="humidity",
        unit="%",
        state_class="measurement",
    )
    maker.add(
        "odor_level",
        "sensor.air_purifier_odor",
        "weak",
        name="Odor",
        translation_key="odor_level",
        device_class="enum",
        options=["invalid", "weak", "normal", "strong", "very_strong"],
    )
    maker.add(
        "total_pollution_level",
        "sensor.air_purifier_overall_air_quality",
        "good",
        name="Overall air quality",
        translation_key="total_pollution_level",
        device_class="enum",
        options=["invalid", "good", "normal", "bad", "very_bad"],
    )
    maker.add(
        "filter",
        "sensor.air_purifier_filter_remaining",
        "72",
        name="Filter remaining",
        translation_key="filter_lifetime",
        unit="%",
    )
    maker.add(
        "job_mode",
        "sensor.air_purifier_operating_mode",
        "clean",
        name="Operating mode",
        translation_key="current_job_mode",
        device_class="enum",
        options=["clean", "auto", "sleep", "silent", "humidify", "booster"],
    )
    for role, label in (
        ("absolute_to_start", "Schedule turn-on"),
        ("absolute_to_stop", "Schedule turn-off"),
    ):
        maker.add(
            role,
            f"sensor.air_purifier_{label.lower().replace(' ', '_').replace('-', '_')}",
            "unknown",
            name=label,
            translation_key=role,
            device_class="timestamp",
        )
    return maker.shaped
