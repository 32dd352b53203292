"""Asks a person's PIN (giangvien.pins), or has a leader set one on first use."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.pins import MAX_DIGITS, TRIES, pin_problem
from giangvien.vntext import format_time
from screens.base import Modal
from screens.widgets.field import Field
from store.pins import Tried, has_pin, set_pin, try_pin


class PinModal(Modal[bool | None]):
    """Dismisses True once ``person``'s PIN is given (or set), None when cancelled.

    ``set_own``: the person is setting their own PIN (Settings), not proving it.
    Nothing typed here is kept on screen after it closes, logged or stored, but
    its salted hash.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", "pin.key_confirm", id="pin-confirm", priority=True),
        Binding("escape", "cancel", "pin.key_cancel", id="pin-cancel"),
    ]

    def __init__(self, person: Lecturer, *, leader: bool = True, set_own: bool = False) -> None:
        super().__init__()
        self.person = person
        self.setting = set_own or not has_pin(self.gv.repo, person.id)
        name = person.full_name
        if set_own:
            self.question = tr("pin.set_own_title", name=name)
        elif self.setting:
            self.question = tr("pin.set_title", name=name)
        elif leader:
            self.question = tr("pin.ask_title", name=name)
        else:
            self.question = tr("pin.ask_lecturer_title", name=name)

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(self.question, markup=False, id="pin-question")
            pin = Input(id="pin", password=True, max_length=MAX_DIGITS, restrict=r"[0-9]*")
            yield Field(tr("pin.pin"), pin, name="pin")
            if self.setting:
                again = Input(id="pin-again", password=True, max_length=MAX_DIGITS,
                              restrict=r"[0-9]*")  # fmt: skip
                yield Field(tr("pin.again"), again, name="again")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()

    def _field(self, name: str) -> Field:
        return next(f for f in self.query(Field) if f.name == name)

    @on(Input.Submitted, "#pin")
    def _next(self) -> None:
        if self.setting:
            self.query_one("#pin-again", Input).focus()
        else:
            self.action_confirm()

    @on(Input.Submitted, "#pin-again")
    def action_confirm(self) -> None:
        pin = self.query_one("#pin", Input).value
        for field in self.query(Field):
            field.clear_error()
        if self.setting:
            self._set(pin)
        else:
            self._try(pin)

    def _set(self, pin: str) -> None:
        problem = pin_problem(pin)
        if problem:
            self._refuse("pin", problem)
            return
        if self.query_one("#pin-again", Input).value != pin:
            self._refuse("again", tr("pin.mismatch"))
            return
        repo, person = self.gv.repo, self.person
        self.gv.write(
            lambda: set_pin(repo, person.id, pin),
            lambda _: self._done(),
            lambda error: self._refuse("pin", error.problems[0].message),
            refresh=False,
        )

    def _try(self, pin: str) -> None:
        repo, person = self.gv.repo, self.person
        self.gv.write(
            lambda: try_pin(repo, person.id, pin, datetime.now().astimezone()),
            self._tried,
            lambda error: self._refuse("pin", error.problems[0].message),
            refresh=False,
        )

    def _done(self) -> None:
        self.dismiss(True)

    def _tried(self, tried: Tried) -> None:
        if tried.ok:
            self._done()
            return
        if tried.wait_until is not None:
            at = format_time(tried.wait_until.astimezone().time())
            self._refuse("pin", tr("pin.wait", tries=TRIES, time=at))
        else:
            self._refuse("pin", tr("pin.wrong"))

    def _refuse(self, name: str, message: str) -> None:
        pin = self.query_one("#pin", Input)
        pin.value = ""
        if self.setting:
            self.query_one("#pin-again", Input).value = ""
        self._field(name).show_error(message)
        pin.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
