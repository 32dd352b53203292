"""The lecturers of the Center: search, add, edit, archive, delete."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.problems import Invalid
from giangvien.vntext import format_date, matches
from screens.base import SectionScreen
from screens.confirm_modal import ConfirmModal
from screens.lecturer_form_modal import LecturerFormModal

# A Center has a handful of lecturers; the cap only guards a merged or imported file.
PAGE = 200


def _searchable(lec: Lecturer) -> str:
    return " ".join((lec.full_name, lec.title, lec.unit))


class LecturersScreen(SectionScreen):
    SECTION = "lecturers"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n", "add", "lecturers.key_add", id="lecturers-add", tooltip="lecturers.key_add_tip"
        ),
        Binding(
            "e", "edit", "lecturers.key_edit", id="lecturers-edit", tooltip="lecturers.key_edit_tip"
        ),
        Binding(
            "x",
            "archive",
            "lecturers.key_archive",
            id="lecturers-archive",
            tooltip="lecturers.key_archive_tip",
        ),
        Binding(
            "delete",
            "delete",
            "lecturers.key_delete",
            id="lecturers-delete",
            tooltip="lecturers.key_delete_tip",
        ),
        Binding(
            "a",
            "toggle_archived",
            "lecturers.key_show_archived",
            id="lecturers-show-archived",
            tooltip="lecturers.key_show_archived_tip",
        ),
        Binding(
            "slash",
            "search",
            "lecturers.key_search",
            id="lecturers-search",
            tooltip="lecturers.key_search_tip",
        ),
        Binding(
            "h", "history", "app.key_history", id="lecturers-history", tooltip="app.key_history_tip"
        ),
        Binding("escape", "back_to_list", "lecturers.key_back", id="lecturers-back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self._wanted: str | None = None  # a lecturer to highlight once the table is filled
        self._filled = False

    def compose_content(self) -> ComposeResult:
        yield Static(tr("lecturers.title"), markup=False, classes="section-title")
        yield Input(placeholder=tr("lecturers.search_placeholder"), id="lecturer-search")
        table: DataTable[Text] = DataTable(
            id="lecturer-table", cursor_type="row", zebra_stripes=True
        )
        table.add_column(tr("field.name"), key="name")
        table.add_column(tr("field.position"), key="position")
        table.add_column(tr("field.employment"), key="employment")
        table.add_column(tr("field.unit"), key="unit")
        table.add_column(tr("field.start_date"), key="start_date")
        table.add_column(tr("lecturers.col_status"), key="status")
        yield table
        yield Static("", markup=False, id="lecturer-count", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#lecturer-table", DataTable).focus()

    # -- showing -------------------------------------------------------------

    def refresh_data(self) -> None:
        table: DataTable[Text] = self.query_one("#lecturer-table", DataTable)
        keep = self._wanted or self._highlighted_id()
        old_row = table.cursor_row
        query = self.query_one("#lecturer-search", Input).value
        everyone = self.gv.repo.lecturers(include_archived=True)
        if keep and self._wanted:
            self._reveal(keep, everyone, query)
            query = self.query_one("#lecturer-search", Input).value
        shown = [
            lec
            for lec in everyone
            if (self.show_archived or not lec.archived) and matches(query, _searchable(lec))
        ]
        table.clear()
        for lec in shown[:PAGE]:
            table.add_row(*self._cells(lec), key=lec.id)
        self._filled = True
        self._wanted = None
        self._count(shown, everyone, query)
        if keep and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        elif table.row_count:
            # The highlighted one went (deleted, archived): stay near where it was.
            table.move_cursor(row=min(old_row, table.row_count - 1))

    def _reveal(self, lecturer_id: str, everyone: list[Lecturer], query: str) -> None:
        # Asked for by id (the command palette): make sure the row is in the table.
        lec = next((lec for lec in everyone if lec.id == lecturer_id), None)
        if lec is None:
            return
        if lec.archived:
            self.show_archived = True
        if not matches(query, _searchable(lec)):
            search = self.query_one("#lecturer-search", Input)
            with search.prevent(Input.Changed):
                search.value = ""

    @staticmethod
    def _cells(lec: Lecturer) -> list[Text]:
        return [
            Text(lec.full_name),
            Text(tr(f"enum.position_{lec.position.value}")),
            Text(tr(f"enum.employment_{lec.employment.value}")),
            Text(lec.unit),
            Text(format_date(lec.start_date) if lec.start_date else ""),
            Text(tr("lecturers.status_archived") if lec.archived else ""),
        ]

    def _count(self, shown: list[Lecturer], everyone: list[Lecturer], query: str) -> None:
        hidden = 0 if self.show_archived else sum(1 for lec in everyone if lec.archived)
        if not everyone:
            line = tr("lecturers.empty")
        elif not shown and query.strip():
            line = tr("lecturers.none_found", query=query)
        elif hidden:
            line = tr("lecturers.count_hidden", shown=len(shown), hidden=hidden)
        else:
            line = tr("lecturers.count", shown=len(shown))
        if len(shown) > PAGE:
            line += " " + tr("lecturers.more", more=len(shown) - PAGE)
        self.query_one("#lecturer-count", Static).update(line)

    def _highlighted_id(self) -> str | None:
        table: DataTable[Text] = self.query_one("#lecturer-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _highlighted(self) -> Lecturer | None:
        found = self._highlighted_id()
        lec = self.gv.repo.get(Lecturer, found) if found else None
        if lec is None:
            self.notify(tr("lecturers.nothing_highlighted"), severity="warning")
        return lec

    def select_lecturer(self, lecturer_id: str) -> None:
        """Highlight ``lecturer_id``; works before the table is filled, too."""
        self._wanted = lecturer_id
        if self._filled:
            self.refresh_data()
            self.query_one("#lecturer-table", DataTable).focus()

    @on(Input.Changed, "#lecturer-search")
    def _search(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#lecturer-search")
    def _search_done(self) -> None:
        self.query_one("#lecturer-table", DataTable).focus()

    @on(DataTable.RowSelected, "#lecturer-table")
    def _row_chosen(self) -> None:
        self.action_edit()

    # -- actions -------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#lecturer-search", Input).focus()

    def action_back_to_list(self) -> None:
        self.query_one("#lecturer-table", DataTable).focus()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_data()

    def action_add(self) -> None:
        if not self.gv.refuse_if_read_only():
            self.app.push_screen(LecturerFormModal(), self._form_closed)

    def action_edit(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        lec = self._highlighted()
        if lec is not None:
            self.app.push_screen(LecturerFormModal(lec), self._form_closed)

    def action_history(self) -> None:
        lec = self._highlighted()
        if lec is not None:
            from screens.history_modal import HistoryModal

            self.app.push_screen(HistoryModal(self.gv.repo, lec))

    def _renew_user(self) -> None:
        # The header shows the user's name: an edit, archive or delete of them shows at once.
        self.gv.user = self.gv.repo.current_user()

    def _form_closed(self, saved: object) -> None:
        if isinstance(saved, Lecturer):
            self._renew_user()
            self.notify(tr("lecturers.saved_done", name=saved.full_name), markup=False)
            self.select_lecturer(saved.id)

    def action_archive(self) -> None:
        lec = self._highlighted()
        if lec is None:
            return
        repo = self.gv.repo

        def done(saved: Lecturer) -> None:
            self._renew_user()
            key = "lecturers.archived_done" if saved.archived else "lecturers.unarchived_done"
            self.notify(tr(key, name=saved.full_name), markup=False)

        self.gv.write(lambda: repo.archive(lec.id, not lec.archived), done)

    def action_delete(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        lec = self._highlighted()
        if lec is None:
            return
        repo = self.gv.repo

        def answered(yes: object) -> None:
            if yes:
                self.gv.write(lambda: repo.delete(Lecturer, lec.id), deleted, refused)

        def deleted(_: Lecturer) -> None:
            self._renew_user()
            self.notify(tr("lecturers.deleted_done", name=lec.full_name), markup=False)

        def refused(error: Invalid) -> None:
            message = "\n".join(p.message for p in error.problems)
            self.notify(message, severity="error", markup=False, timeout=8)

        question = tr("lecturers.confirm_delete", name=lec.full_name)
        self.app.push_screen(ConfirmModal(question), answered)
