"""Figures shared by a lecturer's profile and the Center view: scores, bands, trend, items."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import Final, Protocol, TypeVar, cast

from giangvien.attendance import Absence, LecturerAttendance, per_lecturer, register, sessions_in
from giangvien.development.period import Period
from giangvien.meetings import AgreedItem, agreed_items, agreed_items_sorted
from giangvien.models import (
    Briefing,
    Conference,
    Lecturer,
    Meeting,
    Observation,
    PlanEntry,
    Presence,
    Record,
    Settings,
    TrainingClass,
    Trial,
)
from giangvien.rubric import Rubric

RubricOf = Callable[[str, int], Rubric | None]
R = TypeVar("R", bound=Record)

TREND_THRESHOLD: Final = 0.02  # share of the maximum per half-year (2 percentage points)


class Trend(StrEnum):
    BETTER = "better"
    STEADY = "steady"
    WORSE = "worse"
    UNKNOWN = "unknown"  # fewer than two half-years with a scored sheet


# -- one sheet --------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    """A sheet with its figures; ``share`` is None for comments-only (or unknown rubric)."""

    observation: Observation
    rubric: Rubric | None
    total: float | None
    share: float | None
    band: str | None
    band_rank: int
    items: dict[str, float]  # item code -> score over the item's maximum


def score(observation: Observation, rubric_of: RubricOf) -> Scored:
    scores = observation.scores
    rubric = rubric_of(observation.rubric_id, observation.rubric_version)
    if scores is None or rubric is None:
        return Scored(observation, rubric, None, None, None, 1_000, {})
    items = rubric.items  # built anew on each access: once is enough
    total = rubric.total_of(scores)
    band = rubric.band_of(scores)
    # The band's place in its rubric, by identity: pydantic's == compares every field.
    rank = next(i for i, b in enumerate(rubric.bands) if b is band)
    return Scored(
        observation,
        rubric,
        total,
        total / rubric.total,  # Rubric.share_of, without summing the scores again
        band.name,
        rank,
        {i.code: min(scores.get(i.code, 0.0) / i.max, 1.0) for i in items},
    )


# -- the data of a file, read once ----------------------------------------------------


class Source(Protocol):
    """Where records come from: the store's repository has these (the domain never imports it)."""

    def all(self, model: type[R]) -> list[R]: ...

    def settings(self) -> Settings: ...

    def rubric(self, rubric_id: str, version: int) -> Rubric | None: ...

    def active_rubric(self) -> Rubric: ...


@dataclass
class Data:
    """What the figures are drawn from: the live records of one file and today's date."""

    lecturers: Sequence[Lecturer]
    observations: Sequence[Observation]
    trials: Sequence[Trial]
    meetings: Sequence[Meeting]
    briefings: Sequence[Briefing]
    settings: Settings
    rubric_of: RubricOf
    reference: Rubric  # the rubric in use: the order of items and bands
    today: dt.date
    classes: Sequence[TrainingClass] = ()
    conferences: Sequence[Conference] = ()
    plans: Sequence[PlanEntry] = ()
    _scored: dict[str, Scored] = field(default_factory=dict, repr=False)
    # A period's live sheets, asked for once per lecturer by the plan: sorted once.
    # Not an init field, so that dataclasses.replace (new sheets) starts it empty.
    _live: dict[Period, list[Observation]] = field(default_factory=dict, repr=False, init=False)

    @classmethod
    def read(cls, source: Source, today: dt.date) -> Data:
        """Everything the figures need, read once from ``source``."""
        return cls(
            lecturers=source.all(Lecturer),
            observations=source.all(Observation),
            trials=source.all(Trial),
            meetings=source.all(Meeting),
            briefings=source.all(Briefing),
            settings=source.settings(),
            # Each sheet asks for its rubric; the store would look through them all each time.
            rubric_of=cache(source.rubric),
            reference=source.active_rubric(),
            today=today,
            classes=source.all(TrainingClass),
            conferences=source.all(Conference),
            plans=source.all(PlanEntry),
        )

    def scored(self, observation: Observation) -> Scored:
        found = self._scored.get(observation.id)
        if found is None or found.observation is not observation:
            found = self._scored[observation.id] = score(observation, self.rubric_of)
        return found

    def live_observations(self, period: Period) -> list[Observation]:
        found = self._live.get(period)
        if found is None:
            live = [o for o in self.observations if o.deleted_at is None and o.date in period]
            found = self._live[period] = sorted(live, key=lambda o: (o.date, o.created_at, o.id))
        return list(found)

    def band_order(self, name: str, rank: int) -> tuple[int, int, str]:
        names = [b.name for b in self.reference.bands]
        return (names.index(name), 0, name) if name in names else (len(names), rank, name)


# -- figures shared by the profile and the Center view --------------------------------


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: January–June, 2: July–December
    average: float
    count: int


@dataclass(frozen=True)
class ItemFigure:
    code: str
    text: str
    average: float  # mean share of the item's maximum, 0..1
    count: int
    previous: float | None  # the same over the previous period

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.average - self.previous


@dataclass(frozen=True)
class Point:
    """A limitation or a suggestion written on a sheet the lecturer received."""

    date: dt.date
    observation_id: str
    observer_ids: tuple[str, ...]
    kind: str  # "limitation" or "suggestion"
    text: str


def average(values: Iterable[float]) -> float | None:
    found = list(values)
    return sum(found) / len(found) if found else None


