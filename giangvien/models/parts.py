"""Pieces shared by several records: a person named in an event, attendance."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Part

TEXT = 10_000  # a long comment fits; a pasted book does not
LINE = 300


class PersonRef(Part):
    """Either a Center lecturer (by id) or someone from outside, typed by name.

    Outsiders carry their own position and unit ("Phó Trưởng Ban Tuyên giáo
    Huyện ủy"); for a lecturer the position may still be given when it differs
    from their usual one in this event.
    """

    lecturer_id: str | None = None
    name: str = Field(default="", max_length=LINE)
    position: str = Field(default="", max_length=LINE)
    unit: str = Field(default="", max_length=LINE)

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not self.lecturer_id and not self.name:
            raise ValueError(tr("model.person_missing"))
        return self


class Presence(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"


class Attendance(PersonRef):
    status: Presence = Presence.PRESENT
    reason: str = Field(default="", max_length=LINE)

    @model_validator(mode="after")
    def _reason_for_absence(self) -> Self:
        if self.status is Presence.ABSENT and not self.reason:
            raise ValueError(tr("model.absence_reason"))
        return self
