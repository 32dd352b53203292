"""Where a file for another laptop goes by default: a USB stick when one is plugged in."""

from __future__ import annotations

import getpass
import os
import string
import sys
from contextlib import suppress
from datetime import date
from pathlib import Path


def _user() -> str:
    with suppress(Exception):
        return getpass.getuser()
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def _writable_folders(parent: Path) -> list[Path]:
    try:
        found = sorted(parent.iterdir())
    except OSError:
        return []
    out = []
    for entry in found:
        with suppress(OSError):
            # macOS lists its own disk under /Volumes too, as a link to "/".
            if entry.is_symlink() or entry.resolve() == Path("/"):
                continue
            if entry.is_dir() and os.access(entry, os.W_OK):
                out.append(entry)
    return out


def _windows_drives() -> list[Path]:
    import ctypes

    removable = 2  # DRIVE_REMOVABLE
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    mask = kernel.GetLogicalDrives()
    out = []
    for index, letter in enumerate(string.ascii_uppercase):
        root = f"{letter}:\\"
        if mask & (1 << index) and kernel.GetDriveTypeW(root) == removable:
            out.append(Path(root))
    return out


def removable_folders() -> list[Path]:
    """The mounted USB sticks (and other removable disks) this user can write to."""
    if sys.platform == "win32":
        with suppress(Exception):
            return _windows_drives()
        return []
    user = _user()
    parents = [Path("/media") / user, Path("/run/media") / user] if user else []
    parents.append(Path("/Volumes"))
    return [folder for parent in parents for folder in _writable_folders(parent)]


def default_folder() -> Path:
    """The first USB stick, else the user's Documents folder, else their home."""
    sticks = removable_folders()
    if sticks:
        return sticks[0]
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def export_name(day: date) -> str:
    return f"giangvien-{day:%d-%m-%Y}.json"
