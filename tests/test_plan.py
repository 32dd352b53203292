"""The year's plan, follow-ups, suggestions carried forward and on-time counting,
on hand-made records; every answer is worked out here by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from giangvien.development import Data, Period
from giangvien.follow_up import carried, suggestion_lines, suggestions_of, to_ask
from giangvien.models import (
    Acted,
    ContentUpdate,
    Employment,
    Lecturer,
    Meeting,
    Observation,
    PlanEntry,
    PlanTarget,
    Position,
    Settings,
    SuggestionCheck,
    Task,
    Trial,
    plan_id,
)
from giangvien.on_time import OnTime, of_year, quarters, tally
from giangvien.plan import State, due_by, from_defaults, year_plan
from giangvien.problems import Invalid, validate
from giangvien.rubric import default_rubric

V1 = default_rubric()
CODES = ("ND1", "ND2", "ND3", "ND4", "PP1", "PP2", "PP3", "PT1", "PT2", "HQ1")
FULL = dict(zip(CODES, (3, 2, 2, 1, 3, 2, 2, 1.5, 1.5, 2), strict=True))  # 20: Giỏi
WEAK = dict(zip(CODES, (1, 1, 1, 0.5, 1, 1, 1, 0.5, 1, 1), strict=True))  # 9: Chưa đạt
FAIR = dict(zip(CODES, (2, 1, 1, 1, 1, 1, 1, 1, 1, 1), strict=True))  # 11: Trung bình (Đạt)


def person(given: str, **extra: Any) -> Lecturer:
    return Lecturer(family_name="Lê", middle_name="Thị", given_name=given, **extra)


AN = person("An")
BINH = person("Bình", position=Position.DIRECTOR)
CHI = person("Chi", start_date=dt.date(2026, 7, 10))  # joins mid-year
DUNG = person("Dung", archived=True)
EM = person("Em", employment=Employment.PART_TIME)
STAFF = person("Giang", position=Position.STAFF)


def sheet(day: str, scores: dict[str, float] | None = None, *, who: Lecturer = AN,
          by: Lecturer = BINH, **extra: Any) -> Observation:  # fmt: skip
    return Observation(
        date=dt.date.fromisoformat(day),
        lecturer_id=who.id,
        observer_ids=[by.id],
        lesson="Bài 1",
        rubric_id="mac-dinh",
        rubric_version=1,
        scores=scores,
        **extra,
    )


def data(
    sheets: list[Observation] = (),  # type: ignore[assignment]
    *,
    plans: list[PlanEntry] = (),  # type: ignore[assignment]
    trials: list[Trial] = (),  # type: ignore[assignment]
    meetings: list[Meeting] = (),  # type: ignore[assignment]
    today: str = "2026-05-20",
    **settings: Any,
) -> Data:
    return Data(
        lecturers=[AN, BINH, CHI, DUNG, EM, STAFF],
        observations=list(sheets),
        trials=list(trials),
        meetings=list(meetings),
        briefings=[],
        settings=Settings(**settings),
        rubric_of=lambda i, v: V1 if (i, v) == ("mac-dinh", 1) else None,
        reference=V1,
        today=dt.date.fromisoformat(today),
        plans=list(plans),
    )


def entry(who: Lecturer, observed: int = 0, observing: int = 0, trials: int = 0) -> PlanEntry:
    target = PlanTarget(observed=observed, observing=observing, trials=trials)
    return PlanEntry.of(2026, who.id, target)


# -- making the plan ----------------------------------------------------------------------


def test_the_plan_from_defaults_follows_position_and_joining_month() -> None:
    made = {e.lecturer_id: e for e in from_defaults(data(), 2026)}
    # Lecturer 2/2; director 1/4; part-time 1/0; staff and archived: nothing.
    assert made[AN.id].target == PlanTarget(observed=2, observing=2)
    assert made[BINH.id].target == PlanTarget(observed=1, observing=4)
    assert made[EM.id].target == PlanTarget(observed=1, observing=0)
    assert DUNG.id not in made and STAFF.id not in made
    # Chi joins in July: 6 months of 12 -> 1 and 1; new and cleared for nothing: a trial.
    assert made[CHI.id].target == PlanTarget(observed=1, observing=1, trials=1)
    assert all(e.id == plan_id(2026, e.lecturer_id) for e in made.values())


def test_making_the_plan_again_keeps_what_was_edited() -> None:
    edited = entry(AN, observed=5)
    made = from_defaults(data(plans=[edited]), 2026)
    assert AN.id not in {e.lecturer_id for e in made}
    # Nobody joins a year before they start.
    assert CHI.id not in {e.lecturer_id for e in from_defaults(data(), 2025)}


def test_a_plan_entry_keyed_otherwise_is_refused() -> None:
    good = entry(AN, observed=1).model_dump()
    with pytest.raises(Invalid):
        validate(PlanEntry, {**good, "id": plan_id(2027, AN.id)})
    with pytest.raises(Invalid):
        validate(PlanEntry, {**good, "observed": 101})


# -- owed, done, overdue ------------------------------------------------------------------


def test_owed_until_the_year_ends_then_overdue() -> None:
    plans = [entry(AN, observed=2, observing=1), entry(BINH, observed=1)]
    sheets = [sheet("2026-03-02", FULL)]  # An observed once, by Bình
    may = year_plan(data(sheets, plans=plans), 2026)
    an = may.row(AN.id)
    assert an is not None and (an.observed.done, an.observed.remaining, an.observed.overdue) == (
        1, 1, 0)  # fmt: skip
    assert an.state(may.at) is State.OWED
    binh = may.row(BINH.id)
    assert binh is not None and binh.observing.done == 1 and binh.state(may.at) is State.OWED
    # After the year: An's second visit and the sheet An was to give are overdue.
    later = year_plan(data(sheets, plans=plans, today="2027-01-05"), 2026)
    assert later.at == dt.date(2026, 12, 31)
    an = later.row(AN.id)
    assert an is not None and an.observed.overdue == 1 and an.observing.overdue == 1
    assert later.count(State.OVERDUE) == 2 and later.made


def test_a_sheet_counts_toward_the_plan_of_its_date() -> None:
    plans = [entry(AN, observed=1)]
    december = year_plan(data([sheet("2025-12-30", FULL)], plans=plans), 2026)
    row = december.row(AN.id)
    assert row is not None and row.observed.done == 0
    done = year_plan(data([sheet("2026-01-02", FULL)], plans=plans), 2026)
    row = done.row(AN.id)
    assert row is not None and row.state(done.at) is State.DONE
    # A deleted sheet does not count.
    gone = sheet("2026-01-02", FULL, deleted_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    row = year_plan(data([gone], plans=plans), 2026).row(AN.id)
    assert row is not None and row.observed.done == 0


def test_by_quarter_a_share_is_due_at_each_quarters_end() -> None:
    assert [due_by(4, 2026, dt.date(2026, m, 1), by_quarter=True, joined=None)
            for m in (3, 4, 7, 10)] == [0, 1, 2, 3]  # fmt: skip
    assert due_by(4, 2026, dt.date(2026, 12, 31), by_quarter=True, joined=None) == 4
    assert due_by(2, 2026, dt.date(2026, 4, 1), by_quarter=True, joined=None) == 1  # ceil(0.5)
    # Joined in Q3: two quarters to spread 1 over; due at Q3's end.
    joined = dt.date(2026, 7, 10)
    assert due_by(1, 2026, dt.date(2026, 9, 30), by_quarter=True, joined=joined) == 1
    assert due_by(1, 2026, dt.date(2026, 9, 29), by_quarter=True, joined=joined) == 0
    assert due_by(3, 2026, dt.date(2026, 11, 1), by_quarter=False, joined=None) == 0
    plans = [entry(AN, observed=4)]
    may = year_plan(data([sheet("2026-02-01", FULL)], plans=plans, plan_by_quarter=True), 2026)
    row = may.row(AN.id)
    assert row is not None and row.observed.due == 1 and row.state(may.at) is State.OWED
    august = year_plan(data([sheet("2026-02-01", FULL)], plans=plans, plan_by_quarter=True,
                            today="2026-08-01"), 2026)  # fmt: skip
    row = august.row(AN.id)
    assert row is not None and row.observed.overdue == 1 and row.state(august.at) is State.OVERDUE


def test_archived_lecturers_and_the_unplanned_are_not_owed() -> None:
    plans = [entry(DUNG, observed=3), entry(AN, observed=0)]
    found = year_plan(data(plans=plans, today="2027-02-01"), 2026)
    assert [r.lecturer.id for r in found.rows] == [AN.id]
    assert found.count(State.DONE) == 1 and found.count(State.OVERDUE) == 0
    empty = year_plan(data(), 2026)
    assert not empty.made and empty.rows == []


# -- follow-ups ---------------------------------------------------------------------------


def test_a_weak_sheet_puts_a_follow_up_on_the_plan() -> None:
    weak = sheet("2026-04-01", WEAK)
    fair = sheet("2026-04-03", FAIR, who=EM)
    good = sheet("2026-04-05", FULL, who=CHI)
    found = year_plan(data([weak, fair, good], today="2026-04-20"), 2026)
    # Unplanned lecturers still show their follow-up; Chi's good sheet asks none.
    assert {r.lecturer.id for r in found.rows} == {AN.id, EM.id}
    visit = found.row(AN.id).follow_ups[0]  # type: ignore[union-attr]
    assert visit.band == "Chưa đạt" and visit.due == dt.date(2026, 5, 1)
    assert visit.state(found.at) is State.OWED
    late = year_plan(data([weak], today="2026-05-02"), 2026)
    assert late.row(AN.id).state(late.at) is State.OVERDUE  # type: ignore[union-attr]
    # The next sheet on An, by anyone, is the visit.
    again = sheet("2026-04-25", FULL, by=EM)
    done = year_plan(data([weak, again], today="2026-06-01", follow_up_days=10), 2026)
    visit = done.row(AN.id).follow_ups[0]  # type: ignore[union-attr]
    assert visit.visited_on == dt.date(2026, 4, 25) and visit.due == dt.date(2026, 4, 11)
    assert visit.state(done.at) is State.DONE


def test_a_weak_sheet_of_late_december_is_owed_in_the_next_years_plan() -> None:
    weak = sheet("2025-12-20", WEAK)
    records = data([weak], today="2026-02-01")
    assert year_plan(records, 2025).row(AN.id) is None  # due 19/01/2026: not 2025's
    visit = year_plan(records, 2026).row(AN.id).follow_ups[0]  # type: ignore[union-attr]
    assert visit.due == dt.date(2026, 1, 19) and visit.state(dt.date(2026, 2, 1)) is State.OVERDUE
    # A visit made in December, before the new year, still counts.
    again = sheet("2025-12-29", FULL, by=EM)
    visit = year_plan(data([weak, again], today="2026-02-01"), 2026).row(AN.id).follow_ups[0]  # type: ignore[union-attr]
    assert visit.visited_on == dt.date(2025, 12, 29)


# -- suggestions carried forward ----------------------------------------------------------


def test_suggestions_are_read_one_per_line_without_list_marks() -> None:
    text = "- Tăng ví dụ thực tiễn\n\n2) Giảm đọc chép\n• [Liên hệ] *địa phương*\n  "
    assert suggestion_lines(text) == ["Tăng ví dụ thực tiễn", "Giảm đọc chép",
                                      "[Liên hệ] *địa phương*"]  # fmt: skip
    assert suggestion_lines("") == []


def test_a_new_sheet_asks_about_open_suggestions_and_stores_answers() -> None:
    first = sheet("2026-02-01", FULL, suggestions="Tăng ví dụ\nGiảm đọc chép")
    asked = to_ask([first], AN.id, dt.date(2026, 3, 1), this_sheet=None)
    assert [(s.item, s.text) for s in asked] == [(0, "Tăng ví dụ"), (1, "Giảm đọc chép")]
    answers = [
        SuggestionCheck(sheet_id=first.id, item=0, text="Tăng ví dụ", acted=Acted.DONE),
        SuggestionCheck(sheet_id=first.id, item=1, text="Giảm đọc chép", acted=Acted.NOT_YET),
    ]
    second = sheet("2026-03-01", FULL, by=EM, follow_ups=answers)
    # Not yet done: asked again at the next sheet; done: not again.
    again = to_ask([first, second], AN.id, dt.date(2026, 6, 1), this_sheet=None)
    assert [(s.text, s.last_answer) for s in again] == [("Giảm đọc chép", Acted.NOT_YET)]
    # The sheet being edited does not count its own answers.
    assert len(to_ask([first, second], AN.id, dt.date(2026, 3, 1), this_sheet=second.id)) == 2
    found = suggestions_of([first, second], AN.id, 20)
    tally_ = carried(found, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    # Done on 1/3, due 20 days after 1/2 (21/2): carried through, but late.
    assert (tally_.total, tally_.done, tally_.on_time) == (2, 1, 0)
    with pytest.raises(Invalid):
        validate(
            Observation,
            {**second.model_dump(), "follow_ups": [a.model_dump() for a in answers * 2]},
        )


def test_only_the_last_three_sheets_are_asked_about() -> None:
    old = [sheet(f"2026-0{m}-01", FULL, suggestions=f"Góp ý {m}") for m in range(1, 6)]
    asked = to_ask(old, AN.id, dt.date(2026, 7, 1), this_sheet=None)
    assert [s.text for s in asked] == ["Góp ý 3", "Góp ý 4", "Góp ý 5"]


# -- on time ------------------------------------------------------------------------------


def test_on_time_counts_by_due_date_at_one_reference_date() -> None:
    year = Period.year(2026)
    d = dt.date.fromisoformat
    items = [
        (d("2026-03-01"), d("2026-02-27")),  # on time
        (d("2026-03-01"), d("2026-03-01")),  # on time: on the day
        (d("2026-03-01"), d("2026-04-02")),  # late
        (d("2026-04-01"), None),  # overdue
        (d("2026-09-01"), None),  # not yet due at 20/5
        (d("2026-09-01"), d("2026-06-01")),  # done after the reference date: not yet
        (d("2025-12-31"), None),  # another year
        (None, None),  # no due date
    ]
    at = d("2026-05-20")
    found = tally(items, year, at)
    assert found == OnTime(on_time=2, late=1, overdue=1, pending=2)
    assert found.counted == 4 and found.rate == 0.5
    q1, q2, q3, q4 = (tally(items, q, d("2026-12-31")) for q in quarters(2026))
    assert (
        (q1.on_time, q1.late) == (2, 1) and q2.overdue == 1 and (q3.on_time, q4.counted) == (1, 0)
    )
    assert OnTime(1, 2, 3, 4) + OnTime(1, 1, 1, 1) == OnTime(2, 3, 4, 5)


def test_a_lecturers_year_counts_tasks_updates_and_suggestions_by_quarter() -> None:
    d = dt.date.fromisoformat
    meeting = Meeting(
        date=d("2026-01-10"),
        tasks=[
            Task(description="Soạn đề cương", owner_id=AN.id, due=d("2026-02-01"),
                 done_on=d("2026-01-30")),  # Q1 on time
            Task(description="Sửa giáo án", owner_id=AN.id, due=d("2026-04-15")),  # Q2 overdue
            Task(description="Việc của người khác", owner_id=EM.id, due=d("2026-02-01")),
        ],
        content_updates=[
            ContentUpdate(lesson="Bài 3", content="Nghị quyết mới", owner_id=AN.id,
                          due=d("2026-03-01"), done_on=d("2026-03-05")),  # Q1 late
        ],
    )  # fmt: skip
    gone = meeting.model_copy(
        update={"id": "gone", "deleted_at": dt.datetime(2026, 2, 1, tzinfo=dt.UTC)}
    )
    given = sheet("2026-06-01", FULL, suggestions="Tăng ví dụ")  # due 30/8 with 90 days
    answer = SuggestionCheck(sheet_id=given.id, item=0, text="Tăng ví dụ", acted=Acted.DONE)
    found = of_year(
        data([given, sheet("2026-07-20", FULL, by=EM, follow_ups=[answer])],
             meetings=[meeting, gone], today="2026-12-31"),
        AN.id, 2026, d("2026-12-31"),
    )  # fmt: skip
    q1, q2, q3, q4 = found.quarters
    assert (q1.on_time, q1.late) == (1, 1) and q2 == OnTime(overdue=1)
    assert q3 == OnTime(on_time=1) and q4 == OnTime()
    assert found.total == OnTime(on_time=2, late=1, overdue=1)
