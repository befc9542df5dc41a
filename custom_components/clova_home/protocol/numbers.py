"""Numbers as Clova and Home Assistant hand them over: finite reals, never booleans."""

from __future__ import annotations

import math
from typing import Any


def finite(value: Any) -> float | None:
    """``value`` as a finite float; None for booleans, non-numbers, infinities and NaN.

    An integer too large for a float (JSON allows any) is not a usable number either.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        result = float(value)
    except OverflowError:
        return None
    return result if math.isfinite(result) else None
