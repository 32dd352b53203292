"""The template every record form follows: resume, gather, check, save, say, leave.

A form shows one record (or a new one) as a *state*: the raw texts of its
fields, so a half-typed "31/02" survives in a draft, typed per kind of record
(``screens.form_state``). Each kind says only what is its own (its STATE type,
``baseline``, ``compose_fields``, ``read_fields``, ``check``, and where its
inner rows show a problem); this class owns the rest:

- the draft waiting for the record comes first, however the form was opened,
  read against the state's type (a field that does not read keeps the record's
  value, and the form says so);
- every few seconds while the state differs from the record, when another
  screen covers the form, and on quit, the state is kept as a draft;
- Ctrl+S checks the fields, then the model, and saves the record and drops
  its draft in one write (``Repository.save(record, drop_draft=key)``);
- every outcome of a write comes back as a message (``screens.writes``): saved
  (the form closes), refused (each reason beside its field), failed (one
  sentence); after any of them Ctrl+S and the draft timer work again;
- Esc leaves, asking first when something would be lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from giangvien.i18n import tr
from giangvien.models import Record
from giangvien.problems import Invalid, Problem, field_label, validate
from screens.base import Localised
from screens.form_state import Draft, S, envelope, resume
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.field import Field
from screens.widgets.footer import KeyFooter
from screens.writes import Write, WriteFailed, WriteRefused, WriteSaved
from store.repository import Repository

if TYPE_CHECKING:
    from screens.app import GiangvienApp

KEEP_EVERY = 3.0  # seconds between drafts while a form changes
Spot = tuple[Widget, str]  # where a problem is said, and in which words


class RecordForm(Screen[str | None], Localised, Generic[S]):
    """A form on one record (``None``: a new one); dismisses with the saved id, or None.

    Subclasses name the record's MODEL, the STATE type of their fields (``S``),
    the DRAFT_KIND its drafts carry, the catalogue AREA of its sentences,
    FORM_ID (its scrolling body) and AUTO_FOCUS (its first field).
    """

    # Merged by Textual with each form's own keys. F2: in a form letters are text.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2", "history", "app.key_history", id="form-history", tooltip="app.key_history_tip"
        ),
    ]
    MODEL: ClassVar[type[Record]]
    STATE: ClassVar[type[Any]]  # the TypedDict S; a ClassVar cannot name S itself
    DRAFT_KIND: ClassVar[str]
    AREA: ClassVar[str]
    FORM_ID: ClassVar[str]
    COMPACT_FOOTER: ClassVar[bool] = False
    # Sentences about the record as a whole, by catalogue key, and the field they belong beside.
    ROUTES: ClassVar[dict[str, str]] = {}

    def __init__(self, record: Any = None, draft: Draft | None = None) -> None:
        super().__init__()
        self._make_ready()
        self.record = record
        self.draft = draft
        # Kept even when the record was deleted meanwhile, so its draft stays findable.
        drafted = (draft or {}).get("record_id")
        self.record_id = record.id if record else drafted if isinstance(drafted, str) else None
        self.key = f"{self.DRAFT_KIND}:{self.record_id or 'new'}"
        self._baseline: S | None = None  # made with the fields
        self._kept: S | None = None  # the state of the draft last stored
        self._keeping: S | None = None  # a draft on its way to the disk
        self._draft_failing = False  # said once, until a draft is kept again
        self._saving = False  # a save is on its way: no second one, no draft
        self._finished = False  # saved or discarded: no draft may come back
        self._stored = False  # set in the writing thread once the record is on disk

    @classmethod
    def from_draft(cls, data: Draft, repo: Repository) -> Self:
        """The form as the draft left it, on its record when it was an edit."""
        record_id = data.get("record_id")
        record = repo.get(cls.MODEL, record_id) if isinstance(record_id, str) else None
        return cls(record if record and not record.deleted else None, data)

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)

    # -- what each kind of record supplies ------------------------------------

    def baseline(self) -> S:
        """The state of the stored record, or of a new one."""
        raise NotImplementedError

    def compose_fields(self, state: S) -> ComposeResult:
        raise NotImplementedError

    def read_fields(self) -> S:
        """What the fields hold now, as typed."""
        raise NotImplementedError

    def check(self, state: S) -> tuple[list[Problem], dict[str, Any]]:
        """The form's own refusals, and the record's data for the model to validate."""
        raise NotImplementedError

    def place(self, path: str) -> str:
        """What a problem at ``path`` is about, so the model does not repeat the form."""
        return path.split(".")[0]

    def spot_of(self, problem: Problem) -> Spot | None:
        """A place inside a field (a row, a score) for ``problem``; None: its field."""
        return None

    def spots(self) -> Iterable[Widget]:
        """Every inner place that can show a problem (cleared before each save)."""
        return ()

    def focus_of(self, spot: Widget) -> Widget:
        """What to put the cursor on when ``spot`` holds the first problem."""
        if isinstance(spot, Field):  # a group of inputs (a grid, a list): its first
            inner = spot.widget
            return (
                inner
                if inner.can_focus
                else next((w for w in inner.query("*") if w.can_focus), inner)
            )
        bad = getattr(spot, "bad_input", None)
        return cast(Widget, bad()) if callable(bad) else spot

    def comparable(self, state: S) -> S:
        """The state as compared with another (a kind may ignore an order)."""
        return state

    def locked(self, name: str) -> bool:
        """Whether the field ``name`` is shown frozen (a signed sheet, a decided trial)."""
        return False

    # -- building ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.draft is None:  # however the form was opened, its draft comes first
            found = self.gv.repo.drafts().get(self.key)
            if found is not None and found.get("kind") == self.DRAFT_KIND:
                self.draft = found
                self.notify(tr(f"{self.AREA}.draft_resumed"))
        self._baseline = self.baseline()
        state, refused = resume(self.STATE, self._baseline, self.draft)
        if refused:
            fields = ", ".join(field_label(name) for name in refused)
            self.notify(tr("writes.draft_partly", fields=fields), severity="warning",
                        markup=False, timeout=10)  # fmt: skip
        yield Header()
        yield ReadOnlyBanner(self.gv.repo.read_only_reason)
        with VerticalScroll(id=self.FORM_ID) as body:
            title = f"{self.AREA}.form_edit" if self.record else f"{self.AREA}.form_new"
            yield Static(tr(title), classes="section-title")
            yield from self.compose_fields(state)
        self._lock(body)
        yield KeyFooter(compact=self.COMPACT_FOOTER)

    def _lock(self, node: Widget) -> None:
        """Disable the locked fields among ``node``'s children, before they mount.

        Disabling a mounted field restyles it and all it holds: on a decided trial,
        15 fields, a third of the time the form took to open.
        """
        for child in node._pending_children:  # what compose put there, not yet mounted
            if isinstance(child, Field) and self.locked(child.name or ""):
                child.set_reactive(Widget.disabled, True)
            else:
                self._lock(child)

    def on_mount(self) -> None:
        self.set_interval(KEEP_EVERY, self._keep_later)

    # -- state and drafts --------------------------------------------------

    def raw(self) -> S:
        """The form's state now."""
        return self.read_fields()

    def as_draft(self, state: S) -> Draft:
        """What the data file keeps of ``state``: it, with the form's kind and record."""
        return envelope(self.DRAFT_KIND, self.record_id, state)

    def _same(self, a: S | None, b: S | None) -> bool:
        return a is not None and b is not None and self.comparable(a) == self.comparable(b)

    def changed(self) -> bool:
        return not self._same(self.raw(), self._baseline)

    def _keep_later(self) -> None:
        if self._finished or self._saving or self._keeping or self.gv.repo.read_only:
            return
        state = self.raw()
        if self._same(state, self._kept) or self._same(state, self._baseline):
            return
        self._keeping = state
        repo, key, draft = self.gv.repo, self.key, self.as_draft(state)
        # Checked again in the thread: a save may have been asked for meanwhile.
        keep = lambda: None if self._finished or self._saving else repo.save_draft(key, draft)  # noqa: E731
        self.gv.submit(Write(keep, to=self, what="draft", refresh=False))

    def on_screen_suspend(self) -> None:
        self._keep_later()

    def keep_draft(self) -> None:
        """Keep what is typed, now, after every write asked for (the app is closing)."""
        gv = self.gv
        if self._finished or gv.repo.read_only or not self.changed():
            return
        draft, key = self.as_draft(self.raw()), self.key
        # A save in flight may make the draft moot: it runs first, and says so.
        keep = lambda: None if self._stored else gv.repo.save_draft(key, draft)  # noqa: E731
        gv.write_now(Write(keep, what="draft", refresh=False))

    def drop_draft(self) -> None:
        repo, key = self.gv.repo, self.key
        if not repo.read_only:
            self.gv.submit(Write(lambda: repo.drop_draft(key), what="drop", refresh=False))

    def action_history(self) -> None:
        if self.record is not None:
            from screens.history_modal import HistoryModal

            self.app.push_screen(HistoryModal(self.gv.repo, self.record))

    # -- saving ------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving or self.gv.refuse_if_read_only():
            return
        found, data = self.check(self.raw())
        try:
            record = self.validated(data)
        except Invalid as error:  # every reason at once, not only the form's own
            named = {self.place(p.field) for p in found}
            found += [p for p in error.problems if self.place(p.field) not in named]
            record = None
        if found or record is None:
            self.show_problems(found)
            return
        repo, key = self.gv.repo, self.key

        def save() -> Record:
            saved = repo.save(record, drop_draft=key)
            self._stored = True
            return saved

        def write() -> None:
            self._saving = True
            self.gv.submit(Write(save, to=self))

        self.before_write(record, write)

    def validated(self, data: dict[str, Any]) -> Record:
        """The record ``data`` makes; a form may make it signed (a trial's verdict)."""
        return validate(self.MODEL, data)

    def before_write(self, record: Any, write: Callable[[], None]) -> None:
        """Calls ``write``; a form may first ask for a PIN (screens.acting), or not call it."""
        write()

    def on_write_saved(self, message: WriteSaved) -> None:
        if message.write.what == "draft":
            self._kept, self._keeping = self._keeping, None
            self._draft_failing = False
        elif message.write.what == "record":
            self._finished = True
            self.notify(tr(f"{self.AREA}.saved"))
            self.dismiss(message.result.id)

    def on_write_refused(self, message: WriteRefused) -> None:
        self._saving = False
        self.show_problems(message.problems)

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.write.what == "draft":
            self._keeping = None  # the timer tries again
            if not self._draft_failing:
                self._draft_failing = True
                said = tr("writes.draft_failed", reason=message.reason)
                self.notify(said, severity="warning", markup=False, timeout=10)
            return
        self._saving = False
        said = tr("writes.form_failed", reason=message.reason)
        self._say([said])
        self.notify(said, severity="error", markup=False, timeout=10)

    # -- saying what is wrong ----------------------------------------------

    def _say(self, lines: list[str]) -> None:
        """The form's own line, under its last field; made the first time it has something."""
        found = self.query("#form-error")
        if not found and not lines:
            return
        said = cast(Static, found.first()) if found else Static("", markup=False, id="form-error")
        if not found:
            self.query_one(f"#{self.FORM_ID}").mount(said)
        said.update("\n".join(lines))
        said.set_class(bool(lines), "-shown")

    def show_problems(self, problems: list[Problem]) -> None:
        """Each reason beside its field or row; the cursor on the first; the rest said."""
        routes = {tr(sentence): name for sentence, name in self.ROUTES.items()}
        fields = {f.name: f for f in self.query(Field)}
        at: dict[Widget, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            spot = self.spot_of(problem)
            if spot is None:
                field = fields.get(problem.field.split(".")[0] or routes.get(problem.message, ""))
                spot = (field, problem.message) if field is not None else None
            if spot is None:
                general.append(problem.sentence())
            elif spot[1] not in at.setdefault(spot[0], []):  # the form and the model may agree
                at[spot[0]].append(spot[1])
        for widget in [*fields.values(), *self.spots()]:
            cast(Any, widget).show_error("\n".join(at.get(widget, [])))
        self._say(general)
        first = next((w for w in self.query("*") if w in at), None)
        if first is not None:
            self.focus_of(first).focus()
            first.scroll_visible()
        # What belongs to no field is said here too: the form's own line may be out of view.
        said = "\n".join([tr(f"{self.AREA}.not_saved"), *general])
        self.notify(said, severity="warning", markup=False)

    # -- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.changed():
            self._leave(True)
            return
        from screens.confirm_modal import ConfirmModal

        question = ConfirmModal(tr(f"{self.AREA}.leave_question"),
                                yes=tr(f"{self.AREA}.leave_discard"),
                                no=tr(f"{self.AREA}.leave_keep"), safe_no=True)  # fmt: skip
        self.app.push_screen(question, self._leave)

    def _leave(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self.drop_draft()
            self.dismiss(None)
