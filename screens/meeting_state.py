"""A meeting form's state: the raw texts of its fields, and the record they make.

The state is what a draft keeps ("31/02" and "25:00" too), so it holds text,
ids and row lists, never parsed values. ``build`` turns it into the data of a
Meeting, with the problems of what could not be read, each at the row it
belongs to. No Textual here: the rules of the form are tested on their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final

from giangvien.i18n import tr
from giangvien.models import Lecturer, Meeting, Presence
from giangvien.problems import Problem
from giangvien.vntext import format_date, format_time, parse_date, parse_time

KIND: Final = "meeting"
LINES: Final = ("place", "number")
AREAS: Final = ("review", "teaching_aids", "active_methods", "conclusion")
LISTS: Final = ("guests", "content_updates", "remarks", "tasks")
NOT_LISTED: Final = ""  # a member's status when they were not part of this meeting
DEFAULT_START: Final = "14:00"

Row = dict[str, Any]


def _day(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def member_rows(record: Meeting | None, members: list[Lecturer]) -> list[Row]:
    """One row per lecturer offered: their status here (a new meeting: everyone present)."""
    listed = {a.lecturer_id: a for a in record.attendance if a.lecturer_id} if record else {}
    rows = []
    for lecturer in members:
        entry = listed.get(lecturer.id)
        if entry is None:
            new = record is None and not lecturer.archived
            status = Presence.PRESENT.value if new else NOT_LISTED
            rows.append({"lecturer_id": lecturer.id, "status": status, "reason": "",
                         "position": ""})  # fmt: skip
        else:
            rows.append({"lecturer_id": lecturer.id, "status": entry.status.value,
                         "reason": entry.reason, "position": entry.position})  # fmt: skip
    return rows


def named_in(state: dict[str, Any] | None) -> set[str]:
    """Everyone a form state names (archived lecturers among them stay offered)."""
    if not state:
        return set()
    ids = {state.get("chair_id"), state.get("secretary_id")}
    ids |= {r.get("lecturer_id") for r in state.get("attendance", []) if r.get("status")}
    ids |= {r.get("owner_id") for r in (*state.get("content_updates", []), *state.get("tasks", []))}
    ids |= {r.get("lecturer_id") for r in state.get("remarks", [])}
    return {i for i in ids if i}


def member_rows_of(state: dict[str, Any], members: list[Lecturer]) -> list[Row]:
    """The state's row of each lecturer offered, in their order; not counted when it has none."""
    rows = {r["lecturer_id"]: r for r in state["attendance"]}
    blank = {"status": NOT_LISTED, "reason": "", "position": ""}
    return [rows.get(p.id) or {"lecturer_id": p.id, **blank} for p in members]


def state_of(record: Meeting | None, members: list[Lecturer], today: dt.date) -> dict[str, Any]:
    """The fields' texts for a stored meeting, or for a new one held today."""
    r = record
    guests = [
        {"name": a.name, "position": a.position, "unit": a.unit}
        for a in (r.attendance if r else [])
        if not a.lecturer_id
    ]
    return {
        "kind": KIND,
        "record_id": r.id if r else None,
        "date": format_date(r.date if r else today),
        "start_time": (format_time(r.start_time) if r.start_time else "") if r else DEFAULT_START,
        "end_time": format_time(r.end_time) if r and r.end_time else "",
        **{name: getattr(r, name) if r else "" for name in LINES},
        "chair_id": (r.chair_id if r else "") or "",
        "secretary_id": (r.secretary_id if r else "") or "",
        "attendance": member_rows(r, members),
        "guests": guests,
        **{name: getattr(r, name) if r else "" for name in AREAS},
        "content_updates": [
            {"id": u.id, "lesson": u.lesson, "content": u.content, "owner_id": u.owner_id or "",
             "due": _day(u.due), "done_on": u.done_on.isoformat() if u.done_on else ""}
            for u in (r.content_updates if r else [])
        ],
        "remarks": [
            {"lecturer_id": m.speaker.lecturer_id or "", "name": m.speaker.name,
             "summary": m.summary}
            for m in (r.remarks if r else [])
        ],
        "tasks": [
            {"id": t.id, "description": t.description, "owner_id": t.owner_id or "",
             "due": _day(t.due), "done_on": t.done_on.isoformat() if t.done_on else ""}
            for t in (r.tasks if r else [])
        ],
    }  # fmt: skip


