"""Combining the records of two laptops: a pure function of the two record sets.

Every version of a record carries its hybrid-clock ``stamp``, the ``laptop``
that wrote it, and ``seen``: for each laptop, the newest stamp of its edits
that this version was made having seen (a version vector, store.clock). So
one version *knows* another when it was made after seeing it.

For each record, the versions that no other version knows are its heads:
versions made without seeing each other, concurrently.

- The head with the greatest ``(stamp, laptop)`` is the record (the rest of
  the document breaks an exact tie, so every laptop picks the same one).
  Because the clock moves past every stamp a laptop receives, an edit made
  after seeing a version has the greater stamp, whatever the wall clocks say.
- Every other head is kept in the ``conflicts`` table, to be listed and
  restored. A version some other version knows was seen by whoever made that
  one: it is history, not a conflict, and is dropped.
- A deletion is a version like any other (``deleted_at`` set): an older copy
  is known by the deletion, so it can never bring the record back.

The result is the heads of the union of both sides' versions, so it does not
depend on the order, the grouping or the number of merges:
merge(a, a) == a, merge(a, b) == merge(b, a),
merge(merge(a, b), c) == merge(a, merge(b, c)).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]

CONFLICTS_TABLE = "conflicts"
_CONFLICT_NS = uuid.UUID("6c1c6a52-8d53-4b2a-9a51-2f0f3c7f7e11")


def canonical(doc: Doc) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _stamp(doc: Doc) -> int:
    value = doc.get("stamp", 0)
    return value if isinstance(value, int) else 0


def _laptop(doc: Doc) -> str:
    return str(doc.get("laptop", ""))


def _seen(doc: Doc) -> dict[str, int]:
    seen = doc.get("seen")
    return seen if isinstance(seen, dict) else {}


def knows(a: Doc, b: Doc) -> bool:
    """Whether version ``a`` was made having seen version ``b``'s edit."""
    return int(_seen(a).get(_laptop(b), 0)) >= _stamp(b)


def order_key(doc: Doc) -> tuple[int, str, str]:
    return (_stamp(doc), _laptop(doc), canonical(doc))


def joined(*vectors: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for vector in vectors:
        for laptop, stamp in vector.items():
            if stamp > out.get(laptop, -1):
                out[laptop] = stamp
    return dict(sorted(out.items()))


def heads(versions: Iterable[Doc]) -> list[Doc]:
    """The versions no other version knows, greatest first (the record, then its conflicts)."""
    unique = list({canonical(v): v for v in versions}.values())
    found = [
        v for v in unique if not any(f is not v and knows(f, v) and not knows(v, f) for f in unique)
    ]
    # Two documents of one edit (same laptop and stamp) are one edit: the
    # greater document stands for it, on every laptop alike.
    by_edit: dict[tuple[str, int], Doc] = {}
    for v in found:
        edit = (_laptop(v), _stamp(v))
        if edit not in by_edit or order_key(v) > order_key(by_edit[edit]):
            by_edit[edit] = v
    return sorted(by_edit.values(), key=order_key, reverse=True)


# -- the conflicts table -------------------------------------------------------------


def conflict_id(table: str, record_id: str, version: Doc) -> str:
    digest = hashlib.sha256(canonical(version).encode()).hexdigest()[:16]
    name = f"{table}/{record_id}/{_laptop(version)}/{_stamp(version)}/{digest}"
    return str(uuid.uuid5(_CONFLICT_NS, name))


def conflict_entry(table: str, record_id: str, version: Doc) -> Doc:
    """A losing version, kept: which record, and the version itself."""
    return {
        "id": conflict_id(table, record_id, version),
        "table": table,
        "record_id": record_id,
        "version": version,
    }


def entries_by_record(entries: dict[str, Doc]) -> dict[tuple[str, str], dict[str, Doc]]:
    out: dict[tuple[str, str], dict[str, Doc]] = {}
    for key, entry in entries.items():
        where = (str(entry.get("table", "")), str(entry.get("record_id", "")))
        out.setdefault(where, {})[key] = entry
    return out


# -- whole record sets -------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    table: str
    record_id: str
    kept: Doc
    dropped: Doc | None = None  # the losing version of a new conflict
    theirs_won: bool = True


@dataclass
class MergeResult:
    tables: Tables = field(default_factory=dict)  # only the tables that changed, whole
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)  # conflicts new to this side
    unchanged: int = 0
    max_stamp: int = 0  # the greatest stamp the other side holds, for our clock

    @property
    def changed(self) -> bool:
        return bool(self.tables)


