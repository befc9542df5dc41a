"""The capability contract: one family of Clova actions for one kind of entity."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_ENTITY_ID, ATTR_SUPPORTED_FEATURES
from homeassistant.core import Context, State

from .. import const
from ..outcome import PENDING, Expectation, FollowUp, async_follow_up, async_settle
from ..protocol.catalog import ACTIONS
from ..protocol.errors import ClovaError, UnsupportedOperationError
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
    ) -> Coroutine[Any, Any, asyncio.Task[Any] | None]:
        """Call a service on this appliance's entity as the Clova user: await the result.

        It is the service helper's own coroutine, not one more wrapped around it. Only a
        capability acting for a request calls services: Home Assistant checks the call's
        permissions against the requester in its context. A sensitive call is guarded
        here, for every capability (``sensitive``): opening without the entity's opt-in
        raises UnsupportedOperationError; past the burst limit, the limiter raises. It
        is the last step before the call, so only commands really carried out count.
        Awaited, it gives the call still running past the time bound, or None.
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

    async def async_command(
        self,
        action: str,
        parameters: Mapping[str, Any],
        domain: str,
        service: str,
        expectation: Expectation,
    ) -> State | None:
        """Call a service whose outcome can contradict the request, and check it.

        Returns the state the entity reached (one it was expected to), or None when the
        command was handed on before it finished (it is then followed up for the
        logbook). Raises the Clova error for an outcome Home Assistant already knows
        went wrong (a jammed lock, a door that reversed, a device gone offline).
        """
        if (context := self.context) is None:
            raise RuntimeError("a command needs the requester's context")
        appliance = self.appliance
        hass, entity_id = appliance.hass, appliance.entity_id
        before = hass.states.get(entity_id)
        bound = hass.loop.time() + const.SERVICE_CALL_TIMEOUT
        running = await self.async_call(domain, service)
        if running is None:
            deadline = min(bound, hass.loop.time() + const.COMMAND_SETTLE)
            verdict = await async_settle(hass, entity_id, expectation, before, deadline)
        else:
            verdict = PENDING
        if isinstance(verdict, ClovaError):
            raise verdict
        if isinstance(verdict, State):
            return verdict
        spec = ACTIONS[action]
        async_follow_up(
            hass,
            FollowUp(
                request_name=spec.request_name,
                appliance_id=appliance.appliance_id,
                entity_id=entity_id,
                expectation=expectation,
                before=before,
                parameters=parameters,
                context=context,
                success_name=spec.response_name,
            ),
            running,
        )
        return None
