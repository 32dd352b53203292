"""The storage: in memory, atomic write-through, re-read on change; corrupt files never touched."""

from __future__ import annotations

import errno
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document

import store.storage as storage_module
from giangvien.i18n import set_language
from store.backup import backup_now, list_backups
from store.errors import (
    CorruptFileError,
    DataFileError,
    ReadOnlyError,
)
from store.storage import SafeJSONStorage
from tests.store_helpers import (
    POSIX_ONLY,
    VI_TEXT,
    open_db,
    open_df,
    record,
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts full parses of a data file."""
    calls: list[int] = []
    real = storage_module.parse_document

    def counting(raw: bytes, path: Path) -> Any:
        calls.append(len(raw))
        return real(raw, path)

    monkeypatch.setattr(storage_module, "parse_document", counting)
    return calls


# -- storage -----------------------------------------------------------------


def test_round_trip_keeps_text_and_string_ids(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    ids = [f"0b7c{n:04d}-uuid" for n in range(3)]
    for n, doc_id in enumerate(ids):
        db.table("observations").insert(Document(record(n), doc_id=doc_id))
    db.close()
    raw = path.read_bytes()
    assert VI_TEXT.encode() in raw and b"\\u" not in raw
    again = open_db(path)
    docs = {doc.doc_id: dict(doc) for doc in again.table("observations").all()}
    assert docs == {doc_id: record(n) for n, doc_id in enumerate(ids)}


def test_missing_file_is_new_and_not_created_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    storage = SafeJSONStorage(path)
    assert storage.read() is None
    assert not path.exists()


def test_cache_is_not_reparsed_while_file_unchanged(tmp_path: Path, parses: list[int]) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    for n in range(20):
        db.table("t").insert(Document(record(n), doc_id=str(n)))
        assert len(db.table("t").all()) == n + 1
    assert parses == []  # never parsed its own writes
    other = open_db(path)
    for _ in range(5):
        assert len(other.table("t")) == 20
    assert len(parses) == 1


def test_rereads_after_another_writer_changes_the_file(tmp_path: Path, parses: list[int]) -> None:
    path = tmp_path / "g.json"
    first, second = open_db(path), open_db(path)
    first.table("t").insert(Document(record(1), doc_id="a"))
    assert len(second.table("t")) == 1
    second.table("t").insert(Document(record(2), doc_id="b"))
    assert {d.doc_id for d in first.table("t").all()} == {"a", "b"}
    assert len(parses) == 2


def test_write_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    for n in range(5):
        db.table("t").insert(Document(record(n), doc_id=str(n)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


@POSIX_ONLY
def test_new_file_is_0600_and_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    db.table("t").insert(Document(record(1), doc_id="a"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    db.table("t").insert(Document(record(2), doc_id="b"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_failed_write_drops_the_cache_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    db.table("t").insert(Document(record(1), doc_id="a"))

    def full_disk(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module.os, "replace", full_disk)
    with pytest.raises(DataFileError) as caught:
        db.table("t").insert(Document(record(2), doc_id="b"))
    assert caught.value.key == "store.os.no_space" and str(path) in str(caught.value)
    monkeypatch.undo()
    assert [d.doc_id for d in db.table("t").all()] == ["a"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


def test_read_only_storage_refuses_writes_and_forgets_the_change(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    open_db(path).table("t").insert(Document(record(1), doc_id="a"))
    before = path.read_bytes()
    db = open_db(path, read_only=True)
    with pytest.raises(ReadOnlyError) as caught:
        db.table("t").insert(Document(record(2), doc_id="b"))
    assert str(path) in str(caught.value)
    assert [d.doc_id for d in db.table("t").all()] == ["a"]
    assert path.read_bytes() == before


# -- corrupt files -----------------------------------------------------------


def assert_corrupt_and_untouched(path: Path) -> CorruptFileError:
    before = path.read_bytes()
    db = open_db(path)
    with pytest.raises(CorruptFileError) as caught:
        db.table("t").insert(Document(record(1), doc_id="a"))
    with pytest.raises(CorruptFileError):
        db.drop_tables()  # writes without reading first
    with pytest.raises(CorruptFileError):
        open_df(path)
    assert path.read_bytes() == before
    return caught.value


def test_garbage_names_line_column_and_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(b'{"t": {"a": {"n": 1}},\n "u": {"b": {"n": 2}, oops}}')
    error = assert_corrupt_and_untouched(path)
    assert (error.line, error.column, error.newest_backup) == (2, 23, None)
    assert "dòng 2, cột 23" in str(error) and "chưa có bản sao lưu" in str(error)
    set_language("en")
    assert "line 2, column 23" in str(error) and "no backup" in str(error)


def test_zero_byte_file_is_corrupt_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.touch()
    error = assert_corrupt_and_untouched(path)
    assert (error.line, error.column) == (1, 1)


def test_corrupt_file_names_the_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    open_db(path).table("t").insert(Document(record(1), doc_id="a"))
    backup_now(path, now=datetime(2024, 3, 1, 8))
    newest = backup_now(path, now=datetime(2024, 3, 2, 8))
    path.write_bytes(path.read_bytes()[:-3])
    error = assert_corrupt_and_untouched(path)
    assert error.newest_backup == newest
    assert str(newest) in str(error)
    with pytest.raises(CorruptFileError):
        backup_now(path)  # a damaged file is never copied into the backups
    assert list_backups(path)[-1] == newest


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=30), max_size=6),
    cut=st.floats(0, 1, exclude_max=True),
)
def test_truncated_file_is_corrupt_and_untouched(
    tmp_path: Path, docs: dict[str, str], cut: float
) -> None:
    path = tmp_path / "trunc.json"
    path.unlink(missing_ok=True)
    db = TinyDB(path, storage=SafeJSONStorage)
    db.table("t").insert_multiple({"k": k, "v": v} for k, v in docs.items())
    db.close()
    whole = path.read_bytes()
    path.write_bytes(whole[: int(len(whole) * cut)])
    before = path.read_bytes()
    with pytest.raises(CorruptFileError) as caught:
        TinyDB(path, storage=SafeJSONStorage).table("t").insert({"k": "x"})
    assert caught.value.line is not None and caught.value.column is not None
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "position"),
    [
        (b"[]", None),
        (b'{"t": 5}', None),
        (b'{"t": {"1": [1]}}', None),
        (b'{"t": {"1": {"n": "\xff"}}}', (1, 20)),
        (b'\n{"t": {"1": {"n": NaN,}}}', (2, 23)),
    ],
)
def test_wrong_shape_or_bytes_is_corrupt(
    tmp_path: Path, content: bytes, position: tuple[int, int] | None
) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(content)
    error = assert_corrupt_and_untouched(path)
    assert (error.line, error.column) == (position or (None, None))


def test_byte_order_mark_is_forgiven(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(b'\xef\xbb\xbf{"t": {"a": {"n": 1}}}')
    assert open_db(path).table("t").get(doc_id="a") == {"n": 1}
