"""The year's plan: who is owed an observation, who is done, who is overdue.

Each lecturer's entry (``PlanEntry``) gives the times a year to be observed,
to observe others and to give a trial lecture; a sheet or a trial counts
toward the plan of its date. Everything counts at one reference date, the
year's end or today while it runs (``development.as_of``). Without quarters
the year's number is due at the year's end; by quarter a share is due at
each quarter's end (from the quarter a lecturer joined in). A weak sheet
(``weak``) puts a follow-up visit on the plan: the next sheet on that
lecturer, by anyone, within the Center's ``follow_up_days``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from giangvien.development.figures import Data, Scored
from giangvien.development.load import norm_kind
from giangvien.development.period import Period
from giangvien.models import Lecturer, Observation, PlanEntry, PlanTarget, plan_id
from giangvien.trials import cleared_lessons

PARTS = ("observed", "observing", "trials")  # a plan's numbers (PlanTarget), in order


class State(StrEnum):
    UNPLANNED = "unplanned"
    OVERDUE = "overdue"
    OWED = "owed"
    DONE = "done"


@dataclass(frozen=True)
class Tally:
    planned: int  # the year's number
    due: int  # owed by the reference date
    done: int

    @property
    def remaining(self) -> int:
        return max(0, self.planned - self.done)

    @property
    def overdue(self) -> int:
        return max(0, min(self.due, self.planned) - self.done)


@dataclass(frozen=True)
class FollowUp:
    """A weak sheet, and the visit that followed it (the lecturer's next sheet)."""

    sheet: Observation
    band: str
    due: dt.date
    visited_on: dt.date | None

    def state(self, at: dt.date) -> State:
        if self.visited_on is not None:
            return State.DONE
        return State.OVERDUE if self.due < at else State.OWED


@dataclass(frozen=True)
class PlanRow:
    lecturer: Lecturer
    entry: PlanEntry | None
    observed: Tally
    observing: Tally
    trials: Tally
    follow_ups: list[FollowUp]

    def state(self, at: dt.date) -> State:
        tallies = (self.observed, self.observing, self.trials)
        visits = [f.state(at) for f in self.follow_ups]
        if any(t.overdue for t in tallies) or State.OVERDUE in visits:
            return State.OVERDUE
        if any(t.remaining for t in tallies) or State.OWED in visits:
            return State.OWED
        return State.DONE if self.entry is not None else State.UNPLANNED


@dataclass(frozen=True)
class YearPlan:
    year: int
    at: dt.date
    by_quarter: bool
    made: bool  # some lecturer has an entry for the year
    rows: list[PlanRow]  # by name

    def count(self, state: State) -> int:
        return sum(r.state(self.at) is state for r in self.rows)

    def row(self, lecturer_id: str) -> PlanRow | None:
        return next((r for r in self.rows if r.lecturer.id == lecturer_id), None)


def weak(scored: Scored) -> bool:
    """A band calling for a follow-up: the rubric's lowest two ("Trung bình", "Chưa
    đạt" by default), or its lowest when it has fewer than four bands."""
    if scored.rubric is None or scored.band is None:
        return False
    count = len(scored.rubric.bands)
    return scored.band_rank >= count - (2 if count >= 4 else 1)


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3


def _quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 3:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 4, 1) - dt.timedelta(days=1)


def _first_quarter(year: int, joined: dt.date | None) -> int:
    return _quarter(joined) if joined is not None and joined.year == year else 0


def due_by(
    planned: int, year: int, at: dt.date, *, by_quarter: bool, joined: dt.date | None
) -> int:
    """How many of the year's ``planned`` are due by ``at``."""
    if not by_quarter:
        return planned if at >= dt.date(year, 12, 31) else 0
    first = _first_quarter(year, joined)
    ended = sum(_quarter_end(year, q) <= at for q in range(first, 4))
    # A tiny epsilon: 4 x 2/4 must stay 2, not become 3 through float noise.
    return math.ceil(planned * ended / (4 - first) - 1e-9)


def follow_ups(data: Data, lecturer_id: str, period: Period, at: dt.date) -> list[FollowUp]:
    """The visits owed after weak sheets whose visit falls due in ``period``: a sheet of
    late December is followed up in January, so it is owed in the next year's plan
    (as on-time figures count an item in the period of its due date)."""
    days = dt.timedelta(days=data.settings.follow_up_days)
    window = Period(period.start - days, max(at, period.start))
    mine = [o for o in data.live_observations(window) if o.lecturer_id == lecturer_id]
    found = []
    for n, sheet in enumerate(mine):
        if sheet.date + days not in period:
            continue
        scored = data.scored(sheet)
        if scored.band is None or not weak(scored):
            continue
        later = [o.date for o in mine[n + 1 :] if o.date > sheet.date]
        found.append(FollowUp(sheet, scored.band, sheet.date + days, min(later, default=None)))
    return found


