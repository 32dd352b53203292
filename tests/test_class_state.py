"""A class form's typed state: made from a class, made into one, and read back from a
draft, whatever that draft holds (screens.class_state; no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from giangvien.models import ClassLesson, FieldTrip, TrainingClass
from giangvien.problems import validate
from screens import class_state as cs
from screens.form_state import envelope, resume

TODAY = dt.date(2026, 3, 20)


def stored() -> TrainingClass:
    return TrainingClass(
        programme="Bồi dưỡng nhận thức về Đảng", class_name="Lớp A", place="Hội trường",
        partner="Huyện đoàn", opened=dt.date(2026, 3, 2), closed=dt.date(2026, 3, 6),
        learners=45, notes="Ghi chú",
        lessons=[ClassLesson(lesson="Bài 1", lecturer_id="an", date=dt.date(2026, 3, 2),
                             hours=3.5)],
        field_trips=[FieldTrip(date=dt.date(2026, 3, 5), place="Nhà lưu niệm", learners=40)],
    )  # fmt: skip


def test_a_new_class_opens_today_with_no_rows() -> None:
    state = cs.state_of(None, TODAY)
    assert set(state) == set(cs.ClassState.__annotations__)  # no envelope in the state
    assert (state["opened"], state["closed"], state["lessons"]) == ("20/03/2026", "", [])


def test_a_stored_class_comes_back_the_same_through_its_state() -> None:
    klass = stored()
    state = cs.state_of(klass, TODAY)
    assert state["lessons"][0]["hours"] == "3,5" and state["learners"] == "45"
    assert state["field_trips"] == [{"date": "05/03/2026", "place": "Nhà lưu niệm",
                                     "learners": "40"}]  # fmt: skip
    built = cs.build(state, klass)
    assert built.problems == []
    assert validate(TrainingClass, built.data) == klass


def test_a_new_lesson_follows_the_one_before_and_blank_rows_are_no_entries() -> None:
    first = cs.next_lesson([], "02/03/2026")
    assert (first["date"], first["hours"], first["lesson"]) == ("02/03/2026", "4", "")
    typed = {**first, "lesson": "Bài 1", "hours": "3,5"}
    second = cs.next_lesson([typed], "09/09/2026")
    assert (second["date"], second["hours"]) == ("02/03/2026", "3,5")
    assert second["id"] != first["id"]
    state = {**cs.state_of(None, TODAY), "lessons": [typed, second],
             "field_trips": [cs.trip_row(), cs.trip_row(learners="nhiều")]}  # fmt: skip
    built = cs.build(state, None)
    assert built.rows == {"lessons": [("lessons", 0)], "field_trips": [("field_trips", 1)]}
    assert {p.field for p in built.problems} == {
        "lessons.0.date", "field_trips.0.date", "field_trips.0.learners",
    }  # fmt: skip


def test_who_a_state_names() -> None:
    state = cs.state_of(stored(), TODAY)
    assert cs.named_in(state) == {"an"}
    assert cs.named_in({**state, "lessons": [cs.lesson_row()]}) == set()


def test_a_draft_kept_by_the_previous_version_resumes_unchanged() -> None:
    base = cs.state_of(stored(), TODAY)
    typed = {**base, "opened": "31/02", "learners": "bốn mươi",
             "lessons": [*base["lessons"], cs.lesson_row(lesson="Bài 2", hours="")]}  # fmt: skip
    draft = {**envelope(cs.KIND, "c1", typed), "saved_at": "2026-03-20T10:00:00+00:00"}
    assert resume(cs.ClassState, base, draft) == (typed, [])


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("learners", 45),
        ("lessons", [{"lesson": "Bài 2", "lecturer_id": "an", "date": "", "hours": "4"}]),
        ("field_trips", "abc"),
        ("programme", None),
        ("lessons", [3]),
    ],
)
def test_a_field_of_a_draft_that_does_not_read_keeps_the_records_value(name: str, bad: Any) -> None:
    base = cs.state_of(stored(), TODAY)
    draft = {"kind": cs.KIND, "record_id": "c1", "class_name": "Lớp B", name: bad}
    state, refused = resume(cs.ClassState, base, draft)
    assert refused == [name]
    assert state == {**base, "class_name": "Lớp B"}
