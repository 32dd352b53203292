"""Markdown blocks the reports share: tables, lists, the period's name, counts and changes,
and the marked places a director fills in.

Plain building blocks: what a user typed is escaped by the caller (``md``,
``md_cell``) before it gets here; our own words are ours and pass as they are,
but for the placeholder, whose brackets are escaped so that no Markdown reader
takes them for a link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from giangvien.development import Period
from giangvien.development.format import points_change
from giangvien.documents.escape import md, md_cell
from giangvien.models import Lecturer, Position
from giangvien.vntext import format_date, format_decimal, format_number

KIND_CODE: Final = "BC"  # báo cáo
NONE: Final = "Không có."
SHARE_NOTE: Final = (
    "Ghi chú: điểm của các phiếu được so sánh theo tỉ lệ phần trăm so với điểm tối đa "
    "của phiếu đánh giá mà mỗi phiếu đã dùng, không so sánh điểm thô."
)
# What a director writes in: a marked place nobody can take for the records' words.
FILL_IN: Final = "Giám đốc bổ sung"


def period_label(period: Period) -> str:
    """ "năm 2026", or "từ ngày 01/03/2026 đến ngày 30/06/2026"."""
    if period.calendar_year is not None:
        return f"năm {period.calendar_year}"
    return f"từ ngày {format_date(period.start)} đến ngày {format_date(period.end)}"


def the_period(period: Period) -> str:
    """What "trong …" takes: "năm 2026", or "kỳ từ ngày 01/03/2026 đến ngày 30/06/2026"."""
    label = period_label(period)
    return label if period.calendar_year is not None else f"kỳ {label}"


def next_label(period: Period) -> str:
    """ "năm 2027" after 2026; "thời gian tới" after any other period."""
    year = period.calendar_year
    return f"năm {year + 1}" if year is not None else "thời gian tới"


def before_label(period: Period) -> str:
    """ "năm 2025" before 2026; "kỳ trước (từ ngày … đến ngày …)" before another period."""
    if period.calendar_year is not None:
        return f"năm {period.calendar_year - 1}"
    try:
        return f"kỳ trước ({period_label(period.previous())})"
    except (ValueError, OverflowError):  # nothing before the year 1
        return "kỳ trước"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: int = 0) -> str:
    """A data table (printed with a grid); the last ``right`` columns right-aligned."""
    align = ["---"] * (len(headers) - right) + ["---:"] * right
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def names(ids: Sequence[str], known: Mapping[str, Lecturer]) -> str:
    return ", ".join(known[i].full_name if i in known else "?" for i in ids)


def versions(found: Sequence[tuple[str, int]]) -> list[str]:
    if len(found) < 2:
        return []
    listed = ", ".join(f"{md_cell(rubric)} phiên bản {version}" for rubric, version in found)
    return [f"Trong kỳ có phiếu chấm theo nhiều phiếu đánh giá: {listed}."]


def fill_in(what: str) -> str:
    """ "*[Giám đốc bổ sung: …]*": a place for the director's own words, in italics.

    The brackets are escaped, so every reader shows them as brackets (a
    "[…]" could otherwise start a link); Word and the page show them as typed.
    """
    return f"*{md(f'[{FILL_IN}: {what}]')}*"


def change(now: float, before: float) -> str:
    """ "+3", "−2", "+12,5", "0": a count's or an amount's change, with a true minus sign."""
    diff = round(now - before, 2)
    if not diff:
        return "0"
    size = abs(diff)
    shown = format_number(int(size)) if float(size).is_integer() else format_decimal(size)
    return ("+" if diff > 0 else "−") + shown


def share_change(now: float | None, before: float | None) -> str:
    """A share's change in percentage points ("+2,5 điểm %"); "—" when one is missing."""
    if now is None or before is None:
        return "—"
    found = points_change(now - before)
    return found if found == "0" else f"{found} điểm %"


def director(lecturers: Sequence[Lecturer]) -> str:
    """The director's name when the Center has exactly one, else "" (signed by hand)."""
    found = [lec for lec in lecturers if lec.position is Position.DIRECTOR and not lec.archived]
    return found[0].full_name if len(found) == 1 else ""


__all__ = [
    "FILL_IN",
    "KIND_CODE",
    "NONE",
    "SHARE_NOTE",
    "before_label",
    "bullets",
    "change",
    "director",
    "fill_in",
    "names",
    "next_label",
    "period_label",
    "share_change",
    "table",
    "the_period",
    "versions",
]
