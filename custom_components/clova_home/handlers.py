"""The dispatcher: request name -> handler, and every failure as a Clova error.

Discovery and health checks have handlers of their own; every other request is an
action on one appliance and goes to the capability that advertises it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
import logging
from typing import Any

from homeassistant.auth.models import User
from homeassistant.auth.permissions.const import POLICY_CONTROL, POLICY_READ
from homeassistant.core import Context, HomeAssistant
from homeassistant.util import dt as dt_util

from .appliance import Appliance
from .protocol.catalog import ActionKind
from .protocol.errors import (
    ClovaError,
    DriverInternalError,
    NoSuchTargetError,
    TargetOfflineError,
    UnsupportedOperationError,
)
from .protocol.messages import ClovaRequest, build_error, build_message, validate_payload
from .runtime import ClovaRuntime

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RequestScope:
    """Who asks, under which configuration."""

    hass: HomeAssistant
    runtime: ClovaRuntime
    user: User
    context: Context

    def appliance(self, entity_id: str, appliance_id: str) -> Appliance:
        """The appliance for an exposed entity, acting as this user."""
        return Appliance(
            self.hass,
            entity_id,
            appliance_id,
            context=self.context,
            allow_unlock=entity_id in self.runtime.unlock_entities,
        )

    def may(self, entity_id: str, policy: str) -> bool:
        """Whether the user's Home Assistant permissions allow ``policy`` on the entity."""
        return self.user.is_admin or self.user.permissions.check_entity(entity_id, policy)

    def visible_entity_ids(self) -> list[str]:
        """The exposed entities this user may read, in a stable order."""
        return sorted(
            entity_id
            for entity_id in self.runtime.exposure.entity_ids
            if self.may(entity_id, POLICY_READ)
        )

    def exposed_appliance(self, appliance_id: str | None, policy: str = POLICY_READ) -> Appliance:
        """The exposed appliance with this id, or NoSuchTargetError.

        An entity the user may not read (or, for ``POLICY_CONTROL``, control) is
        treated as if it did not exist.
        """
        entity_id = self.runtime.exposure.entity_id(appliance_id) if appliance_id else None
        if entity_id is None or not self.may(entity_id, policy):
            raise NoSuchTargetError
        try:
            return self.appliance(entity_id, appliance_id or entity_id)
        except ValueError as err:  # exposed, but of a domain Clova cannot use
            raise NoSuchTargetError from err


Handler = Callable[[RequestScope, ClovaRequest, dict[str, Any]], Awaitable[dict[str, Any]]]

HANDLERS: dict[str, Handler] = {}


def handles(action: str) -> Callable[[Handler], Handler]:
    """Register a handler for one action."""

    def register(handler: Handler) -> Handler:
        HANDLERS[action] = handler
        return handler

    return register


@handles("DiscoverAppliances")
async def _discover_appliances(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    discovered = []
    exposure = scope.runtime.exposure
    for entity_id in scope.visible_entity_ids():
        try:
            appliance = scope.appliance(entity_id, exposure.appliance_id(entity_id))
            discovered.append(appliance.discovery_object())
        except Exception:  # one odd entity must not empty the list
            _LOGGER.exception("Skipping %s in Clova discovery", entity_id)
    return {"discoveredAppliances": discovered, "customCommands": []}


@handles("DiscoverScenes")
async def _discover_scenes(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    return {"discoveredScenes": []}


@handles("HealthCheck")
async def _health_check(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    if "appliance" not in payload:
        # The 2017 form: which of the user's appliances are reachable.
        exposure = scope.runtime.exposure
        return {
            "reachableAppliances": [
                exposure.appliance_id(entity_id)
                for entity_id in scope.visible_entity_ids()
                if _is_available(scope.hass, entity_id)
            ]
        }
    appliance = scope.exposed_appliance(request.appliance_id)
    if not appliance.health_check:
        raise UnsupportedOperationError
    return {"isReachable": appliance.reachable, "isTurnOn": appliance.is_on}


def _is_available(hass: HomeAssistant, entity_id: str) -> bool:
    state = hass.states.get(entity_id)
    return state is not None and state.state != "unavailable"


async def _appliance_action(
    scope: RequestScope, request: ClovaRequest, payload: dict[str, Any]
) -> dict[str, Any]:
    policy = POLICY_CONTROL if request.spec.kind is ActionKind.CONTROL else POLICY_READ
    appliance = scope.exposed_appliance(request.appliance_id, policy)
    if not appliance.reachable or appliance.state is None:
        raise TargetOfflineError
    capability = appliance.capability_for(request.spec.name)
    if capability is None:
        raise UnsupportedOperationError
    answer = await capability.async_handle(request.spec.name, payload)
    if request.spec.kind is ActionKind.QUERY:
        answer.setdefault("applianceResponseTimestamp", timestamp(appliance.state.last_updated))
    return answer


def timestamp(moment: datetime) -> str:
    """ISO 8601 with the local offset, to the second (``YYYY-MM-DDThh:mm:ss±hh:mm``)."""
    return dt_util.as_local(moment).isoformat(timespec="seconds")


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
