"""Trial lectures: every trial, newest first; and a lecturer's cleared lessons.

``c`` switches to the cleared-lessons view of the lecturer chosen in the
filter (or of the highlighted trial): every lesson with a passed trial and
since when, and lessons owed a re-trial with its date, late ones flagged.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, DataTable, Input, Select, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.i18n import tr
from giangvien.models import Trial
from giangvien.trials import awaiting_retrial, cleared_lessons, lesson_key
from giangvien.vntext import fold, format_date
from screens.base import area_keys
from screens.record_list import RecordListScreen

if TYPE_CHECKING:  # imported when a form opens
    from screens.trial_form import TrialFormScreen

PAGE = 200  # rows shown at most
# At 80 columns the re-trial date (last) is off to the right; the verdict shows.
COLUMNS = {"col_date": 10, "col_lecturer": 16, "col_lesson": 24, "col_verdict": 13,
           "col_next": 10}  # fmt: skip
CLEARED_COLUMNS = {"col_lesson": 36, "col_programme": 22, "col_state": 28}
LATE = "bold red"


key = area_keys("trials")


def verdict_text(trial: Trial) -> str:
    return tr(f"enum.verdict_{trial.verdict.value}") if trial.verdict else tr("trials.pending")


class TrialsScreen(RecordListScreen):
    SECTION = "trials"
    MODEL = Trial
    FORMS = ("screens.trial_form",)
    TABLE = "trials-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("n", "new", "new"),
        key("e", "open", "open"),
        key("delete", "delete", "delete"),
        key("c", "cleared", "cleared"),
        key("m", "minutes", "minutes"),
        key("slash", "search", "search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._options: list[tuple[str, str]] = []
        self._cleared_of: str | None = None

    def compose_content(self) -> ComposeResult:
        yield Static(tr("trials.title"), classes="section-title", id="trials-title")
        with Horizontal(classes="trials-filters"):
            yield Select([], prompt=tr("trials.filter_lecturer"), id="trials-lecturer",
                         compact=True)  # fmt: skip
            yield Input(placeholder=tr("trials.search_placeholder"), id="trials-search",
                        compact=True)  # fmt: skip
        with ContentSwitcher(initial="trials-list", id="trials-views"):
            with Vertical(id="trials-list"):
                yield DataTable(cursor_type="row", zebra_stripes=True, id="trials-table")
                yield Static("", markup=False, id="trials-more")
            with Vertical(id="trials-cleared"):
                yield Static("", markup=False, id="cleared-title")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="cleared-table")
                yield Static("", markup=False, id="cleared-note")

    def on_mount(self) -> None:
        table = self.query_one("#trials-table", DataTable)
        for column, width in COLUMNS.items():
            table.add_column(tr(f"trials.{column}"), width=width, key=column)
        cleared = self.query_one("#cleared-table", DataTable)
        for column, width in CLEARED_COLUMNS.items():
            cleared.add_column(tr(f"trials.{column}"), width=width, key=column)
        table.focus()

    # -- data --------------------------------------------------------------

    def refresh_data(self) -> None:
        repo = self.gv.repo
        options = [(lec.full_name, lec.id) for lec in repo.lecturers(include_archived=True)]
        if options != self._options:
            self._options = options
            select: Select[str] = self.query_one("#trials-lecturer", Select)
            kept = select.value
            with select.prevent(Select.Changed):
                select.set_options([(Text(name), value) for name, value in options])
                if kept in {v for _, v in options}:
                    select.value = kept
        self._show()
        if self._cleared_of is not None:
            self._show_cleared(self._cleared_of)

    def _matching(self) -> list[Trial]:
        lecturer = self.query_one("#trials-lecturer", Select).selection
        words = fold(self.query_one("#trials-search", Input).value).split()
        found = []
        for trial in self.gv.repo.all(Trial):
            if lecturer and trial.lecturer_id != lecturer:
                continue
            if words and not all(w in lesson_key(trial.lesson) for w in words):
                continue
            found.append(trial)
        return sorted(found, key=lambda t: (t.date, t.created_at), reverse=True)

    def _show(self) -> None:
        table = self.query_one("#trials-table", DataTable)
        names = self.gv.repo.lecturer_names()
        keep = self._want or self._highlighted()
        found = self._matching()
        table.clear()
        for trial in found[:PAGE]:
            again = format_date(trial.next_trial_date) if trial.next_trial_date else ""
            cells = (format_date(trial.date), names.get(trial.lecturer_id, "?"), trial.lesson,
                     verdict_text(trial), again)  # fmt: skip
            table.add_row(*map(Text, cells), key=trial.id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep))
        self._want = None
        more = len(found) - PAGE
        if more > 0:
            line = tr("trials.more", n=more)
        elif not found:
            line = tr("trials.none_match" if self.gv.repo.all(Trial) else "trials.none_yet")
        else:
            line = tr("trials.count", n=len(found))
        self.query_one("#trials-more", Static).update(line)

    @on(Select.Changed, "#trials-lecturer")
    @on(Input.Changed, "#trials-search")
    def _filtered(self) -> None:
        self._show()
        lecturer = self.query_one("#trials-lecturer", Select).selection
        if self._cleared_of is not None and lecturer:
            self._show_cleared(lecturer)

    @on(Input.Submitted, "#trials-search")
    def _to_table(self) -> None:
        self.query_one("#trials-table", DataTable).focus()

    @on(DataTable.RowSelected, "#trials-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_record(event.row_key.value)

    # -- cleared lessons ---------------------------------------------------

    def action_cleared(self) -> None:
        views = self.query_one("#trials-views", ContentSwitcher)
        if self._cleared_of is not None:
            self._cleared_of = None
            views.current = "trials-list"
            self.query_one("#trials-table", DataTable).focus()
            return
        chosen = self.query_one("#trials-lecturer", Select).selection
        if not chosen:
            trial = self.gv.repo.get(Trial, self._highlighted() or "")
            chosen = trial.lecturer_id if trial else (self.gv.user.id if self.gv.user else None)
        if not chosen:
            self.notify(tr("trials.cleared_who"), severity="warning")
            return
        self._show_cleared(chosen)
        views.current = "trials-cleared"
        self.query_one("#cleared-table", DataTable).focus()

    def _show_cleared(self, lecturer_id: str) -> None:
        self._cleared_of = lecturer_id
        repo = self.gv.repo
        trials = repo.all(Trial)
        uncleared = repo.settings().retrial_uncleared
        name = repo.lecturer_names().get(lecturer_id, "?")
        self.query_one("#cleared-title", Static).update(tr("trials.cleared_title", name=name))
        table = self.query_one("#cleared-table", DataTable)
        table.clear()
        for lesson in cleared_lessons(trials, lecturer_id, uncleared_by_failure=uncleared):
            state = tr("trials.cleared_since", date=format_date(lesson.cleared_on))
            table.add_row(Text(lesson.lesson), Text(lesson.programme), Text(state),
                          key=f"ok:{lesson.trial_id}")  # fmt: skip
        owed = awaiting_retrial(trials, self.gv.today(), lecturer_id,
                                uncleared_by_failure=uncleared)  # fmt: skip
        for item in owed:
            day = format_date(item.date) if item.date else ""
            state = tr("trials.retrial_on", date=day) if day else tr("trials.retrial_undated")
            if item.overdue:
                state = tr("trials.overdue", date=day)
            programme = repo.get(Trial, item.trial_id)
            table.add_row(Text(item.lesson), Text(programme.programme if programme else ""),
                          Text(state, style=LATE if item.overdue else ""),
                          key=f"owed:{item.trial_id}")  # fmt: skip
        late = sum(item.overdue for item in owed)
        note = tr("trials.cleared_note", uncleared=tr(
            "trials.setting_on" if uncleared else "trials.setting_off"))  # fmt: skip
        if not table.row_count:
            note = tr("trials.cleared_none")
        elif late:
            note = tr("trials.overdue_count", n=late) + " " + note
        self.query_one("#cleared-note", Static).update(note)

    @on(DataTable.RowSelected, "#cleared-table")
    def _cleared_selected(self, event: DataTable.RowSelected) -> None:
        value = event.row_key.value or ""
        self.open_record(value.partition(":")[2])

    # -- actions -----------------------------------------------------------

    def action_open(self) -> None:
        if self._cleared_of is not None:
            table = self.query_one("#cleared-table", DataTable)
            if table.row_count:
                cell = table.coordinate_to_cell_key(table.cursor_coordinate)
                self.open_record((cell.row_key.value or "").partition(":")[2])
            return
        super().action_open()

    def action_search(self) -> None:
        self.query_one("#trials-search", Input).focus()

    def form(self, record: Trial | None) -> TrialFormScreen:
        from screens.trial_form import TrialFormScreen

        return TrialFormScreen(record)

    def show_saved(self) -> None:
        self._show()

    def deletable_now(self) -> bool:
        return self._cleared_of is None

    def delete_question(self, record: Trial) -> str:
        name = self.gv.repo.lecturer_names().get(record.lecturer_id, "?")
        return tr("trials.confirm_delete", lesson=record.lesson, name=name,
                  date=format_date(record.date))  # fmt: skip

    def action_minutes(self) -> None:
        chosen = self._highlighted()
        if chosen is None or self._cleared_of is not None:
            return
        from screens.trial_minutes import TrialMinutesScreen

        self.app.push_screen(TrialMinutesScreen(chosen))