def merge(ours: Tables, theirs: Tables) -> MergeResult:
    """Merge ``theirs`` into ``ours``; neither argument is changed."""
    result = MergeResult()
    our_entries = ours.get(CONFLICTS_TABLE, {})
    their_entries = theirs.get(CONFLICTS_TABLE, {})
    our_by_record = entries_by_record(our_entries)
    their_by_record = entries_by_record(their_entries)
    touched: set[tuple[str, str]] = set(their_by_record)
    for name, incoming in theirs.items():
        if name != CONFLICTS_TABLE:
            touched.update((name, record_id) for record_id in incoming)
    entries: dict[str, Doc] | None = None
    for name, record_id in sorted(touched):
        table = ours.get(name, {})
        our_doc = table.get(record_id)
        their_doc = theirs.get(name, {}).get(record_id)
        mine = our_by_record.get((name, record_id), {})
        other = their_by_record.get((name, record_id), {})
        for doc in (their_doc, *(e.get("version") or {} for e in other.values())):
            if doc:
                result.max_stamp = max(result.max_stamp, _stamp(doc), *_seen(doc).values())
        if not mine and not other and (our_doc is None or our_doc == their_doc):
            # The common cases, without comparing documents as text: a new
            # record, or one both sides hold alike.
            if our_doc is None and their_doc is not None:
                result.added.append(Change(name, record_id, their_doc))
                merged = result.tables.get(name)
                if merged is None:
                    merged = result.tables[name] = dict(table)
                merged[record_id] = their_doc
            elif our_doc is not None:
                result.unchanged += 1
            continue
        versions = [d for d in (our_doc, their_doc) if d is not None]
        versions += [e["version"] for e in (*mine.values(), *other.values())]
        found = heads(versions)
        if not found:
            continue
        winner, losers = found[0], found[1:]
        kept = {}
        for loser in losers:
            entry = conflict_entry(name, record_id, loser)
            kept[entry["id"]] = entry
        if winner != our_doc:
            if our_doc is None:
                result.added.append(Change(name, record_id, winner))
            elif not losers or winner is their_doc:
                result.updated.append(Change(name, record_id, winner))
            merged = result.tables.get(name)
            if merged is None:
                merged = result.tables[name] = dict(table)
            merged[record_id] = winner
        elif their_doc is not None and their_doc == our_doc:
            result.unchanged += 1
        new = [k for k in kept if k not in mine]
        for key in new:
            result.conflicts.append(
                Change(name, record_id, winner, kept[key]["version"], winner is their_doc)
            )
        if set(kept) != set(mine):
            if entries is None:
                entries = dict(our_entries)
            for key in mine:
                entries.pop(key, None)
            entries.update(kept)
        elif winner == our_doc and their_doc is not None and their_doc != our_doc and not new:
            result.unchanged += 1
    if entries is not None:
        result.tables[CONFLICTS_TABLE] = entries
    return result


def merged_tables(ours: Tables, theirs: Tables) -> Tables:
    """The whole record set after merging ``theirs`` into ``ours``."""
    return {**ours, **merge(ours, theirs).tables}


# -- rubrics: a version, once it exists, never changes -------------------------------

_RUBRIC_CONTENT = ("rubric_id", "version", "name", "total", "groups", "bands")


def rubric_content(doc: Doc) -> Doc:
    return {k: doc.get(k) for k in _RUBRIC_CONTENT}


def rubric_clashes(ours: list[Doc], theirs: list[Doc]) -> list[tuple[Doc, Doc]]:
    """Incoming rubrics that differ from ours under the same id and version (or record id)."""
    by_version = {(d.get("rubric_id"), d.get("version")): d for d in ours}
    by_id = {d.get("id"): d for d in ours}
    clashes = []
    for doc in theirs:
        mine = by_version.get((doc.get("rubric_id"), doc.get("version"))) or by_id.get(
            doc.get("id")
        )
        if mine is not None and rubric_content(mine) != rubric_content(doc):
            clashes.append((mine, doc))
    return clashes
