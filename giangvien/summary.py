"""The dashboard's figures: what happened this month, what waits, who was left out.

Pure functions over lists of models. ``today`` is always a parameter, so that a
test (and a dashboard opened just after midnight) decides which day it is.
Deleted records never count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from giangvien.models import Briefing, Lecturer, Meeting, Observation


@dataclass(frozen=True)
class Waiting:
    """A sheet no leader has concluded yet, and for how many days it has waited."""

    observation: Observation
    days: int


@dataclass(frozen=True)
class NotObserved:
    """A lecturer nobody has observed lately; ``days`` is None when never observed."""

    lecturer: Lecturer
    days: int | None
    last: dt.date | None


def days_between(earlier: dt.date, today: dt.date) -> int:
    return (today - earlier).days


def _live(records: Iterable[Observation]) -> list[Observation]:
    return [r for r in records if r.deleted_at is None]


def _newest_first(observation: Observation) -> tuple[dt.date, dt.datetime]:
    return (observation.date, observation.created_at)


def month_observations(observations: Iterable[Observation], today: dt.date) -> list[Observation]:
    """The sheets dated in today's month (any day of it), newest first."""
    found = [
        o for o in _live(observations) if (o.date.year, o.date.month) == (today.year, today.month)
    ]
    return sorted(found, key=_newest_first, reverse=True)


def waiting_for_review(observations: Iterable[Observation], today: dt.date) -> list[Waiting]:
    """Sheets without a leader's conclusion, oldest first (the longest wait leads)."""
    found = sorted((o for o in _live(observations) if not o.reviewed), key=_newest_first)
    return [Waiting(o, max(0, days_between(o.date, today))) for o in found]


def not_observed(
    lecturers: Iterable[Lecturer],
    observations: Iterable[Observation],
    today: dt.date,
    days: int,
) -> list[NotObserved]:
    """Active lecturers whose newest observed lesson is more than ``days`` days old.

    A lecturer observed exactly ``days`` days ago is still within the period.
    Sheets dated after today are not counted: they are planned or mistyped,
    and would otherwise hide a lecturer who is overdue. Never-observed
    lecturers come first, then the longest waits.
    """
    newest: dict[str, dt.date] = {}
    for o in _live(observations):
        if o.date <= today and o.date > newest.get(o.lecturer_id, dt.date.min):
            newest[o.lecturer_id] = o.date
    found: list[NotObserved] = []
    for lecturer in lecturers:
        if lecturer.deleted_at is not None or lecturer.archived:
            continue
        last = newest.get(lecturer.id)
        if last is None:
            found.append(NotObserved(lecturer, None, None))
        elif days_between(last, today) > days:
            found.append(NotObserved(lecturer, days_between(last, today), last))
    never = [n for n in found if n.days is None]
    overdue = [n for n in found if n.days is not None]
    never.sort(key=lambda n: n.lecturer.sort_key)
    overdue.sort(key=lambda n: (-(n.days or 0), n.lecturer.sort_key))
    return never + overdue


def next_meeting(meetings: Iterable[Meeting], today: dt.date) -> Meeting | None:
    """The first meeting dated today or later (the earlier start time first)."""
    ahead = [m for m in meetings if m.deleted_at is None and m.date >= today]
    return min(ahead, key=lambda m: (m.date, m.start_time or dt.time.min), default=None)


def latest_briefing(briefings: Iterable[Briefing], today: dt.date) -> Briefing | None:
    """The most recent briefing session held on or before today."""
    held = [b for b in briefings if b.deleted_at is None and b.date <= today]
    return max(held, key=lambda b: (b.date, b.created_at), default=None)
