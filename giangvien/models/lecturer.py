"""Lecturers and staff of the Center."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from giangvien.models.base import Record
from giangvien.vntext import name_sort_key


class Position(StrEnum):
    DIRECTOR = "director"  # Giám đốc (often also head of the Propaganda Dept.)
    DEPUTY = "deputy_director"  # Phó Giám đốc
    LECTURER = "lecturer"  # Giảng viên
    STAFF = "staff"  # other staff of the Center


class Employment(StrEnum):
    FULL_TIME = "full_time"  # chuyên trách
    PART_TIME = "part_time"  # kiêm chức / kiêm nhiệm
    GUEST = "guest"  # invited lecturer


LEADER_POSITIONS = frozenset({Position.DIRECTOR, Position.DEPUTY})


class Lecturer(Record):
    # Stored apart and never re-split: "Giàng A Pao" has a one-letter middle
    # name and "Nguyễn Thị Thu Hà" a two-word one.
    family_name: str = Field(min_length=1, max_length=60)
    middle_name: str = Field(default="", max_length=60)
    given_name: str = Field(min_length=1, max_length=60)
    position: Position = Position.LECTURER
    title: str = Field(default="", max_length=200)
    employment: Employment = Employment.FULL_TIME
    unit: str = Field(default="", max_length=200)
    start_date: date | None = None
    archived: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    @property
    def sort_key(self) -> tuple[object, ...]:
        return name_sort_key(self.family_name, self.middle_name, self.given_name)

    @property
    def is_leader(self) -> bool:
        return self.position in LEADER_POSITIONS
