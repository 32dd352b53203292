"""The rows of a class form: a lesson taught (lesson, lecturer, day, hours) and a field trip.

They are the meeting form's rows (``screens.meeting_rows``): inputs on one line,
"×" to remove, the reason a row was refused under it, and the raw texts as state.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.suggester import SuggestFromList

from giangvien.i18n import tr
from giangvien.models import Lecturer
from screens import class_state as cs
from screens.meeting_rows import MeetingRow, _compact, _due, _input
from screens.widgets.date_field import DateInput
from screens.widgets.lecturer_picker import LecturerPicker


class LessonRow(MeetingRow[cs.LessonState]):
    """One lesson taught: typed (the lessons taught before are suggested), who, when, how long."""

    def __init__(self, row: cs.LessonState, people: list[Lecturer], known: Sequence[str]) -> None:
        super().__init__(row, classes="mtg-row cls-lesson")
        self.people = people
        self.known = known

    def compose_inputs(self) -> ComposeResult:
        lesson = _input(self.row["lesson"], "classes.lesson_placeholder", "cls-lesson-name")
        if self.known:
            lesson.suggester = SuggestFromList(self.known, case_sensitive=False)
        yield lesson
        prompt = tr("classes.pick_lecturer")
        who = self.row["lecturer_id"] or None
        yield _compact(LecturerPicker(self.people, who, prompt=prompt), "cls-lecturer")
        day = _due(self.row["date"])
        day.add_class("cls-date")
        yield day
        yield _input(self.row["hours"], "classes.hours_placeholder", "cls-hours")

    def state(self) -> cs.LessonState:
        return {**self.row, "lesson": self.text(".cls-lesson-name"),
                "lecturer_id": self.picked(".cls-lecturer"),
                "date": self.query_one(".cls-date", DateInput).value,
                "hours": self.text(".cls-hours")}  # fmt: skip


class TripRow(MeetingRow[cs.TripState]):
    """A field trip: when, where, with how many learners."""

    def __init__(self, row: cs.TripState) -> None:
        super().__init__(row, classes="mtg-row cls-trip")

    def compose_inputs(self) -> ComposeResult:
        day = _due(self.row["date"])
        day.add_class("cls-date")
        yield day
        yield _input(self.row["place"], "classes.trip_place", "cls-trip-place")
        yield _input(self.row["learners"], "classes.trip_learners", "cls-trip-learners")

    def state(self) -> cs.TripState:
        return {"date": self.query_one(".cls-date", DateInput).value,
                "place": self.text(".cls-trip-place"),
                "learners": self.text(".cls-trip-learners")}  # fmt: skip
