"""The demo's calendar: local time, working days, Tết, month labels.

Pure functions of the date, no randomness: the random picks of days are
``World.day_in`` and ``World.after``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

# Events happen in Vietnam (UTC+7); records store UTC.
LOCAL = dt.timezone(dt.timedelta(hours=7))
DAY = dt.timedelta(days=1)


def period(years: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of generated events: ``years`` years up to yesterday."""
    try:
        first = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        first = today.replace(year=today.year - years, day=28)
    return first, today - DAY


def stamp(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A local time on ``day``, in UTC."""
    return dt.datetime.combine(day, dt.time(hour, minute), LOCAL).astimezone(dt.UTC)


def month_label(year: int, month: int) -> str:
    # As in document dates: only January and February are padded.
    return f"{month:02d}/{year}" if month < 3 else f"{month}/{year}"


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The first day of each month from ``first``'s to ``last``'s."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = next_month(month)


@dataclass(frozen=True)
class Calendar:
    """Working days: weekends, public holidays and the Tết break are off."""

    tets: dict[int, dt.date]  # the first day of Tết, by year
    holidays: frozenset[tuple[int, int]]  # (month, day)

    def tet(self, year: int) -> dt.date:
        return self.tets.get(year, dt.date(year, 2, 1))

    def workday(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or (day.month, day.day) in self.holidays:
            return False
        tet = self.tet(day.year)
        return not tet - 7 * DAY <= day <= tet + 9 * DAY

    def next_workday(self, day: dt.date) -> dt.date:
        while not self.workday(day):
            day += DAY
        return day
