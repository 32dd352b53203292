"""Asked on Ctrl+Q when a screen that keeps no draft (Settings, the lecturer form,
the first-run setup) holds edits not yet saved: save, discard, or stay.

Record forms never ask: they keep their work as a draft, offered again on start.
"""

from __future__ import annotations

from typing import ClassVar, Literal, Protocol, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from giangvien.i18n import tr
from screens.base import Modal

Answer = Literal["save", "discard", "stay"]


@runtime_checkable
class AsksBeforeQuit(Protocol):
    """A screen whose edits would be lost on quit, and which can save them."""

    UNSAVED_WHERE: ClassVar[str]  # catalogue key naming where the edits are

    def unsaved_changes(self) -> bool:
        """True while what is on screen differs from what is stored."""
        ...

    def save_before_quit(self) -> None:
        """Start the screen's own save (refusals are shown at its fields)."""
        ...


class QuitModal(Modal):
    """Dismisses with "save", "discard" or "stay"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+S saves here as everywhere; discarding takes its button, never a reflex.
        Binding("ctrl+s", "answer('save')", "app.quit_save", id="quit-save"),
        Binding("escape", "answer('stay')", "app.quit_stay", id="quit-stay"),
    ]

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(tr("app.quit_question", where=self.where), markup=False, id="quit-message")
            with Horizontal(id="quit-buttons"):
                yield Button(tr("app.quit_save"), variant="primary", id="save")
                yield Button(tr("app.quit_discard"), variant="error", id="discard")
                yield Button(tr("app.quit_stay"), id="stay")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)
