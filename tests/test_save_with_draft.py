"""Saving a record and dropping the draft it came from is one file write: both or neither."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.models import Lecturer
from store import storage
from store.datafile import open_datafile
from store.errors import DataFileError
from store.repository import Repository


def open_repo(path: Path) -> Repository:
    return Repository(open_datafile(path, app_version=__version__))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "gv.json"


@pytest.fixture
def repo(path: Path) -> Iterator[Repository]:
    r = open_repo(path)
    yield r
    r.close()


def lecturer() -> Lecturer:
    return Lecturer(family_name="Lê", middle_name="Văn", given_name="Hùng")


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    written: list[int] = []
    real = storage.atomic_write

    def counted(*args: object, **kwargs: object) -> object:
        written.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "atomic_write", counted)
    return written


def test_the_record_is_stored_and_its_draft_gone_in_one_write(
    repo: Repository, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_draft("lecturer:new", {"kind": "lecturer", "given_name": "Hùng"})
    repo.save_draft("other:new", {"kind": "other"})
    written = count_writes(monkeypatch)
    saved = repo.save(lecturer(), drop_draft="lecturer:new")
    assert len(written) == 1
    assert repo.get(Lecturer, saved.id) == saved
    assert set(repo.drafts()) == {"other:new"}


def test_a_failed_write_keeps_the_draft_and_stores_no_record(
    repo: Repository, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_draft("lecturer:new", {"kind": "lecturer"})

    def full(tmp: str, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_replace", full)
    with pytest.raises(DataFileError):
        repo.save(lecturer(), drop_draft="lecturer:new")
    monkeypatch.undo()
    assert repo.all(Lecturer) == []
    assert set(repo.drafts()) == {"lecturer:new"}
    repo.close()
    reopened = open_repo(path)
    assert reopened.all(Lecturer) == []
    assert set(reopened.drafts()) == {"lecturer:new"}
    reopened.close()


def test_no_draft_to_drop_is_a_plain_save(repo: Repository) -> None:
    saved = repo.save(lecturer(), drop_draft="lecturer:new")
    assert repo.get(Lecturer, saved.id) == saved
    assert repo.drafts() == {}
