"""The Center's classes (lớp đào tạo, bồi dưỡng) and conferences (hội nghị).

A class carries the lessons taught in it (who taught which lesson, when, for
how many hours) and its field trips (đi nghiên cứu thực tế); a conference is
one event with its count of attendees. The year's figures and each lecturer's
teaching load are drawn from them (giangvien.classes).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum
from typing import Self

from pydantic import Field, field_validator, model_validator

from giangvien.i18n import tr
from giangvien.models.base import FieldError, Part, Record, new_id
from giangvien.models.parts import LINE, TEXT

# A lecturer teaches at most this many hours on one day (a lesson's hours, and
# the sum of their lessons of one day in one class).
MAX_DAY_HOURS = 12
# More learners than any hall holds, or attendees than any district has: a typo.
MAX_PEOPLE = 1_000_000


class ClassLesson(Part):
    """One lesson taught in a class: which lesson, by whom, on which day, how long."""

    # Kept across edits, so that a sheet or a trial may one day name the lesson it was.
    id: str = Field(default_factory=new_id)
    lesson: str = Field(min_length=1, max_length=LINE)
    lecturer_id: str = Field(min_length=1)
    date: dt.date
    # Hours as the Center counts them (giờ giảng), a decimal: "3,5".
    hours: float = Field(ge=0, le=MAX_DAY_HOURS)

    @field_validator("hours")
    @classmethod
    def _two_decimals(cls, hours: float) -> float:
        return round(hours, 2)


class FieldTrip(Part):
    """A class's field trip (đi nghiên cứu thực tế): when, where, with how many learners."""

    date: dt.date
    place: str = Field(min_length=1, max_length=LINE)
    learners: int = Field(ge=0, le=MAX_PEOPLE)


class TrainingClass(Record):
    """A class the Center opened: its programme, where, with whom, when, how many learners."""

    programme: str = Field(default="", max_length=LINE)
    class_name: str = Field(min_length=1, max_length=LINE)
    # The Center's hall, a commune's, or a cluster of communes ("cụm xã ...").
    place: str = Field(default="", max_length=LINE)
    # The body the class was run with ("phối hợp với Huyện đoàn"); empty: the Center alone.
    partner: str = Field(default="", max_length=LINE)
    opened: dt.date
    closed: dt.date | None = None
    learners: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    lessons: list[ClassLesson] = Field(default_factory=list)
    field_trips: list[FieldTrip] = Field(default_factory=list)
    notes: str = Field(default="", max_length=TEXT)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.closed is not None and self.closed < self.opened:
            raise FieldError("closed", tr("model.class_closed_before_opened"))
        dated: list[tuple[str, Sequence[ClassLesson | FieldTrip]]] = [
            ("lessons", self.lessons),
            ("field_trips", self.field_trips),
        ]
        for name, rows in dated:
            for i, row in enumerate(rows):
                if not self.holds(row.date):
                    raise FieldError(f"{name}.{i}.date", tr("model.class_date_outside"))
        day_hours: defaultdict[tuple[str, dt.date], float] = defaultdict(float)
        for i, lesson in enumerate(self.lessons):
            day_hours[(lesson.lecturer_id, lesson.date)] += lesson.hours
            if round(day_hours[(lesson.lecturer_id, lesson.date)], 2) > MAX_DAY_HOURS:
                message = tr("model.class_day_hours", hours=MAX_DAY_HOURS)
                raise FieldError(f"lessons.{i}.hours", message)
        return self

    def holds(self, day: dt.date) -> bool:
        """Whether ``day`` lies between the opening and the closing (when there is one)."""
        return self.opened <= day and (self.closed is None or day <= self.closed)

    def people(self) -> set[str]:
        return {lesson.lecturer_id for lesson in self.lessons}


class ConferenceKind(StrEnum):
    RESOLUTION = "resolution"  # học tập, quán triệt nghị quyết
    CURRENT_AFFAIRS = "current_affairs"  # thông tin thời sự, chính sách
    OTHER = "other"


class Conference(Record):
    """A conference the Center ran or took part in, with its count of attendees."""

    kind: ConferenceKind = ConferenceKind.RESOLUTION
    subject: str = Field(min_length=1, max_length=LINE)
    date: dt.date
    place: str = Field(default="", max_length=LINE)
    # Lượt người tham dự: a count of attendances, as the report quotes it.
    attendees: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    partner: str = Field(default="", max_length=LINE)
    # The Center's lecturers who spoke (báo cáo viên).
    lecturer_ids: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=TEXT)

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        if len(set(self.lecturer_ids)) != len(self.lecturer_ids):
            raise FieldError("lecturer_ids", tr("model.speaker_twice"))
        return self

    def people(self) -> set[str]:
        return set(self.lecturer_ids)
