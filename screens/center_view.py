"""The Center view: one line per lecturer, sortable by a column, and the year-end totals."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from giangvien.development import SORT_COLUMNS, Center, CenterRow, band_abbrev, sort_rows
from giangvien.development.format import percent
from giangvien.documents.classes import load_cell
from giangvien.i18n import tr
from giangvien.vntext import format_count, format_decimal, format_number
from screens.profile_view import period_short

# Column key -> width. With a cell's padding (2 each) and the scroll bar they fit the
# 93 columns beside the menu at 120x40.
WIDTHS = {"name": 19, "received": 8, "given": 6, "average": 8, "bands": 9,
          "meetings": 5, "briefings": 5, "open": 9, "hours": 8}  # fmt: skip


class CenterView(Vertical):
    class Open(Message):
        """The user chose a lecturer's line: show their profile."""

        def __init__(self, lecturer_id: str) -> None:
            super().__init__()
            self.lecturer_id = lecturer_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.center: Center | None = None
        self.column = "name"
        self.descending = False

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, id="dev-center-table")
        yield Static("", id="dev-totals")

    def show(self, center: Center) -> None:
        self.center = center
        self._fill()
        self._totals(center)

    # -- sorting -------------------------------------------------------------------

    def sort_by(self, column: str) -> None:
        """Sort by ``column``; the same column again turns the order round."""
        if column == self.column:
            self.descending = not self.descending
        else:
            # Numbers read best from the largest; names from A.
            self.column, self.descending = column, column != "name"
        self._fill()

    def sort_next(self) -> None:
        index = (SORT_COLUMNS.index(self.column) + 1) % len(SORT_COLUMNS)
        self.column, self.descending = SORT_COLUMNS[index], SORT_COLUMNS[index] != "name"
        self._fill()

    def reverse(self) -> None:
        self.descending = not self.descending
        self._fill()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = str(event.column_key.value)
        if key in SORT_COLUMNS:
            self.sort_by(key)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Open(event.row_key.value))

    # -- drawing -------------------------------------------------------------------

    def _label(self, key: str) -> Text:
        if key == "bands" and self.center is not None:
            text = "·".join(band_abbrev(name) for name in self.center.band_names)
        else:
            text = tr(f"development.col_{key}")
        if key == self.column:
            text += "▼" if self.descending else "▲"  # no space: it must fit the column
        return Text(text)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        center = self.center
        keep = self._highlighted()
        table.clear(columns=True)
        for key, width in WIDTHS.items():
            table.add_column(self._label(key), width=width, key=key)
        if center is None:
            return
        for row in sort_rows(center.rows, self.column, self.descending):
            table.add_row(*self._cells(row, center.band_names), key=row.lecturer.id)
        if keep is not None and keep in {r.lecturer.id for r in center.rows}:
            table.move_cursor(row=table.get_row_index(keep))

    def _highlighted(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @staticmethod
    def _cells(row: CenterRow, bands: list[str]) -> list[Text]:
        name = row.lecturer.full_name
        if row.lecturer.archived:
            name += f" ({tr('development.archived')})"
        opened = (
            tr("development.open_cell", n=row.open, overdue=row.overdue)
            if row.overdue
            else str(row.open)
        )
        values = [
            name,
            str(row.received),
            str(row.given),
            percent(row.average),
            "·".join(str(row.bands.get(b, 0)) for b in bands),
            percent(row.meetings.rate),
            percent(row.briefings.rate),
            opened,
            load_cell(row.load),
        ]
        # Numbers right-aligned, so that a column reads down by its units.
        return [Text(v) if i == 0 else Text(v, justify="right") for i, v in enumerate(values)]

    def _totals(self, center: Center) -> None:
        t, f = center.totals, center.classes
        bands = " · ".join(f"{name} {n}" for name, n in t.bands) or tr("development.no_scores")
        title = tr("development.totals_title", period=period_short(center.period))
        lines = [
            Content.styled(title, "bold"),
            Content(tr("development.totals_observations", n=t.observations, scored=t.scored,
                       people=t.lecturers_observed, average=percent(t.average), bands=bands)),
            Content(tr("development.totals_trials", n=t.trials, passed=t.passed,
                       failed=t.not_passed, undecided=t.undecided)),
            Content(tr("development.totals_meetings", n=t.meetings, rate=percent(t.meeting_rate))),
            Content(tr("development.totals_briefings", n=t.briefings,
                       rate=percent(t.briefing_rate))),
            Content(tr("development.totals_updates", agreed=t.updates_agreed, done=t.updates_done,
                       tasks=t.tasks_agreed, tasks_done=t.tasks_done)),
            Content(tr("development.totals_classes", classes=format_count(f.classes),
                       learners=format_number(f.learners),
                       conferences=format_count(sum(c.conferences for c in f.conferences)),
                       attendees=format_number(f.attendees), hours=format_decimal(t.hours))),
            Content(tr("development.sort_hint")).stylize("dim"),
        ]  # fmt: skip
        self.query_one("#dev-totals", Static).update(Content("\n").join(lines))
