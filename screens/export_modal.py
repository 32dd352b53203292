"""Where to save an exported document: a path, prefilled, checked before it is used."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from giangvien.i18n import tr
from screens.base import Modal
from screens.widgets.field import Field


class ExportModal(Modal):
    """Dismisses with the chosen file (``~`` expanded), or None when cancelled.

    Whether the file exists is the caller's question (it asks before overwriting).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "documents.key_cancel", id="export-cancel"),
    ]

    def __init__(self, title: str, default: str) -> None:
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(self.title_text, markup=False, classes="section-title")
            path = Input(self.default, id="export-path")
            yield Field(tr("documents.export_path"), path, name="path")
            yield Static(tr("documents.export_hint"), classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _chosen(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        field = self.query_one(Field)
        if not text:
            field.show_error(tr("documents.export_no_path"))
            return
        path = Path(text).expanduser()
        if path.is_dir():
            field.show_error(tr("documents.export_is_folder", path=path))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
