"""A lecturer's development profile as a Markdown document; the names of both reports.

The same header, escaping and HTML page as the minutes (``header``, ``escape``,
``html.to_html``); every figure comes from ``giangvien.development``. Like the
minutes, the text is Vietnamese whatever language the screens speak, and
everything a user typed goes through ``md``/``md_cell``. The Center's report
is ``year_report.center_report``, also importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Final

from giangvien.attendance import Absence, LecturerAttendance
from giangvien.development import Center, ItemFigure, Period, Profile, Trend
from giangvien.development.format import percent, points_change, spark
from giangvien.development.review import Follow
from giangvien.documents.blocks import (
    KIND_CODE,
    NONE,
    SHARE_NOTE,
    bullets,
    period_label,
    table,
    versions,
)
from giangvien.documents.blocks import names as names_of
from giangvien.documents.classes import load_blocks
from giangvien.documents.escape import md, md_cell
from giangvien.documents.follow import profile_blocks
from giangvien.documents.header import document_header, document_title
from giangvien.documents.people import position_of
from giangvien.documents.year_report import center_report, subject
from giangvien.meetings import Kind, State
from giangvien.models import Lecturer, Settings, Verdict
from giangvien.vntext import fold, format_date, format_decimal

TRENDS: Final = {
    Trend.BETTER: "tiến bộ",
    Trend.STEADY: "ổn định",
    Trend.WORSE: "giảm",
    Trend.UNKNOWN: "chưa đủ số liệu để nhận định",
}
VERDICTS: Final = {Verdict.PASSED: "Đạt", Verdict.NOT_PASSED: "Chưa đạt", None: "Chưa kết luận"}
TREND_NOTE: Final = (
    "Cách nhận định xu hướng: lấy điểm bình quân (theo % điểm tối đa) của từng 6 tháng "
    "(tháng 1–6, tháng 7–12); độ dốc của đường thẳng khớp nhất qua các điểm bình quân đó "
    "từ +2 điểm phần trăm mỗi 6 tháng trở lên là tiến bộ, từ −2 trở xuống là giảm, ở giữa "
    "là ổn định; cần ít nhất hai 6 tháng có phiếu chấm điểm."
)


def rate(tally: LecturerAttendance) -> str:
    """ "9/11 (81,8%)" or "—" when no session was held for them."""
    if not tally.held:
        return "—"
    return f"{tally.attended}/{tally.held} ({percent(tally.rate)})"


def _slug(text: str) -> str:
    return "-".join(
        "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in fold(text)).split()
    )


def _period_slug(period: Period) -> str:
    if period.calendar_year is not None:
        return str(period.calendar_year)
    return f"{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}"


def profile_filename(profile: Profile, extension: str) -> str:
    """ "ho-so-phat-trien-nguyen-van-an-2026.md": plain ASCII."""
    name = _slug(profile.lecturer.full_name) or "giang-vien"
    return f"ho-so-phat-trien-{name}-{_period_slug(profile.period)}.{extension}"


def center_filename(period: Period, extension: str) -> str:
    return f"tong-hop-chuyen-mon-{_period_slug(period)}.{extension}"


def profile_title(profile: Profile) -> str:
    who = profile.lecturer.full_name
    return f"Hồ sơ phát triển chuyên môn — {who} — {period_label(profile.period)}"


def center_title(center: Center) -> str:
    """ "Báo cáo tổng kết công tác bồi dưỡng chuyên môn của giảng viên năm 2025, …"."""
    return f"Báo cáo {subject(center.period)[:1].lower()}{subject(center.period)[1:]}"


# -- a lecturer's profile ---------------------------------------------------------------


def _observations(p: Profile, names: Mapping[str, Lecturer]) -> list[str]:
    scored = [s for s in p.received if s.share is not None]
    quota = f"; định mức trong kỳ: {p.quota} lượt" if p.quota is not None else ""
    bands = ", ".join(f"{md_cell(name)} {n}" for name, n in p.bands) or "chưa có phiếu chấm điểm"
    lines = [
        f"Được dự giờ: {len(p.received)} lượt ({len(scored)} có chấm điểm, "
        f"{len(p.received) - len(scored)} chỉ nhận xét).",
        f"Đi dự giờ đồng nghiệp: {len(p.given)} lượt{quota}.",
        f"Xếp loại: {bands}.",
        f"Điểm bình quân: {percent(p.average)} điểm tối đa.",
    ]
    if p.shares:
        low, high = percent(min(p.shares)), percent(max(p.shares))
        lines.append(f"Diễn biến điểm theo thời gian: {spark(p.shares)} (từ {low} đến {high}).")
    slope = f" ({points_change(p.slope)} điểm phần trăm mỗi 6 tháng)" if p.slope is not None else ""
    lines.append(f"Xu hướng: {TRENDS[p.trend]}{slope}.")
    blocks = ["## 1. Dự giờ", bullets(lines)]
    if p.received:
        rows = [
            [
                format_date(s.observation.date),
                md_cell(s.observation.lesson),
                md_cell(names_of(s.observation.observer_ids, names)),
                md_cell(s.band or "chỉ nhận xét"),
                "—" if s.total is None else format_decimal(s.total),
                percent(s.share),
            ]
            for s in p.received
        ]
        headers = ["Ngày", "Bài giảng", "Người dự giờ", "Xếp loại", "Điểm", "% tối đa"]
        blocks.append(table(headers, rows, right=2))
    blocks += [f"*{SHARE_NOTE} {TREND_NOTE}*", *(f"*{v}*" for v in versions(p.versions))]
    return blocks


def _item_line(item: ItemFigure) -> str:
    return f"{md_cell(item.code)} {percent(item.average)} ({points_change(item.change)})"


def _items(p: Profile) -> list[str]:
    blocks = ["## 2. Theo từng tiêu chí"]
    if not p.items:
        return [*blocks, "Chưa có phiếu chấm điểm trong kỳ."]
    before = period_label(p.period.previous())
    rows = [
        [
            md_cell(i.code),
            md_cell(i.text),
            percent(i.average),
            percent(i.previous),
            points_change(i.change),
        ]
        for i in p.items
    ]
    headers = ["Tiêu chí", "Nội dung", "% tối đa", f"Kỳ trước ({before})", "Thay đổi (điểm %)"]
    blocks.append(table(headers, rows, right=3))
    blocks.append(
        bullets(
            [
                "Mạnh nhất: " + "; ".join(_item_line(i) for i in p.strongest) + ".",
                "Yếu nhất: " + "; ".join(_item_line(i) for i in p.weakest) + ".",
            ]
        )
    )
    return blocks


def _points(p: Profile, names: Mapping[str, Lecturer]) -> list[str]:
    kinds = {"limitation": "Hạn chế", "suggestion": "Đề xuất"}
    lines = [
        f"{format_date(pt.date)} — {kinds[pt.kind]} ({md(names_of(pt.observer_ids, names))}): "
        f"{md(pt.text)}"
        for pt in p.points
    ]
    return ["## 3. Hạn chế và đề xuất qua dự giờ", bullets(lines) if lines else NONE]


def _trials(p: Profile) -> list[str]:
    blocks = ["## 4. Giảng thử"]
    if p.trials:
        rows = [[format_date(t.date), md_cell(t.lesson), VERDICTS[t.verdict]] for t in p.trials]
        blocks.append(table(["Ngày", "Bài giảng", "Kết quả"], rows))
    else:
        blocks.append("Không có buổi giảng thử trong kỳ.")
    cleared = [f"{md(c.lesson)} (đạt ngày {format_date(c.cleared_on)})" for c in p.cleared]
    blocks += ["Các bài đã được duyệt giảng:", bullets(cleared) if cleared else NONE]
    owed = [
        md(a.lesson)
        + (f" — hẹn {format_date(a.date)}" if a.date else " — chưa hẹn ngày")
        + (" (quá hạn)" if a.overdue else "")
        for a in p.awaiting
    ]
    blocks += ["Các bài chờ giảng thử lại:", bullets(owed) if owed else NONE]
    return blocks


def _attendance(name: str, tally: LecturerAttendance, late: Sequence[Absence]) -> str:
    held = f"{tally.attended}/{tally.held} buổi ({percent(tally.rate)})" if tally.held else "—"
    head = f"{name}: dự {held}; đến muộn {tally.late}; vắng {tally.absent}"
    events = sorted([(a, "đến muộn") for a in late] + [(a, "vắng") for a in tally.absences],
                    key=lambda e: e[0].date)  # fmt: skip
    lines = [
        f"  - {format_date(a.date)}: {what}" + (f", lý do: {md(a.reason)}" if a.reason else "")
        for a, what in events
    ]
    return "\n".join([head + (":" if lines else "."), *lines])


def _open(p: Profile, today: dt.date) -> list[str]:
    blocks = ["## 6. Nhiệm vụ và nội dung bổ sung bài giảng chưa hoàn thành"]
    if not p.open_items:
        return [*blocks, NONE]
    rows = []
    for i in p.open_items:
        what = (
            f"{md_cell(i.lesson)}: {md_cell(i.what)}" if i.kind is Kind.UPDATE else md_cell(i.what)
        )
        kind = "Bổ sung bài giảng" if i.kind is Kind.UPDATE else "Nhiệm vụ"
        at = min(p.period.end, today)  # as the figures count (development.as_of)
        state = "Quá hạn" if i.state(at) is State.OVERDUE else "Đang làm"
        rows.append([kind, what, format_date(i.due) if i.due else "", state])
    return [*blocks, table(["Loại", "Nội dung", "Thời hạn", "Tình trạng"], rows)]


def profile_report(
    p: Profile,
    settings: Settings,
    names: Mapping[str, Lecturer],
    today: dt.date,
    *,
    follow: Follow,
) -> str:
    """The profile as Markdown; ``names`` maps lecturer ids to lecturers (observers);
    ``follow`` is the lecturer's plan, suggestions and deadlines (``review.lecturer_follow``)."""
    at = min(p.period.end, today)  # as the figures count (development.as_of)
    who = f"Đồng chí {p.lecturer.full_name}, {position_of(p.lecturer)}"
    blocks = [
        document_header(settings, KIND_CODE, today),
        document_title("HỒ SƠ PHÁT TRIỂN CHUYÊN MÔN", f"{md(who)} — {period_label(p.period)}"),
        *_observations(p, names),
        *load_blocks(p),
        *_items(p),
        *_points(p, names),
        *_trials(p),
        "## 5. Sinh hoạt chuyên môn và sinh hoạt báo cáo viên",
        bullets(
            [
                _attendance("Sinh hoạt chuyên môn hằng tháng", p.meetings, p.meetings_late),
                _attendance("Sinh hoạt báo cáo viên", p.briefings, p.briefings_late),
            ]
        ),
        *_open(p, today),
        *profile_blocks(follow, p.period, at, settings.suggestion_days, 7),
    ]
    return "\n\n".join(blocks) + "\n"


__all__ = [
    "center_filename",
    "center_report",
    "center_title",
    "percent",
    "period_label",
    "points_change",
    "profile_filename",
    "profile_report",
    "profile_title",
    "rate",
    "spark",
]
