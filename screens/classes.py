"""Classes: the Center's class log, newest first, and (``c``) its conferences.

The line under the list sums up the current year as the year-end report
does: classes opened and their learners, field trips, conferences and
attendances (``giangvien.development.classes``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.development import Period
from giangvien.development.classes import class_figures
from giangvien.i18n import tr
from giangvien.models import Conference, Record, TrainingClass
from giangvien.vntext import format_count, format_date, format_decimal, format_number
from screens.base import area_keys
from screens.record_list import RecordListScreen

PAGE = 200
CLASSES, CONFERENCES = "classes-list", "conferences-list"
# Column key -> width: with their padding and the scroll bar they fit the 96 columns beside
# the menu at 120x40; at 80 columns the last ones are off to the right.
CLASS_COLUMNS = {"col_opened": 10, "col_class": 29, "col_programme": 18, "col_partner": 12,
                 "col_learners": 5, "col_hours": 6}  # fmt: skip
CONFERENCE_COLUMNS = {"col_date": 10, "col_kind": 14, "col_subject": 38, "col_attendees": 7,
                      "col_partner": 14}  # fmt: skip

key = area_keys("classes")


def _hours(record: TrainingClass) -> str:
    return format_decimal(round(sum(lesson.hours for lesson in record.lessons), 2))


class ClassesScreen(RecordListScreen):
    SECTION = "classes"
    MODEL = TrainingClass
    FORMS = ("screens.class_form", "screens.conference_form")
    TABLE = "classes-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("n", "new", "new"),
        key("e", "open", "open"),
        key("delete", "delete", "delete"),
        key("c", "switch('conferences')", "conferences"),
        key("c", "switch('classes')", "classes"),
    ]

    def compose_content(self) -> ComposeResult:
        yield Static(tr("classes.title"), classes="section-title", id="classes-title")
        with ContentSwitcher(initial=CLASSES, id="classes-views"):
            with Vertical(id=CLASSES):
                yield DataTable(cursor_type="row", zebra_stripes=True, id="classes-table")
                yield Static("", markup=False, id="classes-more")
            with Vertical(id=CONFERENCES):
                yield DataTable(cursor_type="row", zebra_stripes=True, id="conferences-table")
                yield Static("", markup=False, id="conferences-more")
        yield Static("", markup=False, id="classes-year")

    def on_mount(self) -> None:
        for table_id, columns in (("#classes-table", CLASS_COLUMNS),
                                  ("#conferences-table", CONFERENCE_COLUMNS)):  # fmt: skip
            table = self.query_one(table_id, DataTable)
            for column, width in columns.items():
                table.add_column(tr(f"classes.{column}"), width=width, key=column)
        self.query_one("#classes-table", DataTable).focus()

    # -- which list ------------------------------------------------------------

    def _on_conferences(self) -> bool:
        return self.query_one("#classes-views", ContentSwitcher).current == CONFERENCES

    def shown_model(self) -> type[Record]:
        return Conference if self._on_conferences() else TrainingClass

    def shown_table(self) -> str:
        return "conferences-table" if self._on_conferences() else "classes-table"

    def said(self, name: str) -> str:
        return tr(f"conferences.{name}" if self._on_conferences() else f"classes.{name}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch":
            # One key, c, goes back and forth; the footer names where it leads.
            here = "conferences" if self._on_conferences() else "classes"
            return parameters != (here,)
        return True

    def action_switch(self, to: str = "") -> None:
        views = self.query_one("#classes-views", ContentSwitcher)
        views.current = CONFERENCES if to == "conferences" else CLASSES
        title = "classes.conferences_title" if self._on_conferences() else "classes.title"
        self.query_one("#classes-title", Static).update(tr(title))
        self.query_one(f"#{self.shown_table()}", DataTable).focus()
        self.refresh_bindings()

    # -- the lists ---------------------------------------------------------------

    def refresh_data(self) -> None:
        self._show_classes()
        self._show_conferences()
        self._show_year()

    def _fill(self, name: str, rows: Sequence[tuple[str, Sequence[str]]], area: str) -> None:
        """The list ``name`` ("classes", "conferences"), the cursor kept; its count below it."""
        table = self.query_one(f"#{name}-table", DataTable)
        keep = self._want if table.id == self.shown_table() else None
        keep = keep or self._cursor(table)
        table.clear()
        for record_id, cells in rows[:PAGE]:
            table.add_row(*map(Text, cells), key=record_id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep))
        line = tr(f"{area}.count", n=len(rows)) if rows else tr(f"{area}.none_yet")
        if len(rows) > PAGE:
            line += " " + tr("classes.more", n=len(rows) - PAGE)
        self.query_one(f"#{name}-more", Static).update(line)

    @staticmethod
    def _cursor(table: DataTable[object]) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _show_classes(self) -> None:
        found = sorted(self.gv.repo.all(TrainingClass),
                       key=lambda c: (c.opened, c.created_at), reverse=True)  # fmt: skip
        rows = [
            (c.id, (format_date(c.opened), c.class_name, c.programme, c.partner,
                    format_number(c.learners), _hours(c)))
            for c in found
        ]  # fmt: skip
        self._fill("classes", rows, "classes")

    def _show_conferences(self) -> None:
        found = sorted(self.gv.repo.all(Conference),
                       key=lambda c: (c.date, c.created_at), reverse=True)  # fmt: skip
        rows = [
            (c.id, (format_date(c.date), tr(f"enum.conference_{c.kind.value}"), c.subject,
                    format_number(c.attendees), c.partner))
            for c in found
        ]  # fmt: skip
        self._fill("conferences", rows, "conferences")
        self._want = None

    def _show_year(self) -> None:
        repo, year = self.gv.repo, self.gv.today().year
        f = class_figures(repo.all(TrainingClass), repo.all(Conference), Period.year(year),
                          repo.settings().programmes)  # fmt: skip
        line = tr("classes.year_line", year=year, classes=format_count(f.classes),
                  learners=format_number(f.learners), trips=format_count(f.field_trips),
                  trip_learners=format_number(f.trip_learners),
                  conferences=format_count(sum(c.conferences for c in f.conferences)),
                  attendees=format_number(f.attendees))  # fmt: skip
        self.query_one("#classes-year", Static).update(line)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_record(event.row_key.value)

    def show_saved(self) -> None:
        self.refresh_data()

    # -- forms -------------------------------------------------------------------

    def form(self, record: TrainingClass | Conference | None) -> Screen[str | None]:
        if isinstance(record, Conference) or (record is None and self._on_conferences()):
            from screens.conference_form import ConferenceFormScreen

            return ConferenceFormScreen(record)
        from screens.class_form import ClassFormScreen

        return ClassFormScreen(record)

    def open_conference(self, record_id: str) -> None:
        """Open one conference in its form (the command palette): its list first."""
        self.action_switch("conferences")
        self.open_record(record_id)

    def open_class(self, record_id: str) -> None:
        self.action_switch("classes")
        self.open_record(record_id)

    def delete_question(self, record: TrainingClass | Conference) -> str:
        if isinstance(record, Conference):
            return tr("conferences.confirm_delete", subject=record.subject,
                      date=format_date(record.date))  # fmt: skip
        return tr("classes.confirm_delete", name=record.class_name,
                  date=format_date(record.opened))  # fmt: skip
