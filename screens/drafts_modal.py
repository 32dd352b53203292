"""The dialog offering again the drafts of forms never saved.

A form that was never saved (the app closed, the laptop ran out of battery)
comes back as it was left: ``screens.record_form`` keeps the drafts, each
kind's ``*_state`` module says what they hold.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from giangvien.i18n import catalogue, language, tr
from giangvien.vntext import format_date, format_time
from screens.base import Modal
from screens.observations import key

# Draft kind -> the form that resumes it (module, class with a from_draft(data, repo)).
RESUMERS = {
    "observation": ("screens.observation_form", "ObservationFormScreen"),
    "trial": ("screens.trial_form", "TrialFormScreen"),
    "session": ("screens.session_form", "SessionFormScreen"),
    "meeting": ("screens.meeting_form", "MeetingFormScreen"),
    "class": ("screens.class_form", "ClassFormScreen"),
    "conference": ("screens.conference_form", "ConferenceFormScreen"),
}
KIND_LABELS = {
    "observation": "observations.kind_observation",
    "trial": "trials.kind_trial",
    "session": "sessions.kind_session",
    "meeting": "meetings.kind_meeting",
    "class": "classes.kind_class",
    "conference": "conferences.kind_conference",
}


def _when(saved_at: object) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(saved_at)).astimezone()
    except ValueError:
        return ""
    return f"{format_date(moment.date())} {format_time(moment.time())}"


def _title(data: dict[str, Any]) -> str:
    # A meeting's draft has no lesson: its date names it.
    named = data.get("lesson") or data.get("class_name") or data.get("subject")
    named = str(named or data.get("date") or data.get("opened") or "").strip()
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
