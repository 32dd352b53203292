"""Development: one lecturer's profile for a period, the Center view, and their export.

The period is a calendar year by default (the year chosen), or any from/to
typed in the two date fields; [ and ] step to the period of the same length
before or after. Every figure comes from ``giangvien.development``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Input, Label, Select

from giangvien.development import Data, Period, center, profile
from giangvien.development.review import lecturer_follow
from giangvien.i18n import tr
from giangvien.models import Lecturer
from screens.base import SectionScreen, area_keys
from screens.dashboard import current_day
from screens.export_modal import ExportSentences
from screens.profile_view import ProfileView, period_short
from screens.widgets.date_field import DateInput
from screens.widgets.lecturer_picker import LecturerPicker

SAID = ExportSentences(
    "development.confirm_overwrite", "development.exported", "development.export_failed"
)

if TYPE_CHECKING:  # imported when first shown: its table is not needed for a profile
    from screens.center_view import CenterView

PROFILE, CENTER = "dev-profile", "dev-center"


key = area_keys("development")


def _compact(widget: DateInput) -> DateInput:
    widget.compact = True
    return widget


class DevelopmentScreen(SectionScreen):
    SECTION = "development"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("l", "pick_lecturer", "lecturer"),
        key("y", "pick_year", "year"),
        key("d", "pick_dates", "dates"),
        key("left_square_bracket", "step(-1)", "previous", key_display="["),
        key("right_square_bracket", "step(1)", "next", key_display="]"),
        key("c", "show_center", "center"),
        key("c", "show_profile", "profile"),
        key("s", "sort_next", "sort"),
        key("r", "sort_reverse", "reverse"),
        key("m", "export('md')", "export_md"),
        key("h", "export('html')", "export_html"),
        key("w", "export('docx')", "export_docx"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # [ and ] share one place in the footer, so that every key of the screen fits
        # at 120 columns (the footer's compact form would restyle every key: slower).
        period = Binding.Group(tr("development.key_period"))
        table = self._bindings.key_to_bindings
        for name in ("left_square_bracket", "right_square_bracket"):
            table[name] = [replace(b, group=period) for b in table[name]]
        self.data: Data | None = None
        self.period = Period.year(dt.date.today().year)
        self.lecturer_id: str | None = None
        self._people: list[tuple[str, str]] = []  # (name, id), as the picker lists them
        self._years: list[int] = []  # newest first, as the year list shows them
        self._stale = False
        self._read_at = -1  # the data_version the data was read at

    def compose_content(self) -> ComposeResult:
        # The data is read before the controls are built, so that they are made
        # with their choices: filling them after mounting would lay them out twice.
        people = self._read()
        picker = LecturerPicker(
            people, self.lecturer_id, prompt=tr("development.pick_lecturer"), id="dev-lecturer"
        )
        picker.compact = True
        year = self.period.calendar_year
        with Horizontal(id="dev-controls"):
            yield picker
            yield Select[int](
                [(str(y), y) for y in self._years],
                prompt=tr("development.pick_year"),
                value=year if year in self._years else Select.NULL,
                id="dev-year",
                compact=True,
            )
            yield Label(tr("development.from"), classes="dev-label")
            yield _compact(DateInput(self.period.start, optional=True, id="dev-from"))
            yield Label(tr("development.to"), classes="dev-label")
            yield _compact(DateInput(self.period.end, optional=True, id="dev-to"))
        # The Center view is mounted when first asked for: its table is not needed
        # to show a profile, and building it would slow the first key press.
        with ContentSwitcher(initial=PROFILE, id="dev-switcher"):
            yield ProfileView(id=PROFILE)

    def on_mount(self) -> None:
        # Textual calls SectionScreen.on_mount after this one (it shows the data):
        # calling it here too would do everything twice.
        self.query_one("#dev-lecturer", LecturerPicker).focus()

    # -- data --------------------------------------------------------------------

    def _read(self) -> list[Lecturer]:
        """Read the records; keep the lecturer and period chosen while they still exist.

        Returns the lecturers in the picker's order.
        """
        today = current_day(self.app)
        if self.data is None:  # the first time: this year, and the user's own profile
            self.period = Period.year(today.year)
            self.lecturer_id = self.gv.user.id if self.gv.user is not None else None
        self.data = data = Data.read(self.gv.repo, today)
        self._read_at = self.gv.data_version
        people = sorted(data.lecturers, key=lambda lec: lec.sort_key)
        if self.lecturer_id not in {lec.id for lec in people}:
            self.lecturer_id = people[0].id if people else None
        self._people = [(lec.full_name, lec.id) for lec in people]
        days = [r.date for rs in (data.observations, data.trials, data.meetings,
                                  data.briefings) for r in rs]  # fmt: skip
        first = min([today.year, self.period.start.year, *(d.year for d in days)])
        last = max([today.year, self.period.end.year, *(d.year for d in days)])
        self._years = list(range(last, first - 1, -1))
        return people

    def refresh_data(self) -> None:
        if not self.is_current:
            self._stale = True  # read again when the screen comes back
            return
        # The data was read in compose: read again only after a write, or a new day.
        today = current_day(self.app)
        if self._read_at != self.gv.data_version or self.data is None or self.data.today != today:
            self._update_controls()
        self._stale = False
        self._show()

    def on_screen_resume(self) -> None:
        if self._stale:
            self.refresh_data()  # a write happened while away: data_version moved on

    def _update_controls(self) -> None:
        """Read again, and give the pickers new choices only when they changed."""
        people, years = self._people, self._years
        self._read()
        picker = self.query_one("#dev-lecturer", LecturerPicker)
        with picker.prevent(Select.Changed):
            if people != self._people:
                picker.set_options([(Text(name), key) for name, key in self._people])
            if self.lecturer_id is not None:
                picker.value = self.lecturer_id
        if years != self._years:
            select = self.query_one("#dev-year", Select)
            with select.prevent(Select.Changed):
                select.set_options([(str(y), y) for y in self._years])
        self._show_period()

    def _show_period(self) -> None:
        """The year and the two dates as the period is now (without firing their events)."""
        self._show_year()
        for name, day in (("from", self.period.start), ("to", self.period.end)):
            field = self.query_one(f"#dev-{name}", DateInput)
            with field.prevent(Input.Changed):
                field.value = f"{day:%d/%m/%Y}"

    def _show_year(self) -> None:
        years = self.query_one("#dev-year", Select)
        year = self.period.calendar_year
        with years.prevent(Select.Changed):
            years.value = year if year in self._years else Select.NULL

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == CENTER:
            self._center_view().show(center(data, self.period))
            return
        view = self.query_one(ProfileView)
        lecturer = next((lec for lec in data.lecturers if lec.id == self.lecturer_id), None)
        if lecturer is None:
            self.notify(tr("development.no_lecturers"), severity="warning")
            return
        view.show(profile(data, lecturer, self.period), self.gv.repo.lecturer_names(), data.today,
                  lecturer_follow(data, lecturer, self.period))  # fmt: skip

    def _set_period(self, period: Period) -> None:
        self.period = period
        self._show_period()
        self._show()

    # -- the controls ---------------------------------------------------------------

    @on(Select.Changed, "#dev-lecturer")
    def _lecturer_chosen(self, event: Select.Changed) -> None:
        # Also posted once when the picker is first shown with its value: nothing changed.
        if isinstance(event.value, str) and event.value != self.lecturer_id:
            self.lecturer_id = event.value
            self._show()

    @on(Select.Changed, "#dev-year")
    def _year_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and Period.year(event.value) != self.period:
            self._set_period(Period.year(event.value))

    @on(Input.Changed, "#dev-controls DateInput")
    def _dates_typed(self) -> None:
        start = self.query_one("#dev-from", DateInput).date
        end = self.query_one("#dev-to", DateInput).date
        if start is not None and end is not None and start <= end:
            if Period(start, end) == self.period:
                return  # the dates as they were shown (or retyped the same)
            self.period = Period(start, end)
            self._show_year()
            self._show()

    @on(Input.Submitted, "#dev-controls DateInput")
    def _dates_entered(self, event: Input.Submitted) -> None:
        field = event.input
        assert isinstance(field, DateInput)
        if field.error():
            self.notify(field.error(), severity="error", markup=False)
        elif field.id == "dev-from":
            # The end date is typed next: a period backwards for a moment is no error yet.
            self.query_one("#dev-to", DateInput).focus()
        else:
            start = self.query_one("#dev-from", DateInput).date
            end = self.query_one("#dev-to", DateInput).date
            if start is not None and end is not None and end < start:
                self.notify(tr("development.period_backwards"), severity="error")

    def _center_view(self) -> CenterView:
        return cast("CenterView", self.query_one(f"#{CENTER}"))

    def on_center_view_open(self, event: CenterView.Open) -> None:
        """A line of the Center view was chosen: that lecturer's profile."""
        self.lecturer_id = event.lecturer_id
        picker = self.query_one("#dev-lecturer", LecturerPicker)
        with picker.prevent(Select.Changed):
            picker.value = event.lecturer_id
        self.action_show_profile()

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One key, c, goes back and forth; the footer names where it leads.
        in_center = self.query_one(ContentSwitcher).current == CENTER
        if action in ("sort_next", "sort_reverse", "show_profile"):
            return in_center
        # In the Center view a lecturer is chosen with Enter on their line.
        if action in ("show_center", "pick_lecturer"):
            return not in_center
        return True

    def action_pick_lecturer(self) -> None:
        picker = self.query_one("#dev-lecturer", LecturerPicker)
        picker.focus()
        picker.expanded = True

    def action_pick_year(self) -> None:
        years = self.query_one("#dev-year", Select)
        years.focus()
        years.expanded = True

    def action_pick_dates(self) -> None:
        self.query_one("#dev-from", DateInput).focus()

    def action_step(self, direction: int) -> None:
        try:
            moved = self.period.following() if direction > 0 else self.period.previous()
        except (ValueError, OverflowError):
            return  # the calendar ends here
        self._set_period(moved)

    async def action_show_center(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#{CENTER}"):
            from screens.center_view import CenterView

            await switcher.mount(CenterView(id=CENTER))
        switcher.current = CENTER
        self._show()
        self.query_one("#dev-center-table").focus()
        self.refresh_bindings()

    def action_show_profile(self) -> None:
        self.query_one(ContentSwitcher).current = PROFILE
        self._show()
        self.query_one("#dev-lecturer").focus()
        self.refresh_bindings()

    def action_sort_next(self) -> None:
        self._center_view().sort_next()

    def action_sort_reverse(self) -> None:
        self._center_view().reverse()

    # -- export -------------------------------------------------------------------

    def action_export(self, kind: str) -> None:
        from giangvien.documents import report
        from screens.export_modal import ExportModal, save_export

        data, period = self.data, self.period
        if data is None:
            return
        if self.query_one(ContentSwitcher).current == CENTER:
            name = report.center_filename(period, kind)
            make = partial(_center_document, data, period, kind)
        else:
            lecturer = next((lec for lec in data.lecturers if lec.id == self.lecturer_id), None)
            if lecturer is None:
                self.notify(tr("development.no_lecturers"), severity="warning")
                return
            name = report.profile_filename(profile(data, lecturer, period), kind)
            names = {lec.id: lec for lec in self._everyone()}
            make = partial(_profile_document, data, lecturer, period, names, kind)

        def chosen(path: Path | None) -> None:
            # Made in the writing thread: a ten-year Center's report takes a second or two.
            save_export(self, path, make, SAID)

        heading = tr(f"development.export_{kind}_title", period=period_short(period))
        self.app.push_screen(ExportModal(heading, f"~/{name}"), chosen)

    def _everyone(self) -> list[Lecturer]:
        return self.gv.repo.all(Lecturer, include_deleted=True)


def _center_document(data: Data, period: Period, kind: str) -> str | bytes:
    from giangvien.development.review import review
    from giangvien.documents import report
    from giangvien.documents.export import rendered

    found = review(data, period)
    text = report.center_report(found, data.settings, data.today)
    return rendered(text, report.center_title(found.center), kind)


def _profile_document(
    data: Data, lecturer: Lecturer, period: Period, names: dict[str, Lecturer], kind: str
) -> str | bytes:
    from giangvien.documents import report
    from giangvien.documents.export import rendered

    mine = profile(data, lecturer, period)
    follow = lecturer_follow(data, lecturer, period)
    text = report.profile_report(mine, data.settings, names, data.today, follow=follow)
    return rendered(text, report.profile_title(mine), kind)
