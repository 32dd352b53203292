"""The Center's settings: one record per data file."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import FieldError, Part, Record
from giangvien.models.parts import LINE
from giangvien.models.plan import PlanTarget

# One fixed id, so that the settings of two laptops merge as one record.
SETTINGS_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "giangvien:settings"))

DEFAULT_PROGRAMMES = (
    "Bồi dưỡng nhận thức về Đảng",
    "Bồi dưỡng lý luận chính trị cho đảng viên mới",
    "Sơ cấp lý luận chính trị",
    "Bồi dưỡng chuyên đề",
    "Bồi dưỡng công tác Đảng cho bí thư chi bộ, cấp ủy viên cơ sở",
    "Bồi dưỡng LLCT và nghiệp vụ cho MTTQ và các đoàn thể",
    "Bồi dưỡng kiến thức quốc phòng và an ninh",
    "Bồi dưỡng chính trị hè",
)


class NormKind(StrEnum):
    """Whose yearly teaching load a norm is (giangvien.classes.norm_kind)."""

    DIRECTOR = "director"  # Giám đốc
    DEPUTY = "deputy_director"  # Phó Giám đốc
    LECTURER = "lecturer"  # giảng viên chuyên trách
    PART_TIME = "part_time"  # giảng viên kiêm chức


class TeachingNorm(Part):
    """Standard hours a year (giờ chuẩn), and how many of them are lecturing."""

    total: float = Field(ge=0, le=2000)
    lecturing: float = Field(ge=0, le=2000)

    @model_validator(mode="after")
    def _lecturing_within(self) -> Self:
        if self.lecturing > self.total:
            raise FieldError("lecturing", tr("model.norm_lecturing_over_total"))
        return self


# Quyết định 1853/QĐ-BTGTW (2010), Điều 7. Quyết định 883-QĐ/BTGTW (2021) may
# have changed them, and no norm for part-time lecturers was found: these are
# defaults a Center changes in Settings, and part-time lecturers have none.
DEFAULT_NORMS = {
    NormKind.DIRECTOR: (40.0, 30.0),
    NormKind.DEPUTY: (60.0, 40.0),
    NormKind.LECTURER: (120.0, 90.0),
}


def default_norms() -> dict[NormKind, TeachingNorm]:
    return {k: TeachingNorm(total=t, lecturing=lec) for k, (t, lec) in DEFAULT_NORMS.items()}


# Times a year to be observed, to observe others, trial lectures: what a
# Center commonly plans, for it to change in Settings (no rule fixes them).
DEFAULT_PLAN = {
    NormKind.DIRECTOR: (1, 4),
    NormKind.DEPUTY: (1, 4),
    NormKind.LECTURER: (2, 2),
    NormKind.PART_TIME: (1, 0),
}


def default_plan_targets() -> dict[NormKind, PlanTarget]:
    return {k: PlanTarget(observed=o, observing=g) for k, (o, g) in DEFAULT_PLAN.items()}


class Layout(StrEnum):
    PARTY = "party"  # a body under a Party committee (the default)
    STATE = "state"  # Nghị định 30/2020/NĐ-CP, Mẫu 1.9


class Settings(Record):
    id: str = SETTINGS_ID
    organisation: str = Field(default="Trung tâm Chính trị", min_length=1, max_length=LINE)
    # No default: a district Center's is "Huyện ủy …" (until 2025), a commune's "Đảng ủy xã …".
    parent_body: str = Field(default="", max_length=LINE)
    place_name: str = Field(default="", max_length=LINE)
    layout: Layout = Layout.PARTY
    number_code: str = Field(default="TTCT", min_length=1, max_length=40)
    not_observed_days: int = Field(default=90, ge=1, le=3650)
    observation_quota: int | None = Field(default=None, ge=1, le=100)
    rubric_id: str = "mac-dinh"
    rubric_version: int = Field(default=1, ge=1)
    programmes: list[str] = Field(default_factory=lambda: list(DEFAULT_PROGRAMMES))
    # Whether a "Chưa đạt" after a pass withdraws the lecturer's clearance for
    # that lesson (giangvien.trials). Off: a pass is a panel's formal decision.
    retrial_uncleared: bool = False
    # A kind missing here has no norm: its hours are shown without one.
    teaching_norms: dict[NormKind, TeachingNorm] = Field(default_factory=default_norms)
    # The year's plan (giangvien.plan): each kind's times a year; a kind
    # missing here is planned nothing. By quarter: a quarter's share is owed
    # by its end, not only the year's at the year's end.
    plan_targets: dict[NormKind, PlanTarget] = Field(default_factory=default_plan_targets)
    plan_by_quarter: bool = False
    # A weak sheet asks for a follow-up visit within this many days; a
    # sheet's suggestions are due to be acted on within suggestion_days.
    follow_up_days: int = Field(default=30, ge=1, le=365)
    suggestion_days: int = Field(default=90, ge=1, le=730)
