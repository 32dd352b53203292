"""The attendance grid of a briefing session: one row a person, one key a mark.

Every active lecturer is a row (present unless marked otherwise); guests are
added by name. On the table, one key marks the highlighted row and moves on:
c/p present, m/l late, v/a absent — the Vietnamese and the English initials
both work, and the footer shows those of the user's language. An absence
opens the reason box below the table; Enter there goes back to the table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label

from giangvien.i18n import tr
from giangvien.models import Presence
from screens.localise import localise_bindings
from screens.session_state import RowState, row_state

BAD = "bold red"
MARKS = {"present": Presence.PRESENT, "late": Presence.LATE, "absent": Presence.ABSENT}
GUEST_FIELDS = ("name", "position", "unit")


def _key(keys: str, action: str, name: str) -> Binding:
    tip = f"sessions.key_{name}"
    return Binding(keys, action, tip, id=f"sessions-{name}", tooltip=f"{tip}_tip")


class GridTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        _key("c,p", "mark('present')", "present"),
        _key("m,l", "mark('late')", "late"),
        _key("v,a", "mark('absent')", "absent"),
        _key("r", "reason", "reason"),
        _key("delete", "drop_guest", "drop_guest"),
    ]

    class Marked(Message):
        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        localise_bindings(self)
        # Both initials work; the footer names the user's own.
        table = self._bindings.key_to_bindings
        for keys, bindings in table.items():
            table[keys] = [self._shown(b) for b in bindings]

    @staticmethod
    def _shown(binding: Binding) -> Binding:
        name = (binding.id or "").removeprefix("sessions-")
        if name in MARKS:
            return replace(binding, key_display=tr(f"sessions.key_{name}_display"))
        return binding

    def action_mark(self, status: str) -> None:
        self.post_message(self.Marked(status))

    def action_reason(self) -> None:
        self.post_message(self.Marked("reason"))

    def action_drop_guest(self) -> None:
        self.post_message(self.Marked("drop_guest"))


class AttendanceGrid(Vertical):
    """``rows`` are row states; ``state`` reads them back as typed."""

    def __init__(
        self, rows: list[RowState], names: dict[str, str], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.rows: list[RowState] = [RowState(**r) for r in rows]
        self.names = names
        self.table = GridTable(id="grid-table")
        self.reason_label = Label("", markup=False)
        self.reason = Input(placeholder=tr("sessions.reason_placeholder"), id="grid-reason")
        self.reason_line = Horizontal(self.reason_label, self.reason, classes="grid-line")
        self.reason_line.display = False
        self.guest = {
            name: Input(placeholder=tr(f"sessions.guest_{name}"), classes="guest-input")
            for name in GUEST_FIELDS
        }
        self.refused: set[int] = set()

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.reason_line
        with Horizontal(classes="grid-line"):
            yield Label(tr("sessions.guest_label"), markup=False)
            yield from self.guest.values()
            yield Button(tr("sessions.guest_add"), id="grid-add-guest", compact=True)

    def on_mount(self) -> None:
        for column, width in (("col_person", 34), ("col_status", 12), ("col_reason", 36)):
            self.table.add_column(tr(f"sessions.{column}"), width=width, key=column)
        for index in range(len(self.rows)):
            self.table.add_row(*self._cells(index), key=str(index))

    @property
    def state(self) -> list[RowState]:
        return [RowState(**r) for r in self.rows]

    def focus(self, scroll_visible: bool = True) -> AttendanceGrid:
        self.table.focus(scroll_visible)
        return self

    # -- showing -----------------------------------------------------------

    def who(self, index: int) -> str:
        row = self.rows[index]
        if row["lecturer_id"]:
            return self.names.get(row["lecturer_id"], "?")
        extra = ", ".join(p for p in (row["position"], row["unit"]) if p)
        guest = tr("sessions.guest_mark")
        return f"{row['name']} ({extra}) {guest}" if extra else f"{row['name']} {guest}"

    def _cells(self, index: int) -> tuple[Text, Text, Text]:
        row = self.rows[index]
        status = Text(tr(f"enum.presence_{row['status']}"))
        reason = Text(row["reason"])
        if index in self.refused and row["status"] == "absent" and not row["reason"].strip():
            reason = Text(tr("sessions.reason_missing"), style=BAD)
        return Text(self.who(index)), status, reason

    def _redraw(self, index: int) -> None:
        for column, cell in zip(("col_person", "col_status", "col_reason"), self._cells(index),
                                strict=True):  # fmt: skip
            self.table.update_cell(str(index), column, cell)

    def _current(self) -> int | None:
        if not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def show_refused(self, indexes: set[int]) -> None:
        """Flag absences without a reason at their rows; go to the first."""
        self.refused = indexes
        for index in range(len(self.rows)):
            self._redraw(index)
        if indexes:
            self.table.move_cursor(row=self.table.get_row_index(str(min(indexes))))
            self._show_reason(min(indexes))
            self.reason.focus()

    def _show_reason(self, index: int | None) -> None:
        absent = index is not None and self.rows[index]["status"] == "absent"
        self.reason_line.display = absent
        if index is not None and absent:
            self.reason_label.update(tr("sessions.reason_of", name=self.who(index)))
            with self.reason.prevent(Input.Changed):
                self.reason.value = self.rows[index]["reason"]

    # -- events ------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#grid-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_reason(self._current())

    @on(GridTable.Marked)
    def _marked(self, event: GridTable.Marked) -> None:
        event.stop()
        index = self._current()
        if index is None:
            return
        if event.action == "drop_guest":
            self._drop_guest(index)
            return
        if event.action in MARKS:
            self.rows[index]["status"] = MARKS[event.action].value
            self._redraw(index)
        self._show_reason(index)
        if self.rows[index]["status"] == "absent" and event.action in ("absent", "reason"):
            self.reason.focus()
        elif event.action in MARKS:
            self.table.action_cursor_down()

    @on(Input.Changed, "#grid-reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        event.stop()
        index = self._current()
        if index is not None and self.rows[index]["status"] == "absent":
            self.rows[index]["reason"] = event.value
            self._redraw(index)

    @on(Input.Submitted, "#grid-reason")
    def _reason_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
        self.table.action_cursor_down()

    @on(Input.Submitted, ".guest-input")
    @on(Button.Pressed, "#grid-add-guest")
    def _add_guest(self, event: Message) -> None:
        event.stop()
        name, position, unit = (self.guest[n].value.strip() for n in GUEST_FIELDS)
        if not name:
            self.guest["name"].focus()
            return
        self.rows.append(row_state(name=name, position=position, unit=unit))
        index = len(self.rows) - 1
        self.table.add_row(*self._cells(index), key=str(index))
        for widget in self.guest.values():
            widget.value = ""
        self.table.move_cursor(row=self.table.row_count - 1)
        self.guest["name"].focus()

    def _drop_guest(self, index: int) -> None:
        if self.rows[index]["lecturer_id"]:
            self.app.notify(tr("sessions.not_a_guest"), severity="warning")
            return
        del self.rows[index]
        # Row keys are positions: the rows after it move up one.
        self.table.clear()
        for position in range(len(self.rows)):
            self.table.add_row(*self._cells(position), key=str(position))
        self.refused = {i - (i > index) for i in self.refused if i != index}
        if self.rows:
            self.table.move_cursor(row=min(index, len(self.rows) - 1))

    def data(self) -> list[dict[str, Any]]:
        """The Attendance data of every row (reasons kept only for absences)."""
        found = []
        for row in self.rows:
            person = ({"lecturer_id": row["lecturer_id"]} if row["lecturer_id"]
                      else {"name": row["name"], "position": row["position"],
                            "unit": row["unit"]})  # fmt: skip
            reason = row["reason"] if row["status"] == "absent" else ""
            found.append({**person, "status": row["status"], "reason": reason})
        return found
