"""Drafts: what a form keeps while it is typed, and the dialog offering them again.

A form that was never saved (the app closed, the laptop ran out of battery)
comes back as it was left. A draft holds the fields' raw texts ("31/02" too),
so each kind of form defines its state here, next to the way it is resumed.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from giangvien.i18n import catalogue, language, tr
from giangvien.models import Observation
from giangvien.rubric import Rubric
from giangvien.vntext import format_date, format_decimal, format_time
from screens.base import Modal
from screens.observations import key

if TYPE_CHECKING:
    from screens.app import GiangvienApp

LINES = ("class_name", "lesson", "place")  # an observation's one-line fields
AREAS = ("strengths", "limitations", "suggestions", "self_assessment")  # and its texts
KEEP_EVERY = 3.0  # seconds between drafts while a form changes
# Draft kind -> the form that resumes it (module, class with a from_draft(data, repo)).
# Draft kind -> where its form lives, and the catalogue key of its label.
RESUMERS = {
    "observation": ("screens.observation_form", "ObservationFormScreen"),
    "trial": ("screens.trial_form", "TrialFormScreen"),
    "session": ("screens.session_form", "SessionFormScreen"),
    "meeting": ("screens.meeting_form", "MeetingFormScreen"),
}
KIND_LABELS = {
    "observation": "observations.kind_observation",
    "trial": "trials.kind_trial",
    "session": "sessions.kind_session",
    "meeting": "meetings.kind_meeting",
}


def draft_key(record_id: str | None) -> str:
    return f"observation:{record_id}" if record_id else "observation:new"


def state_of(record: Observation | None, rubric: Rubric, user_id: str | None) -> dict[str, Any]:
    """The fields' texts for a stored sheet, or for a new one started today."""
    if record is None:
        return {
            "kind": "observation", "record_id": None,
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(dt.date.today()), "lecturer_id": "",
            "observer_ids": [user_id] if user_id else [], "programme": "",
            **dict.fromkeys(LINES, ""), "scores": {i.code: "" for i in rubric.items},
            "comments_only": False, **dict.fromkeys(AREAS, ""), "acknowledged": False,
        }  # fmt: skip
    scores = record.scores or {}
    return {
        "kind": "observation", "record_id": record.id,
        "rubric_id": record.rubric_id, "rubric_version": record.rubric_version,
        "date": format_date(record.date), "lecturer_id": record.lecturer_id,
        "observer_ids": list(record.observer_ids), "programme": record.programme,
        **{name: getattr(record, name) for name in LINES},
        "scores": {i.code: format_decimal(scores[i.code]) if i.code in scores else ""
                   for i in rubric.items},
        "comments_only": record.scores is None,
        **{name: getattr(record, name) for name in AREAS},
        "acknowledged": record.acknowledged_on is not None,
    }  # fmt: skip


