"""A trial lecture (luyện giảng / giảng thử) before a panel."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import Field, ValidationInfo, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Record
from giangvien.models.parts import LINE, TEXT, PersonRef
from giangvien.models.signature import Reopening, signature_broken


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
    start_time: dt.time | None = None
    end_time: dt.time | None = None
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
    # A verdict is recorded by a leader, like a signed conclusion (giangvien.trial_signing):
    # the whole record is then under its fingerprint. verdict_by is None only for
    # a verdict recorded before schema 5, taken as recorded.
    verdict_by: str | None = None
    verdict_at: dt.datetime | None = None
    signed_fingerprint: str | None = Field(default=None, max_length=64)
    reopenings: list[Reopening] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.verdict is Verdict.NOT_PASSED and not self.to_fix:
            raise ValueError(tr("model.trial_to_fix"))
        if self.next_trial_date is not None and self.next_trial_date <= self.date:
            raise ValueError(tr("model.trial_next_date"))
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValueError(tr("model.trial_end_before_start"))
        if any(m.scores is not None for m in self.panel) and self.rubric_id is None:
            raise ValueError(tr("model.trial_rubric"))
        decided = self.verdict is not None
        if decided != (self.verdict_at is not None) or (self.verdict_by and not decided):
            raise ValueError(tr("model.verdict_recorded_at"))
        if decided != (self.signed_fingerprint is not None):
            raise ValueError(tr("model.verdict_fingerprint"))
        return self

    @model_validator(mode="after")
    def _signature_holds(self, info: ValidationInfo) -> Self:
        if signature_broken(self, info):
            raise ValueError(tr("model.verdict_changed"))
        return self

    @property
    def decided(self) -> bool:
        """Whether the verdict is recorded (and the record frozen under it)."""
        return self.verdict is not None

    def people(self) -> set[str]:
        refs = [self.chair, self.secretary, *self.panel]
        found = {self.lecturer_id} | {r.lecturer_id for r in refs if r and r.lecturer_id}
        return found | ({self.verdict_by} if self.verdict_by else set())
