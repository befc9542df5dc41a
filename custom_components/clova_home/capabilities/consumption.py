"""GetConsumption: energy, gas and water meter readings in kWh or m³."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import UnitOfEnergy, UnitOfVolume
from homeassistant.core import State
from homeassistant.util.unit_conversion import EnergyConverter, VolumeConverter

from ..protocol.catalog import GET_CONSUMPTION, ActionSpec
from ..protocol.errors import ValueNotFoundError
from .base import Capability, capability
from .readings import number, read_at, reading, sensor_states, unit
from .words import Spoken, word

# Meter device class -> what it measures, in the unit Clova is told.
METERS = (SensorDeviceClass.ENERGY, SensorDeviceClass.GAS, SensorDeviceClass.WATER)


def meter_reading(state: State, value: float) -> tuple[float, str] | None:
    """A meter's value in kWh (energy units) or m³ (volume units)."""
    from_unit = unit(state)
    if from_unit in EnergyConverter.VALID_UNITS:
        to_unit: str = UnitOfEnergy.KILO_WATT_HOUR
        return EnergyConverter.convert(value, from_unit, to_unit), to_unit
    if from_unit in VolumeConverter.VALID_UNITS:
        to_unit = UnitOfVolume.CUBIC_METERS
        return VolumeConverter.convert(value, from_unit, to_unit), to_unit
    return None


@capability(
    GET_CONSUMPTION,
    domains=(),
    sensor_classes=METERS,
    words={
        SensorDeviceClass.ENERGY: Spoken("전기 사용량", "電気使用量", "electricity"),
        SensorDeviceClass.GAS: Spoken("가스 사용량", "ガス使用量", "gas"),
        SensorDeviceClass.WATER: Spoken("수도 사용량", "水道使用量", "water"),
    },
)
class Consumption(Capability):
    """GetConsumption: the readings of the energy, gas and water sensor members.

    One entry per kind (the first readable sensor of it), named in the HA language,
    in kWh or m³. The reading is the sensor's value — a meter total, or the period of
    a utility meter sensor; the request's ``period`` is ignored (no history is kept).
    """

    @override
    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
        entries: list[dict[str, Any]] = []
        used: list[State] = []
        for device_class in METERS:
            for state in sensor_states(self.appliance, device_class):
                value = reading(state)
                if value is None or (meter := meter_reading(state, value)) is None:
                    continue
                entries.append(
                    {
                        "name": word(self.appliance.hass, device_class),
                        "value": number(meter[0], 3),
                        "unit": meter[1],
                    }
                )
                used.append(state)
                break
        if not entries:
            raise ValueNotFoundError
        return {"consumption": entries, **read_at(*used)}
