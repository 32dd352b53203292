"""The teaching-load norms of the Settings: for each position, standard hours a year
and how many of them are lecturing; both left empty, that position has no norm."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from giangvien.i18n import tr
from giangvien.models import NormKind, TeachingNorm
from giangvien.problems import Problem
from giangvien.vntext import format_decimal, parse_decimal

Texts = dict[str, dict[str, str]]  # norm kind -> {"total", "lecturing"} as typed
PARTS = ("total", "lecturing")


def texts_of(norms: Mapping[NormKind, TeachingNorm]) -> Texts:
    return {
        kind.value: {
            part: format_decimal(getattr(norms[kind], part)) if kind in norms else ""
            for part in PARTS
        }
        for kind in NormKind
    }


def read(texts: Texts) -> tuple[list[Problem], dict[str, dict[str, float]]]:
    """The norms the texts make, and what could not be read (at ``teaching_norms``)."""
    found: list[Problem] = []
    norms: dict[str, dict[str, float]] = {}
    for kind, parts in texts.items():
        if not any(parts[p].strip() for p in PARTS):
            continue  # no norm for this position
        values = {}
        for part in PARTS:
            try:
                values[part] = parse_decimal(parts[part])
            except ValueError as error:
                what = f"{tr(f'enum.norm_{kind}')}, {tr(f'settings.norm_{part}')}"
                found.append(Problem("teaching_norms", f"{what}: {error}"))
        if len(values) == len(PARTS):
            norms[kind] = values
    return found, norms


class NormsEditor(Vertical):
    """One line per position: its name, the total and the lecturing hours."""

    DEFAULT_CSS = """
    NormsEditor { height: auto; }
    NormsEditor > Horizontal { height: auto; }
    NormsEditor .norm-name { width: 26; padding: 1 1 0 0; }
    NormsEditor Input, NormsEditor .norm-part { width: 22; margin: 0 1 0 0; }
    NormsEditor > .norm-head .norm-name { padding: 0 1 0 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="norm-head"):
            yield Label("", classes="norm-name")
            for part in PARTS:
                yield Label(tr(f"settings.norm_{part}"), markup=False, classes="norm-part")
        for kind in NormKind:
            with Horizontal():
                yield Label(tr(f"enum.norm_{kind.value}"), markup=False, classes="norm-name")
                for part in PARTS:
                    yield Input(id=f"norm-{kind.value}-{part}")

    def _input(self, kind: str, part: str) -> Input:
        return self.query_one(f"#norm-{kind}-{part}", Input)

    def load(self, norms: Mapping[NormKind, TeachingNorm]) -> None:
        for kind, parts in texts_of(norms).items():
            for part, text in parts.items():
                box = self._input(kind, part)
                with box.prevent(Input.Changed):
                    box.value = text

    @property
    def texts(self) -> Texts:
        return {k.value: {p: self._input(k.value, p).value for p in PARTS} for k in NormKind}
