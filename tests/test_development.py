"""Development figures on hand-made records; every answer is worked out here by hand."""

from __future__ import annotations

import datetime as dt
import math
from datetime import UTC, datetime
from typing import Any

import pytest

from giangvien.attendance import LecturerAttendance
from giangvien.development import (
    Data,
    HalfYear,
    Period,
    Trend,
    band_abbrev,
    center,
    extremes,
    profile,
    quota_for,
    score,
    slope,
    sort_rows,
    trend_of,
)
from giangvien.development.format import percent, points_change, spark
from giangvien.models import (
    Attendance,
    Briefing,
    ContentUpdate,
    Lecturer,
    Meeting,
    Observation,
    Position,
    Presence,
    Settings,
    Task,
    Trial,
    Verdict,
)
from giangvien.rubric import Rubric, default_rubric
from tests.trial_helpers import decided

TODAY = dt.date(2026, 3, 15)
GONE = datetime(2026, 1, 2, tzinfo=UTC)
YEAR = Period.year(2025)
V1 = default_rubric()
# Version 2 of the same rubric with every maximum doubled (40 points): its raw
# points are twice version 1's for the same lesson, so only shares compare.
V2 = Rubric.model_validate(
    {
        **V1.model_dump(exclude={"id", "created_at", "updated_at", "deleted_at"}),
        "version": 2,
        "total": 40,
        "groups": [
            {**g.model_dump(), "items": [{**i.model_dump(), "max": i.max * 2} for i in g.items]}
            for g in V1.groups
        ],
        "bands": [{**b.model_dump(), "min": b.min * 2} for b in V1.bands],
    }
)
CODES = ("ND1", "ND2", "ND3", "ND4", "PP1", "PP2", "PP3", "PT1", "PT2", "HQ1")
FULL = dict(zip(CODES, (3, 2, 2, 1, 3, 2, 2, 1.5, 1.5, 2), strict=True))  # 20 points


def person(given: str, *, position: Position = Position.LECTURER, **extra: Any) -> Lecturer:
    return Lecturer(
        family_name="Nguyễn", middle_name="Văn", given_name=given, position=position, **extra
    )


AN, BINH, CUONG = person("An"), person("Bình"), person("Cường", position=Position.DIRECTOR)
DAT = person("Đạt", archived=True)
EM = person("Em", deleted_at=GONE)


def marks(**changed: float) -> dict[str, float]:
    return {**FULL, **changed}


# A: full marks but ND1 2,5 -> 19,5 points, 97,5%, Khá (Giỏi needs ND1 full).
A = marks(ND1=2.5)
# B: 14 points, 70%, Khá.
B = dict(zip(CODES, (3, 1, 1, 1, 2, 1, 1, 1, 1, 2), strict=True))
# C: 9 points, 45%, Chưa đạt.
C = dict(zip(CODES, (1, 1, 1, 0.5, 1, 1, 1, 0.5, 1, 1), strict=True))


def sheet(
    day: str,
    scores: dict[str, float] | None,
    *,
    who: Lecturer = AN,
    by: tuple[Lecturer, ...] = (BINH,),
    version: int = 1,
    deleted: bool = False,
    limitations: str = "",
    suggestions: str = "",
    created: datetime | None = None,
) -> Observation:
    return Observation(
        date=dt.date.fromisoformat(day),
        lecturer_id=who.id,
        observer_ids=[o.id for o in by],
        lesson="Bài 1",
        rubric_id="mac-dinh",
        rubric_version=version,
        scores=scores,
        limitations=limitations,
        suggestions=suggestions,
        deleted_at=GONE if deleted else None,
        created_at=created or datetime(2025, 1, 1, tzinfo=UTC),
    )


def rubric_of(rubric_id: str, version: int) -> Rubric | None:
    return {1: V1, 2: V2}.get(version) if rubric_id == "mac-dinh" else None


def data(
    observations: list[Observation] = (),  # type: ignore[assignment]
    *,
    trials: list[Trial] = (),  # type: ignore[assignment]
    meetings: list[Meeting] = (),  # type: ignore[assignment]
    briefings: list[Briefing] = (),  # type: ignore[assignment]
    quota: int | None = None,
    today: dt.date = TODAY,
) -> Data:
    return Data(
        lecturers=[AN, BINH, CUONG, DAT, EM],
        observations=list(observations),
        trials=list(trials),
        meetings=list(meetings),
        briefings=list(briefings),
        settings=Settings(observation_quota=quota),
        rubric_of=rubric_of,
        reference=V1,
        today=today,
    )


