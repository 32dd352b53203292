"""The giangvien app: sections as modes, one repository, writes off the UI thread."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual._context import active_app
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.problems import Invalid
from screens.acting import Acting
from screens.folder_sync import FolderSync
from screens.localise import localise_bindings, localise_textual
from screens.sections import SECTIONS
from screens.writes import (
    Write,
    WriteDone,
    WriteFailed,
    WriteQueue,
    WriteRefused,
    WriteSaved,
    unexpected,
)
from store.repository import Repository

T = TypeVar("T")
log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from screens.quit_modal import AsksBeforeQuit


async def wait_quietly(worker: Worker[Any]) -> None:
    with suppress(WorkerFailed, WorkerCancelled):
        await worker.wait()


def _lazy(module: str, name: str) -> Callable[[], Any]:
    # Each section is imported when first opened: start-up pays only for the
    # dashboard, and a section's module stays independent of the others.
    def load() -> Any:
        return getattr(import_module(module), name)

    return load


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    def make() -> Screen[Any]:
        screen: Screen[Any] = _lazy(module, name)()()
        # Textual refreshes the whole app's CSS (variables, a parse of every
        # stylesheet with its cache cleared, every node restyled) twice on a
        # mode's first visit, because a new screen has not "seen" the app's CSS
        # version. A new screen is styled as it mounts, against the stylesheet
        # as it is now, so it has: ~70 ms of each section's first visit
        # (docs/benchmarks.md). A later theme change still reaches it, as the
        # app's count moves on then. (A Textual internal: textual is pinned.)
        screen._css_update_count = active_app.get()._css_update_count
        return screen

    return make


def _commands() -> type[Provider]:
    return _lazy("screens.commands", "GiangvienCommands")()


class GiangvienApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "giangvien"
    COMMANDS = App.COMMANDS | {_commands}
    # Below 100 columns the section menu gives its width to the content (app.tcss);
    # the sections stay a number key or Ctrl+P away.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's own type)
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        s.mode: _screen(s.module, s.screen) for s in SECTIONS
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "app.key_help", id="help", tooltip="app.key_help_tip"),
        Binding("ctrl+q", "quit", "app.key_quit", id="quit", priority=True),
        # Our own palette binding, so that the footer names it in the user's language.
        Binding(
            "ctrl+p",
            "command_palette",
            "app.key_palette",
            id="palette",
            show=False,
            priority=True,
            tooltip="app.key_palette_tip",
        ),
    ]

    today: Callable[[], date] = staticmethod(date.today)
    """The day the dashboard and the review queue count from; tests set it."""

    data_version: reactive[int] = reactive(0)
    """Moves on after every write, so that every section shows fresh data."""

    user: reactive[Lecturer | None] = reactive(None)
    """Who is using this laptop: the default observer, and who signs reviews."""

    def __init__(self, repo: Repository, start: str = "dashboard") -> None:
        localise_textual()
        super().__init__()
        localise_bindings(self)
        self.repo = repo
        self.start = start
        # A record the gate refuses (a hand-edited file, an old version's bug)
        # opens the file read-only with check's own sentence in the banner,
        # instead of a traceback from the first screen that reads it.
        repo.open_check()
        self._writes = WriteQueue(repo.datafile.path)
        # Writes whose outcome the app has not handled yet: a quit that saves first
        # waits for the outcome, not only for the thread (the message comes after).
        self._unheard = 0
        self._heard = asyncio.Event()
        self.set_reactive(GiangvienApp.user, repo.current_user())
        self.folder_sync = FolderSync(self)
        self.acting = Acting(self)

    def on_mount(self) -> None:
        self.sub_title = self._subtitle()
        self.switch_mode(self.start)
        self.folder_sync.start()
        self.acting.start()
        if self.user is None and not self.repo.read_only:
            from screens.first_run_modal import FirstRunModal

            self.push_screen(FirstRunModal(), callback=lambda _: self._offer_drafts())
        else:
            self._offer_drafts()

    def _subtitle(self) -> str:
        settings = self.repo.settings()
        who = self.user.full_name if self.user else tr("app.nobody")
        return f"{settings.organisation} · {who}"

    def watch_user(self, user: Lecturer | None) -> None:
        self.sub_title = self._subtitle()
        if user is None or not self.acting.authority.holds(user.id):
            self.acting.lock()  # another user: the leader's PIN no longer holds

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.acting.input_seen()
        await super().on_event(event)

    def as_leader(self, then: Callable[[Lecturer], None]) -> None:
        """``then(leader)`` once the current user, a leader, gave their PIN (screens.acting)."""
        self.acting.as_leader(then)

    def as_person(self, person: Lecturer, then: Callable[[], None]) -> None:
        """``then()`` once ``person`` gave their PIN, if they set one on this laptop."""
        self.acting.as_person(person, then)

    def watch_data_version(self, _: int) -> None:
        # The Center's name or the user's own name may have just changed.
        self.sub_title = self._subtitle()

    def _offer_drafts(self) -> None:
        if self.repo.drafts() and not self.repo.read_only:
            from screens.drafts_modal import DraftsModal

            self.push_screen(DraftsModal())

    def get_key_display(self, binding: Binding) -> str:
        # "^p" and "⏎" mean nothing to most users; "Ctrl+P" and "Enter" do.
        if binding.key_display:
            return binding.key_display
        key = binding.key.split(",")[0]
        named = {
            "enter": "Enter",
            "escape": "Esc",
            "delete": "Delete",
            "question_mark": "?",
            "slash": "/",
            "space": "Space",
            "tab": "Tab",
        }
        if key in named:
            return named[key]
        parts = key.split("+")
        if len(parts) == 1 and len(key) == 1:
            return key
        return "+".join(p.capitalize() if len(p) > 1 else p.upper() for p in parts)

    # -- actions -----------------------------------------------------------

    def action_section(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_help(self) -> None:
        from screens.help_modal import HelpModal

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(self.screen))

    def _unsaved(self) -> tuple[str, AsksBeforeQuit] | None:
        """The first screen (and its mode) holding edits that no draft keeps."""
        from screens.quit_modal import AsksBeforeQuit

        for mode, stack in self._screen_stacks.items():
            for screen in reversed(stack):
                if isinstance(screen, AsksBeforeQuit) and screen.unsaved_changes():
                    return mode, screen
        return None

    async def action_quit(self) -> None:
        from screens.quit_modal import QuitModal

        if isinstance(self.screen, QuitModal):
            return  # already asking
        found = self._unsaved()
        if found is None:
            self._keep_drafts_and_exit()
            return
        mode, screen = found
        if mode != self.current_mode:
            await self.switch_mode(mode)  # the edits in question are shown while asked
        where = tr(screen.UNSAVED_WHERE)

        def answered(answer: object) -> None:
            if answer == "discard":
                self._keep_drafts_and_exit()
            elif answer == "save":
                self.run_worker(self._save_then_quit(screen), group="quit")

        self.push_screen(QuitModal(where), answered)

    async def _save_then_quit(self, screen: AsksBeforeQuit) -> None:
        screen.save_before_quit()
        for worker in [w for w in self.workers if w.group == "store"]:
            await wait_quietly(worker)
        await self._outcomes_heard()
        still = self._unsaved()
        if still is not None and still[1] is screen:
            return  # refused (the reasons are at its fields) or failed on disk: stay
        await self.action_quit()  # the next screen with edits, or goodbye

    async def _outcomes_heard(self, patience: float = 10.0) -> None:
        # Every thread has ended, so every outcome is posted; a write whose thread
        # never ran (the app was closing) is not waited for past ``patience``.
        while self._unheard > 0:
            self._heard.clear()
            try:
                await asyncio.wait_for(self._heard.wait(), timeout=patience)
            except TimeoutError:
                return

    def action_sync_now(self) -> None:
        """One round through the shared folder, said in words however it went."""
        if self.folder_sync.folder is None:
            self.notify(tr("sync.no_folder_set_tui"), severity="warning", markup=False)
            return
        self.folder_sync.round(asked=True)

    def _keep_drafts_and_exit(self) -> None:
        # Forms keep their work as drafts before the app goes, including a form
        # left open under another section (each mode has its own stack).
        for stack in self._screen_stacks.values():
            for screen in stack:
                keep = getattr(screen, "keep_draft", None)
                if keep is not None:
                    keep()
        self.folder_sync.leave()
        self.exit()

    # -- writing -----------------------------------------------------------

    def refuse_if_read_only(self) -> bool:
        """True (and says why) when nothing can be saved."""
        if self.repo.read_only:
            self.notify(self.repo.read_only_reason, severity="error", markup=False)
            return True
        return False

    def write(
        self,
        call: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[Invalid], None] | None = None,
        *,
        refresh: bool = True,
    ) -> None:
        """A store write for a screen that listens with callbacks (see ``submit``).

        ``failed`` receives the problems of a refused record (nothing stored);
        without it they are shown as a notification, as a disk failure always is.
        ``refresh=False`` is for writes no screen shows (drafts).
        """
        self.submit(Write(call, refresh=refresh, done=done, refused=failed))

    def submit(self, write: Write) -> None:
        """Queue a store write; its outcome comes back as a ``WriteDone`` message.

        Writes run one at a time, in the order submitted, each in a thread.
        """
        if self.refuse_if_read_only():
            return
        self._writes.add(write)
        self._unheard += 1
        self.run_worker(self._next_write, thread=True, group="store", exit_on_error=False)

    def _next_write(self) -> None:
        done = self._writes.run_next()
        if done is not None:
            self.post_message(done)

    def write_now(self, write: Write) -> list[WriteDone]:
        """Every queued write, then ``write``, on this thread (the app is closing)."""
        return self._writes.run_all(write)

    def on_write_saved(self, message: WriteSaved) -> None:
        if message.write.refresh:
            self.data_version += 1
        if not self._passed_on(message) and message.write.done is not None:
            message.write.done(message.result)
        if message.write.refresh:
            self.folder_sync.saved()
        self._heard_one()

    def on_write_refused(self, message: WriteRefused) -> None:
        if self._passed_on(message):
            pass
        elif message.write.refused is not None:
            message.write.refused(message.error)
        else:
            sentences = "\n".join(p.sentence() for p in message.problems)
            self.notify(sentences, severity="error", markup=False)
        self._heard_one()

    def on_write_failed(self, message: WriteFailed) -> None:
        if not self._passed_on(message):
            self.notify(message.reason, severity="error", markup=False, timeout=10)
        self._heard_one()

    def _heard_one(self) -> None:
        self._unheard = max(0, self._unheard - 1)
        self._heard.set()

    def _passed_on(self, message: WriteDone) -> bool:
        # To the screen that asked, if it is still there; else the app says it.
        to = message.write.to
        return to is not None and to is not self and to.post_message(message)

    # -- workers -----------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> None:
        """Any worker that ended in an error: one sentence, no traceback, the app goes on.

        Screens pass on their own workers' state here (their messages do not bubble).
        """
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            log.error("worker %s failed: %r", event.worker.name, error)
            said = unexpected(error) if error is not None else tr("writes.unexpected", error="?")
            self.notify(said, severity="error", markup=False, timeout=10)
