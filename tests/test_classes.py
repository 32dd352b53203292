"""Classes, conferences and teaching load: the figures worked out here by hand."""

from __future__ import annotations

import datetime as dt
import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest

from giangvien.development import Data, Period, center, profile
from giangvien.development.classes import class_figures, same_name
from giangvien.development.load import norm_kind, observed_beside, prorated, teaching_load
from giangvien.development.review import lecturer_follow, review
from giangvien.documents.classes import (
    classes_sentence,
    conferences_sentence,
    load_cell,
    load_line,
    lower_first,
    trips_sentence,
)
from giangvien.documents.report import center_report, profile_report
from giangvien.models import (
    ClassLesson,
    Conference,
    ConferenceKind,
    Employment,
    FieldTrip,
    Lecturer,
    NormKind,
    Observation,
    Position,
    Settings,
    TeachingNorm,
    TrainingClass,
)
from giangvien.problems import Invalid, validate
from giangvien.rubric import default_rubric
from giangvien.vntext import format_count, format_number, parse_count

YEAR = Period.year(2025)
GONE = datetime(2026, 1, 2, tzinfo=UTC)
NHAN_THUC = "Bồi dưỡng nhận thức về Đảng"
DVM = "Bồi dưỡng lý luận chính trị cho đảng viên mới"
SO_CAP = "Sơ cấp lý luận chính trị"


def person(given: str, position: Position = Position.LECTURER, **extra: Any) -> Lecturer:
    return Lecturer(family_name="Nguyễn", middle_name="Văn", given_name=given, position=position,
                    **extra)  # fmt: skip


DIRECTOR = person("Hùng", Position.DIRECTOR, employment=Employment.PART_TIME)
DEPUTY = person("Lan", Position.DEPUTY)
FULL = person("An")
PART = person("Bình", employment=Employment.PART_TIME)
GUEST = person("Cường", employment=Employment.GUEST)
STAFF = person("Dũng", Position.STAFF)
PEOPLE = [DIRECTOR, DEPUTY, FULL, PART, GUEST, STAFF]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def lesson(who: Lecturer, on: str, hours: float = 4, name: str = "Bài 1") -> ClassLesson:
    return ClassLesson(lesson=name, lecturer_id=who.id, date=day(on), hours=hours)


def klass(
    opened: str,
    learners: int,
    programme: str = NHAN_THUC,
    *,
    partner: str = "",
    closed: str | None = None,
    lessons: list[ClassLesson] | None = None,
    trips: list[FieldTrip] | None = None,
    deleted: bool = False,
) -> TrainingClass:
    return TrainingClass(
        programme=programme,
        class_name=f"Lớp {programme} {opened}",
        partner=partner,
        opened=day(opened),
        closed=day(closed) if closed else None,
        learners=learners,
        lessons=lessons or [],
        field_trips=trips or [],
        deleted_at=GONE if deleted else None,
    )


def conference(kind: ConferenceKind, on: str, attendees: int, **extra: Any) -> Conference:
    return Conference(kind=kind, subject="Hội nghị", date=day(on), attendees=attendees, **extra)


# -- the models ------------------------------------------------------------------------------


def test_a_class_is_stored_in_clean_text() -> None:
    typed = unicodedata.normalize("NFD", "  Lớp bồi dưỡng   nhận thức về Đảng ")
    found = TrainingClass(class_name=typed, opened=day("2025-03-03"), partner=" Huyện đoàn ")
    assert found.class_name == "Lớp bồi dưỡng   nhận thức về Đảng"
    assert unicodedata.is_normalized("NFC", found.class_name) and found.partner == "Huyện đoàn"


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        ({"closed": "2025-03-01"}, "closed", "Ngày bế giảng không được trước ngày khai giảng"),
        ({"lessons": [{"lesson": "Bài 1", "lecturer_id": "x", "date": "2025-03-01", "hours": 4}]},
         "lessons.0.date", "ngoài thời gian của lớp"),
        ({"closed": "2025-03-05", "field_trips": [{"date": "2025-03-06", "place": "Khu di tích",
                                                   "learners": 40}]},
         "field_trips.0.date", "ngoài thời gian của lớp"),
        ({"lessons": [{"lesson": "Bài", "lecturer_id": "x", "date": "2025-03-03", "hours": 12.5}]},
         "lessons.0.hours", "12"),
        ({"lessons": [{"lesson": "Bài 1", "lecturer_id": "x", "date": "2025-03-03", "hours": -1}]},
         "lessons.0.hours", "0"),
        ({"lessons": [{"lesson": "Bài 1", "lecturer_id": "x", "date": "2025-03-03", "hours": 8},
                      {"lesson": "Bài 2", "lecturer_id": "x", "date": "2025-03-03", "hours": 4.5}]},
         "lessons.1.hours", "không quá 12 giờ trong một ngày"),
        ({"learners": -3}, "learners", "0"),
        ({"class_name": ""}, "class_name", "Chưa được điền"),
    ],
)  # fmt: skip
def test_what_a_class_refuses(changes: dict[str, Any], field: str, said: str) -> None:
    data = {"class_name": "Lớp A", "opened": "2025-03-03", **changes}
    with pytest.raises(Invalid) as caught:
        validate(TrainingClass, data)
    assert [p.field for p in caught.value.problems] == [field]
    assert said in caught.value.problems[0].message


