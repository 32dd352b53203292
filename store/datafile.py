"""Opening a giangvien data file: lock, schema version, migrations, backups.

The file is one JSON object of TinyDB tables. Its ``_meta`` table holds one
record, ``"1"``: ``schema_version``, the ``app_version`` that last wrote it,
the ``center_id`` of the Center the file belongs to, the ``laptop_id`` of the
laptop that writes it (with ``laptop_where``, to notice a copied file) and
``clock``, the last stamp of its hybrid logical clock (store.clock).
Record ids of the other tables are whatever the repository chooses (UUID
text); nothing here assumes integer ids.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import socket
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB

from giangvien.signing import fingerprint_old_signatures
from store.backup import DEFAULT_KEEP, backup_now, daily_backup
from store.clock import LEGACY_CENTER, LEGACY_LAPTOP, new_laptop_id, stamp_of
from store.errors import (
    DataFileError,
    InvalidRecordsError,
    LockedError,
    NewerSchemaError,
    NotWritableError,
    StoreError,
    read_only_requested,
)
from store.lock import WriteLock
from store.storage import (
    TEMP_SUFFIX,
    Document,
    SafeJSONStorage,
    atomic_write,
    corrupt,
    serialise,
    temp_prefix,
)
from store.upgrade import upgrade_to_5

SCHEMA_VERSION = 7

META_TABLE = "_meta"
META_ID = "1"


def stamp_legacy_records(document: Document) -> Document:
    """Give records written before stamps existed a stamp, from their ``updated_at``.

    They all get the one LEGACY laptop, so two laptops of a Center that both
    upgrade hold identical copies of the records they had exchanged, and of
    two different copies the later edit (by its instant) is the newer one.
    """
    for name, table in document.items():
        if name.startswith("_") or not isinstance(table, dict):
            continue
        for doc in table.values():
            if not isinstance(doc, dict) or isinstance(doc.get("stamp"), int):
                continue
            stamp = _legacy_stamp(doc.get("updated_at"))
            doc.update(stamp=stamp, laptop=LEGACY_LAPTOP, seen={LEGACY_LAPTOP: stamp})
    return document


def _legacy_stamp(text: object) -> int:
    try:
        return stamp_of(datetime.fromisoformat(str(text)))
    except ValueError:
        return 0  # check names the bad updated_at; the stamp only has to exist


def _to_2(document: Document) -> Document:
    # Schema 2: merge by stamps and conflicts (store.merge). Files of schema 1
    # had no Center identity; they all share LEGACY_CENTER so that two old
    # laptops of one Center can still exchange. The old merge memory goes.
    stamp_legacy_records(document)
    document.pop("_sync", None)
    meta = _meta(document)
    meta.setdefault("center_id", LEGACY_CENTER)
    meta.setdefault("center_settled", True)
    stamps = [
        doc["stamp"]
        for name, table in document.items()
        if not name.startswith("_") and isinstance(table, dict)
        for doc in table.values()
        if isinstance(doc, dict) and isinstance(doc.get("stamp"), int)
    ]
    meta["clock"] = max([int(meta.get("clock") or 0), *stamps])
    return document


def _to_3(document: Document) -> Document:
    # Schema 3: a signed conclusion carries the fingerprint of what was signed
    # (giangvien.models.signature); what older versions signed is taken as signed.
    fingerprint_old_signatures(document)
    return document


def _to_4(document: Document) -> Document:
    # Schema 4: a change history (the ``history`` table, giangvien.models.history).
    # Saves made before it have none; a record's creation is its own created_at.
    document.setdefault("history", {})
    return document


def _to_5(document: Document) -> Document:
    # Schema 5: a trial's verdict is recorded by a leader and signed like a
    # conclusion (giangvien.trial_signing); what older versions recorded is
    # taken as recorded. A sheet's own part (self-assessment, "seen") says who
    # recorded it (giangvien.own_part); older ones are taken as from paper.
    upgrade_to_5(document)
    return document


def _to_6(document: Document) -> Document:
    # Schema 6: the class log and the conferences (giangvien.models.training),
    # empty until a Center records them; the settings' teaching-load norms take
    # their defaults when read, so no stored record changes (and none changes
    # its stamp: two laptops that upgrade still hold the same versions).
    document.setdefault("classes", {})
    document.setdefault("conferences", {})
    return document


def _to_7(document: Document) -> Document:
    # Schema 7: the year's plan (the ``plans`` table, giangvien.models.plan),
    # empty until a Center makes one; sheets' follow-ups and the settings'
    # plan defaults read as their defaults, so no stored record changes.
    document.setdefault("plans", {})
    return document


# MIGRATIONS[n] turns a version-n document into a version-n+1 one; it may edit
# and return its argument. The version stamp is set by migrate(), not by it.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _to_2, 2: _to_3, 3: _to_4, 4: _to_5, 5: _to_6, 6: _to_7,
}  # fmt: skip


def new_document(app_version: str) -> Document:
    meta = {
        "schema_version": SCHEMA_VERSION,
        "app_version": app_version,
        "center_id": str(uuid.uuid4()),
        # Until its first import, a new file may still join another Center
        # (store.exchange): a new laptop's first import is joining.
        "center_settled": False,
        "clock": 0,
    }
    return {META_TABLE: {META_ID: meta}}


def schema_version(document: Document, path: Path) -> int:
    """The file's schema version; a file without ``_meta`` predates it: 1."""
    meta = document.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        return 1
    version = meta.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise corrupt(path, None, None)
    return version


