"""The year's observation plan (kế hoạch dự giờ): one entry per lecturer and year.

An entry says how many times a lecturer is to be observed, to observe others
and to give a trial lecture in a year (giangvien.plan counts what is owed,
done and overdue). Its id follows from the year and the lecturer, so the
plans two laptops make for the same person merge as one record, and an edit
on each is a conflict the merge keeps, never a second entry.
"""

from __future__ import annotations

import uuid
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Part, Record

MAX_TIMES = 100  # more visits than weeks in a year: a typo


def plan_id(year: int, lecturer_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"giangvien:plan:{year}:{lecturer_id}"))


class PlanTarget(Part):
    """Times a year: to be observed, to observe others, trial lectures to give."""

    observed: int = Field(default=0, ge=0, le=MAX_TIMES)
    observing: int = Field(default=0, ge=0, le=MAX_TIMES)
    trials: int = Field(default=0, ge=0, le=MAX_TIMES)


class PlanEntry(PlanTarget, Record):
    year: int = Field(ge=2000, le=2100)
    lecturer_id: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_per_year_and_lecturer(self) -> Self:
        if self.id != plan_id(self.year, self.lecturer_id):
            raise ValueError(tr("model.plan_id"))
        return self

    @classmethod
    def of(cls, year: int, lecturer_id: str, target: PlanTarget) -> PlanEntry:
        return cls(
            id=plan_id(year, lecturer_id),
            year=year,
            lecturer_id=lecturer_id,
            **target.model_dump(),
        )

    @property
    def target(self) -> PlanTarget:
        return PlanTarget(observed=self.observed, observing=self.observing, trials=self.trials)

    def people(self) -> set[str]:
        return {self.lecturer_id}
