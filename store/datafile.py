"""Opening a giangvien data file: lock, schema version, migrations, backups.

The file is one JSON object of TinyDB tables. Its ``_meta`` table holds one
record, ``"1"``: ``schema_version`` and the ``app_version`` that last wrote it.
Record ids of the other tables are whatever the repository chooses (UUID
text); nothing here assumes integer ids.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB

from store.backup import DEFAULT_KEEP, backup_now, daily_backup
from store.errors import (
    DataFileError,
    LockedError,
    NewerSchemaError,
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

SCHEMA_VERSION = 1
# MIGRATIONS[n] turns a version-n document into a version-n+1 one; it may edit
# and return its argument. The version stamp is set by migrate(), not by it.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}

META_TABLE = "_meta"
META_ID = "1"


def new_document(app_version: str) -> Document:
    return {META_TABLE: {META_ID: {"schema_version": SCHEMA_VERSION, "app_version": app_version}}}


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
                backup_now(path)
                storage.write(migrate(document, path))
            else:
                storage.invalidate()
        if lock is not None:
            # Written with the next save: the version that last wrote the file.
            meta = _meta(storage.read() or {})
            meta.setdefault("schema_version", SCHEMA_VERSION)
            meta["app_version"] = app_version
            storage.before_write = _DailyBackup(path, keep_backups)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return DataFile(path, db, lock, cause, app_version)


def _remove_stale_temp_files(path: Path) -> None:
    # Only the lock holder writes temp files for this path, so while we hold
    # the lock any that exist are leftovers of a writer that was killed.
    for leftover in path.parent.glob(f"{glob.escape(temp_prefix(path))}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