def _blank(row: Row, *names: str) -> bool:
    return not any(str(row.get(n) or "").strip() for n in names)


@dataclass
class Built:
    """A record's data from a form state (a meeting's, a class's), and what could not be read."""

    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    # For each list of the record, where its entry i came from: (form list, row index).
    rows: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _time(value: str, name: str, problems: list[Problem]) -> dt.time | None:
    if not value.strip():
        return None
    try:
        return parse_time(value)
    except ValueError as error:
        problems.append(Problem(name, str(error)))
        return None


def _due(value: str, path: str, problems: list[Problem]) -> dt.date | None:
    if not str(value).strip():
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return None


def _done(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


Where = dict[str, list[tuple[str, int]]]


def _attendance(state: dict[str, Any], where: Where) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i, row in enumerate(state["attendance"]):
        if row["status"] == NOT_LISTED:
            continue
        where["attendance"].append(("attendance", i))
        keep = ("lecturer_id", "status", "reason", "position")
        found.append({name: row.get(name, "") for name in keep})
    for i, row in enumerate(state["guests"]):
        if not _blank(row, "name", "position"):
            where["attendance"].append(("guests", i))
            found.append({name: row.get(name, "") for name in ("name", "position", "unit")})
    return found


def _items(
    state: dict[str, Any], name: str, text: tuple[str, ...], where: Where, problems: list[Problem]
) -> list[dict[str, Any]]:
    """Content updates or tasks: their texts, owner, due date; done_on carried over."""
    found: list[dict[str, Any]] = []
    for i, row in enumerate(state[name]):
        if _blank(row, *text, "owner_id", "due"):
            continue
        path = f"{name}.{len(found)}"
        where[name].append((name, i))
        found.append({
            "id": row["id"], **{t: row[t] for t in text}, "owner_id": row["owner_id"] or None,
            "due": _due(row["due"], f"{path}.due", problems), "done_on": _done(row["done_on"]),
        })  # fmt: skip
    return found


def _remarks(state: dict[str, Any], where: Where) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i, row in enumerate(state["remarks"]):
        if _blank(row, "lecturer_id", "name", "summary"):
            continue
        where["remarks"].append(("remarks", i))
        who = row["lecturer_id"]
        speaker = {"lecturer_id": who} if who else {"name": row["name"]}
        found.append({"speaker": speaker, "summary": row["summary"]})
    return found


def build(state: dict[str, Any], record: Meeting | None) -> Built:
    """The data of the meeting the form holds (rows left blank are no entries)."""
    problems: list[Problem] = []
    where: Where = {n: [] for n in ("attendance", "content_updates", "remarks", "tasks")}
    try:
        date: dt.date | str = parse_date(state["date"])
    except ValueError as error:
        date = state["date"]
        problems.append(Problem("date", str(error)))
    start = _time(state["start_time"], "start_time", problems)
    end = _time(state["end_time"], "end_time", problems)
    if start and end and end <= start:
        problems.append(Problem("end_time", tr("model.meeting_end_before_start")))
    data = {
        **(record.model_dump() if record else {}),
        "date": date, "start_time": start, "end_time": end,
        **{name: state[name] for name in (*LINES, *AREAS)},
        "chair_id": state["chair_id"] or None, "secretary_id": state["secretary_id"] or None,
        "attendance": _attendance(state, where),
        "content_updates": _items(state, "content_updates", ("lesson", "content"), where,
                                  problems),
        "remarks": _remarks(state, where),
        "tasks": _items(state, "tasks", ("description",), where, problems),
    }  # fmt: skip
    return Built(data, problems, where)
