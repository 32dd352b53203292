"""Cleared lessons and re-trials owed, worked out by hand on small histories."""

from __future__ import annotations

import datetime as dt
import unicodedata
from datetime import UTC, datetime

import pytest

from giangvien.models import PanelMember, Settings, Trial, Verdict
from giangvien.trials import (
    RetrialDue,
    awaiting_retrial,
    cleared_lessons,
    is_cleared,
    lesson_key,
    retrials_due,
)
from tests.trial_helpers import decided

AN, BINH = "a" * 8 + "-0000-4000-8000-" + "0" * 12, "b" * 8 + "-0000-4000-8000-" + "0" * 12
LESSON = "Bài 1: Những vấn đề cơ bản về Đảng"
TODAY = dt.date(2026, 3, 15)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def trial(
    lesson: str,
    day: str,
    verdict: Verdict | None,
    *,
    who: str = AN,
    again: str | None = None,
    deleted: bool = False,
) -> Trial:
    failed = verdict is Verdict.NOT_PASSED
    return decided(
        lecturer_id=who,
        lesson=lesson,
        date=d(day),
        verdict=verdict,
        to_fix="Bổ sung số liệu địa phương" if failed else "",
        next_trial_date=d(again) if again else None,
        panel=[PanelMember(name="Hoàng Văn Tư", position="Phó Trưởng Ban Tuyên giáo")],
        deleted_at=datetime(2026, 3, 1, tzinfo=UTC) if deleted else None,
    )


def lessons(found: list) -> list[tuple[str, dt.date]]:  # type: ignore[type-arg]
    return [(c.lesson, c.cleared_on) for c in found]


def test_the_default_setting_keeps_a_pass() -> None:
    assert Settings().retrial_uncleared is False


def test_a_pass_clears_and_a_failure_alone_does_not() -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.PASSED),
        trial("Bài 2: Chủ nghĩa Mác", "2026-01-12", Verdict.NOT_PASSED, again="2026-02-01"),
        trial("Bài 3: Tư tưởng Hồ Chí Minh", "2026-01-20", None),  # not decided
    ]
    assert lessons(cleared_lessons(history)) == [(LESSON, d("2026-01-10"))]
    assert is_cleared(history, AN, LESSON)
    assert not is_cleared(history, AN, "Bài 2: Chủ nghĩa Mác")
    assert not is_cleared(history, AN, "Bài 3: Tư tưởng Hồ Chí Minh")


def test_failure_then_passing_retrial_clears_from_the_retrial() -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.NOT_PASSED, again="2026-02-05"),
        trial(LESSON, "2026-02-05", Verdict.PASSED),
    ]
    [cleared] = cleared_lessons(history)
    assert (cleared.lesson, cleared.cleared_on) == (LESSON, d("2026-02-05"))
    assert cleared.trial_id == history[1].id
    assert awaiting_retrial(history, TODAY) == []


@pytest.mark.parametrize(("uncleared", "expected"), [(False, True), (True, False)])
def test_a_later_failure_uncleared_only_when_the_setting_says_so(
    uncleared: bool, expected: bool
) -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.PASSED),
        trial(LESSON, "2026-02-20", Verdict.NOT_PASSED, again="2026-03-20"),
    ]
    assert is_cleared(history, AN, LESSON, uncleared_by_failure=uncleared) is expected
    found = cleared_lessons(history, uncleared_by_failure=uncleared)
    assert lessons(found) == ([(LESSON, d("2026-01-10"))] if expected else [])
    # Either way the panel asked for a re-trial, and it is owed.
    [owed] = awaiting_retrial(history, TODAY, uncleared_by_failure=uncleared)
    assert (owed.date, owed.overdue, owed.still_cleared) == (d("2026-03-20"), False, expected)


def test_with_the_setting_on_the_next_pass_clears_again_from_its_date() -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.PASSED),
        trial(LESSON, "2026-02-20", Verdict.NOT_PASSED, again="2026-03-05"),
        trial(LESSON, "2026-03-05", Verdict.PASSED),
    ]
    assert lessons(cleared_lessons(history, uncleared_by_failure=True)) == [
        (LESSON, d("2026-03-05"))
    ]
    # Off: the first pass never stopped counting.
    assert lessons(cleared_lessons(history)) == [(LESSON, d("2026-01-10"))]


