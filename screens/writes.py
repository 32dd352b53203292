"""The one way into the store from the TUI: writes in order, off the UI thread, every
outcome a message.

A screen hands the app a ``Write`` (what to call, who hears how it went). The
app queues it and starts a thread worker; each worker runs the *oldest* queued
write under one lock, so writes happen in the order they were asked for even
when the threads start out of order, and a worker that never ran (the app was
closing) leaves its write for the next one, or for ``run_all`` on quit.

Whatever happens becomes one message: ``WriteSaved``, ``WriteRefused`` (the
record's problems: nothing stored), or ``WriteFailed`` (one sentence: the disk
refused, or a bug). Nothing is left half-done and nothing is swallowed, so the
screen that asked can always try again.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from giangvien.i18n import tr
from giangvien.problems import Invalid, Problem
from store.errors import DataFileError, StoreError

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Write:
    """One write: ``call`` runs in a thread; ``to`` hears the outcome (None: the app).

    ``what`` tells a screen's writes apart ("record", "draft"). ``refresh`` moves
    the app's data version on after a save, so every section shows it.
    ``done`` and ``refused`` are for screens that listen with callbacks instead.
    """

    call: Callable[[], Any]
    to: MessagePump | None = None
    what: str = "record"
    refresh: bool = True
    done: Callable[[Any], None] | None = None
    refused: Callable[[Invalid], None] | None = None


class WriteDone(Message, bubble=False):
    """How a write went; sent to the screen that asked (never passed on to the app again)."""

    def __init__(self, write: Write) -> None:
        super().__init__()
        self.write = write


# Each subclass says bubble=False again: Textual's subclasses bubble unless told, and a
# bubbling outcome went back to the app, which passed it on to the form, for ever.
class WriteSaved(WriteDone, bubble=False):
    def __init__(self, write: Write, result: Any) -> None:
        super().__init__(write)
        self.result = result


class WriteRefused(WriteDone, bubble=False):
    """The store refused the record; nothing was written."""

    def __init__(self, write: Write, error: Invalid) -> None:
        super().__init__(write)
        self.error = error

    @property
    def problems(self) -> list[Problem]:
        return self.error.problems


class WriteFailed(WriteDone, bubble=False):
    """The write did not happen: ``reason`` is one sentence for the user."""

    def __init__(self, write: Write, reason: str, *, unexpected: bool = False) -> None:
        super().__init__(write)
        self.reason = reason
        self.unexpected = unexpected


def unexpected(error: BaseException) -> str:
    """The sentence for a bug: what kind of error, never a traceback."""
    return tr("writes.unexpected", error=type(error).__name__)


def run(write: Write, path: Path) -> WriteDone:
    """Run one write on the file at ``path``; say how it went; never raise."""
    try:
        result = write.call()
    except Invalid as error:
        return WriteRefused(write, error)
    except StoreError as error:
        return WriteFailed(write, str(error))
    except OSError as error:
        # The store wraps what it does itself; this is an OS error it did not expect.
        return WriteFailed(write, str(DataFileError(Path(error.filename or path), error)))
    except Exception as error:
        log.exception("write failed")  # for a developer's log, not the screen
        return WriteFailed(write, unexpected(error), unexpected=True)
    return WriteSaved(write, result)


class WriteQueue:
    """Writes waiting for a thread; each ``run_next`` runs the oldest, one at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._waiting: deque[Write] = deque()

    def add(self, write: Write) -> None:
        self._waiting.append(write)

    def run_next(self) -> WriteDone | None:
        with self._lock:
            if not self._waiting:
                return None  # an earlier thread (or run_all) took it
            return run(self._waiting.popleft(), self.path)

    def run_all(self, last: Write) -> list[WriteDone]:
        """Every waiting write, then ``last``, on this thread (the app is closing)."""
        with self._lock:
            done = [run(self._waiting.popleft(), self.path) for _ in range(len(self._waiting))]
            return [*done, run(last, self.path)]
