"""The dashboard: this month, sheets waiting for review, who was left out, what comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from giangvien.development import Data
from giangvien.i18n import tr
from giangvien.meetings import overdue_count
from giangvien.models import Briefing, Meeting, Observation, Trial
from giangvien.plan import State, year_plan
from giangvien.plan_text import owed
from giangvien.summary import (
    latest_briefing,
    month_observations,
    next_meeting,
    not_observed,
    waiting_for_review,
)
from giangvien.trials import retrials_due
from giangvien.vntext import format_date, format_time
from screens.base import SectionScreen
from store.sync import brought_in


def local_time(iso: str) -> str:
    """An instant as this laptop's clock shows it: dd/mm/yyyy hh:mm."""
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{format_date(moment.date())} {format_time(moment.time())}"


def current_day(app: App[object]) -> dt.date:
    """Today, from the one clock the screens share.

    ``app.today`` (a callable) wins when set, so a test can pin the calendar;
    otherwise the computer's date.
    """
    clock = getattr(app, "today", None)
    return clock() if callable(clock) else dt.date.today()


def _lines(rows: Sequence[Content], total: int, limit: int) -> list[Content]:
    shown = list(rows[:limit])
    if total > limit:
        shown.append(Content(tr("dashboard.more", count=total - limit)).stylize("dim"))
    return shown


