"""Sample data: a district Political Center over a few years, as model instances.

``generate`` is pure and deterministic: the same seed and the same ``today``
give the same records, ids and timestamps included, so a demo file, a test and
a benchmark can be rebuilt at will. It only builds models (which validate
themselves); saving them is the caller's business.

The wording comes from ``data/demo_phrases.toml``; names of places and people
are made up.

The parts: ``dates`` (the calendar), ``world`` (the seeded state and its
helpers), ``people``, ``trials``, ``sheets`` (observations), ``meetings``
(meetings and briefings), ``classes`` (the class log and conferences) and
``plans`` (each year's observation plan).
They draw on one random source in a fixed order, which ``generate`` sets.
"""

from __future__ import annotations

import datetime as dt

from giangvien.demo import classes, meetings, people, sheets, trials
from giangvien.demo.dates import period
from giangvien.demo.plans import plans
from giangvien.demo.world import World, phrases
from giangvien.models import Record

__all__ = ["generate", "period", "phrases"]

MAX_LECTURERS = 500
MAX_YEARS = 30


def generate(
    lecturers: int = 6, years: int = 2, seed: int = 1, today: dt.date | None = None
) -> list[Record]:
    """Settings, lecturers, observations, trials, meetings, briefings, classes,
    conferences and the years' observation plans, in that order.

    The events fall in the ``years`` years before ``today`` (see ``period``);
    the order lets a store save them in one batch. With the default six
    lecturers the Center has a director, a deputy, two full-time and two
    part-time lecturers (one of whom has left and is archived); larger numbers
    scale the same shape. Raises ValueError for sizes outside 2..500 lecturers
    and 1..30 years.
    """
    if not 2 <= lecturers <= MAX_LECTURERS:
        raise ValueError(f"lecturers must be between 2 and {MAX_LECTURERS}, not {lecturers}")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 1 and {MAX_YEARS}, not {years}")
    w = World(lecturers, years, seed, today or dt.date.today())
    # The order of these steps is the order of the random draws: keep it.
    people.cast(w)
    settings = people.settings(w)
    staff = people.lecturers(w)
    held = trials.hold(w)  # before observations: passed trials add to what people teach
    observed = sheets.observe(w)
    monthly = meetings.monthly(w, observed, held)
    briefed = meetings.briefings(w)
    opened = classes.log(w, observed)
    held_conferences = classes.conferences(w)
    held.sort(key=lambda t: (t.date, t.created_at))
    observed.sort(key=lambda o: (o.date, o.created_at))
    planned = plans(w, settings, staff, held)
    return [settings, *staff, *observed, *held, *monthly, *briefed, *opened, *held_conferences,
            *planned]  # fmt: skip
