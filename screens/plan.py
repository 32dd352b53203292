"""Plan: the year's observation plan as a table — owed, done, overdue for each lecturer.

``l`` makes the plan from the defaults of each position (Settings) for the
lecturers it does not hold yet; Enter (or ``e``) on a lecturer edits their
numbers; ``[`` and ``]`` go to the year before and after. Every number is
done/planned as of the year's reference date (its end, or today).
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from giangvien.development import Data
from giangvien.i18n import tr
from giangvien.plan import PARTS, PlanRow, State, Tally, YearPlan, from_defaults, year_plan
from giangvien.plan_text import short_visits
from giangvien.vntext import format_date
from screens.base import SectionScreen, area_keys

# Column key -> width; with the name first they fit beside the menu at 80 columns.
COLUMNS = {"col_name": 22, "col_observed": 8, "col_observing": 8, "col_trials": 9,
           "col_visits": 9, "col_state": 16}  # fmt: skip
STYLE = {State.OVERDUE: "bold red", State.OWED: "yellow", State.DONE: "green"}

key = area_keys("plan")


def _count(t: Tally) -> Text:
    shown = "—" if not t.planned and not t.done else f"{t.done}/{t.planned}"
    return Text(shown, style=STYLE[State.OVERDUE] if t.overdue else "")


class PlanScreen(SectionScreen):
    SECTION = "plan"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("l", "make", "make"),
        key("e", "edit", "edit"),
        key("left_square_bracket", "year(-1)", "previous", key_display="["),
        key("right_square_bracket", "year(1)", "next", key_display="]"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = self.gv.today().year
        self.plan: YearPlan | None = None

    def compose_content(self) -> ComposeResult:
        yield Static("", markup=False, classes="section-title", id="plan-title")
        yield Static("", markup=False, id="plan-note")
        yield DataTable(cursor_type="cell", zebra_stripes=True, id="plan-table")
        yield Static("", markup=False, id="plan-summary")

    def on_mount(self) -> None:
        table = self.query_one("#plan-table", DataTable)
        for column, width in COLUMNS.items():
            table.add_column(tr(f"plan.{column}"), width=width, key=column)
        table.focus()

    def refresh_data(self) -> None:
        data = Data.read(self.gv.repo, self.gv.today())
        self.plan = plan = year_plan(data, self.year, everyone=True)
        title = tr("plan.title", year=plan.year, date=format_date(plan.at))
        self.query_one("#plan-title", Static).update(title)
        note = "" if plan.made else tr("plan.not_made_tui", year=plan.year)
        if plan.by_quarter:
            note = " ".join(x for x in (note, tr("plan.by_quarter_note")) if x)
        shown = self.query_one("#plan-note", Static)
        shown.update(note)
        shown.display = bool(note)
        self._fill(plan)
        counts = {s: plan.count(s) for s in (State.OVERDUE, State.OWED, State.DONE)}
        summary = tr("plan.summary", overdue=counts[State.OVERDUE], owed=counts[State.OWED],
                     done=counts[State.DONE])  # fmt: skip
        self.query_one("#plan-summary", Static).update(summary if plan.rows else "")

    def _fill(self, plan: YearPlan) -> None:
        table = self.query_one("#plan-table", DataTable)
        keep, column = self._lecturer(), table.cursor_column
        table.clear()
        for row in plan.rows:
            state = row.state(plan.at)
            late = State.OVERDUE in [f.state(plan.at) for f in row.follow_ups]
            # Done/planned only, red when overdue: the state column says it in words,
            # and "(quá hạn 1)" would not fit beside the menu.
            cells = [Text(row.lecturer.full_name)]
            cells += [_count(getattr(row, name)) for name in PARTS]
            visits = short_visits(row, plan.at)
            cells.append(Text(visits, style=STYLE[State.OVERDUE] if late else ""))
            cells.append(Text(tr(f"plan.state_{state.value}"), style=STYLE.get(state, "")))
            table.add_row(*cells, key=row.lecturer.id)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(keep), column=column)

    def _lecturer(self) -> str | None:
        table = self.query_one("#plan-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _row(self) -> PlanRow | None:
        chosen = self._lecturer()
        return self.plan.row(chosen) if self.plan is not None and chosen else None

    # -- actions -----------------------------------------------------------------

    def action_year(self, step: int) -> None:
        if 2000 <= self.year + step <= 2100:
            self.year += step
            self.refresh_data()

    def action_make(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        repo, year, today = self.gv.repo, self.year, self.gv.today()

        def make() -> int:
            made = from_defaults(Data.read(repo, today), year)
            repo.save_many(made)
            return len(made)

        def done(n: int) -> None:
            said = tr("plan.made", n=n, year=year) if n else tr("plan.made_none", year=year)
            self.notify(said, markup=False)

        self.gv.write(make, done)

    def action_edit(self) -> None:
        row = self._row()
        if row is None or self.gv.refuse_if_read_only():
            return
        from screens.plan_modal import PlanModal

        column = self.query_one("#plan-table", DataTable).cursor_column
        first = PARTS[column - 1] if 1 <= column <= len(PARTS) else PARTS[0]
        self.app.push_screen(PlanModal(self.year, row, first))

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_edit()
