"""The tables of the Center's report: this year against last, and the per-lecturer annex.

The annex follows the signature on a page of its own (a second "# " heading
starts a new page in both printed formats), as a report's "Phụ lục" does.
Its figures are split over narrow tables rather than one wide one, so that
every lecturer's name stays on one line on A4 portrait; abbreviated heads
have a legend under their table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from giangvien.development import band_abbrev
from giangvien.development.center import Center, CenterRow
from giangvien.development.format import percent
from giangvien.development.review import Follow, LevelFigure, Review
from giangvien.documents.blocks import (
    SHARE_NOTE,
    change,
    period_label,
    share_change,
    table,
    versions,
)
from giangvien.documents.classes import load_cell, lower_first
from giangvien.documents.escape import md_cell
from giangvien.documents.follow import QUARTERS, carried_cell, on_time_cell, tally_cell, visits_cell
from giangvien.models import Level
from giangvien.plan import State
from giangvien.vntext import format_decimal, format_number

LEVELS: Final = {
    Level.CENTRAL: "Trung ương",
    Level.PROVINCIAL: "Tỉnh",
    Level.DISTRICT: "Huyện (đến ngày 30/6/2025)",
    Level.COMMUNE: "Xã, phường",
}
IN_PROSE: Final = {
    Level.CENTRAL: "cấp Trung ương",
    Level.PROVINCIAL: "cấp tỉnh",
    Level.DISTRICT: "cấp huyện",
    Level.COMMUNE: "cấp xã",
}
PLAN_STATES: Final = {
    State.DONE: "Xong",
    State.OWED: "Còn nợ",
    State.OVERDUE: "Quá hạn",
    State.UNPLANNED: "—",
}
ATTENDANCE_NOTE: Final = (
    "SHCM: sinh hoạt chuyên môn; BCV: sinh hoạt báo cáo viên; tỉ lệ dự = số buổi có mặt (kể cả "
    "đến muộn) trên số buổi được triệu tập. Giờ giảng: số giờ đã giảng / định mức giờ giảng dạy "
    "trong kỳ."
)
PLAN_NOTE: Final = (
    "Được dự giờ, đi dự giờ, giảng thử: số đã làm / số trong kế hoạch năm; dự giờ lại: số lần "
    "đã dự lại / số phiếu xếp loại thấp cần dự lại; kế hoạch: Xong (đã hoàn thành), Còn nợ "
    "(chưa đến hạn), Quá hạn. Góp ý: số ý đã thực hiện / số ý nhận trong kỳ. Đúng hạn: số việc "
    "xong đúng hạn / số việc đã xong hoặc đã quá hạn; trễ hạn: xong sau thời hạn; quá hạn: đến "
    "hết kỳ chưa xong."
)


# -- this period against the one before -----------------------------------------------------


def _empty(c: Center) -> bool:
    t = c.totals
    return not (
        t.observations
        or t.trials
        or t.meetings
        or t.briefings
        or c.classes.classes
        or c.classes.conferences
        or t.hours
    )


def _count_row(label: str, before: float, now: float) -> list[str]:
    def shown(value: float) -> str:
        return format_number(int(value)) if float(value).is_integer() else format_decimal(value)

    return [label, shown(before), shown(now), change(now, before)]


def _share_row(label: str, before: float | None, now: float | None) -> list[str]:
    return [label, percent(before), percent(now), share_change(now, before)]


def _levels(now: Sequence[LevelFigure], before: Sequence[LevelFigure]) -> list[list[str]]:
    sessions = {f.level: f.sessions for f in before}
    held = {f.level: f.sessions for f in now}
    return [
        _count_row(f"Trong đó {IN_PROSE[level]}", sessions.get(level, 0), held.get(level, 0))
        for level in Level
        if level in sessions or level in held
    ]


def comparison(r: Review, before: str) -> list[str]:
    """The period against the one before it: a table, or why there is none."""
    if r.previous is None or _empty(r.previous):
        return [f"Chưa có số liệu {before} trong chương trình để so sánh."]
    p, c = r.previous, r.center
    t, tp = c.totals, p.totals
    bands = dict(t.bands)
    earlier = dict(tp.bands)
    names = [*c.band_names, *(name for name in earlier if name not in c.band_names)]
    rows = [
        _count_row("Lớp đào tạo, bồi dưỡng đã mở (lớp)", p.classes.classes, c.classes.classes),
        _count_row("Học viên các lớp (người)", p.classes.learners, c.classes.learners),
        _count_row(
            "Hội nghị đã tổ chức, phối hợp tổ chức (hội nghị)",
            sum(x.conferences for x in p.classes.conferences),
            sum(x.conferences for x in c.classes.conferences),
        ),
        _count_row("Giờ giảng của giảng viên (giờ)", tp.hours, t.hours),
        _count_row("Lượt dự giờ", tp.observations, t.observations),
        _count_row("Trong đó có chấm điểm", tp.scored, t.scored),
        _share_row("Điểm bình quân (% điểm tối đa)", tp.average, t.average),
        *(
            _count_row(f"Lượt xếp loại {md_cell(name)}", earlier.get(name, 0), bands.get(name, 0))
            for name in names
        ),
        _count_row("Buổi giảng thử", tp.trials, t.trials),
        _count_row("Trong đó đạt", tp.passed, t.passed),
        _count_row("Buổi sinh hoạt chuyên môn", tp.meetings, t.meetings),
        _share_row("Tỉ lệ tham dự sinh hoạt chuyên môn", tp.meeting_rate, t.meeting_rate),
        _count_row(
            "Nội dung bổ sung bài giảng được thống nhất", tp.updates_agreed, t.updates_agreed
        ),
        _count_row("Nhiệm vụ giao tại sinh hoạt chuyên môn", tp.tasks_agreed, t.tasks_agreed),
        _count_row("Buổi sinh hoạt báo cáo viên", tp.briefings, t.briefings),
        *_levels(r.levels, r.previous_levels),
        _share_row("Tỉ lệ tham dự sinh hoạt báo cáo viên", tp.briefing_rate, t.briefing_rate),
    ]
    now = period_label(c.period)
    headers = [
        "Chỉ tiêu",
        before[:1].upper() + before[1:],
        now[:1].upper() + now[1:],
        "Tăng (+), giảm (−)",
    ]
    if c.period.calendar_year is None:
        headers[1:3] = ["Kỳ trước", "Kỳ này"]
    return [
        table(headers, rows, right=3),
        "*Tỉ lệ và điểm bình quân: tăng, giảm tính bằng điểm phần trăm (điểm %).*",
    ]


# -- the annex ---------------------------------------------------------------------------------


def _first(r: CenterRow, n: int) -> list[str]:
    return [str(n), md_cell(r.lecturer.full_name)]


def _observed(c: Center) -> list[str]:
    bands = [band_abbrev(name) for name in c.band_names]
    headers = [
        "TT",
        "Họ và tên",
        "Được dự giờ",
        "Đi dự giờ",
        "Điểm BQ",
        *bands,
        "Giờ giảng",
        "Dự SHCM",
        "Dự BCV",
    ]
    rows = [
        [
            *_first(r, n),
            str(r.received),
            str(r.given),
            percent(r.average),
            *(str(r.bands.get(name, 0)) for name in c.band_names),
            load_cell(r.load),
            percent(r.meetings.rate),
            percent(r.briefings.rate),
        ]
        for n, r in enumerate(c.rows, start=1)
    ]
    legend = "; ".join(f"{a}: {md_cell(name)}" for a, name in zip(bands, c.band_names, strict=True))
    return [
        "### Bảng 1. Dự giờ, giờ giảng và tham dự sinh hoạt",
        table(headers, rows, right=len(headers) - 2),
        f"*Điểm BQ: điểm bình quân các phiếu được dự giờ (% điểm tối đa). Xếp loại — {legend}. "
        f"{ATTENDANCE_NOTE} {SHARE_NOTE}*",
    ]


def _plan_cells(f: Follow, r: Review) -> list[str]:
    row, plan = f.plan, r.plan
    if row is None or plan is None:
        return ["—"] * 5
    # The state column says what is overdue: the cells stay short. Without an entry only
    # the follow-up visits were owed (the plan puts them on after a weak sheet).
    tallies = (row.observed, row.observing, row.trials)
    cells = [tally_cell(t, late=False) if row.entry else "—" for t in tallies]
    return [*cells, visits_cell(row, plan.at, late=False), PLAN_STATES[row.state(plan.at)]]


def _follow(r: Review) -> list[str]:
    year = r.period.calendar_year is not None
    plan = ["Được dự giờ", "Đi dự giờ", "Giảng thử", "Dự giờ lại", "Kế hoạch"] if year else []
    headers = ["TT", "Họ và tên", *plan, "Góp ý", "Đúng hạn", "Trễ hạn", "Quá hạn"]
    rows = [
        [
            *_first(row, n),
            *(_plan_cells(f, r) if year else []),
            carried_cell(f.carried),
            on_time_cell(f.on_time),
            str(f.on_time.late),
            str(f.on_time.overdue),
        ]
        for n, (row, f) in enumerate(zip(r.center.rows, r.follows, strict=True), start=1)
    ]
    return [
        "### Bảng 2. Kế hoạch dự giờ, thực hiện góp ý và việc đúng hạn"
        if year
        else "### Bảng 2. Thực hiện góp ý và việc đúng hạn",
        table(headers, rows, right=len(headers) - 2),
        f"*{PLAN_NOTE}*",
    ]


def _quarters(r: Review) -> list[str]:
    rows = [
        [*_first(row, n), *(on_time_cell(q) for q in f.quarters or ()), on_time_cell(f.on_time)]
        for n, (row, f) in enumerate(zip(r.center.rows, r.follows, strict=True), start=1)
    ]
    return [
        "### Bảng 3. Việc hoàn thành đúng hạn theo quý",
        table(["TT", "Họ và tên", *QUARTERS, "Cả năm"], rows, right=5),
        "*Mỗi ô: số việc xong đúng hạn / số việc có thời hạn trong quý đã xong hoặc đã quá hạn.*",
    ]


def annex(r: Review, organisation: str, subject: str) -> list[str]:
    """The per-lecturer figures, after the signature, on a page of their own."""
    blocks = [
        "# PHỤ LỤC",
        f"**Số liệu của từng giảng viên {period_label(r.period)}**",
        f"*(Kèm theo Báo cáo {lower_first(subject)} của {organisation})*",
    ]
    if not r.center.rows:
        return [*blocks, "Không có giảng viên nào trong kỳ."]
    blocks += [*_observed(r.center), *_follow(r)]
    if r.period.calendar_year is not None:
        blocks += _quarters(r)
    return [*blocks, *(f"*{v}*" for v in versions(r.center.versions))]


__all__ = ["IN_PROSE", "LEVELS", "annex", "comparison"]
