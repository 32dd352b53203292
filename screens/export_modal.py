"""Where to save an exported document: a path, prefilled, checked before it is used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from giangvien.i18n import tr
from screens.base import Modal
from screens.widgets.field import Field
from store.errors import StoreError
from store.guard import ProtectedPathError, is_protected, write_document


class ExportModal(Modal):
    """Dismisses with the chosen file (``~`` expanded), or None when cancelled.

    Whether the file exists is the caller's question (it asks before overwriting).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "documents.key_cancel", id="export-cancel"),
    ]

    def __init__(self, title: str, default: str) -> None:
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(self.title_text, markup=False, classes="section-title")
            path = Input(self.default, id="export-path")
            yield Field(tr("documents.export_path"), path, name="path")
            yield Static(tr("documents.export_hint"), classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _chosen(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        field = self.query_one(Field)
        if not text:
            field.show_error(tr("documents.export_no_path"))
            return
        path = Path(text).expanduser()
        if path.is_dir():
            field.show_error(tr("documents.export_is_folder", path=path))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportSentences:
    """Catalogue keys of what a user reads around one kind of export."""

    confirm_overwrite: str  # {path}
    exported: str  # {path}
    failed: str  # {path}, {reason}


Payload = str | bytes | Callable[[], str | bytes]


def save_export(
    screen: Screen[Any], path: Path | None, payload: Payload, said: ExportSentences
) -> None:
    """Write ``payload`` (text, or a Word file's bytes, or what makes either) to the
    chosen ``path`` (None: cancelled), asking first before replacing a file; the
    document is made and written in a thread, which says how it went."""
    if path is None:
        return
    data = screen.app.repo.datafile.path  # type: ignore[attr-defined]
    if is_protected(path, data):
        refused = tr(said.failed, path=str(path), reason=str(ProtectedPathError(path, data)))
        screen.notify(refused, severity="error", markup=False)
        return
    if not path.exists():
        _write(screen, path, payload, said)
        return
    from screens.confirm_modal import ConfirmModal

    def answered(yes: bool | None) -> None:
        if yes:
            _write(screen, path, payload, said)

    question = tr(said.confirm_overwrite, path=str(path))
    screen.app.push_screen(ConfirmModal(question, safe_no=True), answered)


def _write(screen: Screen[Any], path: Path, payload: Payload, said: ExportSentences) -> None:
    def write() -> None:
        made = payload() if callable(payload) else payload
        try:
            # Atomic, and never onto the data file, its lock or its backups.
            write_document(path, made, data=screen.app.repo.datafile.path)  # type: ignore[attr-defined]
        except (OSError, StoreError) as error:
            reason = str(error) if isinstance(error, StoreError) else error.strerror or str(error)
            failed = tr(said.failed, path=str(path), reason=reason)
            screen.app.call_from_thread(screen.notify, failed, severity="error", markup=False)
            return
        done = tr(said.exported, path=str(path))
        screen.app.call_from_thread(screen.notify, done, markup=False)

    screen.run_worker(write, thread=True, exit_on_error=False, description="write an export")
