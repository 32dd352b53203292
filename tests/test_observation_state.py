"""What a sheet asks about the lecturer's earlier suggestions, and what it stores (no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from giangvien.models import Acted, Lecturer, Observation, SuggestionCheck
from giangvien.rubric import default_rubric
from screens import observation_state as os_

RUBRIC = default_rubric()
AN = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
BINH = Lecturer(family_name="Trần", middle_name="Văn", given_name="Bình")
LAN = Lecturer(family_name="Phạm", middle_name="Thị", given_name="Lan")


def sheet(day: str, suggestions: str = "", *, of: Lecturer = AN, **extra: Any) -> Observation:
    return Observation(
        date=dt.date.fromisoformat(day), lecturer_id=of.id, observer_ids=[LAN.id],
        lesson="Bài 1", rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version,
        suggestions=suggestions, **extra,
    )  # fmt: skip


def answer(of: Observation, item: int, text: str, acted: str) -> dict[str, Any]:
    return {"sheet_id": of.id, "item": item, "text": text, "acted": acted}


FIRST = sheet("2026-01-05", "- Tăng ví dụ [thực tế]\n- Giảm đọc chép")
SECOND = sheet("2026-02-02", "Chú ý thời gian")
OTHER = sheet("2026-01-10", "Nói chậm lại", of=BINH)
MARCH = dt.date(2026, 3, 10)


def shown(asked: list[os_.Asked]) -> list[tuple[str, str]]:
    return [(a.text, a.acted) for a in asked]


def test_the_lecturers_open_suggestions_before_the_day_oldest_first() -> None:
    asked = os_.asked_about([SECOND, OTHER, FIRST], AN.id, MARCH, None, [])
    assert shown(asked) == [("Tăng ví dụ [thực tế]", ""), ("Giảm đọc chép", ""),
                            ("Chú ý thời gian", "")]  # fmt: skip
    assert (asked[0].on, asked[0].observer_ids, asked[0].gone) == (FIRST.date, (LAN.id,), False)
    # Before the second sheet, only the first one's; nothing without a lecturer.
    assert len(os_.asked_about([SECOND, FIRST], AN.id, dt.date(2026, 1, 20), None, [])) == 2
    assert os_.asked_about([SECOND, FIRST], "", MARCH, None, []) == []


def test_answers_are_kept_with_the_text_that_was_asked() -> None:
    given = [answer(FIRST, 0, "Tăng ví dụ", "done"), answer(SECOND, 0, "Chú ý thời gian", "")]
    asked = os_.asked_about([FIRST, SECOND], AN.id, MARCH, None, given)
    # The first sheet was changed after it was answered: the answer reads as it was asked.
    assert shown(asked) == [("Tăng ví dụ", "done"), ("Giảm đọc chép", ""),
                            ("Chú ý thời gian", "")]  # fmt: skip


def test_answers_about_another_lecturer_or_a_later_sheet_are_left_out() -> None:
    given = [answer(OTHER, 0, "Nói chậm lại", "done"), answer(SECOND, 0, "Chú ý", "partly")]
    asked = os_.asked_about([FIRST, SECOND, OTHER], AN.id, dt.date(2026, 1, 20), None, given)
    assert shown(asked) == [("Tăng ví dụ [thực tế]", ""), ("Giảm đọc chép", "")]


def test_an_answer_about_a_deleted_sheet_stays_and_says_so() -> None:
    gone = FIRST.model_copy(update={"deleted_at": dt.datetime(2026, 2, 1, tzinfo=dt.UTC)})
    given = [answer(FIRST, 1, "Giảm đọc chép", "not_yet")]
    asked = os_.asked_about([gone, SECOND], AN.id, MARCH, None, given)
    assert shown(asked) == [("Giảm đọc chép", "not_yet"), ("Chú ý thời gian", "")]
    assert asked[0].gone and asked[0].on == FIRST.date


def test_a_signed_sheet_shows_its_answers_only() -> None:
    given = [answer(FIRST, 0, "Tăng ví dụ [thực tế]", "done")]
    asked = os_.asked_about([FIRST, SECOND], AN.id, MARCH, None, given, signed=True)
    assert shown(asked) == [("Tăng ví dụ [thực tế]", "done")]


def test_a_half_typed_date_asks_nothing_new_and_keeps_the_answers() -> None:
    given = [answer(FIRST, 0, "Tăng ví dụ [thực tế]", "done")]
    assert shown(os_.asked_about([FIRST, SECOND], AN.id, None, None, given)) == [
        ("Tăng ví dụ [thực tế]", "done")
    ]
    assert os_.day_of("31/02") is None and os_.day_of("10/03/2026") == MARCH


def test_the_sheet_itself_is_never_asked_about() -> None:
    this = sheet("2026-03-10", "Góp ý của chính phiếu này")
    asked = os_.asked_about([FIRST, this], AN.id, dt.date(2026, 3, 11), this.id, [])
    assert [a.sheet_id for a in asked] == [FIRST.id, FIRST.id]


def test_stored_answers_keep_their_order_and_unanswered_ones_are_not_stored() -> None:
    stored = [
        SuggestionCheck(sheet_id=SECOND.id, item=0, text="Chú ý thời gian", acted=Acted.PARTLY),
        SuggestionCheck(sheet_id=FIRST.id, item=0, text="Tăng ví dụ", acted=Acted.DONE),
    ]
    record = sheet("2026-03-10", follow_ups=stored)
    state = os_.state_of(record, RUBRIC, LAN.id)
    assert state["follow_ups"] == [c.model_dump(mode="json") for c in stored]
    # As the form shows them (oldest sheet first), one more answered, one left blank.
    as_shown = [
        answer(FIRST, 0, "Tăng ví dụ", "done"),
        answer(FIRST, 1, "Giảm đọc chép", "not_yet"),
        answer(SECOND, 0, "Chú ý thời gian", "partly"),
        answer(OTHER, 0, "Nói", ""),
    ]
    made = os_.follow_ups_of({**state, "follow_ups": as_shown}, record)
    assert [(a["sheet_id"], a["item"]) for a in made] == [(SECOND.id, 0), (FIRST.id, 0),
                                                          (FIRST.id, 1)]  # fmt: skip
    reordered = {**state, "follow_ups": list(reversed(state["follow_ups"]))}
    assert os_.comparable(reordered) == os_.comparable(state)


def test_the_data_of_a_sheet_carries_its_answers_and_validates() -> None:
    state = {**os_.state_of(None, RUBRIC, LAN.id), "lecturer_id": AN.id, "lesson": "Bài 2",
             "date": "10/03/2026", "comments_only": True,
             "follow_ups": [answer(FIRST, 0, "Tăng ví dụ [thực tế]", "done"),
                            {"sheet_id": FIRST.id, "item": "x", "acted": "done"}]}  # fmt: skip
    data = os_.data_of(state, None, None, LAN.id, dt.datetime.now(dt.UTC))
    made = Observation.model_validate(data)
    assert made.follow_ups == [
        SuggestionCheck(sheet_id=FIRST.id, item=0, text="Tăng ví dụ [thực tế]", acted=Acted.DONE)
    ]