def migrate(document: Document, path: Path) -> Document:
    """Bring ``document`` up to SCHEMA_VERSION (no-op if current or newer)."""
    version = schema_version(document, path)
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        _meta(document)["schema_version"] = version
    return document


def _meta(document: Document) -> dict[str, Any]:
    return document.setdefault(META_TABLE, {}).setdefault(META_ID, {})


class _DailyBackup:
    """before_write hook: one backup on the first write of each day.

    Remembering the day keeps every later write to a date comparison, instead
    of a directory listing per keystroke-sized save.
    """

    def __init__(self, path: Path, keep: int) -> None:
        self.path, self.keep = path, keep
        self.done_on: date | None = None

    def __call__(self) -> None:
        today = date.today()
        if self.done_on != today:
            daily_backup(self.path, self.keep)
            self.done_on = today


class DataFile:
    """An open data file; build it with :func:`open_datafile`."""

    def __init__(
        self,
        path: Path,
        db: TinyDB,
        lock: WriteLock | None,
        read_only_cause: StoreError | None,
        app_version: str,
    ) -> None:
        self.path = path
        self.db = db
        self.app_version = app_version
        self.read_only_cause = read_only_cause
        self._lock = lock

    @property
    def storage(self) -> SafeJSONStorage:
        storage = self.db.storage
        assert isinstance(storage, SafeJSONStorage)
        return storage

    @property
    def read_only(self) -> bool:
        return self.read_only_cause is not None

    @property
    def read_only_reason(self) -> str | None:
        """Why changes cannot be saved, as one sentence in the current language."""
        return None if self.read_only_cause is None else str(self.read_only_cause)

    @property
    def meta(self) -> dict[str, Any]:
        """This file's ``_meta`` record (live: a change goes out with the next write)."""
        return _meta(self.storage.read() or {})

    @property
    def center_id(self) -> str:
        return str(self.meta.get("center_id") or LEGACY_CENTER)

    @property
    def laptop_id(self) -> str:
        return str(self.meta.get("laptop_id") or "")

    def hold_read_only(self, cause: StoreError) -> None:
        """Turn this open file read-only from now on, for ``cause`` (its sentence)."""
        self.read_only_cause = cause
        self.storage.read_only, self.storage.read_only_reason = True, cause
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def raw(self) -> Document:
        """The whole cached document; read it, never change it."""
        return self.storage.read() or {}

    def write_raw(self, tables: Document) -> None:
        """Replace the whole document in one atomic write (bulk import, demo).

        The ``_meta`` table is this file's, whatever ``tables`` holds. The dict
        (not its tables) is copied so the caller's stays as given.
        """
        document = dict(tables)
        meta = dict(self.raw().get(META_TABLE, {}).get(META_ID, {}))
        meta.update(schema_version=SCHEMA_VERSION, app_version=self.app_version)
        document[META_TABLE] = {META_ID: meta}
        self.storage.write(document)
        # TinyDB caches query results per table and only clears them on its
        # own writes; it keeps its table objects in the private _tables.
        for table in list(self.db._tables.values()):
            table.clear_cache()

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> DataFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_VIEWABLE = frozenset({"store.os.read_only_fs", "store.os.permission"})


