"""The sample data: deterministic, valid, and shaped like a real Center."""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
from collections import Counter

import pytest

from giangvien.demo import generate, period
from giangvien.models import (
    Briefing,
    Conference,
    Employment,
    Lecturer,
    Meeting,
    Observation,
    Position,
    Settings,
    TrainingClass,
    Trial,
    Verdict,
)
from giangvien.rubric import default_rubric

TODAY = dt.date(2026, 3, 15)
MINORITY_FAMILY_NAMES = {
    "Giàng", "Lò", "Hà", "Sùng", "Vàng", "Lường", "Nông", "Thào", "Lầu", "Cầm",
    "Triệu", "Bế", "Mùa", "Quàng", "Đinh",
}  # fmt: skip


def of(records, kind):
    return [r for r in records if isinstance(r, kind)]


@pytest.fixture(scope="module")
def default():
    return generate(today=TODAY)


@pytest.fixture(scope="module")
def large():
    # How long this takes is measured in tests/benchmarks/volume_bench.py, not here.
    return generate(60, 10, seed=7, today=TODAY)


def dump(records):
    return [r.model_dump(mode="json") for r in records]


def test_same_seed_same_data(default):
    assert dump(generate(today=TODAY)) == dump(default)
    assert dump(generate(3, 1, seed=9, today=TODAY)) == dump(generate(3, 1, seed=9, today=TODAY))


def test_other_seed_other_data(default):
    other = generate(seed=2, today=TODAY)
    assert dump(other) != dump(default)
    assert {r.id for r in of(other, Lecturer)}.isdisjoint(r.id for r in of(default, Lecturer))


def test_batch_order_settings_then_lecturers(default):
    assert isinstance(default[0], Settings)
    kinds = [type(r) for r in default]
    assert kinds[1:7] == [Lecturer] * 6
    assert Lecturer not in kinds[7:] and Settings not in kinds[1:]
    assert len({r.id for r in default}) == len(default)


def test_settings(default):
    settings = default[0]
    district = settings.place_name
    # The sample reaches past 1/7/2025: the Center is the commune's now.
    assert district and settings.organisation == f"Trung tâm Chính trị xã {district}"
    assert settings.parent_body == f"Đảng ủy xã {district}"
    assert settings.layout == "party"


def test_a_sample_before_the_reform_is_a_district_center() -> None:
    records = generate(today=dt.date(2025, 3, 1))
    settings = records[0]
    assert isinstance(settings, Settings)
    assert settings.organisation == f"Trung tâm Chính trị huyện {settings.place_name}"
    assert settings.parent_body == f"Huyện ủy {settings.place_name}"


def test_bodies_are_named_as_they_were_on_the_day(default) -> None:
    """District bodies before the reform, the commune's from 1/7/2025 on."""
    reform = dt.date(2025, 7, 1)
    partners = [(c.opened, c.partner) for c in of(default, TrainingClass) if c.partner]
    partners += [(c.date, c.partner) for c in of(default, Conference) if c.partner]
    later = [p for day, p in partners if day >= reform]
    assert later and not any("huyện" in p.lower() or "Huyện" in p for p in later)
    assert any("Huyện" in p or "huyện" in p for day, p in partners if day < reform)
    places = [m.place for m in of(default, Meeting) if m.date >= reform]
    assert places and all("huyện" not in p for p in places)


def test_default_center_shape(default):
    lecturers = of(default, Lecturer)
    roles = Counter((x.position, x.employment) for x in lecturers)
    assert [x.position for x in lecturers].count(Position.DIRECTOR) == 1
    assert [x.position for x in lecturers].count(Position.DEPUTY) == 1
    assert roles[(Position.LECTURER, Employment.FULL_TIME)] == 2
    assert roles[(Position.LECTURER, Employment.PART_TIME)] == 2
    assert all(x.unit for x in lecturers if x.employment is Employment.PART_TIME)
    assert len({x.full_name for x in lecturers}) == len(lecturers)
    first, _ = period(2, TODAY)
    assert all(x.start_date and x.start_date < first for x in lecturers)
    assert sum(x.archived for x in lecturers) == 1


@pytest.mark.parametrize("n", [2, 3, 6, 25])
def test_a_minority_name_is_always_there(n):
    for seed in range(3):
        families = {x.family_name for x in of(generate(n, 1, seed, TODAY), Lecturer)}
        assert families & MINORITY_FAMILY_NAMES


def check_references(records):
    lecturers = {x.id: x for x in of(records, Lecturer)}
    for record in records:
        # Everything validates: a JSON round trip gives back the same record.
        assert type(record).model_validate(record.model_dump(mode="json")) == record
        assert (
            record.created_at.utcoffset()
            == dt.timedelta(0)
            <= record.updated_at - record.created_at
        )
        if isinstance(record, Observation | Trial | Meeting | Briefing):
            assert record.people() <= lecturers.keys()
            left = [lecturers[i] for i in record.people() if lecturers[i].archived]
            assert all(record.date < x.updated_at.date() for x in left)
        if isinstance(record, Observation) and record.reviewed:
            assert lecturers[record.concluded_by].is_leader
            assert record.concluded_by != record.lecturer_id
            assert record.concluded_at.date() > record.date


