"""What recurs across a period's sheets: the criteria most often weak, the limitations
written again and again.

A year-end report names the shortcomings the Center saw *across* its
lecturers, not one sheet's. Two figures, both from the sheets alone:

- A criterion is weak on a sheet when it scored below ``WEAK_SHARE`` of its
  own maximum (60%: under the "Khá" share of the default rubric, 14 of 20).
  The criteria weak on the most sheets come first, the lower average first
  on a tie.
- A limitation is one line of a sheet's "Hạn chế" (list marks set aside), or
  one sentence of a line that holds several. Two are the same when they read
  the same once case, diacritics, tone placement, punctuation and spacing are
  set aside; a limitation recurs when it was written about at least
  ``LEAST_LECTURERS`` lecturers. Observers who write in their own words are
  not matched by topic: the report says what was written, it does not guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from giangvien.development.figures import Data, Scored, item_figures
from giangvien.follow_up import suggestion_lines
from giangvien.models import Observation
from giangvien.vntext import fold

WEAK_SHARE: Final = 0.6
LEAST_LECTURERS: Final = 2
# Where a sentence may end: ".", "!", "?" or "…", then spaces, then a letter.
_END: Final = re.compile(r"(?<=[.!?…])\s+(?=[^\W\d_])")
_PUNCTUATION: Final = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class WeakItem:
    code: str
    text: str
    weak: int  # sheets on which the criterion scored below WEAK_SHARE of its maximum
    scored: int  # sheets that scored it
    average: float  # its mean share over those sheets
    previous: float | None  # the same over the previous period's sheets


@dataclass(frozen=True)
class Recurring:
    text: str  # as first written
    sheets: int
    lecturers: int


def weak_items(
    data: Data, now: Sequence[Scored], before: Sequence[Scored], n: int = 3
) -> list[WeakItem]:
    """The ``n`` criteria weak on the most sheets (only those weak on at least one)."""
    weak = Counter(
        code for s in now for code, share in s.items.items() if round(share, 9) < WEAK_SHARE
    )
    figures = item_figures(data, list(now), list(before))
    order = {f.code: i for i, f in enumerate(figures)}
    found = [
        WeakItem(f.code, f.text, weak[f.code], f.count, f.average, f.previous)
        for f in figures
        if weak[f.code]
    ]
    found.sort(key=lambda w: (-w.weak, round(w.average, 9), order[w.code]))
    return found[:n]


def sentences(line: str) -> list[str]:
    """``line`` cut where a sentence ends before a capital letter; not after an
    abbreviation of one to three capitals ("TP. Hồ Chí Minh", "Th.S. Lan")."""
    found, start = [], 0
    for end in _END.finditer(line):
        word = line[start : end.start()].split()[-1].rstrip(".!?…").split(".")[-1]
        if not line[end.end()].isupper() or (word.isupper() and len(word) <= 3):
            continue
        found.append(line[start : end.start()])
        start = end.end()
    return [part for part in (*found, line[start:]) if part.strip()]


def limitation_lines(text: str) -> list[str]:
    """A sheet's limitations one by one: its lines, and the sentences of each line."""
    return [part.strip() for line in suggestion_lines(text) for part in sentences(line)]


def same_key(text: str) -> str:
    """The form two limitations are compared in."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def recurring_limitations(
    sheets: Iterable[Observation], least: int = LEAST_LECTURERS
) -> list[Recurring]:
    """Limitations written about ``least`` lecturers or more: the most lecturers first,
    then the most sheets, then the one written first."""
    first: dict[str, str] = {}
    on: dict[str, set[str]] = {}
    about: dict[str, set[str]] = {}
    for sheet in sorted(sheets, key=lambda o: (o.date, o.created_at, o.id)):
        if sheet.deleted_at is not None:
            continue
        for line in limitation_lines(sheet.limitations):
            key = same_key(line)
            if not key:
                continue
            first.setdefault(key, line)
            on.setdefault(key, set()).add(sheet.id)
            about.setdefault(key, set()).add(sheet.lecturer_id)
    order = {key: i for i, key in enumerate(first)}
    found = [key for key in first if len(about[key]) >= least]
    found.sort(key=lambda k: (-len(about[k]), -len(on[k]), order[k]))
    return [Recurring(first[k], len(on[k]), len(about[k])) for k in found]
