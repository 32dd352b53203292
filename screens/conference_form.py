"""A conference (hội nghị học tập nghị quyết, thông tin thời sự, ...): kind, name, when,
where, with whom, how many attended, and which of the Center's lecturers spoke.

The lifecycle is ``RecordForm``'s, the state ``conference_state``'s.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select, TextArea

from giangvien.i18n import tr
from giangvien.models import Conference, ConferenceKind
from giangvien.problems import Problem
from screens import conference_state as fs
from screens.classes import key
from screens.record_form import RecordForm
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import ObserverPicker, pickable


class ConferenceFormScreen(RecordForm[fs.ConferenceState]):
    """Dismisses with the id of the saved conference, or None when left unsaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "save", "save", priority=True),
        key("escape", "leave", "leave"),
    ]

    MODEL = Conference
    STATE = fs.ConferenceState
    DRAFT_KIND = fs.KIND
    AREA = "conferences"
    FORM_ID = "conf-form"
    AUTO_FOCUS = "#k-subject"

    def baseline(self) -> fs.ConferenceState:
        return fs.state_of(self.record, self.gv.today())

    def compose_fields(self, s: fs.ConferenceState) -> ComposeResult:
        # The state, not the raw draft: only what read as ids is offered again.
        named = set(self.record.lecturer_ids) if self.record else set()
        named |= set(s["lecturer_ids"])
        people = pickable(self.gv.repo.lecturers(include_archived=True), named)
        with Horizontal(classes="form-row"):
            kinds = [(tr(f"enum.conference_{k.value}"), k.value) for k in ConferenceKind]
            kind = Select(kinds, value=s["conference_kind"], allow_blank=False, id="k-kind")
            yield Field(tr("field.kind"), kind, name="kind")
            day = DateInput(id="k-date")
            day.value = s["date"]
            yield Field(tr("field.date"), day, name="date")
            attendees = Input(s["attendees"], id="k-attendees")
            yield Field(tr("field.attendees"), attendees, name="attendees")
        yield Field(tr("field.subject"), Input(s["subject"], id="k-subject"), name="subject")
        with Horizontal(classes="form-row"):
            for name in ("place", "partner"):
                yield Field(tr(f"field.{name}"), Input(s[name], id=f"k-{name}"), name=name)
        speakers = ObserverPicker(people, s["lecturer_ids"], id="k-speakers")
        yield Field(tr("field.lecturer_ids"), speakers, name="lecturer_ids")
        notes = TextArea(s["notes"], soft_wrap=True, tab_behavior="focus", id="k-notes")
        yield Field(tr("classes.notes"), notes, name="notes")

    def read_fields(self) -> fs.ConferenceState:
        q = self.query_one
        return {
            "conference_kind": str(q("#k-kind", Select).value),
            "date": q("#k-date", DateInput).value,
            "subject": q("#k-subject", Input).value,
            "place": q("#k-place", Input).value,
            "partner": q("#k-partner", Input).value,
            "attendees": q("#k-attendees", Input).value,
            "lecturer_ids": q("#k-speakers", ObserverPicker).value,
            "notes": q("#k-notes", TextArea).text,
        }

    def comparable(self, state: fs.ConferenceState) -> fs.ConferenceState:
        return fs.comparable(state)

    def check(self, state: fs.ConferenceState) -> tuple[list[Problem], dict[str, Any]]:
        return fs.build(state, self.record)