def open_datafile(
    path: Path, *, read_only: bool = False, app_version: str, keep_backups: int = DEFAULT_KEEP
) -> DataFile:
    """Open (creating if missing) the data file at ``path``.

    Falls back to read-only, with :attr:`DataFile.read_only_reason` set, when
    another instance holds the write lock, the folder cannot be written, or
    the file has a newer schema.
    Raises CorruptFileError for a file that does not parse, and DataFileError
    for OS errors or a missing file opened read-only.
    """
    path = Path(path)
    if path.is_symlink():
        # Resolved once, here: every later write (temp file, rename, backups,
        # lock) goes to the file the link points at, so the link stays a link.
        path = Path(os.path.realpath(path))
    lock: WriteLock | None = None
    cause: StoreError | None = None
    if read_only:
        cause = read_only_requested(path)
    else:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise DataFileError(path.parent, error) from error
        lock = WriteLock(path)
        try:
            if not lock.acquire():
                cause = LockedError(path, lock.holder_pid())
                lock = None
        except DataFileError as error:
            # A write-protected USB stick or a folder of someone else's: the
            # file can still be read, and the sentence says why nothing saves.
            if error.key not in _VIEWABLE:
                raise
            cause, lock = DataFileError(path, error.error), None
    if lock is not None and path.exists() and not os.access(path, os.W_OK):
        # The rename would replace a file its owner made read-only (0400, or
        # someone else's): honour the mode instead, and say so.
        cause = NotWritableError(path)
        lock.release()
        lock = None
    try:
        if lock is not None:
            _remove_stale_temp_files(path)
            if not path.exists():
                atomic_write(path, serialise(new_document(app_version)))
        elif not path.exists():
            raise DataFileError(path, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
        db = TinyDB(
            path, storage=SafeJSONStorage, read_only=cause is not None, read_only_reason=cause
        )
        storage = db.storage
        assert isinstance(storage, SafeJSONStorage)
        document = storage.read() or {}
        found = schema_version(document, path)
        if found > SCHEMA_VERSION:
            cause = NewerSchemaError(path, found, SCHEMA_VERSION)
            storage.read_only, storage.read_only_reason = True, cause
            if lock is not None:
                # Let a newer giangvien, which can write it, have the file.
                lock.release()
                lock = None
        elif found < SCHEMA_VERSION:
            storage.upgrade = lambda doc: migrate(doc, path)
            if lock is not None:
                migrated = migrate(document, path)
                # The gate, as for every way in: a migration that would store a
                # record check refuses writes nothing, and the file opens read-only.
                refused = _gate(migrated, path)
                if refused is None:
                    backup_now(path)
                    storage.write(migrated)
                else:
                    cause = refused
                    storage.read_only, storage.read_only_reason = True, cause
                    storage.invalidate()
                    lock.release()
                    lock = None
            else:
                storage.invalidate()
        if lock is not None:
            # Written with the next save: the version that last wrote the file.
            meta = _meta(storage.read() or {})
            meta.setdefault("schema_version", SCHEMA_VERSION)
            meta["app_version"] = app_version
            _own_laptop(meta, path)
            storage.before_write = _DailyBackup(path, keep_backups)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return DataFile(path, db, lock, cause, app_version)


def laptop_where(path: Path) -> str:
    return f"{socket.gethostname()}:{path.resolve()}"


def _own_laptop(meta: dict[str, Any], path: Path) -> None:
    # A file copied from another laptop (or restored from its backup) would
    # otherwise write under that laptop's identity, and two laptops' edits
    # under one id cannot be told apart: a new place means a new laptop id.
    where = laptop_where(path)
    if not meta.get("laptop_id") or meta.get("laptop_where") != where:
        meta["laptop_id"] = new_laptop_id()
        meta["laptop_where"] = where
    meta.setdefault("center_id", LEGACY_CENTER)


def _gate(document: Document, path: Path) -> StoreError | None:
    from store.gate import document_problems

    found = document_problems(document)
    if not found:
        return None
    return InvalidRecordsError(path, found[0].line(), len(found))


def _remove_stale_temp_files(path: Path) -> None:
    # Only the lock holder writes temp files for this path, so while we hold
    # the lock any that exist are leftovers of a writer that was killed.
    for leftover in path.parent.glob(f"{glob.escape(temp_prefix(path))}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
