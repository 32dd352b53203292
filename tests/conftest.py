from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from giangvien.i18n import language, set_language


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    """Every test starts in Vietnamese, the default, and leaves it so."""
    before = language()
    set_language("vi")
    yield
    set_language(before)


@pytest.fixture(autouse=True)
def _collectable() -> Iterator[None]:
    """Opening a large table, or showing a section, freezes what is alive
    (store.gcpause): in the app that is the app itself, which lives on; here it
    is one test's app among hundreds, which the next test must be able to collect."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test can reach the user's data file, or another test's, by default: the
    suite runs in parallel (pytest-xdist), and a command run without --db would
    otherwise open the one shared file of ~/.local/share."""
    folder = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("GIANGVIEN_DB", raising=False)
