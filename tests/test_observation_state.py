"""What a sheet asks about the lecturer's earlier suggestions, and what it stores (no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from giangvien.models import Acted, Lecturer, Observation, OwnPart, Recorded, SuggestionCheck
from giangvien.rubric import default_rubric
from screens import observation_state as os_
from screens.form_state import resume

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


def answer(of: Observation, item: int, text: str, acted: os_.ActedValue) -> os_.Answer:
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
    given = [answer(FIRST, 0, "Tăng ví dụ", "done")]
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


def test_stored_answers_keep_their_order_then_the_new_ones_as_shown() -> None:
    stored = [
        SuggestionCheck(sheet_id=SECOND.id, item=0, text="Chú ý thời gian", acted=Acted.PARTLY),
        SuggestionCheck(sheet_id=FIRST.id, item=0, text="Tăng ví dụ", acted=Acted.DONE),
    ]
    record = sheet("2026-03-10", follow_ups=stored)
    state = os_.state_of(record, RUBRIC, LAN.id)
    assert state["follow_ups"] == [c.model_dump(mode="json") for c in stored]
    # As the form shows them (oldest sheet first), one more answered.
    as_shown = [
        answer(FIRST, 0, "Tăng ví dụ", "done"),
        answer(FIRST, 1, "Giảm đọc chép", "not_yet"),
        answer(SECOND, 0, "Chú ý thời gian", "partly"),
    ]
    made = os_.follow_ups_of({**state, "follow_ups": as_shown}, record)
    assert [(a["sheet_id"], a["item"]) for a in made] == [(SECOND.id, 0), (FIRST.id, 0),
                                                          (FIRST.id, 1)]  # fmt: skip
    reordered = {**state, "follow_ups": list(reversed(state["follow_ups"]))}
    assert os_.comparable(reordered) == os_.comparable(state)


def test_the_data_of_a_sheet_carries_its_answers_and_validates() -> None:
    state = {**os_.state_of(None, RUBRIC, LAN.id), "lecturer_id": AN.id, "lesson": "Bài 2",
             "date": "10/03/2026", "comments_only": True,
             "follow_ups": [answer(FIRST, 0, "Tăng ví dụ [thực tế]", "done")]}  # fmt: skip
    data = os_.data_of(state, None, None, LAN.id, dt.datetime.now(dt.UTC))
    made = Observation.model_validate(data)
    assert made.follow_ups == [
        SuggestionCheck(sheet_id=FIRST.id, item=0, text="Tăng ví dụ [thực tế]", acted=Acted.DONE)
    ]


# -- the state, typed: what a form starts from, what a draft reads back as ----

NEW = os_.state_of(None, RUBRIC, LAN.id)
AT = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
ENVELOPE = ("kind", "record_id", "saved_at")


def test_the_choices_a_state_holds_are_the_models() -> None:
    assert tuple(a.value for a in Acted) == os_.ACTED
    assert tuple(h.value for h in Recorded) == os_.HOWS


def scored_sheet() -> Observation:
    return sheet(
        "2026-03-10", "Góp ý mới", programme="Lớp cảm tình Đảng", class_name="K12",
        place="Xã B", scores={i.code: i.max for i in RUBRIC.items}, strengths="Tốt",
        self_assessment="Đồng ý", acknowledged_on=dt.date(2026, 3, 11),
        own_part=OwnPart(how=Recorded.IN_PERSON, by=AN.id, at=AT),
        follow_ups=[SuggestionCheck(sheet_id=FIRST.id, item=1, text="Giảm đọc chép",
                                    acted=Acted.PARTLY)],
    )  # fmt: skip


def test_a_state_holds_its_fields_only_and_reads_as_its_own_type() -> None:
    assert set(NEW) == os_.ObservationState.__required_keys__  # no envelope: as_draft adds it
    for state in (NEW, os_.state_of(scored_sheet(), RUBRIC, LAN.id)):
        assert resume(os_.ObservationState, state, state) == (state, [])


def test_a_stored_sheet_made_a_state_and_back_is_the_same_sheet() -> None:
    stored = scored_sheet()
    state = os_.state_of(stored, RUBRIC, LAN.id)
    assert state["own_how"] == "in_person" and state["scores"]["ND1"] == "3"
    assert state["follow_ups"] == [answer(FIRST, 1, "Giảm đọc chép", "partly")]
    later = AT + dt.timedelta(days=2)  # the own part unchanged: not recorded again
    data = os_.data_of(state, stored, stored.scores, LAN.id, later)
    assert Observation.model_validate(data) == stored


def test_the_data_of_a_new_sheet_records_who_typed_the_lecturers_part() -> None:
    state: os_.ObservationState = {
        **NEW, "lecturer_id": AN.id, "lesson": "Bài 2", "date": "10/03/2026",
        "comments_only": True, "self_assessment": "Tôi đồng ý", "acknowledged": True,
    }  # fmt: skip
    from_paper = Observation.model_validate(os_.data_of(state, None, None, LAN.id, AT))
    assert from_paper.own_part == OwnPart(how=Recorded.FROM_PAPER, by=LAN.id, at=AT)
    assert (from_paper.acknowledged_on, from_paper.scores) == (dt.date.today(), None)
    in_person = os_.data_of({**state, "own_how": "in_person"}, None, None, LAN.id, AT)
    assert in_person["own_part"] == {"how": Recorded.IN_PERSON, "by": AN.id, "at": AT}
    # A date not typed whole goes to the model as typed, which says why at the field.
    assert os_.data_of({**state, "date": "31/02"}, None, None, LAN.id, AT)["date"] == "31/02"


def previous_draft() -> dict[str, Any]:
    """A draft as the version before typed states kept it: its envelope and every field."""
    return {
        "kind": os_.KIND, "record_id": None, "saved_at": "2026-03-10T09:00:00+00:00", **NEW,
        "date": "31/02", "lecturer_id": AN.id, "observer_ids": [LAN.id, BINH.id],
        "lesson": "Bài [dở] dang", "scores": {**NEW["scores"], "ND1": "2,5", "ND2": "abc"},
        "acknowledged": True, "own_how": "in_person",
        "follow_ups": [{"sheet_id": FIRST.id, "item": 1, "text": "Giảm", "acted": "partly"}],
    }  # fmt: skip


def test_a_draft_kept_by_the_previous_version_resumes_whole() -> None:
    draft = previous_draft()
    state, refused = resume(os_.ObservationState, NEW, draft)
    assert refused == []
    assert state == {k: v for k, v in draft.items() if k not in ENVELOPE}


def test_fields_of_a_draft_that_do_not_read_keep_the_baseline_and_are_named() -> None:
    draft = {**previous_draft(), "scores": "abc", "observer_ids": 5, "own_how": "by_phone",
             "follow_ups": [{"sheet_id": FIRST.id, "item": 1, "text": "Giảm"}]}  # fmt: skip
    state, refused = resume(os_.ObservationState, NEW, draft)
    assert sorted(refused) == ["follow_ups", "observer_ids", "own_how", "scores"]
    kept = {k: v for k, v in previous_draft().items() if k not in (*ENVELOPE, *refused)}
    assert state == {**NEW, **kept}


SCALAR = st.none() | st.booleans() | st.integers() | st.text(max_size=3)
# What a stored draft may hold in a field: anything JSON, a row shaped like an answer or not.
JSON = (
    SCALAR
    | st.lists(SCALAR, max_size=3)
    | st.dictionaries(st.text(max_size=3), SCALAR, max_size=3)
    | st.lists(st.fixed_dictionaries({"sheet_id": SCALAR, "item": SCALAR, "acted": SCALAR},
                                     optional={"text": SCALAR}), max_size=2)
)  # fmt: skip


@given(st.dictionaries(st.sampled_from(sorted(NEW)), JSON))
def test_whatever_json_a_draft_holds_the_state_reads_as_its_type(draft: dict[str, Any]) -> None:
    state, refused = resume(os_.ObservationState, NEW, draft)
    assert set(state) == set(NEW) and set(refused) <= set(draft)
    for name, value in state.items():
        assert value == (NEW[name] if name in refused or name not in draft else draft[name])
    assert resume(os_.ObservationState, NEW, dict(state)) == (state, [])
