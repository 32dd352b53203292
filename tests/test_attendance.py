"""Briefing-session attendance, counted by hand on a small register."""

from __future__ import annotations

import datetime as dt
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.attendance import (
    counts,
    lecturer_attendance,
    monthly_rates,
    overall_rate,
    per_lecturer,
    sessions_in,
)
from giangvien.cli import main
from giangvien.models import Attendance, Briefing, Lecturer, Presence
from store.datafile import open_datafile
from store.repository import Repository

AN, BINH, CUC = (f"{c * 8}-0000-4000-8000-{'0' * 12}" for c in "abc")
P, L, A = Presence.PRESENT, Presence.LATE, Presence.ABSENT


def session(day: str, rows: dict[str, Presence], *, guests: int = 0, deleted: bool = False):
    register = [
        Attendance(lecturer_id=who, status=status, reason="Ốm" if status is A else "")
        for who, status in rows.items()
    ]
    register += [Attendance(name=f"Khách {i}", status=A, reason="bận") for i in range(guests)]
    return Briefing(
        date=dt.date.fromisoformat(day),
        attendance=register,
        deleted_at=datetime(2026, 5, 1, tzinfo=UTC) if deleted else None,
    )


# January: two sessions; February: one; March: one deleted; April: one.
SESSIONS = [
    session("2026-01-01", {AN: P, BINH: L, CUC: A}, guests=2),
    session("2026-01-31", {AN: A, BINH: P, CUC: P}),
    session("2026-02-15", {AN: P, BINH: P}),  # Cúc had not joined or had left
    session("2026-03-10", {AN: A, BINH: A, CUC: A}, deleted=True),
    session("2026-04-01", {AN: L, BINH: P, CUC: P}, guests=1),
]


def test_one_session_counts_lecturers_and_guests_apart() -> None:
    found = counts(SESSIONS[0])
    assert (found.present, found.late, found.absent, found.guests) == (1, 1, 1, 2)
    assert (found.attended, found.expected) == (2, 3)
    assert found.rate == pytest.approx(2 / 3)
    assert counts(Briefing(date=dt.date(2026, 1, 1))).rate is None


def test_per_lecturer_over_everything() -> None:
    found = per_lecturer(SESSIONS)
    an, binh, cuc = found[AN], found[BINH], found[CUC]
    # An: P, A, P, (deleted), L -> held 4, attended 3 of which 1 late, 1 absence.
    assert (an.held, an.present, an.late, an.absent, an.attended) == (4, 2, 1, 1, 3)
    assert an.rate == pytest.approx(0.75)
    assert [(a.date, a.reason) for a in an.absences] == [(dt.date(2026, 1, 31), "Ốm")]
    # Bình: L, P, P, P -> all attended, one late.
    assert (binh.held, binh.attended, binh.late, binh.absent) == (4, 4, 1, 0)
    # Cúc was expected at three sessions only.
    assert (cuc.held, cuc.attended, cuc.absent) == (3, 2, 1)
    assert set(found) == {AN, BINH, CUC}  # guests are no one's row


def test_period_edges_are_included() -> None:
    # The first and the last day of January both count.
    january = per_lecturer(SESSIONS, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert (january[AN].held, january[AN].absent) == (2, 1)
    # One day in from each edge: neither counts.
    inner = per_lecturer(SESSIONS, dt.date(2026, 1, 2), dt.date(2026, 1, 30))
    assert inner == {}
    # Open-ended periods.
    assert per_lecturer(SESSIONS, start=dt.date(2026, 2, 1))[AN].held == 2
    assert per_lecturer(SESSIONS, end=dt.date(2026, 1, 1))[AN].held == 1


def test_one_lecturer_and_someone_never_expected() -> None:
    cuc = lecturer_attendance(SESSIONS, CUC, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert (cuc.held, cuc.attended, cuc.rate) == (0, 0, None)


def test_the_centers_rate_per_month() -> None:
    months = [
        (m.year, m.month, m.sessions, m.attended, m.expected) for m in monthly_rates(SESSIONS)
    ]
    # January: 2 of 3, then 2 of 3; February 2 of 2; March deleted; April 3 of 3.
    assert months == [(2026, 1, 2, 4, 6), (2026, 2, 1, 2, 2), (2026, 4, 1, 3, 3)]
    assert monthly_rates(SESSIONS)[0].rate == pytest.approx(4 / 6)
    assert overall_rate(SESSIONS) == pytest.approx(9 / 11)
    assert overall_rate(SESSIONS, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) is None


def test_deleted_sessions_never_count() -> None:
    assert [s.date.month for s in sessions_in(SESSIONS)] == [1, 1, 2, 4]
    only_deleted = [SESSIONS[3]]
    assert per_lecturer(only_deleted) == {}
    assert monthly_rates(only_deleted) == []


def test_a_lecturer_listed_twice_counts_once() -> None:
    twice = Briefing(
        date=dt.date(2026, 6, 1),
        attendance=[
            Attendance(lecturer_id=AN, status=P),
            Attendance(lecturer_id=AN, status=A, reason="nhầm"),
        ],
    )
    found = per_lecturer([twice])[AN]
    assert (found.held, found.present, found.absent) == (1, 1, 0)


def test_ls_sessions_counts_the_centers_lecturers_and_the_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.json"
    repo = Repository(open_datafile(path, app_version=__version__))
    people = [Lecturer(family_name="Lê", given_name=n) for n in ("An", "Bình", "Cúc")]
    repo.save_many(people)
    ids = {lec.given_name: lec.id for lec in people}
    repo.save(session("2026-01-01", {ids["An"]: P, ids["Bình"]: L, ids["Cúc"]: A}, guests=2))
    repo.save(session("2026-02-01", {ids["An"]: A, ids["Bình"]: A}, deleted=True))
    repo.close()
    assert main(["ls", "sessions", "--db", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Ngày", "Cấp", "Hình", "thức", "Báo", "cáo", "Có", "mặt",
                                "Đến", "muộn", "Vắng", "Tỷ", "lệ"]  # fmt: skip
    # One live session: 1 present, 1 late, 1 absent (guests left out), 2 of 3 came.
    assert lines[2].split()[-4:] == ["1", "1", "1", "66,7%"]
    assert len(lines) == 3
    assert main(["ls", "sessions", "--json", "--db", str(path)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert len(record["attendance"]) == 5 and record["attendance"][2]["reason"] == "Ốm"