# -- periods -----------------------------------------------------------------------------


def test_a_year_holds_its_first_and_last_day_and_nothing_else() -> None:
    assert dt.date(2025, 1, 1) in YEAR and dt.date(2025, 12, 31) in YEAR
    assert dt.date(2024, 12, 31) not in YEAR and dt.date(2026, 1, 1) not in YEAR
    assert (YEAR.days, YEAR.months, YEAR.calendar_year) == (365, 12, 2025)


def test_the_previous_period_has_the_same_length() -> None:
    assert YEAR.previous() == Period.year(2024)  # 366 days, but one year all the same
    assert YEAR.following() == Period.year(2026)
    half = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert half.previous() == Period(dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert half.following() == Period(dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    # 10 days, not whole months: shifted by days.
    ten = Period(dt.date(2026, 3, 10), dt.date(2026, 3, 19))
    assert ten.months is None
    assert ten.previous() == Period(dt.date(2026, 2, 28), dt.date(2026, 3, 9))
    assert Period.year(9999).months == 12  # December of 9999 has no month after it


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="Ngày kết thúc"):
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 31))
    assert Period(dt.date(2026, 2, 1), dt.date(2026, 2, 1)).days == 1


def test_the_quota_is_prorated_and_rounded_up() -> None:
    assert quota_for(YEAR, 4) == 4
    assert quota_for(Period.year(2024), 4) == 4  # a leap year is still one year
    assert quota_for(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), 5) == 3  # 2,5 -> 3
    assert quota_for(Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)), 4) == 1
    # 10 days of a yearly 12: 12 x 10 / 365,25 = 0,33 -> 1.
    assert quota_for(Period(dt.date(2026, 3, 10), dt.date(2026, 3, 19)), 12) == 1
    assert quota_for(Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31)), 4) == 8
    assert quota_for(YEAR, None) is None


# -- one sheet -----------------------------------------------------------------------------


def test_a_sheet_scores_as_a_share_of_its_own_rubric() -> None:
    a = score(sheet("2025-03-01", A), rubric_of)
    assert (a.total, a.share, a.band) == (19.5, 0.975, "Khá")
    assert a.items["ND1"] == pytest.approx(2.5 / 3) and a.items["HQ1"] == 1.0
    assert score(sheet("2025-03-01", FULL), rubric_of).band == "Giỏi"
    b, c = score(sheet("2025-03-01", B), rubric_of), score(sheet("2025-03-01", C), rubric_of)
    assert (b.total, b.share, b.band) == (14, 0.7, "Khá")
    assert (c.total, c.share, c.band) == (9, 0.45, "Chưa đạt")
    # The same lesson on the doubled rubric: 28 raw points, still 70%.
    doubled = score(sheet("2025-03-01", {k: v * 2 for k, v in B.items()}, version=2), rubric_of)
    assert (doubled.total, doubled.share, doubled.band) == (28, 0.7, "Khá")


def test_comments_only_and_unknown_rubrics_have_no_share() -> None:
    assert score(sheet("2025-03-01", None), rubric_of).share is None
    unknown = score(sheet("2025-03-01", B, version=7), rubric_of)
    assert (unknown.share, unknown.band, unknown.items) == (None, None, {})


# -- a profile -------------------------------------------------------------------------------


def test_profile_counts_averages_and_bands() -> None:
    sheets = [
        sheet("2025-01-01", A),  # the first day of the period
        sheet("2025-06-30", B),
        sheet("2025-12-31", C),  # the last day
        sheet("2025-08-01", None),  # comments only: received, but not averaged
        sheet("2025-09-01", FULL, deleted=True),  # deleted: never counts
        sheet("2024-12-31", FULL),  # the day before: the previous period
        sheet("2026-01-01", FULL),  # the day after
        sheet("2025-05-05", B, who=BINH, by=(AN, CUONG)),  # given by An (with Cường)
    ]
    p = profile(data(sheets, quota=4), AN, YEAR)
    assert [s.observation.date.isoformat() for s in p.received] == [
        "2025-01-01",
        "2025-06-30",
        "2025-08-01",
        "2025-12-31",
    ]
    assert len(p.given) == 1 and p.quota == 4
    assert p.average == pytest.approx((0.975 + 0.7 + 0.45) / 3)  # 70,83%
    assert p.bands == [("Khá", 2), ("Chưa đạt", 1)]
    assert p.shares == [0.975, 0.7, 0.45]


