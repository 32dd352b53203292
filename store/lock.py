"""One writer per data file: an advisory lock on a sidecar ``<datafile>.lock``.

The lock lives on an open file descriptor, so the kernel frees it when the
process ends in any way (crash, SIGKILL, power-off of a USB stick's laptop),
and no stale lock ever needs clearing by hand. The sidecar is never deleted:
unlinking a lock file lets two processes lock two different inodes of the
same name.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from store.errors import DataFileError, LockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # msvcrt locks a byte range and a locked range cannot be read by others,
    # so lock a byte past the pid text to keep the pid readable for messages.
    _WIN_LOCK_OFFSET = 1 << 20

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(datafile: Path) -> Path:
    return datafile.with_name(datafile.name + ".lock")


class WriteLock:
    """Exclusive, non-blocking write lock of ``datafile``.

    flock locks belong to an open file description, so a second ``WriteLock``
    on the same file fails even inside the same process, which is what keeps
    two windows of one app from both writing.
    """

    def __init__(self, datafile: Path) -> None:
        self.datafile = Path(datafile)
        self.path = lock_path(self.datafile)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if it is free; ``False`` if another holder has it."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise DataFileError(self.path, error) from error
        try:
            if not _try_lock(fd):
                os.close(fd)
                return False
            # Only the holder may rewrite the pid, else a loser would erase it.
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError as error:
            os.close(fd)
            raise DataFileError(self.path, error) from error
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            _unlock(fd)
        os.close(fd)

    def holder_pid(self) -> int | None:
        """The pid written by the current holder, if it can be read."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def __enter__(self) -> WriteLock:
        if not self.acquire():
            raise LockedError(self.datafile, self.holder_pid())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        # A forgotten lock must not outlive its owner object; at interpreter
        # shutdown the modules it needs may already be gone, and then the
        # process exit frees the lock anyway.
        with contextlib.suppress(Exception):
            self.release()
