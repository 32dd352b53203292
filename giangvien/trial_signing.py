"""Recording a trial's verdict, and reopening a trial whose verdict is recorded.

A verdict is a leader's act, signed like a sheet's conclusion
(giangvien.signing): the whole trial is then under a fingerprint, and any
change is refused until a leader reopens it with a reason and records the
verdict again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from giangvien.i18n import tr
from giangvien.models import Lecturer, Trial
from giangvien.problems import Invalid, Problem
from giangvien.signing import Signable, reopened, sealed, signer_problems, take_as_signed


def _signed_text(trial: Trial) -> str:
    # The verdict's value, not its label: the data reads the same in every language.
    said = trial.verdict.value if trial.verdict else ""
    return f"{said}\n{trial.to_fix}" if trial.to_fix else said


TRIALS: Signable[Trial] = Signable(
    Trial, "trials", "verdict_by", "verdict_at", "verdict", "trials", _signed_text,
    reopen_clears=("verdict",), mark="verdict",
)  # fmt: skip


def record_verdict(
    trial: Trial | Mapping[str, Any], leader: Lecturer | None, at: datetime
) -> Trial:
    """``trial`` (a record, or a form's data of one) with its verdict recorded by ``leader``.

    Every reason at once: what is wrong with the trial, and why ``leader`` may
    not record it (not a leader; the trial's own lecturer).
    """
    data = trial.model_dump() if isinstance(trial, Trial) else dict(trial)
    record_id = str(data.get("id", ""))
    found = signer_problems(TRIALS, record_id, str(data.get("lecturer_id", "")), leader)
    if data.get("verdict") is None:
        raise Invalid([Problem("verdict", tr("trials.verdict_missing"), record_id), *found])
    try:
        result = sealed(TRIALS, data, leader.id if leader else None, at)
    except Invalid as error:
        raise Invalid([*error.problems, *found]) from None
    if found:
        raise Invalid(found)
    return result


def verdict_recorded(trial: Trial | Mapping[str, Any], by: str | None, at: datetime) -> Trial:
    """``trial`` with its verdict taken as recorded by ``by`` (None: no one known) at ``at``.

    Without asking who may: for what is recorded already (sample data, files
    of older versions). A person recording a verdict goes through :func:`record_verdict`.
    """
    return sealed(TRIALS, trial.model_dump() if isinstance(trial, Trial) else trial, by, at)


def reopen_trial(trial: Trial, leader: Lecturer | None, reason: str, at: datetime) -> Trial:
    """``trial`` open again: its verdict kept in ``reopenings``, to be recorded anew."""
    return reopened(TRIALS, trial, leader, reason, at)


def record_old_verdict(doc: dict[str, Any]) -> None:
    """A verdict recorded before schema 5, taken as recorded: by the chair, when last saved."""
    chair = doc.get("chair")
    by = chair.get("lecturer_id") if isinstance(chair, dict) else None
    if by == doc.get("lecturer_id"):
        by = None  # a chair who was the lecturer on trial did not decide about themselves
    at = doc.get("updated_at") or doc.get("created_at")
    take_as_signed(TRIALS, doc, {"verdict_by": by or None, "verdict_at": at})