def same_state(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # Ticking observers off and on again reorders them without changing anything.
    def comparable(s: dict[str, Any]) -> dict[str, Any]:
        return {**s, "observer_ids": sorted(s.get("observer_ids") or [])}

    return comparable(a) == comparable(b)


class KeepsDraft:
    """Mixed into a form screen: keeps its ``raw()`` state as the draft ``key``.

    Every few seconds while it differs from ``_baseline`` (the stored record),
    when another screen covers it, and on quit: ``GiangvienApp.action_quit``
    calls ``keep_draft`` on every screen and does not wait for a thread.
    """

    key: str
    _baseline: dict[str, Any]
    _kept: dict[str, Any] | None = None
    _saving = False  # a save is on its way
    _finished = False  # saved or discarded: no draft may come back
    _stored = False  # set in the writing thread once the record is on disk

    def raw(self) -> dict[str, Any]:
        raise NotImplementedError

    @property
    def _gv(self) -> GiangvienApp:
        return cast("GiangvienApp", cast(Screen[Any], self).app)

    def changed(self) -> bool:
        return not same_state(self.raw(), self._baseline)

    def keep_drafts(self) -> None:
        """Start keeping (from on_mount)."""
        cast(Screen[Any], self).set_interval(KEEP_EVERY, self._keep_later)

    def _keep_later(self) -> None:
        gv = self._gv
        if self._finished or self._saving or gv.repo.read_only:
            return
        state = self.raw()
        if same_state(state, self._kept or {}) or same_state(state, self._baseline):
            return
        self._kept = state
        repo, key = gv.repo, self.key
        # Checked again in the thread: a save may have dropped the draft meanwhile.
        gv.write(
            lambda: None if self._finished or self._saving else repo.save_draft(key, state),
            refresh=False,
        )

    def on_screen_suspend(self) -> None:
        self._keep_later()

    def keep_draft(self) -> None:
        """Keep what is typed, now (the app is closing)."""
        gv = self._gv
        if self._finished or gv.repo.read_only or not self.changed():
            return
        state = self.raw()
        # After a save in flight, which may make the draft moot.
        gv.write_now(lambda: None if self._stored else gv.repo.save_draft(self.key, state))

    def drop_draft(self) -> None:
        # Not checked here: a draft being kept right now is only visible in the thread.
        repo, key = self._gv.repo, self.key
        if not repo.read_only:
            self._gv.write(lambda: repo.drop_draft(key), refresh=False)


def _when(saved_at: object) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(saved_at)).astimezone()
    except ValueError:
        return ""
    return f"{format_date(moment.date())} {format_time(moment.time())}"


def _title(data: dict[str, Any]) -> str:
    # A meeting's draft has no lesson: its date names it.
    named = str(data.get("lesson") or data.get("date") or "").strip()
    return named or tr("observations.no_lesson")


def _kind(kind: str) -> str:
    key = KIND_LABELS.get(kind, f"observations.kind_{kind}")
    return tr(key) if key in catalogue(language()) or key in catalogue("vi") else kind


class DraftsModal(Modal):
    """Enter resumes the highlighted draft, d discards it, Esc leaves them for later."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("r,enter", "resume", "resume"),  # the table takes Enter; r shows in the footer
        key("d", "discard", "discard"),
        key("escape", "later", "later"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-box"):
            yield Static(tr("observations.drafts_title"), classes="section-title")
            yield Static(tr("observations.drafts_intro"), id="drafts-intro")
            yield DataTable(cursor_type="row", id="drafts-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(tr("observations.col_kind"), key="kind")
        table.add_column(tr("observations.col_lesson"), width=44, key="lesson")
        table.add_column(tr("observations.col_saved"), key="saved")
        self._fill()
        table.focus()

    def _drafts(self) -> dict[str, dict[str, Any]]:
        return self.gv.repo.drafts()

    def _fill(self) -> None:
        drafts = sorted(self._drafts().items(), key=lambda kv: str(kv[1].get("saved_at")),
                        reverse=True)  # fmt: skip
        if not drafts:
            self.dismiss(None)
            return
        table = self.query_one(DataTable)
        table.clear()
        for draft, data in drafts:
            lesson = _title(data)
            table.add_row(Text(_kind(str(data.get("kind")))), Text(lesson),
                          Text(_when(data.get("saved_at"))), key=draft)  # fmt: skip

    def _chosen(self) -> tuple[str, dict[str, Any]] | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        data = self._drafts().get(key or "")
        return None if key is None or data is None else (key, data)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        where = RESUMERS.get(str(chosen[1].get("kind")))
        if where is None:
            self.notify(tr("observations.cannot_resume"), severity="warning")
            return
        form = getattr(import_module(where[0]), where[1]).from_draft(chosen[1], self.gv.repo)
        self.dismiss(None)
        self.app.push_screen(form)

    def action_discard(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.gv.refuse_if_read_only():
            return
        from screens.confirm_modal import ConfirmModal

        key, data = chosen
        lesson = _title(data)

        def answered(yes: bool | None) -> None:
            if yes:
                repo = self.gv.repo
                self.gv.write(lambda: repo.drop_draft(key), lambda _: self._fill())

        self.app.push_screen(ConfirmModal(tr("observations.confirm_discard", lesson=lesson)),
                             answered)  # fmt: skip

    def action_later(self) -> None:
        self.dismiss(None)
