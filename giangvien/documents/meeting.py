"""The minutes (biên bản) of a monthly professional meeting, as Markdown.

The layout follows DOMAIN.md: the header of the chosen layout, the title, when,
where and who, the six numbered sections, the closing line and the signatures
(THƯ KÝ left, CHỦ TRÌ right), "Nơi nhận" under them. The text is Vietnamese
whatever language the screens speak. Everything a user typed goes through
``md``/``md_cell``.

A meeting may be stored as a draft without chair, secretary or times; its
minutes then show "…" where those go, and ``missing_for_minutes`` says what
is missing, so that an export is refused rather than printed with holes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from giangvien.documents.escape import md, md_cell
from giangvien.documents.header import document_header, document_title, signatures
from giangvien.documents.people import comrade, comrade_by_id, month_label, name_of
from giangvien.i18n import tr
from giangvien.models import Attendance, Lecturer, Meeting, Presence, Settings
from giangvien.vntext import document_date, document_time, format_date

HOLE: Final = "…"
SUBJECT: Final = "Sinh hoạt chuyên môn tháng {month}"
SECTIONS: Final = (
    "1. Đánh giá công tác giảng dạy và dự giờ tháng {previous}",
    "2. Phương tiện dạy học",
    "3. Phương pháp dạy học tích cực",
    "4. Thống nhất nội dung bổ sung vào bài giảng",
    "5. Ý kiến thảo luận",
    "6. Kết luận của chủ trì và nhiệm vụ tháng tới",
)
NOTHING: Final = "Không có ý kiến."


def previous_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def minutes_subject(meeting: Meeting) -> str:
    """ "Sinh hoạt chuyên môn tháng 01/2026"."""
    return SUBJECT.format(month=month_label(meeting.date))


def minutes_title(meeting: Meeting) -> str:
    """The title of the HTML page: "Biên bản sinh hoạt chuyên môn tháng 01/2026"."""
    subject = minutes_subject(meeting)
    return f"Biên bản {subject[:1].lower()}{subject[1:]}"


def minutes_filename(meeting: Meeting, extension: str) -> str:
    """ "bien-ban-sinh-hoat-chuyen-mon-2026-01.md": plain ASCII, sorts by month."""
    return f"bien-ban-sinh-hoat-chuyen-mon-{meeting.date:%Y-%m}.{extension}"


# -- what is missing ------------------------------------------------------------


def _status_of(meeting: Meeting, lecturer_id: str | None) -> Presence | None:
    for entry in meeting.attendance:
        if lecturer_id and entry.lecturer_id == lecturer_id:
            return entry.status
    return None


def missing_for_minutes(meeting: Meeting, settings: Settings | None = None) -> list[str]:
    """What the minutes cannot be printed without, one sentence each ([] when complete).

    With ``settings``, also the place name the header needs.
    """
    found: list[str] = []
    checks = (
        (not meeting.chair_id, "documents.missing_chair"),
        (not meeting.secretary_id, "documents.missing_secretary"),
        (meeting.start_time is None, "documents.missing_start_time"),
        (meeting.end_time is None, "documents.missing_end_time"),
        (not meeting.place, "documents.missing_place"),
        (not any(a.lecturer_id for a in meeting.attendance), "documents.missing_attendance"),
        (not meeting.review, "documents.missing_review"),
        (not meeting.conclusion, "documents.missing_conclusion"),
        (
            _status_of(meeting, meeting.chair_id) is Presence.ABSENT,
            "documents.chair_absent",
        ),
        (
            _status_of(meeting, meeting.secretary_id) is Presence.ABSENT,
            "documents.secretary_absent",
        ),
        (settings is not None and not settings.parent_body, "documents.missing_parent_body"),
        (settings is not None and not settings.place_name, "documents.missing_place_name"),
    )
    found += [tr(key) for missing, key in checks if missing]
    return found


# -- the document ---------------------------------------------------------------


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _items(lines: list[str]) -> list[str]:
    """A bullet list: ";" after each line but the last, which ends with "."."""
    ends = [";"] * (len(lines) - 1) + ["."]
    return [_list_item(line + end) for line, end in zip(lines, ends, strict=True)]


def _list_item(text: str) -> str:
    # Continuation lines indented under the bullet, so the item reads as one.
    return "- " + text.replace("\n", "\n  ")


def _attendance(meeting: Meeting, names: Mapping[str, Lecturer]) -> list[str]:
    members = [a for a in meeting.attendance if a.lecturer_id]
    guests = [a for a in meeting.attendance if not a.lecturer_id]
    here = [a for a in members if a.status is not Presence.ABSENT]
    away = [a for a in members if a.status is Presence.ABSENT]

    def who(entry: Attendance) -> str:
        text = md(_capital(comrade(entry, names) or HOLE))
        return f"{text} (đến muộn)" if entry.status is Presence.LATE else text

    blocks = [f"Thành phần tham dự: có mặt {len(here)}/{len(members)} đồng chí"]
    if here:
        blocks.append("\n".join(_items([who(a) for a in here])))
    if away:
        blocks.append(f"Vắng mặt: {len(away)} đồng chí")
        lines = [f"{who(a)}, lý do: {md(a.reason) or HOLE}" for a in away]
        blocks.append("\n".join(_items(lines)))
    if guests:
        blocks.append("Khách mời:")
        blocks.append("\n".join(_items([who(a) for a in guests])))
    return blocks


def _table(headers: list[str], rows: list[list[str]]) -> str:
    # The number column centred, the rest left: a data table, printed with a grid.
    rule = ["| :---: |", *(" --- |" for _ in headers[1:])]
    lines = ["| " + " | ".join(headers) + " |", "".join(rule)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _who(lecturer_id: str | None, names: Mapping[str, Lecturer]) -> str:
    lecturer = names.get(lecturer_id or "")
    return md_cell(lecturer.full_name) if lecturer else ""


def _name(lecturer_id: str | None, names: Mapping[str, Lecturer]) -> str:
    lecturer = names.get(lecturer_id or "")
    return lecturer.full_name if lecturer else ""


def _due(day: dt.date | None) -> str:
    return format_date(day) if day else ""


def _updates(meeting: Meeting, names: Mapping[str, Lecturer]) -> str:
    if not meeting.content_updates:
        return "Không có nội dung cần bổ sung."
    rows = [
        [str(n), md_cell(u.lesson), md_cell(u.content), _who(u.owner_id, names), _due(u.due)]
        for n, u in enumerate(meeting.content_updates, start=1)
    ]
    headers = ["TT", "Bài giảng", "Nội dung bổ sung", "Người thực hiện", "Thời hạn"]
    return _table(headers, rows)


def _remarks(meeting: Meeting, names: Mapping[str, Lecturer]) -> str:
    if not meeting.remarks:
        return NOTHING
    lines = []
    for remark in meeting.remarks:
        speaker = md(_capital(f"đồng chí {name_of(remark.speaker, names) or HOLE}"))
        lines.append(_list_item(f"{speaker}: {md(remark.summary)}"))
    return "\n".join(lines)


def _tasks(meeting: Meeting, names: Mapping[str, Lecturer]) -> list[str]:
    if not meeting.tasks:
        return []
    rows = [
        [str(n), md_cell(t.description), _who(t.owner_id, names), _due(t.due)]
        for n, t in enumerate(meeting.tasks, start=1)
    ]
    return ["Nhiệm vụ tháng tới:", _table(["TT", "Nhiệm vụ", "Người thực hiện", "Thời hạn"], rows)]


def meeting_minutes(meeting: Meeting, settings: Settings, names: Mapping[str, Lecturer]) -> str:
    """The minutes of ``meeting`` as Markdown; ``names`` maps lecturer ids to lecturers."""
    start = document_time(meeting.start_time) if meeting.start_time else HOLE
    end = document_time(meeting.end_time) if meeting.end_time else HOLE
    chair = comrade_by_id(meeting.chair_id, names)
    secretary = comrade_by_id(meeting.secretary_id, names)
    previous = month_label(previous_month(meeting.date))
    sections = [f"### {title.format(previous=previous)}" for title in SECTIONS]
    blocks = [
        document_header(settings, "BB", meeting.date, number=meeting.number),
        document_title("BIÊN BẢN", minutes_subject(meeting)),
        f"Thời gian bắt đầu: {start}, {document_date(meeting.date)}",
        f"Địa điểm: {md(meeting.place) or HOLE}",
        *_attendance(meeting, names),
        f"Chủ trì: {md(chair) or HOLE}",
        f"Thư ký: {md(secretary) or HOLE}",
        "## NỘI DUNG",
        sections[0],
        md(meeting.review) or HOLE,
        sections[1],
        md(meeting.teaching_aids) or NOTHING,
        sections[2],
        md(meeting.active_methods) or NOTHING,
        sections[3],
        _updates(meeting, names),
        sections[4],
        _remarks(meeting, names),
        sections[5],
        md(meeting.conclusion) or HOLE,
        *_tasks(meeting, names),
        f"Cuộc họp kết thúc vào {end} cùng ngày./.",
        signatures(
            "Thư ký",
            _name(meeting.secretary_id, names),
            "Chủ trì",
            _name(meeting.chair_id, names),
            recipients=[],
        ),
    ]
    return "\n\n".join(blocks) + "\n"


__all__ = [
    "meeting_minutes",
    "minutes_filename",
    "minutes_subject",
    "minutes_title",
    "missing_for_minutes",
    "previous_month",
]
