"""Observations: every sheet, newest first, filtered and searched; a page at a time."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import get_current_worker

from giangvien.i18n import language, tr
from giangvien.models import Observation
from giangvien.rubric import Rubric
from giangvien.vntext import fold, format_date, format_decimal
from screens.base import area_keys
from screens.record_list import RecordListScreen
from screens.widgets.date_field import DateInput

if TYPE_CHECKING:  # imported when a form opens
    from screens.observation_form import ObservationFormScreen

PAGE = 200  # rows shown at most: filling a table with 10,000 rows would stall the screen
COMMENTS_ONLY = "\x00none"  # band filter value of unscored sheets
# Column (catalogue key) and width: together they fit 120 columns beside the menu.
# What matters first: at 80 columns the last (the observers) is off to the right.
COLUMNS = {"col_date": 10, "col_lecturer": 15, "col_lesson": 16, "col_total": 5,
           "col_band": 9, "col_reviewed": 8, "col_observers": 13}  # fmt: skip


key = area_keys("observations")


def _count(n: int) -> str:
    # 9.800 in Vietnamese, 9,800 in English.
    return f"{n:,}".replace(",", "." if language() == "vi" else ",")


def _compact(date: DateInput) -> DateInput:
    date.compact = True  # one line, like the other filters
    return date


@dataclass
class _Sheet:
    """One version of an observation with what the list needs, worked out once."""

    record: Observation
    total: float | None
    band_code: str
    band_name: str
    _folded: str = ""

    def folded(self) -> str:
        """Lesson and every comment in search form (folded once, on first need)."""
        if not self._folded:
            r = self.record
            texts = (r.lesson, r.strengths, r.limitations, r.suggestions, r.self_assessment)
            self._folded = fold("\n".join((*texts, r.conclusion)))
        return self._folded


class ObservationsScreen(RecordListScreen):
    SECTION = "observations"
    MODEL = Observation
    FORMS = ("screens.observation_form",)
    TABLE = "obs-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("n", "new", "new"),
        key("e", "open", "open"),
        key("slash", "search", "search"),
        key("delete", "delete", "delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Keyed by id and reused while the record's updated_at is unchanged, so a
        # keystroke in the search box only compares strings prepared before.
        self._index: dict[str, tuple[dt.datetime, _Sheet]] = {}
        self._sheets: list[_Sheet] = []
        self._options: dict[str, list[tuple[str, str]]] = {}
        self._stale = False

    def compose_content(self) -> ComposeResult:
        yield Static(tr("observations.title"), classes="section-title")
        reviewed = [
            (tr("observations.reviewed_yes"), "yes"),
            (tr("observations.reviewed_no"), "no"),
        ]
        with Horizontal(classes="obs-filters"):
            for name, options in (("lecturer", []), ("observer", []), ("band", []),
                                  ("reviewed", reviewed)):  # fmt: skip
                prompt = tr(f"observations.filter_{name}")
                yield Select(options, prompt=prompt, id=f"obs-{name}", compact=True)
        with Horizontal(classes="obs-filters"):
            yield Label(tr("observations.filter_from"), classes="obs-label")
            yield _compact(DateInput(optional=True, id="obs-from"))
            yield Label(tr("observations.filter_to"), classes="obs-label")
            yield _compact(DateInput(optional=True, id="obs-to"))
            yield Input(
                placeholder=tr("observations.search_placeholder"), id="obs-search", compact=True
            )
        yield DataTable(cursor_type="row", zebra_stripes=True, id="obs-table")
        yield Static("", markup=False, id="obs-more")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column, width in COLUMNS.items():
            table.add_column(tr(f"observations.{column}"), width=width, key=column)
        table.focus()

    # -- data --------------------------------------------------------------

    def refresh_data(self) -> None:
        if not self.is_current:
            self._stale = True  # shown again when the screen comes back
            return
        self._stale = False
        repo = self.gv.repo
        rubrics: dict[tuple[str, int], Rubric | None] = {}
        index: dict[str, tuple[dt.datetime, _Sheet]] = {}
        changed = False
        for record in repo.all(Observation):
            known = self._index.get(record.id)
            if known is None or known[0] != record.updated_at:
                known = (record.updated_at, self._prepare(record, rubrics))
                changed = True
            index[record.id] = known
        if changed or len(index) != len(self._index):
            self._sheets = sorted(
                (sheet for _, sheet in index.values()),
                key=lambda s: (s.record.date, s.record.created_at),
                reverse=True,
            )
        self._index = index
        self._fill_filters()
        self._show()
        self._fold_ahead(self._sheets)

    def _prepare(
        self, record: Observation, rubrics: dict[tuple[str, int], Rubric | None]
    ) -> _Sheet:
        total: float | None = None
        code, name = COMMENTS_ONLY, tr("observations.band_comments_only")
        if record.scores is not None:
            key = (record.rubric_id, record.rubric_version)
            if key not in rubrics:
                rubrics[key] = self.gv.repo.rubric(*key)
            rubric = rubrics[key]
            if rubric is not None:
                total = rubric.total_of(record.scores)
                band = rubric.band_of(record.scores)
                code, name = band.code, band.name
        return _Sheet(record, total, code, name)

    # An explicit description: the default one is the repr of every argument.
    @work(thread=True, exclusive=True, exit_on_error=False, description="fold sheets for search")
    def _fold_ahead(self, sheets: list[_Sheet]) -> None:
        # Folds every text before the first search needs it; touches no widget,
        # and a search that comes first simply folds what is still missing.
        worker = get_current_worker()
        for sheet in sheets:
            if worker.is_cancelled:
                return
            sheet.folded()

    def _fill_filters(self) -> None:
        repo = self.gv.repo
        people = [(Text(lec.full_name), lec.id) for lec in repo.lecturers(include_archived=True)]
        self._set_options("#obs-lecturer", people)
        self._set_options("#obs-observer", people)
        bands = [(Text(b.name), b.code) for b in repo.active_rubric().bands]
        bands.append((Text(tr("observations.band_comments_only")), COMMENTS_ONLY))
        self._set_options("#obs-band", bands)

    def _set_options(self, select_id: str, options: list[tuple[Text, str]]) -> None:
        shown = [(t.plain, v) for t, v in options]
        if self._options.get(select_id) == shown:
            return  # set_options would clear what the user chose
        self._options[select_id] = shown
        select: Select[str] = self.query_one(select_id, Select)
        kept = select.value
        with select.prevent(Select.Changed):
            select.set_options(options)
            if kept in {v for _, v in options}:
                select.value = kept

    def on_screen_resume(self) -> None:
        if self._stale:
            self.refresh_data()

    # -- filtering ---------------------------------------------------------

    def _matching(self) -> list[_Sheet]:
        lecturer = self.query_one("#obs-lecturer", Select).selection
        observer = self.query_one("#obs-observer", Select).selection
        band = self.query_one("#obs-band", Select).selection
        reviewed = self.query_one("#obs-reviewed", Select).selection
        start = self.query_one("#obs-from", DateInput).date
        end = self.query_one("#obs-to", DateInput).date
        words = fold(self.query_one("#obs-search", Input).value).split()
        found = []
        for sheet in self._sheets:
            r = sheet.record
            if (
                (lecturer and r.lecturer_id != lecturer)
                or (observer and observer not in r.observer_ids)
                or (band and sheet.band_code != band)
                or (reviewed and r.reviewed != (reviewed == "yes"))
                or (start and r.date < start)
                or (end and r.date > end)
                or (words and not all(w in sheet.folded() for w in words))
            ):
                continue
            found.append(sheet)
        return found

    def _show(self) -> None:
        table = self.query_one(DataTable)
        names = self.gv.repo.lecturer_names()
        keep = self._want or self._highlighted()
        found = self._matching()
        table.clear()
        for sheet in found[:PAGE]:
            r = sheet.record
            reviewed = "mark_reviewed" if r.reviewed else "mark_waiting"
            cells = (
                format_date(r.date),
                names.get(r.lecturer_id, "?"),
                r.lesson,
                "—" if sheet.total is None else format_decimal(sheet.total),
                sheet.band_name,
                tr(f"observations.{reviewed}"),
                ", ".join(names.get(i, "?") for i in r.observer_ids),
            )
            table.add_row(*map(Text, cells), key=r.id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep))
        self._want = None
        more = len(found) - PAGE
        if more > 0:
            line = tr("observations.more", n=_count(more))
        elif not found:
            line = tr("observations.none_match" if self._sheets else "observations.none_yet")
        else:
            line = tr("observations.count", n=_count(len(found)))
        self.query_one("#obs-more", Static).update(line)

    @on(Select.Changed, ".obs-filters Select")
    @on(Input.Changed, ".obs-filters Input")
    def _filtered(self) -> None:
        self._show()

    @on(Input.Submitted, "#obs-search")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_record(event.row_key.value)

    # -- actions -----------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#obs-search", Input).focus()

    def form(self, record: Observation | None) -> ObservationFormScreen:
        from screens.observation_form import ObservationFormScreen

        return ObservationFormScreen(record)

    def show_saved(self) -> None:
        if not self._stale:
            self._show()

    def delete_question(self, record: Observation) -> str:
        day = format_date(record.date)
        return tr("observations.confirm_delete", lesson=record.lesson, date=day)
