"""The store's error messages: one sentence naming the file, in both languages."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from giangvien.i18n import set_language
from store.errors import (
    CorruptFileError,
    DataFileError,
    LockedError,
    NewerSchemaError,
    ReadOnlyError,
    StoreError,
)
from tests.store_helpers import (
    LOCALE,
)

# -- messages and layering -----------------------------------------------------


def test_catalogues_have_the_same_keys() -> None:
    vi, en = (
        tomllib.loads((LOCALE / lang / "store.toml").read_text("utf-8")) for lang in ("vi", "en")
    )

    def keys(table: dict[str, Any], prefix: str = "") -> set[str]:
        out: set[str] = set()
        for name, value in table.items():
            out |= keys(value, f"{prefix}{name}.") if isinstance(value, dict) else {prefix + name}
        return out

    assert keys(vi) == keys(en)


def every_error(path: Path) -> list[StoreError]:
    errors: list[StoreError] = [
        CorruptFileError(path, 3, 7, path.with_name("b.json")),
        CorruptFileError(path, 3, 7, None),
        CorruptFileError(path, None, None, path.with_name("b.json")),
        CorruptFileError(path, None, None, None),
        NewerSchemaError(path, 3, 1),
        LockedError(path, 4242),
        LockedError(path, None),
        ReadOnlyError(path, StoreError("store.read_only_requested", file=path)),
    ]
    for code in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.ENOENT, errno.EIO):
        errors.append(DataFileError(path, OSError(code, os.strerror(code))))
    return errors


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_error_is_one_sentence_naming_the_file(tmp_path: Path, lang: str) -> None:
    set_language(lang)
    path = tmp_path / "g.json"
    for error in every_error(path):
        text = str(error)
        assert not text.startswith("store."), text  # found in the catalogue
        assert str(path) in text and "{" not in text
        assert text.endswith(".") and ". " not in text.replace(str(tmp_path), ""), text


def test_messages_differ_between_languages(tmp_path: Path) -> None:
    vi = [str(e) for e in every_error(tmp_path / "g.json")]
    set_language("en")
    en = [str(e) for e in every_error(tmp_path / "g.json")]
    assert all(a != b for a, b in zip(vi, en, strict=True))