def test_two_lecturers_may_each_teach_twelve_hours_a_day() -> None:
    two = [
        lesson(FULL, "2025-03-03", 8),
        lesson(FULL, "2025-03-03", 4),
        lesson(PART, "2025-03-03", 12),
    ]
    assert len(klass("2025-03-03", 40, lessons=two).lessons) == 3
    assert lesson(FULL, "2025-03-03", 3.333).hours == 3.33


def test_a_conference_names_its_speakers_once() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Conference, {"subject": "Hội nghị", "date": "2025-04-01",
                              "lecturer_ids": [FULL.id, FULL.id]})  # fmt: skip
    assert caught.value.problems[0].field == "lecturer_ids"
    found = conference(ConferenceKind.OTHER, "2025-04-01", 90, lecturer_ids=[FULL.id, PART.id])
    assert found.people() == {FULL.id, PART.id}


def test_a_teaching_norm_lectures_within_its_total() -> None:
    with pytest.raises(Invalid) as caught:
        validate(TeachingNorm, {"total": 40, "lecturing": 45})
    assert caught.value.problems[0].field == "lecturing"


def test_the_default_norms_are_decision_1853s_and_none_for_part_time() -> None:
    norms = Settings().teaching_norms
    assert {k: (n.total, n.lecturing) for k, n in norms.items()} == {
        NormKind.DIRECTOR: (40, 30),
        NormKind.DEPUTY: (60, 40),
        NormKind.LECTURER: (120, 90),
    }
    # A file written before the norms existed reads with the defaults.
    assert Settings.model_validate({"organisation": "TTCT"}).teaching_norms == norms


# -- the year's figures ----------------------------------------------------------------------


def test_a_class_counts_in_the_year_it_opens_and_its_learners_with_it() -> None:
    # Opened in December 2024, taught into January 2025: one class of 2024.
    spanning = klass("2024-12-16", 60, closed="2025-01-10",
                     lessons=[lesson(FULL, "2024-12-16"), lesson(FULL, "2025-01-06")])  # fmt: skip
    classes = [
        spanning,
        klass("2025-01-05", 45),
        klass("2025-06-01", 120, DVM, partner="Huyện đoàn"),
        klass("2025-12-31", 33),
        klass("2025-05-05", 500, deleted=True),
    ]
    before, now = class_figures(classes, [], Period.year(2024)), class_figures(classes, [], YEAR)
    assert (before.classes, before.learners) == (1, 60)
    assert (now.classes, now.learners) == (3, 45 + 120 + 33)
    # Its hours count by each lesson's day: one lesson in each year.
    assert teaching_load(classes, FULL, Period.year(2024), {}).hours == 4
    assert teaching_load(classes, FULL, YEAR, {}).hours == 4


def test_by_programme_in_the_centers_order_then_others_then_none() -> None:
    classes = [
        klass("2025-02-01", 30, "Lớp tập huấn khác"),
        klass("2025-02-02", 40, ""),
        klass("2025-02-03", 50, SO_CAP),
        klass("2025-02-04", 60, NHAN_THUC),
        klass("2025-02-05", 70, "bồi dưỡng  nhận thức về Đảng"),  # typed otherwise: the same
    ]
    found = class_figures(classes, [], YEAR, Settings().programmes).by_programme
    assert [(t.label, t.classes, t.learners) for t in found] == [
        (NHAN_THUC, 2, 130),
        (SO_CAP, 1, 50),
        ("Lớp tập huấn khác", 1, 30),
        ("", 1, 40),
    ]


