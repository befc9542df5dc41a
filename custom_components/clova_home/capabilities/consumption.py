"""GetConsumption: energy, gas and water meter readings in kWh or m³."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, override

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import UnitOfEnergy, UnitOfVolume
from homeassistant.core import State
from homeassistant.util.unit_conversion import EnergyConverter, VolumeConverter

from ..protocol.errors import ValueNotFoundError
from .base import Capability
from .readings import has_sensor, number, read_at, reading, sensor_states, unit
from .words import word

if TYPE_CHECKING:
    from ..appliance import Appliance

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


class Consumption(Capability):
    """GetConsumption: the readings of the energy, gas and water sensor members.

    One entry per kind (the first readable sensor of it), named in the HA language,
    in kWh or m³. The reading is the sensor's value — a meter total, or the period of
    a utility meter sensor; the request's ``period`` is ignored (no history is kept).
    """

    actions = frozenset({"GetConsumption"})
    domains = frozenset()
    sensor_classes = frozenset(METERS)

    @classmethod
    @override
    def applies_to(cls, appliance: Appliance) -> bool:
        return has_sensor(appliance, *METERS)

    @override
    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
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
