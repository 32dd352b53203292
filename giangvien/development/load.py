"""A lecturer's teaching load for a period, against the norm of their position.

The rules:

- Hours taught are the hours of the lessons a lecturer taught in the period,
  by each lesson's own day (a class opened in December and taught on into
  January gives each year the hours taught in it), in live classes only.
- They are set against the *lecturing* part of the norm (Settings.teaching_norms;
  Quyết định 1853/QĐ-BTGTW, Điều 7: Giám đốc 40 giờ chuẩn of which 30 lecturing,
  Phó Giám đốc 60/40, giảng viên chuyên trách 120/90), hour for hour: the other
  standard hours (research, preparing, the office) are not recorded here, and no
  coefficient for a large class or a new lesson was found in the sources.
- Whose norm: a director's or a deputy's by their position (a director is often
  part-time, the head of the Propaganda Dept.); a lecturer's by employment, a
  full-time one's or a part-time (kiêm chức) one's — the latter has no default,
  none having been found. A guest lecturer and other staff have no norm.
- The norm is yearly; for another period it is prorated by whole months, else
  by days (as the observation quota is, ``quota_for``), to one decimal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from giangvien.development.classes import same_name
from giangvien.development.period import Period
from giangvien.models import (
    ClassLesson,
    Employment,
    Lecturer,
    NormKind,
    Observation,
    Position,
    TeachingNorm,
    TrainingClass,
)
from giangvien.vntext import collation_key


@dataclass(frozen=True)
class ProgrammeLoad:
    """What a lecturer taught in one programme: lessons and hours."""

    programme: str
    lessons: int
    hours: float


@dataclass(frozen=True)
class TeachingLoad:
    lecturer_id: str
    hours: float
    lessons: int
    classes: int  # the classes they taught in
    kind: NormKind | None  # whose norm applies; None: no norm for them
    norm: TeachingNorm | None  # the yearly norm; None when the Center set none
    expected: float | None  # lecturing hours owed in the period
    programmes: list[ProgrammeLoad]  # most hours first

    @property
    def share(self) -> float | None:
        """Hours taught over hours owed (1.0: the norm met); None without a norm."""
        if self.expected is None or self.expected <= 0:
            return None
        return self.hours / self.expected


def norm_kind(lecturer: Lecturer) -> NormKind | None:
    if lecturer.position is Position.DIRECTOR:
        return NormKind.DIRECTOR
    if lecturer.position is Position.DEPUTY:
        return NormKind.DEPUTY
    if lecturer.position is not Position.LECTURER:
        return None
    return {
        Employment.FULL_TIME: NormKind.LECTURER,
        Employment.PART_TIME: NormKind.PART_TIME,
    }.get(lecturer.employment)


def prorated(period: Period, yearly: float) -> float:
    """A yearly number of hours for ``period``: by whole months, else by days."""
    months = period.months
    share = months / 12 if months is not None else period.days / 365.25
    return round(yearly * share, 1)


Taught = list[tuple[TrainingClass, ClassLesson]]


def taught_in(classes: Iterable[TrainingClass], period: Period) -> dict[str, Taught]:
    """Per lecturer, the lessons they taught in the period with their class, by day."""
    found: dict[str, Taught] = {}
    for c in classes:
        if c.deleted_at is not None:
            continue
        for lesson in c.lessons:
            if lesson.date in period:
                found.setdefault(lesson.lecturer_id, []).append((c, lesson))
    for taught in found.values():
        taught.sort(key=lambda cl: (cl[1].date, cl[0].opened, cl[0].id))
    return found


def load_of(
    lecturer: Lecturer, taught: Taught, period: Period, norms: Mapping[NormKind, TeachingNorm]
) -> TeachingLoad:
    """The load of ``lecturer`` from the lessons they taught in ``period`` (``taught_in``)."""
    groups: dict[str, Taught] = {}
    for c, lesson in taught:
        groups.setdefault(same_name(c.programme), []).append((c, lesson))
    programmes = [
        ProgrammeLoad(group[0][0].programme, len(group), round(sum(x.hours for _, x in group), 2))
        for group in groups.values()
    ]
    programmes.sort(key=lambda p: (-p.hours, not p.programme, collation_key(p.programme)))
    kind = norm_kind(lecturer)
    norm = norms.get(kind) if kind is not None else None
    return TeachingLoad(
        lecturer_id=lecturer.id,
        hours=round(sum(lesson.hours for _, lesson in taught), 2),
        lessons=len(taught),
        classes=len({c.id for c, _ in taught}),
        kind=kind,
        norm=norm,
        expected=prorated(period, norm.lecturing) if norm is not None else None,
        programmes=programmes,
    )


def teaching_load(
    classes: Iterable[TrainingClass],
    lecturer: Lecturer,
    period: Period,
    norms: Mapping[NormKind, TeachingNorm],
) -> TeachingLoad:
    return load_of(lecturer, taught_in(classes, period).get(lecturer.id, []), period, norms)


def observed_beside(
    load: TeachingLoad, observations: Iterable[Observation]
) -> list[tuple[ProgrammeLoad, int]]:
    """Each programme taught, with how many of the sheets received were on it.

    A programme observed but with no lesson recorded is listed too (no hours),
    so that no sheet is left out of the comparison.
    """
    sheets = list(observations)
    observed = Counter(same_name(o.programme) for o in sheets)
    rows = [(p, observed.pop(same_name(p.programme), 0)) for p in load.programmes]
    spelled = {same_name(o.programme): o.programme for o in sheets}
    rows += [(ProgrammeLoad(spelled[key], 0, 0.0), n) for key, n in observed.items()]
    return rows
