"""`giangvien ls`: records sorted the Vietnamese way, as a table or as JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from giangvien.attendance import counts
from giangvien.i18n import tr
from giangvien.models import (
    Briefing,
    Conference,
    Lecturer,
    Meeting,
    Observation,
    Presence,
    Record,
    TrainingClass,
    Trial,
)
from giangvien.rubric import Rubric
from giangvien.vntext import (
    collation_key,
    format_date,
    format_decimal,
    format_number,
    format_time,
    inert,
)

Row = list[str]
WIDTH = 48  # a cell wider than this is cut with "…" in the table form
# Columns added after the area's own "cli.cols_<kind>" (catalogue keys).
EXTRA_COLUMNS = {"briefing": ("sessions.cli_col_rate",)}


def table(headers: Sequence[str], rows: Sequence[Row]) -> str:
    cells = [[_cut(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def _cut(text: str) -> str:
    # inert: a hand-edited file may still hold an ESC; the terminal never acts on it.
    flat = inert(" ".join(text.split()))
    return flat if len(flat) <= WIDTH else flat[: WIDTH - 1] + "…"


class Lister:
    """Sorting and columns for each kind, given the names and rubrics of the file."""

    def __init__(self, names: dict[str, str], rubrics: Callable[[str, int], Rubric | None]):
        self.names = names
        self.rubrics = rubrics

    def name(self, lecturer_id: str | None) -> str:
        return self.names.get(lecturer_id or "", "") if lecturer_id else ""

    def _by_date(self, records: Sequence[Any], who: Callable[[Any], str]) -> list[Any]:
        return sorted(records, key=lambda r: (r.date, collation_key(who(r)), r.id))

    def sort(self, records: Sequence[Record]) -> list[Record]:
        if not records:
            return []
        first = records[0]
        if isinstance(first, Lecturer):
            return sorted(records, key=lambda r: r.sort_key)  # type: ignore[attr-defined]
        if isinstance(first, Observation | Trial):
            return self._by_date(records, lambda r: self.name(r.lecturer_id))
        if isinstance(first, Meeting | Briefing):
            return self._by_date(records, lambda r: "")
        if isinstance(first, TrainingClass):
            return sorted(records, key=lambda r: (r.opened, collation_key(r.class_name), r.id))  # type: ignore[attr-defined]
        if isinstance(first, Conference):
            return self._by_date(records, lambda r: r.subject)
        return sorted(records, key=lambda r: (r.created_at, r.id))

    def rows(self, records: Sequence[Record]) -> tuple[list[str], list[Row]]:
        if not records:
            return [], []
        kind = type(records[0]).__name__.lower()
        render = getattr(self, f"_{kind}")
        headers = tr(f"cli.cols_{kind}").split("|")
        headers += [tr(key) for key in EXTRA_COLUMNS.get(kind, ())]
        return headers, [render(r) for r in records]

    def _lecturer(self, r: Lecturer) -> Row:
        start = format_date(r.start_date) if r.start_date else ""
        state = tr("cli.archived") if r.archived else ""
        return [
            r.full_name,
            tr(f"enum.position_{r.position.value}"),
            tr(f"enum.employment_{r.employment.value}"),
            r.unit,
            start,
            state,
        ]

    def _observation(self, r: Observation) -> Row:
        total = band = ""
        rubric = self.rubrics(r.rubric_id, r.rubric_version)
        if r.scores is not None and rubric is not None:
            total = format_decimal(rubric.total_of(r.scores))
            band = rubric.band_of(r.scores).name
        elif r.scores is None:
            band = tr("cli.comments_only")
        observers = ", ".join(self.name(o) for o in r.observer_ids)
        reviewed = tr("cli.yes") if r.reviewed else ""
        return [
            format_date(r.date),
            self.name(r.lecturer_id),
            observers,
            r.lesson,
            total,
            band,
            reviewed,
        ]

    def _trial(self, r: Trial) -> Row:
        verdict = tr(f"enum.verdict_{r.verdict.value}") if r.verdict else tr("cli.pending")
        again = format_date(r.next_trial_date) if r.next_trial_date else ""
        return [format_date(r.date), self.name(r.lecturer_id), r.lesson, verdict, again]

    def _meeting(self, r: Meeting) -> Row:
        hours = "–".join(format_time(t) for t in (r.start_time, r.end_time) if t)
        present = sum(a.status is not Presence.ABSENT for a in r.attendance)
        open_tasks = sum(t.done_on is None for t in r.tasks) + sum(
            u.done_on is None for u in r.content_updates
        )
        return [
            format_date(r.date),
            hours,
            self.name(r.chair_id),
            self.name(r.secretary_id),
            f"{present}/{len(r.attendance)}",
            str(open_tasks),
        ]

    def _briefing(self, r: Briefing) -> Row:
        # The Center's lecturers only (giangvien.attendance): guests are no one's row.
        tally = counts(r)
        talks = "; ".join(t.title for t in r.talks)
        rate = "" if tally.rate is None else f"{format_decimal(round(tally.rate * 100, 1))}%"
        return [
            format_date(r.date),
            tr(f"enum.level_{r.level.value}"),
            tr(f"enum.form_{r.form.value}"),
            talks,
            str(tally.present),
            str(tally.late),
            str(tally.absent),
            rate,
        ]

    def _trainingclass(self, r: TrainingClass) -> Row:
        closed = format_date(r.closed) if r.closed else ""
        hours = format_decimal(round(sum(lesson.hours for lesson in r.lessons), 2))
        return [
            format_date(r.opened),
            closed,
            r.class_name,
            r.programme,
            r.partner,
            format_number(r.learners),
            str(len(r.lessons)),
            hours,
            str(len(r.field_trips)),
        ]

    def _conference(self, r: Conference) -> Row:
        speakers = ", ".join(self.name(i) for i in r.lecturer_ids)
        return [
            format_date(r.date),
            tr(f"enum.conference_{r.kind.value}"),
            r.subject,
            r.partner,
            format_number(r.attendees),
            speakers,
        ]
