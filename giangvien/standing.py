"""Where a lecturer stands in a period: the year's plan, work done on time, suggestions
carried through. The profile (screen and document) shows it beside the sheets.

Counted at the period's one reference date (``development.as_of``), as every
other figure of the period is.
"""

from __future__ import annotations

from dataclasses import dataclass

from giangvien.development.figures import Data, as_of
from giangvien.development.period import Period
from giangvien.follow_up import Carried, carried, suggestions_of
from giangvien.models import Lecturer
from giangvien.on_time import OnTime, items_of, tally
from giangvien.plan import PlanRow, year_plan


@dataclass(frozen=True)
class Standing:
    plan: PlanRow | None  # a calendar year's plan row; None for other periods or no plan
    on_time: OnTime  # tasks, content updates and suggestions due in the period
    carried: Carried  # suggestions received in the period, and what became of them


def standing(data: Data, lecturer: Lecturer, period: Period) -> Standing:
    at = as_of(data, period)
    row = None
    if period.calendar_year is not None:
        found = year_plan(data, period.calendar_year).row(lecturer.id)
        row = found if found is not None and (found.entry or found.follow_ups) else None
    days = data.settings.suggestion_days
    received = suggestions_of(data.observations, lecturer.id, days)
    return Standing(
        plan=row,
        on_time=tally(items_of(data, lecturer.id), period, at),
        carried=carried(received, period.start, at),
    )
