"""The app's side of the shared folder (store.sync): when a round runs, and what it says.

A round runs on start, on the exchange section's key, a few seconds after a
change is saved here, and when another laptop's file in the folder changes
(polled: sync tools give no signal a program can wait on everywhere). On quit
only this laptop's own file is written. Every round goes through the app's one
write path, so it never runs beside a save; what it brought in is said in one
sentence, and a file it had to skip is said once, not at every poll.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from giangvien import __version__
from screens.writes import Write
from store.errors import StoreError
from store.sync import SyncReport, is_laptop_file, own_name, shared_folder, sync_round, write_own

if TYPE_CHECKING:
    from textual.timer import Timer

    from screens.app import GiangvienApp

FolderState = tuple[tuple[str, int, int], ...]


def folder_state(folder: Path, mine: str) -> FolderState:
    """The other laptops' files as the folder lists them: a change means a round."""
    try:
        found = [p for p in folder.iterdir() if is_laptop_file(p) and p.name != mine]
        return tuple(sorted((p.name, *_stat(p)) for p in found))
    except OSError:
        return ()


def _stat(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_mtime_ns, found.st_size


class FolderSync:
    POLL_SECONDS = 15.0
    AFTER_SAVE_SECONDS = 3.0

    def __init__(self, app: GiangvienApp) -> None:
        self.app = app
        self._busy = False
        self._again = False  # asked for while one ran: run once more after it
        self._state: FolderState | None = None
        self._said: set[str] = set()  # sentences already shown, not to repeat at each poll
        self._after_save: Timer | None = None
        self._poll: Timer | None = None

    @property
    def folder(self) -> Path | None:
        return shared_folder(self.app.repo)

    def start(self) -> None:
        """On mount: a first round, then the polling."""
        if self.app.repo.read_only:
            return
        self._poll = self.app.set_interval(self.POLL_SECONDS, self._check_folder)
        if self.folder is not None:
            self.round()

    def round(self, *, asked: bool = False) -> None:
        """One round now (``asked``: by the user, who hears how it went even if nothing came)."""
        folder = self.folder
        if folder is None or self.app.repo.read_only:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        repo, mine = self.app.repo, own_name(self.app.repo.laptop_id)

        def call() -> tuple[SyncReport | str, FolderState]:
            try:
                report: SyncReport | str = sync_round(repo, folder, __version__)
            except (ValueError, StoreError) as error:
                report = str(error)
            finally:
                # Even a bug (said by the write path) must not stop every later round.
                self._busy = False
            return report, folder_state(folder, mine)

        def done(outcome: tuple[SyncReport | str, FolderState]) -> None:
            self._busy = False
            report, self._state = outcome
            self._said_round(report, asked)
            if self._again:
                self._again = False
                self.round()

        self.app.submit(Write(call, refresh=False, done=done, what="sync"))

    def saved(self) -> None:
        """A change was saved here: into the folder a few seconds later, one round a burst."""
        if self.folder is None:
            return
        if self._after_save is not None:
            self._after_save.stop()
        self._after_save = self.app.set_timer(self.AFTER_SAVE_SECONDS, self.round)

    def leave(self) -> None:
        """On quit: this laptop's own file, written now (reading the others can wait)."""
        folder = self.folder
        if folder is None or self.app.repo.read_only:
            return
        repo = self.app.repo
        # A refusal or a failure here cannot be shown any more; the next start's
        # round writes the file again.
        self.app.write_now(Write(lambda: write_own(repo, folder, __version__), refresh=False))

    def _check_folder(self) -> None:
        folder = self.folder
        if folder is None or self._busy:
            return
        mine = own_name(self.app.repo.laptop_id)

        def look() -> None:
            state = folder_state(folder, mine)
            if state != self._state:
                self.app.call_from_thread(self.round)

        self.app.run_worker(look, thread=True, group="folder", exit_on_error=False)

    def _said_round(self, report: SyncReport | str, asked: bool) -> None:
        if isinstance(report, str):
            self._say(report, "error", asked)
            return
        if report.changed:
            self.app.data_version += 1
        for outcome in report.files:
            if outcome.skipped:
                self._say(outcome.line(), "warning", asked)
        brought = [o.line() for o in report.files if o.brought]
        if brought:
            self.app.notify("\n".join(brought), markup=False, timeout=8)
        elif asked:
            self.app.notify("\n".join(report.lines()), markup=False)

    def _say(self, sentence: str, severity: str, asked: bool) -> None:
        if asked or sentence not in self._said:
            self._said.add(sentence)
            self.app.notify(sentence, severity=severity, markup=False, timeout=10)  # type: ignore[arg-type]