def _row(
    data: Data, lecturer: Lecturer, entry: PlanEntry | None, year: int, at: dt.date
) -> PlanRow:
    period = Period(dt.date(year, 1, 1), at) if at.year == year else Period.year(year)
    sheets = data.live_observations(period)
    who = lecturer.id
    target = entry.target if entry is not None else PlanTarget()
    by_quarter, joined = data.settings.plan_by_quarter, lecturer.start_date

    def tally(planned: int, done: int) -> Tally:
        return Tally(planned, due_by(planned, year, at, by_quarter=by_quarter, joined=joined), done)

    trials = [t for t in data.trials if t.deleted_at is None and t.lecturer_id == who
              and t.date in period]  # fmt: skip
    return PlanRow(
        lecturer,
        entry,
        tally(target.observed, sum(o.lecturer_id == who for o in sheets)),
        tally(target.observing, sum(who in o.observer_ids for o in sheets)),
        tally(target.trials, len(trials)),
        follow_ups(data, who, Period.year(year), at),
    )


def year_plan(data: Data, year: int, *, everyone: bool = False) -> YearPlan:
    """The plan of ``year`` as the records stand at its reference date.

    Its rows are the lecturers it plans for or owes a follow-up visit;
    ``everyone`` adds the other current lecturers (a table to plan them in)."""
    at = min(dt.date(year, 12, 31), data.today)
    entries = {p.lecturer_id: p for p in data.plans if p.deleted_at is None and p.year == year}
    rows = []
    for lecturer in sorted(data.lecturers, key=lambda lec: lec.sort_key):
        if lecturer.deleted_at is not None or lecturer.archived:
            continue
        if lecturer.start_date is not None and lecturer.start_date.year > year:
            continue
        row = _row(data, lecturer, entries.get(lecturer.id), year, at)
        if everyone or row.entry is not None or row.follow_ups:
            rows.append(row)
    return YearPlan(year, at, data.settings.plan_by_quarter, bool(entries), rows)


def lecturer_row(data: Data, lecturer: Lecturer, year: int) -> PlanRow | None:
    """``lecturer``'s row of ``year_plan(data, year)``, without working out the others'
    (a profile asks for one)."""
    if lecturer.deleted_at is not None or lecturer.archived:
        return None
    entry = next((p for p in data.plans if p.deleted_at is None and p.year == year
                  and p.lecturer_id == lecturer.id), None)  # fmt: skip
    row = _row(data, lecturer, entry, year, min(dt.date(year, 12, 31), data.today))
    return row if row.entry is not None or row.follow_ups else None


def _share(times: int, year: int, joined: dt.date | None) -> int:
    """A yearly number for a lecturer who joins in ``year``: by whole months left."""
    if joined is None or joined.year != year or times == 0:
        return times
    return max(1, math.ceil(times * (13 - joined.month) / 12 - 1e-9))


def _new(data: Data, lecturer: Lecturer, year: int) -> bool:
    """A lecturer owed a trial lecture: joined this year or last, and cleared for no lesson."""
    started = lecturer.start_date
    if started is None or not year - 1 <= started.year <= year or lecturer.is_leader:
        return False
    until = [t for t in data.trials if t.date <= dt.date(year, 12, 31)]
    return not cleared_lessons(until, lecturer.id)


def from_defaults(data: Data, year: int) -> list[PlanEntry]:
    """Entries for the current lecturers the year's plan does not hold yet, from the
    defaults of their position; an entry already there (edited, or set to nothing) is
    kept. Entries are never deleted: nothing planned is an entry of zeros."""
    held = {p.lecturer_id for p in data.plans if p.year == year}
    made = []
    for lecturer in sorted(data.lecturers, key=lambda lec: lec.sort_key):
        if lecturer.deleted_at is not None or lecturer.archived or lecturer.id in held:
            continue
        if lecturer.start_date is not None and lecturer.start_date.year > year:
            continue
        kind = norm_kind(lecturer)
        target = data.settings.plan_targets.get(kind) if kind is not None else None
        if target is None:
            continue
        joined = lecturer.start_date
        share = PlanTarget(
            observed=_share(target.observed, year, joined),
            observing=_share(target.observing, year, joined),
            trials=max(target.trials, 1 if _new(data, lecturer, year) else 0),
        )
        made.append(PlanEntry.of(year, lecturer.id, share))
    return made


def set_numbers(data: Data, year: int, lecturer_id: str, changes: dict[str, int]) -> PlanEntry:
    """The lecturer's entry of ``year`` with ``changes``, made anew when there is none.
    Raises :class:`giangvien.problems.Invalid` for a number out of range."""
    held = next((p for p in data.plans if p.year == year and p.lecturer_id == lecturer_id), None)
    if held is not None:
        return held.touched(**changes)
    from giangvien.problems import validate

    fields = {**PlanTarget().model_dump(), **changes}
    made: PlanEntry = validate(
        PlanEntry,
        {"id": plan_id(year, lecturer_id), "year": year, "lecturer_id": lecturer_id, **fields},
    )
    return made
