"""A class form's state: the raw texts of its fields and rows, and the record they make.

What a draft keeps is what was typed ("31/02", "3,5", "1.2.3" too); ``build``
reads it into a TrainingClass's data, each problem at the field or row it
belongs to. A row left blank is no lesson (or trip), not a refusal. No Textual here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from typing_extensions import TypedDict

from giangvien.i18n import tr
from giangvien.models import TrainingClass, new_id
from giangvien.problems import Problem
from giangvien.vntext import format_date, format_decimal, parse_count, parse_date, parse_decimal
from screens.meeting_state import Built

KIND: Final = "class"
DEFAULT_HOURS: Final = "4"  # one session (buổi) of a lesson


class LessonState(TypedDict):
    id: str
    lesson: str
    lecturer_id: str  # "": nobody chosen yet
    date: str
    hours: str


class TripState(TypedDict):
    date: str
    place: str
    learners: str


class ClassState(TypedDict):
    programme: str
    class_name: str
    place: str
    partner: str
    opened: str
    closed: str
    learners: str
    lessons: list[LessonState]
    field_trips: list[TripState]
    notes: str


def _day(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def lesson_row(
    *, lesson: str = "", lecturer_id: str = "", date: str = "", hours: str = DEFAULT_HOURS
) -> LessonState:
    return {"id": new_id(), "lesson": lesson, "lecturer_id": lecturer_id, "date": date,
            "hours": hours}  # fmt: skip


def trip_row(*, date: str = "", place: str = "", learners: str = "") -> TripState:
    return {"date": date, "place": place, "learners": learners}


def next_lesson(rows: list[LessonState], opened: str) -> LessonState:
    """A new lesson row: the day and hours of the row before it (the opening day at first).

    Lessons of a class come one after another, mostly in sessions of the same
    length: the typing left is the lesson and who taught it.
    """
    if not rows:
        return lesson_row(date=opened)
    last = rows[-1]
    return lesson_row(date=last["date"], hours=last["hours"])


def state_of(record: TrainingClass | None, today: dt.date) -> ClassState:
    """The fields' texts of a stored class, or of a new one opening today."""
    r = record
    if r is None:
        return {"programme": "", "class_name": "", "place": "", "partner": "",
                "opened": format_date(today), "closed": "", "learners": "", "lessons": [],
                "field_trips": [], "notes": ""}  # fmt: skip
    return {
        "programme": r.programme, "class_name": r.class_name, "place": r.place,
        "partner": r.partner, "opened": format_date(r.opened), "closed": _day(r.closed),
        "learners": str(r.learners) if r.learners else "",
        "lessons": [
            {"id": x.id, "lesson": x.lesson, "lecturer_id": x.lecturer_id,
             "date": format_date(x.date), "hours": format_decimal(x.hours)}
            for x in r.lessons
        ],
        "field_trips": [
            {"date": format_date(t.date), "place": t.place, "learners": str(t.learners)}
            for t in r.field_trips
        ],
        "notes": r.notes,
    }  # fmt: skip


def named_in(state: ClassState) -> set[str]:
    """The lecturers the state's lessons name (archived ones stay offered)."""
    return {r["lecturer_id"] for r in state["lessons"] if r["lecturer_id"]}


def _date(value: str, path: str, problems: list[Problem], *, optional: bool = False) -> Any:
    if optional and not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return value


def _count(value: str, path: str, problems: list[Problem]) -> Any:
    if not value.strip():
        return 0
    try:
        return parse_count(value)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return value


def _hours(value: str, path: str, problems: list[Problem]) -> Any:
    try:
        return parse_decimal(value)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return value


def _outside(day: Any, opened: Any, closed: Any) -> bool:
    if not isinstance(day, dt.date) or not isinstance(opened, dt.date):
        return False  # what could not be read is said already
    return day < opened or (isinstance(closed, dt.date) and day > closed)


def build(state: ClassState, record: TrainingClass | None) -> Built:
    """The data of the class the form holds (rows left blank are no entries)."""
    problems: list[Problem] = []
    where: dict[str, list[tuple[str, int]]] = {"lessons": [], "field_trips": []}
    lessons: list[dict[str, Any]] = []
    for i, lesson in enumerate(state["lessons"]):
        # A new row comes with its day and hours: a lesson or a lecturer makes it one.
        if not (lesson["lesson"].strip() or lesson["lecturer_id"]):
            continue
        path = f"lessons.{len(lessons)}"
        where["lessons"].append(("lessons", i))
        lessons.append({
            "id": lesson["id"] or new_id(), "lesson": lesson["lesson"],
            "lecturer_id": lesson["lecturer_id"],
            "date": _date(lesson["date"], f"{path}.date", problems),
            "hours": _hours(lesson["hours"], f"{path}.hours", problems),
        })  # fmt: skip
    trips: list[dict[str, Any]] = []
    for i, trip in enumerate(state["field_trips"]):
        if not (trip["date"] + trip["place"] + trip["learners"]).strip():
            continue
        path = f"field_trips.{len(trips)}"
        where["field_trips"].append(("field_trips", i))
        trips.append({
            "date": _date(trip["date"], f"{path}.date", problems), "place": trip["place"],
            "learners": _count(trip["learners"], f"{path}.learners", problems),
        })  # fmt: skip
    opened = _date(state["opened"], "opened", problems)
    closed = _date(state["closed"], "closed", problems, optional=True)
    # Said with the rows' other reasons: the model checks the days only once all else is valid.
    for name, rows in (("lessons", lessons), ("field_trips", trips)):
        for i, entry in enumerate(rows):
            if _outside(entry["date"], opened, closed):
                problems.append(Problem(f"{name}.{i}.date", tr("model.class_date_outside")))
    data = {
        **(record.model_dump() if record else {}),
        "programme": state["programme"],
        "class_name": state["class_name"],
        "place": state["place"],
        "partner": state["partner"],
        "opened": opened,
        "closed": closed,
        "learners": _count(state["learners"], "learners", problems),
        "lessons": lessons,
        "field_trips": trips,
        "notes": state["notes"],
    }
    return Built(data, problems, where)
