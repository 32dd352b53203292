"""Attendance at briefing sessions (sinh hoạt báo cáo viên): per lecturer, per month.

The arithmetic, in one place so the screens, the CLI and the development
profile agree:

- A session counts for a lecturer when the lecturer is on its register (the
  form lists every active lecturer; someone who joined later was not expected
  at earlier sessions). That is "held" for them.
- Attended = present + late: a late arrival attended, and is counted late too.
- Guests (people typed by name, not Center lecturers) never count.
- A period runs from ``start`` to ``end``, both days included; either may be
  open. Deleted sessions never count.
- The Center's rate for a month is every lecturer row attended over every
  lecturer row, over the month's sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from giangvien.models import Attendance, Briefing, Presence


@dataclass(frozen=True)
class Absence:
    date: dt.date
    session_id: str
    reason: str


@dataclass
class LecturerAttendance:
    lecturer_id: str
    held: int = 0  # sessions of the period the lecturer was expected at
    present: int = 0  # on time
    late: int = 0
    absent: int = 0
    absences: list[Absence] = field(default_factory=list)

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate(self) -> float | None:
        """Attended over held, 0 to 1; None when no session was held for them."""
        return self.attended / self.held if self.held else None


@dataclass(frozen=True)
class Counts:
    """One session's register: Center lecturers by presence, and guests apart."""

    present: int
    late: int
    absent: int
    guests: int

    @property
    def expected(self) -> int:
        return self.present + self.late + self.absent

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True)
class MonthRate:
    year: int
    month: int
    sessions: int
    expected: int  # lecturer rows over the month's sessions
    attended: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


def in_period(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def sessions_in(
    sessions: Iterable[Briefing], start: dt.date | None = None, end: dt.date | None = None
) -> list[Briefing]:
    """Live sessions of the period, oldest first."""
    found = [s for s in sessions if s.deleted_at is None and in_period(s.date, start, end)]
    return sorted(found, key=lambda s: (s.date, s.created_at, s.id))


def register(session: Briefing) -> list[Attendance]:
    """The Center lecturers of a session, each once (the first entry wins)."""
    seen: set[str] = set()
    rows = []
    for row in session.attendance:
        if row.lecturer_id and row.lecturer_id not in seen:
            seen.add(row.lecturer_id)
            rows.append(row)
    return rows


def counts(session: Briefing) -> Counts:
    rows = register(session)
    by = {p: sum(r.status is p for r in rows) for p in Presence}
    guests = sum(1 for r in session.attendance if not r.lecturer_id)
    return Counts(by[Presence.PRESENT], by[Presence.LATE], by[Presence.ABSENT], guests)


def per_lecturer(
    sessions: Iterable[Briefing], start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, LecturerAttendance]:
    """Every lecturer on a register in the period, with their counts and absences."""
    found: dict[str, LecturerAttendance] = {}
    for session in sessions_in(sessions, start, end):
        for row in register(session):
            who = row.lecturer_id or ""  # never empty: register() keeps lecturers only
            tally = found.setdefault(who, LecturerAttendance(who))
            tally.held += 1
            if row.status is Presence.PRESENT:
                tally.present += 1
            elif row.status is Presence.LATE:
                tally.late += 1
            else:
                tally.absent += 1
                tally.absences.append(Absence(session.date, session.id, row.reason))
    return found


def lecturer_attendance(
    sessions: Iterable[Briefing],
    lecturer_id: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> LecturerAttendance:
    """One lecturer's attendance in the period (all zero when never expected)."""
    return per_lecturer(sessions, start, end).get(lecturer_id) or LecturerAttendance(lecturer_id)


def monthly_rates(
    sessions: Iterable[Briefing], start: dt.date | None = None, end: dt.date | None = None
) -> list[MonthRate]:
    """The Center's attendance per month with a session, oldest first."""
    months: dict[tuple[int, int], list[Counts]] = {}
    for session in sessions_in(sessions, start, end):
        months.setdefault((session.date.year, session.date.month), []).append(counts(session))
    return [
        MonthRate(
            year, month, len(found), sum(c.expected for c in found), sum(c.attended for c in found)
        )
        for (year, month), found in sorted(months.items())
    ]


def overall_rate(
    sessions: Iterable[Briefing], start: dt.date | None = None, end: dt.date | None = None
) -> float | None:
    """The Center's rate over the whole period (rows attended over rows expected)."""
    found = [counts(s) for s in sessions_in(sessions, start, end)]
    expected = sum(c.expected for c in found)
    return sum(c.attended for c in found) / expected if expected else None
