"""Human-readable output of the simulator's exchanges."""

from __future__ import annotations

import json
from typing import Any

from clova_sim.client import Exchange

HINTS = {
    "ExpiredAccessTokenError": "the access token expired (the simulator refreshes it itself "
    "unless --no-refresh or --token is given)",
    "InvalidAccessTokenError": "the token is not valid any more: run `scripts/clova link` again",
    "NoSuchTargetError": "not exposed, or unknown: `scripts/clova discover` lists what Clova sees",
    "UnsupportedOperationError": "the device cannot do that, or unlocking/opening it is not "
    "allowed in the options",
}


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """``{"a": {"value": 1}}`` as ``[("a", 1)]``: Clova wraps most values in ``{"value": ...}``."""
    if isinstance(value, dict):
        if set(value) == {"value"}:
            return [(prefix, value["value"])]
        items: list[tuple[str, Any]] = []
        for key, item in value.items():
            items.extend(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return items
    if isinstance(value, list):
        return [(prefix, ", ".join(_item(item) for item in value) or "[]")]
    return [(prefix, value)]


def _item(item: Any) -> str:
    """A list entry: ``name: value unit`` for Clova's name/value objects, else JSON."""
    if isinstance(item, dict) and {"name", "value"} <= set(item):
        unit = f" {item['unit']}" if item.get("unit") else ""
        return f"{item['name']}: {item['value']}{unit}"
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


def exchange(result: Exchange) -> str:
    """One request's outcome in a few lines."""
    lines = []
    if result.note:
        lines.append(f"note: {result.note}")
    if result.refreshed:
        lines.append("note: the access token had expired: refreshed it and sent again")
    if result.status != 200 or not result.name:
        answer = result.answer
        if isinstance(answer, dict) and isinstance(answer.get("message"), str):
            answer = answer["message"]  # Home Assistant's own error body
        text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        lines.append(f"✗ HTTP {result.status}: {text.strip()[:500]}")
        return "\n".join(lines)
    payload = result.answer.get("payload") or {}
    if result.name == "DiscoverAppliancesResponse":
        lines.append(discovery(payload.get("discoveredAppliances") or []))
        return "\n".join(lines)
    mark = "✗" if result.failed else "✓"
    lines.append(f"{mark} {result.name}")
    lines.extend(f"    {key}: {value}" for key, value in flatten(payload) if key)
    if result.failed and result.name in HINTS:
        lines.append(f"    ({HINTS[result.name]})")
    return "\n".join(lines)


def discovery(appliances: list[dict[str, Any]]) -> str:
    """The discovered appliances as a table."""
    rows = [("NAME", "TYPE", "ROOM / TAGS", "ID", "ACTIONS")]
    for app in appliances:
        room = app.get("location") or ", ".join(app.get("tags") or []) or "-"
        reachable = "" if app.get("isReachable", True) else " (offline)"
        rows.append(
            (
                f"{app.get('friendlyName', '?')}{reachable}",
                ",".join(app.get("applianceTypes") or []),
                room,
                str(app.get("applianceId")),
                str(len(app.get("actions") or [])),
            )
        )
    widths = [max(len(row[col]) for row in rows) for col in range(4)]
    lines = [f"✓ DiscoverAppliancesResponse: {len(appliances)} appliances"]
    lines.extend(
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    )
    return "\n".join(lines)
