"""Open, close and stop covers."""

from __future__ import annotations

from .base import Capability


class OpenClose(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
