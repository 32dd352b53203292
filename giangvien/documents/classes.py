"""The classes, conferences and teaching load as a Center's report writes them.

"Trung tâm đã mở 32 lớp đào tạo, bồi dưỡng với số lượng 2.248 học viên, trong
đó có 07 lớp bồi dưỡng nhận thức về Đảng, gồm 451 học viên; ...; phối hợp với
Huyện đoàn mở 03 lớp, gồm 150 học viên." Counts of things below ten take a
leading zero ("07 lớp"), thousands a dot ("2.248"), as such reports print
them (``vntext.format_count``). Vietnamese whatever the screens speak, like
every document; what a user typed goes through ``md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from giangvien.development.classes import ClassFigures, Tally
from giangvien.development.load import ProgrammeLoad, TeachingLoad, observed_beside
from giangvien.development.period import Period
from giangvien.development.profile import Profile
from giangvien.documents.escape import md, md_cell
from giangvien.models import ConferenceKind, NormKind
from giangvien.vntext import format_count, format_decimal, format_number

HEADING: Final = "Kết quả mở lớp đào tạo, bồi dưỡng và tổ chức hội nghị"
CONFERENCES: Final = {
    ConferenceKind.RESOLUTION: "Hội nghị học tập, quán triệt nghị quyết",
    ConferenceKind.CURRENT_AFFAIRS: "Hội nghị thông tin, tuyên truyền thời sự, chính sách",
    ConferenceKind.OTHER: "hội nghị khác",
}
NORMS: Final = {
    NormKind.DIRECTOR: "Giám đốc",
    NormKind.DEPUTY: "Phó Giám đốc",
    NormKind.LECTURER: "giảng viên chuyên trách",
    NormKind.PART_TIME: "giảng viên kiêm chức",
}
LOAD_NOTE: Final = (
    "Ghi chú: số giờ giảng là tổng số giờ của các bài đã giảng trong kỳ, tính theo ngày giảng; "
    "so với số giờ giảng dạy trong định mức giờ chuẩn của chức danh (mặc định theo Quyết định "
    "số 1853/QĐ-BTGTW, Điều 7; Trung tâm sửa trong phần Cài đặt), chưa quy đổi theo hệ số."
)


def lower_first(text: str) -> str:
    """ "Bồi dưỡng ..." -> "bồi dưỡng ..." inside a sentence; "LLCT ..." stays as typed."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def _hours(value: float) -> str:
    return format_decimal(value)


def _programme(t: Tally) -> str:
    named = lower_first(t.label)
    # A programme typed as "Lớp ..." is not written "lớp lớp ...".
    what = (named if named.startswith("lớp ") else f"lớp {named}") if t.label else "lớp khác"
    what = md(what)
    return f"{format_count(t.classes)} {what}, gồm {format_number(t.learners)} học viên"


def _partner(t: Tally) -> str:
    return (
        f"phối hợp với {md(t.label)} mở {format_count(t.classes)} lớp, "
        f"gồm {format_number(t.learners)} học viên"
    )


def classes_sentence(f: ClassFigures, when: str) -> str:
    """The classes of the period in one sentence; ``when`` is "năm 2025" or a from-to."""
    if not f.classes:
        return f"Trong {when}, chưa có lớp đào tạo, bồi dưỡng nào được ghi nhận."
    head = (
        f"Trong {when}, Trung tâm đã mở {format_count(f.classes)} lớp đào tạo, bồi dưỡng "
        f"với số lượng {format_number(f.learners)} học viên"
    )
    parts = [_programme(t) for t in f.by_programme] + [_partner(t) for t in f.by_partner]
    return f"{head}, trong đó có {'; '.join(parts)}."


def conferences_sentence(f: ClassFigures) -> str:
    if not f.conferences:
        return "Không có hội nghị nào được ghi nhận trong kỳ."
    parts = []
    for c in f.conferences:
        who = "lượt người" if c.kind is ConferenceKind.OTHER else "lượt cán bộ, đảng viên"
        parts.append(
            f"{format_count(c.conferences)} {CONFERENCES[c.kind]} với "
            f"{format_number(c.attendees)} {who} tham gia"
        )
    return f"Tổ chức, phối hợp tổ chức {'; '.join(parts)}."


def trips_sentence(f: ClassFigures) -> str:
    if not f.field_trips:
        return "Không có đợt đi nghiên cứu thực tế nào được ghi nhận trong kỳ."
    return (
        f"Tổ chức {format_count(f.field_trips)} đợt cho học viên đi nghiên cứu thực tế với "
        f"{format_number(f.trip_learners)} lượt học viên."
    )


def classes_section(f: ClassFigures, when: str) -> list[str]:
    """The paragraphs of the report's first section (its heading is the caller's)."""
    return [classes_sentence(f, when), conferences_sentence(f), trips_sentence(f)]


# -- a lecturer's teaching load -------------------------------------------------------------


def load_line(load: TeachingLoad, period: Period) -> str:
    """ "Giờ giảng: 96 giờ (24 bài, 5 lớp); định mức 90 giờ giảng dạy ...: đạt 106,7%."."""
    taught = (
        f"Giờ giảng: {_hours(load.hours)} giờ ({load.lessons} bài, {load.classes} lớp)"
        if load.lessons
        else "Giờ giảng: chưa có bài giảng nào được ghi trong kỳ"
    )
    if load.norm is None or load.kind is None or load.expected is None:
        return f"{taught}; chức danh này không có định mức giờ chuẩn trong Cài đặt."
    whole = "" if period.calendar_year is not None else " (tính theo thời gian của kỳ)"
    norm = (
        f"định mức {_hours(load.expected)} giờ giảng dạy{whole} "
        f"(trong {_hours(load.norm.total)} giờ chuẩn mỗi năm của {NORMS[load.kind]})"
    )
    share = load.share
    done = f": đạt {format_decimal(round(share * 100, 1))}%" if share is not None else ""
    return f"{taught}; {norm}{done}."


def load_table(rows: Sequence[tuple[ProgrammeLoad, int]]) -> str:
    """Per programme: lessons and hours taught, and sheets received on it."""
    lines = [
        "| Chương trình | Số bài đã giảng | Số giờ | Được dự giờ |",
        "| --- | ---: | ---: | ---: |",
    ]
    for p, observed in rows:
        name = md_cell(p.programme) if p.programme else "(không ghi chương trình)"
        lines.append(f"| {name} | {p.lessons} | {_hours(p.hours)} | {observed} |")
    return "\n".join(lines)


def load_cell(load: TeachingLoad) -> str:
    """ "96/90" in a table of lecturers; "12" without a norm."""
    if load.expected is None:
        return _hours(load.hours)
    return f"{_hours(load.hours)}/{_hours(load.expected)}"


def load_blocks(p: Profile) -> list[str]:
    """The profile's teaching load beside its observations: a line, a table, the rule."""
    blocks = ["### Giờ giảng so với định mức", f"- {load_line(p.load, p.period)}"]
    rows = observed_beside(p.load, (s.observation for s in p.received))
    if rows:
        blocks.append(load_table(rows))
    return [*blocks, f"*{LOAD_NOTE}*"]
