"""The dashboard's figures, on hand-made records whose answers are worked out here."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

from giangvien.models import Briefing, Lecturer, Level, Meeting, Observation, Talk
from giangvien.models.observation import UNSIGNED
from giangvien.models.signature import fingerprint
from giangvien.summary import (
    latest_briefing,
    month_observations,
    next_meeting,
    not_observed,
    waiting_for_review,
)

TODAY = dt.date(2026, 3, 15)
GONE = datetime(2026, 3, 1, tzinfo=UTC)


def person(given: str, *, archived: bool = False, deleted: bool = False) -> Lecturer:
    return Lecturer(
        family_name="Nguyễn",
        middle_name="Văn",
        given_name=given,
        archived=archived,
        deleted_at=GONE if deleted else None,
    )


AN, BINH, CUONG, DUNG = person("An"), person("Bình"), person("Cường"), person("Dũng")


def sheet(
    day: dt.date,
    lecturer: Lecturer = AN,
    *,
    observer: Lecturer = BINH,
    reviewed: bool = False,
    deleted: bool = False,
    lesson: str = "Bài 1",
) -> Observation:
    sheet = Observation(
        date=day,
        lecturer_id=lecturer.id,
        observer_ids=[observer.id],
        lesson=lesson,
        rubric_id="mac-dinh",
        rubric_version=1,
        deleted_at=GONE if deleted else None,
        conclusion="Đạt yêu cầu" if reviewed else "",
    )
    if not reviewed:
        return sheet
    signed = sheet.model_copy(
        update={"concluded_by": observer.id, "concluded_at": datetime(2026, 3, 2, tzinfo=UTC)}
    )
    return signed.model_copy(update={"signed_fingerprint": fingerprint(signed, UNSIGNED)})


# --- this month --------------------------------------------------------------------------


def test_this_month_counts_only_todays_month_newest_first() -> None:
    first = sheet(dt.date(2026, 3, 1), lesson="đầu tháng")
    later = sheet(dt.date(2026, 3, 14), lesson="giữa tháng")
    after_today = sheet(dt.date(2026, 3, 31), lesson="cuối tháng")  # still this month
    last_month = sheet(dt.date(2026, 2, 28))
    last_year = sheet(dt.date(2025, 3, 15))
    deleted = sheet(dt.date(2026, 3, 10), deleted=True)
    found = month_observations([first, later, after_today, last_month, last_year, deleted], TODAY)
    assert [o.lesson for o in found] == ["cuối tháng", "giữa tháng", "đầu tháng"]


def test_this_month_empty() -> None:
    assert month_observations([], TODAY) == []


# --- waiting for review --------------------------------------------------------------------


def test_waiting_oldest_first_with_days() -> None:
    old = sheet(dt.date(2026, 1, 10), lesson="cũ")  # 21 (Jan) + 28 (Feb) + 15 = 64 days
    new = sheet(dt.date(2026, 3, 15), lesson="hôm nay")  # 0 days
    mid = sheet(dt.date(2026, 3, 5), lesson="giữa")  # 10 days
    done = sheet(dt.date(2025, 12, 1), reviewed=True)
    gone = sheet(dt.date(2025, 11, 1), deleted=True)
    found = waiting_for_review([new, done, mid, gone, old], TODAY)
    assert [(w.observation.lesson, w.days) for w in found] == [
        ("cũ", 64),
        ("giữa", 10),
        ("hôm nay", 0),
    ]


def test_waiting_never_negative_for_a_sheet_dated_ahead() -> None:
    ahead = sheet(dt.date(2026, 3, 20))
    assert [w.days for w in waiting_for_review([ahead], TODAY)] == [0]


# --- not observed for N days ---------------------------------------------------------------


def test_not_observed_edges() -> None:
    n = 30
    exactly_n = TODAY - dt.timedelta(days=n)  # 13/02/2026: within the period
    one_more = TODAY - dt.timedelta(days=n + 1)  # 12/02/2026: overdue by a day
    archived = person("Em", archived=True)  # never observed, but archived
    deleted = person("Giang", deleted=True)  # never observed, but deleted
    hanh = person("Hạnh")
    observations = [
        sheet(exactly_n, AN),
        sheet(one_more, BINH, observer=AN),
        sheet(dt.date(2025, 12, 1), CUONG),  # 104 days ago...
        sheet(dt.date(2026, 3, 10), CUONG, deleted=True),  # ...the recent one was deleted
        sheet(dt.date(2026, 3, 20), hanh),  # dated after today: does not count
        sheet(dt.date(2026, 3, 1), archived),
    ]
    found = not_observed([AN, BINH, CUONG, DUNG, archived, deleted, hanh], observations, TODAY, n)
    assert [(f.lecturer.given_name, f.days) for f in found] == [
        ("Dũng", None),  # never observed: first, by name
        ("Hạnh", None),
        ("Cường", 104),  # 30 (to 31/12) + 31 (Jan) + 28 (Feb) + 15 (Mar) = 104
        ("Bình", 31),
    ]
    assert found[2].last == dt.date(2025, 12, 1)
    assert found[0].last is None


def test_not_observed_takes_the_newest_received_sheet() -> None:
    # An observed as the lecturer long ago, but recently observed again: not listed.
    observations = [sheet(dt.date(2025, 1, 1), AN), sheet(dt.date(2026, 3, 14), AN)]
    # Bình only observed others: being an observer does not count.
    found = not_observed([AN, BINH], observations, TODAY, 30)
    assert [(f.lecturer.given_name, f.days) for f in found] == [("Bình", None)]


# --- next meeting and latest briefing ------------------------------------------------------


def meeting(day: dt.date, start: dt.time | None = None, *, deleted: bool = False) -> Meeting:
    return Meeting(date=day, start_time=start, place=str(day), deleted_at=GONE if deleted else None)


def test_next_meeting_is_today_or_later() -> None:
    past = meeting(dt.date(2026, 3, 14))
    today_afternoon = meeting(TODAY, dt.time(14, 0))
    today_morning = meeting(TODAY, dt.time(8, 0))
    later = meeting(dt.date(2026, 4, 5))
    deleted_sooner = meeting(dt.date(2026, 3, 15), dt.time(7, 0), deleted=True)
    found = next_meeting([later, past, today_afternoon, today_morning, deleted_sooner], TODAY)
    assert found is today_morning
    assert next_meeting([later, past], TODAY) is later
    assert next_meeting([past], TODAY) is None
    assert next_meeting([], TODAY) is None


def briefing(day: dt.date, *, deleted: bool = False) -> Briefing:
    return Briefing(
        date=day,
        level=Level.DISTRICT,
        talks=[Talk(title=f"Báo cáo {day}")],
        deleted_at=GONE if deleted else None,
    )


def test_latest_briefing_is_on_or_before_today() -> None:
    older = briefing(dt.date(2026, 2, 10))
    on_today = briefing(TODAY)
    ahead = briefing(dt.date(2026, 3, 16))
    deleted_newer = briefing(dt.date(2026, 3, 14), deleted=True)
    assert latest_briefing([older, ahead, on_today, deleted_newer], TODAY) is on_today
    assert latest_briefing([older, deleted_newer, ahead], TODAY) is older
    assert latest_briefing([ahead], TODAY) is None
