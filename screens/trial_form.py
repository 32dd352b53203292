"""The trial lecture form (luyện giảng / giảng thử): who, the panel, the verdict; never lost.

The lifecycle is ``RecordForm``'s, the state and the form's own rules are
``trial_state``'s. Here: the fields, the panel's keys, and where a panel
member's problems are shown.
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
from giangvien.models import Trial, Verdict
from giangvien.problems import Problem
from giangvien.rubric import Rubric
from screens import trial_state as ts
from screens.record_form import RecordForm, Spot, State
from screens.trials import key
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, ProgrammePicker, pickable
from screens.widgets.trial_people import PanelEditor, PanelMemberEditor, PersonPicker


class TrialFormScreen(RecordForm):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_member", "add_member"),
        key("ctrl+r,ctrl+delete", "remove_member", "remove_member"),
    ]

    MODEL = Trial
    DRAFT_KIND = ts.KIND
    AREA = "trials"
    FORM_ID = "trial-form"
    AUTO_FOCUS = "#t-date"
    ROUTES: ClassVar[dict[str, str]] = dict(ts.ROUTES)

    def __init__(self, record: Trial | None = None, draft: State | None = None) -> None:
        super().__init__(record, draft)
        self._listed: list[int] = []  # the record's panel member k is the form's _listed[k]

    def _rubric(self, rubric_id: object, version: object) -> Rubric:
        repo = self.gv.repo
        found = repo.rubric(str(rubric_id), version if isinstance(version, int) else 0)
        return found or repo.active_rubric()

    def baseline(self) -> State:
        record, draft = self.record, self.draft or {}
        if record is not None and record.rubric_id:
            self.rubric = self._rubric(record.rubric_id, record.rubric_version)
        else:
            self.rubric = self._rubric(draft.get("rubric_id"), draft.get("rubric_version"))
        return ts.state_of(record, self.rubric)

    def compose_fields(self, s: State) -> ComposeResult:
        repo = self.gv.repo
        named = {s["lecturer_id"], *(p["who"] for p in (s["chair"], s["secretary"]))}
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
            for name in ts.LINES:
                yield Field(tr(f"field.{name}"), Input(s[name], id=f"t-{name}"), name=name)
        programme = ProgrammePicker(repo.settings().programmes, s["programme"], id="t-prog")
        yield Field(tr("field.programme"), programme, name="programme")
        with Horizontal(classes="form-row"):
            for role in ("chair", "secretary"):
                picker = PersonPicker(people, s[role], prompt=tr(f"trials.pick_{role}"),
                                      id=f"t-{role}")  # fmt: skip
                yield Field(tr(f"field.{role}"), picker, name=role)
        panel = PanelEditor(people, self.rubric, s["panel"], scored=bool(s["scored"]),
                            id="t-panel")  # fmt: skip
        yield Field(tr("trials.panel"), panel, name="panel")
        yield self._area("self_assessment", s)
        verdicts = [(tr("trials.verdict_none"), ts.NO_VERDICT),
                    *((tr(f"enum.verdict_{v.value}"), v.value) for v in Verdict)]  # fmt: skip
        verdict = Select(verdicts, value=s["verdict"], allow_blank=False, id="t-verdict")
        yield Field(tr("field.verdict"), verdict, name="verdict")
        yield self._area("to_fix", s, tr("trials.to_fix_label"))
        again = DateInput(optional=True, id="t-next_trial_date")
        again.value = s["next_trial_date"]
        yield Field(tr("trials.next_date_label"), again, name="next_trial_date", id="t-field-next")
        yield self._area("lessons_drawn", s)

    @staticmethod
    def _area(name: str, s: State, label: str | None = None) -> Field:
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

    def read_fields(self) -> State:
        q = self.query_one
        return {
            "rubric_id": self.rubric.rubric_id, "rubric_version": self.rubric.version,
            "date": q("#t-date", DateInput).value,
            "lecturer_id": q("#t-lecturer", LecturerPicker).lecturer_id or "",
            "programme": q(ProgrammePicker).value,
            **{name: q(f"#t-{name}", Input).value for name in ts.LINES},
            "chair": q("#t-chair", PersonPicker).state,
            "secretary": q("#t-secretary", PersonPicker).state,
            "scored": self.panel.scored.value, "panel": self.panel.state,
            **{name: q(f"#t-{name}", TextArea).text for name in ts.AREAS},
            "verdict": q("#t-verdict", Select).value,
            "next_trial_date": q("#t-next_trial_date", DateInput).value,
        }  # fmt: skip

    def check(self, state: State) -> tuple[list[Problem], dict[str, Any]]:
        editors = self.panel.members()
        self._listed = [i for i, m in enumerate(state["panel"]) if not ts.member_is_blank(m)]
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
        state = {**state, "panel": [state["panel"][i] for i in self._listed]}
        found += ts.form_problems(state, {p.field.split(".")[0] for p in found})
        return found, ts.data_of(state, self.record, scores)

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
