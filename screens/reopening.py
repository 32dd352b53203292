"""Ctrl+O on a signed record's form: a leader's PIN, a reason, the record open again.

What the form of a signed sheet or of a trial whose verdict is recorded
shares; the domain function that reopens (giangvien.signing,
giangvien.trial_signing) and the sentences are the form's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from giangvien.i18n import tr
from giangvien.models import Lecturer, Record, now
from giangvien.problems import Invalid, Problem
from screens.reason_modal import ReasonModal
from screens.record_form import RecordForm

Reopen = Callable[[Any, Lecturer | None, str, datetime], Record]


@dataclass(frozen=True)
class Reopening:
    """How a kind of form reopens its record, and in which words (catalogue keys)."""

    reopen: Reopen
    not_leader: str
    question: str
    done: str
    gone: str


def ask_to_reopen(form: RecordForm, how: Reopening) -> None:
    """Reopen ``form``'s record as the current leader, then open the form on it again."""
    gv, record = form.gv, form.record
    if record is None or gv.refuse_if_read_only():
        return
    user = gv.user
    if user is None or not user.is_leader:  # said before any PIN is asked
        form.notify(tr(how.not_leader), severity="error", markup=False)
        return
    gv.as_leader(lambda leader: _ask_reason(form, how, record.id, leader))


def _ask_reason(form: RecordForm, how: Reopening, record_id: str, leader: Lecturer) -> None:
    gv, model = form.gv, form.MODEL

    def answered(reason: str | None) -> None:
        if reason is None:
            return

        def store() -> Record:
            # Read again under the write lock: another laptop may have deleted it meanwhile.
            current = gv.repo.get(model, record_id)
            if current is None or current.deleted:
                raise Invalid([Problem("", tr(how.gone), record_id)])
            return gv.repo.save(how.reopen(current, leader, reason, now()))

        gv.write(store, lambda record: _reopened(form, how, record))

    form.app.push_screen(ReasonModal(tr(how.question)), answered)


def _reopened(form: RecordForm, how: Reopening, record: Record) -> None:
    form._finished = True  # the fields were the signed record's: no draft of them
    form.notify(tr(how.done), markup=False)
    form.app.switch_screen(type(form)(record))
