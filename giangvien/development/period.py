"""Periods of the Development figures: a year by default, or any from/to, both days included."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from giangvien.i18n import tr


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)  # also for 9999, which has no January after it
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _months_from(index: int, months: int) -> Period:
    """``months`` whole months from month number ``index`` (year * 12 + month - 1)."""
    last = index + months - 1
    return Period(dt.date(index // 12, index % 12 + 1, 1), _month_end(last // 12, last % 12 + 1))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(tr("development.period_backwards"))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def calendar_year(self) -> int | None:
        """The year when the period is exactly one calendar year."""
        whole = self == Period.year(self.start.year)
        return self.start.year if whole else None

    @property
    def months(self) -> int | None:
        """The number of whole months when the period starts on a 1st and ends on a last day."""
        if self.start.day != 1 or self.end != _month_end(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The period of the same length just before: the previous year, half-year, month…

        Whole months shift by months (2024 before 2025, although 2024 has a day
        more); other periods by days. Raises ValueError or OverflowError before
        the year 1.
        """
        months = self.months
        if months is None:
            return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(1))
        return _months_from(self.start.year * 12 + self.start.month - 1 - months, months)

    def following(self) -> Period:
        """The period of the same length just after (see ``previous``)."""
        months = self.months
        if months is None:
            return Period(self.end + dt.timedelta(1), self.end + dt.timedelta(days=self.days))
        return _months_from(self.end.year * 12 + self.end.month, months)


def quota_for(period: Period, yearly: int | None) -> int | None:
    """The yearly quota for ``period``: prorated by whole months (else days), rounded up."""
    if yearly is None:
        return None
    months = period.months
    # A tiny epsilon: 4 x 12/12 must stay 4, not become 5 through float noise.
    share = months / 12 if months is not None else period.days / 365.25
    return max(1, math.ceil(yearly * share - 1e-9))
