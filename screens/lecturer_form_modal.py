"""Add or edit one lecturer: three name boxes, position, employment, unit, start date."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.models.lecturer import Employment, Position
from giangvien.problems import Invalid, Problem, validate
from screens.base import Modal
from screens.confirm_modal import ConfirmModal
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field, clear_error_of, refuse_at_fields, show_problems

_TEXT_FIELDS = ("family_name", "middle_name", "given_name", "title", "unit")


def position_options() -> list[tuple[str, Position]]:
    return [(tr(f"enum.position_{p.value}"), p) for p in Position]


def employment_options() -> list[tuple[str, Employment]]:
    return [(tr(f"enum.employment_{e.value}"), e) for e in Employment]


class LecturerFormModal(Modal):
    UNSAVED_WHERE = "app.quit_where_lecturer"  # asked on quit (screens.quit_modal)
    """Dismisses with the saved Lecturer, or None when closed without saving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "lecturers.key_save",
            id="lecturer-form-save",
            tooltip="lecturers.key_save_tip",
        ),
        Binding(
            "escape",
            "cancel",
            "lecturers.key_cancel",
            id="lecturer-form-cancel",
            tooltip="lecturers.key_cancel_tip",
        ),
    ]

    def __init__(self, lecturer: Lecturer | None = None) -> None:
        super().__init__()
        self.lecturer = lecturer
        self._loaded: dict[str, Any] = {}
        self._saving = False

    def compose(self) -> ComposeResult:
        lec = self.lecturer or Lecturer.model_construct(
            family_name="",
            given_name="",
            middle_name="",
            title="",
            unit="",
            position=Position.LECTURER,
            employment=Employment.FULL_TIME,
            start_date=None,
        )
        with Vertical(id="lecturer-form"):
            title = tr("lecturers.form_edit") if self.lecturer else tr("lecturers.form_new")
            yield Label(title, markup=False, classes="section-title")
            yield Static(tr("lecturers.form_hint"), markup=False, classes="muted")
            with VerticalScroll(id="lecturer-form-fields", can_focus=False):
                with Horizontal(classes="name-row"):
                    for name in ("family_name", "middle_name", "given_name"):
                        yield self._text(name, getattr(lec, name))
                yield Field(
                    tr("field.position"),
                    Select(
                        position_options(), allow_blank=False, value=lec.position, id="position"
                    ),
                    name="position",
                )
                yield self._text("title", lec.title)
                yield Field(
                    tr("field.employment"),
                    Select(
                        employment_options(),
                        allow_blank=False,
                        value=lec.employment,
                        id="employment",
                    ),
                    name="employment",
                )
                yield self._text("unit", lec.unit)
                date_input = DateInput(lec.start_date, optional=True, id="start_date")
                date_input.tooltip = tr("lecturers.no_start_date")
                yield Field(tr("field.start_date"), date_input, name="start_date")
        yield Footer()

    @staticmethod
    def _text(name: str, value: str) -> Field:
        return Field(tr(f"field.{name}"), Input(value, id=name), name=name)

    def on_mount(self) -> None:
        self._loaded = self._form()
        self.query_one("#family_name", Input).focus()

    def _form(self) -> dict[str, Any]:
        data: dict[str, Any] = {n: self.query_one(f"#{n}", Input).value for n in _TEXT_FIELDS}
        data["position"] = self.query_one("#position", Select).value
        data["employment"] = self.query_one("#employment", Select).value
        data["start_date"] = self.query_one("#start_date", DateInput).value
        return data

    @property
    def changed(self) -> bool:
        return self._form() != self._loaded

    def unsaved_changes(self) -> bool:  # asked on quit (screens.quit_modal)
        return self.changed

    def save_before_quit(self) -> None:
        self.action_save()

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        clear_error_of(event.control)

    # -- actions -----------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        date_input = self.query_one("#start_date", DateInput)
        message = date_input.error()
        if message:
            show_problems(self, [Problem("start_date", message)])
            return
        form = self._form()
        form["start_date"] = date_input.date
        base = self.lecturer.model_dump() if self.lecturer else {}
        repo = self.gv.repo
        self._saving = True

        def save() -> Lecturer:
            try:
                # Validated inside the write, so that a refusal names each field.
                return repo.save(validate(Lecturer, {**base, **form}))
            except BaseException:
                self._saving = False  # a disk error is reported by the app; try again
                raise

        self.gv.write(save, self._saved, self._refused)

    def _saved(self, lecturer: Lecturer) -> None:
        self._saving = False
        self.dismiss(lecturer)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        refuse_at_fields(self, error.problems)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: object) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal(tr("lecturers.discard_changes"), safe_no=True), answered)
