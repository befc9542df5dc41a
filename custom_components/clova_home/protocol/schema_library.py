"""The schema library Home Assistant validates with, as ``vol``.

Home Assistant 2026 replaced voluptuous with probatio, which keeps voluptuous's API, and
aliases ``voluptuous`` to it at startup for code that has not moved; older releases (2025.4,
the oldest supported) use voluptuous itself. The integration's schemas go to Home Assistant (forms,
services) and the errors caught come from it, so they are built with the library it uses:
probatio when it is installed (Home Assistant pins it), else voluptuous.

For the type checker, the Python version tells the two apart: it checks this project
against Home Assistant 2025.4 on Python 3.13 and against the newest release on Python 3.14
(``scripts/test --latest``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 14):
        import probatio as vol
    else:
        import voluptuous as vol
else:
    try:
        import probatio as vol
    except ImportError:  # Home Assistant before 2026
        import voluptuous as vol

__all__ = ["vol"]
