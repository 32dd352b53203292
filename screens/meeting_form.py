"""The monthly meeting (sinh hoạt chuyên môn): when, who, the six sections; never lost.

Like the observation sheet, what is on screen is a *state* of raw texts (see
``meeting_state``), kept as a draft while it is typed and compared with the
stored record to know whether anything changed. Lists (guests, content
updates, remarks, tasks) grow with Ctrl+N or their "add" button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Static, TextArea

from giangvien.documents.meeting import previous_month
from giangvien.i18n import tr
from giangvien.meetings import month_review
from giangvien.models import Lecturer, Meeting, Observation, Trial
from giangvien.problems import Invalid, Problem, validate
from screens import meeting_state as ms
from screens.meeting_rows import (
    GuestRow,
    MeetingRow,
    MemberRow,
    RemarkRow,
    RowList,
    TaskRow,
    UpdateRow,
)
from screens.meetings import key
from screens.record_form import RecordForm
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, pickable

if TYPE_CHECKING:
    pass

ROUTES = {"model.meeting_end_before_start": "end_time"}  # record-wide sentences, at a field
ROW_LISTS = ("attendance", "content_updates", "remarks", "tasks")  # lists of the record


class MeetingFormScreen(RecordForm):
    """Dismisses with the id of the saved meeting, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+r", "fill_review", "fill_review"),
        key("ctrl+n", "add_row", "add_row"),
        key("ctrl+delete", "remove_row", "remove_row", key_display="Ctrl+Del"),
    ]

    MODEL = Meeting
    DRAFT_KIND = "meeting"

    def __init__(self, record: Meeting | None = None, draft: dict[str, Any] | None = None):
        super().__init__(record, draft)
        self._rows: dict[str, list[tuple[str, int]]] = {}

    # -- building ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        if self.draft is None:  # however the meeting was opened, its draft comes first
            self.draft = self._waiting_draft()
        named = self.record.people() if self.record else set()
        people = pickable(repo.lecturers(include_archived=True), named | ms.named_in(self.draft))
        self._baseline = ms.state_of(self.record, people, self.gv.today())
        s = {**self._baseline, **(self.draft or {})}
        by_id = {p.id: p for p in people}
        yield Header()
        yield ReadOnlyBanner(repo.read_only_reason)
        with VerticalScroll(id="mtg-form"):
            title = "meetings.form_edit" if self.record else "meetings.form_new"
            yield Static(tr(title), classes="section-title")
            with Horizontal(classes="form-row"):
                date = DateInput(id="f-date")
                date.value = s["date"]
                yield Field(tr("field.date"), date, name="date", id="field-date")
                for name in ("start_time", "end_time"):
                    hint = tr("meetings.time_placeholder")
                    box = Input(s[name], placeholder=hint, id=f"f-{name}")
                    yield Field(tr(f"field.{name}"), box, name=name, id=f"field-{name}")
                yield Field(tr("field.number"), Input(s["number"], id="f-number"), name="number")
            yield Field(tr("field.place"), Input(s["place"], id="f-place"), name="place")
            with Horizontal(classes="form-row"):
                for name in ("chair_id", "secretary_id"):
                    prompt = tr(f"meetings.pick_{name}")
                    pick = LecturerPicker(people, s[name] or None, prompt=prompt, id=f"f-{name}")
                    yield Field(tr(f"field.{name}"), pick, name=name)
            rows = ms.member_rows_of(s, people)
            listed = RowList("attendance", rows, lambda r: MemberRow(by_id[r["lecturer_id"]], r),
                             addable=False)  # fmt: skip
            yield Field(tr("meetings.members"), listed, name="attendance")
            guests = RowList("guests", s["guests"], GuestRow)
            yield Field(tr("meetings.guests"), guests, name="guests")
            yield from self._sections(s, people)
            yield Static("", markup=False, id="form-error")
        yield Footer(compact=True)  # five keys of its own, and the app's

    def _sections(self, s: dict[str, Any], people: list[Lecturer]) -> ComposeResult:
        def area(name: str) -> TextArea:
            return TextArea(s[name], soft_wrap=True, tab_behavior="focus", id=f"f-{name}")

        yield Static(tr("meetings.content_title"), classes="form-subtitle")
        fill = Button(tr("meetings.fill_review"), id="mtg-fill", compact=True,
                      tooltip=tr("meetings.key_fill_review_tip"))  # fmt: skip
        yield Field(tr("meetings.section_1"), area("review"), name="review")
        yield fill
        yield Field(tr("meetings.section_2"), area("teaching_aids"), name="teaching_aids")
        yield Field(tr("meetings.section_3"), area("active_methods"), name="active_methods")
        updates = RowList("content_updates", s["content_updates"],
                          lambda r: UpdateRow(r, people))  # fmt: skip
        yield Field(tr("meetings.section_4"), updates, name="content_updates")
        remarks = RowList("remarks", s["remarks"], lambda r: RemarkRow(r, people))
        yield Field(tr("meetings.section_5"), remarks, name="remarks")
        yield Field(tr("meetings.section_6"), area("conclusion"), name="conclusion")
        tasks = RowList("tasks", s["tasks"], lambda r: TaskRow(r, people))
        yield Field(tr("meetings.tasks"), tasks, name="tasks")

    def _waiting_draft(self) -> dict[str, Any] | None:
        found = self.gv.repo.drafts().get(self.key)
        if found is None or found.get("kind") != ms.KIND:
            return None
        self.notify(tr("meetings.draft_resumed"))
        return found

    def on_mount(self) -> None:
        self.keep_drafts()
        self.query_one("#f-date", DateInput).focus()

    # -- state -------------------------------------------------------------

    def _list(self, name: str) -> RowList:
        return self.query_one(f"#mtg-{name}", RowList)

    def raw(self) -> dict[str, Any]:
        """What the fields hold now, as typed: the draft's content."""
        q = self.query_one
        return {
            "kind": ms.KIND, "record_id": self.record_id,
            "date": q("#f-date", DateInput).value,
            "start_time": q("#f-start_time", Input).value,
            "end_time": q("#f-end_time", Input).value,
            **{name: q(f"#f-{name}", Input).value for name in ms.LINES},
            "chair_id": q("#f-chair_id", LecturerPicker).lecturer_id or "",
            "secretary_id": q("#f-secretary_id", LecturerPicker).lecturer_id or "",
            **{name: q(f"#f-{name}", TextArea).text for name in ms.AREAS},
            **{name: self._list(name).state()
               for name in ("attendance", "guests", "content_updates", "remarks", "tasks")},
        }  # fmt: skip

    # -- actions -----------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        built = ms.build(self.raw(), self.record)
        self._rows = built.rows
        found = list(built.problems)
        try:
            meeting = validate(Meeting, built.data)
        except Invalid as error:
            named = {p.field for p in found}
            found += [p for p in error.problems if p.field not in named]
            meeting = None
        if found or meeting is None:
            self._show_problems(found)
            return
        self._saving = True
        repo, draft = self.gv.repo, self.key

        def save() -> Meeting:
            saved = repo.save(meeting)
            repo.drop_draft(draft)
            self._stored = True
            return saved

        self.gv.write(save, self._saved, self._refused)

    def _saved(self, saved: Meeting) -> None:
        self._finished = True
        self.notify(tr("meetings.saved"))
        self.dismiss(saved.id)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        self._show_problems(error.problems)

    def _row_of(self, path: str) -> MeetingRow | None:
        head, _, rest = path.partition(".")
        index = rest.partition(".")[0]
        if head not in ROW_LISTS or not index.isdigit():
            return None
        places = self._rows.get(head, [])
        if int(index) >= len(places):
            return None
        form_list, row = places[int(index)]
        rows = self._list(form_list).rows
        return rows[row] if row < len(rows) else None

    def _show_problems(self, problems: list[Problem]) -> None:
        routes = {tr(sentence): name for sentence, name in ROUTES.items()}
        fields = {f.name: f for f in self.query(Field)}
        at: dict[Widget, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            head = problem.field.split(".")[0] or routes.get(problem.message, "")
            place: Widget | None = self._row_of(problem.field) or fields.get(head)
            if place is None:
                general.append(problem.sentence())
            elif problem.message not in at.setdefault(place, []):  # said by form and model
                at[place].append(problem.message)
        for widget in [*fields.values(), *self.query(MeetingRow)]:
            cast(Any, widget).show_error("\n".join(at.get(widget, [])))
        said = self.query_one("#form-error", Static)
        said.update("\n".join(general))
        said.set_class(bool(general), "-shown")
        bad = next((w for w in self.query("Field, MeetingRow") if w in at), None)
        if isinstance(bad, Field):
            focus = bad.widget if not isinstance(bad.widget, RowList) else bad.widget.rows[0]
            (focus.bad_input() if isinstance(focus, MeetingRow) else focus).focus()
        elif isinstance(bad, MeetingRow):
            bad.bad_input().focus()
        self.notify("\n".join([tr("meetings.not_saved"), *general]), severity="warning",
                    markup=False)  # fmt: skip

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

    def _focused_in(self, kind: type[Widget]) -> Widget | None:
        focused = self.focused
        if focused is None:
            return None
        return next((a for a in (focused, *focused.ancestors) if isinstance(a, kind)), None)

    async def action_add_row(self) -> None:
        found = self._focused_in(RowList)
        if isinstance(found, RowList) and found.addable:
            await found.add()
        else:
            self.notify(tr("meetings.add_row_where"))

    async def action_remove_row(self) -> None:
        row = self._focused_in(MeetingRow)
        if isinstance(row, MeetingRow) and row.removable:
            await cast(RowList, row.parent).remove_row(row)

    # -- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.changed():
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr("meetings.leave_question"), yes=tr("meetings.leave_discard"),
                                no=tr("meetings.leave_keep"), safe_no=True)  # fmt: skip
        self.app.push_screen(question, self._answered)

    def _answered(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
