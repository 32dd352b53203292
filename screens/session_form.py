"""A briefing session (sinh hoạt báo cáo viên): what was said, and who came; never lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Briefing, Form, Level
from giangvien.problems import Invalid, Problem, validate
from screens.record_form import RecordForm
from screens.session_draft import AREAS, LINES, data_of, kept_talks, state_of
from screens.sessions import key
from screens.widgets.attendance_grid import AttendanceGrid
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.talks_editor import TalksEditor

if TYPE_CHECKING:
    pass


class SessionFormScreen(RecordForm):
    """Dismisses with the id of the saved session, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_talk", "add_talk"),
        key("ctrl+r", "remove_talk", "remove_talk"),
        key("ctrl+g", "guest", "guest"),
    ]

    MODEL = Briefing
    DRAFT_KIND = "session"

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        if self.draft is None:
            found = repo.drafts().get(self.key)
            if found is not None and found.get("kind") == "session":
                self.draft = found
                self.notify(tr("sessions.draft_resumed"))
        self._baseline = state_of(self.record, repo.lecturers())
        s = {**self._baseline, **(self.draft or {})}
        yield Header()
        yield ReadOnlyBanner(repo.read_only_reason)
        with VerticalScroll(id="session-form"):
            title = "sessions.form_edit" if self.record else "sessions.form_new"
            yield Static(tr(title), classes="section-title")
            with Horizontal(classes="form-row"):
                date = DateInput(id="s-date")
                date.value = s["date"]
                yield Field(tr("field.date"), date, name="date", id="s-field-date")
                levels = [(tr(f"enum.level_{v.value}"), v.value) for v in Level]
                level = Select(levels, value=s["level"], allow_blank=False, id="s-level")
                yield Field(tr("field.level"), level, name="level")
                forms = [(tr(f"enum.form_{v.value}"), v.value) for v in Form]
                form = Select(forms, value=s["form"], allow_blank=False, id="s-form")
                yield Field(tr("field.form"), form, name="form")
            point = Input(s["connection_point"], id="s-connection_point")
            yield Field(tr("sessions.connection_point"), point, name="connection_point")
            with Horizontal(classes="form-row"):
                for name in ("organiser", "chair"):
                    yield Field(tr(f"sessions.{name}"), Input(s[name], id=f"s-{name}"), name=name)
            yield Field(tr("field.talks"), TalksEditor(s["talks"], id="s-talks"), name="talks")
            for name in AREAS:
                area = TextArea(s[name], soft_wrap=True, tab_behavior="focus", id=f"s-{name}")
                yield Field(tr(f"sessions.{name}"), area, name=name)
            grid = AttendanceGrid(s["attendance"], repo.lecturer_names(), id="s-grid")
            yield Field(tr("sessions.attendance"), grid, name="attendance")
            yield Static("", markup=False, id="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.keep_drafts()
        self.query_one("#s-date", DateInput).focus()

    def raw(self) -> dict[str, Any]:
        q = self.query_one
        return {
            "kind": "session", "record_id": self.record_id,
            "date": q("#s-date", DateInput).value,
            "level": q("#s-level", Select).value, "form": q("#s-form", Select).value,
            **{name: q(f"#s-{name}", Input).value for name in LINES},
            "talks": q("#s-talks", TalksEditor).state,
            **{name: q(f"#s-{name}", TextArea).text for name in AREAS},
            "attendance": q("#s-grid", AttendanceGrid).state,
        }  # fmt: skip

    # -- talks and guests --------------------------------------------------

    def action_add_talk(self) -> None:
        self.query_one("#s-talks", TalksEditor).add()

    def action_remove_talk(self) -> None:
        talks = self.query_one("#s-talks", TalksEditor)
        row = talks.row_of(self.focused)
        if row is None:
            self.notify(tr("sessions.remove_where"), severity="warning")
        else:
            talks.remove_row(row)

    def action_guest(self) -> None:
        grid = self.query_one("#s-grid", AttendanceGrid)
        grid.guest["name"].focus()
        grid.guest["name"].scroll_visible()

    # -- saving ------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        state = self.raw()
        grid = self.query_one("#s-grid", AttendanceGrid)
        found: list[Problem] = []
        said = self.query_one("#s-date", DateInput).error()
        if said:
            found.append(Problem("date", said))
        unexplained = {i for i, row in enumerate(state["attendance"])
                       if row["status"] == "absent" and not row["reason"].strip()}  # fmt: skip
        if unexplained:
            names = ", ".join(grid.who(i) for i in sorted(unexplained))
            found.append(Problem("attendance", tr("sessions.reasons_missing", names=names)))
        data = data_of(state, self.record, grid.data())
        if found:
            try:
                validate(Briefing, data)
            except Invalid as error:
                named = {p.field.partition(".")[0] for p in found}
                found += [p for p in error.problems if p.field.partition(".")[0] not in named]
            self._show_problems(found, state, unexplained)
            return
        self._saving = True
        repo, draft = self.gv.repo, self.key

        def save() -> Briefing:
            saved = repo.save(validate(Briefing, data))
            repo.drop_draft(draft)
            self._stored = True
            return saved

        def refused(error: Invalid) -> None:
            self._saving = False
            self._show_problems(error.problems, state, set())

        self.gv.write(save, self._saved, refused)

    def _saved(self, saved: Briefing) -> None:
        self._finished = True
        self.notify(tr("sessions.saved"))
        self.dismiss(saved.id)

    def _show_problems(
        self, problems: list[Problem], state: dict[str, Any], unexplained: set[int]
    ) -> None:
        fields = {f.name: f for f in self.query(Field)}
        rows = self.query_one("#s-talks", TalksEditor).rows()
        kept = [rows[i] for i in kept_talks(state)]
        at: dict[str, list[str]] = {}
        talks: dict[int, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            head, _, rest = problem.field.partition(".")
            index, _, inner = rest.partition(".")
            if head == "talks" and index.isdigit() and int(index) < len(kept):
                # The catalogue's "title" is a lecturer's title: say the talk's own words.
                label = {"title": "sessions.talk_title", "presenter": "sessions.talk_presenter"}
                said = f"{tr(label[inner])}: " if inner in label else ""
                talks.setdefault(int(index), []).append(said + problem.message)
            elif head in fields:
                said = at.setdefault(head, [])
                if problem.message not in said:
                    said.append(problem.message)
            else:
                general.append(problem.sentence())
        for name, field in fields.items():
            field.show_error("\n".join(at.get(name or "", [])))
        for index, row in enumerate(kept):
            row.show_error("\n".join(talks.get(index, [])))
        said_here = self.query_one("#form-error", Static)
        said_here.update("\n".join(general))
        said_here.set_class(bool(general), "-shown")
        grid = self.query_one("#s-grid", AttendanceGrid)
        grid.show_refused(unexplained)
        bad = [f for f in fields.values() if f.name in at or (f.name == "talks" and talks)]
        first = bad[0] if bad else None
        if first is not None and not (first.name == "attendance" and unexplained):
            target = kept[min(talks)].title if first.name == "talks" and talks else first.widget
            target.focus()
            first.scroll_visible()
        elif unexplained:
            grid.scroll_visible()
        self.notify("\n".join([tr("sessions.not_saved"), *general]), severity="warning",
                    markup=False)  # fmt: skip

    # -- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.changed():
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr("sessions.leave_question"), yes=tr("sessions.leave_discard"),
                                no=tr("sessions.leave_keep"), safe_no=True)  # fmt: skip
        self.app.push_screen(question, self._answered)

    def _answered(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
