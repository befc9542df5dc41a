"""The capability contract: one family of Clova actions for one kind of entity.

A capability is one declaration (``@capability``): the catalog actions it handles, where
it applies, its priority among capabilities offering the same action, the logbook's
phrases for its commands and the words it speaks. The capability index, the powered
domains, the logbook table and the spoken words are all derived from these
declarations (``capabilities/__init__.py``); nothing else lists capabilities.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_ENTITY_ID
from homeassistant.core import Context, State

from .. import const
from ..outcome import PENDING, Expectation, FollowUp, async_follow_up, async_settle
from ..protocol.catalog import ActionSpec
from ..protocol.errors import ClovaError, UnsupportedOperationError
from ..rate_limit import SensitiveActionLimiter
from ..sensitive import Sensitivity, sensitivity
from ..service_call import async_call_service
from .words import Spoken

if TYPE_CHECKING:
    from ..appliance import Appliance


@dataclass(frozen=True, slots=True)
class Command:
    """What a request hands the capability acting for it: who asks, and what is allowed.

    ``opted_in``: the user let Clova unlock or open this entity; ``limiter``: the burst
    limit of sensitive commands (``sensitive``).
    """

    context: Context
    opted_in: bool
    limiter: SensitiveActionLimiter


# Every declared capability, in the order declared; see ``capabilities.CAPABILITIES``.
DECLARED: list[type[Capability]] = []


@cache
def powered_domains() -> frozenset[str]:
    """The domains whose on/off a capability tells: the union of the declarations.

    Asked only once every capability is declared (when appliances are made).
    """
    return frozenset(domain for declared in DECLARED for domain in declared.powered)


def capability[C: type[Capability]](
    *actions: ActionSpec,
    domains: Iterable[str] | None = None,
    sensor_classes: Iterable[str] = (),
    priority: int = 0,
    done: Mapping[ActionSpec, str] | None = None,
    words: Mapping[str, Spoken] | None = None,
    powered: Iterable[str] = (),
) -> Callable[[C], C]:
    """Declare a capability class: what it handles, where, and what it says.

    ``domains``: the main entity's domains it can apply to (None: any); the class's
    ``accepts`` may narrow that by attributes. ``sensor_classes``: device classes of
    ``sensor`` members that make it apply by themselves. ``priority``: when capabilities
    that may apply to the same entity offer the same action, the higher one handles it
    (two with the same priority may not compete: checked at import). ``done``: the
    logbook's words for a successful command ("turned on"). ``words``: the spoken texts it
    needs (``words.word``). ``powered``: domains whose on/off this capability tells
    (``is_on``), for the power state.
    """

    def register(cls: C) -> C:
        cls.actions = frozenset(actions)
        cls.domains = None if domains is None else frozenset(domains)
        cls.sensor_classes = frozenset(sensor_classes)
        cls.priority = priority
        cls.done = MappingProxyType({spec.name: text for spec, text in (done or {}).items()})
        cls.words = MappingProxyType(dict(words or {}))
        cls.powered = frozenset(powered)
        if not cls.done.keys() <= {spec.name for spec in actions}:
            raise ValueError(f"{cls.__name__} words the logbook for actions it does not handle")
        DECLARED.append(cls)
        return cls

    return register


class Capability:
    """Adds some Clova actions to an appliance and carries them out.

    Subclasses are declared with ``@capability``; they may narrow where they apply
    (``accepts``) and their actions per entity (an entity that cannot turn on does not
    advertise TurnOn).
    """

    # Set by ``@capability``.
    actions: ClassVar[frozenset[ActionSpec]]
    domains: ClassVar[frozenset[str] | None]
    sensor_classes: ClassVar[frozenset[str]]
    priority: ClassVar[int]
    done: ClassVar[Mapping[str, str]]
    words: ClassVar[Mapping[str, Spoken]]
    powered: ClassVar[frozenset[str]]

    def __init__(self, appliance: Appliance, command: Command | None = None) -> None:
        self.appliance = appliance
        # The request this capability acts for (None: it only describes the appliance).
        self.command = command

    @classmethod
    def applies(cls, appliance: Appliance) -> bool:
        """Whether this capability applies to the appliance, by its declaration.

        A sensor member of a declared class makes it apply; otherwise the main entity's
        domain must be declared, and ``accepts`` have it.
        """
        if not cls.sensor_classes.isdisjoint(appliance.sensor_classes):
            return True
        if cls.domains is not None and appliance.domain not in cls.domains:
            return False
        return cls.accepts(appliance)

    @classmethod
    def accepts(cls, appliance: Appliance) -> bool:
        """Whether the appliance, whose main entity has a declared domain, has it."""
        return True

    @property
    def attributes(self) -> Mapping[str, Any]:
        """The appliance's current attributes."""
        return self.appliance.attributes

    @property
    def features(self) -> int:
        """The entity's supported-features bit mask."""
        return self.appliance.features

    @property
    def is_on(self) -> bool | None:
        """Whether the appliance is working (HealthCheck's ``isTurnOn``); None: not known here."""
        return None

    def supported_actions(self) -> frozenset[ActionSpec]:
        """The actions this entity really can do (default: all of them)."""
        return self.actions

    def action_details(self) -> list[dict[str, Any]]:
        """``actionDetails`` entries (value constraints) for discovery."""
        return []

    async def async_handle(self, action: ActionSpec, payload: dict[str, Any]) -> dict[str, Any]:
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
        if (command := self.command) is None:
            raise RuntimeError("a service call needs the request's command")
        appliance = self.appliance
        guard = sensitivity(
            appliance.domain, self.attributes.get(ATTR_DEVICE_CLASS), domain, service
        )
        if guard is not None:
            if guard is Sensitivity.OPENS and not command.opted_in:
                raise UnsupportedOperationError
            command.limiter.acquire(appliance.appliance_id)
        return async_call_service(
            appliance.hass,
            domain,
            service,
            {ATTR_ENTITY_ID: appliance.entity_id, **(data or {})},
            command.context,
        )

    async def async_command(
        self,
        action: ActionSpec,
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
        if (command := self.command) is None:
            raise RuntimeError("a command needs the request's command")
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
        async_follow_up(
            hass,
            FollowUp(
                request_name=action.request_name,
                appliance_id=appliance.appliance_id,
                entity_id=entity_id,
                expectation=expectation,
                before=before,
                parameters=parameters,
                context=command.context,
                success_name=action.response_name,
            ),
            running,
        )
        return None
