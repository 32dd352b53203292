"""A briefing session for reporters (sinh hoạt / hội nghị báo cáo viên)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from giangvien.models.base import Part, Record
from giangvien.models.parts import LINE, TEXT, Attendance

# The day the district tier of local government ended and Centers moved to communes.
COMMUNE_TIER = dt.date(2025, 7, 1)


class Level(StrEnum):
    CENTRAL = "central"  # Trung ương, online to connection points
    PROVINCIAL = "provincial"  # tỉnh
    DISTRICT = "district"  # huyện: until 1/7/2025, when the district tier was dissolved
    COMMUNE = "commune"  # xã, phường, đặc khu: since 2025 (Quy định 360-QĐ/TW)


class Form(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class Talk(Part):
    presenter: str = Field(default="", max_length=LINE)
    title: str = Field(min_length=1, max_length=LINE)


class Briefing(Record):
    date: dt.date
    level: Level = Level.PROVINCIAL
    form: Form = Form.IN_PERSON
    connection_point: str = Field(default="", max_length=LINE)
    organiser: str = Field(default="", max_length=LINE)
    chair: str = Field(default="", max_length=LINE)
    talks: list[Talk] = Field(default_factory=list)
    guidance: str = Field(default="", max_length=TEXT)
    notes: str = Field(default="", max_length=TEXT)
    attendance: list[Attendance] = Field(default_factory=list)

    def people(self) -> set[str]:
        return {a.lecturer_id for a in self.attendance if a.lecturer_id}
