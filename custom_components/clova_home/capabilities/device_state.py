"""GetDeviceState: a short list of facts about any appliance."""

from __future__ import annotations

from .base import Capability


class DeviceState(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
