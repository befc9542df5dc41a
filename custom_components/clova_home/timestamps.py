"""The one timestamp format of Clova answers."""

from __future__ import annotations

from datetime import datetime

from homeassistant.util import dt as dt_util


def timestamp(moment: datetime) -> str:
    """ISO 8601 with the local offset, to the second (``YYYY-MM-DDThh:mm:ss±hh:mm``)."""
    return dt_util.as_local(moment).isoformat(timespec="seconds")
