"""A yes/no question, reused wherever an action needs a second thought."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from giangvien.i18n import tr
from screens.base import Modal


class ConfirmModal(Modal[bool]):
    """Dismisses with True (yes) or False (no). The message is shown as typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter is the focused button's (Yes, or No with safe_no): Tab moves between them.
        # Their footer words are the buttons' own (set in __init__): one answer, one word.
        Binding("y", "answer(True)", "app.confirm_yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "app.confirm_no", id="confirm-no"),
    ]

    def __init__(
        self, message: str, yes: str | None = None, no: str | None = None, *, safe_no: bool = False
    ) -> None:
        super().__init__()
        self.message = message
        # For "discard what you typed?": a reflex Enter must keep the work.
        self.safe_no = safe_no
        self.yes = yes or tr("app.confirm_yes")
        self.no = no or tr("app.confirm_no")
        named = {"confirm-yes": self.yes, "confirm-no": self.no}
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=named[b.id]) if b.id in named else b for b in bindings
            ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.message, markup=False, id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.yes), variant="warning", id="yes")
                yield Button(Content(self.no), id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe_no else "#yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
