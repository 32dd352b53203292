"""A section that lists one kind of record in a table: new, open, delete."""

from __future__ import annotations

from importlib import import_module
from typing import Any, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable

from giangvien.i18n import tr
from giangvien.models import Record
from screens.base import SectionScreen


class RecordListScreen(SectionScreen):
    """Subclasses set MODEL and TABLE (the id of the records' DataTable) and
    say which form a record opens in and how its deletion is asked."""

    MODEL: ClassVar[type[Record]]
    TABLE: ClassVar[str] = ""
    # The modules of the forms this list opens. Imported in a thread once the list is
    # shown, so that the first `n` or Enter does not wait for them: 60-140 ms for the
    # observation and trial forms, the most of it Textual's TextArea and Select.
    FORMS: ClassVar[tuple[str, ...]] = ()
    # Merged by Textual with each list's own keys.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "h", "history", "app.key_history", id="list-history", tooltip="app.key_history_tip"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The record the cursor goes to when the list is next shown (one just saved).
        self._want: str | None = None

    # -- what each list says for itself ---------------------------------------

    def form(self, record: Any) -> Screen[str | None]:
        """The form that edits ``record`` (None: a new one)."""
        raise NotImplementedError

    def delete_question(self, record: Any) -> str:
        raise NotImplementedError

    def deletable_now(self) -> bool:
        """False while the section shows something other than its list."""
        return True

    def show_saved(self) -> None:
        """Show the list again after a form saved; the cursor goes to ``_want``."""
        self.refresh_data()

    def shown_model(self) -> type[Record]:
        """The kind of record listed now (a section may list two kinds, one at a time)."""
        return self.MODEL

    def shown_table(self) -> str:
        return self.TABLE

    def said(self, name: str) -> str:
        """A sentence of the section about the records listed now (``not_found``, ``deleted``)."""
        return tr(f"{self.SECTION}.{name}")

    # -- shared --------------------------------------------------------------

    @on(events.Mount)
    def _import_forms(self) -> None:
        if self.FORMS:
            forms = self.FORMS
            self.run_worker(lambda: [import_module(m) for m in forms], thread=True,
                            group="forms", exit_on_error=False)  # fmt: skip

    def _highlighted(self) -> str | None:
        table = self.query_one(f"#{self.shown_table()}", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_new(self) -> None:
        if not self.gv.refuse_if_read_only():
            self._open_form(None)

    def action_open(self) -> None:
        chosen = self._highlighted()
        if chosen is not None:
            self.open_record(chosen)

    def open_record(self, record_id: str) -> None:
        """Open one record in its form (also for the command palette and the dashboard)."""
        record = self.gv.repo.get(self.shown_model(), record_id)
        if record is None or record.deleted:
            self.notify(self.said("not_found"), severity="warning")
            return
        self._open_form(record)

    def _open_form(self, record: Any) -> None:
        self.app.push_screen(self.form(record), self._closed_form)

    def _closed_form(self, saved_id: str | None) -> None:
        if saved_id:
            self._want = saved_id
            self.show_saved()

    def action_history(self) -> None:
        chosen = self._highlighted()
        record = self.gv.repo.get(self.shown_model(), chosen) if chosen else None
        if record is not None:
            from screens.history_modal import HistoryModal

            self.app.push_screen(HistoryModal(self.gv.repo, record))

    def action_delete(self) -> None:
        chosen = self._highlighted()
        record = self.gv.repo.get(self.shown_model(), chosen) if chosen else None
        if record is None or record.deleted or not self.deletable_now():
            return
        if self.gv.refuse_if_read_only():
            return
        from screens.confirm_modal import ConfirmModal

        model, repo, done = self.shown_model(), self.gv.repo, self.said("deleted")

        def answered(yes: bool | None) -> None:
            if yes:
                self.gv.write(lambda: repo.delete(model, record.id), lambda _: self.notify(done))

        self.app.push_screen(ConfirmModal(self.delete_question(record)), answered)