def test_the_same_lesson_in_other_spellings() -> None:
    nfd = unicodedata.normalize("NFD", "bài 1:  những vấn đề CƠ BẢN về đảng")
    history = [
        trial(LESSON, "2026-01-10", Verdict.NOT_PASSED, again="2026-02-01"),
        # Typed again decomposed, in other case, with a doubled space: the same lesson.
        trial(nfd, "2026-02-01", Verdict.PASSED),
    ]
    assert lesson_key(LESSON) == lesson_key(nfd)
    assert len(cleared_lessons(history)) == 1
    assert awaiting_retrial(history, TODAY) == []
    # The two tone placements ("hòa" / "hoà") are one lesson too.
    tones = [
        trial("Chuyên đề: Hòa bình", "2026-01-10", Verdict.PASSED),
        trial("Chuyên đề: Hoà bình", "2026-02-10", Verdict.NOT_PASSED, again="2026-03-01"),
    ]
    assert not is_cleared(tones, AN, "chuyen de: hoa binh", uncleared_by_failure=True)
    assert is_cleared(tones, AN, "chuyen de: hoa binh")


def test_lecturers_are_apart() -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.PASSED, who=AN),
        trial(LESSON, "2026-01-11", Verdict.NOT_PASSED, who=BINH, again="2026-03-01"),
    ]
    assert [c.lecturer_id for c in cleared_lessons(history)] == [AN]
    assert cleared_lessons(history, BINH) == []
    assert [a.lecturer_id for a in awaiting_retrial(history, TODAY)] == [BINH]
    assert awaiting_retrial(history, TODAY, AN) == []


def test_deleted_trials_never_count() -> None:
    history = [
        trial(LESSON, "2026-01-10", Verdict.PASSED, deleted=True),
        trial("Bài 2", "2026-01-10", Verdict.NOT_PASSED, again="2026-02-01", deleted=True),
        trial("Bài 3", "2026-01-10", Verdict.NOT_PASSED, again="2026-02-01"),
        # A deleted re-trial does not settle the re-trial owed.
        trial("Bài 3", "2026-02-01", Verdict.PASSED, deleted=True),
    ]
    assert cleared_lessons(history) == []
    assert [(r.lesson, r.overdue) for r in retrials_due(history, TODAY)] == [("Bài 3", True)]
    # And a deleted failure does not withdraw a pass, even with the setting on.
    kept = [
        trial(LESSON, "2026-01-10", Verdict.PASSED),
        trial(LESSON, "2026-02-10", Verdict.NOT_PASSED, again="2026-03-01", deleted=True),
    ]
    assert is_cleared(kept, AN, LESSON, uncleared_by_failure=True)


def test_retrials_due_dates_and_overdue_edges() -> None:
    history = [
        trial("Bài A", "2026-01-10", Verdict.NOT_PASSED, again="2026-03-14"),  # yesterday
        trial("Bài B", "2026-01-10", Verdict.NOT_PASSED, again="2026-03-15"),  # today
        trial("Bài C", "2026-01-10", Verdict.NOT_PASSED, again="2026-04-01"),
        trial("Bài D", "2026-01-10", Verdict.NOT_PASSED),  # no date set (imported data)
        # Settled: a later trial of the lesson was held, its verdict still pending.
        trial("Bài E", "2026-01-10", Verdict.NOT_PASSED, again="2026-02-01"),
        trial("Bài E", "2026-02-01", None),
    ]
    assert retrials_due(history, TODAY) == [
        RetrialDue(AN, "Bài A", d("2026-03-14"), True),
        RetrialDue(AN, "Bài B", d("2026-03-15"), False),
        RetrialDue(AN, "Bài C", d("2026-04-01"), False),
        RetrialDue(AN, "Bài D", None, False),
    ]
    lecturer, lesson, day, overdue = retrials_due(history, TODAY)[0]
    assert (lecturer, lesson, day, overdue) == (AN, "Bài A", d("2026-03-14"), True)


def test_two_trials_on_one_day_are_ordered_by_when_they_were_recorded() -> None:
    first = trial(LESSON, "2026-01-10", Verdict.NOT_PASSED, again="2026-02-01")
    second = trial(LESSON, "2026-01-10", Verdict.PASSED)
    later = second.model_copy(update={"created_at": first.created_at + dt.timedelta(seconds=5)})
    assert awaiting_retrial([later, first], TODAY) == []
    assert lessons(cleared_lessons([later, first])) == [(LESSON, d("2026-01-10"))]
