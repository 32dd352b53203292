"""The trial lecture form (luyện giảng / giảng thử): who, the panel, the verdict; never lost.

The lifecycle is ``RecordForm``'s, the state and the form's own rules are
``trial_state``'s. Here: the fields, the panel's keys, and where a panel
member's problems are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Trial, now
from giangvien.problems import Problem, validate
from giangvien.rubric import Rubric
from giangvien.trial_signing import record_verdict, reopen_trial
from giangvien.vntext import format_date, format_time
from screens import trial_state as ts
from screens.form_state import Draft
from screens.record_form import RecordForm, Spot
from screens.reopening import Reopening, ask_to_reopen
from screens.trials import key
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, ProgrammePicker, pickable
from screens.widgets.suggestions import known_lessons, suggesting
from screens.widgets.trial_people import PanelEditor, PanelMemberEditor, PersonPicker


class TrialFormScreen(RecordForm[ts.TrialState]):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_member", "add_member"),
        key("ctrl+r,ctrl+delete", "remove_member", "remove_member"),
        key("ctrl+o", "reopen", "reopen"),
    ]
    # What a frozen trial (its verdict recorded) does not offer.
    EDITING = frozenset({"save", "add_member", "remove_member"})
    REOPENING = Reopening(
        reopen_trial, "trials.not_leader_reopen", "trials.reopen_question", "trials.reopened",
        "trials.not_found",
    )  # fmt: skip

    MODEL = Trial
    STATE = ts.TrialState
    DRAFT_KIND = ts.KIND
    AREA = "trials"
    FORM_ID = "trial-form"
    AUTO_FOCUS = "#t-date"
    ROUTES: ClassVar[dict[str, str]] = dict(ts.ROUTES)

    def __init__(self, record: Trial | None = None, draft: Draft | None = None) -> None:
        super().__init__(record, draft)
        self._listed: list[int] = []  # the record's panel member k is the form's _listed[k]

    def _rubric(self, rubric_id: str | None, version: int | None) -> Rubric:
        """The rubric named, or the one in use when it is not there (or none is named)."""
        repo = self.gv.repo
        found = repo.rubric(rubric_id, version) if rubric_id and version is not None else None
        return found or repo.active_rubric()

    def _scored_with(self, s: ts.TrialState | None) -> Rubric:
        """A stored trial keeps the rubric it was scored with; else the one ``s`` names."""
        record = self.record
        if record is not None and record.rubric_id:
            return self._rubric(record.rubric_id, record.rubric_version)
        return self._rubric(s["rubric_id"], s["rubric_version"]) if s else self._rubric(None, None)

    def baseline(self) -> ts.TrialState:
        # Not from the raw draft: its rubric is taken once the draft is read (compose_fields).
        self.rubric = self._scored_with(None)
        return ts.state_of(self.record, self.rubric, self.gv.today())

    def compose_fields(self, s: ts.TrialState) -> ComposeResult:
        self.rubric = self._scored_with(s)
        yield from self._recorded()
        repo = self.gv.repo
        named = {s["lecturer_id"], *(s[role]["who"] for role in ts.ROLES)}
        named |= {m["person"]["who"] for m in s["panel"]}
        people = pickable(repo.lecturers(include_archived=True), named)
        with Horizontal(classes="form-row"):
            date = DateInput(id="t-date")
            date.value = s["date"]
            yield Field(tr("field.date"), date, name="date", id="t-field-date")
            pick = LecturerPicker(people, s["lecturer_id"], prompt=tr("trials.pick_lecturer"),
                                  id="t-lecturer")  # fmt: skip
            yield Field(tr("trials.lecturer"), pick, name="lecturer_id")
        with Horizontal(classes="form-row"):
            for time in ts.TIMES:
                box = Input(s[time], placeholder=tr("meetings.time_placeholder"), id=f"t-{time}")
                yield Field(tr(f"field.{time}"), box, name=time, id=f"t-field-{time}")
        with Horizontal(classes="form-row"):
            lessons = suggesting(known_lessons(repo))
            for name in ts.LINES:
                hint = lessons if name == "lesson" else None
                box = Input(s[name], id=f"t-{name}", suggester=hint)
                yield Field(tr(f"field.{name}"), box, name=name)
        programme = ProgrammePicker(repo.settings().programmes, s["programme"], id="t-prog")
        yield Field(tr("field.programme"), programme, name="programme")
        with Horizontal(classes="form-row"):
            for role in ts.ROLES:
                picker = PersonPicker(people, s[role], prompt=tr(f"trials.pick_{role}"),
                                      id=f"t-{role}")  # fmt: skip
                yield Field(tr(f"field.{role}"), picker, name=role)
        panel = PanelEditor(people, self.rubric, s["panel"], scored=s["scored"],
                            id="t-panel")  # fmt: skip
        yield Field(tr("trials.panel"), panel, name="panel")
        yield self._area("self_assessment", s)
        verdicts = [(tr(f"enum.verdict_{v.value}") if v else tr("trials.verdict_none"), choice)
                    for v, choice in ts.CHOICES.items()]  # fmt: skip
        verdict = Select(verdicts, value=s["verdict"], allow_blank=False, id="t-verdict")
        yield Field(tr("field.verdict"), verdict, name="verdict")
        yield self._area("to_fix", s, tr("trials.to_fix_label"))
        again = DateInput(optional=True, id="t-next_trial_date")
        again.value = s["next_trial_date"]
        yield Field(tr("trials.next_date_label"), again, name="next_trial_date", id="t-field-next")
        yield self._area("lessons_drawn", s)

    # -- the verdict, recorded by a leader --------------------------------

    @property
    def frozen(self) -> bool:
        """The stored trial's verdict is recorded: nothing changes until a leader reopens it."""
        return self.record is not None and self.record.decided

    def _recorded(self) -> ComposeResult:
        record = self.record
        if record is None or record.verdict_at is None:
            return
        at = record.verdict_at.astimezone()
        when = f"{format_date(at.date())} {format_time(at.time())}"
        if record.verdict_by:
            name = self.gv.repo.lecturer_names().get(record.verdict_by, "?")
            said = tr("trials.verdict_by", name=name, when=when)
        else:
            said = tr("trials.verdict_by_unknown", when=when)
        yield Static(said, markup=False, id="t-recorded", classes="muted")
        yield Static(tr("trials.frozen"), markup=False, id="t-frozen", classes="muted")

    def locked(self, name: str) -> bool:
        # Frozen under the recorded verdict; the gate would refuse a change anyway.
        return self.frozen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.frozen
        if self.frozen and action in self.EDITING:
            return False
        return super().check_action(action, parameters)

    def action_reopen(self) -> None:
        if self.frozen:
            ask_to_reopen(self, self.REOPENING)

    def _records_verdict(self, data: dict[str, Any]) -> bool:
        """Whether this save records a verdict: none stored, one chosen now."""
        stored = self.record.verdict if self.record is not None else None
        return stored is None and data.get("verdict") not in (None, ts.NO_VERDICT)

    def validated(self, data: dict[str, Any]) -> Trial:
        if not self._records_verdict(data):
            return validate(Trial, data)
        # As the current user would record it: a refusal (not a leader, their own
        # trial) is said at the verdict, with every other reason, before any PIN.
        return record_verdict(data, self.gv.user, now())

    def before_write(self, record: Any, write: Callable[[], None]) -> None:
        if not self._records_verdict(record.model_dump()):
            write()
            return
        # Recorded as the current user, who proves to be that leader by PIN.
        self.gv.as_leader(lambda leader: write() if leader.id == record.verdict_by else None)

    @staticmethod
    def _area(name: ts.Area, s: ts.TrialState, label: str | None = None) -> Field:
        area = TextArea(s[name], soft_wrap=True, tab_behavior="focus", id=f"t-{name}")
        return Field(label or tr(f"field.{name}"), area, name=name)

    # -- the panel ---------------------------------------------------------

    @property
    def panel(self) -> PanelEditor:
        return self.query_one("#t-panel", PanelEditor)

    def action_add_member(self) -> None:
        self.panel.add()

    def action_remove_member(self) -> None:
        editor = self.panel.member_of(self.focused)
        if editor is None:
            self.notify(tr("trials.remove_where"), severity="warning")
        else:
            self.panel.ask_remove(editor)

    # -- state and checks --------------------------------------------------

    def _line(self, name: ts.Line | ts.Time) -> str:
        return self.query_one(f"#t-{name}", Input).value

    def _text(self, name: ts.Area) -> str:
        return self.query_one(f"#t-{name}", TextArea).text

    def read_fields(self) -> ts.TrialState:
        q = self.query_one
        return {
            "rubric_id": self.rubric.rubric_id, "rubric_version": self.rubric.version,
            "date": q("#t-date", DateInput).value,
            "lecturer_id": q("#t-lecturer", LecturerPicker).lecturer_id or "",
            "programme": q(ProgrammePicker).value,
            "lesson": self._line("lesson"), "place": self._line("place"),
            "start_time": self._line("start_time"), "end_time": self._line("end_time"),
            "chair": q("#t-chair", PersonPicker).state,
            "secretary": q("#t-secretary", PersonPicker).state,
            "scored": self.panel.scored.value, "panel": self.panel.state,
            "self_assessment": self._text("self_assessment"), "to_fix": self._text("to_fix"),
            "lessons_drawn": self._text("lessons_drawn"),
            # Never blank (allow_blank=False): one of the choices it was made with.
            "verdict": cast(ts.Choice, q("#t-verdict", Select).value),
            "next_trial_date": q("#t-next_trial_date", DateInput).value,
        }  # fmt: skip

    def check(self, state: ts.TrialState) -> tuple[list[Problem], dict[str, Any]]:
        editors = self.panel.members()
        self._listed = ts.kept_members(state["panel"])
        scored = state["scored"]
        found: list[Problem] = []
        for name in ("date", "next_trial_date"):
            said = self.query_one(f"#t-{name}", DateInput).error()
            if said:
                found.append(Problem(name, said))
        scores: list[dict[str, float] | None] = []
        for k, i in enumerate(self._listed):
            scorer = editors[i].scorer
            bad = scorer.errors() if scored else {}
            found += [Problem(f"panel.{k}.scores" + (f".{c}" if c else ""), m)
                      for c, m in bad.items()]  # fmt: skip
            scores.append(scorer.scores if scored and not bad else None)
        mine, data = ts.build(state, self.record, scores, {p.field.split(".")[0] for p in found})
        return found + mine, data

    def place(self, path: str) -> str:
        return ts.place(path)

    def spot_of(self, problem: Problem) -> Spot | None:
        head, _, rest = problem.field.partition(".")
        index, _, inner = rest.partition(".")
        if head != "panel" or not index.isdigit() or int(index) >= len(self._listed):
            return None
        editor = self.panel.members()[self._listed[int(index)]]
        part, _, code = inner.partition(".")
        row = editor.scorer.error_at(code) if part == "scores" and code else None
        if row is not None:
            return row, problem.message
        if part in ("", "scores"):
            return editor, problem.message
        return editor, Problem(inner, problem.message).sentence()

    def spots(self) -> Iterable[Widget]:
        for editor in self.panel.members():
            yield editor
            yield from editor.scorer.error_spots

    def focus_of(self, spot: Widget) -> Widget:
        if isinstance(spot, PanelMemberEditor):
            return spot.person
        return super().focus_of(spot)
