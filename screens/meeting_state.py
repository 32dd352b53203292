"""A meeting form's state: the raw texts of its fields, and the record they make.

The state is what a draft keeps ("31/02" and "25:00" too), so it holds text,
ids and row lists, never parsed values: ``MeetingState``, with a TypedDict per
kind of row, against which a draft is read back (``screens.form_state``). A
value the form could not show (a member's status that is no presence, a done_on
that is no day) does not read, so a broken draft cannot stop the form opening.
``build`` turns the state into the data of a Meeting, with the problems of what
could not be read, each at the row it belongs to. No Textual here: the rules of
the form are tested on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Final, TypeVar

from pydantic import AfterValidator
from typing_extensions import TypedDict

from giangvien.i18n import tr
from giangvien.models import Lecturer, Meeting, Presence, new_id
from giangvien.problems import Problem
from giangvien.vntext import format_date, format_time, parse_date, parse_time
from screens.form_state import one_of

KIND: Final = "meeting"
NOT_LISTED: Final = ""  # a member's status when they were not part of this meeting
DEFAULT_START: Final = "14:00"


def _an_iso_day(value: str) -> str:
    if value:
        dt.date.fromisoformat(value)  # a done_on that is no day does not read (ValueError)
    return value


Status = Annotated[str, one_of(Presence, NOT_LISTED)]
IsoDay = Annotated[str, AfterValidator(_an_iso_day)]  # yyyy-mm-dd, or "": never typed


class MemberState(TypedDict):
    lecturer_id: str
    status: Status
    reason: str
    position: str


class GuestState(TypedDict):
    name: str
    position: str
    unit: str


class OwnedState(TypedDict):
    """What a content update and a task share: who does it, by when, done when."""

    id: str
    owner_id: str  # "": nobody chosen yet
    due: str  # as typed
    done_on: IsoDay  # set from the updates screen, carried along by the form


class UpdateState(OwnedState):
    lesson: str
    content: str


class TaskState(OwnedState):
    description: str


class RemarkState(TypedDict):
    lecturer_id: str  # "": the speaker is named in ``name`` instead
    name: str
    summary: str


class MeetingState(TypedDict):
    date: str
    start_time: str
    end_time: str
    place: str
    number: str
    chair_id: str
    secretary_id: str
    attendance: list[MemberState]  # one per lecturer offered, in their order
    guests: list[GuestState]
    review: str
    teaching_aids: str
    active_methods: str
    conclusion: str
    content_updates: list[UpdateState]
    remarks: list[RemarkState]
    tasks: list[TaskState]


def guest_row() -> GuestState:
    return {"name": "", "position": "", "unit": ""}


def update_row() -> UpdateState:
    return {"id": new_id(), "lesson": "", "content": "", "owner_id": "", "due": "",
            "done_on": ""}  # fmt: skip


def task_row() -> TaskState:
    return {"id": new_id(), "description": "", "owner_id": "", "due": "", "done_on": ""}


def remark_row() -> RemarkState:
    return {"lecturer_id": "", "name": "", "summary": ""}


def _day(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def member_rows(record: Meeting | None, members: list[Lecturer]) -> list[MemberState]:
    """One row per lecturer offered: their status here (a new meeting: everyone present)."""
    listed = {a.lecturer_id: a for a in record.attendance if a.lecturer_id} if record else {}
    rows: list[MemberState] = []
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


def draft_rows(draft: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    """The rows of the list ``name`` of a draft not yet read, those that are objects."""
    rows = draft.get(name)
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []


def ids_of(values: list[object]) -> set[str]:
    """Those of ``values`` that are ids: a draft not yet read may hold any JSON there."""
    return {v for v in values if isinstance(v, str) and v}


def named_in(draft: Mapping[str, Any] | None) -> set[str]:
    """Everyone a draft (or a state) names: archived lecturers among them stay offered.

    Read before the draft is read against MeetingState, since the lecturers offered
    make the baseline it is read against: whatever JSON is there, only ids count.
    """
    if not draft:
        return set()

    def rows(name: str) -> list[Mapping[str, Any]]:
        return draft_rows(draft, name)

    return ids_of([
        draft.get("chair_id"), draft.get("secretary_id"),
        *(r.get("lecturer_id") for r in rows("attendance") if r.get("status")),
        *(r.get("owner_id") for r in (*rows("content_updates"), *rows("tasks"))),
        *(r.get("lecturer_id") for r in rows("remarks")),
    ])  # fmt: skip


def member_rows_of(state: MeetingState, members: list[Lecturer]) -> list[MemberState]:
    """The state's row of each lecturer offered, in their order; not counted when it has none."""
    rows = {r["lecturer_id"]: r for r in state["attendance"]}
    return [rows.get(p.id) or {"lecturer_id": p.id, "status": NOT_LISTED, "reason": "",
                               "position": ""} for p in members]  # fmt: skip


