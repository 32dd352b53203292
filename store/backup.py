"""Rotating backups beside the data file.

``giangvien.json`` keeps its copies in ``giangvien.backups/`` as
``giangvien-YYYYMMDD-HHMMSS.json`` (local time, because "today" is the user's
day). A backup is a byte-for-byte copy of the committed file, checked to parse
first: a backup that cannot be opened would be a trap on the day it is needed.
"""

from __future__ import annotations

import glob
import os
import re
from datetime import datetime
from pathlib import Path

from store.errors import DataFileError
from store.storage import TEMP_SUFFIX, atomic_write, parse_document, read_file

BACKUP_FOLDER_SUFFIX = ".backups"
DEFAULT_KEEP = 7


def backup_folder(path: Path) -> Path:
    return path.with_name(path.stem + BACKUP_FOLDER_SUFFIX)


def _pattern(path: Path) -> re.Pattern[str]:
    # A counter after the time keeps two backups taken in the same second.
    return re.compile(re.escape(path.stem) + r"-(\d{8})-(\d{6})(?:-(\d+))?\.json")


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first."""
    folder = backup_folder(path)
    pattern = _pattern(path)
    found: list[tuple[tuple[str, str, int], Path]] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as error:
        raise DataFileError(folder, error) from error
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and entry.is_file():
            day, time, counter = match.groups()
            found.append(((day, time, int(counter or 0)), Path(entry.path)))
    found.sort()
    return [backup for _, backup in found]


def newest_backup(path: Path) -> Path | None:
    """The backup that would restore ``path`` best, or ``None``.

    Never raises: it is called while reporting another error.
    """
    try:
        backups = list_backups(Path(path))
    except DataFileError:
        return None
    return backups[-1] if backups else None


def backup_now(path: Path, out: Path | None = None, *, now: datetime | None = None) -> Path:
    """Copy the committed file to ``out`` or a new dated backup; return where.

    Reading the file once is a consistent copy: every writer replaces the file
    whole, so no reader ever sees a half-written one. Raises CorruptFileError
    (and copies nothing) if the file does not parse.
    """
    path = Path(path)
    try:
        raw = read_file(path)[1]
    except FileNotFoundError as error:
        raise DataFileError(path, error) from error
    parse_document(raw, path)
    if out is None:
        out = _new_backup_name(path, now or datetime.now())
    else:
        out = Path(out)
        _make_folder(out.parent)
    atomic_write(out, raw)
    return out


def _new_backup_name(path: Path, now: datetime) -> Path:
    folder = backup_folder(path)
    _make_folder(folder)
    base = f"{path.stem}-{now:%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}.json"
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{base}-{counter}.json"
    return candidate


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DataFileError(folder, error) from error


def daily_backup(
    path: Path, keep: int = DEFAULT_KEEP, *, now: datetime | None = None
) -> Path | None:
    """Take today's backup unless one exists; keep the newest ``keep``.

    Returns the new backup, or ``None`` when there was nothing to do (a backup
    of today exists, or the data file does not exist yet).
    """
    path = Path(path)
    now = now or datetime.now()
    if not path.exists():
        return None
    today = f"{now:%Y%m%d}"
    pattern = _pattern(path)
    for backup in list_backups(path):
        match = pattern.fullmatch(backup.name)
        if match and match.group(1) == today:
            return None
    made = backup_now(path, now=now)
    prune(path, keep)
    return made


def prune(path: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups (and leftovers of crashed
    copies); return what was deleted."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    removed = list_backups(path)[:-keep]
    folder = backup_folder(path)
    removed.extend(folder.glob(f"{glob.escape('.' + path.stem)}-*.json.*{TEMP_SUFFIX}"))
    for backup in removed:
        try:
            backup.unlink(missing_ok=True)
        except OSError as error:
            raise DataFileError(backup, error) from error
    return removed
