"""Done on time or late: tasks, agreed content updates and suggestions against their due dates.

The figure the 2025 assessment rules (Quy định 366-QĐ/TW) ask of every
cadre. An item counts in the period its due date falls in; what has no due
date is not counted (nothing to be late against). Counted at one reference
date (``at``, the period's end or today): done by then on or before the due
date is on time, after it late; not done by then and past due is overdue;
the rest is not yet due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from giangvien.development.period import Period

if TYPE_CHECKING:
    from giangvien.development import Data


@dataclass(frozen=True)
class OnTime:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def counted(self) -> int:
        """Items whose outcome is known: done, or past due."""
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    def __add__(self, other: OnTime) -> OnTime:
        return OnTime(
            self.on_time + other.on_time,
            self.late + other.late,
            self.overdue + other.overdue,
            self.pending + other.pending,
        )


def tally(
    items: Iterable[tuple[dt.date | None, dt.date | None]], period: Period, at: dt.date
) -> OnTime:
    """``items`` as (due, done on) pairs."""
    on_time = late = overdue = pending = 0
    for due, done_on in items:
        if due is None or due not in period:
            continue
        if done_on is not None and done_on <= at:
            on_time += done_on <= due
            late += done_on > due
        elif due < at:
            overdue += 1
        else:
            pending += 1
    return OnTime(on_time, late, overdue, pending)


def quarters(year: int) -> list[Period]:
    return [
        Period(dt.date(year, 3 * q + 1, 1), Period.year(year).end if q == 3 else
               dt.date(year, 3 * q + 4, 1) - dt.timedelta(days=1))
        for q in range(4)
    ]  # fmt: skip


@dataclass(frozen=True)
class Year:
    """A lecturer's on-time figures for a year: by quarter and in all."""

    quarters: tuple[OnTime, OnTime, OnTime, OnTime]

    @property
    def total(self) -> OnTime:
        return sum(self.quarters, OnTime())


def items_of(data: Data, lecturer_id: str) -> list[tuple[dt.date | None, dt.date | None]]:
    """What a lecturer owes, as (due, done on): the meetings' tasks and agreed content
    updates in their name, and the suggestions their sheets gave them."""
    from giangvien.follow_up import suggestions_of

    owed: list[tuple[dt.date | None, dt.date | None]] = []
    for meeting in data.meetings:
        if meeting.deleted_at is None:
            owed += [(t.due, t.done_on) for t in meeting.tasks if t.owner_id == lecturer_id]
            owed += [(u.due, u.done_on) for u in meeting.content_updates
                     if u.owner_id == lecturer_id]  # fmt: skip
    days = data.settings.suggestion_days
    owed += [(s.due, s.done_on) for s in suggestions_of(data.observations, lecturer_id, days)]
    return owed


def of_year(data: Data, lecturer_id: str, year: int, at: dt.date) -> Year:
    owed = items_of(data, lecturer_id)
    q1, q2, q3, q4 = (tally(owed, q, at) for q in quarters(year))
    return Year((q1, q2, q3, q4))
