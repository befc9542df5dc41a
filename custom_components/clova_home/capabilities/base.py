"""The capability contract: one family of Clova actions for one kind of entity."""

from __future__ import annotations

from collections.abc import Coroutine, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_ENTITY_ID, ATTR_SUPPORTED_FEATURES
from homeassistant.core import Context

from ..protocol.errors import UnsupportedOperationError
from ..sensitive import Sensitivity, sensitivity
from ..service_call import async_call_service

if TYPE_CHECKING:
    from ..appliance import Appliance


class Capability:
    """Adds some Clova actions to an appliance and carries them out.

    Subclasses declare the actions they can handle, decide from the entity's domain
    and attributes whether they apply, and may narrow their actions per entity (an
    entity that cannot turn on does not advertise TurnOn).
    """

    actions: ClassVar[frozenset[str]]
    # Where ``applies_to`` can be true, for the index that spares an appliance the
    # checks of capabilities that cannot concern it (see ``capabilities.candidates``):
    # the main entity's domains (None: any domain, the safe default) and the device
    # classes of ``sensor`` members that can make the capability apply by themselves.
    domains: ClassVar[frozenset[str] | None] = None
    sensor_classes: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, appliance: Appliance, context: Context | None = None) -> None:
        self.appliance = appliance
        # The context of the request this capability acts for (None: describes only).
        self.context = context

    @classmethod
    def applies_to(cls, appliance: Appliance) -> bool:
        """Whether this capability applies to the appliance (default: its main entity)."""
        return cls.supported(appliance.domain, appliance.attributes)

    @classmethod
    def supported(cls, domain: str, attributes: Mapping[str, Any]) -> bool:
        """Whether this capability applies to an entity of ``domain``."""
        return False

    @property
    def attributes(self) -> Mapping[str, Any]:
        """The appliance's current attributes."""
        return self.appliance.attributes

    @property
    def features(self) -> int:
        """The entity's supported-features bit mask."""
        value = self.attributes.get(ATTR_SUPPORTED_FEATURES)
        return value if isinstance(value, int) else 0

    @property
    def is_on(self) -> bool | None:
        """Whether the appliance is working (HealthCheck's ``isTurnOn``); None: not known here."""
        return None

    def supported_actions(self) -> frozenset[str]:
        """The actions this entity really can do (default: all of them)."""
        return self.actions

    def action_details(self) -> list[dict[str, Any]]:
        """``actionDetails`` entries (value constraints) for discovery."""
        return []

    async def async_handle(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Carry out ``action``; return the answer's payload or raise a Clova error."""
        raise NotImplementedError

    def async_call(
        self, domain: str, service: str, data: dict[str, Any] | None = None
    ) -> Coroutine[Any, Any, None]:
        """Call a service on this appliance's entity as the Clova user: await the result.

        It is the service helper's own coroutine, not one more wrapped around it. Only a
        capability acting for a request calls services: Home Assistant checks the call's
        permissions against the requester in its context. A sensitive call is guarded
        here, for every capability (``sensitive``): opening without the entity's opt-in
        raises UnsupportedOperationError; past the burst limit, the limiter raises. It
        is the last step before the call, so only commands really carried out count.
        """
        if self.context is None:
            raise RuntimeError("a service call needs the requester's context")
        appliance = self.appliance
        guard = sensitivity(
            appliance.domain, self.attributes.get(ATTR_DEVICE_CLASS), domain, service
        )
        if guard is not None:
            if guard is Sensitivity.OPENS and not appliance.allow_unlock:
                raise UnsupportedOperationError
            if appliance.sensitive_limit is not None:
                appliance.sensitive_limit.acquire(appliance.appliance_id)
        return async_call_service(
            appliance.hass,
            domain,
            service,
            {ATTR_ENTITY_ID: appliance.entity_id, **(data or {})},
            self.context,
        )
