"""A meeting form's typed state: made from a meeting, made into one, and read back
from a draft, whatever that draft holds (screens.meeting_state; no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from giangvien.models import (
    Attendance,
    ContentUpdate,
    Lecturer,
    Meeting,
    PersonRef,
    Presence,
    Remark,
    Task,
)
from giangvien.problems import validate
from screens import meeting_state as ms
from screens.form_state import envelope, resume

TODAY = dt.date(2026, 3, 15)
AN = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
LAN = Lecturer(family_name="Phạm", middle_name="Thị", given_name="Lan")
GONE = Lecturer(family_name="Trần", middle_name="Văn", given_name="Cũ", archived=True)
MEMBERS = [AN, LAN, GONE]


def stored() -> Meeting:
    return Meeting(
        date=dt.date(2026, 3, 2), start_time=dt.time(14), end_time=dt.time(16, 30),
        place="Hội trường", number="3", chair_id=LAN.id, secretary_id=AN.id,
        attendance=[
            Attendance(lecturer_id=AN.id, status=Presence.ABSENT, reason="Ốm"),
            Attendance(lecturer_id=LAN.id),
            Attendance(name="Khách", position="Trưởng ban", unit="Huyện ủy"),
        ],
        review="Tháng qua", conclusion="Kết luận",
        content_updates=[ContentUpdate(lesson="Bài 3", content="Nghị quyết 57", owner_id=AN.id,
                                       due=dt.date(2026, 4, 1), done_on=dt.date(2026, 3, 20))],
        remarks=[Remark(speaker=PersonRef(lecturer_id=LAN.id), summary="Đồng ý"),
                 Remark(speaker=PersonRef(name="Khách"), summary="Góp ý")],
        tasks=[Task(description="Soạn bài", owner_id=LAN.id)],
    )  # fmt: skip


def test_a_new_meeting_starts_at_two_with_the_active_members_present() -> None:
    state = ms.state_of(None, MEMBERS, TODAY)
    assert set(state) == set(ms.MeetingState.__annotations__)  # no envelope in the state
    assert (state["date"], state["start_time"], state["end_time"]) == ("15/03/2026", "14:00", "")
    assert [(r["lecturer_id"], r["status"]) for r in state["attendance"]] == [
        (AN.id, "present"), (LAN.id, "present"), (GONE.id, ms.NOT_LISTED),
    ]  # fmt: skip
    assert state["guests"] == state["content_updates"] == state["tasks"] == []


def test_a_stored_meeting_comes_back_the_same_through_its_state() -> None:
    meeting = stored()
    state = ms.state_of(meeting, MEMBERS, TODAY)
    assert state["guests"] == [{"name": "Khách", "position": "Trưởng ban", "unit": "Huyện ủy"}]
    assert state["content_updates"][0]["done_on"] == "2026-03-20"
    assert state["remarks"][1] == {"lecturer_id": "", "name": "Khách", "summary": "Góp ý"}
    built = ms.build(state, meeting)
    assert built.problems == []
    assert validate(Meeting, built.data) == meeting
    # Each entry of the record's lists says which row of which form list it came from.
    assert built.rows["attendance"] == [("attendance", 0), ("attendance", 1), ("guests", 0)]
    assert built.rows["remarks"] == [("remarks", 0), ("remarks", 1)]


def test_blank_rows_are_no_entries_and_a_bad_day_is_said_at_its_row() -> None:
    state = ms.state_of(None, [AN], TODAY)
    task = {**ms.task_row(), "description": "Việc", "due": "31/02/2026"}
    state = {**state, "end_time": "13h", "guests": [ms.guest_row()],
             "remarks": [ms.remark_row()], "tasks": [ms.task_row(), task]}  # fmt: skip
    built = ms.build(state, None)
    assert [p.field for p in built.problems] == ["end_time", "tasks.0.due"]
    assert built.rows["tasks"] == [("tasks", 1)]
    assert built.data["remarks"] == [] and len(built.data["attendance"]) == 1


def test_a_draft_kept_by_the_previous_version_resumes_unchanged() -> None:
    base = ms.state_of(stored(), MEMBERS, TODAY)
    typed = {**base, "date": "31/02", "start_time": "14g", "place": "[b]Phòng[/b]",
             "guests": [{"name": "Bình", "position": "", "unit": ""}]}  # fmt: skip
    draft = {**envelope(ms.KIND, "m1", typed), "saved_at": "2026-03-15T10:00:00+00:00"}
    assert resume(ms.MeetingState, base, draft) == (typed, [])


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("tasks", "abc"),
        ("guests", [{"name": "Khách"}]),  # a row missing a key
        ("chair_id", 5),
        ("attendance", [{"lecturer_id": AN.id, "status": "maybe", "reason": "", "position": ""}]),
        ("content_updates", [{**ms.update_row(), "done_on": "soon"}]),
        ("remarks", [None, 3]),
    ],
)
def test_a_field_of_a_draft_that_does_not_read_keeps_the_records_value(name: str, bad: Any) -> None:
    base = ms.state_of(stored(), MEMBERS, TODAY)
    draft = {"kind": ms.KIND, "record_id": "m1", "place": "Phòng 2", name: bad}
    state, refused = resume(ms.MeetingState, base, draft)
    assert refused == [name]
    assert state == {**base, "place": "Phòng 2"}


GARBAGE: list[Any] = [
    None, 5, "abc", True, [], {}, [5, "x", None], [["a"]], {"lecturer_id": "x"},
    [{"lecturer_id": ["a"], "status": {"x": 1}, "owner_id": 7}],
]  # fmt: skip


@pytest.mark.parametrize("junk", GARBAGE)
def test_who_a_raw_draft_names_whatever_json_it_holds(junk: Any) -> None:
    lists = ("attendance", "guests", "content_updates", "remarks", "tasks")
    draft = {"chair_id": junk, "secretary_id": junk, **dict.fromkeys(lists, junk)}
    assert ms.named_in(draft) == ({"abc"} if junk == "abc" else set())
    mixed = {**draft, "remarks": [junk, {"lecturer_id": "r1"}],
             "tasks": [{"owner_id": junk}, {"owner_id": "t1"}]}  # fmt: skip
    assert ms.named_in(mixed) - {"abc", "x"} == {"r1", "t1"}  # beside the junk, the ids


def test_who_a_state_names() -> None:
    state = ms.state_of(stored(), MEMBERS, TODAY)
    assert ms.named_in(state) == {AN.id, LAN.id}
    assert ms.named_in(None) == set() == ms.named_in({})


def test_a_member_offered_whom_the_state_does_not_list_is_not_counted() -> None:
    state = ms.state_of(stored(), [AN, LAN], TODAY)
    rows = ms.member_rows_of(state, [LAN, GONE])
    assert rows == [state["attendance"][1],
                    {"lecturer_id": GONE.id, "status": ms.NOT_LISTED, "reason": "",
                     "position": ""}]  # fmt: skip
