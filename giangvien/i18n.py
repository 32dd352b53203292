"""Message catalogues: every sentence a user reads comes from here.

Catalogues are TOML files under ``giangvien/locale/<lang>/<area>.toml`` so that
a translator edits data, not code, and so that each area of the app owns its
own file. Keys are ``<area>.<name>``; the area is the file's stem.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Final

LANGUAGES: Final = ("vi", "en")
DEFAULT_LANGUAGE: Final = "vi"

_language = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    global _language
    _language = lang


def language() -> str:
    return _language


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, flattened to ``area.key`` -> text."""
    flat: dict[str, str] = {}
    folder = resources.files("giangvien") / "locale" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        area = entry.name.removesuffix(".toml")
        _flatten(area, tomllib.loads(entry.read_text(encoding="utf-8")), flat)
    return flat


def _flatten(prefix: str, table: dict[str, object], into: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, into)
        else:
            into[name] = str(value)


def tr(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``{name}`` slots filled.

    A key missing from the current language falls back to Vietnamese, then to
    the key itself, so a gap in a catalogue never stops the app; a test keeps
    the catalogues complete.
    """
    text = catalogue(_language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text
