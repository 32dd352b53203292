"""Meetings (sinh hoạt chuyên môn): one a month, newest first, with what is still open."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.documents.people import month_label
from giangvien.i18n import tr
from giangvien.meetings import open_count, presence
from giangvien.models import Meeting
from giangvien.vntext import format_date, format_time
from screens.base import area_keys
from screens.record_list import RecordListScreen

if TYPE_CHECKING:  # imported when a form opens
    from screens.meeting_form import MeetingFormScreen

# Column (catalogue key) and width: together they fit 120 columns beside the menu.
# At 80 columns the secretary (last) is off to the right; who chaired, who came
# and what is still open show.
COLUMNS = {"col_month": 8, "col_date": 10, "col_time": 11, "col_chair": 17,
           "col_present": 7, "col_open": 8, "col_secretary": 17}  # fmt: skip


key = area_keys("meetings")


class MeetingsScreen(RecordListScreen):
    SECTION = "meetings"
    MODEL = Meeting
    FORMS = ("screens.meeting_form",)
    TABLE = "mtg-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("n", "new", "new"),
        key("e", "open", "open"),
        key("delete", "delete", "delete"),
        key("u", "updates", "updates"),
        key("p", "preview", "preview"),
    ]

    def compose_content(self) -> ComposeResult:
        yield Static(tr("meetings.title"), classes="section-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="mtg-table")
        yield Static("", markup=False, id="mtg-count")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column, width in COLUMNS.items():
            table.add_column(tr(f"meetings.{column}"), width=width, key=column)
        table.focus()

    def refresh_data(self) -> None:
        repo = self.gv.repo
        names = repo.lecturer_names()
        table = self.query_one(DataTable)
        keep = self._want or self._highlighted()
        meetings = sorted(repo.all(Meeting), key=_order, reverse=True)
        table.clear()
        for m in meetings:
            here, listed = presence(m)
            hours = "–".join(format_time(t) for t in (m.start_time, m.end_time) if t)
            cells = (
                month_label(m.date),
                format_date(m.date),
                hours,
                names.get(m.chair_id or "", "—"),
                f"{here}/{listed}",
                str(open_count(m) or ""),
                names.get(m.secretary_id or "", "—"),
            )
            table.add_row(*map(Text, cells), key=m.id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep))
        self._want = None
        count = tr("meetings.count", n=len(meetings)) if meetings else tr("meetings.none_yet")
        self.query_one("#mtg-count", Static).update(count)

    def _chosen(self) -> Meeting | None:
        chosen = self._highlighted()
        record = self.gv.repo.get(Meeting, chosen) if chosen else None
        return None if record is None or record.deleted else record

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_record(event.row_key.value)

    # -- actions -----------------------------------------------------------

    def form(self, record: Meeting | None) -> MeetingFormScreen:
        from screens.meeting_form import MeetingFormScreen

        return MeetingFormScreen(record)

    def delete_question(self, record: Meeting) -> str:
        return tr("meetings.confirm_delete", date=format_date(record.date))

    def action_updates(self) -> None:
        from screens.updates import UpdatesScreen

        self.app.push_screen(UpdatesScreen())

    def action_preview(self) -> None:
        record = self._chosen()
        if record is None:
            self.notify(tr("meetings.pick_first"), severity="warning")
            return
        from screens.minutes_preview import MinutesPreviewScreen

        self.app.push_screen(MinutesPreviewScreen(record.id))


def _order(m: Meeting) -> tuple[object, ...]:
    return (m.date, (m.start_time.hour, m.start_time.minute) if m.start_time else (0, 0), m.id)
