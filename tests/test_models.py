"""Models: clean text on the way in, impossible values refused by field."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giangvien.i18n import set_language
from giangvien.models import (
    Attendance,
    Lecturer,
    Meeting,
    Observation,
    PersonRef,
    Position,
    Presence,
    Trial,
    Verdict,
)
from giangvien.problems import Invalid, validate
from tests.trial_helpers import decided


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def lecturer(**kw: object) -> Lecturer:
    data: dict[str, object] = {"family_name": "Nguyễn", "middle_name": "Văn", "given_name": "An"}
    data.update(kw)
    return Lecturer.model_validate(data)


def test_names_are_nfc_and_trimmed() -> None:
    lec = lecturer(family_name=nfd("  Nguyễn "), given_name=nfd("Ánh\u200b "))
    assert lec.family_name == "Nguyễn"
    assert lec.given_name == "Ánh"
    assert unicodedata.is_normalized("NFC", lec.full_name)


def test_full_name_keeps_parts_apart() -> None:
    lec = lecturer(family_name="Giàng", middle_name="A", given_name="Pao")
    assert lec.full_name == "Giàng A Pao"
    assert lecturer(middle_name="").full_name == "Nguyễn An"


@pytest.mark.parametrize("name", ["", "   ", "\u200b", nfd(" \t")])
def test_empty_given_name_refused_naming_the_field(name: str) -> None:
    with pytest.raises(Invalid) as caught:
        validate(Lecturer, {"family_name": "Lê", "given_name": name})
    [problem] = caught.value.problems
    assert problem.field == "given_name"
    assert problem.sentence() == "Tên: Chưa được điền."


def test_messages_follow_the_language() -> None:
    set_language("en")
    with pytest.raises(Invalid) as caught:
        validate(Lecturer, {"family_name": "Lê", "given_name": " "})
    assert caught.value.problems[0].sentence() == "Given name: This is required."


def test_ten_thousand_character_comment_fits_but_not_more() -> None:
    base = {
        "date": "2026-03-02",
        "lecturer_id": "a",
        "observer_ids": ["b"],
        "lesson": "Bài 1",
        "rubric_id": "mac-dinh",
        "rubric_version": 1,
    }
    ok = Observation.model_validate({**base, "strengths": "ư" * 10_000})
    assert len(ok.strengths) == 10_000
    with pytest.raises(Invalid) as caught:
        validate(Observation, {**base, "strengths": "ư" * 10_001})
    assert caught.value.problems[0].field == "strengths"


def test_leaders_are_director_and_deputy() -> None:
    assert lecturer(position=Position.DIRECTOR).is_leader
    assert lecturer(position=Position.DEPUTY).is_leader
    assert not lecturer(position=Position.LECTURER).is_leader


def test_absence_needs_a_reason() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Attendance, {"lecturer_id": "x", "status": "absent", "reason": "  "})
    assert "lý do" in caught.value.problems[0].message
    assert Attendance(lecturer_id="x", status=Presence.ABSENT, reason="Ốm").reason == "Ốm"


def test_person_needs_id_or_name() -> None:
    with pytest.raises(Invalid):
        validate(PersonRef, {"name": " "})
    assert PersonRef(name="Trần Văn Bình", unit="Ban Tuyên giáo Huyện ủy").name


def test_observer_cannot_observe_themselves() -> None:
    with pytest.raises(Invalid):
        validate(
            Observation,
            {
                "date": "2026-03-02",
                "lecturer_id": "a",
                "observer_ids": ["a"],
                "lesson": "Bài 1",
                "rubric_id": "mac-dinh",
                "rubric_version": 1,
            },
        )


def test_trial_not_passed_needs_what_to_fix_and_a_later_date() -> None:
    base = {"lecturer_id": "a", "lesson": "Bài 2", "date": "2026-04-10"}
    with pytest.raises(Invalid) as caught:
        validate(Trial, {**base, "verdict": "not_passed", "to_fix": ""})
    assert "sửa" in caught.value.problems[0].message
    with pytest.raises(Invalid):
        validate(
            Trial, {**base, "verdict": "not_passed", "to_fix": "x", "next_trial_date": "2026-04-10"}
        )
    ok = decided(
        **base, verdict="not_passed", to_fix="Rút ngắn phần mở đầu", next_trial_date="2026-05-10"
    )
    assert ok.verdict is Verdict.NOT_PASSED


def test_meeting_end_before_start_refused() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Meeting, {"date": "2026-01-05", "start_time": "14:00", "end_time": "13:30"})
    assert caught.value.problems[0].message == "Giờ kết thúc phải sau giờ bắt đầu."


def test_impossible_date_refused() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Meeting, {"date": "2026-02-31"})
    assert caught.value.problems[0].field == "date"


def test_touched_moves_updated_at_forward() -> None:
    lec = lecturer()
    later = lec.touched(given_name="Bình")
    assert later.updated_at > lec.updated_at
    assert later.id == lec.id and later.created_at == lec.created_at
    assert later.given_name == "Bình"
    assert lec.tombstoned().deleted


def test_naive_times_become_utc() -> None:
    lec = lecturer(updated_at=dt.datetime(2026, 1, 1, 8, 0))
    assert lec.updated_at.tzinfo is dt.UTC


def test_bad_id_refused() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Lecturer, {"id": "not-a-uuid", "family_name": "Lê", "given_name": "Tám"})
    assert caught.value.problems[0].field == "id"


@given(st.text(max_size=200))
def test_any_text_is_stored_nfc_and_trimmed(text: str) -> None:
    try:
        lec = lecturer(title=nfd(text))
    except Exception:
        return  # too long is a legitimate refusal
    assert unicodedata.is_normalized("NFC", lec.title)
    assert lec.title == lec.title.strip()


def test_markup_and_html_text_kept_literally() -> None:
    lec = lecturer(given_name="[TODO]", title="<script>alert(1)</script> [b]x[/b]")
    assert lec.given_name == "[TODO]"
    assert lec.title == "<script>alert(1)</script> [b]x[/b]"
