"""Clova Home error messages as exceptions.

Raising one of these anywhere below the gate ends the request with that Clova error
(always HTTP 200). The class name is the message name.
"""

from __future__ import annotations

from typing import Any, override


class ClovaError(Exception):
    """Base class: a Clova error message with an empty payload."""

    @property
    def name(self) -> str:
        """The Clova message name."""
        return type(self).__name__

    def payload(self) -> dict[str, Any]:
        """The message payload."""
        return {}


class ActionTemporarilyBlockedError(ClovaError):
    """The action was refused for safety, e.g. too many requests in a short time."""


class ConditionsNotMetError(ClovaError):
    """A state of the device prevents the action; ``state`` is spoken to the user."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state

    @override
    def payload(self) -> dict[str, Any]:
        return {"state": self.state}


class DeviceFailureError(ClovaError):
    """The device (its Home Assistant integration) failed to carry out the action."""


class DriverInternalError(ClovaError):
    """An unexpected error in this integration."""


class ExpiredAccessTokenError(ClovaError):
    """The access token has expired; Clova refreshes it and retries."""


class InvalidAccessTokenError(ClovaError):
    """The access token is missing, revoked, foreign or belongs to a refused user."""


class NoSuchTargetError(ClovaError):
    """The appliance is unknown, not exposed or not permitted for this user."""


class NotSupportedInCurrentModeError(ClovaError):
    """The action is not possible in the appliance's current mode."""


class TargetOfflineError(ClovaError):
    """The appliance cannot be reached."""


class UnsupportedOperationError(ClovaError):
    """The appliance cannot do this (or this value, or it is not allowed to)."""


class ValueNotFoundError(ClovaError):
    """The appliance has no value to report."""


class ValueNotSupportedError(ClovaError):
    """The requested value is valid in general but not for this appliance."""


class ValueOutOfRangeError(ClovaError):
    """The requested value is outside the appliance's range."""

    def __init__(self, minimum: float, maximum: float) -> None:
        super().__init__(minimum, maximum)
        self.minimum = minimum
        self.maximum = maximum

    @override
    def payload(self) -> dict[str, Any]:
        return {"minimumValue": self.minimum, "maximumValue": self.maximum}