def test_sheets_of_two_rubric_versions_average_by_share_not_points() -> None:
    sheets = [
        sheet("2025-02-01", B),
        sheet("2025-03-01", {k: v * 1.5 for k, v in B.items()}, version=2),
    ]
    # 14 of 20 (70%) and 21 of 40 (52,5%): by share 61,25%; raw points would give 17,5.
    p = profile(data(sheets), AN, YEAR)
    assert p.average == pytest.approx(0.6125)
    assert p.versions == [("mac-dinh", 1), ("mac-dinh", 2)]
    assert p.bands == [("Khá", 1), ("Trung bình (Đạt)", 1)]


def test_items_as_shares_with_strongest_weakest_and_movement() -> None:
    sheets = [
        sheet("2025-02-01", A),
        sheet("2025-03-01", B),
        sheet("2025-04-01", C),
        sheet("2024-05-01", marks(ND1=1.5, HQ1=1)),
    ]
    p = profile(data(sheets), AN, YEAR)
    nd1 = next(i for i in p.items if i.code == "ND1")
    # ND1: 2,5/3, 3/3, 1/3 -> (0,8333 + 1 + 0,3333) / 3 = 0,7222; before 1,5/3 = 0,5.
    assert nd1.average == pytest.approx(13 / 18) and nd1.previous == 0.5
    assert nd1.change == pytest.approx(13 / 18 - 0.5)
    assert [i.code for i in p.items] == list(CODES)  # the rubric's order
    # Averages: ND1 .722, ND2 (1+.5+.5)/3 .667, ND3 .667, ND4 (1+1+.5)/3 .833,
    # PP1 (1+.667+.333)/3 .667, PP2 .667, PP3 .667, PT1 (1+.667+.333)/3 .667,
    # PT2 (1+.667+.667)/3 .778, HQ1 (1+1+.5)/3 .833.
    assert [i.code for i in p.strongest] == ["ND4", "HQ1"]  # a tie: the rubric's order
    assert [i.code for i in p.weakest] == ["ND2", "ND3"]
    assert next(i for i in p.items if i.code == "PT2").previous == 1.0


def test_extremes_with_fewer_items_than_asked() -> None:
    one = profile(data([sheet("2025-02-01", B)]), AN, YEAR).items[:1]
    assert extremes(one) == (one, one)
    assert extremes([]) == ([], [])


def test_points_newest_first_limitation_before_suggestion() -> None:
    sheets = [
        sheet("2025-02-01", B, limitations="Slide nhiều chữ", suggestions="Ít chữ hơn"),
        sheet("2025-05-01", None, limitations="[TODO] thời gian", by=(BINH, CUONG)),
        sheet(
            "2025-05-01", B, suggestions="Thêm ví dụ", created=datetime(2025, 5, 1, 9, tzinfo=UTC)
        ),  # same day, written later
        sheet("2025-06-01", B, limitations="   "),  # blank: nothing to show
    ]
    p = profile(data(sheets), AN, YEAR)
    assert [(pt.date.month, pt.kind, pt.text) for pt in p.points] == [
        (5, "suggestion", "Thêm ví dụ"),
        (5, "limitation", "[TODO] thời gian"),
        (2, "limitation", "Slide nhiều chữ"),
        (2, "suggestion", "Ít chữ hơn"),
    ]
    assert p.points[1].observer_ids == (BINH.id, CUONG.id)


# -- the trend ---------------------------------------------------------------------------------


def halves(*averages: tuple[int, int, float]) -> list[HalfYear]:
    return [HalfYear(y, h, a, 1) for y, h, a in averages]


