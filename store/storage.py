"""A crash-safe, caching JSON storage for TinyDB, and its file primitives.

TinyDB's JSONStorage re-parses the file on every read and rewrites it in
place, so a crash mid-write can leave half a file. Ours parses once, caches,
and replaces the file atomically on every write.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.errors import CorruptFileError, DataFileError, ReadOnlyError, StoreError
from store.gcpause import long_lived

Document = dict[str, dict[str, Any]]
# What identifies one committed version of the file; os.replace gives every
# write a new inode, so a same-size rewrite within one mtime tick still shows.
Signature = tuple[int, int, int]

NEW_FILE_MODE, TEMP_SUFFIX = 0o600, ".tmp"
# About 1,000 sheets: below it, pausing the cyclic GC for a parse costs more
# (a full collection first) than it saves (measured on the demo files).
LARGE_FILE = 2_000_000


def signature(st: os.stat_result) -> Signature:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."  # hidden, and named after the target for clean-up


def serialise(document: Document) -> bytes:
    # orjson writes UTF-8 as is (no \\u escapes) and compactly (an indented
    # file costs about half as much again to write), in half the time
    # pydantic_core's to_json takes and a seventh of json's (docs/benchmarks.md).
    return orjson.dumps(document)


def atomic_write(path: Path, payload: bytes, *, mode: int | None = None) -> Signature:
    """Replace ``path`` by ``payload``: a crash leaves old or new, never half.

    mkstemp creates the temp file 0600; ``mode`` (an existing file's bits) is
    set before the rename so the file is never briefly open to more people.
    """
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    except OSError as error:
        raise DataFileError(path, error) from error
    try:
        try:
            if mode is not None and mode != NEW_FILE_MODE and os.name == "posix":
                os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            # rename keeps inode and mtime, so this is the signature of the result
            sig = signature(os.fstat(fd))
        finally:
            os.close(fd)
        _replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise DataFileError(path, error) from error
        raise
    _fsync_folder(folder)
    return sig


def _replace(tmp: str, path: Path) -> None:
    # On Windows a virus scanner or indexer may hold the target open for a
    # moment, and replacing an open file fails; POSIX never needs a retry.
    for _ in range(9 if os.name == "nt" else 0):
        with contextlib.suppress(PermissionError):
            return os.replace(tmp, path)
        time.sleep(0.05)
    os.replace(tmp, path)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename durable. Windows cannot, and some filesystems (vfat,
    # network) refuse: the data itself is already synced, so that is no error.
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def read_file(path: Path) -> tuple[Signature, bytes]:
    """One committed version of the file; FileNotFoundError passes through."""
    try:
        with open(path, "rb") as handle:
            # Of the open inode, not the path: it may be replaced meanwhile.
            return signature(os.fstat(handle.fileno())), handle.read()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise DataFileError(path, error) from error


def parse_document(raw: bytes, path: Path) -> Document:
    """Parse a whole data file, or raise CorruptFileError with the position."""
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        document = _parse_slowly(raw, path)
    _check_shape(document, path)
    return document


def _parse_slowly(raw: bytes, path: Path) -> Any:
    """The standard library tells line and column; it also forgives a BOM."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise corrupt(path, error.lineno, error.colno) from None
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        raise corrupt(path, raw.count(b"\n", 0, error.start) + 1, column) from None
    except (ValueError, RecursionError):
        raise corrupt(path, None, None) from None


def _check_shape(document: Any, path: Path) -> None:
    # TinyDB crashes deep inside on anything but {table: {doc_id: {..}}}.
    if not isinstance(document, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in document.values()
    ):
        raise corrupt(path, None, None)


def corrupt(path: Path, line: int | None, column: int | None) -> CorruptFileError:
    # Imported here: backup needs this module's atomic_write and parser.
    from store.backup import newest_backup

    return CorruptFileError(path, line, column, newest_backup(path))


class SafeJSONStorage(Storage):
    """TinyDB storage: parsed once, cached, re-read when the file changes.

    A missing file is a new, empty database; an empty, truncated or otherwise
    unparseable one is corrupt and never overwritten. ``upgrade`` is applied
    to each freshly parsed document (migration); ``before_write`` runs before
    each write (backups). No copies are made: ``read()`` hands TinyDB the
    cached dict, TinyDB edits it in place and passes it to ``write()``, which
    keeps it. So treat returned documents as read-only (they share nested
    lists with the cache), and store JSON values only (anything else is
    written as text but stays an object in the cache until the next load).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        read_only_reason: StoreError | str | None = None,
        before_write: Callable[[], None] | None = None,
        upgrade: Callable[[Document], Document] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.before_write = before_write
        self.upgrade = upgrade
        self._cache: Document | None = None
        self._signature: Signature | None = None

    def read(self) -> Document | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:  # deleted under us: keep ours, the next write restores it
            return self._cache
        except OSError as error:
            raise DataFileError(self.path, error) from error
        if self._cache is not None and signature(st) == self._signature:
            return self._cache
        return self._load()

    def _load(self) -> Document | None:
        try:
            sig, raw = read_file(self.path)
        except FileNotFoundError:
            return self._cache
        with long_lived(len(raw) > LARGE_FILE):
            document = parse_document(raw, self.path)
            if self.upgrade is not None:
                document = self.upgrade(document)
        self._cache, self._signature = document, sig
        return document

    def write(self, data: Document) -> None:
        try:
            sig = self._commit(data)
        except BaseException:
            # TinyDB changed the cached dict in place before calling us, so it
            # no longer matches the file: the next read must come from disk.
            self.invalidate()
            raise
        self._cache, self._signature = data, sig

    def _commit(self, data: Document) -> Signature:
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason)
        mode = self._check_replaceable()
        payload = serialise(data)
        if self.before_write is not None:
            self.before_write()
        return atomic_write(self.path, payload, mode=mode)

    def _check_replaceable(self) -> int | None:
        # Usually the file is the one we parsed or wrote last (one stat tells).
        # If not (drop_tables on an unread file, a change behind our back), it
        # is parsed first: a file we cannot parse may hold someone's only copy.
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DataFileError(self.path, error) from error
        if signature(st) != self._signature:
            parse_document(read_file(self.path)[1], self.path)
        return stat.S_IMODE(st.st_mode)

    def invalidate(self) -> None:
        """Drop the cache; the next read parses the file again."""
        self._cache = self._signature = None

    def close(self) -> None:
        # No handle is kept open: the file is only opened to read or replace it.
        self.invalidate()
