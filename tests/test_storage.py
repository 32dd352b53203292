"""The persistence layer: storage, lock, backups, schema, messages."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document, Table

import store.datafile as datafile
import store.storage as storage_module
from giangvien.i18n import set_language
from store.backup import backup_folder, backup_now, daily_backup, list_backups, newest_backup
from store.datafile import SCHEMA_VERSION, DataFile, open_datafile
from store.errors import (
    CorruptFileError,
    DataFileError,
    LockedError,
    NewerSchemaError,
    ReadOnlyError,
    StoreError,
)
from store.lock import WriteLock, lock_path
from store.storage import SafeJSONStorage

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "giangvien" / "locale"
VI_TEXT = "Đồng chí Nguyễn Thị Hồng Nhung dự giờ bài “Học thuyết Mác–Lênin”, ưu điểm: rõ ràng"
LANGS = ("vi", "en")
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")


class UUIDTable(Table):
    document_id_class = str


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


def record(n: int) -> dict[str, Any]:
    return {"n": n, "text": VI_TEXT, "scores": [{"c": i, "v": i % 5} for i in range(4)]}


def open_db(path: Path, **kwargs: Any) -> TinyDB:
    db = TinyDB(path, storage=SafeJSONStorage, **kwargs)
    db.table_class = UUIDTable
    return db


def open_df(path: Path, **kwargs: Any) -> DataFile:
    kwargs.setdefault("app_version", "test")
    df = open_datafile(path, **kwargs)
    df.db.table_class = UUIDTable
    return df


def subprocess_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


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


# -- lock ----------------------------------------------------------------------


def test_write_lock_is_exclusive_and_records_the_pid(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    first, second = WriteLock(path), WriteLock(path)
    assert first.acquire() and not second.acquire()
    assert second.holder_pid() == os.getpid()
    with pytest.raises(LockedError):
        second.__enter__()
    first.release()
    with second:
        assert second.held and lock_path(path).exists()
    assert not second.held


def test_second_open_in_process_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    first = open_df(path)
    second = open_df(path)
    assert not first.read_only and second.read_only
    assert isinstance(second.read_only_cause, LockedError)
    assert str(os.getpid()) in (second.read_only_reason or "")
    first.db.table("t").insert(Document(record(1), doc_id="a"))
    assert second.db.table("t").get(doc_id="a") == record(1)  # sees the writer's saves
    with pytest.raises(ReadOnlyError) as caught:
        second.db.table("t").insert(Document(record(2), doc_id="b"))
    assert str(caught.value) == second.read_only_reason
    first.close()
    second.close()
    third = open_df(path)
    assert not third.read_only
    third.close()


HOLDER = """
import sys
from pathlib import Path
from store.datafile import open_datafile
df = open_datafile(Path(sys.argv[1]), app_version="child")
print("writable" if not df.read_only else "read-only", flush=True)
sys.stdin.readline()
"""


def test_lock_held_by_another_process_then_freed_by_kill(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=subprocess_env(),
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writable"
        df = open_df(path)
        assert df.read_only and str(child.pid) in (df.read_only_reason or "")
        set_language("en")
        assert "another giangvien window" in (df.read_only_reason or "")
        df.close()
    finally:
        child.kill()
        child.wait()
    df = open_df(path)
    assert not df.read_only
    df.close()


# -- schema and migrations -----------------------------------------------------


def test_new_file_has_meta_and_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "g.json"
    with open_df(path, app_version="1.2.3") as df:
        assert df.path == path and not df.read_only
    assert json.loads(path.read_bytes()) == {
        "_meta": {"1": {"schema_version": SCHEMA_VERSION, "app_version": "1.2.3"}}
    }
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unwritable_folder_opens_read_only_with_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    open_df(path).close()

    def write_protected(self: WriteLock) -> bool:
        raise DataFileError(self.path, OSError(errno.EROFS, os.strerror(errno.EROFS)))

    monkeypatch.setattr(WriteLock, "acquire", write_protected)
    with open_df(path) as df:
        assert df.read_only and str(path) in (df.read_only_reason or "")
        assert ".lock" not in (df.read_only_reason or "")
        with pytest.raises(ReadOnlyError):
            df.db.table("t").insert(Document(record(1), doc_id="a"))


def test_read_only_open_of_missing_file_says_not_found(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        open_df(tmp_path / "none.json", read_only=True)
    assert caught.value.key == "store.os.not_found"
    assert not (tmp_path / "none.json").exists()


def test_asked_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    open_df(path).close()
    with open_df(path, read_only=True) as df:
        assert df.read_only and "chỉ xem" in (df.read_only_reason or "")
        with pytest.raises(ReadOnlyError):
            df.write_raw({})


def test_newer_schema_opens_read_only_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    newer = SCHEMA_VERSION + 1
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": newer}}, "t": {"a": {}}}))
    before = path.read_bytes()
    df = open_df(path)
    assert df.read_only and isinstance(df.read_only_cause, NewerSchemaError)
    assert f"{newer}" in (df.read_only_reason or "")
    with pytest.raises(ReadOnlyError):
        df.db.table("t").insert(Document(record(1), doc_id="b"))
    with pytest.raises(ReadOnlyError):
        df.write_raw({})
    assert path.read_bytes() == before
    lock = WriteLock(path)  # the lock was given back for a newer giangvien
    assert lock.acquire()
    lock.release()
    df.close()


@pytest.mark.parametrize("version", ["2", 0, True, None])
def test_damaged_schema_version_is_corrupt(tmp_path: Path, version: object) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": version}}}))
    with pytest.raises(CorruptFileError) as caught:
        open_df(path)
    assert caught.value.line is None


def test_every_schema_version_has_a_migration() -> None:
    assert set(datafile.MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def test_migration_runs_after_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.json"
    old = {"_meta": {"1": {"schema_version": 1, "app_version": "0.1"}}, "t": {"a": {"x": 1}}}
    path.write_text(json.dumps(old))

    def rename_x(document: dict[str, Any]) -> dict[str, Any]:
        for doc in document["t"].values():
            doc["y"] = doc.pop("x")
        return document

    monkeypatch.setattr(datafile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(datafile, "MIGRATIONS", {1: rename_x})
    with open_df(path, read_only=True, app_version="0.2") as df:
        assert df.db.table("t").get(doc_id="a") == {"y": 1}  # in memory only
    assert json.loads(path.read_text()) == old
    with open_df(path, app_version="0.2") as df:
        assert df.db.table("t").get(doc_id="a") == {"y": 1}
        df.db.table("t").insert(Document({"y": 2}, doc_id="b"))
    on_disk = json.loads(path.read_text())
    assert on_disk["_meta"]["1"] == {"schema_version": 2, "app_version": "0.2"}
    assert on_disk["t"] == {"a": {"y": 1}, "b": {"y": 2}}
    assert [json.loads(b.read_text()) for b in list_backups(path)] == [old]


# -- data file -----------------------------------------------------------------


def test_write_raw_replaces_everything_in_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    df = open_df(path, app_version="9.9")
    table = df.db.table("t")
    table.insert(Document(record(0), doc_id="old"))
    assert len(table.all()) == 1  # fills TinyDB's query cache
    writes: list[int] = []
    real = storage_module.atomic_write
    monkeypatch.setattr(
        storage_module, "atomic_write", lambda *a, **k: writes.append(1) or real(*a, **k)
    )
    bulk = {"t": {str(n): record(n) for n in range(500)}, "_meta": {"1": {"schema_version": 99}}}
    df.write_raw(bulk)
    assert writes == [1]
    assert len(table.all()) == 500 and table.get(doc_id="old") is None
    assert df.raw()["_meta"]["1"] == {"schema_version": SCHEMA_VERSION, "app_version": "9.9"}
    assert bulk["_meta"]["1"] == {"schema_version": 99}  # the caller's dict is untouched
    df.close()
    with open_df(path, read_only=True) as again:
        assert json.loads(path.read_bytes()) == again.raw()


def test_app_version_is_stamped_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    open_df(path, app_version="0.1").close()
    with open_df(path, app_version="0.2") as df:
        df.db.table("t").insert(Document({}, doc_id="a"))
    assert json.loads(path.read_text())["_meta"]["1"]["app_version"] == "0.2"


def test_stale_temp_files_are_removed_by_the_lock_holder(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    open_df(path).close()
    stale = tmp_path / ".g.json.abc123.tmp"
    stale.write_bytes(b'{"half')
    open_df(path).close()
    assert not stale.exists()


# -- backups -------------------------------------------------------------------


def test_backup_now_is_an_exact_private_copy(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    with open_df(path) as df:
        df.db.table("t").insert(Document(record(1), doc_id="a"))
        made = backup_now(path)
        out = backup_now(path, tmp_path / "usb" / "copy.json")
    assert made.parent == backup_folder(path) and newest_backup(path) == made
    assert made.read_bytes() == out.read_bytes() == path.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_backup_during_writes_is_always_a_whole_version(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    db.table("t").insert(Document(record(0), doc_id="0"))
    writer = threading.Thread(
        target=lambda: [
            db.table("t").insert(Document(record(n), doc_id=str(n))) for n in range(1, 60)
        ]
    )
    writer.start()
    copies = []
    while writer.is_alive():
        copies.append(backup_now(path, tmp_path / "copies" / f"{len(copies)}.json"))
    writer.join()
    assert len(copies) >= 2
    for copy in copies:  # backup_now checked each parses; each is one whole version
        ids = set(json.loads(copy.read_bytes())["t"])
        assert ids == {str(n) for n in range(len(ids))}


def test_backups_in_the_same_second_are_all_kept_in_order(tmp_path: Path) -> None:
    path = tmp_path / "g[1].json"  # glob and regex characters in the name
    open_df(path).close()
    moment = datetime(2024, 5, 1, 9, 30)
    made = [backup_now(path, now=moment) for _ in range(3)]
    assert list_backups(path) == made and len(set(made)) == 3


def test_daily_backup_once_a_day_and_pruned(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    assert daily_backup(path) is None  # nothing to copy yet
    open_df(path).close()
    day = datetime(2024, 1, 1, 7)
    for n in range(10):
        assert daily_backup(path, keep=7, now=day + timedelta(days=n)) is not None
        assert daily_backup(path, keep=7, now=day + timedelta(days=n, hours=5)) is None
    names = [b.name for b in list_backups(path)]
    assert names == [f"g-202401{d:02d}-070000.json" for d in range(4, 11)]


def test_first_write_of_the_day_takes_the_daily_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    with open_df(path) as df:
        committed = path.read_bytes()
        df.db.table("t").insert(Document(record(1), doc_id="a"))
        df.db.table("t").insert(Document(record(2), doc_id="b"))
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].read_bytes() == committed


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
