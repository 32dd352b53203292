"""A record's change history: one entry a save, who, when, and each field from old to new.

Entries are records of their own (the ``history`` table): made once, never
changed, so the merge keeps every laptop's entries (the union of them) and a
record's history travels and survives merges with it. The entry of a save is
written in the same file write as the save.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from giangvien.models.base import Part, Record


class Action(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    DELETED = "deleted"


class FieldChange(Part):
    field: str = Field(min_length=1, max_length=100)
    old: Any = None
    new: Any = None


class HistoryEntry(Record):
    table: str = Field(min_length=1, max_length=40)
    record_id: str = Field(min_length=1, max_length=60)
    at: datetime
    by: str | None = None  # the laptop's user at the time (a lecturer id)
    action: Action
    changes: list[FieldChange] = Field(default_factory=list)


# Written by the store on every save, not by the person: never "a change".
UNTRACKED = frozenset({"created_at", "updated_at", "stamp", "laptop", "seen", "edited_by"})


def changes_between(
    old: dict[str, Any] | None, new: dict[str, Any]
) -> tuple[Action, list[FieldChange]]:
    """What a save changed, field by field (both as stored, JSON values)."""
    if old is None:
        return Action.CREATED, []
    deleted = new.get("deleted_at") and not old.get("deleted_at")
    action = Action.DELETED if deleted else Action.EDITED
    found = [
        FieldChange(field=name, old=old.get(name), new=new.get(name))
        for name in sorted(set(old) | set(new))
        if name not in UNTRACKED and old.get(name) != new.get(name)
    ]
    return action, found
