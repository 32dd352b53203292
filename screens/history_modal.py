"""A record's change history (giangvien.history_lines), as ``giangvien history`` prints it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from giangvien.history_lines import history_lines
from giangvien.i18n import tr
from giangvien.models import Record
from screens.base import Modal
from store.exchange import describe
from store.repository import TABLE_OF, Repository, dump


class HistoryModal(Modal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2,h", "close", "app.history_close", id="history-close"),
    ]

    def __init__(self, repo: Repository, record: Record) -> None:
        super().__init__()
        names = repo.lecturer_names()
        name = TABLE_OF[type(record)]
        self.title_text = tr("history.title", what=describe(name, record.id, dump(record), names))
        lines = history_lines(record.created_at, repo.history(record.id), names)
        self.body = "\n".join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(self.title_text, markup=False, id="history-title")
            with VerticalScroll():
                yield Static(self.body, markup=False, id="history-lines")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