def band_counts(data: Data, sheets: Iterable[Scored]) -> list[tuple[str, int]]:
    """(band name, sheets), best band first; bands of older versions matched by name."""
    counts: Counter[str] = Counter()
    rank: dict[str, int] = {}
    for s in sheets:
        if s.band is not None:
            counts[s.band] += 1
            rank[s.band] = min(rank.get(s.band, s.band_rank), s.band_rank)
    return sorted(counts.items(), key=lambda kv: data.band_order(kv[0], rank[kv[0]]))


def half_years(sheets: Iterable[Scored]) -> list[HalfYear]:
    groups: dict[tuple[int, int], list[float]] = {}
    for s in sheets:
        if s.share is not None:
            day = s.observation.date
            groups.setdefault((day.year, 1 if day.month <= 6 else 2), []).append(s.share)
    return [HalfYear(y, h, sum(v) / len(v), len(v)) for (y, h), v in sorted(groups.items())]


def slope(points: Sequence[tuple[float, float]]) -> float | None:
    """The least-squares slope of (x, y) points; None without two distinct x."""
    if len({x for x, _ in points}) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    num = sum((x - mx) * (y - my) for x, y in points)
    return num / sum((x - mx) ** 2 for x, _ in points)


def trend_of(halves: Sequence[HalfYear]) -> tuple[Trend, float | None]:
    """The trend and the slope (share per half-year) by ``TREND_RULE``."""
    found = slope([(h.year * 2 + h.half - 1, h.average) for h in halves])
    if found is None:
        return Trend.UNKNOWN, None
    # Rounded first, so a slope of exactly 2 points is not lost to float noise.
    rounded = round(found, 9)
    if rounded >= TREND_THRESHOLD:
        return Trend.BETTER, found
    if rounded <= -TREND_THRESHOLD:
        return Trend.WORSE, found
    return Trend.STEADY, found


def item_figures(data: Data, now: list[Scored], before: list[Scored]) -> list[ItemFigure]:
    """Per rubric item, the mean share now and before, in the order of the rubric in use."""

    def shares(sheets: list[Scored]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for s in sheets:
            for code, value in s.items.items():
                found.setdefault(code, []).append(value)
        return found

    current, previous = shares(now), shares(before)
    texts: dict[str, str] = {}
    for s in sorted(now, key=lambda s: s.rubric.version if s.rubric else 0):
        texts.update({i.code: i.text for i in s.rubric.items} if s.rubric else {})
    texts.update({i.code: i.text for i in data.reference.items if i.code in current})
    order = [i.code for i in data.reference.items]
    codes = sorted(current, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [
        ItemFigure(c, texts.get(c, c), sum(current[c]) / len(current[c]), len(current[c]),
                   average(previous.get(c, ())))
        for c in codes
    ]  # fmt: skip


def extremes(items: Sequence[ItemFigure], n: int = 2) -> tuple[list[ItemFigure], list[ItemFigure]]:
    """The ``n`` strongest and ``n`` weakest items; ties go to the rubric's order."""
    order = {item.code: i for i, item in enumerate(items)}
    strong = sorted(items, key=lambda i: (-round(i.average, 9), order[i.code]))[:n]
    weak = sorted(items, key=lambda i: (round(i.average, 9), order[i.code]))[:n]
    return strong, weak


def points_of(sheets: Iterable[Scored]) -> list[Point]:
    """Limitations and suggestions, newest first (limitation before suggestion on one sheet)."""
    found: list[tuple[tuple[object, ...], Point]] = []
    for s in sheets:
        o = s.observation
        for order, kind, text in (
            (0, "limitation", o.limitations),
            (1, "suggestion", o.suggestions),
        ):
            if text.strip():
                point = Point(o.date, o.id, tuple(o.observer_ids), kind, text)
                found.append(((-o.date.toordinal(), -o.created_at.timestamp(), o.id, order), point))
    return [p for _, p in sorted(found, key=lambda kv: kv[0])]


def meeting_attendance(
    meetings: Iterable[Meeting], period: Period
) -> dict[str, LecturerAttendance]:
    """Monthly-meeting attendance per lecturer, by the rules of ``giangvien.attendance``.

    A meeting's register has the fields a briefing's has (date, attendance,
    deleted_at, created_at, id), which is all ``per_lecturer`` reads: one rule
    for both kinds of event rather than two that could drift apart.
    """
    return per_lecturer(cast(Iterable[Briefing], meetings), period.start, period.end)


def lateness(
    events: Iterable[Briefing | Meeting], lecturer_id: str, period: Period
) -> list[Absence]:
    """The sessions (or meetings) of the period the lecturer came late to, with the reason."""
    found = []
    for event in sessions_in(cast(Iterable[Briefing], events), period.start, period.end):
        for row in register(event):
            if row.lecturer_id == lecturer_id and row.status is Presence.LATE:
                found.append(Absence(event.date, event.id, row.reason))
    return found


def as_of(data: Data, period: Period) -> dt.date:
    """The one date a period's figures are counted at: its end, or today while it runs."""
    return min(period.end, data.today)


def open_items(data: Data, period: Period) -> list[AgreedItem]:
    """Updates and tasks agreed by the period's reference date (``as_of``) and not done
    by then, overdue (at that date) first: a past year's report does not change when an
    item is done later, and agrees with the totals, which count at the same date."""
    at = as_of(data, period)
    found = [replace(i, done_on=None) if i.done_on and i.done_on > at else i
             for i in agreed_items(data.meetings, at) if i.meeting_date <= at]  # fmt: skip
    return agreed_items_sorted([i for i in found if i.done_on is None], at)


def versions_of(sheets: Iterable[Scored]) -> list[tuple[str, int]]:
    """The (rubric id, version) pairs the scored sheets were scored with."""
    return sorted({(s.observation.rubric_id, s.observation.rubric_version)
                   for s in sheets if s.share is not None})  # fmt: skip
