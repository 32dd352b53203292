"""The second half of the Center's report: II. shortcomings and causes, III. the direction
for the next period, IV. proposals.

The shortcomings are what the records show recurring (criteria weak on the most sheets,
limitations written about several lecturers, work overdue); the causes are the
director's to write. The direction is pre-filled with tasks the records call for (the
weak criteria, what is left undone, re-trials and follow-up visits owed, lecturers
short of their teaching norm, next year's plan), under a marked place saying that the
director keeps, changes or strikes them out.
"""

from __future__ import annotations

from typing import Final

from giangvien.development.format import percent
from giangvien.development.review import Review
from giangvien.documents.blocks import before_label, bullets, fill_in, next_label, the_period
from giangvien.documents.escape import md
from giangvien.meetings import Kind
from giangvien.meetings import State as ItemState
from giangvien.plan import State
from giangvien.vntext import format_count, format_date

SHOWN_RECURRING: Final = 6  # a report names the few that matter; the rest are counted


def _weak_lines(r: Review) -> list[str]:
    before = before_label(r.period)
    lines = []
    for w in r.weak:
        earlier = f"; {before}: {percent(w.previous)}" if w.previous is not None else ""
        lines.append(
            f"{md(w.code)} “{md(w.text)}”: yếu trên {w.weak}/{w.scored} phiếu; "
            f"bình quân {percent(w.average)} điểm tối đa{earlier}."
        )
    return lines


def _limits(r: Review) -> list[str]:
    blocks = []
    if r.weak:
        blocks += [
            f"Qua {format_count(r.center.totals.scored)} phiếu dự giờ có chấm điểm, các tiêu "
            "chí còn yếu (đạt dưới 60% điểm tối đa của tiêu chí) trên nhiều phiếu nhất:",
            bullets(_weak_lines(r)),
        ]
    if r.recurring:
        shown = r.recurring[:SHOWN_RECURRING]
        more = len(r.recurring) - len(shown)
        lines = [
            f"“{md(x.text.rstrip('.;, '))}” ({format_count(x.sheets)} phiếu, "
            f"{format_count(x.lecturers)} đồng chí)."
            for x in shown
        ]
        if more:
            lines.append(f"Và {format_count(more)} hạn chế khác được ghi lặp lại.")
        blocks += [
            "Những hạn chế được ghi lặp lại trên phiếu dự giờ của nhiều giảng viên:",
            bullets(lines),
        ]
    facts = []
    overdue = [i for i in r.open_items if i.state(r.at) is ItemState.OVERDUE]
    if overdue:
        updates = sum(i.kind is Kind.UPDATE for i in overdue)
        facts.append(
            f"Đến ngày {format_date(r.at)} còn {format_count(len(overdue))} việc quá hạn chưa "
            f"hoàn thành ({format_count(updates)} nội dung bổ sung bài giảng, "
            f"{format_count(len(overdue) - updates)} nhiệm vụ)."
        )
    late = r.on_time.late + r.on_time.overdue
    if late:
        facts.append(
            f"Có {format_count(late)} việc có thời hạn trong {the_period(r.period)} (nhiệm vụ, "
            "nội dung bổ sung bài giảng, góp ý qua dự giờ) không hoàn thành đúng hạn "
            f"(trễ hạn {format_count(r.on_time.late)}, quá hạn chưa xong "
            f"{format_count(r.on_time.overdue)})."
        )
    if r.plan is not None and r.plan.count(State.OVERDUE):
        facts.append(
            f"Có {format_count(r.plan.count(State.OVERDUE))} đồng chí có việc trong kế hoạch dự "
            "giờ quá hạn chưa thực hiện."
        )
    if facts:
        blocks += ["Việc thực hiện nhiệm vụ, kế hoạch:", bullets(facts)]
    other = "những hạn chế khác, nhận xét chung" if blocks else "những hạn chế, nhận xét chung"
    return [*blocks, fill_in(other)]


