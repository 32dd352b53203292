"""Agreed updates across meetings, overdue counts, and the month's observation summary."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest

from giangvien.meetings import (
    Kind,
    State,
    agreed_items,
    in_month,
    month_review,
    open_count,
    overdue_count,
    presence,
    with_item_done,
)
from giangvien.models import (
    Attendance,
    ContentUpdate,
    Lecturer,
    Meeting,
    Observation,
    Presence,
    Task,
    Trial,
    Verdict,
)
from giangvien.rubric import default_rubric
from tests.trial_helpers import decided

TODAY = dt.date(2026, 3, 15)
GONE = datetime(2026, 3, 1, tzinfo=UTC)
RUBRIC = default_rubric()


def person(family: str, middle: str, given: str) -> Lecturer:
    return Lecturer(family_name=family, middle_name=middle, given_name=given)


AN = person("Nguyễn", "Văn", "An")
BINH = person("Trần", "Thị", "Bình")
DUNG = person("Đỗ", "Văn", "Dũng")
HUNG = person("Lê", "Văn", "Hùng")
NAMES = {p.id: p for p in (AN, BINH, DUNG, HUNG)}


def update(due: dt.date | None, done: dt.date | None = None, what: str = "x") -> ContentUpdate:
    return ContentUpdate(lesson="Bài 1", content=what, owner_id=AN.id, due=due, done_on=done)


def task(due: dt.date | None, done: dt.date | None = None, what: str = "t") -> Task:
    return Task(description=what, owner_id=AN.id, due=due, done_on=done)


def meeting(
    day: dt.date,
    updates: list[ContentUpdate] | None = None,
    tasks: list[Task] | None = None,
    **more: object,
) -> Meeting:
    data = {"date": day, "content_updates": updates or [], "tasks": tasks or [], **more}
    return Meeting.model_validate(data)


def test_agreed_items_overdue_first_then_soonest_then_done() -> None:
    january = meeting(
        dt.date(2026, 1, 6),
        [update(dt.date(2026, 2, 1), what="quá hạn lâu"), update(None, what="không hạn")],
        [task(dt.date(2026, 3, 14), what="quá hạn hôm qua"), task(TODAY, what="hạn hôm nay")],
    )
    february = meeting(
        dt.date(2026, 2, 3),
        [update(dt.date(2026, 3, 20), what="sắp tới")],
        [task(dt.date(2026, 2, 10), dt.date(2026, 2, 9), what="xong sớm"),
         task(dt.date(2026, 2, 20), dt.date(2026, 3, 1), what="xong muộn")],
    )  # fmt: skip
    gone = meeting(dt.date(2026, 2, 20), [update(dt.date(2026, 1, 1))], deleted_at=GONE)
    found = agreed_items([february, gone, january], TODAY)
    assert [i.what for i in found] == [
        "quá hạn lâu", "quá hạn hôm qua", "hạn hôm nay", "sắp tới", "không hạn",
        "xong muộn", "xong sớm",
    ]  # fmt: skip
    assert [i.state(TODAY) for i in found[:3]] == [State.OVERDUE, State.OVERDUE, State.OPEN]
    assert found[0].kind is Kind.UPDATE and found[1].kind is Kind.TASK
    assert found[0].meeting_id == january.id and found[0].lesson == "Bài 1"
    assert found[1].lesson == ""
    assert [i.what for i in agreed_items([january, february], TODAY, include_done=False)][-1] == (
        "không hạn"
    )
    assert overdue_count([january, february, gone], TODAY) == 2
    assert overdue_count([january], dt.date(2026, 1, 1)) == 0
    assert overdue_count([], TODAY) == 0


def test_marking_done_touches_one_item() -> None:
    m = meeting(TODAY, [update(TODAY), update(TODAY)], [task(TODAY)])
    target = m.content_updates[1]
    done = with_item_done(m, target.id, TODAY)
    assert [u.done_on for u in done.content_updates] == [None, TODAY]
    assert done.tasks == m.tasks and m.content_updates[1].done_on is None  # a copy
    again = with_item_done(done, m.tasks[0].id, dt.date(2026, 3, 16))
    assert again.tasks[0].done_on == dt.date(2026, 3, 16)
    assert with_item_done(again, target.id, None).content_updates[1].done_on is None
    assert open_count(m) == 3 and open_count(again) == 1
    with pytest.raises(KeyError):
        with_item_done(m, "no-such-item", TODAY)


def test_presence_counts_members_not_guests() -> None:
    m = meeting(
        TODAY,
        attendance=[
            Attendance(lecturer_id=AN.id),
            Attendance(lecturer_id=BINH.id, status=Presence.LATE),
            Attendance(lecturer_id=HUNG.id, status=Presence.ABSENT, reason="Ốm"),
            Attendance(name="Khách mời"),
        ],
    )
    assert presence(m) == (2, 3)


def test_in_month() -> None:
    a, b = meeting(dt.date(2026, 1, 6)), meeting(dt.date(2026, 1, 20))
    other, gone = meeting(dt.date(2026, 2, 3)), meeting(dt.date(2026, 1, 8), deleted_at=GONE)
    assert in_month([b, other, a, gone], 2026, 1) == [a, b]


def sheet(day: dt.date, who: Lecturer, scores: dict[str, float] | None) -> Observation:
    return Observation(
        date=day, lecturer_id=who.id, observer_ids=[HUNG.id], lesson="Bài 1",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version, scores=scores,
    )  # fmt: skip


FULL = {i.code: i.max for i in RUBRIC.items}  # 20: Giỏi
GOOD = {**FULL, "ND1": 1.0, "ND2": 1.0}  # 17 without ND1 at full marks: Khá


def test_month_review_says_what_the_data_says() -> None:
    sheets = [
        sheet(dt.date(2025, 12, 3), DUNG, FULL),
        sheet(dt.date(2025, 12, 10), AN, GOOD),
        sheet(dt.date(2025, 12, 17), AN, None),
        sheet(dt.date(2025, 12, 31), BINH, GOOD),
        sheet(dt.date(2026, 1, 2), DUNG, FULL),  # another month
        sheet(dt.date(2025, 12, 5), DUNG, FULL).model_copy(update={"deleted_at": GONE}),
    ]
    text = month_review(dt.date(2025, 12, 1), sheets, NAMES, lambda *_: RUBRIC)
    assert text == (
        "Trong tháng 12/2025, Trung tâm tổ chức dự giờ 4 lượt đối với 3 đồng chí: "
        "Nguyễn Văn An (2 lượt), Trần Thị Bình (1 lượt), Đỗ Văn Dũng (1 lượt). "
        "Kết quả xếp loại: 1 Giỏi, 2 Khá, 1 chỉ nhận xét."
    )


def test_month_review_of_a_quiet_month_with_trials() -> None:
    trials = [
        decided(lecturer_id=AN.id, lesson="Bài 2", date=dt.date(2026, 1, 9),
                verdict=Verdict.PASSED),
        decided(lecturer_id=BINH.id, lesson="Bài 3", date=dt.date(2026, 1, 20),
                verdict=Verdict.NOT_PASSED, to_fix="Cập nhật số liệu"),
        Trial(lecturer_id=DUNG.id, lesson="Bài 4", date=dt.date(2026, 1, 22)),
    ]  # fmt: skip
    text = month_review(dt.date(2026, 1, 1), [], NAMES, lambda *_: RUBRIC, trials)
    assert text == (
        "Trong tháng 01/2026, Trung tâm không tổ chức dự giờ. "
        "Tổ chức 3 buổi luyện giảng (1 đạt, 1 chưa đạt)."
    )
