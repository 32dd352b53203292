"""Opening a data file: the write lock, schema and migrations, whole-file writes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from tinydb.table import Document

import store.datafile as datafile
import store.storage as storage_module
from giangvien.i18n import set_language
from giangvien.models import Lecturer
from store.backup import list_backups
from store.datafile import SCHEMA_VERSION
from store.errors import (
    CorruptFileError,
    DataFileError,
    InvalidRecordsError,
    LockedError,
    NewerSchemaError,
    ReadOnlyError,
)
from store.lock import WriteLock, lock_path
from tests.store_helpers import (
    open_df,
    record,
    subprocess_env,
)

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
    meta = json.loads(path.read_bytes())["_meta"]["1"]
    assert set(json.loads(path.read_bytes())) == {"_meta"}
    assert meta["schema_version"] == SCHEMA_VERSION and meta["app_version"] == "1.2.3"
    assert uuid.UUID(meta["center_id"]) and meta["clock"] == 0
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


def _old_lecturer() -> dict[str, Any]:
    doc = Lecturer(family_name="Lê", given_name="An").model_dump(mode="json")
    doc["ten"] = doc.pop("given_name")  # as a version-1 file would have had it
    return doc


def test_migration_runs_after_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.json"
    lecturer = _old_lecturer()
    key = lecturer["id"]
    old = {
        "_meta": {"1": {"schema_version": 1, "app_version": "0.1"}},
        "lecturers": {key: lecturer},
    }
    path.write_text(json.dumps(old))

    def rename(document: dict[str, Any]) -> dict[str, Any]:
        for doc in document["lecturers"].values():
            doc["given_name"] = doc.pop("ten")
        return document

    monkeypatch.setattr(datafile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(datafile, "MIGRATIONS", {1: rename})
    monkeypatch.setattr(datafile, "_own_laptop", lambda meta, path: None)
    with open_df(path, read_only=True, app_version="0.2") as df:
        assert df.db.table("lecturers").get(doc_id=key)["given_name"] == "An"  # in memory only
    assert json.loads(path.read_text()) == old
    with open_df(path, app_version="0.2") as df:
        assert not df.read_only
        assert df.db.table("lecturers").get(doc_id=key)["given_name"] == "An"
        df.write_raw(dict(df.raw()))  # the next save stamps the version that wrote it
    on_disk = json.loads(path.read_text())
    assert on_disk["_meta"]["1"] == {"schema_version": 2, "app_version": "0.2"}
    assert on_disk["lecturers"][key]["given_name"] == "An"
    assert [json.loads(b.read_text()) for b in list_backups(path)] == [old]


def test_a_migration_the_gate_refuses_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    lecturer = _old_lecturer()
    old = {
        "_meta": {"1": {"schema_version": 1, "app_version": "0.1"}},
        "lecturers": {lecturer["id"]: lecturer},
    }
    path.write_text(json.dumps(old))
    before = path.read_bytes()

    def broken(document: dict[str, Any]) -> dict[str, Any]:
        for doc in document["lecturers"].values():
            doc["given_name"] = doc.pop("ten") + "\x1b[2J"  # a bug in a migration
        return document

    monkeypatch.setattr(datafile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(datafile, "MIGRATIONS", {1: broken})
    with open_df(path, app_version="0.2") as df:
        assert df.read_only
        assert isinstance(df.read_only_cause, InvalidRecordsError)
        assert "U+001B" in str(df.read_only_cause)
    assert path.read_bytes() == before
    assert list_backups(path) == []


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
    meta = df.raw()["_meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION and meta["app_version"] == "9.9"
    assert meta["center_id"] and meta["laptop_id"]  # this file's, not the caller's
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
