"""A class of the Center (lớp đào tạo, bồi dưỡng): what, where, with whom, when, how many
learners; the lessons taught in it and its field trips, as rows entered by keys.

The lifecycle is ``RowsForm``'s, the state ``class_state``'s. Ctrl+N adds a row
to the list the cursor is in (a lesson, when it is in none) with the day and
hours of the row before, and puts the cursor on it; Ctrl+R removes the row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, TextArea

from giangvien.i18n import tr
from giangvien.models import TrainingClass
from giangvien.problems import Problem
from screens import class_state as cs
from screens.class_rows import LessonRow, TripRow
from screens.classes import key
from screens.meeting_rows import RowList
from screens.row_form import RowsForm
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import ProgrammePicker, pickable
from screens.widgets.suggestions import known_lessons

ROUTES_TO = {"model.class_closed_before_opened": "closed"}


class ClassFormScreen(RowsForm[cs.ClassState]):
    """Dismisses with the id of the saved class, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_row", "add_row"),
        key("ctrl+r,ctrl+delete", "remove_row", "remove_row"),
    ]

    MODEL = TrainingClass
    STATE = cs.ClassState
    DRAFT_KIND = cs.KIND
    AREA = "classes"
    FORM_ID = "cls-form"
    AUTO_FOCUS = "#c-class_name"
    ROUTES: ClassVar[dict[str, str]] = ROUTES_TO
    ROW_LISTS = ("lessons", "field_trips")

    # The form's lists, made with its fields.
    _lessons: RowList[cs.LessonState]
    _trips: RowList[cs.TripState]

    # -- building ----------------------------------------------------------

    def baseline(self) -> cs.ClassState:
        return cs.state_of(self.record, self.gv.today())

    def compose_fields(self, s: cs.ClassState) -> ComposeResult:
        repo = self.gv.repo
        # The state, not the raw draft: only what read as ids is offered again.
        named = (self.record.people() if self.record else set()) | cs.named_in(s)
        people = pickable(repo.lecturers(include_archived=True), named)
        known = known_lessons(repo)
        with Horizontal(classes="form-row"):
            name = Input(s["class_name"], id="c-class_name")
            yield Field(tr("field.class_name"), name, name="class_name")
            programme = ProgrammePicker(repo.settings().programmes, s["programme"], id="c-prog")
            yield Field(tr("field.programme"), programme, name="programme")
        with Horizontal(classes="form-row"):
            for name_, text in (("place", s["place"]), ("partner", s["partner"])):
                box = Input(text, placeholder=tr(f"classes.{name_}_placeholder"),
                            id=f"c-{name_}")  # fmt: skip
                yield Field(tr(f"field.{name_}"), box, name=name_)
        with Horizontal(classes="form-row"):
            for name_, text, optional in (("opened", s["opened"], False),
                                          ("closed", s["closed"], True)):  # fmt: skip
                day = DateInput(optional=optional, id=f"c-{name_}")
                day.value = text
                yield Field(tr(f"field.{name_}"), day, name=name_)
            learners = Input(s["learners"], id="c-learners")
            yield Field(tr("field.learners"), learners, name="learners")
        self._lessons = RowList(
            "lessons", s["lessons"], lambda r: LessonRow(r, people, known),
            blank=lambda rows: cs.next_lesson(rows, self._opened()),
            add_label=tr("classes.add_lesson"),
        )  # fmt: skip
        yield Field(tr("classes.lessons"), self._lessons, name="lessons")
        self._trips = RowList(
            "field_trips",
            s["field_trips"],
            TripRow,
            blank=lambda _: cs.trip_row(),
            add_label=tr("classes.add_trip"),
        )
        yield Field(tr("field.field_trips"), self._trips, name="field_trips")
        notes = TextArea(s["notes"], soft_wrap=True, tab_behavior="focus", id="c-notes")
        yield Field(tr("classes.notes"), notes, name="notes")

    def _opened(self) -> str:
        return self.query_one("#c-opened", DateInput).value

    # -- state -------------------------------------------------------------

    def read_fields(self) -> cs.ClassState:
        def line(name: str) -> str:
            return self.query_one(f"#c-{name}", Input).value

        q = self.query_one
        return {
            "programme": q(ProgrammePicker).value,
            "class_name": line("class_name"),
            "place": line("place"),
            "partner": line("partner"),
            "opened": q("#c-opened", DateInput).value,
            "closed": q("#c-closed", DateInput).value,
            "learners": line("learners"),
            "lessons": self._lessons.state(),
            "field_trips": self._trips.state(),
            "notes": q("#c-notes", TextArea).text,
        }

    # -- checks and problems -----------------------------------------------

    def check(self, state: cs.ClassState) -> tuple[list[Problem], dict[str, Any]]:
        built = cs.build(state, self.record)
        self._rows = built.rows
        return list(built.problems), built.data

    # -- rows --------------------------------------------------------------

    async def action_add_row(self) -> None:
        # Outside both lists a new row is a lesson: what a class's form is mostly filled with.
        found = self._focused_in(RowList)
        target = found if isinstance(found, RowList) else self._lessons
        row = await target.add()
        if row is not None:
            row.scroll_visible()
