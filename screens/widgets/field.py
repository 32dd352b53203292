"""A labelled field: the label, the input, and the reason it was refused, beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from giangvien.problems import Problem


class Field(Vertical):
    """Wraps one input widget; ``show_error`` puts a sentence under it.

    ``name`` is the model field (dotted path) it edits, so a refused record's
    problems find their way to the right place.
    """

    def __init__(self, label: str, widget: Widget, *, name: str, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.label = label
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield Label(self.label, markup=False)
        yield self.widget
        yield Static("", markup=False, classes="field-error")

    def show_error(self, message: str) -> None:
        self.query_one(".field-error", Static).update(message)
        self.set_class(bool(message), "-invalid")

    def clear_error(self) -> None:
        self.show_error("")


def show_problems(screen: Widget, problems: list[Problem]) -> list[Problem]:
    """Put each problem beside its Field; return those no Field owns."""
    fields = {f.name: f for f in screen.query(Field)}
    for field in fields.values():
        field.clear_error()
    homeless: list[Problem] = []
    first: Field | None = None
    for problem in problems:
        owner = fields.get(problem.field.split(".")[0])
        if owner is None:
            homeless.append(problem)
            continue
        owner.show_error(problem.message)
        first = first or owner
    if first is not None:
        first.widget.focus()
        first.scroll_visible()
    return homeless


def refuse_at_fields(screen: Widget, problems: list[Problem]) -> None:
    """A refused save said where it belongs: beside each field, the rest in one note."""
    homeless = show_problems(screen, problems)
    if homeless:
        screen.notify("\n".join(p.sentence() for p in homeless), severity="error", markup=False)


def clear_error_of(control: Widget) -> None:
    """The reason beside a field goes as soon as the user starts changing its value."""
    for field in control.ancestors:
        if isinstance(field, Field):
            field.clear_error()
            return
