"""The observation rubric: criteria, maxima and bands, as data with versions.

A sheet stores the rubric id and version it was scored with, so installing a
Center's own rubric never rewrites the history of earlier sheets.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Self

from pydantic import Field, model_validator

from giangvien.i18n import tr
from giangvien.models.base import Part, Record
from giangvien.vntext import format_decimal

# Scores are typed to at most two decimals; sums are rounded to that before a
# comparison so that 16.999999 never misses a 17-point band.
PRECISION = 2


class RubricItem(Part):
    code: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1, max_length=500)
    max: float = Field(gt=0, le=1000)


class RubricGroup(Part):
    code: str = Field(min_length=1, max_length=20)
    name: str = Field(min_length=1, max_length=200)
    items: list[RubricItem] = Field(min_length=1)


class Band(Part):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=100)
    min: float = Field(ge=0)
    full_marks: list[str] = Field(default_factory=list)


class Rubric(Record):
    rubric_id: str = Field(min_length=1, max_length=60)
    version: int = Field(default=1, ge=1)
    name: str = Field(min_length=1, max_length=300)
    total: float = Field(gt=0)
    groups: list[RubricGroup] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [item.code for item in self.items]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(tr("model.rubric_duplicate_items", codes=", ".join(duplicates)))
        summed = round(sum(item.max for item in self.items), PRECISION)
        if abs(summed - self.total) > 10**-PRECISION / 2:
            raise ValueError(
                tr(
                    "model.rubric_total",
                    sum=format_decimal(summed),
                    total=format_decimal(self.total),
                )
            )
        minima = [band.min for band in self.bands]
        if any(a <= b for a, b in pairwise(minima)):
            raise ValueError(tr("model.rubric_bands_order"))
        if minima[-1] != 0:
            raise ValueError(tr("model.rubric_bands_floor"))
        if minima[0] > self.total:
            raise ValueError(tr("model.rubric_band_above_total", band=self.bands[0].name))
        unknown = sorted({c for band in self.bands for c in band.full_marks} - set(codes))
        if unknown:
            raise ValueError(tr("model.rubric_unknown_items", codes=", ".join(unknown)))
        return self

    @property
    def items(self) -> list[RubricItem]:
        return [item for group in self.groups for item in group.items]

    def item(self, code: str) -> RubricItem | None:
        return next((item for item in self.items if item.code == code), None)

    def score_errors(self, scores: dict[str, float]) -> dict[str, str]:
        """Per item code, why its score cannot stand; empty when all is well.

        A sheet is either fully scored or not scored at all: a half-filled
        sheet would give a total that means nothing.
        """
        errors: dict[str, str] = {}
        for item in self.items:
            value = scores.get(item.code)
            if value is None:
                errors[item.code] = tr("model.score_missing", code=item.code)
            elif not 0 <= value <= item.max:
                errors[item.code] = tr(
                    "model.score_range",
                    code=item.code,
                    value=format_decimal(value),
                    max=format_decimal(item.max),
                )
        for code in scores.keys() - {item.code for item in self.items}:
            errors[code] = tr("model.score_unknown", code=code, rubric=self.name)
        return errors

    def total_of(self, scores: dict[str, float]) -> float:
        return round(sum(scores.get(item.code, 0.0) for item in self.items), PRECISION)

    def share_of(self, scores: dict[str, float]) -> float:
        """The total as a share of the maximum: how sheets of different versions compare."""
        return self.total_of(scores) / self.total

    def band_of(self, scores: dict[str, float]) -> Band:
        total = self.total_of(scores)
        for band in self.bands:
            full = all(
                (item := self.item(code)) is not None and scores.get(code, 0.0) >= item.max
                for code in band.full_marks
            )
            if total >= band.min and full:
                return band
        return self.bands[-1]

    def describe(self) -> str:
        """The rubric as plain text, for `giangvien rubric show`."""
        lines = [f"{self.name} — {self.rubric_id} v{self.version}", ""]
        for group in self.groups:
            lines.append(group.name)
            for item in group.items:
                lines.append(f"  {item.code:<6} {format_decimal(item.max):>5}  {item.text}")
        lines += ["", tr("model.rubric_total_line", total=format_decimal(self.total)), ""]
        for band in self.bands:
            extra = (
                tr("model.rubric_full_marks", codes=", ".join(band.full_marks))
                if band.full_marks
                else ""
            )
            lines.append(f"  {band.name}: ≥ {format_decimal(band.min)}{extra}")
        return "\n".join(lines)


@cache
def default_rubric() -> Rubric:
    """The rubric of DOMAIN.md, read once: callers treat it as read-only."""
    text = (resources.files("giangvien") / "data" / "default_rubric.toml").read_text("utf-8")
    return Rubric.model_validate(tomllib.loads(text))


def read_rubric_file(path: Path) -> dict[str, object]:
    """The raw content of a Center's rubric file, TOML or JSON by its extension."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(tr("model.rubric_not_table"))
        return data
    return tomllib.loads(text)
