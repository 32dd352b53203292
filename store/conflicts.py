"""Kept conflicts: the versions that lost a merge, so that none is lost for good.

An entry is made by store.merge; its id follows from what it holds, so every
laptop that meets the same two versions makes the same entry. An entry lasts
while no version of its record has been made having seen it: restoring it
(or saving the record again on a laptop that holds it) settles it, and the
edit that did so settles it on every laptop it reaches.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

# What merging writes into a version; a restored version gets its own.
STAMP_FIELDS = ("stamp", "laptop", "seen", "edited_by")


class Conflict(BaseModel):
    """One losing version of one record (``version`` is the record as it was)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    table: str
    record_id: str
    version: dict[str, Any]

    @property
    def lost_stamp(self) -> int:
        value = self.version.get("stamp", 0)
        return value if isinstance(value, int) else 0

    @property
    def lost_laptop(self) -> str:
        return str(self.version.get("laptop", ""))

    @property
    def deletion(self) -> bool:
        return bool(self.version.get("deleted_at"))

    def content(self) -> dict[str, Any]:
        """The losing version without its stamps: what restoring it saves again."""
        return {k: v for k, v in self.version.items() if k not in STAMP_FIELDS}
