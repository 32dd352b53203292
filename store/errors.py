"""Errors of the persistence layer, each one clear sentence for the user.

The sentence is rendered when the error is shown, not when it is raised, so an
error raised before ``set_language`` still speaks the language chosen since.
Every subclass keeps its facts as attributes so that callers and tests can act
on them without parsing the sentence.
"""

from __future__ import annotations

import errno
from pathlib import Path

from giangvien.i18n import tr


class StoreError(Exception):
    """Base of every error ``store`` raises on purpose; ``str()`` is the sentence."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        # A full path, because "giangvien.json" alone does not tell a user
        # where to look.
        values = {
            name: value.absolute() if isinstance(value, Path) else value
            for name, value in self.values.items()
        }
        return tr(self.key, **values)


class CorruptFileError(StoreError):
    """The file is not JSON we can read (or not shaped like our data).

    ``line`` and ``column`` are 1-based; both are ``None`` when the JSON parses
    but its structure is wrong, where a position would mean nothing.
    """

    def __init__(
        self,
        path: Path,
        line: int | None,
        column: int | None,
        newest_backup: Path | None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.newest_backup = newest_backup
        key = "store.corrupt" if line is not None else "store.corrupt_shape"
        if newest_backup is None:
            key += "_no_backup"
        super().__init__(key, file=self.path, line=line, column=column, backup=newest_backup or "")


class NewerSchemaError(StoreError):
    """The file was written by a newer giangvien; used as a read-only reason."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = Path(path)
        self.found = found
        self.supported = supported
        super().__init__("store.newer_schema", file=self.path, found=found, supported=supported)


class LockedError(StoreError):
    """Another process holds the write lock of the file."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = Path(path)
        self.pid = pid
        key = "store.locked" if pid is not None else "store.locked_no_pid"
        super().__init__(key, file=self.path, pid=pid)


class ReadOnlyError(StoreError):
    """A write was attempted on a file opened read-only.

    ``reason`` already says why the file is read-only and that changes are not
    saved (a :class:`LockedError`, :class:`NewerSchemaError`, or by default
    :func:`read_only_requested`), so it is the message itself.
    """

    def __init__(self, path: Path, reason: StoreError | str | None = None) -> None:
        self.path = Path(path)
        self.reason = reason or read_only_requested(path)
        key = self.reason.key if isinstance(self.reason, StoreError) else "store.read_only"
        super().__init__(key)

    def __str__(self) -> str:
        return str(self.reason)


class InvalidRecordsError(StoreError):
    """The file holds records the gate refuses: it opens read-only, naming the first."""

    def __init__(self, path: Path, first: str, count: int) -> None:
        self.path = Path(path)
        self.first = first
        self.count = count
        super().__init__("store.invalid_records", file=self.path, first=first, count=count)


class NotWritableError(StoreError):
    """The user may not write the data file itself (its mode, its owner)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__("store.not_writable", file=self.path)


def read_only_requested(path: Path) -> StoreError:
    """The reason of a file opened read-only on purpose."""
    return StoreError("store.read_only_requested", file=Path(path))


# errno -> catalogue key; anything else gets the generic sentence with the
# system's own wording in brackets.
_OS_KEYS: dict[int, str] = {
    errno.ENOSPC: "store.os.no_space",
    getattr(errno, "EDQUOT", errno.ENOSPC): "store.os.no_space",
    errno.EACCES: "store.os.permission",
    errno.EPERM: "store.os.permission",
    errno.EROFS: "store.os.read_only_fs",
    errno.ENOENT: "store.os.not_found",
}


class DataFileError(StoreError):
    """An operating-system error (permission, disk full, ...) on ``path``."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        self.error = error
        key = _OS_KEYS.get(error.errno or 0, "store.os.other")
        detail = error.strerror or type(error).__name__
        super().__init__(key, file=self.path, detail=detail)
