"""The earlier sheets' suggestions a new sheet asks about, and an answer for each.

Grouped by the earlier sheet (its date, its observers); each suggestion is a
line of text beside an ``AnswerChoice``. The text is data (``markup=False``):
a suggestion reading "[TODO] thêm ví dụ" shows as written. What is asked is
the form's to decide (``observation_state.asked_about``); this widget shows it
and keeps the answers, read back with ``answers()``.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from typing import ClassVar, Final

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from giangvien.i18n import tr
from giangvien.vntext import format_date
from screens.base import area_keys
from screens.localise import localise_bindings
from screens.observation_state import ACTED, Answer, Asked, Choice, literal_of

# The answers in the order ←/→ walk through them; "" is "not answered".
CHOICES: Final[tuple[Choice, ...]] = ("", *ACTED)

key = area_keys("observations")


def label_of(acted: Choice) -> str:
    return tr(f"observations.answer_{acted or 'none'}")


class AnswerChoice(Widget, can_focus=True):
    """One suggestion's answer: ←/→ (or Space) step through them, 1 2 3 pick one, 0 clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("left", "step(-1)", "answer_previous", key_display="←"),
        key("right", "step(1)", "answer_next", key_display="→"),
        key("space", "step(1)", "answer_next"),
        key("1", "pick('done')", "answer_done"),
        key("2", "pick('partly')", "answer_partly"),
        key("3", "pick('not_yet')", "answer_not_yet"),
        key("0,delete,backspace", "pick('')", "answer_clear"),
    ]

    value: reactive[Choice] = reactive[Choice]("")
    """The answer: one of ``ACTED``, or "" when not answered."""

    class Changed(Message):
        def __init__(self, choice: AnswerChoice, value: Choice) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> AnswerChoice:
            return self.choice

    def __init__(self, value: Choice, *, asked: tuple[str, int], id: str | None = None) -> None:
        super().__init__(id=id)
        localise_bindings(self)
        # One place in the footer for all of them, so that the form's own keys still fit
        # at 80 columns; Help (F1) and the section's own line say what each does.
        answer = Binding.Group(tr("observations.key_answer"))
        table = self._bindings.key_to_bindings
        for name, bindings in table.items():
            table[name] = [replace(b, group=answer) for b in bindings]
        self.asked = asked
        self.set_reactive(AnswerChoice.value, value)
        self._restyle(self.value)

    def render(self) -> Text:
        return Text(f"‹ {label_of(self.value)} ›", no_wrap=True, overflow="ellipsis")

    def watch_value(self, value: Choice) -> None:
        self._restyle(value)
        self.post_message(self.Changed(self, value))

    def _restyle(self, value: Choice) -> None:
        for acted in CHOICES:
            self.set_class(acted == value, f"-{acted or 'none'}")

    def action_step(self, by: int) -> None:
        self.value = CHOICES[(CHOICES.index(self.value) + by) % len(CHOICES)]

    def action_pick(self, acted: str) -> None:
        self.value = literal_of(acted, CHOICES)  # the text of a binding: one of them, by design

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_step(1)


class SuggestionChecks(Vertical):
    """What the sheet asks about (``Asked``), grouped by earlier sheet; ``names`` by id."""

    def __init__(
        self,
        asked: list[Asked],
        names: dict[str, str],
        *,
        frozen: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.names = names
        self.frozen = frozen  # a signed sheet's answers: shown, no longer asked
        self.asked: list[Asked] = []
        self.acted: dict[tuple[str, int], Choice] = {}
        self._take(asked)

    def _take(self, asked: list[Asked]) -> None:
        self.asked = list(asked)
        self.acted = {a.key: a.acted for a in asked}

    def show(self, asked: list[Asked]) -> None:
        """Ask about ``asked`` instead (the lecturer or the date changed)."""
        if asked == self.asked:
            return
        self._take(asked)
        self.refresh(recompose=True)

    def shown(self) -> list[tuple[Asked, Choice]]:
        """Each suggestion asked about, with its answer ("": none)."""
        return [(a, self.acted.get(a.key, "")) for a in self.asked]

    def answers(self) -> list[Answer]:
        """The answered ones, as stored (a SuggestionCheck's data), in the order shown."""
        found: list[Answer] = []
        for asked, acted in self.shown():
            if acted:
                found.append(asked.answer(acted))
        return found

    def heading(self, asked: Asked) -> str:
        if asked.on is None:
            return tr("observations.followup_sheet_gone")
        who = ", ".join(self.names.get(i, "?") for i in asked.observer_ids)
        which = "followup_sheet_deleted" if asked.gone else "followup_sheet"
        return tr(f"observations.{which}", date=format_date(asked.on), observers=who)

    def compose(self) -> ComposeResult:
        if not self.asked:
            none = "followup_none_signed" if self.frozen else "followup_none"
            yield Static(tr(f"observations.{none}"), classes="checks-none muted")
            return
        if not self.frozen:
            yield Static(tr("observations.followup_hint"), classes="checks-hint muted")
        for _sheet, group in groupby(self.asked, key=lambda a: a.sheet_id):
            items = list(group)
            yield Static(self.heading(items[0]), markup=False, classes="checks-sheet")
            for asked in items:
                with Horizontal(classes="checks-row"):
                    yield Static("•", classes="checks-bullet")
                    yield Static(Text(asked.text), classes="checks-text")
                    yield AnswerChoice(self.acted.get(asked.key, ""), asked=asked.key)

    @on(AnswerChoice.Changed)
    def _answered(self, event: AnswerChoice.Changed) -> None:
        event.stop()
        self.acted[event.choice.asked] = event.value
