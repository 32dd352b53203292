"""A trial lecture (luyện giảng / giảng thử) before a panel."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Record
from giangvien.models.parts import LINE, TEXT, PersonRef


class Verdict(StrEnum):
    PASSED = "passed"  # Đạt: cleared to teach that lesson
    NOT_PASSED = "not_passed"  # Chưa đạt: fix and try again


class PanelMember(PersonRef):
    comments: str = Field(default="", max_length=TEXT)
    scores: dict[str, float] | None = None


class Trial(Record):
    lecturer_id: str = Field(min_length=1)
    lesson: str = Field(min_length=1, max_length=LINE)
    programme: str = Field(default="", max_length=LINE)
    date: dt.date
    place: str = Field(default="", max_length=LINE)
    chair: PersonRef | None = None
    secretary: PersonRef | None = None
    panel: list[PanelMember] = Field(default_factory=list)
    rubric_id: str | None = None
    rubric_version: int | None = None
    self_assessment: str = Field(default="", max_length=TEXT)
    # None while the panel has not decided.
    verdict: Verdict | None = None
    to_fix: str = Field(default="", max_length=TEXT)
    next_trial_date: dt.date | None = None
    lessons_drawn: str = Field(default="", max_length=TEXT)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.verdict is Verdict.NOT_PASSED and not self.to_fix:
            raise ValueError(tr("model.trial_to_fix"))
        if self.next_trial_date is not None and self.next_trial_date <= self.date:
            raise ValueError(tr("model.trial_next_date"))
        if any(m.scores is not None for m in self.panel) and self.rubric_id is None:
            raise ValueError(tr("model.trial_rubric"))
        return self

    def people(self) -> set[str]:
        refs = [self.chair, self.secretary, *self.panel]
        return {self.lecturer_id} | {r.lecturer_id for r in refs if r and r.lecturer_id}
