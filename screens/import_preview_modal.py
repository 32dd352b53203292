"""Bringing in another laptop's file: its path, then what it would change, then yes.

The file is read, checked and merged against what is stored (store.exchange.
plan_import) through the app's write queue, so it never races a write; that
stores nothing. The modal dismisses with the file's path only when the user
confirms a preview; the section then plans again and stores it in one write.
Everything shown of the file is data, never markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from giangvien.i18n import tr
from giangvien.problems import Invalid, Problem
from screens.base import Modal, area_keys
from screens.widgets.field import Field
from screens.writes import Write, WriteFailed, WriteRefused, WriteSaved
from store.exchange import ImportPlan, plan_import, plan_lines
from store.repository import Repository

key = area_keys("exchange_tui")


def planned(repo: Repository, path: Path) -> ImportPlan:
    """``plan_import``, its refusal of the file as a whole made one of the store's
    refusals (an Invalid), so that the write queue says it as a sentence."""
    try:
        return plan_import(repo, path)
    except ValueError as error:
        raise Invalid([Problem("", str(error))]) from None


def preview_lines(plan: ImportPlan, center_id: str) -> list[str]:
    """What bringing ``plan`` in would do, in words (the summary in the future tense)."""
    result = plan.result
    lines: list[str] = []
    if plan.laptop:
        lines.append(
            tr("exchange_tui.preview_from", laptop=plan.laptop[:8], user=plan.user)
            if plan.user
            else tr("exchange_tui.preview_from_nouser", laptop=plan.laptop[:8])
        )
    if plan.settle_center is not None and plan.settle_center != center_id:
        lines.append(tr("exchange_tui.preview_joins"))
    described = plan_lines(plan)
    if not result.changed:
        return [*lines, *described]
    lines.append(
        tr(
            "exchange_tui.preview_summary",
            added=len(result.added),
            updated=len(result.updated),
            conflicts=len(result.conflicts),
            unchanged=result.unchanged,
        )
    )
    lines += described[1:]
    if result.conflicts:
        lines.append(tr("exchange_tui.preview_conflicts_note"))
    return lines


class ImportPreviewModal(Modal[Path | None]):
    """Dismisses with the file to bring in (the user saw its preview), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "apply", "apply"),
        key("escape", "cancel", "cancel"),
    ]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self.plan: ImportPlan | None = None
        self.path: Path | None = None
        self._reading = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static(tr("exchange_tui.import_title"), markup=False, classes="section-title")
            path = Input(self.default, id="import-path")
            yield Field(tr("exchange_tui.import_path"), path, name="path")
            yield Static(tr("exchange_tui.import_hint"), markup=False, classes="muted")
            with VerticalScroll(id="import-preview"):
                yield Static("", markup=False, id="import-lines")
            with Horizontal(id="import-buttons"):
                apply = Button(
                    Content(tr("exchange_tui.apply_button")),
                    variant="primary",
                    id="import-apply",
                    disabled=True,
                )
                yield apply
                yield Button(Content(tr("exchange_tui.cancel_button")), id="import-cancel")
        yield Footer()

    def on_mount(self) -> None:
        path = self.query_one("#import-path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    # -- reading the file ----------------------------------------------------

    def _show(self, lines: list[str], *, refused: bool = False) -> None:
        shown = self.query_one("#import-lines", Static)
        shown.update("\n".join(lines))
        shown.set_class(refused, "-refused")

    @on(Input.Changed, "#import-path")
    def _edited(self) -> None:
        # Another path: the preview shown is no longer what would be brought in.
        self.query_one(Field).clear_error()
        if self.plan is not None or self.path is not None:
            self.plan = self.path = None
            self._show([])
            self.query_one("#import-apply", Button).disabled = True

    @on(Input.Submitted, "#import-path")
    def _chosen(self, event: Input.Submitted) -> None:
        event.stop()
        if self._reading:
            return
        text = event.value.strip()
        field = self.query_one(Field)
        if not text:
            field.show_error(tr("exchange_tui.import_no_path"))
            return
        path = Path(text).expanduser()
        if path.is_dir():
            field.show_error(tr("exchange_tui.import_is_folder", path=path))
            return
        if not path.exists():
            field.show_error(tr("exchange_tui.import_missing", path=path))
            return
        if self.gv.refuse_if_read_only():
            return
        self._reading = True
        self.plan, self.path = None, path
        self.query_one("#import-apply", Button).disabled = True
        self._show([tr("exchange_tui.import_reading")])
        repo = self.gv.repo
        self.gv.submit(Write(lambda: planned(repo, path), to=self, what="plan", refresh=False))

    def on_write_saved(self, message: WriteSaved) -> None:
        self._reading = False
        plan = message.result
        if not isinstance(plan, ImportPlan) or plan.path != self.path:
            return  # the path was changed while the file was read
        self.plan = plan
        self._show(preview_lines(plan, self.gv.repo.center_id))
        apply = self.query_one("#import-apply", Button)
        apply.disabled = not plan.changed
        if plan.changed:
            apply.focus()

    def on_write_refused(self, message: WriteRefused) -> None:
        self._refused([p.sentence() for p in message.problems])

    def on_write_failed(self, message: WriteFailed) -> None:
        self._refused([message.reason])

    def _refused(self, sentences: list[str]) -> None:
        self._reading = False
        self.plan = None
        self._show([tr("exchange_tui.refused"), *sentences], refused=True)
        self.query_one("#import-apply", Button).disabled = True

    # -- answers -------------------------------------------------------------

    def action_apply(self) -> None:
        if self.plan is None:
            if not self._reading:
                self.query_one(Field).show_error(tr("exchange_tui.read_first"))
            return
        if not self.plan.changed:
            self.notify(tr("exchange_tui.nothing_to_apply"), severity="warning")
            return
        self.dismiss(self.plan.path)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#import-apply")
    def _apply_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#import-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
