"""Pickers for the people and the programme of a record.

Names are data: they go in as ``rich.text.Text`` / ``Content`` so that
"[TODO] Lê Văn Tám" shows as typed. Typing in an open list finds a name with
or without diacritics ("hung" finds "Lê Văn Hùng").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Select, SelectionList
from textual.widgets._select import SelectCurrent, SelectOverlay

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.vntext import fold

OTHER = "\x00other"  # the "another programme" choice; no real name starts with NUL


def pickable(lecturers: Iterable[Lecturer], named: set[str]) -> list[Lecturer]:
    """The active lecturers, then archived ones a record still names (it must show them)."""
    everyone = list(lecturers)
    return [lec for lec in everyone if not lec.archived] + [
        lec for lec in everyone if lec.archived and lec.id in named
    ]


class _FoldingOverlay(SelectOverlay):
    """The open list of a picker: type-to-search ignoring case and diacritics.

    A given name (the last word) starting with what was typed wins, then a
    name or title starting with it, then any word, then anywhere: "an" finds
    Nguyễn Văn An before Lê Văn Hùng, although "Văn" holds "an" too.
    """

    # How long a pause ends a search word; tests on a loaded machine lengthen it.
    SEARCH_RESET_DELAY = 0.7

    def __init__(self, type_to_search: bool = True) -> None:
        super().__init__(type_to_search)
        self._search_reset_delay = self.SEARCH_RESET_DELAY

    def _find_search_match(self, query: str) -> int | None:
        wanted = fold(query)
        best: tuple[int, int, int] | None = None
        for index, option in enumerate(self._options):
            prompt = option.prompt
            plain = fold(prompt.plain if isinstance(prompt, Text | Content) else str(prompt))
            if not wanted or wanted not in plain:
                continue
            words = plain.split()
            rank = (
                0 if words and words[-1].startswith(wanted)
                else 1 if plain.startswith(wanted)
                else 2 if f" {wanted}" in f" {plain}"
                else 3
            )  # fmt: skip
            found = (rank, plain.find(wanted), index)
            best = found if best is None or found < best else best
        return None if best is None else best[2]


class _FoldingSelect(Select[str]):
    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _FoldingOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)


class LecturerPicker(_FoldingSelect):
    """One lecturer; ``value`` is their id (``Select.NULL`` when none is chosen)."""

    def __init__(
        self,
        lecturers: Iterable[Lecturer],
        value: str | None = None,
        *,
        prompt: str,
        id: str | None = None,
    ) -> None:
        options = [(Text(lec.full_name), lec.id) for lec in lecturers]
        known = {lecturer_id for _, lecturer_id in options}
        super().__init__(
            options, prompt=prompt, value=value if value in known else Select.NULL, id=id
        )

    @property
    def lecturer_id(self) -> str | None:
        return self.selection


class ObserverPicker(SelectionList[str]):
    """Several lecturers; ``value`` is the list of the chosen ids."""

    def __init__(
        self, lecturers: Iterable[Lecturer], chosen: Sequence[str] = (), *, id: str | None = None
    ) -> None:
        picked = set(chosen)
        super().__init__(
            *((Content(lec.full_name), lec.id, lec.id in picked) for lec in lecturers), id=id
        )

    @property
    def value(self) -> list[str]:
        return self.selected


class ProgrammePicker(Horizontal):
    """A programme from the Center's list, or typed when it is not there."""

    def __init__(self, programmes: Sequence[str], value: str = "", *, id: str | None = None):
        super().__init__(id=id)
        listed = list(dict.fromkeys(p for p in programmes if p))
        choice = value if value in listed else (OTHER if value else Select.NULL)
        options = [(Text(p), p) for p in listed] + [(tr("observations.programme_other"), OTHER)]
        self.select = _FoldingSelect(
            options, prompt=tr("observations.pick_programme"), value=choice
        )
        self.typed = Input(
            value if choice == OTHER else "", placeholder=tr("observations.programme_typed")
        )
        self.typed.display = choice == OTHER

    def compose(self) -> ComposeResult:
        yield self.select
        yield self.typed

    @property
    def value(self) -> str:
        if self.select.value == OTHER:
            return self.typed.value
        return self.select.selection or ""

    def focus(self, scroll_visible: bool = True) -> ProgrammePicker:
        self.select.focus(scroll_visible)
        return self

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.typed.display = event.value == OTHER
