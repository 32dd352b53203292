"""Asks why, before an action that must say why (reopening a signed sheet)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from giangvien.i18n import tr
from screens.base import Modal
from screens.widgets.field import Field


class ReasonModal(Modal[str | None]):
    """Dismisses with the reason typed (never empty), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", "app.reason_confirm", id="reason-confirm", priority=True),
        Binding("escape", "cancel", "app.reason_cancel", id="reason-cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(self.question, markup=False, id="reason-question")
            yield Field(tr("app.reason_label"), Input(id="reason", max_length=1000), name="reason")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def action_confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one(Field).show_error(tr("reviews.reason_empty"))
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
