"""One lecturer's development profile for a period."""

from __future__ import annotations

from dataclasses import dataclass

from giangvien.attendance import Absence, LecturerAttendance, per_lecturer
from giangvien.development.figures import (
    Data,
    HalfYear,
    ItemFigure,
    Point,
    Scored,
    Trend,
    average,
    band_counts,
    extremes,
    half_years,
    item_figures,
    lateness,
    meeting_attendance,
    open_items,
    points_of,
    trend_of,
    versions_of,
)
from giangvien.development.load import TeachingLoad, teaching_load
from giangvien.development.period import Period, quota_for
from giangvien.meetings import AgreedItem
from giangvien.models import Lecturer, Trial
from giangvien.trials import Awaiting, ClearedLesson, awaiting_retrial, cleared_lessons


@dataclass(frozen=True)
class Profile:
    lecturer: Lecturer
    period: Period
    received: list[Scored]  # oldest first
    given: list[Scored]
    quota: int | None  # sheets to give in the period; None when no quota is set
    bands: list[tuple[str, int]]
    average: float | None
    halves: list[HalfYear]
    trend: Trend
    slope: float | None
    items: list[ItemFigure]
    strongest: list[ItemFigure]
    weakest: list[ItemFigure]
    points: list[Point]
    trials: list[Trial]  # held in the period, oldest first
    cleared: list[ClearedLesson]  # up to the period's end
    awaiting: list[Awaiting]  # re-trials owed (overdue as of today)
    meetings: LecturerAttendance
    briefings: LecturerAttendance
    meetings_late: list[Absence]  # late arrivals, with the reason when one was given
    briefings_late: list[Absence]
    open_items: list[AgreedItem]  # overdue first
    versions: list[tuple[str, int]]
    load: TeachingLoad  # hours taught against the norm, beside the sheets received

    @property
    def shares(self) -> list[float]:
        """The share of each scored sheet received, oldest first: the chart's data."""
        return [s.share for s in self.received if s.share is not None]


def profile(data: Data, lecturer: Lecturer, period: Period) -> Profile:
    who = lecturer.id
    sheets = data.live_observations(period)
    received = [data.scored(o) for o in sheets if o.lecturer_id == who]
    given = [data.scored(o) for o in sheets if who in o.observer_ids]
    try:
        earlier = data.live_observations(period.previous())
    except (ValueError, OverflowError):  # a period starting in the year 1 has nothing before
        earlier = []
    before = [data.scored(o) for o in earlier if o.lecturer_id == who]
    halves = half_years(received)
    trend, found_slope = trend_of(halves)
    items = item_figures(data, received, before)
    strong, weak = extremes(items)
    until = [t for t in data.trials if t.date <= period.end]
    uncleared = data.settings.retrial_uncleared
    held = sorted(
        (
            t
            for t in data.trials
            if t.deleted_at is None and t.lecturer_id == who and t.date in period
        ),
        key=lambda t: (t.date, t.created_at, t.id),
    )
    return Profile(
        lecturer=lecturer,
        period=period,
        received=received,
        given=given,
        quota=quota_for(period, data.settings.observation_quota),
        bands=band_counts(data, received),
        average=average(s.share for s in received if s.share is not None),
        halves=halves,
        trend=trend,
        slope=found_slope,
        items=items,
        strongest=strong,
        weakest=weak,
        points=points_of(received),
        trials=held,
        cleared=cleared_lessons(until, who, uncleared_by_failure=uncleared),
        awaiting=awaiting_retrial(until, data.today, who, uncleared_by_failure=uncleared),
        meetings=meeting_attendance(data.meetings, period).get(who) or LecturerAttendance(who),
        briefings=per_lecturer(data.briefings, period.start, period.end).get(who)
        or LecturerAttendance(who),
        meetings_late=lateness(data.meetings, who, period),
        briefings_late=lateness(data.briefings, who, period),
        open_items=[i for i in open_items(data, period) if i.owner_id == who],
        versions=versions_of(received),
        load=teaching_load(data.classes, lecturer, period, data.settings.teaching_norms),
    )
