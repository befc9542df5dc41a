"""Which entities Clova may see, grouped into appliances, and how ids map to them.

Most exposed entities are an appliance of their own. Sensors are different: the
sensors of one Home Assistant device answer for that device — as companions of its
main entity (a purifier's PM2.5 sensor), or, on a device that is only sensors, as
one appliance together (a temperature + humidity + PM monitor is one AIRSENSOR).

An appliance id is the entity registry id, which survives an entity_id rename; an
entity without a registry entry (no unique id) uses its entity_id; a device made of
sensors only uses its device registry id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from homeassistant.core import HomeAssistant, split_entity_id
from homeassistant.helpers import entity_registry as er

SENSOR_DOMAIN = "sensor"
# Domains that never take sensors as companions (they are sensors themselves).
_NO_COMPANIONS = frozenset({SENSOR_DOMAIN, "binary_sensor"})


@dataclass(frozen=True, slots=True)
class ApplianceSpec:
    """The entities behind one Clova appliance."""

    appliance_id: str
    entity_id: str  # the main entity: its domain decides the appliance type
    members: tuple[str, ...]  # the main entity first, then companion sensors


class Exposure:
    """The exposed entities of one configuration, grouped into appliances.

    The grouping is computed once and kept until the entity or device registry
    changes (:meth:`invalidate`), so a request does not regroup every entity.
    """

    def __init__(self, hass: HomeAssistant, entity_ids: Iterable[str]) -> None:
        self._hass = hass
        self.entity_ids = frozenset(entity_ids)
        self._index: dict[str, ApplianceSpec] | None = None

    def invalidate(self) -> None:
        """Forget the grouping (the registries changed)."""
        self._index = None

    def specs(self) -> list[ApplianceSpec]:
        """Every exposed appliance, in a stable order."""
        return list(self._specs_by_id().values())

    def spec(self, appliance_id: str) -> ApplianceSpec | None:
        """The exposed appliance with this id, or None."""
        return self._specs_by_id().get(appliance_id)

    def _specs_by_id(self) -> dict[str, ApplianceSpec]:
        if self._index is None:
            self._index = {spec.appliance_id: spec for spec in self._group()}
        return self._index

    def _group(self) -> list[ApplianceSpec]:
        registry = er.async_get(self._hass)
        mains: list[tuple[str, er.RegistryEntry | None]] = []
        sensors_by_device: dict[str, list[str]] = defaultdict(list)
        devices_with_a_main: set[str] = set()
        specs: list[ApplianceSpec] = []

        for entity_id in sorted(self.entity_ids):
            entry = registry.async_get(entity_id)
            device_id = entry.device_id if entry is not None else None
            domain = split_entity_id(entity_id)[0]
            if domain == SENSOR_DOMAIN and device_id:
                sensors_by_device[device_id].append(entity_id)
                continue
            mains.append((entity_id, entry))
            if device_id and domain not in _NO_COMPANIONS:
                devices_with_a_main.add(device_id)

        for entity_id, entry in mains:
            companions: list[str] = []
            if (
                entry is not None
                and entry.device_id in devices_with_a_main
                and split_entity_id(entity_id)[0] not in _NO_COMPANIONS
            ):
                companions = sensors_by_device.get(entry.device_id, [])
            specs.append(
                ApplianceSpec(
                    appliance_id=entry.id if entry is not None else entity_id,
                    entity_id=entity_id,
                    members=(entity_id, *companions),
                )
            )
        for device_id, sensors in sensors_by_device.items():
            if device_id not in devices_with_a_main:
                specs.append(ApplianceSpec(device_id, sensors[0], tuple(sensors)))
        return sorted(specs, key=lambda spec: spec.entity_id)