class DashboardScreen(SectionScreen):
    SECTION = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "new_observation",
            "dashboard.key_new",
            id="dashboard-new",
            tooltip="dashboard.key_new_tip",
        ),
        Binding(
            "r",
            "reviews",
            "dashboard.key_reviews",
            id="dashboard-reviews",
            tooltip="dashboard.key_reviews_tip",
        ),
    ]

    # Rows per list, so that all six panels fit a 120x40 terminal unscrolled.
    SHORT = 8

    def compose_content(self) -> ComposeResult:
        with Grid(id="dashboard"):
            # Grid order: wide lists on the left, names and the meeting on the right.
            for name in ("month", "not-observed", "waiting", "overdue", "briefing", "meeting"):
                yield Static("", markup=False, id=f"dash-{name}", classes="dash-panel")
        yield Static("", markup=False, id="dash-laptops")

    def refresh_data(self) -> None:
        repo = self.gv.repo
        today = current_day(self.app)
        observations = repo.all(Observation)
        names = repo.lecturer_names()
        self._month(observations, names, today)
        self._waiting(observations, names, today)
        if not self._plan(today):
            self._not_observed(observations, today)
        meetings = repo.all(Meeting)
        self._meeting(meetings, today)
        self._overdue(meetings, repo.all(Trial), names, today)
        self._briefing(repo.all(Briefing), today)
        self._laptops()

    def _panel(self, name: str, title: str, lines: Sequence[Content]) -> None:
        panel = self.query_one(f"#dash-{name}", Static)
        panel.border_title = Content(title)
        panel.update(Content("\n").join(lines))
        # A sentence alone ("nothing waits") may wrap; list rows stay one line each.
        panel.set_class(len(lines) == 1, "-sentence")

    def _sheet_line(self, o: Observation, names: dict[str, str], tail: str = "") -> Content:
        name = names.get(o.lecturer_id, "?")
        parts: list[str | tuple[str, str] | Content] = [
            (format_date(o.date), "bold"),
            "  ",
            Content(name),
            " — ",
            Content(o.lesson),
        ]
        if tail:
            parts = [*parts[:2], (tail, "$warning"), "  ", *parts[2:]]
        return Content.assemble(*parts)

    def _month(
        self, observations: list[Observation], names: dict[str, str], today: dt.date
    ) -> None:
        found = month_observations(observations, today)
        title = tr("dashboard.panel_month", month=f"{today.month:02}/{today.year}")
        if not found:
            self._panel("month", title, [Content(tr("dashboard.month_none"))])
            return
        head = Content.styled(tr("dashboard.month_count", count=len(found)), "bold")
        rows = [self._sheet_line(o, names) for o in found]
        self._panel("month", title, [head, *_lines(rows, len(found), self.SHORT)])

    def _waiting(
        self, observations: list[Observation], names: dict[str, str], today: dt.date
    ) -> None:
        found = waiting_for_review(observations, today)
        title = tr("dashboard.panel_waiting")
        if not found:
            self._panel("waiting", title, [Content(tr("dashboard.waiting_none"))])
            return
        head = Content.styled(tr("dashboard.waiting_count", count=len(found)), "bold")
        rows = [
            self._sheet_line(w.observation, names, tr("dashboard.days", days=w.days)) for w in found
        ]
        self._panel("waiting", title, [head, *_lines(rows, len(found), self.SHORT)])

    def _not_observed(self, observations: list[Observation], today: dt.date) -> None:
        days = self.gv.repo.settings().not_observed_days
        lecturers = self.gv.repo.lecturers()
        found = not_observed(lecturers, observations, today, days)
        title = tr("dashboard.panel_not_observed", days=days)
        if not found:
            self._panel(
                "not-observed", title, [Content(tr("dashboard.not_observed_none", days=days))]
            )
            return
        head = Content.styled(tr("dashboard.not_observed_count", count=len(found)), "bold")
        rows = [
            Content.assemble(
                Content(n.lecturer.full_name),
                " — ",
                (
                    tr("dashboard.never") if n.days is None else tr("dashboard.days", days=n.days),
                    "$warning",
                ),
            )
            for n in found
        ]
        self._panel("not-observed", title, [head, *_lines(rows, len(found), self.SHORT)])

    def _plan(self, today: dt.date) -> bool:
        """The year's plan in the panel of who was left out, once the plan is made:
        who is overdue, then who still owes, with what. False when there is none."""
        plan = year_plan(Data.read(self.gv.repo, today), today.year)
        if not plan.made:
            return False
        head = Content.styled(tr("plan.dashboard_line", overdue=plan.count(State.OVERDUE),
                                 owed=plan.count(State.OWED), done=plan.count(State.DONE)),
                              "bold")  # fmt: skip
        waiting = [(r, r.state(plan.at)) for r in plan.rows]
        waiting = [(r, s) for r, s in waiting if s in (State.OVERDUE, State.OWED)]
        waiting.sort(key=lambda rs: rs[1] is not State.OVERDUE)  # stable: by name within
        rows = [
            Content.assemble(
                Content(r.lecturer.full_name),
                " — ",
                (owed(r, plan.at), "$error" if s is State.OVERDUE else "$warning"),
            )
            for r, s in waiting
        ]
        title = tr("plan.dashboard_title", year=plan.year)
        self._panel("not-observed", title, [head, *_lines(rows, len(rows), self.SHORT)])
        return True

    def _meeting(self, meetings: list[Meeting], today: dt.date) -> None:
        found = next_meeting(meetings, today)
        title = tr("dashboard.panel_meeting")
        if found is None:
            self._panel("meeting", title, [Content(tr("dashboard.meeting_none"))])
            return
        left = (found.date - today).days
        when = tr("dashboard.meeting_when", date=format_date(found.date))
        soon = (
            tr("dashboard.meeting_today")
            if left == 0
            else tr("dashboard.meeting_days_left", days=left)
        )
        lines = [Content.assemble((when, "bold"), " (", soon, ")")]
        if found.start_time is not None:
            lines.append(Content(tr("dashboard.meeting_time", time=format_time(found.start_time))))
        if found.place:
            lines.append(Content(tr("dashboard.meeting_place", place=found.place)))
        self._panel("meeting", title, lines)

    def _overdue(
        self, meetings: list[Meeting], trials: list[Trial], names: dict[str, str], today: dt.date
    ) -> None:
        updates = overdue_count(meetings, today)
        due = retrials_due(trials, today)
        style = "$warning" if updates else ""
        lines = [Content.styled(tr("dashboard.overdue_updates", count=updates), style)]
        late = [d for d in due if d.overdue]
        lines.append(
            Content.styled(tr("dashboard.retrials_due", count=len(due), late=len(late)), "bold")
        )
        rows = [
            Content.assemble(
                (format_date(d.date) if d.date else "—", "$warning" if d.overdue else "bold"),
                "  ",
                Content(names.get(d.lecturer_id, "?")),
                " — ",
                Content(d.lesson),
            )
            for d in due
        ]
        self._panel("overdue", tr("dashboard.panel_overdue"), [*lines, *_lines(rows, len(rows), 3)])

    def _briefing(self, briefings: list[Briefing], today: dt.date) -> None:
        found = latest_briefing(briefings, today)
        title = tr("dashboard.panel_briefing")
        if found is None:
            self._panel("briefing", title, [Content(tr("dashboard.briefing_none"))])
            return
        level = tr(f"enum.level_{found.level.value}")
        head = Content.styled(
            tr("dashboard.briefing_when", date=format_date(found.date), level=level), "bold"
        )
        talks = [
            Content.assemble("• ", Content(t.title), *self._presenter(t.presenter))
            for t in found.talks
        ] or [Content(tr("dashboard.briefing_no_talks"))]
        self._panel("briefing", title, [head, *_lines(talks, len(talks), self.SHORT - 1)])

    def _laptops(self) -> None:
        """When each other laptop's records last came in (shown once there is one)."""
        line = self.query_one("#dash-laptops", Static)
        came = brought_in(self.gv.repo)
        line.display = bool(came)
        if not came:
            return
        parts = []
        for laptop, entry in sorted(came.items(), key=lambda kv: kv[1].get("at", ""), reverse=True):
            who = entry.get("user") or tr("dashboard.laptop_id", id=laptop[:8])
            parts.append(tr("dashboard.laptop_when", who=who, when=local_time(entry.get("at", ""))))
        line.update(Content(tr("dashboard.laptops_title") + " " + " · ".join(parts)))

    @staticmethod
    def _presenter(name: str) -> tuple[str | Content, ...]:
        return (" — ", Content(name)) if name else ()

    # -- actions -----------------------------------------------------------

    def action_new_observation(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        from screens.observation_form import ObservationFormScreen

        self.app.push_screen(ObservationFormScreen())

    def action_reviews(self) -> None:
        self.app.switch_mode("reviews")
