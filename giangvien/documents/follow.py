"""The plan of observations, the suggestions carried through and the work done on time,
as the profile and the Center's report write them.

Words fixed here in Vietnamese, as every document is; figures from
``giangvien.development.review`` (``Follow``), which counts them at the
report's one reference date.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from giangvien.development.format import percent
from giangvien.development.period import Period
from giangvien.development.review import Follow, Quarters
from giangvien.documents.blocks import bullets, table, the_period
from giangvien.documents.escape import md
from giangvien.follow_up import Carried
from giangvien.on_time import OnTime
from giangvien.plan import PlanRow, State, Tally
from giangvien.vntext import format_count, format_date

QUARTERS: Final = ("Quý I", "Quý II", "Quý III", "Quý IV")
STATES: Final = {
    State.DONE: "đã hoàn thành kế hoạch",
    State.OWED: "còn việc trong kế hoạch, chưa đến hạn",
    State.OVERDUE: "có việc quá hạn",
    State.UNPLANNED: "chưa có kế hoạch",
}
PLAN_BY_YEAR: Final = "Kế hoạch dự giờ được lập theo năm: xem báo cáo của cả năm."
ON_TIME_HEADERS: Final = (
    "Kỳ",
    "Đúng hạn",
    "Trễ hạn",
    "Quá hạn, chưa xong",
    "Chưa đến hạn",
    "Tỉ lệ đúng hạn",
)
ON_TIME_NOTE: Final = (
    "Cách tính: việc có thời hạn gồm nhiệm vụ và nội dung bổ sung bài giảng giao tại sinh hoạt "
    "chuyên môn và các ý góp ý, đề xuất qua dự giờ (mỗi dòng một ý, thời hạn {days} ngày kể từ "
    "ngày dự giờ); mỗi việc tính vào kỳ có thời hạn của nó, việc không ghi thời hạn không tính; "
    "tỉ lệ đúng hạn = số việc làm xong đúng hạn trên số việc đã làm xong hoặc đã quá hạn "
    "(Quy định 366-QĐ/TW đánh giá theo số lượng, tiến độ, chất lượng sản phẩm). Một ý góp ý "
    "được tính là đã thực hiện khi lần dự giờ sau ghi nhận như vậy."
)


def tally_cell(t: Tally, *, late: bool = True) -> str:
    """ "3/4" (done of planned), "3/4 (quá hạn 1)" unless ``late`` is off; "—" with nothing
    planned or done."""
    if not t.planned and not t.done:
        return "—"
    return f"{t.done}/{t.planned}" + (f" (quá hạn {t.overdue})" if t.overdue and late else "")


def visits_cell(row: PlanRow, at: dt.date, *, late: bool = True) -> str:
    """Follow-up visits after a weak sheet: "1/2 (quá hạn 1)"; "—" when none was owed."""
    if not row.follow_ups:
        return "—"
    states = [f.state(at) for f in row.follow_ups]
    overdue = states.count(State.OVERDUE)
    shown = f"{states.count(State.DONE)}/{len(states)}"
    return shown + (f" (quá hạn {overdue})" if overdue and late else "")


def carried_cell(c: Carried) -> str:
    return f"{c.done}/{c.total}" if c.total else "—"


def on_time_cell(o: OnTime) -> str:
    """ "5/6" (on time of those done or overdue); "—" when none is."""
    return f"{o.on_time}/{o.counted}" if o.counted else "—"


def carried_sentence(c: Carried, days: int, when: str) -> str:
    """``when``: "trong năm 2025", "trong kỳ từ ngày … đến ngày …"."""
    if not c.total:
        return f"Góp ý, đề xuất qua dự giờ: không có ý nào được ghi trên các phiếu {when}."
    done = (
        f"đã thực hiện {format_count(c.done)} ý ({format_count(c.on_time)} ý trong thời hạn "
        f"{days} ngày), chưa ghi nhận thực hiện {format_count(c.total - c.done)} ý"
        if c.done
        else "chưa có ý nào được lần dự giờ sau ghi nhận đã thực hiện"
    )
    return (
        f"Góp ý, đề xuất qua dự giờ: {format_count(c.total)} ý ghi trên các phiếu {when}; {done}."
    )


def on_time_sentence(o: OnTime, when: str) -> str:
    if not o.counted and not o.pending:
        return f"Việc có thời hạn {when}: không có."
    rate = f" (tỉ lệ đúng hạn {percent(o.rate)})" if o.counted else ""
    pending = f"; {format_count(o.pending)} việc chưa đến hạn" if o.pending else ""
    return (
        f"Việc có thời hạn {when}: {format_count(o.counted)} việc đã làm xong hoặc đã quá hạn, "
        f"trong đó đúng hạn {format_count(o.on_time)}, trễ hạn {format_count(o.late)}, "
        f"quá hạn chưa xong {format_count(o.overdue)}{rate}{pending}."
    )


def _row(label: str, o: OnTime) -> list[str]:
    return [label, str(o.on_time), str(o.late), str(o.overdue), str(o.pending), percent(o.rate)]


def on_time_table(quarters: Quarters, total: OnTime) -> str:
    """The year by quarter, then the whole year."""
    rows = [_row(q, o) for q, o in zip(QUARTERS, quarters, strict=True)]
    return table(ON_TIME_HEADERS, [*rows, _row("Cả năm", total)], right=5)


def plan_lines(row: PlanRow | None, year: int, at: dt.date) -> list[str]:
    """A lecturer's plan of the year, as the profile lists it."""
    if row is None or row.entry is None:
        lines = [f"Kế hoạch dự giờ năm {year}: chưa lập cho đồng chí."]
        if row is not None and row.follow_ups:
            lines.append(f"Dự giờ lại sau phiếu xếp loại thấp: {visits_cell(row, at)}.")
    else:
        lines = [
            f"Kế hoạch dự giờ năm {year} (đã làm/kế hoạch): được dự giờ "
            f"{tally_cell(row.observed)}; đi dự giờ đồng nghiệp {tally_cell(row.observing)}; "
            f"giảng thử {tally_cell(row.trials)}; dự giờ lại sau phiếu xếp loại thấp "
            f"{visits_cell(row, at)}; tình trạng: {STATES[row.state(at)]}."
        ]
    owed = [f for f in row.follow_ups if f.state(at) is not State.DONE] if row else []
    lines += [
        f"Chưa được dự giờ lại sau phiếu ngày {format_date(f.sheet.date)} xếp loại "
        f"{md(f.band)}; hạn dự lại {format_date(f.due)}."
        for f in owed
    ]
    return lines


def profile_blocks(f: Follow, period: Period, at: dt.date, days: int, number: int) -> list[str]:
    """The profile's section on the plan, the suggestions and the deadlines."""
    when = f"trong {the_period(period)}"
    year = period.calendar_year
    lines = plan_lines(f.plan, year, at) if year is not None else [PLAN_BY_YEAR]
    lines += [carried_sentence(f.carried, days, when), on_time_sentence(f.on_time, when)]
    blocks = [f"## {number}. Kế hoạch dự giờ, thực hiện góp ý và việc đúng hạn", bullets(lines)]
    if f.quarters is not None and (f.on_time.counted or f.on_time.pending):
        blocks.append(on_time_table(f.quarters, f.on_time))
    return [*blocks, f"*{ON_TIME_NOTE.format(days=days)}*"]


__all__ = [
    "PLAN_BY_YEAR",
    "QUARTERS",
    "carried_cell",
    "carried_sentence",
    "on_time_cell",
    "on_time_sentence",
    "on_time_table",
    "plan_lines",
    "profile_blocks",
    "tally_cell",
    "visits_cell",
]
