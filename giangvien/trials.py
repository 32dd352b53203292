"""Which lessons a lecturer is cleared to teach, and which await a re-trial.

A lesson is cleared by a trial with the verdict "Đạt". Lessons are compared
in search form (``vntext.fold``), so "Bài 1: Đảng" typed again as "bài 1: đảng"
or with the other tone placement is the same lesson. Deleted trials never
count, nor do trials whose panel has not decided yet.

Whether a later "Chưa đạt" takes the clearance back is the Center's choice
(``Settings.retrial_uncleared``, off by default): a pass is a formal decision
of a panel, and a later trial of the same lesson (after the lesson was
rewritten, say) should not quietly withdraw it unless the Center says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from giangvien.models import Trial, Verdict
from giangvien.vntext import fold


def lesson_key(lesson: str) -> str:
    """The identity of a lesson: case, diacritics, tone placement and spacing ignored."""
    return fold(lesson)


@dataclass(frozen=True)
class ClearedLesson:
    lecturer_id: str
    lesson: str  # as written in the trial that cleared it
    programme: str
    cleared_on: dt.date  # the pass from which the clearance runs
    trial_id: str


@dataclass(frozen=True)
class Awaiting:
    """A lesson whose latest trial was "Chưa đạt": a re-trial is owed."""

    lecturer_id: str
    lesson: str
    date: dt.date | None  # the re-trial date the panel set (None when it set none)
    overdue: bool  # the date has passed and no trial of the lesson was held since
    trial_id: str  # the failed trial
    still_cleared: bool  # an earlier pass still holds (retrial_uncleared is off)


class RetrialDue(NamedTuple):
    """What the dashboard lists: who, which lesson, when, and whether it is late."""

    lecturer_id: str
    lesson: str
    date: dt.date | None
    overdue: bool


Groups = dict[tuple[str, str], list[Trial]]


def _history(trials: Iterable[Trial], lecturer_id: str | None) -> Groups:
    """Live trials grouped by (lecturer, lesson), oldest first."""
    groups: dict[tuple[str, str], list[Trial]] = {}
    for trial in trials:
        if trial.deleted_at is not None:
            continue
        if lecturer_id is not None and trial.lecturer_id != lecturer_id:
            continue
        groups.setdefault((trial.lecturer_id, lesson_key(trial.lesson)), []).append(trial)
    for group in groups.values():
        group.sort(key=lambda t: (t.date, t.created_at, t.id))
    return groups


def _clearance(history: list[Trial], uncleared_by_failure: bool) -> Trial | None:
    """The passed trial the clearance runs from, or None when the lesson is not cleared."""
    since: Trial | None = None
    for trial in history:
        if trial.verdict is Verdict.PASSED and since is None:
            since = trial
        elif trial.verdict is Verdict.NOT_PASSED and uncleared_by_failure:
            since = None
    return since


def cleared_lessons(
    trials: Iterable[Trial],
    lecturer_id: str | None = None,
    *,
    uncleared_by_failure: bool = False,
) -> list[ClearedLesson]:
    """Every cleared (lecturer, lesson), oldest clearance first.

    ``uncleared_by_failure`` is ``Settings.retrial_uncleared``: when set, a
    "Chưa đạt" after a pass withdraws the clearance until the next pass.
    """
    found = []
    for history in _history(trials, lecturer_id).values():
        since = _clearance(history, uncleared_by_failure)
        if since is not None:
            found.append(
                ClearedLesson(
                    since.lecturer_id, since.lesson, since.programme, since.date, since.id
                )
            )
    return sorted(found, key=lambda c: (c.cleared_on, lesson_key(c.lesson), c.lecturer_id))


def awaiting_retrial(
    trials: Iterable[Trial],
    today: dt.date,
    lecturer_id: str | None = None,
    *,
    uncleared_by_failure: bool = False,
) -> list[Awaiting]:
    """Lessons whose latest trial failed, by re-trial date (overdue first, undated last).

    A trial of the same lesson held later, whatever its verdict (or none yet),
    settles the re-trial owed by an earlier failure.
    """
    found = []
    for history in _history(trials, lecturer_id).values():
        last = history[-1]
        if last.verdict is not Verdict.NOT_PASSED:
            continue
        when = last.next_trial_date
        cleared = _clearance(history, uncleared_by_failure) is not None
        found.append(
            Awaiting(
                last.lecturer_id,
                last.lesson,
                when,
                when is not None and when < today,
                last.id,
                cleared,
            )
        )
    return sorted(found, key=lambda a: (a.date is None, a.date or today, lesson_key(a.lesson)))


def retrials_due(trials: Iterable[Trial], today: dt.date) -> list[RetrialDue]:
    """Every re-trial owed in the Center: (lecturer_id, lesson, date, overdue).

    Sorted by date, those without a date last; ``overdue`` means the date is
    before ``today`` (a re-trial set for today is due, not late).
    """
    return [
        RetrialDue(a.lecturer_id, a.lesson, a.date, a.overdue)
        for a in awaiting_retrial(trials, today)
    ]


def is_cleared(
    trials: Iterable[Trial], lecturer_id: str, lesson: str, *, uncleared_by_failure: bool = False
) -> bool:
    """Whether ``lecturer_id`` is cleared to teach ``lesson`` (in any spelling of it)."""
    history = _history(trials, lecturer_id).get((lecturer_id, lesson_key(lesson)), [])
    return _clearance(history, uncleared_by_failure) is not None
