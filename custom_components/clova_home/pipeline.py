"""One path for every request once its sender is known: dispatch, record, tell.

The HTTP gate (after the signature and token) and the ``clova_home.process_request``
action (as the calling user) both end here, so what Clova gets and what the user can
inspect — the ``clova_home_request`` event, the logbook, the diagnostics' history and
counters, the debug log — are the same whichever way a message came in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
import logging
import time
from typing import Any, Final

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import EVENT_CLOVA_HOME_REQUEST
from .handlers import RequestScope, async_dispatch
from .protocol.catalog import ACTIONS
from .protocol.errors import ClovaError
from .protocol.messages import ClovaRequest, build_error
from .runtime import ClovaRuntime
from .stats import RequestSummary

_LOGGER = logging.getLogger(__name__)

type Record = Callable[[], None]  # records one answered request

SOURCE_CLOVA: Final = "clova"
SOURCE_SERVICE: Final = "service"

_TOKEN_KEY = "accessToken"  # noqa: S105 - the field name, not a token
_MASK = "***"
_MAX_DEPTH = 20  # discovery answers, the deepest messages, nest 8 levels
_CUT = "…"
# Payload fields that are not the action's parameters.
_NOT_PARAMETERS = frozenset({_TOKEN_KEY, "appliance"})


def without_token(message: Any, depth: int = 0) -> Any:
    """A deep copy of ``message`` with every ``accessToken`` replaced by ``***``.

    Objects and arrays nested deeper than any Clova message does are replaced by ``…``:
    a request may nest a thousand levels deep (JSON allows it), which a plain deep copy
    cannot take (RecursionError) and the event, the log and the recorder do not need.
    """
    if isinstance(message, dict | list) and depth >= _MAX_DEPTH:
        return _CUT
    if isinstance(message, dict):
        return {
            key: _MASK if key == _TOKEN_KEY else without_token(value, depth + 1)
            for key, value in message.items()
        }
    if isinstance(message, list):
        return [without_token(item, depth + 1) for item in message]
    return message


async def async_answer(
    hass: HomeAssistant,
    runtime: ClovaRuntime,
    request: ClovaRequest,
    user: User,
    *,
    source: str,
    parent: Context | None = None,
    started: float | None = None,
) -> tuple[dict[str, Any], Record]:
    """Answer an authenticated request as ``user``, and its record to run; never raises.

    Service calls made for the request carry a context of the user (a child of
    ``parent`` when given), so the logbook and HA's permission checks see who asked.
    ``started`` is the ``time.monotonic()`` at which handling began (default: now).
    """
    if started is None:
        started = time.monotonic()
    context = Context(user_id=user.id, parent_id=parent.id if parent else None)
    _log_request(source, request)
    answer = await async_dispatch(RequestScope(hass, runtime, user, context), request)
    return answer, _record(
        hass, runtime, request, answer, started=started, source=source, context=context
    )


async def async_discovered(
    hass: HomeAssistant, runtime: ClovaRuntime, user: User
) -> list[dict[str, Any]]:
    """The appliances a discovery by ``user`` lists, asked as Clova would, not recorded.

    For the diagnostics: what Clova would be told, through the very dispatch it goes through.
    """
    spec = ACTIONS["DiscoverAppliances"]
    request = ClovaRequest(message_id="diagnostics", spec=spec, payload={})
    scope = RequestScope(hass, runtime, user, Context(user_id=user.id))
    answer = await async_dispatch(scope, request)
    discovered: list[dict[str, Any]] = answer["payload"]["discoveredAppliances"]
    return discovered


@callback
def async_refuse(
    hass: HomeAssistant,
    runtime: ClovaRuntime,
    request: ClovaRequest,
    error: ClovaError,
    *,
    source: str,
    started: float,
) -> tuple[dict[str, Any], Record]:
    """Answer a request whose token was refused with ``error``, and its record to run."""
    _log_request(source, request)
    answer = build_error(error)
    return answer, _record(
        hass,
        runtime,
        request,
        answer,
        started=started,
        source=source,
        context=Context(),
        parameters=False,
    )


def _log_request(source: str, request: ClovaRequest) -> None:
    if _LOGGER.isEnabledFor(logging.DEBUG):
        _LOGGER.debug(
            "Clova request (%s): %s",
            source,
            without_token(
                {
                    "header": {"messageId": request.message_id, "name": request.spec.request_name},
                    "payload": request.payload,
                }
            ),
        )


def _record(
    hass: HomeAssistant,
    runtime: ClovaRuntime,
    request: ClovaRequest,
    answer: dict[str, Any],
    *,
    started: float,
    source: str,
    context: Context,
    parameters: bool = True,
) -> Record:
    """The record of an answered request (summary, counters, debug log, event), to run.

    The answer's time is taken now, when it is ready; the rest (the duration too) is
    worked out when the record runs. Recording changes nothing in the answer: the HTTP
    gate runs it in the event loop's next turn, after aiohttp has written the answer, so
    Clova does not wait for it (callbacks run in the order scheduled, so events and the
    history keep the order of the answers, and ``hass.async_block_till_done`` runs them);
    the action runs it at once.
    """
    return partial(
        _finish,
        hass,
        runtime,
        request,
        answer,
        started=started,
        answered=time.monotonic(),
        source=source,
        context=context,
        parameters=parameters,
    )


@callback
def _finish(
    hass: HomeAssistant,
    runtime: ClovaRuntime,
    request: ClovaRequest,
    answer: dict[str, Any],
    *,
    started: float,
    answered: float,
    source: str,
    context: Context,
    parameters: bool,
) -> None:
    """Log the answer, keep its summary and fire the event."""
    duration = round(answered - started, 4)
    outcome = str(answer["header"]["name"])
    appliance_id = request.appliance_id
    spec = runtime.exposure.spec(appliance_id) if appliance_id else None
    summary = RequestSummary(
        time=dt_util.utcnow(),
        source=source,
        message_id=request.message_id,
        name=request.spec.request_name,
        appliance_id=appliance_id,
        entity_id=spec.entity_id if spec else None,
        outcome=outcome,
        success=outcome == request.spec.response_name,
        duration=duration,
        user_id=context.user_id,
    )
    runtime.stats.record(summary)
    if _LOGGER.isEnabledFor(logging.DEBUG):  # copying a 5,000-appliance answer is not free
        _LOGGER.debug("Clova answer (%s) after %.3f s: %s", source, duration, without_token(answer))
    data = summary.as_dict()
    del data["time"]  # the event has its own
    if parameters:  # only for known users: the event is recorded, keep strangers' data out
        data["parameters"] = without_token(
            {key: value for key, value in request.payload.items() if key not in _NOT_PARAMETERS}
        )
    hass.bus.async_fire(EVENT_CLOVA_HOME_REQUEST, data, context=context)
