"""Which alias names an entity: the user's first (2026 keeps their order), else none."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from custom_components.clova_home.registries import first_alias


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (["거실 불", "Living room"], "거실 불"),  # ordered (2026): the user's first
        ([], None),
        ([None, "Lamp"], None),  # 2026: the entity's own name put first
        ({"Zeta", "Alpha"}, "Alpha"),  # unordered (2025): the first alphabetically
        (set(), None),
    ],
)
def test_first_alias(aliases: Any, expected: str | None) -> None:
    entry = cast(Any, SimpleNamespace(aliases=aliases))
    assert first_alias(entry) == expected
