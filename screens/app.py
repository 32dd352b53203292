"""The giangvien app: sections as modes, one repository, writes off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib import import_module
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import Screen

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.problems import Invalid
from screens.localise import localise_bindings
from screens.sections import SECTIONS
from store.errors import StoreError
from store.repository import Repository

T = TypeVar("T")


def _lazy(module: str, name: str) -> Callable[[], Any]:
    # Each section is imported when first opened: start-up pays only for the
    # dashboard, and a section's module stays independent of the others.
    def load() -> Any:
        return getattr(import_module(module), name)

    return load


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    return lambda: _lazy(module, name)()()


def _commands() -> type[Provider]:
    return _lazy("screens.commands", "GiangvienCommands")()


class GiangvienApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "giangvien"
    COMMANDS = App.COMMANDS | {_commands}
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
        *(
            Binding(s.key, f"section('{s.mode}')", s.title_key, id=f"section-{s.mode}", show=False)
            for s in SECTIONS
        ),
    ]

    today: Callable[[], date] = staticmethod(date.today)
    """The day the dashboard and the review queue count from; tests set it."""

    data_version: reactive[int] = reactive(0)
    """Moves on after every write, so that every section shows fresh data."""

    user: reactive[Lecturer | None] = reactive(None)
    """Who is using this laptop: the default observer, and who signs reviews."""

    def __init__(self, repo: Repository, start: str = "dashboard") -> None:
        super().__init__()
        localise_bindings(self)
        self.repo = repo
        self.start = start
        self._write_lock = threading.Lock()
        self.set_reactive(GiangvienApp.user, repo.current_user())

    def on_mount(self) -> None:
        self.sub_title = self._subtitle()
        self.switch_mode(self.start)
        if self.user is None and not self.repo.read_only:
            from screens.first_run_modal import FirstRunModal

            self.push_screen(FirstRunModal(), callback=lambda _: self._offer_drafts())
        else:
            self._offer_drafts()

    def _subtitle(self) -> str:
        settings = self.repo.settings()
        who = self.user.full_name if self.user else tr("app.nobody")
        return f"{settings.organisation} · {who}"

    def watch_user(self, _: Lecturer | None) -> None:
        if self.is_mounted:
            self.sub_title = self._subtitle()

    def watch_data_version(self, _: int) -> None:
        # The Center's name or the user's own name may have just changed.
        if self.is_mounted:
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

    async def action_quit(self) -> None:
        # Forms keep their work as drafts before the app goes, including a form
        # left open under another section (each mode has its own stack).
        for stack in self._screen_stacks.values():
            for screen in stack:
                keep = getattr(screen, "keep_draft", None)
                if keep is not None:
                    keep()
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
        """Run a store write in a thread; report back on the UI thread.

        ``failed`` receives the problems of a refused record (nothing stored);
        without it they are shown as a notification. ``refresh=False`` is for
        writes no screen shows (drafts), so the sections do not redraw.
        """
        if self.refuse_if_read_only():
            return
        self.run_worker(
            partial(self._write_in_thread, call, done, failed, refresh),
            thread=True,
            group="store",
            exit_on_error=False,
        )

    def _write_in_thread(
        self,
        call: Callable[[], Any],
        done: Callable[[Any], None] | None,
        failed: Callable[[Invalid], None] | None,
        refresh: bool,
    ) -> None:
        try:
            with self._write_lock:
                result = call()
        except Invalid as error:
            self.call_from_thread(failed or self._show_invalid, error)
            return
        except (StoreError, OSError) as error:
            self.call_from_thread(self._show_error, str(error))
            return
        self.call_from_thread(self._written, done, result, refresh)

    def write_now(self, call: Callable[[], T]) -> T:
        """A store write on this thread, after any write in flight (used on quit)."""
        with self._write_lock:
            return call()

    def _written(self, done: Callable[[Any], None] | None, result: Any, refresh: bool) -> None:
        if refresh:
            self.data_version += 1
        if done is not None:
            done(result)

    def _show_invalid(self, error: Invalid) -> None:
        self.notify("\n".join(p.sentence() for p in error.problems), severity="error", markup=False)

    def _show_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=10)
