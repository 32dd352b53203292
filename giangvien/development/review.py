"""The Center's year in review: what a year-end report says, drawn from the records.

``center`` is the table the Development screen shows; a review adds what a
year-end report of a Center writes around it: the lessons cleared by trial
lectures, the content agreed at meetings and the lessons it went into, the
briefing sessions by level, the plan of observations, what was done on time,
the suggestions carried through, what recurs across the sheets, and the
period before for comparison. It reads the previous period and the plan too,
so it is made only when a report is written, never for the screen.

Every figure counts at one reference date, ``at`` (``figures.as_of``: the
period's end, or today while it runs), as the Center's totals do.

Not re-exported by ``giangvien.development``: ``giangvien.plan`` imports that
package's figures, and this module imports the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from giangvien.attendance import per_lecturer
from giangvien.development.center import Center, center
from giangvien.development.figures import Data, ItemFigure, as_of, item_figures, open_items
from giangvien.development.period import Period
from giangvien.development.recurring import (
    Recurring,
    WeakItem,
    recurring_limitations,
    weak_items,
)
from giangvien.follow_up import Carried, carried, suggestions_of
from giangvien.meetings import AgreedItem, Kind, agreed_items
from giangvien.models import Briefing, Lecturer, Level
from giangvien.on_time import OnTime, items_of, of_year, tally
from giangvien.plan import PlanRow, YearPlan, lecturer_row, year_plan
from giangvien.trials import (
    Awaiting,
    ClearedLesson,
    awaiting_retrial,
    cleared_lessons,
)
from giangvien.vntext import collation_key

Quarters = tuple[OnTime, OnTime, OnTime, OnTime]


@dataclass(frozen=True)
class LevelFigure:
    """The briefing sessions of one level in a period, and the lecturers' attendance."""

    level: Level
    sessions: int
    attended: int  # lecturer rows present or late
    expected: int  # lecturer rows on the registers

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True)
class Follow:
    """One lecturer's follow-through in a period: suggestions, deadlines, the plan."""

    lecturer: Lecturer
    carried: Carried  # suggestions received in the period, and what became of them
    on_time: OnTime  # items due in the period
    quarters: Quarters | None  # the same by quarter, for a calendar year
    plan: PlanRow | None  # the year's plan row, for a calendar year with one


@dataclass(frozen=True)
class Review:
    center: Center
    at: dt.date  # the reference date of every figure
    previous: Center | None  # the period before, for comparison (None before the year 1)
    levels: list[LevelFigure]  # by level, central first; levels with no session left out
    previous_levels: list[LevelFigure]
    items: list[ItemFigure]  # every criterion over the period's scored sheets
    weak: list[WeakItem]  # the criteria weak on the most sheets
    recurring: list[Recurring]  # limitations written about several lecturers
    cleared: list[ClearedLesson]  # lessons cleared by a trial held in the period
    awaiting: list[Awaiting]  # re-trials owed at ``at``
    updates: list[AgreedItem]  # content updates agreed in the period, as at ``at``, by lesson
    open_items: list[AgreedItem]  # updates and tasks not done at ``at``, overdue first
    plan: YearPlan | None  # the plan of a calendar year
    follows: list[Follow]  # one per row of ``center``, in its order
    next_plan: int | None  # plan entries already made for the next year (calendar years)
    people: dict[str, Lecturer]  # every lecturer of the file by id, archived ones too

    @property
    def period(self) -> Period:
        return self.center.period

    @property
    def carried(self) -> Carried:
        found = [f.carried for f in self.follows]
        return Carried(
            sum(c.total for c in found), sum(c.done for c in found), sum(c.on_time for c in found)
        )

    @property
    def on_time(self) -> OnTime:
        return sum((f.on_time for f in self.follows), OnTime())

    @property
    def quarters(self) -> Quarters | None:
        found = [f.quarters for f in self.follows if f.quarters is not None]
        if self.period.calendar_year is None:
            return None
        q1, q2, q3, q4 = (sum((q[i] for q in found), OnTime()) for i in range(4))
        return (q1, q2, q3, q4)