def state_of(record: Meeting | None, members: list[Lecturer], today: dt.date) -> MeetingState:
    """The fields' texts for a stored meeting, or for a new one held today."""
    r = record
    guests: list[GuestState] = [
        {"name": a.name, "position": a.position, "unit": a.unit}
        for a in (r.attendance if r else [])
        if not a.lecturer_id
    ]
    return {
        "date": format_date(r.date if r else today),
        "start_time": (format_time(r.start_time) if r.start_time else "") if r else DEFAULT_START,
        "end_time": format_time(r.end_time) if r and r.end_time else "",
        "place": r.place if r else "",
        "number": r.number if r else "",
        "chair_id": (r.chair_id if r else "") or "",
        "secretary_id": (r.secretary_id if r else "") or "",
        "attendance": member_rows(r, members),
        "guests": guests,
        "review": r.review if r else "",
        "teaching_aids": r.teaching_aids if r else "",
        "active_methods": r.active_methods if r else "",
        "conclusion": r.conclusion if r else "",
        "content_updates": [
            {"id": u.id, "lesson": u.lesson, "content": u.content, "owner_id": u.owner_id or "",
             "due": _day(u.due), "done_on": _iso(u.done_on)}
            for u in (r.content_updates if r else [])
        ],
        "remarks": [
            {"lecturer_id": m.speaker.lecturer_id or "", "name": m.speaker.name,
             "summary": m.summary}
            for m in (r.remarks if r else [])
        ],
        "tasks": [
            {"id": t.id, "description": t.description, "owner_id": t.owner_id or "",
             "due": _day(t.due), "done_on": _iso(t.done_on)}
            for t in (r.tasks if r else [])
        ],
    }  # fmt: skip


def _blank(*texts: str) -> bool:
    return not any(t.strip() for t in texts)


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
    if not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return None


def _done(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


Where = dict[str, list[tuple[str, int]]]
Item = TypeVar("Item", bound=OwnedState)


def _attendance(state: MeetingState, where: Where) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i, member in enumerate(state["attendance"]):
        if member["status"] == NOT_LISTED:
            continue
        where["attendance"].append(("attendance", i))
        found.append({"lecturer_id": member["lecturer_id"], "status": member["status"],
                      "reason": member["reason"], "position": member["position"]})  # fmt: skip
    for i, guest in enumerate(state["guests"]):
        if not _blank(guest["name"], guest["position"]):
            where["attendance"].append(("guests", i))
            found.append({"name": guest["name"], "position": guest["position"],
                          "unit": guest["unit"]})  # fmt: skip
    return found


def _owned(
    rows: list[Item], name: str, texts: Callable[[Item], dict[str, str]], where: Where,
    problems: list[Problem],
) -> list[dict[str, Any]]:  # fmt: skip
    """Content updates or tasks: their ``texts``, owner, due date; done_on carried over."""
    found: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        typed = texts(row)
        if _blank(*typed.values(), row["owner_id"], row["due"]):
            continue
        path = f"{name}.{len(found)}"
        where[name].append((name, i))
        found.append({
            "id": row["id"], **typed, "owner_id": row["owner_id"] or None,
            "due": _due(row["due"], f"{path}.due", problems), "done_on": _done(row["done_on"]),
        })  # fmt: skip
    return found


def _remarks(state: MeetingState, where: Where) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i, row in enumerate(state["remarks"]):
        if _blank(row["lecturer_id"], row["name"], row["summary"]):
            continue
        where["remarks"].append(("remarks", i))
        who = row["lecturer_id"]
        speaker = {"lecturer_id": who} if who else {"name": row["name"]}
        found.append({"speaker": speaker, "summary": row["summary"]})
    return found


def build(state: MeetingState, record: Meeting | None) -> Built:
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
    updates = _owned(
        state["content_updates"],
        "content_updates",
        lambda u: {"lesson": u["lesson"], "content": u["content"]},
        where,
        problems,
    )
    tasks = _owned(state["tasks"], "tasks", lambda t: {"description": t["description"]}, where,
                   problems)  # fmt: skip
    data = {
        **(record.model_dump() if record else {}),
        "date": date, "start_time": start, "end_time": end,
        "place": state["place"], "number": state["number"],
        "review": state["review"], "teaching_aids": state["teaching_aids"],
        "active_methods": state["active_methods"], "conclusion": state["conclusion"],
        "chair_id": state["chair_id"] or None, "secretary_id": state["secretary_id"] or None,
        "attendance": _attendance(state, where),
        "content_updates": updates,
        "remarks": _remarks(state, where),
        "tasks": tasks,
    }  # fmt: skip
    return Built(data, problems, where)
