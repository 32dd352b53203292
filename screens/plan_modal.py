"""One lecturer's numbers in the year's plan: times to be observed, to observe, trials.

Saved through the same gate as ``giangvien plan --set``: a number out of range
is refused beside its box and nothing is stored.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Static

from giangvien.development import Data
from giangvien.i18n import tr
from giangvien.models import PlanEntry
from giangvien.plan import PARTS, PlanRow, set_numbers
from giangvien.problems import Invalid, Problem
from screens.base import Modal
from screens.widgets.field import Field, clear_error_of, refuse_at_fields, show_problems


class PlanModal(Modal):
    """Dismisses with the saved entry, or None when closed without saving."""

    UNSAVED_WHERE = "plan.quit_where"  # asked on quit (screens.quit_modal)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "plan.key_save", id="plan-form-save",
                tooltip="plan.key_save_tip"),
        Binding("escape", "cancel", "plan.key_cancel", id="plan-form-cancel",
                tooltip="plan.key_cancel_tip"),
    ]  # fmt: skip

    def __init__(self, year: int, row: PlanRow, first: str = PARTS[0]) -> None:
        super().__init__()
        self.year, self.row, self.first = year, row, first
        target = row.entry.target if row.entry is not None else None
        self._loaded = {n: str(getattr(target, n)) if target else "" for n in PARTS}
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-form"):
            title = tr("plan.form_title", name=self.row.lecturer.full_name, year=self.year)
            yield Label(title, markup=False, classes="section-title")
            yield Static(tr("plan.form_hint"), markup=False, classes="muted")
            with Horizontal(id="plan-form-numbers"):
                for name in PARTS:
                    box = Input(self._loaded[name], type="integer", max_length=3, id=name)
                    yield Field(tr(f"plan.field_{name}"), box, name=name)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{self.first}", Input).focus()

    def _form(self) -> dict[str, str]:
        return {n: self.query_one(f"#{n}", Input).value.strip() for n in PARTS}

    def unsaved_changes(self) -> bool:  # asked on quit (screens.quit_modal)
        return self._form() != self._loaded

    def save_before_quit(self) -> None:
        self.action_save()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        clear_error_of(event.control)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        # An empty box is nothing planned; Input(type="integer") lets only digits and a sign in.
        try:
            changes = {n: int(v or "0") for n, v in self._form().items()}
        except ValueError:
            bad = [Problem(n, tr("plan.not_a_number")) for n, v in self._form().items()
                   if v and not v.lstrip("-").isdigit()]  # fmt: skip
            show_problems(self, bad)
            return
        repo, year, today, who = self.gv.repo, self.year, self.gv.today(), self.row.lecturer.id
        self._saving = True

        def save() -> PlanEntry:
            try:
                entry = set_numbers(Data.read(repo, today), year, who, changes)
                return repo.save(entry)
            except BaseException:
                self._saving = False  # a disk error is reported by the app; try again
                raise

        self.gv.write(save, self._saved, self._refused)

    def _saved(self, entry: PlanEntry) -> None:
        self._saving = False
        self.notify(tr("plan.set", name=self.row.lecturer.full_name, year=self.year),
                    markup=False)  # fmt: skip
        self.dismiss(entry)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        refuse_at_fields(self, error.problems)

    def action_cancel(self) -> None:
        if not self.unsaved_changes():
            self.dismiss(None)
            return
        from screens.confirm_modal import ConfirmModal

        def answered(discard: object) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal(tr("plan.discard_changes"), safe_no=True), answered)
