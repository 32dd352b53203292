"""Combining records from another laptop's file: by id, the newer ``updated_at`` wins.

To tell an ordinary update from a conflict, the file remembers in ``_sync``
the ``updated_at`` each record had when the two sides last agreed. If only one
side moved on since, that side wins quietly; if both did (or the files never
met before and differ), it is a conflict: the newer still wins, and it is
reported. Tombstones are records like any other, so a deletion survives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Tables = dict[str, dict[str, dict[str, Any]]]
SYNC_TABLE = "_sync"


@dataclass(frozen=True)
class Change:
    table: str
    record_id: str
    kept: dict[str, Any]
    dropped: dict[str, Any] | None = None  # the version that lost, for conflicts
    theirs_won: bool = True


@dataclass
class MergeResult:
    tables: Tables = field(default_factory=dict)  # whole tables that changed
    sync: dict[str, str] = field(default_factory=dict)
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)


def _newer(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    # ISO 8601 UTC strings of one format order as the times they name; an exact
    # tie falls to the content so that both laptops pick the same winner.
    ka, kb = str(a.get("updated_at", "")), str(b.get("updated_at", ""))
    if ka != kb:
        return a if ka > kb else b
    return a if repr(sorted(a.items())) >= repr(sorted(b.items())) else b


def merge(ours: Tables, theirs: Tables, sync: dict[str, str]) -> MergeResult:
    result = MergeResult(sync=dict(sync))
    for name, incoming in theirs.items():
        table = dict(ours.get(name, {}))
        touched = False
        for record_id, their_doc in incoming.items():
            key = f"{name}/{record_id}"
            our_doc = table.get(record_id)
            if our_doc is None:
                table[record_id] = their_doc
                result.added.append(Change(name, record_id, their_doc))
                touched = True
            elif our_doc == their_doc:
                result.unchanged += 1
            else:
                base = sync.get(key)
                winner = _newer(our_doc, their_doc)
                if base is not None and our_doc.get("updated_at") == base:
                    winner = their_doc  # only they moved on since the last merge
                    result.updated.append(Change(name, record_id, their_doc))
                elif base is not None and their_doc.get("updated_at") == base:
                    winner = our_doc  # only we did: their copy is simply older
                    result.unchanged += 1
                else:
                    loser = their_doc if winner is our_doc else our_doc
                    result.conflicts.append(
                        Change(name, record_id, winner, loser, theirs_won=winner is their_doc)
                    )
                if winner is not our_doc:
                    table[record_id] = winner
                    touched = True
            result.sync[key] = str(table[record_id].get("updated_at", ""))
        if touched:
            result.tables[name] = table
    return result
