"""What the Center did in a period: classes and learners, conferences, field trips.

The figures a year-end report opens with ("mở 32 lớp đào tạo, bồi dưỡng với
số lượng 2.248 học viên, trong đó ..."). The rules:

- A class counts in the period its opening day (khai giảng) falls in. A class
  from November to January is one class of the year it opened: counted once,
  never in both years' reports and never in neither, and its learners were
  enrolled when it opened — a report says how many classes the Center *opened*
  ("mở ... lớp"). Its learners count with it.
- Its field trips count by their own day: a trip is an event of the year it
  was made, as a conference is (by its day). Lessons and their hours count by
  their own day too (``giangvien.development.load``).
- By programme: the Center's list (Settings.programmes) in its order, then any
  other programme typed, then classes without one. By partner body: classes
  run with one ("phối hợp với ..."), most classes first. The same name typed
  with other capitals, spaces or tone placement ("Huyện Đoàn", "huyện đoàn")
  is one programme or body, shown as most of its classes spell it.
- Deleted records never count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from giangvien.development.period import Period
from giangvien.models import Conference, ConferenceKind, TrainingClass
from giangvien.vntext import canonical_tone, collation_key


@dataclass(frozen=True)
class Tally:
    """Classes of one programme or one partner body, and their learners."""

    label: str  # as typed on the classes; "" for classes without a programme
    classes: int
    learners: int


@dataclass(frozen=True)
class ConferenceTally:
    kind: ConferenceKind
    conferences: int
    attendees: int


@dataclass(frozen=True)
class ClassFigures:
    period: Period
    classes: int
    learners: int
    by_programme: list[Tally]
    by_partner: list[Tally]
    conferences: list[ConferenceTally]  # the kinds held, in ConferenceKind's order
    field_trips: int
    trip_learners: int

    @property
    def attendees(self) -> int:
        return sum(c.attendees for c in self.conferences)

    @property
    def empty(self) -> bool:
        return not (self.classes or self.conferences or self.field_trips)


def same_name(text: str) -> str:
    """The key under which two spellings of one name are one (case, spaces, tone placement)."""
    return " ".join(canonical_tone(text).casefold().split())


def opened_in(classes: Iterable[TrainingClass], period: Period) -> list[TrainingClass]:
    """The live classes opened in ``period``, by opening day."""
    found = [c for c in classes if c.deleted_at is None and c.opened in period]
    return sorted(found, key=lambda c: (c.opened, collation_key(c.class_name), c.id))


def _tallies(classes: Sequence[TrainingClass], label_of: str) -> dict[str, Tally]:
    """Per name key: the classes and learners, under the spelling most classes use."""
    groups: dict[str, list[TrainingClass]] = {}
    for c in classes:
        groups.setdefault(same_name(getattr(c, label_of)), []).append(c)
    found = {}
    for key, group in groups.items():
        spellings = [getattr(c, label_of) for c in group]
        counts = Counter(spellings)
        # Most classes decide; a tie goes to the spelling of the earliest class.
        label = max(counts, key=lambda s: (counts[s], -spellings.index(s)))
        found[key] = Tally(label, len(group), sum(c.learners for c in group))
    return found


def by_programme(classes: Sequence[TrainingClass], programmes: Sequence[str]) -> list[Tally]:
    found = _tallies(classes, "programme")
    order = {same_name(p): i for i, p in reversed(list(enumerate(programmes)))}
    return sorted(
        found.values(),
        key=lambda t: (
            not t.label,  # classes without a programme last
            order.get(same_name(t.label), len(order)),
            collation_key(t.label),
        ),
    )


def by_partner(classes: Sequence[TrainingClass]) -> list[Tally]:
    found = [t for t in _tallies(classes, "partner").values() if t.label]
    return sorted(found, key=lambda t: (-t.classes, -t.learners, collation_key(t.label)))


def class_figures(
    classes: Iterable[TrainingClass],
    conferences: Iterable[Conference],
    period: Period,
    programmes: Sequence[str] = (),
) -> ClassFigures:
    everything = list(classes)
    opened = opened_in(everything, period)
    trips = [
        trip
        for c in everything
        if c.deleted_at is None
        for trip in c.field_trips
        if trip.date in period
    ]
    held = [c for c in conferences if c.deleted_at is None and c.date in period]
    tallies = [
        ConferenceTally(kind, len(of), sum(c.attendees for c in of))
        for kind in ConferenceKind
        if (of := [c for c in held if c.kind is kind])
    ]
    return ClassFigures(
        period=period,
        classes=len(opened),
        learners=sum(c.learners for c in opened),
        by_programme=by_programme(opened, programmes),
        by_partner=by_partner(opened),
        conferences=tallies,
        field_trips=len(trips),
        trip_learners=sum(t.learners for t in trips),
    )
