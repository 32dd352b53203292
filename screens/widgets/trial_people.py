"""The people of a trial lecture: a chair, a secretary, and each panel member.

Each is a Center lecturer picked from the list or someone from outside typed
with position and unit ("Phó Trưởng Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo
Huyện ủy"). Their state is plain text, so a draft keeps it as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Lecturer
from giangvien.rubric import Rubric
from screens.trial_state import (
    OUTSIDE,
    OUTSIDER_FIELDS,
    MemberState,
    PersonState,
    blank_member,
    blank_person,
    member_is_blank,
)

# The only folding Select there is; it searches names without diacritics.
from screens.widgets.lecturer_picker import _FoldingSelect
from screens.widgets.rubric_scorer import RubricScorer


class PersonPicker(Vertical):
    """One person: ``state`` is {"who": id | OUTSIDE | "", "name", "position", "unit"}."""

    def __init__(
        self,
        lecturers: Iterable[Lecturer],
        state: PersonState | None = None,
        *,
        prompt: str,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        given = state or blank_person()
        options = [(Text(lec.full_name), lec.id) for lec in lecturers]
        options.append((Text(tr("trials.person_outside")), OUTSIDE))
        known = {value for _, value in options}
        self.select = _FoldingSelect(
            options, prompt=prompt, value=given["who"] if given["who"] in known else Select.NULL
        )
        self.typed = {
            # Focus arriving here never selects the text: a key typed would overwrite it.
            name: Input(
                given[name],
                placeholder=tr(f"trials.outsider_{name}"),
                classes=name,
                select_on_focus=False,
            )
            for name in OUTSIDER_FIELDS
        }
        self.outside = Horizontal(*self.typed.values(), classes="outsider")
        self.outside.display = given["who"] == OUTSIDE

    def compose(self) -> ComposeResult:
        yield self.select
        yield self.outside

    @property
    def state(self) -> PersonState:
        typed = self.typed
        return {"who": self.select.selection or "", "name": typed["name"].value,
                "position": typed["position"].value, "unit": typed["unit"].value}  # fmt: skip

    def focus(self, scroll_visible: bool = True) -> PersonPicker:
        self.select.focus(scroll_visible)
        return self

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.outside.display = event.value == OUTSIDE
        if event.value == OUTSIDE:
            self.typed["name"].focus()


class PanelMemberEditor(Vertical):
    """One member of the panel: who, their comments, and their scores when the panel scores."""

    def __init__(
        self,
        lecturers: list[Lecturer],
        rubric: Rubric,
        state: MemberState | None = None,
        *,
        scored: bool = False,
    ) -> None:
        super().__init__()
        given = state or blank_member(rubric)
        self.heading = Label("", markup=False, classes="member-head")
        self.person = PersonPicker(
            lecturers, given["person"], prompt=tr("trials.pick_member"), classes="member-person"
        )
        self.comments = TextArea(given["comments"], soft_wrap=True, tab_behavior="focus")
        self.scorer = RubricScorer(
            rubric, comments_only=given["comments_only"], texts=dict(given["scores"])
        )
        self.scorer.display = scored
        self.error = Static("", markup=False, classes="member-error")

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.person
        yield Label(tr("trials.member_comments"), markup=False, classes="member-label")
        yield self.comments
        yield self.scorer
        yield self.error
        with Horizontal(classes="member-foot"):
            yield Button(tr("trials.member_remove"), classes="member-remove", compact=True)

    def number(self, index: int) -> None:
        self.heading.update(tr("trials.member_heading", n=index + 1))

    @property
    def state(self) -> MemberState:
        return {
            "person": self.person.state,
            "comments": self.comments.text,
            "scores": self.scorer.texts(),
            "comments_only": self.scorer.comments_only,
        }

    def show_error(self, message: str) -> None:
        self.error.update(message)
        self.error.set_class(bool(message), "-shown")


class PanelEditor(Vertical):
    """The panel: whether it scores, its members, and the button adding one."""

    def __init__(
        self,
        lecturers: list[Lecturer],
        rubric: Rubric,
        members: list[MemberState],
        *,
        scored: bool,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lecturers = lecturers
        self.rubric = rubric
        self.scored = Checkbox(tr("trials.scored"), scored, id="panel-scored")
        self._start = [PanelMemberEditor(lecturers, rubric, m, scored=scored) for m in members]

    def compose(self) -> ComposeResult:
        yield self.scored
        yield Vertical(*self._start, id="panel-members")
        yield Button(tr("trials.member_add"), id="panel-add", compact=True)

    def on_mount(self) -> None:
        self._renumber()

    def members(self) -> list[PanelMemberEditor]:
        return list(self.query_one("#panel-members").query_children(PanelMemberEditor))

    @property
    def state(self) -> list[MemberState]:
        return [editor.state for editor in self.members()]

    def focus(self, scroll_visible: bool = True) -> PanelEditor:
        self.scored.focus(scroll_visible)
        return self

    def _renumber(self) -> None:
        for index, editor in enumerate(self.members()):
            editor.number(index)

    def add(self) -> None:
        editor = PanelMemberEditor(self.lecturers, self.rubric, blank_member(self.rubric),
                                   scored=self.scored.value)  # fmt: skip
        self.query_one("#panel-members").mount(editor)
        self._renumber()
        self.call_after_refresh(editor.person.focus)
        self.call_after_refresh(editor.scroll_visible)

    def member_of(self, widget: Widget | None) -> PanelMemberEditor | None:
        while widget is not None and not isinstance(widget, PanelMemberEditor):
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return widget

    def ask_remove(self, editor: PanelMemberEditor) -> None:
        """Remove a member; asks first when the member names someone or holds text."""
        if member_is_blank(editor.state):
            self._remove(editor)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr("trials.confirm_remove_member"), safe_no=True)
        self.app.push_screen(question, lambda yes: self._remove(editor) if yes else None)

    def _remove(self, editor: PanelMemberEditor) -> None:
        members = self.members()
        index = members.index(editor)
        left = [m for m in members if m is not editor]
        # Focus first, onto the member now in that place (or the one before), so
        # that removing the focused member does not send it elsewhere.
        if left:
            left[min(index, len(left) - 1)].person.focus()
        else:
            self.query_one("#panel-add", Button).focus()
        editor.remove()
        self.call_after_refresh(self._renumber)

    @on(Button.Pressed, "#panel-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    @on(Button.Pressed, ".member-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        editor = self.member_of(event.button)
        if editor is not None:
            self.ask_remove(editor)

    @on(Checkbox.Changed, "#panel-scored")
    def _scored(self, event: Checkbox.Changed) -> None:
        event.stop()
        for editor in self.members():
            editor.scorer.display = event.value
