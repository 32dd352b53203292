"""The Center view: one line per lecturer, and the totals a year-end report quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, cast

from giangvien.attendance import LecturerAttendance, per_lecturer
from giangvien.development.classes import ClassFigures, class_figures
from giangvien.development.figures import (
    Data,
    Scored,
    as_of,
    average,
    band_counts,
    meeting_attendance,
    open_items,
    versions_of,
)
from giangvien.development.load import TeachingLoad, load_of, taught_in
from giangvien.development.period import Period
from giangvien.meetings import Kind, State, agreed_items
from giangvien.models import Lecturer, Meeting, Verdict

# -- the Center view ----------------------------------------------------------------


@dataclass(frozen=True)
class CenterRow:
    lecturer: Lecturer
    received: int
    given: int
    average: float | None
    bands: dict[str, int]
    meetings: LecturerAttendance
    briefings: LecturerAttendance
    open: int  # updates and tasks not done
    overdue: int
    load: TeachingLoad


@dataclass(frozen=True)
class Totals:
    """The year-end figures: what a report of the Center quotes."""

    observations: int
    scored: int
    average: float | None
    bands: list[tuple[str, int]]
    lecturers_observed: int
    trials: int
    passed: int
    not_passed: int
    undecided: int
    meetings: int
    briefings: int
    briefing_rate: float | None  # lecturer rows attended over rows expected
    meeting_rate: float | None
    updates_agreed: int
    updates_done: int  # done by the period's end
    tasks_agreed: int
    tasks_done: int
    hours: float  # lecturing hours taught by the Center's lecturers


@dataclass(frozen=True)
class Center:
    period: Period
    rows: list[CenterRow]  # by name
    band_names: list[str]  # the band columns, best first
    totals: Totals
    versions: list[tuple[str, int]]
    classes: ClassFigures  # the classes, conferences and field trips of the period


def _rate(rows: Iterable[LecturerAttendance]) -> float | None:
    found = list(rows)
    held = sum(r.held for r in found)
    return sum(r.attended for r in found) / held if held else None


def _agreed(meetings: Iterable[Meeting], period: Period, kind: Kind) -> tuple[int, int]:
    found = [i for i in agreed_items(meetings, period.end) if i.kind is kind
             and i.meeting_date in period]  # fmt: skip
    return len(found), sum(i.done_on is not None and i.done_on <= period.end for i in found)


def center(data: Data, period: Period) -> Center:
    sheets = [data.scored(o) for o in data.live_observations(period)]
    received: dict[str, list[Scored]] = {}
    given: Counter[str] = Counter()
    for s in sheets:
        received.setdefault(s.observation.lecturer_id, []).append(s)
        given.update(s.observation.observer_ids)
    met = meeting_attendance(data.meetings, period)
    briefed = per_lecturer(data.briefings, period.start, period.end)
    items = open_items(data, period)
    open_by = Counter(i.owner_id for i in items)
    overdue_by = Counter(i.owner_id for i in items if i.state(as_of(data, period)) is State.OVERDUE)
    norms = data.settings.teaching_norms
    lessons = taught_in(data.classes, period)
    loads = {lec.id: load_of(lec, lessons.get(lec.id, []), period, norms) for lec in data.lecturers}
    taught = {who for who, load in loads.items() if load.lessons}
    busy = set(received) | set(given) | set(met) | set(briefed) | set(open_by) | taught
    shown = [lec for lec in data.lecturers if lec.deleted_at is None
             and (not lec.archived or lec.id in busy)]  # fmt: skip
    rows = []
    for lec in sorted(shown, key=lambda lec: lec.sort_key):
        mine = received.get(lec.id, [])
        rows.append(CenterRow(
            lec, len(mine), given[lec.id], average(s.share for s in mine if s.share is not None),
            dict(band_counts(data, mine)), met.get(lec.id) or LecturerAttendance(lec.id),
            briefed.get(lec.id) or LecturerAttendance(lec.id), open_by[lec.id], overdue_by[lec.id],
            loads[lec.id],
        ))  # fmt: skip
    bands = band_counts(data, sheets)
    names = [b.name for b in data.reference.bands]
    names += [name for name, _ in bands if name not in names]
    trials = [t for t in data.trials if t.deleted_at is None and t.date in period]
    meetings = [m for m in data.meetings if m.deleted_at is None and m.date in period]
    briefings = [b for b in data.briefings if b.deleted_at is None and b.date in period]
    updates = _agreed(data.meetings, period, Kind.UPDATE)
    tasks = _agreed(data.meetings, period, Kind.TASK)
    totals = Totals(
        observations=len(sheets),
        scored=sum(s.share is not None for s in sheets),
        average=average(s.share for s in sheets if s.share is not None),
        bands=bands,
        lecturers_observed=len(received),
        trials=len(trials),
        passed=sum(t.verdict is Verdict.PASSED for t in trials),
        not_passed=sum(t.verdict is Verdict.NOT_PASSED for t in trials),
        undecided=sum(t.verdict is None for t in trials),
        meetings=len(meetings),
        briefings=len(briefings),
        briefing_rate=_rate(briefed.values()),
        meeting_rate=_rate(met.values()),
        updates_agreed=updates[0],
        updates_done=updates[1],
        tasks_agreed=tasks[0],
        tasks_done=tasks[1],
        hours=round(sum(r.load.hours for r in rows), 2),
    )
    figures = class_figures(data.classes, data.conferences, period, data.settings.programmes)
    return Center(period, rows, names, totals, versions_of(sheets), figures)


# -- sorting the Center view ------------------------------------------------------------

SORT_COLUMNS: Final = (
    "name", "received", "given", "average", "meetings", "briefings", "open", "hours",
)  # fmt: skip


def sort_rows(rows: Sequence[CenterRow], column: str, descending: bool = False) -> list[CenterRow]:
    """The rows by ``column`` (one of ``SORT_COLUMNS``); empty values last either way.

    Equal values keep the name order, so a sort never shuffles a tie.
    """
    by_name = sorted(rows, key=lambda r: r.lecturer.sort_key)
    if column == "name":
        return by_name[::-1] if descending else by_name
    value: Callable[[CenterRow], float | None] = {
        "received": lambda r: r.received,
        "given": lambda r: r.given,
        "average": lambda r: r.average,
        "meetings": lambda r: r.meetings.rate,
        "briefings": lambda r: r.briefings.rate,
        "open": lambda r: r.open,
        "hours": lambda r: r.load.hours,
    }[column]
    known = [r for r in by_name if value(r) is not None]
    empty = [r for r in by_name if value(r) is None]
    known.sort(key=lambda r: cast(float, value(r)), reverse=descending)
    return known + empty


def band_abbrev(name: str) -> str:
    """ "Giỏi" -> "G", "Trung bình (Đạt)" -> "TB", "Chưa đạt" -> "CĐ": a column's short head."""
    words = name.split("(")[0].split() or name.split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else name[:1].upper()
