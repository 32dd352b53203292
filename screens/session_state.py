"""A briefing-session form's state: the fields' raw texts as a draft keeps them, and the
record they make. No Textual here."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from giangvien.models import Briefing, Form, Lecturer, Level, Presence
from giangvien.vntext import format_date, parse_date

KIND: Final = "session"
LINES: Final = ("connection_point", "organiser", "chair")
AREAS: Final = ("guidance", "notes")


def row_state(lecturer: Lecturer | None = None, **given: str) -> dict[str, str]:
    """One row of the grid as a draft keeps it."""
    row = {"lecturer_id": "", "name": "", "position": "", "unit": "",
           "status": Presence.PRESENT.value, "reason": ""}  # fmt: skip
    if lecturer is not None:
        row["lecturer_id"] = lecturer.id
    row.update(given)
    return row


def talk_is_blank(talk: dict[str, str]) -> bool:
    return not (talk.get("presenter", "").strip() or talk.get("title", "").strip())


def state_of(record: Briefing | None, lecturers: list[Lecturer]) -> dict[str, Any]:
    """A stored session's texts, or a new one today with every active lecturer present."""
    if record is None:
        return {
            "kind": KIND, "record_id": None, "date": format_date(dt.date.today()),
            "level": Level.PROVINCIAL.value, "form": Form.IN_PERSON.value,
            **dict.fromkeys(LINES, ""), "talks": [{"presenter": "", "title": ""}],
            **dict.fromkeys(AREAS, ""),
            "attendance": [row_state(lec) for lec in lecturers if not lec.archived],
        }  # fmt: skip
    rows = [
        row_state(lecturer_id=a.lecturer_id or "", name=a.name, position=a.position,
                  unit=a.unit, status=a.status.value, reason=a.reason)
        for a in record.attendance
    ]  # fmt: skip
    return {
        "kind": KIND, "record_id": record.id, "date": format_date(record.date),
        "level": record.level.value, "form": record.form.value,
        **{name: getattr(record, name) for name in LINES},
        "talks": [{"presenter": t.presenter, "title": t.title} for t in record.talks],
        **{name: getattr(record, name) for name in AREAS}, "attendance": rows,
    }  # fmt: skip


def kept_talks(state: dict[str, Any]) -> list[int]:
    """The talk rows that hold something (blank rows are left out, not refused)."""
    return [i for i, talk in enumerate(state["talks"]) if not talk_is_blank(talk)]


def data_of(
    state: dict[str, Any], record: Briefing | None, attendance: list[dict[str, Any]]
) -> dict[str, Any]:
    try:
        date: dt.date | str = parse_date(state["date"])
    except ValueError:
        date = state["date"]
    return {
        **(record.model_dump() if record else {}),
        **{name: state[name] for name in (*LINES, *AREAS, "level", "form")},
        "date": date,
        "talks": [state["talks"][i] for i in kept_talks(state)],
        "attendance": attendance,
    }


def unexplained(state: dict[str, Any]) -> set[int]:
    """The attendance rows marked absent without a reason."""
    return {i for i, row in enumerate(state["attendance"])
            if row["status"] == Presence.ABSENT.value and not row["reason"].strip()}  # fmt: skip
