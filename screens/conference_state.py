"""A conference form's state: the raw texts of its fields, and the record they make.
No Textual here."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final

from typing_extensions import TypedDict

from giangvien.models import Conference, ConferenceKind
from giangvien.problems import Problem
from giangvien.vntext import format_date, parse_count, parse_date
from screens.form_state import one_of

KIND: Final = "conference"


class ConferenceState(TypedDict):
    conference_kind: Annotated[str, one_of(ConferenceKind)]
    date: str
    subject: str
    place: str
    partner: str
    attendees: str
    lecturer_ids: list[str]  # the Center's lecturers who spoke
    notes: str


def state_of(record: Conference | None, today: dt.date) -> ConferenceState:
    """The fields' texts of a stored conference, or of a new one held today."""
    r = record
    return {
        "conference_kind": (r.kind if r else ConferenceKind.RESOLUTION).value,
        "date": format_date(r.date if r else today),
        "subject": r.subject if r else "",
        "place": r.place if r else "",
        "partner": r.partner if r else "",
        "attendees": str(r.attendees) if r and r.attendees else "",
        "lecturer_ids": list(r.lecturer_ids) if r else [],
        "notes": r.notes if r else "",
    }


def comparable(state: ConferenceState) -> ConferenceState:
    """Ticking speakers off and on again reorders them without changing anything."""
    return {**state, "lecturer_ids": sorted(state["lecturer_ids"])}


def build(
    state: ConferenceState, record: Conference | None
) -> tuple[list[Problem], dict[str, Any]]:
    """The conference's data, and what the form could not read."""
    problems: list[Problem] = []
    date: Any = state["date"]
    try:
        date = parse_date(date)
    except ValueError as error:
        problems.append(Problem("date", str(error)))
    attendees: Any = 0
    if state["attendees"].strip():
        try:
            attendees = parse_count(state["attendees"])
        except ValueError as error:
            attendees = state["attendees"]
            problems.append(Problem("attendees", str(error)))
    data = {
        **(record.model_dump() if record else {}),
        "kind": state["conference_kind"],
        "date": date,
        "subject": state["subject"],
        "place": state["place"],
        "partner": state["partner"],
        "notes": state["notes"],
        "attendees": attendees,
        "lecturer_ids": list(state["lecturer_ids"]),
    }
    return problems, data