def test_trend_rule_slope_of_half_year_averages() -> None:
    # Two halves: the slope is the difference, 75% - 70% = +5 points: better.
    assert trend_of(halves((2025, 1, 0.70), (2025, 2, 0.75))) == (Trend.BETTER, pytest.approx(0.05))
    # Exactly +2 and -2 points reach the threshold; 1,9 does not.
    assert trend_of(halves((2025, 1, 0.70), (2025, 2, 0.72)))[0] is Trend.BETTER
    assert trend_of(halves((2025, 1, 0.70), (2025, 2, 0.68)))[0] is Trend.WORSE
    assert trend_of(halves((2025, 1, 0.70), (2025, 2, 0.719)))[0] is Trend.STEADY
    # Three halves 70, 80, 72: x = 0, 1, 2, mean 74; slope = ((-1)(-4) + 1(-2)) / 2 = +1 point.
    assert trend_of(halves((2024, 2, 0.70), (2025, 1, 0.80), (2025, 2, 0.72))) == (
        Trend.STEADY,
        pytest.approx(0.01),
    )
    # A missing half keeps its place: 60% then 70% a year later is +5 points a half-year.
    assert trend_of(halves((2024, 1, 0.60), (2025, 1, 0.70)))[1] == pytest.approx(0.05)
    assert trend_of(halves((2025, 1, 0.70))) == (Trend.UNKNOWN, None)
    assert trend_of([]) == (Trend.UNKNOWN, None)
    assert slope([(1, 5.0), (1, 6.0)]) is None


def test_profile_trend_from_its_sheets() -> None:
    # H1: 97,5% and 45% -> 71,25%; H2: 70%. Slope -1,25 points: steady.
    sheets = [sheet("2025-01-01", A), sheet("2025-06-30", C), sheet("2025-07-01", B)]
    p = profile(data(sheets), AN, YEAR)
    assert [(h.half, h.count) for h in p.halves] == [(1, 2), (2, 1)]
    assert p.halves[0].average == pytest.approx(0.7125)
    assert (p.trend, p.slope) == (Trend.STEADY, pytest.approx(-0.0125))
    worse = profile(data([sheet("2025-01-01", A), sheet("2025-07-01", C)]), AN, YEAR)
    assert worse.trend is Trend.WORSE and worse.slope == pytest.approx(-0.525)


# -- attendance, trials, tasks -------------------------------------------------------------


def row(who: Lecturer, status: Presence, reason: str = "") -> Attendance:
    return Attendance(lecturer_id=who.id, status=status, reason=reason)


P, L, X = Presence.PRESENT, Presence.LATE, Presence.ABSENT


def meeting(day: str, rows: list[Attendance], **extra: Any) -> Meeting:
    return Meeting(date=dt.date.fromisoformat(day), attendance=rows, **extra)


def test_meeting_and_briefing_attendance_rates() -> None:
    meetings = [
        meeting("2025-01-01", [row(AN, P), row(BINH, X, "Ốm")]),
        meeting("2025-02-05", [row(AN, L, "Tắc đường"), row(BINH, P)]),
        meeting("2025-03-05", [row(AN, X, "Đi học"), row(BINH, P)]),
        meeting("2025-04-05", [row(BINH, P)]),  # An was not on the register
        meeting("2025-05-05", [row(AN, X, "x")], deleted_at=GONE),
        meeting("2025-12-31", [row(AN, P), Attendance(name="Khách", status=X, reason="bận")]),
        meeting("2026-01-01", [row(AN, X, "y")]),
    ]
    briefings = [Briefing(date=dt.date(2025, 3, 3), attendance=[row(AN, L), row(BINH, P)])]
    p = profile(data(meetings=meetings, briefings=briefings), AN, YEAR)
    # Held for An: 1 Jan, 5 Feb, 5 Mar, 31 Dec = 4; attended: present 2 + late 1 = 3 (75%).
    assert (p.meetings.held, p.meetings.attended, p.meetings.late, p.meetings.absent) == (
        4,
        3,
        1,
        1,
    )
    assert p.meetings.rate == 0.75
    assert [(a.date.month, a.reason) for a in p.meetings.absences] == [(3, "Đi học")]
    assert [(a.date.month, a.reason) for a in p.meetings_late] == [(2, "Tắc đường")]
    assert (p.briefings.held, p.briefings.rate) == (1, 1.0)
    assert [a.reason for a in p.briefings_late] == [""]
    lone = profile(data(), AN, YEAR)
    assert lone.meetings == LecturerAttendance(AN.id) and lone.meetings.rate is None


