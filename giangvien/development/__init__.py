"""Development figures: one lecturer's profile and the Center's summary for a period.

Pure: models in, values out. Every figure the Development screen, the report
export and ``giangvien report`` show comes from here, so they agree. The rules:

- A period runs from ``start`` to ``end``, both days included. Deleted records
  never count; a deleted lecturer has no line in the Center view.
- Scores are compared as a *share* of the maximum of the rubric each sheet was
  scored with (``Rubric.share_of``), never as raw points, so sheets of an older
  rubric version sit beside newer ones. An item's share is its score over its
  own maximum. Comments-only sheets, and sheets whose rubric this file does not
  hold, count as observations but not in averages or bands.
- Trend (``TREND_RULE``): the scored sheets received are averaged per half-year
  (January–June, July–December, the halves a Vietnamese report sums up); the
  least-squares slope of those averages, per half-year, decides: at least
  +2 percentage points is "better", at most -2 is "worse", between is
  "steady"; fewer than two half-years with a scored sheet is "not enough data".
- Attendance at monthly meetings and briefing sessions follows
  ``giangvien.attendance``: a lecturer was expected when on the register;
  attended = present + late.
- The yearly quota (``Settings.observation_quota``) counts sheets *given*
  (lessons the lecturer observed); for a period other than a calendar year it
  is prorated by whole months, or by days, and rounded up.
"""

from __future__ import annotations

from giangvien.development.center import (
    SORT_COLUMNS,
    Center,
    CenterRow,
    Totals,
    band_abbrev,
    center,
    sort_rows,
)
from giangvien.development.figures import (
    TREND_THRESHOLD,
    Data,
    HalfYear,
    ItemFigure,
    Point,
    RubricOf,
    Scored,
    Trend,
    average,
    band_counts,
    extremes,
    half_years,
    item_figures,
    points_of,
    score,
    slope,
    trend_of,
)
from giangvien.development.period import Period, quota_for
from giangvien.development.profile import Profile, profile

__all__ = [
    "SORT_COLUMNS",
    "TREND_THRESHOLD",
    "Center",
    "CenterRow",
    "Data",
    "HalfYear",
    "ItemFigure",
    "Period",
    "Point",
    "Profile",
    "RubricOf",
    "Scored",
    "Totals",
    "Trend",
    "average",
    "band_abbrev",
    "band_counts",
    "center",
    "extremes",
    "half_years",
    "item_figures",
    "points_of",
    "profile",
    "quota_for",
    "score",
    "slope",
    "sort_rows",
    "trend_of",
]
