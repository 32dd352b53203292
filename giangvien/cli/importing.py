"""`giangvien import`: validate everything first, then merge in one write."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from giangvien.i18n import tr
from giangvien.interchange import read_document
from giangvien.problems import Invalid, Problem, validate
from giangvien.vntext import format_date
from store.merge import SYNC_TABLE, Change, merge
from store.repository import ALL_TABLES, Repository, dump

SYNC_KEY = "state"


def load_json(path: Path) -> Any:
    text = path.read_text(encoding="utf-8-sig")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            tr("cli.import_not_json", path=path, line=error.lineno, column=error.colno)
        ) from None


def import_file(repo: Repository, path: Path) -> int:
    data = load_json(path)
    _refuse_newer(data, path)
    incoming = read_document(data, set(ALL_TABLES))
    problems: list[Problem] = []
    for name, docs in incoming.items():
        for key, doc in list(docs.items()):
            try:
                record = validate(ALL_TABLES[name], doc, record_id=key)
            except Invalid as error:
                problems += error.problems
                continue
            if record.id != key:
                problems.append(Problem("id", tr("check.key_mismatch", key=key), key))
            # What is stored is the validated record, so NFD text from another
            # laptop arrives normalised like everything typed here.
            docs[key] = dump(record)
    if problems:
        raise Invalid(problems)

    raw = repo.datafile.raw()
    ours = {name: dict(raw.get(name) or {}) for name in ALL_TABLES}
    sync_doc = (raw.get(SYNC_TABLE) or {}).get(SYNC_KEY) or {}
    result = merge(ours, incoming, dict(sync_doc))
    _check_references(repo, ours | result.tables)
    if result.changed:
        repo.put_raw({**result.tables, SYNC_TABLE: {SYNC_KEY: result.sync}})
    elif result.sync != sync_doc:
        repo.put_raw({SYNC_TABLE: {SYNC_KEY: result.sync}})

    names = {**_names(ours), **_names(incoming)}
    print(
        tr(
            "cli.import_summary",
            added=len(result.added),
            updated=len(result.updated),
            conflicts=len(result.conflicts),
            unchanged=result.unchanged,
        )
    )
    for title, changes in (
        ("cli.import_added", result.added),
        ("cli.import_updated", result.updated),
    ):
        for change in changes:
            print(tr(title, what=_describe(change, names)))
    for change in result.conflicts:
        assert change.dropped is not None
        side = tr("cli.side_theirs") if change.theirs_won else tr("cli.side_ours")
        print(
            tr(
                "cli.import_conflict",
                what=_describe(change, names),
                side=side,
                kept=change.kept.get("updated_at", ""),
                dropped=change.dropped.get("updated_at", ""),
            )
        )
    return 0


def _refuse_newer(data: Any, path: Path) -> None:
    from store.datafile import SCHEMA_VERSION

    meta = data.get("_meta") if isinstance(data, dict) else None
    if isinstance(meta, dict):
        for doc in meta.values():
            found = doc.get("schema_version") if isinstance(doc, dict) else None
            if isinstance(found, int) and found > SCHEMA_VERSION:
                raise ValueError(
                    tr("cli.import_newer", path=path, found=found, supported=SCHEMA_VERSION)
                )


def _check_references(repo: Repository, merged: dict[str, dict[str, dict[str, Any]]]) -> None:
    known = {key for key, doc in merged.get("lecturers", {}).items() if not doc.get("deleted_at")}
    problems: list[Problem] = []
    for name, docs in merged.items():
        if name not in ALL_TABLES:
            continue
        for key, doc in docs.items():
            record = ALL_TABLES[name].model_validate(doc)
            people = getattr(record, "people", None)
            if people is None or record.deleted_at is not None:
                continue
            for missing in sorted(people() - known):
                problems.append(Problem("", tr("model.unknown_reference", id=missing), key))
    if problems:
        raise Invalid(problems)


def _names(tables: dict[str, dict[str, dict[str, Any]]]) -> dict[str, str]:
    out = {}
    for key, doc in tables.get("lecturers", {}).items():
        parts = (doc.get("family_name"), doc.get("middle_name"), doc.get("given_name"))
        out[key] = " ".join(p for p in parts if p)
    return out


def _describe(change: Change, names: dict[str, str]) -> str:
    doc = change.kept
    kind = tr(f"cli.kind_{change.table}")
    bits = [kind]
    if isinstance(doc.get("date"), str):
        bits.append(format_date(date.fromisoformat(doc["date"])))
    who = names.get(doc.get("lecturer_id") or "") or names.get(change.record_id)
    if who:
        bits.append(who)
    if doc.get("lesson"):
        bits.append(f"“{doc['lesson']}”")
    if doc.get("deleted_at"):
        bits.append(tr("cli.deleted"))
    return " · ".join(bits) + f" ({change.record_id[:8]})"