def trial(day: str, verdict: Verdict | None, lesson: str = "Bài 1", **extra: Any) -> Trial:
    fix = {"to_fix": "Sửa phần 2"} if verdict is Verdict.NOT_PASSED else {}
    return decided(
        lecturer_id=AN.id,
        lesson=lesson,
        date=dt.date.fromisoformat(day),
        verdict=verdict,
        **fix,
        **extra,
    )


def test_trials_in_the_period_cleared_lessons_and_retrials() -> None:
    trials = [
        trial("2024-11-01", Verdict.PASSED, "Bài 1"),  # cleared before the period
        trial("2025-03-01", Verdict.NOT_PASSED, "Bài 2", next_trial_date=dt.date(2025, 4, 1)),
        trial("2025-12-31", Verdict.PASSED, "Bài 3"),
        trial("2025-06-01", Verdict.PASSED, "Bài 4", deleted_at=GONE),
        trial("2026-01-05", Verdict.PASSED, "Bài 2"),  # after the period: not yet cleared
    ]
    p = profile(data(trials=trials), AN, YEAR)
    assert [(t.lesson, t.verdict) for t in p.trials] == [
        ("Bài 2", Verdict.NOT_PASSED),
        ("Bài 3", Verdict.PASSED),
    ]
    assert sorted(c.lesson for c in p.cleared) == ["Bài 1", "Bài 3"]
    assert [(a.lesson, a.overdue) for a in p.awaiting] == [("Bài 2", True)]


def test_open_items_assigned_overdue_first() -> None:
    m1 = meeting(
        "2025-02-01",
        [],
        tasks=[
            Task(description="Soạn đề cương", owner_id=AN.id, due=dt.date(2026, 4, 1)),
            Task(
                description="Đã xong",
                owner_id=AN.id,
                due=dt.date(2025, 3, 1),
                done_on=dt.date(2025, 3, 1),
            ),
            Task(description="Của Bình", owner_id=BINH.id),
        ],
        content_updates=[
            ContentUpdate(
                lesson="Bài 5", content="Nghị quyết mới", owner_id=AN.id, due=dt.date(2025, 6, 1)
            ),
        ],
    )
    later = meeting("2026-02-01", [], tasks=[Task(description="Sau kỳ", owner_id=AN.id)])
    p = profile(data(meetings=[m1, later]), AN, YEAR)
    assert [i.what for i in p.open_items] == ["Nghị quyết mới", "Soạn đề cương"]


# -- the Center view -------------------------------------------------------------------------


