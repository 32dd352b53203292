"""A briefing-session form's state: the fields' raw texts as a draft keeps them, and the
record they make. No Textual here."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final

from typing_extensions import TypedDict

from giangvien.models import Briefing, Form, Lecturer, Level, Presence
from giangvien.vntext import format_date, parse_date
from screens.form_state import one_of

KIND: Final = "session"


class TalkState(TypedDict):
    presenter: str
    title: str


class RowState(TypedDict):
    """One row of the attendance grid: a lecturer (by id) or a guest (by name)."""

    lecturer_id: str
    name: str
    position: str
    unit: str
    status: Annotated[str, one_of(Presence)]
    reason: str


class SessionState(TypedDict):
    date: str
    level: Annotated[str, one_of(Level)]
    form: Annotated[str, one_of(Form)]
    connection_point: str
    organiser: str
    chair: str
    talks: list[TalkState]  # blank rows included, as shown
    guidance: str
    notes: str
    attendance: list[RowState]


def row_state(
    lecturer: Lecturer | None = None,
    *,
    lecturer_id: str = "",
    name: str = "",
    position: str = "",
    unit: str = "",
    status: str = Presence.PRESENT.value,
    reason: str = "",
) -> RowState:
    """One row of the grid as a draft keeps it."""
    return {"lecturer_id": lecturer.id if lecturer is not None else lecturer_id, "name": name,
            "position": position, "unit": unit, "status": status, "reason": reason}  # fmt: skip


def talk_is_blank(talk: TalkState) -> bool:
    return not (talk["presenter"].strip() or talk["title"].strip())


def state_of(record: Briefing | None, lecturers: list[Lecturer]) -> SessionState:
    """A stored session's texts, or a new one today with every active lecturer present."""
    if record is None:
        return {
            "date": format_date(dt.date.today()),
            "level": Level.PROVINCIAL.value, "form": Form.IN_PERSON.value,
            "connection_point": "", "organiser": "", "chair": "",
            "talks": [{"presenter": "", "title": ""}], "guidance": "", "notes": "",
            "attendance": [row_state(lec) for lec in lecturers if not lec.archived],
        }  # fmt: skip
    rows = [
        row_state(lecturer_id=a.lecturer_id or "", name=a.name, position=a.position,
                  unit=a.unit, status=a.status.value, reason=a.reason)
        for a in record.attendance
    ]  # fmt: skip
    return {
        "date": format_date(record.date),
        "level": record.level.value, "form": record.form.value,
        "connection_point": record.connection_point, "organiser": record.organiser,
        "chair": record.chair,
        "talks": [{"presenter": t.presenter, "title": t.title} for t in record.talks],
        "guidance": record.guidance, "notes": record.notes, "attendance": rows,
    }  # fmt: skip


def kept_talks(state: SessionState) -> list[int]:
    """The talk rows that hold something (blank rows are left out, not refused)."""
    return [i for i, talk in enumerate(state["talks"]) if not talk_is_blank(talk)]


def data_of(
    state: SessionState, record: Briefing | None, attendance: list[dict[str, Any]]
) -> dict[str, Any]:
    try:
        date: dt.date | str = parse_date(state["date"])
    except ValueError:
        date = state["date"]
    return {
        **(record.model_dump() if record else {}),
        "level": state["level"],
        "form": state["form"],
        "connection_point": state["connection_point"],
        "organiser": state["organiser"],
        "chair": state["chair"],
        "guidance": state["guidance"],
        "notes": state["notes"],
        "date": date,
        "talks": [state["talks"][i] for i in kept_talks(state)],
        "attendance": attendance,
    }


def unexplained(state: SessionState) -> set[int]:
    """The attendance rows marked absent without a reason."""
    return {i for i, row in enumerate(state["attendance"])
            if row["status"] == Presence.ABSENT.value and not row["reason"].strip()}  # fmt: skip
