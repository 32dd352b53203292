"""The Center's settings, this laptop's user, and (read-only) the rubric and the data file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from giangvien.i18n import catalogue, language, tr
from giangvien.models import Lecturer, Settings
from giangvien.models.settings import Layout
from giangvien.problems import Invalid, Problem, validate
from screens.base import SectionScreen
from screens.widgets.field import Field, clear_error_of, refuse_at_fields, show_problems
from screens.widgets.norms_editor import (
    PLAN_PARTS,
    NormsEditor,
    plan_texts_of,
    read_plan,
    texts_of,
)
from screens.widgets.norms_editor import read as read_norms
from store.pins import has_pin
from store.sync import set_shared_folder, shared_folder

_TEXT_FIELDS = (
    "organisation",
    "parent_body",
    "place_name",
    "number_code",
    "not_observed_days",
    "observation_quota",
    "follow_up_days",
    "suggestion_days",
)
_CENTER = ("organisation", "parent_body", "place_name")


class SettingsScreen(SectionScreen):
    SECTION = "settings"
    UNSAVED_WHERE = "app.quit_where_settings"  # asked on quit (screens.quit_modal)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "settings.key_save",
            id="settings-save",
            tooltip="settings.key_save_tip",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._loaded: dict[str, Any] | None = None
        self._saving = False

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(id="settings-form", can_focus=False):
            yield Static(tr("settings.title"), markup=False, classes="section-title")
            yield Label(tr("settings.user_heading"), markup=False, classes="settings-heading")
            user = Select[str]([], prompt=tr("settings.no_user"), id="current_user")
            yield Field(tr("settings.current_user"), user, name="current_user")
            yield Button(tr("settings.set_pin"), id="set-pin", compact=True)
            yield Label(tr("settings.center"), markup=False, classes="settings-heading")
            for name in _CENTER:
                yield self._text(name)
            yield Label(tr("settings.documents"), markup=False, classes="settings-heading")
            layouts = [(tr(f"enum.layout_{lay.value}"), lay) for lay in Layout]
            yield Field(
                tr("field.layout"), Select(layouts, allow_blank=False, id="layout"), name="layout"
            )
            yield self._text("number_code")
            yield Label(tr("settings.work"), markup=False, classes="settings-heading")
            yield self._text("not_observed_days")
            quota = self._text("observation_quota")
            quota.widget.tooltip = tr("settings.quota_hint")
            yield quota
            norms = NormsEditor(id="teaching_norms")
            norms.tooltip = tr("settings.norms_hint")
            yield Field(tr("field.teaching_norms"), norms, name="teaching_norms")
            yield Static(tr("settings.norms_hint"), markup=False, classes="settings-hint")
            yield Label(tr("settings.plan_heading"), markup=False, classes="settings-heading")
            plan = NormsEditor(id="plan_targets", parts=PLAN_PARTS, labels="settings.plan_",
                               prefix="plan")  # fmt: skip
            yield Field(tr("field.plan_targets"), plan, name="plan_targets")
            yield Static(tr("settings.plan_hint"), markup=False, classes="settings-hint")
            by_quarter = Checkbox(tr("field.plan_by_quarter"), id="plan_by_quarter")
            yield Field(tr("settings.plan_by_quarter_heading"), by_quarter, name="plan_by_quarter")
            yield self._text("follow_up_days")
            yield self._text("suggestion_days")
            programmes = TextArea(id="programmes", soft_wrap=True, tab_behavior="focus")
            programmes.tooltip = tr("settings.programmes_hint")
            yield Field(tr("field.programmes"), programmes, name="programmes")
            uncleared = Checkbox(tr("field.retrial_uncleared"), id="retrial_uncleared")
            uncleared.tooltip = tr("trials.setting_uncleared_hint")
            yield Field(tr("trials.setting_heading"), uncleared, name="retrial_uncleared")
            yield Label(tr("settings.sharing"), markup=False, classes="settings-heading")
            folder = Input(placeholder=tr("settings.shared_folder_placeholder"), id="shared_folder")
            folder.tooltip = tr("settings.shared_folder_hint")
            yield Field(tr("settings.shared_folder"), folder, name="shared_folder")
            yield Label(tr("settings.rubric"), markup=False, classes="settings-heading")
            yield Static("", markup=False, id="rubric-text")
            yield Label(tr("settings.datafile"), markup=False, classes="settings-heading")
            yield Static("", markup=False, id="datafile-path")

    @staticmethod
    def _text(name: str) -> Field:
        key = f"settings.example_{name}"
        hint = tr(key) if key in catalogue(language()) else ""
        return Field(tr(f"field.{name}"), Input(placeholder=hint, id=name), name=name)

    # -- showing -------------------------------------------------------------

    def on_mount(self) -> None:
        # The user may change elsewhere (first run, an edit in Lecturers).
        self.watch(self.gv, "user", lambda _: self._show_users(), init=False)

    def refresh_data(self) -> None:
        repo = self.gv.repo
        self._show_users()
        # A write elsewhere (a new lecturer, this laptop's user) must not wipe typing here.
        if self._loaded is None or self._form() == self._loaded:
            self._load(repo.settings())
        self.query_one("#rubric-text", Static).update(repo.active_rubric().describe())
        self.query_one("#datafile-path", Static).update(str(repo.datafile.path))

    def _show_users(self) -> None:
        select: Select[str] = self.query_one("#current_user", Select)
        user = self.gv.user
        people = self.gv.repo.lecturers()
        if user is not None and user.archived:
            people.append(user)  # still this laptop's user, so still shown as chosen
        options = [(Content(lec.full_name), lec.id) for lec in people]
        with select.prevent(Select.Changed):
            select.set_options(options)
            if user is not None and any(key == user.id for _, key in options):
                select.value = user.id

    def _load(self, settings: Settings) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(settings, name)
            widget = self.query_one(f"#{name}", Input)
            with widget.prevent(Input.Changed):
                widget.value = "" if value is None else str(value)
        layout = self.query_one("#layout", Select)
        with layout.prevent(Select.Changed):
            layout.value = settings.layout
        programmes = self.query_one("#programmes", TextArea)
        with programmes.prevent(TextArea.Changed):
            programmes.load_text("\n".join(settings.programmes))
        self.query_one("#teaching_norms", NormsEditor).load(texts_of(settings.teaching_norms))
        self.query_one("#plan_targets", NormsEditor).load(plan_texts_of(settings.plan_targets))
        by_quarter = self.query_one("#plan_by_quarter", Checkbox)
        with by_quarter.prevent(Checkbox.Changed):
            by_quarter.value = settings.plan_by_quarter
        uncleared = self.query_one("#retrial_uncleared", Checkbox)
        with uncleared.prevent(Checkbox.Changed):
            uncleared.value = settings.retrial_uncleared
        folder = self.query_one("#shared_folder", Input)
        with folder.prevent(Input.Changed):
            found = shared_folder(self.gv.repo)
            folder.value = str(found) if found else ""
        for field in self.query(Field):
            field.clear_error()
        self._loaded = self._form()

    def _form(self) -> dict[str, Any]:
        data: dict[str, Any] = {n: self.query_one(f"#{n}", Input).value for n in _TEXT_FIELDS}
        data["layout"] = self.query_one("#layout", Select).value
        lines = self.query_one("#programmes", TextArea).text.splitlines()
        data["programmes"] = [line for line in lines if line.strip()]
        data["retrial_uncleared"] = self.query_one("#retrial_uncleared", Checkbox).value
        data["teaching_norms"] = self.query_one("#teaching_norms", NormsEditor).texts
        data["plan_targets"] = self.query_one("#plan_targets", NormsEditor).texts
        data["plan_by_quarter"] = self.query_one("#plan_by_quarter", Checkbox).value
        data["shared_folder"] = self.query_one("#shared_folder", Input).value.strip()
        return data

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed) -> None:
        clear_error_of(event.control)

    def unsaved_changes(self) -> bool:
        return self._loaded is not None and self._form() != self._loaded

    def save_before_quit(self) -> None:
        self.action_save()

    # -- actions -------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        form = self._form()
        data = dict(form)
        # An empty quota means "no quota", not a number to parse.
        if not data["observation_quota"].strip():
            data["observation_quota"] = None
        unread, data["teaching_norms"] = read_norms(data["teaching_norms"])
        unplanned, data["plan_targets"] = read_plan(data["plan_targets"])
        unread += unplanned
        if unread:
            show_problems(self, unread)
            return
        typed_folder = data.pop("shared_folder")
        folder_changed = typed_folder != (self._loaded or {}).get("shared_folder")
        folder = Path(typed_folder).expanduser() if typed_folder else None
        if folder is not None and folder_changed and not folder.is_dir():
            show_problems(self, [Problem("shared_folder", tr("sync.no_folder", folder=folder))])
            return
        repo = self.gv.repo
        self._saving = True

        def save() -> Settings:
            try:
                settings = repo.save(validate(Settings, {**repo.settings().model_dump(), **data}))
                if folder_changed:
                    set_shared_folder(repo, folder)
                return settings
            except BaseException:
                self._saving = False
                raise

        def saved(settings: Settings) -> None:
            self._saving = False
            self._load(settings)
            self.notify(tr("settings.saved"))
            if folder_changed and folder is not None:
                self.gv.folder_sync.round(asked=True)  # the first round, at once

        self.gv.write(save, saved, self._refused)

    def _refused(self, error: Invalid) -> None:
        self._saving = False
        refuse_at_fields(self, error.problems)

    @on(Button.Pressed, "#set-pin")
    def _set_pin(self) -> None:
        """The user's own PIN, set or changed; changing it takes the old one first."""
        user = self.gv.user
        if user is None:
            self.notify(tr("pin.nobody"), severity="error", markup=False)
            return
        if self.gv.refuse_if_read_only():
            return
        from screens.pin_modal import PinModal

        def done(ok: bool | None) -> None:
            if ok:
                self.notify(tr("pin.set_done", name=user.full_name), markup=False)

        def ask_new() -> None:
            self.app.push_screen(PinModal(user, set_own=True), done)

        if has_pin(self.gv.repo, user.id):
            self.gv.acting.prove(user, ask_new, leader=user.is_leader)
        else:
            ask_new()

    @on(Select.Changed, "#current_user")
    def _user_chosen(self, event: Select.Changed) -> None:
        chosen = event.value
        if self.gv.user is not None and self.gv.user.id == chosen:
            return
        if not isinstance(chosen, str) or self.gv.refuse_if_read_only():
            self._show_users()  # no one can be "nobody" again, and nothing is saved: undo
            return
        repo = self.gv.repo
        leader = repo.get(Lecturer, chosen)
        if leader is not None and leader.is_leader and not self.gv.acting.authority.holds(chosen):
            # Anyone may pick a name; acting as a leader takes the leader's PIN.
            self.gv.acting.prove(
                leader, lambda: self._user_chosen(event), leader=True, cancelled=self._show_users
            )
            return

        def store() -> Lecturer | None:
            repo.set_current_user(chosen)
            return repo.current_user()

        def done(user: Lecturer | None) -> None:
            self.gv.user = user
            self._show_users()
            if user is not None:
                self.notify(tr("settings.user_changed", name=user.full_name), markup=False)

        def refused(error: Invalid) -> None:
            show_problems(self, [Problem("current_user", p.message) for p in error.problems])

        self.gv.write(store, done, refused)