def test_center_rows_and_totals() -> None:
    sheets = [
        sheet("2025-02-01", A),
        sheet("2025-03-01", B, who=BINH, by=(AN, CUONG)),
        sheet("2025-04-01", None, who=BINH, by=(CUONG,)),
        sheet("2025-05-01", C, deleted=True),
    ]
    meetings = [
        meeting(
            "2025-01-10",
            [row(AN, P), row(BINH, X, "Ốm"), row(CUONG, P)],
            content_updates=[
                ContentUpdate(
                    lesson="Bài 1", content="a", owner_id=AN.id, done_on=dt.date(2025, 5, 1)
                ),
                ContentUpdate(
                    lesson="Bài 2", content="b", owner_id=BINH.id, done_on=dt.date(2026, 1, 5)
                ),  # done after the period
                ContentUpdate(
                    lesson="Bài 3", content="c", owner_id=BINH.id, due=dt.date(2025, 2, 1)
                ),
            ],
            tasks=[Task(description="t", owner_id=AN.id, done_on=dt.date(2025, 2, 1))],
        ),
        meeting("2025-02-10", [row(AN, L), row(BINH, P)]),
    ]
    briefings = [Briefing(date=dt.date(2025, 6, 1), attendance=[row(AN, P), row(BINH, X, "Ốm")])]
    trials = [
        trial("2025-02-01", Verdict.PASSED),
        trial("2025-03-01", Verdict.NOT_PASSED),
        trial("2025-04-01", None),
        trial("2024-04-01", Verdict.PASSED),
    ]
    c = center(data(sheets, meetings=meetings, briefings=briefings, trials=trials), YEAR)
    # Đạt is archived with nothing in the period, Em deleted: neither has a line.
    assert [r.lecturer.given_name for r in c.rows] == ["An", "Bình", "Cường"]
    an, binh, cuong = c.rows
    assert (an.received, an.given, an.average, an.bands) == (1, 1, 0.975, {"Khá": 1})
    assert (binh.received, binh.given, binh.average) == (2, 1, 0.7)
    assert (cuong.received, cuong.given, cuong.average) == (0, 2, None)
    assert (an.meetings.rate, binh.meetings.rate, cuong.meetings.rate) == (1.0, 0.5, 1.0)
    assert (an.briefings.rate, binh.briefings.rate, cuong.briefings.rate) == (1.0, 0.0, None)
    # Open items count at the year's end, as the totals do: Bình's "b", done on 5 Jan
    # 2026, was still open on 31 Dec 2025; "c" was open and overdue.
    assert (an.open, binh.open, binh.overdue) == (0, 2, 1)
    t = c.totals
    assert (t.observations, t.scored, t.lecturers_observed) == (3, 2, 2)
    assert t.average == pytest.approx((0.975 + 0.7) / 2)
    assert t.bands == [("Khá", 2)]
    assert (t.trials, t.passed, t.not_passed, t.undecided) == (3, 1, 1, 1)
    assert (t.meetings, t.briefings) == (2, 1)
    # Meetings: rows 3 + 2 = 5, attended 4 (Bình absent once). Briefing: 1 of 2.
    assert t.meeting_rate == 0.8 and t.briefing_rate == 0.5
    assert (t.updates_agreed, t.updates_done, t.tasks_agreed, t.tasks_done) == (3, 1, 1, 1)
    assert c.band_names == ["Giỏi", "Khá", "Trung bình (Đạt)", "Chưa đạt"]


def test_center_keeps_an_archived_lecturer_with_work_in_the_period() -> None:
    c = center(data([sheet("2025-02-01", B, who=DAT)]), YEAR)
    assert "Đạt" in [r.lecturer.given_name for r in c.rows]


def test_sorting_rows_puts_empty_values_last_and_keeps_name_order_on_ties() -> None:
    sheets = [
        sheet("2025-02-01", C),
        sheet("2025-03-01", A, who=BINH, by=(CUONG,)),
        sheet("2025-04-01", B, who=DAT, by=(CUONG,)),
    ]
    rows = center(data(sheets), YEAR).rows  # An, Bình, Cường, Đạt (đ after d)
    assert [r.lecturer.given_name for r in rows] == ["An", "Bình", "Cường", "Đạt"]
    by = lambda col, desc=False: [r.lecturer.given_name for r in sort_rows(rows, col, desc)]  # noqa: E731
    assert by("average", True) == ["Bình", "Đạt", "An", "Cường"]
    assert by("average") == ["An", "Đạt", "Bình", "Cường"]  # no average: last either way
    assert by("given", True) == ["Cường", "Bình", "An", "Đạt"]  # An and Đạt tie at 0
    assert by("name", True) == ["Đạt", "Cường", "Bình", "An"]


# -- text of figures --------------------------------------------------------------------------


def test_percent_points_and_spark() -> None:
    assert (percent(0.7125), percent(1.0), percent(0.0), percent(None)) == (
        "71,3%",
        "100%",
        "0%",
        "—",
    )
    # Halves round away from zero, as people round by hand: -1,25 -> -1,3.
    assert (points_change(0.025), points_change(-0.0125), points_change(0.0004)) == (
        "+2,5",
        "−1,3",
        "0",
    )
    assert (percent(0.71249), percent(0.00049), percent(0.9995)) == ("71,2%", "0%", "100%")
    assert spark([0.5, 0.75, 1.0]) == "▁▅█" and spark([0.7, 0.7]) == "▁▁" and spark([]) == ""
    assert [band_abbrev(b.name) for b in V1.bands] == ["G", "K", "TB", "CĐ"]
    assert math.isclose(quota_for(YEAR, 1) or 0, 1)
