"""Numbers per position in the Settings, one line per position and a box per part:
the teaching-load norms (standard hours a year, of which lecturing) and the
observation plan's defaults (times to be observed, to observe, trial lectures).
A line left empty: that position has none."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from giangvien.i18n import tr
from giangvien.models import NormKind, PlanTarget, TeachingNorm
from giangvien.plan import PARTS as PLAN_PARTS
from giangvien.problems import Problem
from giangvien.vntext import format_decimal, parse_decimal

Texts = dict[str, dict[str, str]]  # norm kind -> {part: text as typed}
PARTS = ("total", "lecturing")


def _whole(text: str) -> int:
    number = parse_decimal(text)
    if number != int(number):
        raise ValueError(tr("plan.not_a_number"))
    return int(number)


def _texts(
    values: Mapping[NormKind, Any], parts: tuple[str, ...], shown: Callable[[Any], str]
) -> Texts:
    return {
        kind.value: {p: shown(getattr(values[kind], p)) if kind in values else "" for p in parts}
        for kind in NormKind
    }


def _read(
    texts: Texts, field: str, labels: str, parse: Callable[[str], float]
) -> tuple[list[Problem], dict[str, dict[str, float]]]:
    found: list[Problem] = []
    read: dict[str, dict[str, float]] = {}
    for kind, parts in texts.items():
        if not any(text.strip() for text in parts.values()):
            continue  # nothing for this position
        values = {}
        for part, text in parts.items():
            try:
                values[part] = parse(text)
            except ValueError as error:
                what = f"{tr(f'enum.norm_{kind}')}, {tr(f'{labels}{part}')}"
                found.append(Problem(field, f"{what}: {error}"))
        if len(values) == len(parts):
            read[kind] = values
    return found, read


def texts_of(norms: Mapping[NormKind, TeachingNorm]) -> Texts:
    return _texts(norms, PARTS, format_decimal)


def read(texts: Texts) -> tuple[list[Problem], dict[str, dict[str, float]]]:
    """The norms the texts make, and what could not be read (at ``teaching_norms``)."""
    return _read(texts, "teaching_norms", "settings.norm_", parse_decimal)


def plan_texts_of(targets: Mapping[NormKind, PlanTarget]) -> Texts:
    return _texts(targets, PLAN_PARTS, str)


def read_plan(texts: Texts) -> tuple[list[Problem], dict[str, dict[str, float]]]:
    """The plan's defaults; a box left empty beside a filled one is 0 (at ``plan_targets``)."""
    filled = {}
    for kind, parts in texts.items():
        given = any(text.strip() for text in parts.values())
        filled[kind] = {p: (text.strip() or "0") if given else text for p, text in parts.items()}
    return _read(filled, "plan_targets", "settings.plan_", _whole)


class NormsEditor(Vertical):
    """One line per position: its name, then a box for each part."""

    def __init__(
        self,
        *,
        id: str | None = None,
        parts: tuple[str, ...] = PARTS,
        labels: str = "settings.norm_",
        prefix: str = "norm",
    ) -> None:
        super().__init__(id=id)
        self.parts, self.labels, self.prefix = parts, labels, prefix

    def compose(self) -> ComposeResult:
        with Horizontal(classes="norm-head"):
            yield Label("", classes="norm-name")
            for part in self.parts:
                yield Label(tr(f"{self.labels}{part}"), markup=False, classes="norm-part")
        for kind in NormKind:
            with Horizontal():
                yield Label(tr(f"enum.norm_{kind.value}"), markup=False, classes="norm-name")
                for part in self.parts:
                    yield Input(id=f"{self.prefix}-{kind.value}-{part}")

    def _input(self, kind: str, part: str) -> Input:
        return self.query_one(f"#{self.prefix}-{kind}-{part}", Input)

    def load(self, texts: Texts) -> None:
        for kind, parts in texts.items():
            for part, text in parts.items():
                box = self._input(kind, part)
                with box.prevent(Input.Changed):
                    box.value = text

    @property
    def texts(self) -> Texts:
        return {k.value: {p: self._input(k.value, p).value for p in self.parts} for k in NormKind}
