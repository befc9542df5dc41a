"""Logbook entries for Clova's requests: "Living room light turned on via Clova"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
import re
from typing import Any

from homeassistant.components.logbook import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import Event, HomeAssistant, callback

from .capabilities import DONE
from .const import DOMAIN, EVENT_CLOVA_HOME_OUTCOME, EVENT_CLOVA_HOME_REQUEST
from .protocol.catalog import (
    ACTION_SCENE,
    DISCOVER_APPLIANCES,
    DISCOVER_SCENES,
    HEALTH_CHECK,
    LOCK_LOCKED,
    REQUEST_SUFFIX,
    SET_LOCK_STATE,
)

CLOVA = "Clova"

# Why a request failed, for the error names a user meets most.
_WHY: dict[str, str] = {
    "TargetOfflineError": "the device is unavailable",
    "NoSuchTargetError": "not exposed to Clova (or not visible to this user)",
    "UnsupportedOperationError": "the device cannot do this, or it is not allowed",
    "ValueOutOfRangeError": "the value is out of the device's range",
    "ValueNotSupportedError": "the device does not support this value",
    "ValueNotFoundError": "the device has no value to report",
    "NotSupportedInCurrentModeError": "not possible in the device's current mode",
    "ConditionsNotMetError": "the device's state prevents it",
    "DeviceFailureError": "the device reported a failure",
    "DriverInternalError": "an internal error (see the Home Assistant log)",
    "InvalidAccessTokenError": "the Clova login was refused",
    "ExpiredAccessTokenError": "the Clova login had expired (Clova renews it)",
    "ActionTemporarilyBlockedError": "temporarily blocked",
}

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+")


def _words(action: str) -> str:
    """``GetCurrentTemperature`` -> ``get current temperature`` (acronyms kept)."""
    return " ".join(
        word if word.isupper() and len(word) > 1 else word.lower() for word in _WORD.findall(action)
    )


def _messages(action: str, parameters: Mapping[str, Any], subject: bool) -> tuple[str, str]:
    """What happened, on success and on failure (before the reason)."""
    if action == HEALTH_CHECK.name and not subject:
        return "checked which devices are reachable", "could not check which devices are reachable"
    if action == HEALTH_CHECK.name:
        return "checked by Clova", "could not be checked by Clova"
    if action == DISCOVER_APPLIANCES.name:
        return "looked for devices", "could not look for devices"
    if action == DISCOVER_SCENES.name:
        return "looked for scenes", "could not look for scenes"
    if action == ACTION_SCENE.name and not subject:  # it named no scene: it failed
        return "activated a scene", "could not activate a scene"
    if not subject:  # a request that names no appliance can only have failed
        return f"handled a request to {_words(action)}", f"could not {_words(action)}"
    if action.startswith("Get"):
        what = _words(action.removeprefix("Get"))
        return f"read by Clova ({what})", f"could not be read by Clova ({what})"
    if action == SET_LOCK_STATE.name:
        done = "locked" if parameters.get("lockState") == LOCK_LOCKED else "unlocked"
    elif action == ACTION_SCENE.name:  # a handler's, not a capability's: no ``done=``
        done = "activated"
    elif action in DONE:
        done = DONE[action]
    else:
        words = _words(action)
        return f"handled Clova's request to {words}", f"did not handle Clova's request to {words}"
    return f"{done} via Clova", f"was not {done} via Clova"


def describe(data: Mapping[str, Any], name_of: Callable[[str], str]) -> dict[str, str]:
    """The logbook entry for one ``clova_home_request`` event's data.

    ``name_of`` gives an entity's current name; requests without an appliance (discovery,
    the old health check) are entries of "Clova" itself.
    """
    action = str(data.get("name", "")).removesuffix(REQUEST_SUFFIX)
    entity_id = data.get("entity_id")
    subject = entity_id or data.get("appliance_id")
    parameters = data.get("parameters")
    done, not_done = _messages(
        action, parameters if isinstance(parameters, Mapping) else {}, bool(subject)
    )
    if data.get("success"):
        message = done
    else:
        outcome = str(data.get("outcome", ""))
        message = f"{not_done}: {_WHY.get(outcome, outcome)}"
    entry = {
        LOGBOOK_ENTRY_NAME: name_of(entity_id) if entity_id else str(subject or CLOVA),
        LOGBOOK_ENTRY_MESSAGE: message,
    }
    if entity_id:
        entry[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
    return entry


def describe_outcome(data: Mapping[str, Any], name_of: Callable[[str], str]) -> dict[str, str]:
    """The logbook entry for a command that was confirmed before it finished, once it has.

    ``data`` is a ``clova_home_command_outcome`` event's: worded as the request would have
    been, then when it ended and in which state.
    """
    entry = describe(data, name_of)
    state = data.get("state")
    when = "after Clova's answer" + (f", {state}" if state and not data.get("success") else "")
    entry[LOGBOOK_ENTRY_MESSAGE] = f"{entry[LOGBOOK_ENTRY_MESSAGE]} ({when})"
    return entry


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Teach the logbook how to word Clova's requests."""

    def name_of(entity_id: str) -> str:
        state = hass.states.get(entity_id)
        return state.name if state else entity_id

    @callback
    def describe_event(event: Event) -> dict[str, str]:
        return describe(event.data, name_of)

    @callback
    def describe_outcome_event(event: Event) -> dict[str, str]:
        return describe_outcome(event.data, name_of)

    async_describe_event(DOMAIN, EVENT_CLOVA_HOME_REQUEST, describe_event)
    async_describe_event(DOMAIN, EVENT_CLOVA_HOME_OUTCOME, describe_outcome_event)
