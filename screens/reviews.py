"""The review queue: sheets no leader has concluded yet, oldest first."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from giangvien.i18n import tr
from giangvien.models import Lecturer, Observation
from giangvien.summary import Waiting, waiting_for_review
from giangvien.vntext import format_date, format_decimal
from screens.base import SectionScreen
from screens.dashboard import current_day
from screens.localise import localise_bindings
from screens.review_modal import ReviewModal, score_text, signing_line

# Column catalogue keys and widths: two lines a row, so that all of a sheet's facts
# fit 120 columns; the highlighted sheet is shown in full under the table.
COLUMNS = (
    ("reviews.col_date", "reviews.col_waiting", 10),
    ("reviews.col_lecturer", "reviews.col_observers", 22),
    ("reviews.col_lesson", "", 34),
    ("reviews.col_score", "reviews.col_band", 16),
)


def clip(text: str, width: int) -> Text:
    """One line of a cell: literal text (never markup), cut with an ellipsis to ``width``."""
    line = Text(" ".join(text.split()))  # a multi-line title stays on its line
    line.truncate(width, overflow="ellipsis")
    return line


def two_lines(first: str, second: str, width: int, style: str = "dim") -> Text:
    below = clip(second, width)
    below.stylize(style)
    return Text("\n").join([clip(first, width), below])


def wrapped(text: str, width: int) -> Text:
    """Up to two lines of ``text``, the second cut with an ellipsis when it runs on."""
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return Text("\n").join(clip(line, width) for line in lines)


class ReviewTable(DataTable[Text]):
    """The queue; Enter opens the highlighted sheet (and says so in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "screen.open_review",
            "reviews.key_open",
            id="reviews-open",
            tooltip="reviews.key_open_tip",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="review-table", cursor_type="row", zebra_stripes=True, header_height=2)
        localise_bindings(self)


class ReviewsScreen(SectionScreen):
    SECTION = "reviews"
    PAGE = 200  # rows shown at most: a long backlog must not slow the screen down

    def compose_content(self) -> ComposeResult:
        yield Static(tr("reviews.title"), markup=False, classes="section-title")
        yield Static("", markup=False, id="reviews-count")
        yield Static("", markup=False, id="reviews-who")
        yield ReviewTable()
        yield Static("", markup=False, id="reviews-detail")
        yield Static("", markup=False, id="reviews-more", classes="muted")

    def on_mount(self) -> None:
        self.watch(self.gv, "user", self._user_changed, init=False)
        self.query_one(ReviewTable).focus()

    def _user_changed(self, _: Lecturer | None) -> None:
        self._show_who()

    def _show_who(self) -> None:
        user = self.gv.user
        can = user is not None and user.is_leader
        who = self.query_one("#reviews-who", Static)
        who.update(tr("reviews.can_sign") if can else signing_line(user))
        who.set_class(not can, "-refused")

    def refresh_data(self) -> None:
        repo = self.gv.repo
        waiting = waiting_for_review(repo.all(Observation), current_day(self.app))
        names = repo.lecturer_names()
        table = self.query_one(ReviewTable)
        kept = self._highlighted_id()
        table.clear(columns=True)
        for key, below, width in COLUMNS:
            label = two_lines(tr(key), tr(below) if below else "", width)
            table.add_column(label, width=width, key=key)
        for item in waiting[: self.PAGE]:
            table.add_row(*self._cells(item, names), key=item.observation.id, height=2)
        ids = [w.observation.id for w in waiting[: self.PAGE]]
        if kept in ids:
            table.move_cursor(row=ids.index(kept))
        count = len(waiting)
        self.query_one("#reviews-count", Static).update(
            tr("reviews.count", count=count) if count else tr("reviews.empty")
        )
        more = count - self.PAGE
        self.query_one("#reviews-more", Static).update(
            tr("reviews.more", shown=self.PAGE, more=more) if more > 0 else ""
        )
        table.display = count > 0
        self._show_who()
        self._show_detail()

    def _cells(self, waiting: Waiting, names: dict[str, str]) -> list[Text]:
        sheet = waiting.observation
        observers = ", ".join(names.get(i, "?") for i in sheet.observer_ids)
        (_, _, date_w), (_, _, who_w), (_, _, lesson_w), (_, _, score_w) = COLUMNS
        days = tr("reviews.waiting_days", days=waiting.days)
        return [
            two_lines(format_date(sheet.date), days, date_w, "bold"),
            two_lines(names.get(sheet.lecturer_id, "?"), observers, who_w),
            wrapped(sheet.lesson, lesson_w),
            self._score(sheet, score_w),
        ]

    def _score(self, sheet: Observation, width: int) -> Text:
        if sheet.scores is None:
            return clip(tr("reviews.comments_only"), width)
        rubric = self.gv.repo.rubric(sheet.rubric_id, sheet.rubric_version)
        if rubric is None:
            return clip(score_text(self.gv.repo, sheet), width)
        total = f"{format_decimal(rubric.total_of(sheet.scores))}/{format_decimal(rubric.total)}"
        return two_lines(total, rubric.band_of(sheet.scores).name, width, "bold")

    def _highlighted_id(self) -> str | None:
        table = self.query_one(ReviewTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _highlighted(self) -> Observation | None:
        found = self._highlighted_id()
        return self.gv.repo.get(Observation, found) if found else None

    def _show_detail(self) -> None:
        sheet = self._highlighted()
        detail = ""
        if sheet is not None:
            names = self.gv.repo.lecturer_names()
            observers = ", ".join(names.get(i, "?") for i in sheet.observer_ids)
            name = names.get(sheet.lecturer_id, "?")
            detail = f"{name} — {sheet.lesson}\n{tr('reviews.observers')}: {observers}"
        self.query_one("#reviews-detail", Static).update(detail)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_open_review()  # a mouse click on a row

    def action_open_review(self) -> None:
        sheet = self._highlighted()
        if sheet is not None and not sheet.deleted:
            self.app.push_screen(ReviewModal(sheet))
