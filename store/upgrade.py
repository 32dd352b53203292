"""Records of an older schema (or interchange format) brought up to this one's rules.

A migration (``store.datafile``) or an import of an older file
(``store.exchange``) upgrades each record of a table in place; the versions
that kept conflicts hold must follow, since they are checked like records.
An entry's id follows from what its version holds (store.merge.conflict_id),
and a version with a field this schema added (even left at its default)
holds something else: an entry whose version changed is keyed anew, as every
laptop that upgrades keys it.

Schema 5 (format 5): trial verdicts recorded before, taken as recorded
(giangvien.trial_signing); a lecturer's own part of a sheet recorded before,
taken as typed in from paper by someone unknown (giangvien.own_part).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from giangvien.models import TABLES
from giangvien.models.signature import TRUST
from giangvien.own_part import mark_old_own_part
from giangvien.problems import Invalid, validate
from giangvien.trial_signing import TRIALS, record_old_verdict
from store.merge import CONFLICTS_TABLE, conflict_id

# How one stored document of a table is upgraded, in place.
Upgrades = Mapping[str, Callable[[dict[str, Any]], None]]


def upgrade_to_5(tables: dict[str, Any]) -> None:
    """Schema 5's upgrade, in a document of either shape (a data file's tables keyed
    by id, or the interchange format's lists)."""
    upgrade_records(tables, {TRIALS.table: record_old_verdict, "observations": mark_old_own_part})


def upgrade_records(tables: dict[str, Any], upgrades: Upgrades) -> None:
    """Each document of the tables ``upgrades`` names, and the versions kept of them."""
    for name, upgrade in upgrades.items():
        for doc in keyed(tables.get(name)).values():
            upgrade(doc)
    if CONFLICTS_TABLE in tables:
        tables[CONFLICTS_TABLE] = upgraded_entries(tables[CONFLICTS_TABLE], upgrades)


def keyed(found: Any) -> dict[str, Any]:
    """A table's documents by key (by place, for a list): the same dicts, to edit in place."""
    if isinstance(found, list):
        return {str(i): doc for i, doc in enumerate(found) if isinstance(doc, dict)}
    return found if isinstance(found, dict) else {}


def upgraded_entries(entries: Any, upgrades: Upgrades) -> Any:
    """Kept conflicts in the same shape (keyed or listed), each upgraded entry keyed anew."""
    if isinstance(entries, list):
        return [upgraded_entry(entry, upgrades) or entry for entry in entries]
    if not isinstance(entries, dict):
        return entries  # check names it
    kept: dict[str, Any] = {}
    for key, entry in entries.items():
        upgraded = upgraded_entry(entry, upgrades)
        if upgraded is None:
            kept[key] = entry
        else:
            kept[upgraded["id"]] = upgraded
    return kept


def upgraded_entry(entry: Any, upgrades: Upgrades) -> dict[str, Any] | None:
    """A kept conflict with its version upgraded, keyed anew; None: nothing to change."""
    table = entry.get("table") if isinstance(entry, dict) else None
    version = entry.get("version") if isinstance(entry, dict) else None
    if table not in upgrades or table not in TABLES or not isinstance(version, dict):
        return None
    upgraded = dict(version)
    upgrades[table](upgraded)
    try:
        # As the gate will read it: with the fields of this schema, defaults included.
        whole = validate(TABLES[table], upgraded, context={TRUST: True}).model_dump(mode="json")
    except Invalid:
        return None  # check names it
    if whole == version:
        return None
    record_id = str(entry.get("record_id", ""))
    return {**entry, "id": conflict_id(table, record_id, whole), "version": whole}
