"""The observation plan of each whole year of the sample, made from the Center's
defaults in the year's first week, as a Center makes it (``giangvien.plan``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from giangvien.demo.dates import stamp
from giangvien.demo.world import World
from giangvien.development.figures import Data
from giangvien.models import Lecturer, PlanEntry, Settings, Trial
from giangvien.plan import from_defaults


def plans(
    w: World, settings: Settings, staff: Sequence[Lecturer], held: Sequence[Trial]
) -> list[PlanEntry]:
    """No draw from the random source: the rest of the sample stays as it was."""
    out: list[PlanEntry] = []
    # A year the sample starts in the middle of has no plan: it began before the records.
    for year in range(w.first.year + (w.first > dt.date(w.first.year, 1, 1)), w.last.year + 1):
        data = Data(lecturers=staff, observations=(), trials=held, meetings=(), briefings=(),
                    settings=settings, rubric_of=lambda *_: None, reference=w.rubric,
                    today=w.last)  # fmt: skip
        made = stamp(dt.date(year, 1, 6), 8)
        out += [p.model_copy(update={"created_at": made, "updated_at": made})
                for p in from_defaults(data, year)]  # fmt: skip
    return out
