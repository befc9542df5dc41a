"""Words spoken to the user, in the Home Assistant language: Korean, Japanese, else English.

Each capability declares the words it speaks (``@capability(words=...)``); the table
here is their union, filled when the capabilities are declared.
"""

from __future__ import annotations

from typing import NamedTuple

from homeassistant.core import HomeAssistant


class Spoken(NamedTuple):
    """One text in each language Clova speaks here."""

    ko: str
    ja: str
    en: str


LANGUAGES = Spoken._fields
# Key -> its texts: the union of the capabilities' declarations (capabilities/__init__.py).
WORDS: dict[str, Spoken] = {}


def word(hass: HomeAssistant, key: str) -> str:
    """``key`` in the Home Assistant language (Korean, Japanese, else English)."""
    language = (hass.config.language or "").split("-")[0].lower()
    words = WORDS[key]
    return words[LANGUAGES.index(language)] if language in LANGUAGES else words.en
