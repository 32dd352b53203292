"""The observed lecturer's own part of a sheet (self-assessment, "seen"): who recorded it.

The part is the lecturer's: recorded by them in person (their PIN, if they
set one on the laptop), or typed in from the paper sheet by someone else,
who is named (``models.observation.OwnPart``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from giangvien.models import Observation, OwnPart, Recorded

OWN = ("self_assessment", "acknowledged_on")


def own_part_of(
    data: dict[str, Any], stored: Observation | None, how: Recorded, user_id: str | None,
    at: datetime,
) -> OwnPart | None:  # fmt: skip
    """The own part for sheet ``data`` about to be saved over ``stored``.

    Unchanged, it stays as stored; changed, it is recorded now as ``how`` says:
    by the lecturer in person, or from paper by the laptop's user.
    """
    if not any(data.get(name) for name in OWN):
        return None
    kept = stored.own_part if stored is not None else None
    if kept is not None and all(data.get(name) == getattr(stored, name) for name in OWN):
        return kept
    by = data.get("lecturer_id") if how is Recorded.IN_PERSON else user_id
    return OwnPart(how=how, by=by or None, at=at)


def mark_old_own_part(doc: dict[str, Any]) -> None:
    """Schema 5, format 5: an older acknowledgement came from paper, typed by someone unknown."""
    if doc.get("own_part") or not (doc.get("self_assessment") or doc.get("acknowledged_on")):
        return
    at = doc.get("updated_at") or doc.get("created_at")
    doc["own_part"] = {"how": Recorded.FROM_PAPER.value, "by": None, "at": at}