def test_by_partner_body_most_classes_first_one_body_however_typed() -> None:
    classes = [
        klass("2025-03-01", 50, partner="Huyện đoàn"),
        klass("2025-03-02", 40, partner="Huyện Đoàn"),
        klass("2025-03-03", 60, partner="huyện đoàn"),
        klass("2025-03-04", 70, partner="Hội Nông dân huyện"),
        klass("2025-03-05", 80),
    ]
    found = class_figures(classes, [], YEAR).by_partner
    # The spelling of most classes names the body; a tie goes to the earliest class.
    assert [(t.label, t.classes, t.learners) for t in found] == [
        ("Huyện đoàn", 3, 150),
        ("Hội Nông dân huyện", 1, 70),
    ]
    assert same_name("Hòa  Bình") == same_name("hoà bình")


def test_conferences_by_kind_and_field_trips_by_their_own_day() -> None:
    held = [
        conference(ConferenceKind.RESOLUTION, "2025-02-10", 300),
        conference(ConferenceKind.RESOLUTION, "2025-03-10", 151),
        conference(ConferenceKind.CURRENT_AFFAIRS, "2025-04-10", 2000),
        conference(ConferenceKind.CURRENT_AFFAIRS, "2024-04-10", 999),
        conference(ConferenceKind.CURRENT_AFFAIRS, "2025-05-10", 999, deleted_at=GONE),
    ]
    trips = [FieldTrip(date=day("2025-01-08"), place="Khu di tích", learners=58),
             FieldTrip(date=day("2024-12-20"), place="Nhà tưởng niệm", learners=59)]  # fmt: skip
    classes = [klass("2024-12-16", 60, lessons=[], trips=trips)]
    found = class_figures(classes, held, YEAR)
    assert [(c.kind, c.conferences, c.attendees) for c in found.conferences] == [
        (ConferenceKind.RESOLUTION, 2, 451),
        (ConferenceKind.CURRENT_AFFAIRS, 1, 2000),
    ]
    assert found.attendees == 2451
    assert (found.classes, found.field_trips, found.trip_learners) == (0, 1, 58)


# -- teaching load ---------------------------------------------------------------------------


def test_each_position_has_its_norm_and_part_time_lecturers_none_by_default() -> None:
    assert [norm_kind(p) for p in PEOPLE] == [
        NormKind.DIRECTOR,  # a part-time director (head of the Propaganda Dept.): a director's
        NormKind.DEPUTY,
        NormKind.LECTURER,
        NormKind.PART_TIME,
        None,  # a guest lecturer
        None,  # other staff
    ]
    taught = klass("2025-03-03", 40, closed="2025-03-31", lessons=[
        lesson(DIRECTOR, "2025-03-03", 4), lesson(DIRECTOR, "2025-03-04", 3.5),
        lesson(DEPUTY, "2025-03-05", 8), lesson(FULL, "2025-03-06", 4),
        lesson(PART, "2025-03-07", 4), lesson(GUEST, "2025-03-10", 2),
        lesson(STAFF, "2025-03-11", 1),
    ])  # fmt: skip
    norms = Settings().teaching_norms
    loads = {p.given_name: teaching_load([taught], p, YEAR, norms) for p in PEOPLE}
    assert {n: (x.hours, x.expected) for n, x in loads.items()} == {
        "Hùng": (7.5, 30), "Lan": (8, 40), "An": (4, 90), "Bình": (4, None),
        "Cường": (2, None), "Dũng": (1, None),
    }  # fmt: skip
    assert loads["Hùng"].share == pytest.approx(0.25) and loads["Bình"].share is None
    assert loads["Hùng"].norm == TeachingNorm(total=40, lecturing=30)
    # A Center that sets a part-time norm gets it; one that drops a norm has none.
    mine = {**norms, NormKind.PART_TIME: TeachingNorm(total=60, lecturing=45)}
    mine.pop(NormKind.DEPUTY)
    assert teaching_load([taught], PART, YEAR, mine).expected == 45
    assert teaching_load([taught], DEPUTY, YEAR, mine).expected is None


def test_a_norm_is_prorated_for_a_shorter_period() -> None:
    half = Period(day("2025-01-01"), day("2025-06-30"))
    assert prorated(YEAR, 90) == 90 and prorated(half, 90) == 45
    assert prorated(Period(day("2025-03-10"), day("2025-03-19")), 90) == 2.5  # 90 x 10 / 365,25
    taught = klass(
        "2025-03-03", 40, lessons=[lesson(FULL, "2025-03-03"), lesson(FULL, "2025-09-01")]
    )
    load = teaching_load([taught], FULL, half, Settings().teaching_norms)
    assert (load.hours, load.lessons, load.classes, load.expected) == (4, 1, 1, 45)


