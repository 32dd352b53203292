"""A peer observation sheet (phiếu dự giờ)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Part, Record
from giangvien.models.follow_up import SuggestionCheck
from giangvien.models.parts import LINE, TEXT
from giangvien.models.signature import Reopening, signature_broken

# What the observed lecturer adds after the leader signed: not under the signature.
UNSIGNED = frozenset({"self_assessment", "acknowledged_on", "own_part"})


class Recorded(StrEnum):
    """How the observed lecturer's own part (self-assessment, "seen") came in."""

    IN_PERSON = "in_person"  # the lecturer, at the laptop (their PIN, if they set one)
    FROM_PAPER = "from_paper"  # ghi lại từ bản giấy: typed in from the paper sheet


class OwnPart(Part):
    how: Recorded
    # Who typed it: the lecturer in person, else the laptop's user. None: an
    # acknowledgement from before schema 5, when nobody was recorded.
    by: str | None = None
    at: dt.datetime


class Observation(Record):
    date: dt.date
    lecturer_id: str = Field(min_length=1)
    # Usually one observer writes a sheet; a pair sometimes writes it together.
    observer_ids: list[str] = Field(min_length=1)
    programme: str = Field(default="", max_length=LINE)
    class_name: str = Field(default="", max_length=LINE)
    lesson: str = Field(min_length=1, max_length=LINE)
    place: str = Field(default="", max_length=LINE)
    rubric_id: str = Field(min_length=1)
    rubric_version: int = Field(ge=1)
    # None: a comments-only sheet (peer observation is first for growth).
    scores: dict[str, float] | None = None
    strengths: str = Field(default="", max_length=TEXT)
    limitations: str = Field(default="", max_length=TEXT)
    suggestions: str = Field(default="", max_length=TEXT)
    self_assessment: str = Field(default="", max_length=TEXT)
    acknowledged_on: dt.date | None = None
    own_part: OwnPart | None = None
    # The observer's answers about the lecturer's earlier suggestions (giangvien.plan).
    follow_ups: list[SuggestionCheck] = Field(default_factory=list)
    conclusion: str = Field(default="", max_length=TEXT)
    concluded_by: str | None = None
    concluded_at: dt.datetime | None = None
    # Set at signing (models.signature): the signed content cannot change unseen.
    signed_fingerprint: str | None = Field(default=None, max_length=64)
    reopenings: list[Reopening] = Field(default_factory=list)

    @field_validator("scores")
    @classmethod
    def _two_decimals(cls, scores: dict[str, float] | None) -> dict[str, float] | None:
        if scores is None:
            return scores
        return {code: round(value, 2) for code, value in scores.items()}

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.lecturer_id in self.observer_ids:
            raise ValueError(tr("model.observer_is_lecturer"))
        if len(set(self.observer_ids)) != len(self.observer_ids):
            raise ValueError(tr("model.observer_twice"))
        if (self.concluded_by is None) != (self.concluded_at is None):
            raise ValueError(tr("model.conclusion_signature"))
        if self.concluded_by is not None and not self.conclusion:
            raise ValueError(tr("model.conclusion_empty"))
        if (self.concluded_by is None) != (self.signed_fingerprint is None):
            raise ValueError(tr("model.signature_fingerprint"))
        if (self.self_assessment or self.acknowledged_on) and self.own_part is None:
            raise ValueError(tr("model.own_part_missing"))
        asked = [(c.sheet_id, c.item) for c in self.follow_ups]
        if len(set(asked)) != len(asked):
            raise ValueError(tr("model.follow_up_twice"))
        if any(sheet == self.id for sheet, _ in asked):
            raise ValueError(tr("model.follow_up_itself"))
        part = self.own_part
        if part is not None and part.how is Recorded.IN_PERSON and part.by != self.lecturer_id:
            raise ValueError(tr("model.own_part_not_theirs"))
        return self

    @model_validator(mode="after")
    def _signature_holds(self, info: ValidationInfo) -> Self:
        if signature_broken(self, info, UNSIGNED):
            raise ValueError(tr("model.signed_changed"))
        return self

    @property
    def scored(self) -> bool:
        return self.scores is not None

    @property
    def reviewed(self) -> bool:
        return self.concluded_by is not None

    def people(self) -> set[str]:
        ids = {self.lecturer_id, *self.observer_ids}
        if self.concluded_by:
            ids.add(self.concluded_by)
        return ids
