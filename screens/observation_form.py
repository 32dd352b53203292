"""The observation sheet (phiếu dự giờ): every field, typed by keyboard, never lost.

The lifecycle (drafts, saving, problems, leaving) is ``RecordForm``'s; the
state is ``observation_state``'s. Here: the fields, where scores are refused,
and which of the lecturer's earlier suggestions the sheet asks about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Lecturer, Observation, Recorded, now
from giangvien.problems import Problem
from giangvien.rubric import Rubric
from giangvien.signing import reopen
from giangvien.vntext import format_date, format_time
from screens import observation_state as os_
from screens.form_state import Draft
from screens.observations import key
from screens.record_form import RecordForm, Spot
from screens.reopening import Reopening, ask_to_reopen
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import (
    LecturerPicker,
    ObserverPicker,
    ProgrammePicker,
    pickable,
)
from screens.widgets.rubric_scorer import RubricScorer
from screens.widgets.suggestion_checks import SuggestionChecks
from screens.widgets.suggestions import known_classes, known_lessons, suggesting


class ObservationFormScreen(RecordForm[os_.ObservationState]):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
        key("ctrl+o", "reopen", "reopen"),
    ]
    # What the observed lecturer adds after the signature: open on a signed sheet.
    OPEN_WHEN_SIGNED = frozenset({"self_assessment", "acknowledged_on", "own_part"})

    REOPENING = Reopening(
        reopen, "reviews.not_leader_reopen", "observations.reopen_question",
        "observations.reopened", "reviews.gone",
    )  # fmt: skip

    MODEL = Observation
    STATE = os_.ObservationState
    DRAFT_KIND = os_.KIND
    AREA = "observations"
    FORM_ID = "obs-form"
    AUTO_FOCUS = "#f-date"
    ROUTES: ClassVar[dict[str, str]] = {
        "model.observer_is_lecturer": "observer_ids",
        "model.observer_twice": "observer_ids",
        "model.own_part_missing": "own_part",
        "model.own_part_not_theirs": "own_part",
        "model.follow_up_twice": "follow_ups",
        "model.follow_up_itself": "follow_ups",
    }

    def __init__(self, record: Observation | None = None, draft: Draft | None = None) -> None:
        super().__init__(record, draft)
        self._given: dict[tuple[str, int], os_.Answer] = {}
        self._asked_for: tuple[str, dt.date | None] | None = None

    def _rubric(self, named: os_.ObservationState | None) -> Rubric:
        """An old sheet keeps the rubric version it was scored with, whatever its draft
        says; a new one the version its draft was typed against, else the current one."""
        repo, record = self.gv.repo, self.record
        if record is not None:
            found = repo.rubric(record.rubric_id, record.rubric_version)
        elif named is not None:
            found = repo.rubric(named["rubric_id"], named["rubric_version"])
        else:
            found = None
        return found or repo.active_rubric()

    def baseline(self) -> os_.ObservationState:
        # Made before the draft is read, so from the record alone: the draft's rubric
        # is taken (compose_fields) only once it has read as the state's types.
        user = self.gv.user
        return os_.state_of(self.record, self._rubric(None), user.id if user else None)

    def compose_fields(self, s: os_.ObservationState) -> ComposeResult:
        repo = self.gv.repo
        self.rubric = self._rubric(s)
        people = pickable(repo.lecturers(include_archived=True),
                          {s["lecturer_id"], *s["observer_ids"]})  # fmt: skip
        date = DateInput(id="f-date")
        date.value = s["date"]
        with Horizontal(classes="form-row"):
            yield Field(tr("field.date"), date, name="date", id="field-date")
            pick = tr("observations.pick_lecturer")
            picker = LecturerPicker(people, s["lecturer_id"], prompt=pick, id="f-lecturer")
            yield Field(tr("field.lecturer_id"), picker, name="lecturer_id")
        observers = ObserverPicker(people, s["observer_ids"], id="f-observers")
        yield Field(tr("field.observer_ids"), observers, name="observer_ids")
        programme = ProgrammePicker(repo.settings().programmes, s["programme"], id="f-programme")
        yield Field(tr("field.programme"), programme, name="programme")
        with Horizontal(classes="form-row"):
            hints = {"class_name": known_classes(repo), "lesson": known_lessons(repo)}
            for name in os_.LINES:
                box = Input(s[name], id=f"f-{name}", suggester=suggesting(hints.get(name, [])))
                yield Field(tr(f"field.{name}"), box, name=name)
        yield self._follow_ups(s)
        scorer = RubricScorer(self.rubric, comments_only=s["comments_only"],
                              texts=s["scores"], id="f-scorer")  # fmt: skip
        yield Field(tr("field.scores"), scorer, name="scores")
        for long in os_.AREAS:
            area = TextArea(s[long], soft_wrap=True, tab_behavior="focus", id=f"f-{long}")
            yield Field(tr(f"field.{long}"), area, name=long)
        seen = Checkbox(self._ack_label(), s["acknowledged"], id="f-ack")
        yield Field(tr("field.acknowledged_on"), seen, name="acknowledged_on")
        ways = [(tr(f"observations.own_{how.value}"), how.value) for how in Recorded]
        how = Select(ways, value=s["own_how"], allow_blank=False, id="f-own-how")
        yield Field(tr("field.own_part"), how, name="own_part")
        recorded = self._own_line()
        if recorded:
            yield Static(recorded, markup=False, id="f-own-line", classes="muted")
        yield from self._conclusion()

    # -- the earlier sheets' suggestions, asked about again ------------------

    def _asked(self, lecturer_id: str, day: dt.date | None) -> list[os_.Asked]:
        sheets = self.gv.repo.all(Observation, include_deleted=True)
        answers = list(self._given.values())
        return os_.asked_about(sheets, lecturer_id, day, self.record_id, answers,
                               signed=self.signed)  # fmt: skip

    def _follow_ups(self, s: os_.ObservationState) -> Field:
        # Every answer given while the form is open, so that choosing another lecturer
        # or date and coming back finds them again.
        self._given = {(a["sheet_id"], a["item"]): a for a in s["follow_ups"]}
        day = os_.day_of(s["date"])
        self._asked_for = (s["lecturer_id"], day)
        checks = SuggestionChecks(self._asked(s["lecturer_id"], day), self.gv.repo.lecturer_names(),
                                  frozen=self.signed, id="f-follow-ups")  # fmt: skip
        field = Field(tr("field.follow_ups"), checks, name="follow_ups", id="field-follow-ups")
        field.display = bool(s["lecturer_id"])
        return field

    @on(Select.Changed, "#f-lecturer")
    @on(Input.Changed, "#f-date")
    def _ask_again(self) -> None:
        """The lecturer or the date changed: ask about that lecturer's suggestions before it."""
        if self.signed:
            return
        lecturer = self.query_one(LecturerPicker).lecturer_id or ""
        day = self.query_one("#f-date", DateInput).date
        if day is None and lecturer:
            return  # a date half typed: the list stays until it reads as one
        if (lecturer, day) == self._asked_for:
            return
        self._asked_for = (lecturer, day)
        checks = self.query_one(SuggestionChecks)
        for asked, acted in checks.shown():
            if acted:
                self._given[asked.key] = asked.answer(acted)
            else:  # cleared: not brought back later
                self._given.pop(asked.key, None)
        checks.show(self._asked(lecturer, day))
        self.query_one("#field-follow-ups", Field).display = bool(lecturer)

    @property
    def signed(self) -> bool:
        return self.record is not None and self.record.reviewed

    def locked(self, name: str) -> bool:
        # Frozen under the signature (models.signature); the gate refuses a change anyway.
        return self.signed and name not in self.OPEN_WHEN_SIGNED

    def on_mount(self) -> None:
        super().on_mount()
        if self.signed:
            self.query_one("#f-self_assessment", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.signed
        return super().check_action(action, parameters)

    def action_reopen(self) -> None:
        if self.signed:
            ask_to_reopen(self, self.REOPENING)

    def _ack_label(self) -> str:
        seen = self.record.acknowledged_on if self.record else None
        if seen is None:
            return tr("observations.acknowledged")
        return tr("observations.acknowledged_on", date=format_date(seen))

    def _own_line(self) -> str:
        part = self.record.own_part if self.record else None
        if part is None:
            return ""
        at = part.at.astimezone()
        when = f"{format_date(at.date())} {format_time(at.time())}"
        if part.how is Recorded.IN_PERSON:
            return tr("observations.own_line_in_person", when=when)
        name = self.gv.repo.lecturer_names().get(part.by or "", tr("observations.own_unknown"))
        return tr("observations.own_line_from_paper", name=name, when=when)

    def before_write(self, record: Any, write: Callable[[], None]) -> None:
        # The lecturer's own part, newly recorded as theirs: their PIN, if they set one.
        part = record.own_part
        stored = self.record.own_part if self.record else None
        lecturer = self.gv.repo.get(Lecturer, record.lecturer_id)
        if part is None or part == stored or part.how is not Recorded.IN_PERSON or lecturer is None:
            write()
            return
        self.gv.as_person(lecturer, write)

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
            yield Static(tr("observations.frozen"), markup=False, id="f-frozen", classes="muted")

    @property
    def scorer(self) -> RubricScorer:
        return self.query_one(RubricScorer)

    def read_fields(self) -> os_.ObservationState:
        q, scorer = self.query_one, self.scorer

        def line(name: os_.Line) -> str:
            return q(f"#f-{name}", Input).value

        def area(name: os_.Area) -> str:
            return q(f"#f-{name}", TextArea).text

        return {
            "rubric_id": scorer.rubric_id, "rubric_version": scorer.rubric_version,
            "date": q("#f-date", DateInput).value,
            "lecturer_id": q(LecturerPicker).lecturer_id or "",
            "observer_ids": q(ObserverPicker).value, "programme": q(ProgrammePicker).value,
            "class_name": line("class_name"), "lesson": line("lesson"), "place": line("place"),
            "scores": scorer.texts(), "comments_only": scorer.comments_only,
            "strengths": area("strengths"), "limitations": area("limitations"),
            "suggestions": area("suggestions"), "self_assessment": area("self_assessment"),
            "acknowledged": q("#f-ack", Checkbox).value,
            # Offered only the ways there are, with no blank: the value is one of them.
            "own_how": os_.literal_of(q("#f-own-how", Select).value, os_.HOWS),
            "follow_ups": q(SuggestionChecks).answers(),
        }  # fmt: skip

    def comparable(self, state: os_.ObservationState) -> os_.ObservationState:
        return os_.comparable(state)

    def check(self, state: os_.ObservationState) -> tuple[list[Problem], dict[str, Any]]:
        found: list[Problem] = []
        date_error = self.query_one("#f-date", DateInput).error()
        if date_error:
            found.append(Problem("date", date_error))
        scorer = self.scorer
        found += [Problem(f"scores.{c}" if c else "scores", why)
                  for c, why in scorer.errors().items()]  # fmt: skip
        user = self.gv.user
        scores = None if found else scorer.scores
        return found, os_.data_of(state, self.record, scores, user.id if user else None, now())

    def spot_of(self, problem: Problem) -> Spot | None:
        head, _, code = problem.field.partition(".")
        spot = self.scorer.error_at(code) if head == "scores" and code else None
        return (spot, problem.message) if spot is not None else None

    def spots(self) -> Iterable[Widget]:
        return self.scorer.error_spots

    def focus_of(self, spot: Widget) -> Widget:
        if isinstance(spot, Field) and spot.widget is self.scorer:
            return self.scorer.first_input() or spot.widget  # no score typed: the first one
        return super().focus_of(spot)
