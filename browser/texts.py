"""The words the page shows in one language, taken from the same files the page uses.

Home Assistant's own labels ("Add integration", "Submit", ...) come from the installed
frontend's translation files; Clova Home's from its ``translations/<lang>.json``. Locating
elements by these texts makes the same test drive the English and the Korean UI, and a
missing Korean translation shows up as a failed locator.
"""

from __future__ import annotations

from functools import cache
import json
from pathlib import Path
from typing import Any

import hass_frontend

from ha_server import INTEGRATION

# The frontend's translation fragments that the pages of this test load.
_FRAGMENTS = ("", "config/")


@cache
def _frontend(lang: str) -> dict[str, str]:
    root = Path(hass_frontend.where()) / "static" / "translations"
    merged: dict[str, str] = {}
    for fragment in _FRAGMENTS:
        # One file per language and fragment, named <lang>-<hash>.json.
        for path in sorted((root / fragment).glob(f"{lang}-*.json")):
            if path.name.startswith(f"{lang}-") and path.name.count("-") == 1:
                merged.update(json.loads(path.read_text()))
    if not merged:
        raise LookupError(f"the frontend has no {lang!r} translations")
    return merged


@cache
def _integration(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((INTEGRATION / "translations" / f"{lang}.json").read_text())
    return data


class Texts:
    """Look up UI texts for one language (``en``, ``ko``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def ui(self, key: str) -> str:
        """A frontend text; English where the language lacks it, as the frontend does."""
        for lang in (self.lang, "en"):
            text = _frontend(lang).get(key)
            if text:
                return text
        raise KeyError(key)

    def clova(self, dotted: str) -> str:
        """A Clova Home text, e.g. ``options.step.init.menu_options.exposure``."""
        node: Any = _integration(self.lang)
        for part in dotted.split("."):
            node = node[part]
        if not isinstance(node, str):
            raise TypeError(f"{dotted} is not a text")
        return node