def test_records_validate_and_refer_to_lecturers(default):
    check_references(default)


def test_dates_inside_the_period_and_on_weekdays(default):
    first, last = period(2, TODAY)
    assert last < TODAY
    dated = [r for r in default if isinstance(r, Observation | Trial | Meeting | Briefing)]
    assert all(first <= r.date <= last for r in dated)
    assert all(r.date.weekday() < 5 for r in dated)
    assert all(r.created_at.date() <= TODAY for r in default)


def test_observation_sheets(default):
    sheets = of(default, Observation)
    settings = default[0]
    rubric = default_rubric()
    assert len(sheets) >= 6 * 2 * 3
    assert all(s.programme in settings.programmes for s in sheets)
    scored = [s for s in sheets if s.scored]
    assert 0 < len(sheets) - len(scored) < len(sheets) / 4
    for s in scored:
        assert rubric.score_errors(s.scores) == {}
        assert all(v * 4 == int(v * 4) for v in s.scores.values())
    assert all(s.strengths and s.limitations and s.suggestions for s in sheets)
    assert len({s.strengths for s in sheets}) > len(sheets) * 0.8
    # Most older sheets are reviewed; the last two months mostly wait in the queue.
    last = period(2, TODAY)[1]
    old = [s for s in sheets if (last - s.date).days > 90]
    recent = [s for s in sheets if (last - s.date).days < 60]
    waiting = sum(not s.reviewed for s in recent)
    assert sum(s.reviewed for s in old) > 0.8 * len(old)
    assert waiting >= 1 and waiting / len(recent) > 3 * sum(not s.reviewed for s in old) / len(old)
    assert all(not s.reviewed for s in sheets if (last - s.date).days < 21)
    assert sum(s.acknowledged_on is not None for s in sheets) > 0.7 * len(sheets)
    assert all(s.acknowledged_on is None or s.date <= s.acknowledged_on < TODAY for s in sheets)


def test_a_failed_trial_is_followed_by_a_passing_one(default):
    trials = of(default, Trial)
    failed = [t for t in trials if t.verdict is Verdict.NOT_PASSED]
    assert failed
    for t in failed:
        assert t.to_fix and t.next_trial_date and t.next_trial_date > t.date
    assert any(
        p.verdict is Verdict.PASSED and p.date > t.date
        for t in failed
        for p in trials
        if (p.lecturer_id, p.lesson) == (t.lecturer_id, t.lesson)
    )
    for t in trials:
        assert t.chair and t.panel and t.lessons_drawn
        assert any(m.name and m.unit for m in t.panel)  # someone from outside the Center


def test_meetings_and_briefings(default):
    meetings, briefings = of(default, Meeting), of(default, Briefing)
    assert 16 <= len(meetings) <= 25 and 15 <= len(briefings) <= 25
    for m in meetings:
        assert m.date.day <= 15 and m.chair_id and m.secretary_id and m.review and m.conclusion
        assert 1 <= len(m.remarks) <= 3 and 1 <= len(m.tasks) <= 3
        assert all(a.reason for a in m.attendance if a.status == "absent")
    assert any(u.done_on is None for m in meetings for u in [*m.content_updates, *m.tasks])
    levels = Counter(b.level for b in briefings)
    assert levels.most_common(1)[0][0] == "provincial" and len(levels) >= 2
    assert all(b.connection_point for b in briefings if b.form == "online")
    assert all(1 <= len(b.talks) <= 3 and b.attendance for b in briefings)


def test_scores_improve_over_the_years(large):
    records = large
    rubric = default_rubric()
    sheets = [s for s in of(records, Observation) if s.scored]
    early = [rubric.total_of(s.scores) for s in sheets if s.date.year <= 2017]
    late = [rubric.total_of(s.scores) for s in sheets if s.date.year >= 2024]
    assert statistics.mean(late) > statistics.mean(early) + 0.3


def test_large_volume(large):
    records = large
    counts = Counter(type(r).__name__ for r in records)
    assert counts["Settings"] == 1 and counts["Lecturer"] == 60
    lecturers = of(records, Lecturer)
    assert [x.position for x in lecturers].count(Position.DIRECTOR) == 1
    assert 1 <= [x.position for x in lecturers].count(Position.DEPUTY) <= 2
    assert 60 * 10 * 4 <= counts["Observation"] <= 60 * 10 * 8
    assert 110 <= counts["Meeting"] <= 121 and 80 <= counts["Briefing"] <= 121
    assert counts["Trial"] >= 100
    check_references(records)


@pytest.mark.parametrize(("lecturers", "years"), [(1, 2), (6, 0), (501, 1)])
def test_bad_arguments(lecturers, years):
    with pytest.raises(ValueError):
        generate(lecturers, years)


def test_no_ui_or_store_imports():
    code = (
        "import sys, giangvien.demo; "
        "print(sorted(m for m in ('textual', 'tinydb', 'store') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
