"""The repeated rows of the meeting form: members, guests, updates, remarks, tasks.

Each row shows its inputs on one line and, under them, the reason it was
refused. A ``RowList`` holds the rows of one list with an "add" button after
them; a row's "×" button (or Ctrl+R in the form) removes it. Every row
reports its raw texts (``state``, typed as its kind of row in ``meeting_state``
or ``class_state``), so a half-typed due date survives in a draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from copy import copy
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Lecturer, Presence
from giangvien.vntext import format_date
from screens import meeting_state as ms
from screens.widgets.date_field import DateInput
from screens.widgets.lecturer_picker import LecturerPicker


def _input(value: str, placeholder: str, classes: str) -> Input:
    # Focus arriving in a row (Tab, or after a row was added or removed) must not
    # select the text there, or the next key typed would overwrite it.
    return Input(value, placeholder=tr(placeholder), classes=classes, compact=True,
                 select_on_focus=False)  # fmt: skip


def _due(value: str) -> DateInput:
    due = DateInput(optional=True)
    due.value = value
    due.compact = True
    due.select_on_focus = False
    due.add_class("mtg-due")
    return due


def _compact(picker: LecturerPicker, classes: str) -> LecturerPicker:
    picker.compact = True  # one line, like the inputs beside it
    picker.add_class(classes)
    return picker


R = TypeVar("R", bound=Mapping[str, Any])  # the state of one kind of row
Item = TypeVar("Item", bound=ms.OwnedState)  # a content update or a task


class MeetingRow(Vertical, Generic[R]):
    """One row: its inputs, an optional remove button, and its error line."""

    removable = True

    def __init__(self, row: R, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.row = row  # what the row was made from; its state until its inputs exist

    def compose_inputs(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Horizontal(classes="mtg-row-inputs"):
            yield from self.compose_inputs()
            if self.removable:
                tip = tr("meetings.remove_row_tip")
                yield Button("×", classes="mtg-remove", compact=True, tooltip=tip)
        yield Static("", markup=False, classes="mtg-row-error")

    def state(self) -> R:
        raise NotImplementedError

    def text(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def picked(self, selector: str) -> str:
        """The id of the lecturer picked there, "" for none."""
        return self.query_one(selector, LecturerPicker).lecturer_id or ""

    def first_input(self) -> Widget:
        return next(w for w in self.query("*") if w.can_focus)

    def bad_input(self) -> Widget:
        """Where to put the cursor when the row is refused."""
        return self.first_input()

    def show_error(self, message: str) -> None:
        self.query_one(".mtg-row-error", Static).update(message)
        self.set_class(bool(message), "-invalid")


class MemberRow(MeetingRow[ms.MemberState]):
    """A Center member: present, late, absent (with the reason) or not at this meeting."""

    removable = False

    def __init__(self, lecturer: Lecturer, row: ms.MemberState) -> None:
        super().__init__(row, classes="mtg-row mtg-member")
        self.lecturer = lecturer

    def compose_inputs(self) -> ComposeResult:
        yield Label(Content(self.lecturer.full_name), classes="mtg-member-name")
        options = [(tr(f"enum.presence_{p.value}"), p.value) for p in Presence]
        status = self.row["status"] or Select.NULL
        yield Select(options, prompt=tr("meetings.not_listed"), value=status, compact=True,
                     classes="mtg-status")  # fmt: skip
        yield _input(self.row["reason"], "meetings.reason_placeholder", "mtg-reason")

    def _status(self) -> str:
        chosen = self.query_one(".mtg-status", Select).selection  # a Presence's value
        return str(chosen) if chosen else ms.NOT_LISTED

    def bad_input(self) -> Widget:
        # An absence is refused for want of a reason: the reason is what to type.
        absent = self._status() == Presence.ABSENT.value
        return self.query_one(".mtg-reason", Input) if absent else self.first_input()

    def state(self) -> ms.MemberState:
        return {**self.row, "status": self._status(), "reason": self.text(".mtg-reason")}


class GuestRow(MeetingRow[ms.GuestState]):
    def __init__(self, row: ms.GuestState) -> None:
        super().__init__(row, classes="mtg-row mtg-guest")

    def compose_inputs(self) -> ComposeResult:
        yield _input(self.row["name"], "meetings.guest_name", "mtg-guest-name")
        yield _input(self.row["position"], "meetings.guest_position", "mtg-guest-position")

    def state(self) -> ms.GuestState:
        return {**self.row, "name": self.text(".mtg-guest-name"),
                "position": self.text(".mtg-guest-position")}  # fmt: skip


class _Owned(MeetingRow[Item]):
    """A content update or a task: texts, who does it, by when; done_on carried along."""

    def __init__(self, row: Item, people: list[Lecturer], classes: str) -> None:
        super().__init__(row, classes=f"mtg-row {classes}")
        self.people = people

    def compose_texts(self) -> ComposeResult:
        raise NotImplementedError

    def compose_inputs(self) -> ComposeResult:
        yield from self.compose_texts()
        prompt = tr("meetings.pick_owner")
        owner = self.row["owner_id"] or None
        yield _compact(LecturerPicker(self.people, owner, prompt=prompt), "mtg-owner")
        yield _due(self.row["due"])
        if self.row["done_on"]:
            done = format_date(dt.date.fromisoformat(self.row["done_on"]))
            yield Label(tr("meetings.done_on", date=done), classes="mtg-done")

    def due(self) -> str:
        return self.query_one(".mtg-due", DateInput).value


class UpdateRow(_Owned[ms.UpdateState]):
    def __init__(self, row: ms.UpdateState, people: list[Lecturer]) -> None:
        super().__init__(row, people, "mtg-update")

    def compose_texts(self) -> ComposeResult:
        yield _input(self.row["lesson"], "meetings.update_lesson", "mtg-lesson")
        yield _input(self.row["content"], "meetings.update_content", "mtg-content")

    def state(self) -> ms.UpdateState:
        return {**self.row, "lesson": self.text(".mtg-lesson"),
                "content": self.text(".mtg-content"), "owner_id": self.picked(".mtg-owner"),
                "due": self.due()}  # fmt: skip


class TaskRow(_Owned[ms.TaskState]):
    def __init__(self, row: ms.TaskState, people: list[Lecturer]) -> None:
        super().__init__(row, people, "mtg-task")

    def compose_texts(self) -> ComposeResult:
        yield _input(self.row["description"], "meetings.task_description", "mtg-description")

    def state(self) -> ms.TaskState:
        return {**self.row, "description": self.text(".mtg-description"),
                "owner_id": self.picked(".mtg-owner"), "due": self.due()}  # fmt: skip


class RemarkRow(MeetingRow[ms.RemarkState]):
    """Who spoke (a lecturer, or a name typed for someone else) and what they said."""

    def __init__(self, row: ms.RemarkState, people: list[Lecturer]) -> None:
        super().__init__(row, classes="mtg-row mtg-remark")
        self.people = people

    def compose_inputs(self) -> ComposeResult:
        with Vertical(classes="mtg-speaker"):
            prompt = tr("meetings.pick_speaker")
            who = self.row["lecturer_id"] or None
            yield _compact(LecturerPicker(self.people, who, prompt=prompt), "mtg-speaker-id")
            yield _input(self.row["name"], "meetings.speaker_typed", "mtg-speaker-name")
        yield TextArea(
            self.row["summary"],
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=tr("meetings.summary_placeholder"),
            classes="mtg-summary",
            compact=True,
        )

    def state(self) -> ms.RemarkState:
        return {"lecturer_id": self.picked(".mtg-speaker-id"),
                "name": self.text(".mtg-speaker-name"),
                "summary": self.query_one(".mtg-summary", TextArea).text}  # fmt: skip


class RowList(Vertical, Generic[R]):
    """The rows of one list of the form, then (when ``blank`` says what a new row holds,
    given the rows so far) a button adding one more."""

    def __init__(
        self,
        name: str,
        rows: list[R],
        make: Callable[[R], MeetingRow[R]],
        *,
        blank: Callable[[list[R]], R] | None = None,
        add_label: str = "",
    ) -> None:
        super().__init__(id=f"mtg-{name}", classes="mtg-list")
        self.list_name = name
        self.make = make
        self.initial = rows
        self.blank = blank
        self.addable = blank is not None
        self.add_label = add_label
        self._rows: list[MeetingRow[R]] = []

    def compose(self) -> ComposeResult:
        # The list's own record of its rows, in order: a row being mounted or
        # removed is already (or no longer) one of them, whatever the DOM says
        # at that moment, so a draft taken meanwhile never reads a half-built row.
        self._rows = [self.make(row) for row in self.initial]
        yield from self._rows
        if not self.addable:
            return
        label = self.add_label or tr(f"meetings.add_{self.list_name}")
        yield Button(label, classes="mtg-add", compact=True, tooltip=tr("meetings.key_add_row_tip"))

    @property
    def rows(self) -> list[MeetingRow[R]]:
        return list(self._rows)

    def state(self) -> list[R]:
        return [row.state() if row.is_mounted else copy(row.row) for row in self._rows]

    async def add(self) -> MeetingRow[R] | None:
        if self.blank is None:
            return None
        row = self.make(self.blank(self.state()))
        self._rows.append(row)
        await self.mount(row, before=self.query_one(".mtg-add"))
        row.first_input().focus()
        return row

    async def remove_row(self, row: MeetingRow[R]) -> None:
        at = self._rows.index(row)
        self._rows.remove(row)
        rest = self._rows
        # Focus moves first, onto the row now in that place (or the one before):
        # removing the focused row would otherwise send it somewhere far down.
        if rest:
            rest[min(at, len(rest) - 1)].first_input().focus()
        elif self.addable:
            self.query_one(".mtg-add").focus()
        await row.remove()

    @on(Button.Pressed, ".mtg-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add()

    @on(Button.Pressed, ".mtg-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = next(a for a in event.button.ancestors if isinstance(a, MeetingRow))
        await self.remove_row(row)


__all__ = ["GuestRow", "MeetingRow", "MemberRow", "RemarkRow", "RowList", "TaskRow",
           "UpdateRow"]  # fmt: skip