def levels_of(briefings: Iterable[Briefing], period: Period) -> list[LevelFigure]:
    """The period's briefing sessions by level, in the order of ``Level``."""
    found = []
    held = [b for b in briefings if b.deleted_at is None and b.date in period]
    for level in Level:
        mine = [b for b in held if b.level is level]
        if not mine:
            continue
        rows = per_lecturer(mine, period.start, period.end).values()
        found.append(
            LevelFigure(level, len(mine), sum(r.attended for r in rows), sum(r.held for r in rows))
        )
    return found


def follow(
    data: Data, lecturer: Lecturer, period: Period, plan: YearPlan | PlanRow | None
) -> Follow:
    """``lecturer``'s follow-through in ``period``; ``plan`` is the year's plan (or the
    lecturer's row of it) when the period is a calendar year."""
    at = as_of(data, period)
    days = data.settings.suggestion_days
    found = carried(suggestions_of(data.observations, lecturer.id, days), period.start, at)
    year = period.calendar_year
    if year is None:
        return Follow(lecturer, found, tally(items_of(data, lecturer.id), period, at), None, None)
    by_quarter = of_year(data, lecturer.id, year, at)
    row = plan.row(lecturer.id) if isinstance(plan, YearPlan) else plan
    return Follow(lecturer, found, by_quarter.total, by_quarter.quarters, row)


def plan_of(data: Data, period: Period) -> YearPlan | None:
    """The year's plan when ``period`` is a calendar year (a plan is made by the year)."""
    year = period.calendar_year
    return year_plan(data, year) if year is not None else None


def _updates(data: Data, period: Period, at: dt.date) -> list[AgreedItem]:
    # Done after the reference date is not done yet (figures.open_items does the same).
    found = [
        replace(i, done_on=None) if i.done_on and i.done_on > at else i
        for i in agreed_items(data.meetings, at)
        if i.kind is Kind.UPDATE and i.meeting_date in period
    ]
    # By lesson in alphabet order, then as agreed: the report lists what went into each.
    return sorted(found, key=lambda i: (collation_key(i.lesson), i.meeting_date, i.item_id))


def _previous(data: Data, period: Period) -> tuple[Center | None, list[LevelFigure]]:
    try:
        before = period.previous()
    except (ValueError, OverflowError):  # a period starting in the year 1 has nothing before
        return None, []
    return center(data, before), levels_of(data.briefings, before)


def review(data: Data, period: Period) -> Review:
    """Everything the Center's report for ``period`` says, as the records stand at ``as_of``."""
    at = as_of(data, period)
    found = center(data, period)
    previous, previous_levels = _previous(data, period)
    sheets = [data.scored(o) for o in data.live_observations(period)]
    before = [data.scored(o) for o in data.live_observations(previous.period)] if previous else []
    uncleared = data.settings.retrial_uncleared
    until = [t for t in data.trials if t.date <= period.end]
    plan = plan_of(data, period)
    year = period.calendar_year
    return Review(
        center=found,
        at=at,
        previous=previous,
        levels=levels_of(data.briefings, period),
        previous_levels=previous_levels,
        items=item_figures(data, sheets, before),
        weak=weak_items(data, sheets, before),
        recurring=recurring_limitations(s.observation for s in sheets),
        cleared=[
            c
            for c in cleared_lessons(until, uncleared_by_failure=uncleared)
            if c.cleared_on in period
        ],
        awaiting=awaiting_retrial(until, at, uncleared_by_failure=uncleared),
        updates=_updates(data, period, at),
        open_items=open_items(data, period),
        plan=plan,
        follows=[follow(data, r.lecturer, period, plan) for r in found.rows],
        next_plan=None
        if year is None
        else sum(p.deleted_at is None and p.year == year + 1 for p in data.plans),
        people={lec.id: lec for lec in data.lecturers},
    )


def lecturer_follow(data: Data, lecturer: Lecturer, period: Period) -> Follow:
    """One lecturer's follow-through, for their profile."""
    year = period.calendar_year
    return follow(
        data, lecturer, period, None if year is None else lecturer_row(data, lecturer, year)
    )


__all__ = [
    "Follow",
    "LevelFigure",
    "Review",
    "follow",
    "lecturer_follow",
    "levels_of",
    "plan_of",
    "review",
]
