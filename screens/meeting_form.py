"""The monthly meeting (sinh hoạt chuyên môn): when, who, the six sections; never lost.

The lifecycle is ``RecordForm``'s, the state ``meeting_state``'s. Here: the
fields, the rows of its lists (guests, content updates, remarks, tasks grow
with Ctrl+N or their "add" button), and where a row's problem is shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static, TextArea

from giangvien.documents.meeting import previous_month
from giangvien.i18n import tr
from giangvien.meetings import month_review
from giangvien.models import Lecturer, Meeting, Observation, Trial
from giangvien.problems import Problem
from screens import meeting_state as ms
from screens.form_state import Draft
from screens.meeting_rows import (
    GuestRow,
    MemberRow,
    RemarkRow,
    RowList,
    TaskRow,
    UpdateRow,
)
from screens.meetings import key
from screens.row_form import RowsForm
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, pickable

ROW_LISTS = ("attendance", "content_updates", "remarks", "tasks")  # lists of the record


class MeetingFormScreen(RowsForm[ms.MeetingState]):
    """Dismisses with the id of the saved meeting, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+t", "fill_review", "fill_review"),
        key("ctrl+n", "add_row", "add_row"),
        key("ctrl+r,ctrl+delete", "remove_row", "remove_row"),
    ]

    MODEL = Meeting
    STATE = ms.MeetingState
    DRAFT_KIND = ms.KIND
    AREA = "meetings"
    FORM_ID = "mtg-form"
    AUTO_FOCUS = "#f-date"
    COMPACT_FOOTER = True  # five keys of its own, and the app's
    ROUTES: ClassVar[dict[str, str]] = {"model.meeting_end_before_start": "end_time"}
    ROW_LISTS = ROW_LISTS

    # The form's lists, made with its fields.
    _members: RowList[ms.MemberState]
    _guests: RowList[ms.GuestState]
    _updates: RowList[ms.UpdateState]
    _remarks: RowList[ms.RemarkState]
    _tasks: RowList[ms.TaskState]

    def __init__(self, record: Meeting | None = None, draft: Draft | None = None) -> None:
        super().__init__(record, draft)
        self.people: list[Lecturer] = []

    # -- building ----------------------------------------------------------

    def baseline(self) -> ms.MeetingState:
        # The lecturers offered make the baseline the draft is read against, so they come
        # from the draft as stored (named_in takes only what reads as an id).
        named = self.record.people() if self.record else set()
        self.people = pickable(self.gv.repo.lecturers(include_archived=True),
                               named | ms.named_in(self.draft))  # fmt: skip
        return ms.state_of(self.record, self.people, self.gv.today())

    def compose_fields(self, s: ms.MeetingState) -> ComposeResult:
        people = self.people
        by_id = {p.id: p for p in people}
        with Horizontal(classes="form-row"):
            date = DateInput(id="f-date")
            date.value = s["date"]
            yield Field(tr("field.date"), date, name="date", id="field-date")
            for name, text in (("start_time", s["start_time"]), ("end_time", s["end_time"])):
                hint = tr("meetings.time_placeholder")
                box = Input(text, placeholder=hint, id=f"f-{name}")
                yield Field(tr(f"field.{name}"), box, name=name, id=f"field-{name}")
            yield Field(tr("field.number"), Input(s["number"], id="f-number"), name="number")
        yield Field(tr("field.place"), Input(s["place"], id="f-place"), name="place")
        with Horizontal(classes="form-row"):
            for name, who in (("chair_id", s["chair_id"]), ("secretary_id", s["secretary_id"])):
                prompt = tr(f"meetings.pick_{name}")
                pick = LecturerPicker(people, who or None, prompt=prompt, id=f"f-{name}")
                yield Field(tr(f"field.{name}"), pick, name=name)
        rows = ms.member_rows_of(s, people)
        self._members = RowList("attendance", rows,
                                lambda r: MemberRow(by_id[r["lecturer_id"]], r))  # fmt: skip
        yield Field(tr("meetings.members"), self._members, name="attendance")
        self._guests = RowList("guests", s["guests"], GuestRow, blank=lambda _: ms.guest_row())
        yield Field(tr("meetings.guests"), self._guests, name="guests")
        yield from self._sections(s, people)

    def _sections(self, s: ms.MeetingState, people: list[Lecturer]) -> ComposeResult:
        def area(name: str, text: str) -> TextArea:
            return TextArea(text, soft_wrap=True, tab_behavior="focus", id=f"f-{name}")

        yield Static(tr("meetings.content_title"), classes="form-subtitle")
        fill = Button(tr("meetings.fill_review"), id="mtg-fill", compact=True,
                      tooltip=tr("meetings.key_fill_review_tip"))  # fmt: skip
        yield Field(tr("meetings.section_1"), area("review", s["review"]), name="review")
        yield fill
        aids = area("teaching_aids", s["teaching_aids"])
        yield Field(tr("meetings.section_2"), aids, name="teaching_aids")
        methods = area("active_methods", s["active_methods"])
        yield Field(tr("meetings.section_3"), methods, name="active_methods")
        self._updates = RowList(
            "content_updates",
            s["content_updates"],
            lambda r: UpdateRow(r, people),
            blank=lambda _: ms.update_row(),
        )
        yield Field(tr("meetings.section_4"), self._updates, name="content_updates")
        self._remarks = RowList("remarks", s["remarks"], lambda r: RemarkRow(r, people),
                                blank=lambda _: ms.remark_row())  # fmt: skip
        yield Field(tr("meetings.section_5"), self._remarks, name="remarks")
        conclusion = area("conclusion", s["conclusion"])
        yield Field(tr("meetings.section_6"), conclusion, name="conclusion")
        self._tasks = RowList("tasks", s["tasks"], lambda r: TaskRow(r, people),
                              blank=lambda _: ms.task_row())  # fmt: skip
        yield Field(tr("meetings.tasks"), self._tasks, name="tasks")

    # -- state -------------------------------------------------------------

    def read_fields(self) -> ms.MeetingState:
        def line(name: str) -> str:
            return self.query_one(f"#f-{name}", Input).value

        def area(name: str) -> str:
            return self.query_one(f"#f-{name}", TextArea).text

        def picked(name: str) -> str:
            return self.query_one(f"#f-{name}", LecturerPicker).lecturer_id or ""

        return {
            "date": self.query_one("#f-date", DateInput).value,
            "start_time": line("start_time"), "end_time": line("end_time"),
            "place": line("place"), "number": line("number"),
            "chair_id": picked("chair_id"), "secretary_id": picked("secretary_id"),
            "attendance": self._members.state(), "guests": self._guests.state(),
            "review": area("review"), "teaching_aids": area("teaching_aids"),
            "active_methods": area("active_methods"), "conclusion": area("conclusion"),
            "content_updates": self._updates.state(), "remarks": self._remarks.state(),
            "tasks": self._tasks.state(),
        }  # fmt: skip

    # -- actions -----------------------------------------------------------

    def check(self, state: ms.MeetingState) -> tuple[list[Problem], dict[str, Any]]:
        built = ms.build(state, self.record)
        self._rows = built.rows
        return list(built.problems), built.data

    def action_fill_review(self) -> None:
        repo = self.gv.repo
        day = self.query_one("#f-date", DateInput).date or self.gv.today()
        names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}
        summary = month_review(previous_month(day), repo.all(Observation), names, repo.rubric,
                               repo.all(Trial))  # fmt: skip
        area = self.query_one("#f-review", TextArea)
        if summary in area.text:
            self.notify(tr("meetings.fill_already"))
        else:
            # On a line of its own: what the secretary types next starts below it.
            area.insert(summary + "\n", (0, 0))
        area.focus()

    @on(Button.Pressed, "#mtg-fill")
    def _fill_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_fill_review()

    async def action_add_row(self) -> None:
        found = self._focused_in(RowList)
        if isinstance(found, RowList) and found.addable:
            await found.add()
        else:
            self.notify(tr("meetings.add_row_where"))
