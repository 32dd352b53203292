"""One lecturer's profile on one screen: six panels, each cut to the room it has.

A panel that cannot show everything ends with a line saying how many more
there are (the export shows them all), so nothing needs scrolling at 120x40.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from giangvien.attendance import Absence, LecturerAttendance
from giangvien.development import ItemFigure, Period, Profile
from giangvien.development.format import percent, points_change
from giangvien.development.load import TeachingLoad
from giangvien.development.review import Follow
from giangvien.i18n import tr
from giangvien.meetings import Kind, State
from giangvien.plan import State as PlanState
from giangvien.plan_text import carried_line, on_time_lines, plan_lines
from giangvien.vntext import format_date, format_decimal

BAR = 20  # characters of a full bar (100% of an item's maximum)


class Panel(Widget):
    """Lines of text in a bordered box; the last line says what did not fit."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="dev-panel")
        self.lines: list[Content] = []
        self.per = 1

    def show(self, title: str, lines: Sequence[Content], per: int = 1) -> None:
        """``per``: lines an entry takes; an entry is shown whole or not at all."""
        self.border_title = Content(title)
        self.lines = list(lines)
        self.per = per
        self.refresh()

    def render(self) -> RenderResult:
        room = self.content_size.height or len(self.lines)
        shown = self.lines
        if len(shown) > room:
            fit = (room - 1) // self.per * self.per
            hidden = (len(shown) - fit + self.per - 1) // self.per
            shown = [*shown[:fit], Content(tr("development.more", n=hidden)).stylize("dim")]
        return Content("\n").join(shown)


def _dim(text: str) -> Content:
    return Content(text).stylize("dim")


def _bold(text: str) -> Content:
    return Content(text).stylize("bold")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bar(share: float) -> Content:
    full = round(max(0.0, min(share, 1.0)) * BAR)
    return Content.assemble(("█" * full, "$accent"), ("░" * (BAR - full), "dim"))


def _change(item: ItemFigure) -> Content:
    change = item.change
    style = (
        "dim" if change is None or abs(change) < 0.0005 else "$success" if change > 0 else "$error"
    )
    return Content.styled(points_change(change), style)


