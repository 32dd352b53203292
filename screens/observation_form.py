"""The observation sheet (phiếu dự giờ): every field, typed by keyboard, never lost.

What is on screen is kept as a *state*: the raw texts of the fields, so that a
half-typed "31/02" survives in a draft. A sheet opened from the list starts
from the state of its record; a draft replaces that state, and the difference
between the two is what "unsaved changes" means.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Footer, Header, Input, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Observation
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import Rubric
from giangvien.vntext import format_date, format_time, parse_date
from screens.drafts_modal import AREAS, LINES, state_of
from screens.observations import key
from screens.record_form import RecordForm
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import (
    LecturerPicker,
    ObserverPicker,
    ProgrammePicker,
    pickable,
)
from screens.widgets.rubric_scorer import RubricScorer

if TYPE_CHECKING:
    pass

# Sentences of the record as a whole that belong beside one field.
ROUTES = {"model.observer_is_lecturer": "observer_ids", "model.observer_twice": "observer_ids"}


class ObservationFormScreen(RecordForm):
    """Dismisses with the id of the saved sheet, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
    ]

    MODEL = Observation
    DRAFT_KIND = "observation"

    # -- building ----------------------------------------------------------

    def _rubric(self, rubric_id: object, version: object) -> Rubric:
        repo = self.gv.repo
        found = repo.rubric(str(rubric_id), version if isinstance(version, int) else 0)
        return found or repo.active_rubric()

    def compose(self) -> ComposeResult:
        repo, user = self.gv.repo, self.gv.user
        if self.draft is None:  # however the sheet was opened, its draft comes first
            self.draft = self._waiting_draft()
        record, draft = self.record, self.draft or {}
        if record is not None:  # an old sheet keeps the rubric version it was scored with
            rubric = self._rubric(record.rubric_id, record.rubric_version)
        else:
            rubric = self._rubric(draft.get("rubric_id"), draft.get("rubric_version"))
        self._baseline = state_of(record, rubric, user.id if user else None)
        s = {**self._baseline, **draft}
        named = {s["lecturer_id"], *s["observer_ids"]}
        people = pickable(repo.lecturers(include_archived=True), named)
        yield Header()
        yield ReadOnlyBanner(repo.read_only_reason)
        with VerticalScroll(id="obs-form"):
            title = "observations.form_edit" if self.record else "observations.form_new"
            yield Static(tr(title), classes="section-title")
            date = DateInput(id="f-date")
            date.value = s["date"]
            with Horizontal(classes="form-row"):
                yield Field(tr("field.date"), date, name="date", id="field-date")
                pick = tr("observations.pick_lecturer")
                picker = LecturerPicker(people, s["lecturer_id"], prompt=pick, id="f-lecturer")
                yield Field(tr("field.lecturer_id"), picker, name="lecturer_id")
            observers = ObserverPicker(people, s["observer_ids"], id="f-observers")
            yield Field(tr("field.observer_ids"), observers, name="observer_ids")
            listed = repo.settings().programmes
            programme = ProgrammePicker(listed, s["programme"], id="f-programme")
            yield Field(tr("field.programme"), programme, name="programme")
            with Horizontal(classes="form-row"):
                for name in LINES:
                    yield Field(tr(f"field.{name}"), Input(s[name], id=f"f-{name}"), name=name)
            scorer = RubricScorer(
                rubric, comments_only=bool(s["comments_only"]), texts=s["scores"], id="f-scorer"
            )
            yield Field(tr("field.scores"), scorer, name="scores")
            for name in AREAS:
                area = TextArea(s[name], soft_wrap=True, tab_behavior="focus", id=f"f-{name}")
                yield Field(tr(f"field.{name}"), area, name=name)
            seen = Checkbox(self._ack_label(), s["acknowledged"], id="f-ack")
            yield Field(tr("field.acknowledged_on"), seen, name="acknowledged_on")
            yield from self._conclusion()
            yield Static("", markup=False, id="form-error")
        yield Footer()

    def _waiting_draft(self) -> dict[str, Any] | None:
        found = self.gv.repo.drafts().get(self.key)
        if found is None or found.get("kind") != "observation":
            return None
        self.notify(tr("observations.draft_resumed"))
        return found

    def _ack_label(self) -> str:
        seen = self.record.acknowledged_on if self.record else None
        day = format_date(seen) if seen else ""
        return (
            tr("observations.acknowledged_on", date=day) if day else tr("observations.acknowledged")
        )

    def _conclusion(self) -> ComposeResult:
        record = self.record
        if record is None or not record.conclusion:
            return
        yield Static(tr("observations.conclusion_title"), classes="form-subtitle")
        yield Static(record.conclusion, markup=False, id="f-conclusion")
        if record.concluded_by and record.concluded_at:
            name = self.gv.repo.lecturer_names().get(record.concluded_by, "?")
            at = record.concluded_at.astimezone()
            when = f"{format_date(at.date())} {format_time(at.time())}"
            signed = tr("observations.conclusion_by", name=name, when=when)
            yield Static(signed, markup=False, classes="muted")

    def on_mount(self) -> None:
        self.keep_drafts()
        self.query_one("#f-date", DateInput).focus()

    # -- state -------------------------------------------------------------

    def raw(self) -> dict[str, Any]:
        """What the fields hold now, as typed: the draft's content."""
        q = self.query_one
        scorer = q(RubricScorer)
        return {
            "kind": "observation", "record_id": self.record_id,
            "rubric_id": scorer.rubric_id, "rubric_version": scorer.rubric_version,
            "date": q("#f-date", DateInput).value,
            "lecturer_id": q(LecturerPicker).lecturer_id or "",
            "observer_ids": q(ObserverPicker).value, "programme": q(ProgrammePicker).value,
            **{name: q(f"#f-{name}", Input).value for name in LINES},
            "scores": scorer.texts(), "comments_only": scorer.comments_only,
            **{name: q(f"#f-{name}", TextArea).text for name in AREAS},
            "acknowledged": q("#f-ack", Checkbox).value,
        }  # fmt: skip

    # -- saving ------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        state = self.raw()
        found: list[Problem] = []
        scorer = self.query_one(RubricScorer)
        date_error = self.query_one("#f-date", DateInput).error()
        if date_error:
            found.append(Problem("date", date_error))
        found += [
            Problem(f"scores.{c}" if c else "scores", why) for c, why in scorer.errors().items()
        ]
        data = self._data(state, None if found else scorer.scores)
        if found:
            # Show every reason at once, not only those of the typed entries.
            try:
                validate(Observation, data)
            except Invalid as error:
                named = {p.field.split(".")[0] for p in found}
                found += [p for p in error.problems if p.field.split(".")[0] not in named]
            self._show_problems(found)
            return
        self._saving = True
        repo, key = self.gv.repo, self.key

        def save() -> Observation:
            saved = repo.save(validate(Observation, data))
            repo.drop_draft(key)
            self._stored = True
            return saved

        self.gv.write(save, self._saved, self._refused)

    def _data(self, state: dict[str, Any], scores: dict[str, float] | None) -> dict[str, Any]:
        record = self.record
        try:
            date: dt.date | str = parse_date(state["date"])
        except ValueError:
            date = state["date"]
        seen = record.acknowledged_on if record else None
        return {
            **(record.model_dump() if record else {}),
            **{name: state[name] for name in (*LINES, *AREAS, "programme", "observer_ids")},
            "date": date, "lecturer_id": state["lecturer_id"],
            "rubric_id": state["rubric_id"], "rubric_version": state["rubric_version"],
            "scores": scores,
            "acknowledged_on": (seen or dt.date.today()) if state["acknowledged"] else None,
        }  # fmt: skip

    def _saved(self, saved: Observation) -> None:
        self._finished = True
        self.notify(tr("observations.saved"))
        self.dismiss(saved.id)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        self._show_problems(error.problems)

    def _show_problems(self, problems: list[Problem]) -> None:
        routes = {tr(sentence): name for sentence, name in ROUTES.items()}
        fields = list(self.query(Field))
        names = {f.name for f in fields}
        at: dict[str, list[str]] = {}
        scores: dict[str, str] = {}
        general: list[str] = []
        for problem in problems:
            head, _, rest = problem.field.partition(".")
            head = head or routes.get(problem.message, "")
            if head == "scores" and rest:
                scores[rest] = problem.message
            elif head in names:
                at.setdefault(head, []).append(problem.message)
            else:
                general.append(problem.sentence())
        for field in fields:
            field.show_error("\n".join(at.get(field.name or "", [])))
        scorer = self.query_one(RubricScorer)
        scorer.show_errors(scores)
        said = self.query_one("#form-error", Static)
        said.update("\n".join(general))
        said.set_class(bool(general), "-shown")
        bad = next((f for f in fields if f.name in at or (f.name == "scores" and scores)), None)
        if bad is not None and bad.name == "scores":
            (scorer.first_input(set(scores) or None) or scorer).focus()
        elif bad is not None:
            bad.widget.focus()
        # What belongs to no field is said here too: the form's own line may be out of view.
        said_all = "\n".join([tr("observations.not_saved"), *general])
        self.notify(said_all, severity="warning", markup=False)

    # -- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.changed():
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr("observations.leave_question"),
                                yes=tr("observations.leave_discard"),
                                no=tr("observations.leave_keep"), safe_no=True)  # fmt: skip
        self.app.push_screen(question, self._answered)

    def _answered(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
