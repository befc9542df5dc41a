"""The dispatcher: request name -> handler, and every failure as a Clova error.

Discovery, health checks and scenes have handlers of their own; every other request is
an action on one appliance and goes to the capability that advertises it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import logging
from typing import Any

from homeassistant.auth.models import User
from homeassistant.auth.permissions.const import POLICY_CONTROL, POLICY_READ
from homeassistant.core import Context, HomeAssistant, split_entity_id

from .appliance import Appliance, ApplianceSettings, NotAnApplianceError, is_reachable
from .capabilities import Command
from .capabilities.activation import Activation
from .exposure import ApplianceSpec
from .protocol.catalog import (
    ACTION_SCENE,
    DISCOVER_APPLIANCES,
    DISCOVER_SCENES,
    HEALTH_CHECK,
    TURN_ON,
    ActionKind,
    ActionSpec,
)
from .protocol.errors import (
    ClovaError,
    DriverInternalError,
    NoSuchTargetError,
    TargetOfflineError,
    UnsupportedOperationError,
)
from .protocol.messages import ClovaRequest, build_error, build_message, validate_payload
from .runtime import ClovaRuntime
from .timestamps import timestamp

_LOGGER = logging.getLogger(__name__)

# The domains whose entities are also Clova scenes (DiscoverScenes, ActionScene).
SCENE_DOMAINS = frozenset({"scene", "script"})


@dataclass(slots=True)
class RequestScope:
    """Who asks, under which configuration (made per request, so not frozen: it is faster)."""

    hass: HomeAssistant
    runtime: ClovaRuntime
    user: User
    context: Context

    def appliance(self, spec: ApplianceSpec) -> Appliance:
        """The appliance for an exposed spec (shared while its inputs are unchanged)."""
        return self.runtime.appliances.appliance(self.hass, spec, self.build_appliance)

    def build_appliance(self, spec: ApplianceSpec) -> Appliance:
        """A new appliance for ``spec``."""
        runtime = self.runtime
        entity_id = spec.entity_id
        return Appliance(
            self.hass,
            spec,
            ApplianceSettings(
                appliance_type=runtime.appliance_types.get(entity_id),
                name=runtime.names.get(entity_id),
                location=runtime.locations.get(entity_id),
                opted_in=entity_id in runtime.unlock_entities,
                locations=runtime.region.locations,
            ),
        )

    def command(self, appliance: Appliance) -> Command:
        """What a capability acting for this request on ``appliance`` may do."""
        runtime = self.runtime
        return Command(
            self.context, appliance.entity_id in runtime.unlock_entities, runtime.sensitive_limit
        )

    def may(self, entity_id: str, policy: str) -> bool:
        """Whether the user's Home Assistant permissions allow ``policy`` on the entity."""
        return self.user.is_admin or self.user.permissions.check_entity(entity_id, policy)

    def readable(self, spec: ApplianceSpec) -> ApplianceSpec | None:
        """``spec`` as this user may see it: only the members the user may read.

        Every member counts, not only the main entity: a companion sensor or the rest of
        a sensor-only device that the user may not read takes no part in the appliance
        (discovery, queries, health checks). An appliance built around a main entity the
        user may not read does not exist for them (its type, its services are that
        entity's); a device made of sensors is what is left of it, if anything.
        """
        if self.user.is_admin:
            return spec
        check = self.user.permissions.check_entity
        members = tuple(member for member in spec.members if check(member, POLICY_READ))
        if len(members) == len(spec.members):
            return spec
        if not members or (spec.entity_id not in members and not spec.sensors_only):
            return None
        return spec.narrowed(members)

    def visible_specs(self) -> list[ApplianceSpec]:
        """The exposed appliances as this user may read them, in a stable order."""
        return [
            readable
            for spec in self.runtime.exposure.specs()
            if (readable := self.readable(spec)) is not None
        ]

    def exposed_appliance(self, appliance_id: str | None, policy: str = POLICY_READ) -> Appliance:
        """The exposed appliance with this id as the user may read it, or NoSuchTargetError.

        An appliance with no member the user may read is treated as if it did not exist;
        for ``POLICY_CONTROL`` the user must also be allowed to control its main entity
        (every service call of a capability goes to that entity).
        """
        spec = self.runtime.exposure.spec(appliance_id) if appliance_id else None
        if spec is not None:
            spec = self.readable(spec)
        if spec is None or (policy != POLICY_READ and not self.may(spec.entity_id, policy)):
            raise NoSuchTargetError
        try:
            return self.appliance(spec)
        except NotAnApplianceError as err:
            raise NoSuchTargetError from err


