"""Agreed updates: every lesson to update and every task, across all meetings.

Overdue first, then by due date; done ones last. Space (or d) marks the
highlighted one done today (or, asked first, not done after all); ``a`` hides
or shows the done ones. Pushed from the Meetings section.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.i18n import tr
from giangvien.meetings import AgreedItem, Kind, State, agreed_items, with_item_done
from giangvien.models import Meeting
from giangvien.vntext import format_date
from screens.base import Localised
from screens.meetings import key
from screens.widgets.banner import ReadOnlyBanner

if TYPE_CHECKING:
    from screens.app import GiangvienApp

COLUMNS = {"col_state": 15, "col_lesson": 24, "col_what": 31, "col_owner": 16,
           "col_due": 10, "col_meeting": 10}  # fmt: skip
STYLES = {State.OVERDUE: "bold red", State.OPEN: "", State.DONE: "dim"}


class UpdatesScreen(Screen[None], Localised):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("space,d", "toggle_done", "mark_done"),
        key("a", "toggle_shown", "show_done"),
        key("escape", "back", "back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._make_ready()
        self.show_done = True
        self._items: dict[str, AgreedItem] = {}

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner(self.gv.repo.read_only_reason)
        yield Static(tr("meetings.updates_title"), classes="section-title")
        yield Static("", markup=False, id="upd-summary")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="upd-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column, width in COLUMNS.items():
            table.add_column(tr(f"meetings.{column}"), width=width, key=column)
        self.watch(self.gv, "data_version", lambda _: self.refresh_data(), init=False)
        self.refresh_data()
        table.focus()

    def refresh_data(self) -> None:
        repo, today = self.gv.repo, self.gv.today()
        names = repo.lecturer_names()
        every = agreed_items(repo.all(Meeting), today)
        shown = [i for i in every if self.show_done or i.done_on is None]
        self._items = {i.item_id: i for i in shown}
        table = self.query_one(DataTable)
        keep = self._highlighted()
        row_before = table.cursor_row
        table.clear()
        for item in shown:
            state = item.state(today)
            label = tr(f"meetings.state_{state.value}")
            if item.done_on is not None:
                label = tr("meetings.state_done_on", date=format_date(item.done_on))
            lesson = item.lesson if item.kind is Kind.UPDATE else tr("meetings.task_marker")
            cells = (
                Text(label, style=STYLES[state]),
                Text(lesson),
                Text(item.what),
                Text(names.get(item.owner_id or "", "—")),
                Text(format_date(item.due) if item.due else "—"),
                Text(format_date(item.meeting_date)),
            )
            table.add_row(*cells, key=item.item_id)
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except RowDoesNotExist:  # hidden now that it is done: stay where it was
                with contextlib.suppress(Exception):
                    table.move_cursor(row=min(row_before, table.row_count - 1))
        counts = {s: sum(i.state(today) is s for i in every) for s in State}
        self.query_one("#upd-summary", Static).update(
            tr("meetings.updates_summary", overdue=counts[State.OVERDUE],
               open=counts[State.OPEN], done=counts[State.DONE])
        )  # fmt: skip

    def _highlighted(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_toggle_done(self) -> None:
        chosen = self._highlighted()
        item = self._items.get(chosen or "")
        if item is None or self.gv.refuse_if_read_only():
            return
        if item.done_on is None:
            self._mark(item, done=True)
            return
        from screens.confirm_modal import ConfirmModal

        question = tr("meetings.confirm_undone", what=item.what)

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark(item, done=False)

        self.app.push_screen(ConfirmModal(question, safe_no=True), answered)

    def _mark(self, item: AgreedItem, *, done: bool) -> None:
        repo = self.gv.repo
        meeting = repo.get(Meeting, item.meeting_id)
        if meeting is None or meeting.deleted:
            self.notify(tr("meetings.not_found"), severity="warning")
            return
        day = self.gv.today() if done else None
        try:
            updated = with_item_done(meeting, item.item_id, day)
        except KeyError:
            self.notify(tr("meetings.not_found"), severity="warning")
            return
        said = tr("meetings.marked_done" if done else "meetings.marked_open")
        self.gv.write(lambda: repo.save(updated), lambda _: self.notify(said))

    def action_toggle_shown(self) -> None:
        self.show_done = not self.show_done
        self.refresh_data()
        self.notify(tr("meetings.done_shown" if self.show_done else "meetings.done_hidden"))

    def action_back(self) -> None:
        self.dismiss(None)
