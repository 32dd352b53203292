"""People and months as a Vietnamese document writes them (plain text, not yet escaped).

Documents are Vietnamese whatever language the screens use, so these words
are fixed here, as ``vntext.document_date`` is, rather than read from a
catalogue a translator may change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from giangvien.models import Employment, Lecturer, PersonRef, Position
from giangvien.vntext import fold

# A leader's post is a title (capitalised); a lecturer's is a common noun.
POSITIONS: Final = {
    Position.DIRECTOR: "Giám đốc",
    Position.DEPUTY: "Phó Giám đốc",
    Position.LECTURER: "giảng viên",
    Position.STAFF: "cán bộ",
}
EMPLOYMENT: Final = {
    Employment.FULL_TIME: "",
    Employment.PART_TIME: " kiêm chức",
    Employment.GUEST: " thỉnh giảng",
}


def month_label(day: dt.date) -> str:
    """ "01/2026", "12/2025", "6/2026": padded only for January and February, as dates are."""
    return f"{day.month:02}/{day.year}" if day.month <= 2 else f"{day.month}/{day.year}"


def position_of(lecturer: Lecturer) -> str:
    """ "Giám đốc", "Phó Giám đốc", "giảng viên", "giảng viên kiêm chức"."""
    word = POSITIONS[lecturer.position]
    if lecturer.position is Position.LECTURER:
        word += EMPLOYMENT[lecturer.employment]
    return word


def name_of(ref: PersonRef, names: Mapping[str, Lecturer]) -> str:
    """The person's full name; "" for a lecturer id the file does not know."""
    if ref.lecturer_id:
        lecturer = names.get(ref.lecturer_id)
        return lecturer.full_name if lecturer else ref.name
    return ref.name


def post_of(ref: PersonRef, names: Mapping[str, Lecturer]) -> str:
    """What the person is in this event: the position given here, else their usual one.

    Someone from outside also has their unit: "Phó Trưởng Ban, Ban Tuyên giáo Huyện ủy".
    """
    lecturer = names.get(ref.lecturer_id) if ref.lecturer_id else None
    post = ref.position or (position_of(lecturer) if lecturer else "")
    unit = "" if lecturer else ref.unit
    if unit and fold(unit) in fold(post):
        unit = ""  # "Phó Trưởng Ban Tuyên giáo Huyện ủy" already says which Ban
    return ", ".join(p for p in (post, unit) if p)


def comrade(ref: PersonRef, names: Mapping[str, Lecturer]) -> str:
    """ "đồng chí Nguyễn Văn An, giảng viên"; "" when the person is unknown."""
    name = name_of(ref, names)
    if not name:
        return ""
    post = post_of(ref, names)
    return f"đồng chí {name}, {post}" if post else f"đồng chí {name}"


def comrade_by_id(lecturer_id: str | None, names: Mapping[str, Lecturer]) -> str:
    return comrade(PersonRef(lecturer_id=lecturer_id), names) if lecturer_id else ""


__all__ = ["comrade", "comrade_by_id", "month_label", "name_of", "position_of", "post_of"]