def test_hours_are_summed_per_programme_most_first() -> None:
    classes = [
        klass("2025-03-03", 40, NHAN_THUC, lessons=[lesson(FULL, "2025-03-03", 4),
                                                     lesson(FULL, "2025-03-04", 4)]),
        klass("2025-04-03", 40, SO_CAP, lessons=[lesson(FULL, "2025-04-03", 8),
                                                  lesson(FULL, "2025-04-04", 7.5)]),
        klass("2025-05-03", 40, "bồi dưỡng nhận thức về đảng",
              lessons=[lesson(FULL, "2025-05-03", 3)]),
    ]  # fmt: skip
    load = teaching_load(classes, FULL, YEAR, {})
    assert [(p.programme, p.lessons, p.hours) for p in load.programmes] == [
        (SO_CAP, 2, 15.5), (NHAN_THUC, 3, 11),
    ]  # fmt: skip
    assert (load.hours, load.lessons, load.classes) == (26.5, 5, 3)
    sheets = [
        Observation(date=day("2025-03-03"), lecturer_id=FULL.id, observer_ids=[DEPUTY.id],
                    lesson="Bài 1", programme=p, rubric_id="mac-dinh", rubric_version=1)
        for p in (NHAN_THUC, NHAN_THUC, DVM)
    ]  # fmt: skip
    # Beside each programme taught, the sheets received on it; one observed but not logged too.
    rows = observed_beside(load, sheets)
    assert [(p.programme, p.hours, n) for p, n in rows] == [
        (SO_CAP, 15.5, 0), (NHAN_THUC, 11, 2), (DVM, 0, 1),
    ]  # fmt: skip


# -- as the report writes them ---------------------------------------------------------------


def test_vietnamese_numbers_and_counts() -> None:
    assert [format_count(n) for n in (0, 7, 10, 32, 2248)] == ["00", "07", "10", "32", "2.248"]
    assert [format_number(n) for n in (451, 2248, 47836, 1029, 1234567)] == [
        "451", "2.248", "47.836", "1.029", "1.234.567",
    ]  # fmt: skip
    assert [parse_count(t) for t in ("2248", "2.248", "2 248", " 45 ")] == [2248, 2248, 2248, 45]
    for bad in ("12,5", "-3", "1.25", "abc"):
        with pytest.raises(ValueError, match="số nguyên"):
            parse_count(bad)


