"""The trial lecture form (luyện giảng / giảng thử): who, the panel, the verdict; never lost.

Like the observation sheet, what is on screen is a *state* of raw texts
(screens/trial_draft.py), kept as a draft while it differs from the record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Trial, Verdict
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import Rubric
from screens.record_form import RecordForm
from screens.trial_checks import form_problems, place, route
from screens.trial_draft import AREAS, LINES, NO_VERDICT, data_of, state_of
from screens.trials import key
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, ProgrammePicker, pickable
from screens.widgets.trial_people import (
    PanelEditor,
    PanelMemberEditor,
    PersonPicker,
    member_is_blank,
)

if TYPE_CHECKING:
    pass


class TrialFormScreen(RecordForm):
    """Dismisses with the id of the saved trial, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+n", "add_member", "add_member"),
        key("ctrl+r", "remove_member", "remove_member"),
    ]

    MODEL = Trial
    DRAFT_KIND = "trial"

    # -- building ----------------------------------------------------------

    def _rubric(self, rubric_id: object, version: object) -> Rubric:
        repo = self.gv.repo
        found = repo.rubric(str(rubric_id), version if isinstance(version, int) else 0)
        return found or repo.active_rubric()

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        if self.draft is None:
            self.draft = self._waiting_draft()
        record, draft = self.record, self.draft or {}
        if record is not None and record.rubric_id:
            self.rubric = self._rubric(record.rubric_id, record.rubric_version)
        else:
            self.rubric = self._rubric(draft.get("rubric_id"), draft.get("rubric_version"))
        self._baseline = state_of(record, self.rubric)
        s = {**self._baseline, **draft}
        named = {s["lecturer_id"], *(p["who"] for p in (s["chair"], s["secretary"]))}
        named |= {m["person"]["who"] for m in s["panel"]}
        people = pickable(repo.lecturers(include_archived=True), named)
        yield Header()
        yield ReadOnlyBanner(repo.read_only_reason)
        with VerticalScroll(id="trial-form"):
            title = "trials.form_edit" if record else "trials.form_new"
            yield Static(tr(title), classes="section-title")
            with Horizontal(classes="form-row"):
                date = DateInput(id="t-date")
                date.value = s["date"]
                yield Field(tr("field.date"), date, name="date", id="t-field-date")
                pick = LecturerPicker(
                    people, s["lecturer_id"], prompt=tr("trials.pick_lecturer"), id="t-lecturer"
                )
                yield Field(tr("trials.lecturer"), pick, name="lecturer_id")
            with Horizontal(classes="form-row"):
                for name in LINES:
                    yield Field(tr(f"field.{name}"), Input(s[name], id=f"t-{name}"), name=name)
            programme = ProgrammePicker(repo.settings().programmes, s["programme"], id="t-prog")
            yield Field(tr("field.programme"), programme, name="programme")
            with Horizontal(classes="form-row"):
                for role in ("chair", "secretary"):
                    picker = PersonPicker(
                        people, s[role], prompt=tr(f"trials.pick_{role}"), id=f"t-{role}"
                    )
                    yield Field(tr(f"field.{role}"), picker, name=role)
            panel = PanelEditor(people, self.rubric, s["panel"], scored=bool(s["scored"]),
                                id="t-panel")  # fmt: skip
            yield Field(tr("trials.panel"), panel, name="panel")
            yield self._area("self_assessment", s)
            verdicts = [
                (tr("trials.verdict_none"), NO_VERDICT),
                *((tr(f"enum.verdict_{v.value}"), v.value) for v in Verdict),
            ]
            verdict = Select(verdicts, value=s["verdict"], allow_blank=False, id="t-verdict")
            yield Field(tr("field.verdict"), verdict, name="verdict")
            yield self._area("to_fix", s, tr("trials.to_fix_label"))
            again = DateInput(optional=True, id="t-next_trial_date")
            again.value = s["next_trial_date"]
            yield Field(tr("trials.next_date_label"), again, name="next_trial_date",
                        id="t-field-next")  # fmt: skip
            yield self._area("lessons_drawn", s)
            yield Static("", markup=False, id="form-error")
        yield Footer()

    @staticmethod
    def _area(name: str, s: dict[str, Any], label: str | None = None) -> Field:
        area = TextArea(s[name], soft_wrap=True, tab_behavior="focus", id=f"t-{name}")
        return Field(label or tr(f"field.{name}"), area, name=name)

    def _waiting_draft(self) -> dict[str, Any] | None:
        found = self.gv.repo.drafts().get(self.key)
        if found is None or found.get("kind") != "trial":
            return None
        self.notify(tr("trials.draft_resumed"))
        return found

    def on_mount(self) -> None:
        self.keep_drafts()
        self.query_one("#t-date", DateInput).focus()

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

    # -- state -------------------------------------------------------------

    def raw(self) -> dict[str, Any]:
        """What the fields hold now, as typed: the draft's content."""
        q = self.query_one
        return {
            "kind": "trial", "record_id": self.record_id,
            "rubric_id": self.rubric.rubric_id, "rubric_version": self.rubric.version,
            "date": q("#t-date", DateInput).value,
            "lecturer_id": q("#t-lecturer", LecturerPicker).lecturer_id or "",
            "programme": q(ProgrammePicker).value,
            **{name: q(f"#t-{name}", Input).value for name in LINES},
            "chair": q("#t-chair", PersonPicker).state,
            "secretary": q("#t-secretary", PersonPicker).state,
            "scored": self.panel.scored.value, "panel": self.panel.state,
            **{name: q(f"#t-{name}", TextArea).text for name in AREAS},
            "verdict": q("#t-verdict", Select).value,
            "next_trial_date": q("#t-next_trial_date", DateInput).value,
        }  # fmt: skip

    # -- saving ------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        state = self.raw()
        editors = self.panel.members()
        kept = [i for i, m in enumerate(state["panel"]) if not member_is_blank(m)]
        scored = state["scored"]
        found: list[Problem] = []
        for name in ("date", "next_trial_date"):
            said = self.query_one(f"#t-{name}", DateInput).error()
            if said:
                found.append(Problem(name, said))
        scores: list[dict[str, float] | None] = []
        for k, i in enumerate(kept):
            scorer = editors[i].scorer
            bad = scorer.errors() if scored else {}
            found += [Problem(f"panel.{k}.scores" + (f".{c}" if c else ""), m)
                      for c, m in bad.items()]  # fmt: skip
            scores.append(scorer.scores if scored and not bad else None)
        state = {**state, "panel": [state["panel"][i] for i in kept]}
        found += form_problems(state, {p.field.split(".")[0] for p in found})
        data = data_of(state, self.record, scores)
        if found:
            try:  # every reason at once, not only the form's own
                validate(Trial, data)
            except Invalid as error:
                named = {place(p.field) for p in found}
                found += [p for p in error.problems if place(p.field) not in named]
            self._show_problems(found, kept)
            return
        self._saving = True
        repo, draft = self.gv.repo, self.key

        def save() -> Trial:
            saved = repo.save(validate(Trial, data))
            repo.drop_draft(draft)
            self._stored = True
            return saved

        self.gv.write(save, self._saved, lambda error: self._refused(error, kept))

    def _saved(self, saved: Trial) -> None:
        self._finished = True
        self.notify(tr("trials.saved"))
        self.dismiss(saved.id)

    def _refused(self, error: Invalid, kept: list[int]) -> None:
        self._saving = False
        self._show_problems(error.problems, kept)

    def _show_problems(self, problems: list[Problem], kept: list[int]) -> None:
        fields = {f.name: f for f in self.query(Field)}
        editors = self.panel.members()
        at, members, general = route(problems, set(fields), [editors[i] for i in kept])
        for name, field in fields.items():
            field.show_error("\n".join(at.get(name or "", [])))
        for editor in editors:
            said = members.get(id(editor), ([], {}))
            editor.show_error("\n".join(said[0]))
            editor.scorer.show_errors(said[1])
        said_here = self.query_one("#form-error", Static)
        said_here.update("\n".join(general))
        said_here.set_class(bool(general), "-shown")
        # The first refused place, top to bottom.
        for spot in self.query("Field, PanelMemberEditor"):
            if isinstance(spot, Field) and spot.name in at:
                target: Widget = spot.widget
            elif isinstance(spot, PanelMemberEditor) and id(spot) in members:
                codes = set(members[id(spot)][1])
                target = (spot.scorer.first_input(codes) if codes else None) or spot.person
            else:
                continue
            target.focus()
            spot.scroll_visible()
            break
        self.notify("\n".join([tr("trials.not_saved"), *general]), severity="warning",
                    markup=False)  # fmt: skip

    # -- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.changed():
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr("trials.leave_question"), yes=tr("trials.leave_discard"),
                                no=tr("trials.leave_keep"), safe_no=True)  # fmt: skip
        self.app.push_screen(question, self._answered)

    def _answered(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
