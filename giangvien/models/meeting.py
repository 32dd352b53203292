"""The monthly professional meeting (sinh hoạt chuyên môn)."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Part, Record, new_id
from giangvien.models.parts import LINE, TEXT, Attendance, PersonRef


class ContentUpdate(Part):
    """New content agreed for a lecture: which lesson, what, who, by when."""

    id: str = Field(default_factory=new_id)
    lesson: str = Field(min_length=1, max_length=LINE)
    content: str = Field(min_length=1, max_length=TEXT)
    owner_id: str | None = None
    due: dt.date | None = None
    done_on: dt.date | None = None


class Task(Part):
    id: str = Field(default_factory=new_id)
    description: str = Field(min_length=1, max_length=TEXT)
    owner_id: str | None = None
    due: dt.date | None = None
    done_on: dt.date | None = None


class Remark(Part):
    """Who said what in the discussion."""

    speaker: PersonRef
    summary: str = Field(min_length=1, max_length=TEXT)


class Meeting(Record):
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = Field(default="", max_length=LINE)
    number: str = Field(default="", max_length=40)
    # A meeting may be saved without chair or secretary as a draft; the minutes
    # export names what is missing instead of printing holes.
    chair_id: str | None = None
    secretary_id: str | None = None
    attendance: list[Attendance] = Field(default_factory=list)
    review: str = Field(default="", max_length=TEXT)
    teaching_aids: str = Field(default="", max_length=TEXT)
    active_methods: str = Field(default="", max_length=TEXT)
    content_updates: list[ContentUpdate] = Field(default_factory=list)
    remarks: list[Remark] = Field(default_factory=list)
    conclusion: str = Field(default="", max_length=TEXT)
    tasks: list[Task] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValueError(tr("model.meeting_end_before_start"))
        return self

    def people(self) -> set[str]:
        ids = {self.chair_id, self.secretary_id}
        ids |= {a.lecturer_id for a in self.attendance}
        ids |= {r.speaker.lecturer_id for r in self.remarks}
        ids |= {u.owner_id for u in self.content_updates} | {t.owner_id for t in self.tasks}
        return {i for i in ids if i}
