"""Briefing sessions: the list by date; and attendance per lecturer and month for a period.

``t`` switches to the attendance view: for the period typed above it (this
year to begin with), each lecturer's sessions attended of those held, late
arrivals, absences with their reasons; and the Center's rate month by month.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.attendance import counts, monthly_rates, overall_rate, per_lecturer, sessions_in
from giangvien.i18n import tr
from giangvien.models import Briefing
from giangvien.vntext import format_date, format_decimal
from screens.base import area_keys
from screens.record_list import RecordListScreen
from screens.widgets.date_field import DateInput

if TYPE_CHECKING:  # imported when a form opens
    from screens.session_form import SessionFormScreen

PAGE = 200
# At 80 columns the form (in person / online, last) is off to the right.
COLUMNS = {"col_date": 10, "col_level": 10, "col_talks": 23, "col_attended": 8,
           "col_late": 6, "col_absent": 6, "col_form": 10}  # fmt: skip
PEOPLE_COLUMNS = {"col_person": 22, "col_attended": 7, "col_late": 5, "col_absent": 5,
                  "col_reasons": 42}  # fmt: skip
MONTH_COLUMNS = {"col_month": 9, "col_sessions": 8, "col_rate": 22}


key = area_keys("sessions")


def percent(rate: float | None) -> str:
    """ "93,5%" (the decimal sign of the language); "—" when nothing was expected."""
    if rate is None:
        return "—"
    number = format_decimal(round(rate * 100, 1))
    return f"{number}%"


class SessionsScreen(RecordListScreen):
    SECTION = "sessions"
    MODEL = Briefing
    FORMS = ("screens.session_form",)
    TABLE = "sessions-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("n", "new", "new"),
        key("e", "open", "open"),
        key("delete", "delete", "delete"),
        key("t", "stats", "stats"),
    ]

    def compose_content(self) -> ComposeResult:
        yield Static(tr("sessions.title"), classes="section-title")
        with ContentSwitcher(initial="sessions-list", id="sessions-views"):
            with Vertical(id="sessions-list"):
                yield DataTable(cursor_type="row", zebra_stripes=True, id="sessions-table")
                yield Static("", markup=False, id="sessions-more")
            with Vertical(id="sessions-stats"):
                with Horizontal(classes="sessions-filters"):
                    yield Label(tr("sessions.period_from"), classes="sessions-label")
                    start = DateInput(dt.date(self.gv.today().year, 1, 1), id="stats-from")
                    yield start
                    yield Label(tr("sessions.period_to"), classes="sessions-label")
                    yield DateInput(dt.date(self.gv.today().year, 12, 31), id="stats-to")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="stats-people")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="stats-months")
                yield Static("", markup=False, id="stats-note")

    def on_mount(self) -> None:
        for table_id, columns in (("#sessions-table", COLUMNS), ("#stats-people", PEOPLE_COLUMNS),
                                  ("#stats-months", MONTH_COLUMNS)):  # fmt: skip
            table = self.query_one(table_id, DataTable)
            for column, width in columns.items():
                table.add_column(tr(f"sessions.{column}"), width=width, key=column)
        self.query_one("#sessions-table", DataTable).focus()

    # -- the list ----------------------------------------------------------

    def refresh_data(self) -> None:
        self._show()
        if self.query_one("#sessions-views", ContentSwitcher).current == "sessions-stats":
            self._show_stats()

    def _show(self) -> None:
        table = self.query_one("#sessions-table", DataTable)
        keep = self._want or self._highlighted()
        found = sorted(sessions_in(self.gv.repo.all(Briefing)),
                       key=lambda s: (s.date, s.created_at), reverse=True)  # fmt: skip
        table.clear()
        for session in found[:PAGE]:
            tally = counts(session)
            talks = "; ".join(t.title for t in session.talks)
            cells = (
                format_date(session.date),
                tr(f"enum.level_{session.level.value}"),
                talks,
                f"{tally.attended}/{tally.expected}",
                str(tally.late),
                str(tally.absent),
                tr(f"enum.form_{session.form.value}"),
            )
            table.add_row(*map(Text, cells), key=session.id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep))
        self._want = None
        if not found:
            line = tr("sessions.none_yet")
        else:
            line = tr("sessions.count", n=len(found), rate=percent(overall_rate(found)))
            if len(found) > PAGE:
                line += " " + tr("sessions.more", n=len(found) - PAGE)
        self.query_one("#sessions-more", Static).update(line)

    @on(DataTable.RowSelected, "#sessions-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_record(event.row_key.value)

    # -- attendance per lecturer and month ---------------------------------

    def action_stats(self) -> None:
        views = self.query_one("#sessions-views", ContentSwitcher)
        if views.current == "sessions-stats":
            views.current = "sessions-list"
            self.query_one("#sessions-table", DataTable).focus()
            return
        views.current = "sessions-stats"
        self._show_stats()
        self.query_one("#stats-people", DataTable).focus()

    @on(Input.Changed, "#stats-from, #stats-to")
    def _period_changed(self) -> None:
        self._show_stats()

    def _show_stats(self) -> None:
        start = self.query_one("#stats-from", DateInput).date
        end = self.query_one("#stats-to", DateInput).date
        sessions = self.gv.repo.all(Briefing)
        names = self.gv.repo.lecturer_names()
        people = self.query_one("#stats-people", DataTable)
        people.clear()
        found = per_lecturer(sessions, start, end)
        order = {lec.id: i for i, lec in enumerate(self.gv.repo.lecturers(include_archived=True))}
        for who in sorted(found, key=lambda w: order.get(w, len(order))):
            tally = found[who]
            reasons = "; ".join(f"{format_date(a.date)}: {a.reason}" for a in tally.absences)
            cells = (names.get(who, "?"), f"{tally.attended}/{tally.held}", str(tally.late),
                     str(tally.absent), reasons)  # fmt: skip
            people.add_row(*map(Text, cells), key=who)
        months = self.query_one("#stats-months", DataTable)
        months.clear()
        for month in monthly_rates(sessions, start, end):
            rate = f"{percent(month.rate)} ({month.attended}/{month.expected})"
            months.add_row(Text(f"{month.month:02d}/{month.year}"), Text(str(month.sessions)),
                           Text(rate))  # fmt: skip
        held = len(sessions_in(sessions, start, end))
        note = tr("sessions.stats_note", n=held, rate=percent(overall_rate(sessions, start, end)))
        self.query_one("#stats-note", Static).update(note)

    # -- actions -----------------------------------------------------------

    def form(self, record: Briefing | None) -> SessionFormScreen:
        from screens.session_form import SessionFormScreen

        self.query_one("#sessions-views", ContentSwitcher).current = "sessions-list"
        return SessionFormScreen(record)

    def show_saved(self) -> None:
        self._show()

    def deletable_now(self) -> bool:
        return self.query_one("#sessions-views", ContentSwitcher).current == "sessions-list"

    def delete_question(self, record: Briefing) -> str:
        return tr("sessions.confirm_delete", date=format_date(record.date))