class ProfileView(Horizontal):
    def compose(self) -> ComposeResult:
        with Vertical(classes="dev-col"):
            with Vertical(id="dev-obs", classes="dev-panel"):
                yield Static("", id="dev-obs-text")
                yield Sparkline([], id="dev-chart")
                yield Static("", id="dev-obs-notes")
            yield Panel(id="dev-items")
            yield Panel(id="dev-trials")
        with Vertical(classes="dev-col"):
            yield Panel(id="dev-points")
            yield Panel(id="dev-attendance")
            yield Panel(id="dev-tasks")

    def show(self, p: Profile, names: Mapping[str, str], today: dt.date, where: Follow) -> None:
        self._observations(p)
        self._items(p)
        self._trials(p, today)
        self._points(p, names)
        self._attendance(p)
        self._tasks(p, today, where)

    def _panel(self, name: str) -> Panel:
        return self.query_one(f"#dev-{name}", Panel)

    def _observations(self, p: Profile) -> None:
        box = self.query_one("#dev-obs", Vertical)
        box.border_title = Content(tr("development.panel_observations"))
        scored = len(p.shares)
        given = tr("development.given", n=len(p.given))
        if p.quota is not None:
            given = tr("development.given_quota", n=len(p.given), quota=p.quota)
        bands = " · ".join(f"{name} {n}" for name, n in p.bands)
        average = percent(p.average)
        if p.shares:
            # "(76,3–85%)": the lowest and the highest sheet of the period.
            average += f" ({percent(min(p.shares))[:-1]}–{percent(max(p.shares))})"
        lines = [
            Content(tr("development.received", n=len(p.received), scored=scored)),
            Content.styled(given, "$warning" if p.quota and len(p.given) < p.quota else ""),
            load_line(p.load),
            Content(tr("development.bands", bands=bands) if bands else tr("development.no_scores")),
            Content.assemble(tr("development.average") + " ", (average, "bold")),
        ]
        self.query_one("#dev-obs-text", Static).update(Content("\n").join(lines))
        self.query_one("#dev-chart", Sparkline).data = p.shares
        trend = tr(f"development.trend_{p.trend.value}")
        if p.slope is not None:
            trend += tr("development.trend_slope", points=points_change(p.slope))
        notes = [
            Content.assemble(tr("development.trend") + " ", (trend, "bold")),
            _dim(tr("development.trend_rule")),
            _dim(tr("development.share_rule")),
        ]
        if len(p.versions) > 1:
            listed = ", ".join(f"{r} v{v}" for r, v in p.versions)
            notes.append(Content.styled(tr("development.versions", versions=listed), "$warning"))
        self.query_one("#dev-obs-notes", Static).update(Content("\n").join(notes))

    def _items(self, p: Profile) -> None:
        before = p.period.previous()
        title = tr("development.panel_items")
        # The comparison goes under the panel: a period typed by hand is too long for the title.
        self._panel("items").border_subtitle = Content(
            tr("development.compared_with", before=period_short(before))
        )
        if not p.items:
            self._panel("items").show(title, [Content(tr("development.no_scores"))])
            return
        lines = [
            Content.assemble(
                (f"{item.code:<5}", "bold"),
                _bar(item.average),
                f" {percent(item.average):>6} ",
                _change(item),
            )
            for item in p.items
        ]

        def named(items: list[ItemFigure]) -> str:
            return " · ".join(f"{i.code} {percent(i.average)}" for i in items)

        lines.append(Content(tr("development.strongest", items=named(p.strongest))))
        lines.append(Content(tr("development.weakest", items=named(p.weakest))))
        self._panel("items").show(title, lines)

    def _trials(self, p: Profile, today: dt.date) -> None:
        lines = [_bold(tr("development.trials_held", n=len(p.trials)))]
        for t in p.trials:
            verdict = t.verdict.value if t.verdict else "none"
            key = f"development.verdict_{verdict}"
            lines.append(
                Content.assemble(f"{format_date(t.date)} ", Content(t.lesson), f" — {tr(key)}")
            )
        lines.append(_bold(tr("development.awaiting", n=len(p.awaiting))))
        for a in p.awaiting:
            when = format_date(a.date) if a.date else tr("development.no_date")
            style = "$error" if a.overdue else ""
            lines.append(Content.assemble((when, style), " ", Content(a.lesson)))
        lines.append(_bold(tr("development.cleared", n=len(p.cleared))))
        lines += [Content.assemble("• ", Content(c.lesson)) for c in reversed(p.cleared)]
        self._panel("trials").show(tr("development.panel_trials"), lines)

    def _points(self, p: Profile, names: Mapping[str, str]) -> None:
        kinds = {"limitation": "development.limitation", "suggestion": "development.suggestion"}
        lines: list[Content] = []
        for pt in p.points:
            # Two lines a point: who and when, then what they wrote (cut to the panel).
            lines.append(
                Content.assemble(
                    (format_date(pt.date), "bold"),
                    " ",
                    (tr(kinds[pt.kind]), "$warning" if pt.kind == "limitation" else "$accent"),
                    " · ",
                    Content(", ".join(names.get(i, "?") for i in pt.observer_ids)),
                )
            )
            lines.append(Content.assemble("  ", Content(_one_line(pt.text))))
        shown = lines or [Content(tr("development.no_points"))]
        self._panel("points").show(tr("development.panel_points"), shown, per=2)

    def _attendance(self, p: Profile) -> None:
        lines: list[Content] = []
        for key, tally, late in (
            ("development.meetings", p.meetings, p.meetings_late),
            ("development.briefings", p.briefings, p.briefings_late),
        ):
            lines.append(_bold(tr(key)))
            lines.append(Content("  " + attendance_line(tally)))
            lines += _events(late, "development.late") + _events(
                tally.absences, "development.absent"
            )
        self._panel("attendance").show(tr("development.panel_attendance"), lines)

    def _tasks(self, p: Profile, today: dt.date, where: Follow) -> None:
        # Where the lecturer stands first (the plan, on time, suggestions), then what waits.
        at = min(p.period.end, today)
        head: list[Content] = []
        if where.plan is not None:
            state, detail = plan_lines(where.plan, at)
            style = {PlanState.OVERDUE: "$error", PlanState.OWED: "$warning"}
            head += [Content.styled(state, style.get(where.plan.state(at), "bold")),
                     _dim("  " + detail)]  # fmt: skip
        said, rest = on_time_lines(where.on_time)
        head += [Content(said), *([_dim("  " + rest)] if rest else [])]
        head.append(Content(carried_line(where.carried)))
        lines = []
        for item in p.open_items:
            overdue = item.state(today) is State.OVERDUE
            due = format_date(item.due) if item.due else tr("development.no_due")
            what = f"{item.lesson}: {item.what}" if item.kind is Kind.UPDATE else item.what
            kind = tr(f"development.kind_{item.kind.value}")
            lines.append(
                Content.assemble(
                    (due, "$error bold" if overdue else "bold"),
                    f" {kind}: ",
                    Content(_one_line(what)),
                )
            )
        shown = [*head, *(lines or [Content(tr("development.no_tasks"))])]
        self._panel("tasks").show(tr("development.panel_tasks", n=len(lines)), shown)


def _events(found: Sequence[Absence], key: str) -> list[Content]:
    lines = []
    for a in found:
        reason = _one_line(a.reason)
        tail = (": ", Content(reason)) if reason else ()
        lines.append(Content.assemble(f"  {format_date(a.date)} ", (tr(key), "$warning"), *tail))
    return lines


def load_line(load: TeachingLoad) -> Content:
    """ "Hours taught: 96/90 of the norm (106,7%)": below the norm in warning."""
    hours = format_decimal(load.hours)
    if load.expected is None:
        return Content(tr("development.load_no_norm", hours=hours))
    said = tr("development.load", hours=hours, norm=format_decimal(load.expected),
              share=percent(load.share))  # fmt: skip
    short = load.share is not None and load.share < 1
    return Content.styled(said, "$warning" if short else "")


def attendance_line(tally: LecturerAttendance) -> str:
    """ "9/11 (81,8%) · late 1 · absent 2", or a word that nothing was held."""
    if not tally.held:
        return tr("development.none_held")
    return tr(
        "development.attendance",
        attended=tally.attended,
        held=tally.held,
        rate=percent(tally.rate),
        late=tally.late,
        absent=tally.absent,
    )


def period_short(period: Period) -> str:
    """The period as the screen names it: "2025" or "01/03/2025–30/06/2025"."""
    if period.calendar_year is not None:
        return str(period.calendar_year)
    return f"{format_date(period.start)}–{format_date(period.end)}"
