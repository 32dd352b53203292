"""A record form whose lists are rows (``screens.meeting_rows``): a meeting, a class.

On ``RecordForm``'s lifecycle it adds what every such form shares: where a
problem of the record's list entry i is shown (the form row it came from, as
the state's ``build`` tells), where the cursor goes for a list refused as a
whole, and Ctrl+R removing the row the cursor is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.widget import Widget

from giangvien.problems import Problem
from screens.form_state import Draft, S
from screens.meeting_rows import MeetingRow, RowList
from screens.record_form import RecordForm, Spot
from screens.widgets.field import Field

# For each list of the record, where its entry i came from: (the form's list, its row).
Where = dict[str, list[tuple[str, int]]]


class RowsForm(RecordForm[S]):
    """Subclasses name ROW_LISTS (the record's lists shown as rows) and set ``_rows`` in check."""

    ROW_LISTS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, record: Any = None, draft: Draft | None = None) -> None:
        super().__init__(record, draft)
        self._rows: Where = {}

    def _list(self, name: str) -> RowList[Any]:
        return self.query_one(f"#mtg-{name}", RowList)

    def place(self, path: str) -> str:
        return path  # a row's day and the same row's owner (or hours) are two reasons

    def _row_of(self, path: str) -> MeetingRow[Any] | None:
        head, _, rest = path.partition(".")
        index = rest.partition(".")[0]
        if head not in self.ROW_LISTS or not index.isdigit():
            return None
        places = self._rows.get(head, [])
        if int(index) >= len(places):
            return None
        form_list, row = places[int(index)]
        rows = self._list(form_list).rows
        return rows[row] if row < len(rows) else None

    def spot_of(self, problem: Problem) -> Spot | None:
        row = self._row_of(problem.field)
        return (row, problem.message) if row is not None else None

    def spots(self) -> Iterable[Widget]:
        return self.query(MeetingRow)

    def focus_of(self, spot: Widget) -> Widget:
        if isinstance(spot, Field) and isinstance(spot.widget, RowList) and spot.widget.rows:
            return spot.widget.rows[0].bad_input()
        return super().focus_of(spot)

    def _focused_in(self, kind: type[Widget]) -> Widget | None:
        focused = self.focused
        if focused is None:
            return None
        return next((a for a in (focused, *focused.ancestors) if isinstance(a, kind)), None)

    async def action_remove_row(self) -> None:
        row = self._focused_in(MeetingRow)
        if isinstance(row, MeetingRow) and row.removable and isinstance(row.parent, RowList):
            await row.parent.remove_row(row)
