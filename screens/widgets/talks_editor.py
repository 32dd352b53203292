"""The talks of a briefing session: presenter and title, as many as were given."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from giangvien.i18n import tr
from screens.session_state import TalkState


class TalkRow(Vertical):
    def __init__(self, presenter: str = "", title: str = "") -> None:
        super().__init__()
        # Focus arriving in a row never selects its text: a key typed would overwrite it.
        self.presenter = Input(presenter, placeholder=tr("sessions.talk_presenter"),
                               classes="talk-presenter", select_on_focus=False)  # fmt: skip
        self.title = Input(title, placeholder=tr("sessions.talk_title"), classes="talk-title",
                           select_on_focus=False)  # fmt: skip
        self.error = Static("", markup=False, classes="talk-error")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self.presenter
            yield self.title
            yield Button(tr("sessions.talk_remove"), classes="talk-remove", compact=True)
        yield self.error

    @property
    def state(self) -> TalkState:
        return {"presenter": self.presenter.value, "title": self.title.value}

    def show_error(self, message: str) -> None:
        self.error.update(message)
        self.error.set_class(bool(message), "-shown")


class TalksEditor(Vertical):
    """``state`` is the list of {"presenter", "title"} as typed, blank rows included."""

    def __init__(self, talks: list[TalkState], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._start = [TalkRow(t["presenter"], t["title"]) for t in talks]

    def compose(self) -> ComposeResult:
        yield Vertical(*self._start, id="talk-rows")
        yield Button(tr("sessions.talk_add"), id="talk-add", compact=True)

    def rows(self) -> list[TalkRow]:
        return list(self.query_one("#talk-rows").query_children(TalkRow))

    @property
    def state(self) -> list[TalkState]:
        return [row.state for row in self.rows()]

    def focus(self, scroll_visible: bool = True) -> TalksEditor:
        rows = self.rows()
        (rows[0].presenter if rows else self.query_one("#talk-add")).focus(scroll_visible)
        return self

    def add(self) -> None:
        row = TalkRow()
        self.query_one("#talk-rows").mount(row)
        self.call_after_refresh(row.presenter.focus)

    def row_of(self, widget: Widget | None) -> TalkRow | None:
        while widget is not None and not isinstance(widget, TalkRow):
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return widget

    def remove_row(self, row: TalkRow) -> None:
        rows = self.rows()
        index = rows.index(row)
        left = [r for r in rows if r is not row]
        # Focus first, onto the row now in that place (or the one before), so
        # that removing the focused row does not send it elsewhere.
        if left:
            left[min(index, len(left) - 1)].presenter.focus()
        else:
            self.query_one("#talk-add").focus()
        row.remove()

    @on(Button.Pressed, "#talk-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    @on(Button.Pressed, ".talk-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = self.row_of(event.button)
        if row is not None:
            self.remove_row(row)
