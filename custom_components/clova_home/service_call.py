"""Calling a Home Assistant service for Clova: bounded wait, failures as Clova errors."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceNotFound,
    ServiceNotSupported,
    Unauthorized,
)

from . import const
from .protocol.errors import (
    DeviceFailureError,
    DriverInternalError,
    NoSuchTargetError,
    UnsupportedOperationError,
)
from .protocol.schema_library import vol

_LOGGER = logging.getLogger(__name__)


async def async_call_service(
    hass: HomeAssistant,
    domain: str,
    service: str,
    data: dict[str, Any],
    context: Context,
) -> asyncio.Task[Any] | None:
    """Call ``domain.service`` and wait for it, at most ``const.SERVICE_CALL_TIMEOUT`` s.

    A call still running after that counts as handed on to the device: it keeps
    running (it is never cancelled, so no command is lost), it is returned (None: it
    finished in time) and its late failure is only logged. A call that fails in time
    raises the fitting Clova error.
    """
    timeout = const.SERVICE_CALL_TIMEOUT
    task = hass.async_create_task(
        hass.services.async_call(domain, service, data, blocking=True, context=context),
        f"clova_home {domain}.{service}",
    )
    # The task starts eagerly: a service that does not wait on anything is done already.
    if not task.done() and not (await asyncio.wait((task,), timeout=timeout))[0]:
        _LOGGER.debug("%s.%s still running after %ss; confirmed", domain, service, timeout)
        task.add_done_callback(_log_late_failure)
        return task
    try:
        task.result()
    except (ServiceNotSupported, ServiceNotFound) as err:
        _LOGGER.debug("%s.%s not supported: %s", domain, service, err)
        raise UnsupportedOperationError from err
    except Unauthorized as err:
        raise NoSuchTargetError from err
    except vol.Invalid as err:
        _LOGGER.error("Clova Home sent invalid data to %s.%s: %s", domain, service, err)
        raise DriverInternalError from err
    except HomeAssistantError as err:
        _LOGGER.warning("%s.%s failed for Clova: %s", domain, service, err)
        raise DeviceFailureError from err
    except Exception as err:
        _LOGGER.exception("%s.%s raised unexpectedly", domain, service)
        raise DriverInternalError from err
    return None


def _log_late_failure(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    if (err := task.exception()) is not None:
        _LOGGER.warning("A Clova command failed after it was confirmed: %r", err)
