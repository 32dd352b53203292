"""Writing a document (minutes, report, export, backup copy) beside the data file safely.

A document is written like the data file: a temporary file in the same folder,
fsync, rename, so a crash or a full disk never leaves half a document; a new
one gets the backups' mode (0600: the records are personal), an existing one
keeps its own. And no ``--out`` may name the data file, its lock, its backups
or its temporary files, however it is spelt (a relative path, a symlink, a
hard link): one mistyped argument must not replace a Center's records.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from store.backup import backup_folder
from store.errors import DataFileError, StoreError
from store.lock import lock_path
from store.storage import atomic_write, temp_prefix


class ProtectedPathError(StoreError):
    """``--out`` names the data file or one of its companions."""

    def __init__(self, out: Path, data: Path) -> None:
        self.out, self.data = Path(out), Path(data)
        super().__init__("store.protected_out", out=self.out, file=self.data)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_protected(out: Path, data: Path) -> bool:
    """Whether writing ``out`` would touch the data file ``data`` or its companions."""
    target, real = _real(out), _real(data)
    companions = {real, lock_path(real)}
    if target in companions or any(_same_file(target, c) for c in companions if c.exists()):
        return True
    folder = backup_folder(real)
    if target == folder or folder in target.parents:
        return True
    # The data file's own temp files (".giangvien.json.*.tmp") in its folder.
    return target.parent == real.parent and target.name.startswith(temp_prefix(real))


def refuse_protected(out: Path, data: Path) -> None:
    if is_protected(out, data):
        raise ProtectedPathError(out, data)


def write_document(out: Path, payload: str | bytes, *, data: Path) -> Path:
    """Write ``payload`` to ``out`` atomically (never onto ``data``); return where."""
    refuse_protected(out, data)
    target = _real(out)  # through a symlink, as the data file is
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataFileError(target.parent, error) from error
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DataFileError(target, error) from error
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    atomic_write(target, raw, mode=mode)
    return target