def shortcomings(r: Review) -> list[str]:
    return [
        "### II. HẠN CHẾ, NGUYÊN NHÂN",
        "### 1. Hạn chế",
        *_limits(r),
        "### 2. Nguyên nhân",
        fill_in("nguyên nhân khách quan, nguyên nhân chủ quan của những hạn chế trên"),
    ]


def _tasks(r: Review) -> list[str]:
    """The direction the records suggest, as a plan's tasks are written."""
    when, lines = the_period(r.period), []
    if r.weak:
        named = "; ".join(f"{md(w.code)} “{md(w.text)}”" for w in r.weak)
        lines.append(
            f"Tập trung bồi dưỡng, rút kinh nghiệm qua dự giờ các tiêu chí còn yếu: {named}."
        )
    if r.recurring:
        lines.append(
            "Đưa những hạn chế được ghi lặp lại (mục II) vào nội dung sinh hoạt chuyên môn để "
            "cùng rút kinh nghiệm."
        )
    if r.open_items:
        updates = sum(i.kind is Kind.UPDATE for i in r.open_items)
        late = sum(i.state(r.at) is ItemState.OVERDUE for i in r.open_items)
        lines.append(
            f"Hoàn thành {format_count(updates)} nội dung bổ sung bài giảng và "
            f"{format_count(len(r.open_items) - updates)} nhiệm vụ còn lại của {when}"
            + (f" (trong đó {format_count(late)} việc đã quá hạn)." if late else ".")
        )
    for a in r.awaiting:
        who = r.people.get(a.lecturer_id)
        date = f" (hẹn ngày {format_date(a.date)})" if a.date else ""
        lines.append(
            f"Tổ chức giảng thử lại bài “{md(a.lesson)}” cho đồng chí "
            f"{md(who.full_name) if who else '?'}{date}."
        )
    if r.plan is not None:
        # The plan's rows are in the order of names: the list keeps it.
        owed = [
            row.lecturer.full_name
            for row in r.plan.rows
            if any(f.state(r.plan.at) is not State.DONE for f in row.follow_ups)
        ]
        if owed:
            lines.append(
                "Dự giờ lại các đồng chí có giờ giảng xếp loại thấp chưa được dự lại: "
                f"{md(', '.join(owed))}."
            )
    open_suggestions = r.carried.total - r.carried.done
    if open_suggestions:
        lines.append(
            f"Theo dõi, đôn đốc thực hiện {format_count(open_suggestions)} ý góp ý qua "
            "dự giờ chưa được ghi nhận thực hiện."
        )
    short = [row for row in r.center.rows if row.load.share is not None and row.load.share < 1]
    if short and r.period.calendar_year is not None:
        named = ", ".join(md(row.lecturer.full_name) for row in short)
        lines.append(
            f"Bố trí đủ giờ giảng theo định mức cho các đồng chí chưa đạt định mức {when}: {named}."
        )
    if r.next_plan is not None:
        year = (r.period.calendar_year or 0) + 1
        lines.append(
            f"Thực hiện kế hoạch dự giờ năm {year} đã lập cho {format_count(r.next_plan)} đồng chí."
            if r.next_plan
            else f"Xây dựng kế hoạch dự giờ năm {year} cho từng giảng viên."
        )
    return lines


def direction(r: Review) -> list[str]:
    after = next_label(r.period)
    blocks = [
        f"### III. PHƯƠNG HƯỚNG, NHIỆM VỤ {after.upper()}",
        fill_in(
            f"mục tiêu, chỉ tiêu, nhiệm vụ trọng tâm {after}; các nhiệm vụ dưới đây do "
            "chương trình đề xuất từ số liệu, giữ, sửa hoặc bỏ"
        ),
    ]
    tasks = _tasks(r)
    if tasks:
        blocks.append(bullets(tasks))
    return [
        *blocks,
        "### IV. ĐỀ XUẤT, KIẾN NGHỊ",
        fill_in("đề xuất, kiến nghị với cấp ủy, cơ quan cấp trên"),
    ]


__all__ = ["SHOWN_RECURRING", "direction", "shortcomings"]
