"""Operation modes (SetMode, ReleaseMode, ChangeMode) with Clova's mode codes."""

from __future__ import annotations

from .base import Capability


class Mode(Capability):
    """Not implemented yet: applies to nothing."""

    actions = frozenset[str]()