Handler = Callable[[RequestScope, ClovaRequest, dict[str, Any]], Awaitable[dict[str, Any]]]

HANDLERS: dict[str, Handler] = {}


def handles(action: ActionSpec) -> Callable[[Handler], Handler]:
    """Register a handler for one action."""

    def register(handler: Handler) -> Handler:
        HANDLERS[action.name] = handler
        return handler

    return register


@handles(DISCOVER_APPLIANCES)
async def _discover_appliances(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    runtime = scope.runtime
    discovered = runtime.appliances.discover(
        scope.hass, scope.visible_specs(), scope.build_appliance, runtime.exposure.by_id()
    )
    return {"discoveredAppliances": discovered, "customCommands": []}


def is_scene(spec: ApplianceSpec) -> bool:
    """Whether the exposed appliance is a scene or a script (and so also a Clova scene)."""
    return split_entity_id(spec.entity_id)[0] in SCENE_DOMAINS


def scene_object(discovered: dict[str, Any]) -> dict[str, Any]:
    """The ``SceneInfoObject`` of a scene, from its appliance's discovery object.

    A scene's id is its appliance's, and its name the appliance's (Clova name, alias, HA
    name): the same scene is the same thing to Clova either way. Running it needs no
    confirmation: it is what TurnOn on its appliance does anyway.
    """
    return {
        "sceneId": discovered["applianceId"],
        "sceneName": discovered["friendlyName"],
        "needsUserConfirmation": False,
        "additionalSceneDetails": {},
    }


@handles(DISCOVER_SCENES)
async def _discover_scenes(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    """The exposed scenes and scripts the user may read, as Clova scenes."""
    runtime = scope.runtime
    scenes = [
        readable
        for spec in runtime.exposure.specs()
        if is_scene(spec) and (readable := scope.readable(spec)) is not None
    ]
    discovered = runtime.appliances.discover(
        scope.hass, scenes, scope.build_appliance, runtime.exposure.by_id()
    )
    return {"discoveredScenes": [scene_object(appliance) for appliance in discovered]}


@handles(ACTION_SCENE)
async def _action_scene(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    """Run an exposed scene or script, as TurnOn on its appliance does.

    ``request.appliance_id`` is the scene's id, whichever shape named it (``sceneId`` or
    the documented example's ``applianceId``). The user must be allowed to control it;
    an appliance that is no scene is no such scene. Its type does not matter: whatever
    type the user chose for it, a scene is activated by ``turn_on``.
    """
    appliance = scope.exposed_appliance(request.appliance_id, POLICY_CONTROL)
    if appliance.domain not in SCENE_DOMAINS:
        raise NoSuchTargetError
    if not appliance.reachable:
        raise TargetOfflineError
    return await Activation(appliance, scope.command(appliance)).async_handle(TURN_ON, {})


@handles(HEALTH_CHECK)
async def _health_check(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    if "appliance" not in payload:
        # The 2017 form: which of the user's appliances are reachable.
        return {
            "reachableAppliances": [
                spec.appliance_id
                for spec in scope.visible_specs()
                if is_reachable(scope.hass, spec)
            ]
        }
    appliance = scope.exposed_appliance(request.appliance_id)
    if not appliance.health_check:
        raise UnsupportedOperationError
    return {"isReachable": appliance.reachable, "isTurnOn": appliance.is_on}


async def _appliance_action(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    policy = POLICY_CONTROL if request.spec.kind is ActionKind.CONTROL else POLICY_READ
    appliance = scope.exposed_appliance(request.appliance_id, policy)
    if not appliance.reachable:
        raise TargetOfflineError
    capability = appliance.capability_for(request.spec, scope.command(appliance))
    if capability is None:
        raise UnsupportedOperationError
    answer = await capability.async_handle(request.spec, payload)
    if request.spec.kind is ActionKind.QUERY:
        answer.setdefault("applianceResponseTimestamp", timestamp(appliance.last_updated))
    return answer


async def async_dispatch(scope: RequestScope, request: ClovaRequest) -> dict[str, Any]:
    """Answer an authenticated request; never raises."""
    spec = request.spec
    try:
        payload = validate_payload(request)
        handler = HANDLERS.get(spec.name, _appliance_action)
        return build_message(spec.response_name, await handler(scope, request, payload))
    except ClovaError as err:
        return build_error(err)
    except Exception:
        _LOGGER.exception("Unexpected error answering Clova %s", spec.request_name)
        return build_error(DriverInternalError())
