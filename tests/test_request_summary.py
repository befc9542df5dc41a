"""A request summary's JSON form has every field, as the event and the diagnostics show it."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from custom_components.clova_home.stats import RequestSummary


def test_as_dict_has_every_field_json_ready() -> None:
    summary = RequestSummary(
        time=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        source="clova",
        message_id="m-1",
        name="TurnOnRequest",
        appliance_id="a-1",
        entity_id="switch.plug",
        outcome="TurnOnConfirmation",
        success=True,
        duration=0.0012,
        user_id="u-1",
    )

    data = summary.as_dict()

    assert set(data) == {field.name for field in fields(RequestSummary)}
    assert data == {
        "time": "2026-01-02T03:04:05+00:00",
        "source": "clova",
        "message_id": "m-1",
        "name": "TurnOnRequest",
        "appliance_id": "a-1",
        "entity_id": "switch.plug",
        "outcome": "TurnOnConfirmation",
        "success": True,
        "duration": 0.0012,
        "user_id": "u-1",
    }
