"""A briefing session (sinh hoạt báo cáo viên): what was said, and who came; never lost.

The lifecycle is ``RecordForm``'s, the state ``session_state``'s. Here: the
fields, the talks' and guests' keys, and where a talk or an absence is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from giangvien.i18n import tr
from giangvien.models import Briefing, Form, Level
from giangvien.problems import Problem
from screens import session_state as ss
from screens.form_state import Draft
from screens.record_form import RecordForm, Spot
from screens.sessions import key
from screens.widgets.attendance_grid import AttendanceGrid
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.talks_editor import TalkRow, TalksEditor

# The catalogue's "title" is a lecturer's title: a talk's problems say the talk's own words.
TALK_LABELS = {"title": "sessions.talk_title", "presenter": "sessions.talk_presenter"}


class SessionFormScreen(RecordForm[ss.SessionState]):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_talk", "add_talk"),
        key("ctrl+r,ctrl+delete", "remove_talk", "remove_talk"),
        key("ctrl+g", "guest", "guest"),
    ]

    MODEL = Briefing
    STATE = ss.SessionState
    DRAFT_KIND = ss.KIND
    AREA = "sessions"
    FORM_ID = "session-form"
    AUTO_FOCUS = "#s-date"

    def __init__(self, record: Briefing | None = None, draft: Draft | None = None) -> None:
        super().__init__(record, draft)
        self._talks: list[TalkRow] = []  # the record's talk k is shown by _talks[k]
        self._absent: set[int] = set()  # attendance rows absent without a reason

    def baseline(self) -> ss.SessionState:
        return ss.state_of(self.record, self.gv.repo.lecturers())

    def compose_fields(self, s: ss.SessionState) -> ComposeResult:
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
        for text in ("guidance", "notes"):
            area = TextArea(s[text], soft_wrap=True, tab_behavior="focus", id=f"s-{text}")
            yield Field(tr(f"sessions.{text}"), area, name=text)
        grid = AttendanceGrid(s["attendance"], self.gv.repo.lecturer_names(), id="s-grid")
        yield Field(tr("sessions.attendance"), grid, name="attendance")

    @property
    def talks(self) -> TalksEditor:
        return self.query_one("#s-talks", TalksEditor)

    @property
    def grid(self) -> AttendanceGrid:
        return self.query_one("#s-grid", AttendanceGrid)

    def read_fields(self) -> ss.SessionState:
        q = self.query_one
        return {
            "date": q("#s-date", DateInput).value,
            # Made with allow_blank=False: a Select's value is always one of its values.
            "level": str(q("#s-level", Select).value), "form": str(q("#s-form", Select).value),
            "connection_point": q("#s-connection_point", Input).value,
            "organiser": q("#s-organiser", Input).value, "chair": q("#s-chair", Input).value,
            "talks": self.talks.state,
            "guidance": q("#s-guidance", TextArea).text, "notes": q("#s-notes", TextArea).text,
            "attendance": self.grid.state,
        }  # fmt: skip

    # -- talks and guests --------------------------------------------------

    def action_add_talk(self) -> None:
        self.talks.add()

    def action_remove_talk(self) -> None:
        row = self.talks.row_of(self.focused)
        if row is None:
            self.notify(tr("sessions.remove_where"), severity="warning")
        else:
            self.talks.remove_row(row)

    def action_guest(self) -> None:
        name = self.grid.guest["name"]
        name.focus()
        name.scroll_visible()

    # -- checks and problems -----------------------------------------------

    def check(self, state: ss.SessionState) -> tuple[list[Problem], dict[str, Any]]:
        rows = self.talks.rows()
        self._talks = [rows[i] for i in ss.kept_talks(state)]
        found: list[Problem] = []
        said = self.query_one("#s-date", DateInput).error()
        if said:
            found.append(Problem("date", said))
        self._absent = ss.unexplained(state)
        if self._absent:
            names = ", ".join(self.grid.who(i) for i in sorted(self._absent))
            found.append(Problem("attendance", tr("sessions.reasons_missing", names=names)))
        return found, ss.data_of(state, self.record, self.grid.data())

    def spot_of(self, problem: Problem) -> Spot | None:
        head, _, rest = problem.field.partition(".")
        index, _, inner = rest.partition(".")
        if head != "talks" or not index.isdigit() or int(index) >= len(self._talks):
            return None
        label = f"{tr(TALK_LABELS[inner])}: " if inner in TALK_LABELS else ""
        return self._talks[int(index)], label + problem.message

    def spots(self) -> Iterable[Widget]:
        return self.talks.rows()

    def focus_of(self, spot: Widget) -> Widget:
        if isinstance(spot, TalkRow):
            return spot.title
        if isinstance(spot, Field) and spot.widget is self.grid and self._absent:
            return self.grid.reason  # the first reason missing is what to type
        return super().focus_of(spot)

    def show_problems(self, problems: list[Problem]) -> None:
        self.grid.show_refused(self._absent)
        super().show_problems(problems)
