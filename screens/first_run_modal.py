"""First run on a laptop: who is using it, and the Center's name and place."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, Select, Static

from giangvien import __version__
from giangvien.i18n import tr
from giangvien.models import Lecturer, Settings
from giangvien.models.lecturer import Position
from giangvien.problems import Invalid, Problem, validate
from screens.base import Modal
from screens.confirm_modal import ConfirmModal
from screens.lecturer_form_modal import position_options
from screens.widgets.field import Field, clear_error_of, refuse_at_fields, show_problems
from store.errors import DataFileError, StoreError
from store.exchange import import_file, plan_lines
from store.sync import set_shared_folder, sync_round

NEW = "+new"  # the choice "I am not in the list" (lecturer ids are UUIDs, never this)
_NAME_FIELDS = ("family_name", "middle_name", "given_name")
_CENTER_FIELDS = ("organisation", "parent_body", "place_name")


class FirstRunModal(Modal):
    """Dismisses with the chosen Lecturer, or None when the user goes on without one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "start",
            "settings.key_start",
            id="first-run-start",
            tooltip="settings.key_start_tip",
        ),
        Binding(
            "escape",
            "later",
            "settings.key_later",
            id="first-run-later",
            tooltip="settings.key_later_tip",
        ),
    ]

    UNSAVED_WHERE = "app.quit_where_first_run"

    def __init__(self) -> None:
        super().__init__()
        self._saving = False
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        lecturers = repo.lecturers()
        settings = repo.settings()
        with Vertical(id="first-run"):
            yield Label(tr("settings.first_title"), markup=False, classes="section-title")
            with VerticalScroll(id="first-run-fields", can_focus=False):
                if not repo.datafile.meta.get("center_settled"):
                    # A laptop joining a Center that already works: its records (and
                    # this user's name among them) come from the folder or the file.
                    yield Static(  # a Static wraps; the sentence is longer than a Label's line
                        tr("settings.join_title"), markup=False, classes="first-run-heading"
                    )
                    with Horizontal(id="join-row"):
                        yield Field(
                            tr("settings.join_path"),
                            Input(placeholder=tr("settings.join_placeholder"), id="join_path"),
                            name="join_path",
                        )
                        yield Button(tr("settings.join_button"), id="join")
                yield Label(tr("settings.first_who"), markup=False, classes="first-run-heading")
                options = [(lec.full_name, lec.id) for lec in lecturers]
                who = Select(
                    [*((Content(n), i) for n, i in options), (tr("settings.first_new"), NEW)],
                    allow_blank=False,
                    value=NEW,
                    id="who",
                )
                picker = Field(tr("settings.first_pick"), who, name="who", id="who-field")
                picker.display = bool(lecturers)  # nobody to pick on an empty file
                yield picker
                with Vertical(id="first-run-new"):
                    with Horizontal(classes="name-row"):
                        for name in _NAME_FIELDS:
                            yield Field(tr(f"field.{name}"), Input(id=name), name=name)
                    yield Field(
                        tr("field.position"),
                        Select(
                            position_options(),
                            allow_blank=False,
                            value=Position.LECTURER,
                            id="position",
                        ),
                        name="position",
                    )
                yield Label(tr("settings.first_center"), markup=False, classes="first-run-heading")
                for name in _CENTER_FIELDS:
                    value = getattr(settings, name)
                    box = Input(value, placeholder=tr(f"settings.example_{name}"), id=name)
                    yield Field(tr(f"field.{name}"), box, name=name)
            yield Static(tr("settings.first_hint"), markup=False, classes="muted")
            with Horizontal(id="first-run-buttons"):
                yield Button(tr("settings.first_start"), variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        # Top to bottom: joining a Center that already works comes first (Tab passes it).
        first = "#who" if self.query_one("#who-field").display else "#family_name"
        self.query_one("#join_path" if self.query("#join_path") else first).focus()
        self._shown = self._typed()

    def _typed(self) -> dict[str, object]:
        return {
            "who": self.query_one("#who", Select).value,
            "position": self.query_one("#position", Select).value,
            **{n: self.query_one(f"#{n}", Input).value for n in (*_NAME_FIELDS, *_CENTER_FIELDS)},
        }

    def unsaved_changes(self) -> bool:  # asked on quit (screens.quit_modal)
        return self._typed() != self._shown

    def save_before_quit(self) -> None:
        self.action_start()

    @on(Select.Changed, "#who")
    def _who_changed(self, event: Select.Changed) -> None:
        self.query_one("#first-run-new").display = event.value == NEW

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        clear_error_of(event.control)

    @on(Button.Pressed, "#join")
    @on(Input.Submitted, "#join_path")
    def _join_asked(self) -> None:
        self.action_join()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    # -- actions -------------------------------------------------------------

    def action_start(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        who = self.query_one("#who", Select).value
        person: dict[str, Any] | None = None
        if who == NEW:
            person = {n: self.query_one(f"#{n}", Input).value for n in _NAME_FIELDS}
            person["position"] = self.query_one("#position", Select).value
        center = {n: self.query_one(f"#{n}", Input).value for n in _CENTER_FIELDS}
        self._saving = True

        def save() -> Lecturer | None:
            try:
                return self._store(who, person, center)
            except BaseException:
                self._saving = False  # refused or a disk error: the user may try again
                raise

        self.gv.write(save, self._saved, self._refused)

    def action_join(self) -> None:
        """Take the Center's records from a shared folder or a colleague's file."""
        if self._saving or self.gv.refuse_if_read_only():
            return
        typed = self.query_one("#join_path", Input).value.strip()
        if not typed:
            show_problems(self, [Problem("join_path", tr("settings.join_empty"))])
            return
        path = Path(typed).expanduser()
        repo = self.gv.repo
        self._saving = True

        def join() -> str:
            try:
                if path.is_dir():
                    set_shared_folder(repo, path)
                    lines = sync_round(repo, path, __version__).lines()
                else:
                    lines = plan_lines(import_file(repo, path))
                if not repo.datafile.meta.get("center_settled"):
                    raise Invalid([Problem("join_path", tr("settings.join_nothing", path=path))])
                return "\n".join(lines)
            except (ValueError, StoreError) as error:
                raise Invalid([Problem("join_path", str(error))]) from error
            except OSError as error:
                said = str(DataFileError(path, error))
                raise Invalid([Problem("join_path", said)]) from error
            finally:
                self._saving = False

        self.gv.write(join, self._joined, self._refused)

    def _joined(self, said: str) -> None:
        self.notify(said, markup=False, timeout=8)
        # The Center's lecturers and its name are here now: pick yourself from them.
        self.call_later(self._after_join)

    async def _after_join(self) -> None:
        await self.recompose()
        self._shown = self._typed()
        if self.query_one("#who-field").display:
            self.query_one("#who").focus()

    def _store(
        self, who: object, person: dict[str, Any] | None, center: dict[str, str]
    ) -> Lecturer | None:
        """Runs in the write thread: check everything, then store it all or nothing."""
        repo = self.gv.repo
        found: list[Problem] = []
        settings: Settings | None = None
        try:
            settings = validate(Settings, {**repo.settings().model_dump(), **center})
        except Invalid as error:
            found += error.problems
        lecturer: Lecturer | None = None
        if person is None:
            lecturer = repo.get(Lecturer, str(who))
            if lecturer is None:
                found.append(Problem("who", tr("model.not_found", id=who)))
        else:
            try:
                lecturer = validate(Lecturer, person)
            except Invalid as error:
                found += error.problems
        if found or settings is None or lecturer is None:
            raise Invalid(found)
        repo.save_many([settings.touched(), *([lecturer] if person is not None else [])])
        repo.set_current_user(lecturer.id)
        return repo.current_user()

    def _saved(self, user: Lecturer | None) -> None:
        self._saving = False
        # The app's watcher puts the name (and the Center's, just saved) in the header.
        self.gv.user = user
        if user is not None:
            self.notify(tr("settings.first_welcome", name=user.full_name), markup=False)
        self.dismiss(user)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        refuse_at_fields(self, error.problems)

    def action_later(self) -> None:
        def answered(skip: object) -> None:
            if skip:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal(tr("settings.first_skip")), answered)
