"""Exchange: this laptop's records to a file, another laptop's file brought in, conflicts.

Every write goes through the app's write queue (``gv.write``): saving the file,
bringing one in (planned again inside the write, so that what is stored is
merged with the records as they are then) and restoring a kept conflict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static

from giangvien import __version__
from giangvien.i18n import tr
from giangvien.models import Record
from giangvien.problems import Invalid
from screens.base import SectionScreen, area_keys
from screens.dashboard import current_day
from screens.removable import default_folder, export_name
from store.conflicts import Conflict
from store.exchange import ImportPlan, apply_import, describe, export_of, plan_lines, when
from store.guard import ProtectedPathError, is_protected, write_document
from store.repository import Repository, dump
from store.sync import brought_in, note_brought_in, shared_folder

key = area_keys("exchange_tui")


def local_time(iso: str) -> str:
    """An ISO moment as dd/mm/yyyy hh:mm, local time."""
    return when({"updated_at": iso})


def bring_in(repo: Repository, path: Path) -> ImportPlan:
    """Plan against the records as they are now, and store it (the write's call)."""
    from screens.import_preview_modal import planned

    plan = planned(repo, path)
    apply_import(repo, plan)
    note_brought_in(repo, plan)
    return plan


class ExchangeScreen(SectionScreen):
    SECTION = "exchange"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("s", "save_file", "save"),
        key("i", "bring_in", "bring_in"),
        key("r", "restore", "restore"),
        key("y", "app.sync_now", "sync"),
    ]

    def compose_content(self) -> ComposeResult:
        yield Static(tr("exchange_tui.title"), markup=False, classes="section-title")
        yield Static("", markup=False, id="exchange-laptop")
        yield Static(tr("exchange_tui.brought_heading"), markup=False, classes="exchange-heading")
        yield Static("", markup=False, id="exchange-brought")
        yield Static("", markup=False, id="conflicts-heading", classes="exchange-heading")
        table: DataTable[Text] = DataTable(
            id="conflict-table", cursor_type="row", zebra_stripes=True
        )
        # The columns of `giangvien conflicts`, the long one last so the others show.
        for name in ("id", "version", "edited", "laptop", "by", "record"):
            table.add_column(tr(f"exchange.col_{name}"), key=name)
        yield table
        yield Static("", markup=False, id="conflicts-note", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#conflict-table", DataTable).focus()

    # -- showing -------------------------------------------------------------

    def refresh_data(self) -> None:
        repo = self.gv.repo
        settings = repo.settings()
        name = ", ".join(p for p in (settings.organisation, settings.place_name) if p)
        folder = shared_folder(repo)
        about = [
            tr("exchange_tui.this_laptop", id=repo.laptop_id[:8]),
            tr("exchange_tui.center", name=name or tr("exchange_tui.unnamed_center")),
            tr("exchange_tui.shared_folder", folder=folder)
            if folder is not None
            else tr("exchange_tui.no_shared_folder"),
        ]
        self.query_one("#exchange-laptop", Static).update("\n".join(about))
        self.query_one("#exchange-brought", Static).update("\n".join(self._brought_lines()))
        self._fill_conflicts()

    def _brought_lines(self) -> list[str]:
        found = brought_in(self.gv.repo)
        if not found:
            return [tr("exchange_tui.brought_none")]
        lines = []
        for laptop, seen in sorted(found.items(), key=lambda kv: kv[1].get("at", ""), reverse=True):
            at = local_time(seen.get("at", ""))
            user, file = seen.get("user", ""), seen.get("file", "")
            lines.append(
                tr("exchange_tui.brought_line", id=laptop[:8], user=user, at=at, file=file)
                if user
                else tr("exchange_tui.brought_line_nouser", id=laptop[:8], at=at, file=file)
            )
        return lines

    def _fill_conflicts(self) -> None:
        repo = self.gv.repo
        table: DataTable[Text] = self.query_one("#conflict-table", DataTable)
        keep = self._highlighted_id()
        old_row = table.cursor_row
        found = repo.conflicts()
        names = repo.lecturer_names()
        table.clear()
        for conflict in found:
            laptop = conflict.lost_laptop
            where = tr("exchange.this_laptop") if laptop == repo.laptop_id else laptop[:8]
            who = names.get(str(conflict.version.get("edited_by") or ""), "")
            state = "state_deletion" if conflict.deletion else "state_edit"
            cells = [
                conflict.id[:8],
                tr(f"exchange.{state}"),
                when(conflict.version),
                where,
                who,
                describe(conflict.table, conflict.record_id, conflict.version, names),
            ]
            table.add_row(*(Text(c) for c in cells), key=conflict.id)
        if keep and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        elif table.row_count:
            table.move_cursor(row=min(old_row, table.row_count - 1))
        heading = tr("exchange_tui.conflicts_heading", count=len(found))
        self.query_one("#conflicts-heading", Static).update(heading)
        note = tr("exchange_tui.conflicts_hint") if found else tr("exchange_tui.conflicts_none")
        self.query_one("#conflicts-note", Static).update(note)

    def _highlighted_id(self) -> str | None:
        table: DataTable[Text] = self.query_one("#conflict-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    # -- saving this laptop's records ----------------------------------------

    def action_save_file(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        from screens.export_modal import ExportModal

        default = default_folder() / export_name(current_day(self.app))
        modal = ExportModal(tr("exchange_tui.save_title"), str(default))
        self.app.push_screen(modal, self._save_chosen)

    def _save_chosen(self, path: Path | None) -> None:
        if path is None:
            return
        data = self.gv.repo.datafile.path
        if is_protected(path, data):
            self.notify(str(ProtectedPathError(path, data)), severity="error", markup=False)
            return
        if not path.exists():
            self._save(path)
            return
        from screens.confirm_modal import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(path)

        question = tr("exchange_tui.confirm_overwrite", path=str(path))
        self.app.push_screen(ConfirmModal(question, safe_no=True), answered)

    def _save(self, path: Path) -> None:
        repo = self.gv.repo

        def save() -> int:
            document = export_of(repo, __version__)
            text = json.dumps(document, ensure_ascii=False, indent=1)
            write_document(path, text, data=repo.datafile.path)
            return sum(len(rows) for rows in document["tables"].values())

        def saved(count: int) -> None:
            self.notify(tr("exchange_tui.saved", count=count, path=str(path)), markup=False)

        self.gv.write(save, saved, self._refused, refresh=False)

    # -- bringing a file in ----------------------------------------------------

    def action_bring_in(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        from screens.import_preview_modal import ImportPreviewModal

        start = str(default_folder()).rstrip("/\\")
        modal = ImportPreviewModal(start + ("\\" if "\\" in start else "/"))
        self.app.push_screen(modal, self._import_confirmed)

    def _import_confirmed(self, path: Path | None) -> None:
        if path is None:
            return
        repo = self.gv.repo

        def done(plan: ImportPlan) -> None:
            self.notify(plan_lines(plan)[0], markup=False, timeout=8)

        self.gv.write(lambda: bring_in(repo, path), done, self._refused)

    # -- conflicts -------------------------------------------------------------

    @on(DataTable.RowSelected, "#conflict-table")
    def _row_chosen(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        repo = self.gv.repo
        found = self._highlighted_id()
        conflict = next((c for c in repo.conflicts() if c.id == found), None)
        if conflict is None:
            self.notify(tr("exchange_tui.nothing_highlighted"), severity="warning")
            return
        names = repo.lecturer_names()
        what = describe(conflict.table, conflict.record_id, conflict.version, names)
        from screens.confirm_modal import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(conflict)

        question = tr("exchange_tui.confirm_restore", what=what, edited=when(conflict.version))
        modal = ConfirmModal(question, yes=tr("exchange_tui.restore_button"), safe_no=True)
        self.app.push_screen(modal, answered)

    def _restore(self, conflict: Conflict) -> None:
        repo = self.gv.repo

        def done(restored: Record) -> None:
            names = repo.lecturer_names()
            what = describe(conflict.table, conflict.record_id, dump(restored), names)
            said = tr("exchange.restored", what=what, edited=when(conflict.version))
            self.notify(said, markup=False, timeout=8)

        self.gv.write(lambda: repo.restore_conflict(conflict.id), done, self._refused)

    def _refused(self, error: Invalid) -> None:
        said = "\n".join(p.sentence() for p in error.problems[:5])
        self.notify(said, severity="error", markup=False, timeout=10)