def test_the_year_in_the_sentences_a_center_writes() -> None:
    classes = (
        [klass(f"2025-0{m}-02", 64, NHAN_THUC) for m in range(1, 8)]  # 7 x 64 = 448
        + [klass("2025-08-04", 3, NHAN_THUC)]  # 451 in all
        + [klass(f"2025-0{m}-03", 50, DVM, partner="Huyện đoàn") for m in (2, 3, 4)]
        + [klass("2025-09-09", 1647, "")]
    )
    held = [conference(ConferenceKind.RESOLUTION, "2025-05-05", 120)] * 52 + [
        conference(ConferenceKind.CURRENT_AFFAIRS, "2025-06-06", 47836 // 2),
        conference(ConferenceKind.CURRENT_AFFAIRS, "2025-06-07", 47836 - 47836 // 2),
    ]
    classes[0] = classes[0].model_copy(update={"field_trips": [
        FieldTrip(date=day("2025-01-09"), place="Khu di tích", learners=1029)]})  # fmt: skip
    f = class_figures(classes, held, YEAR, Settings().programmes)
    assert classes_sentence(f, "năm 2025") == (
        "Trong năm 2025, Trung tâm đã mở 12 lớp đào tạo, bồi dưỡng với số lượng 2.248 học viên, "
        "trong đó có 08 lớp bồi dưỡng nhận thức về Đảng, gồm 451 học viên; 03 lớp bồi dưỡng lý "
        "luận chính trị cho đảng viên mới, gồm 150 học viên; 01 lớp khác, gồm 1.647 học viên; "
        "phối hợp với Huyện đoàn mở 03 lớp, gồm 150 học viên."
    )
    assert conferences_sentence(f) == (
        "Tổ chức, phối hợp tổ chức 52 Hội nghị học tập, quán triệt nghị quyết với 6.240 lượt cán "
        "bộ, đảng viên tham gia; 02 Hội nghị thông tin, tuyên truyền thời sự, chính sách với "
        "47.836 lượt cán bộ, đảng viên tham gia."
    )
    assert trips_sentence(f) == (
        "Tổ chức 01 đợt cho học viên đi nghiên cứu thực tế với 1.029 lượt học viên."
    )
    empty = class_figures([], [], YEAR)
    assert "chưa có lớp" in classes_sentence(empty, "năm 2025") and empty.empty


def test_a_programme_keeps_its_capitals_inside_the_sentence() -> None:
    assert lower_first("Bồi dưỡng LLCT và nghiệp vụ") == "bồi dưỡng LLCT và nghiệp vụ"
    assert lower_first("LLCT cho cán bộ") == "LLCT cho cán bộ"
    typed = class_figures([klass("2025-02-02", 40, "Lớp [đặc biệt]")], [], YEAR)
    assert "01 lớp \\[đặc biệt\\], gồm 40 học viên" in classes_sentence(typed, "năm 2025")


def _data(classes: list[TrainingClass], conferences: list[Conference] = ()) -> Data:  # type: ignore[assignment]
    return Data(lecturers=PEOPLE, observations=[], trials=[], meetings=[], briefings=[],
                settings=Settings(), rubric_of=lambda r, v: default_rubric(),
                reference=default_rubric(), today=day("2026-03-15"), classes=classes,
                conferences=list(conferences))  # fmt: skip


def test_the_center_report_opens_with_the_classes_and_shows_each_load() -> None:
    taught = klass("2025-03-03", 45, NHAN_THUC, partner="Huyện đoàn",
                   lessons=[lesson(FULL, "2025-03-03", 4), lesson(FULL, "2025-03-04", 4),
                            lesson(PART, "2025-03-05", 3.5)])  # fmt: skip
    data = _data([taught], [conference(ConferenceKind.OTHER, "2025-05-05", 80)])
    found = center(data, YEAR)
    rows = {r.lecturer.given_name: r for r in found.rows}
    assert rows["An"].load.hours == 8 and found.totals.hours == 11.5
    assert (load_cell(rows["An"].load), load_cell(rows["Bình"].load)) == ("8/90", "3,5")
    out = center_report(review(data, YEAR), Settings(), day("2026-01-05"))
    first = out.index("### I. KẾT QUẢ THỰC HIỆN")
    assert first < out.index("### 1. Kết quả mở lớp") < out.index("### 2. Công tác dự giờ")
    assert out.index("# PHỤ LỤC") < out.index("| Giờ giảng |")  # the annex, after the body
    assert ("Trong năm 2025, Trung tâm đã mở 01 lớp đào tạo, bồi dưỡng với số lượng 45 học viên, "
            "trong đó có 01 lớp bồi dưỡng nhận thức về Đảng, gồm 45 học viên; phối hợp với Huyện "
            "đoàn mở 01 lớp, gồm 45 học viên.") in out  # fmt: skip
    assert "01 hội nghị khác với 80 lượt người tham gia" in out
    assert "| Giờ giảng |" in out and "| 8/90 |" in out


def test_the_profile_shows_the_hours_against_the_norm_beside_the_sheets() -> None:
    taught = klass(
        "2025-03-03",
        45,
        NHAN_THUC,
        lessons=[lesson(FULL, "2025-03-03", 4), lesson(FULL, "2025-03-04", 3.5)],
    )
    data = _data([taught])
    p = profile(data, FULL, YEAR)
    assert (p.load.hours, p.load.expected) == (7.5, 90)
    assert load_line(p.load, YEAR) == (
        "Giờ giảng: 7,5 giờ (2 bài, 1 lớp); định mức 90 giờ giảng dạy (trong 120 giờ chuẩn mỗi "
        "năm của giảng viên chuyên trách): đạt 8,3%."
    )
    names = {lec.id: lec for lec in PEOPLE}
    follow = lecturer_follow(data, FULL, YEAR)
    out = profile_report(p, Settings(), names, day("2026-01-05"), follow=follow)
    assert "### Giờ giảng so với định mức" in out
    assert f"| {NHAN_THUC} | 2 | 7,5 | 0 |" in out
    guest = profile(_data([]), GUEST, YEAR)
    assert load_line(guest.load, YEAR) == (
        "Giờ giảng: chưa có bài giảng nào được ghi trong kỳ; chức danh này không có định mức "
        "giờ chuẩn trong Cài đặt."
    )
