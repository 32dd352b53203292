"""`giangvien import`: validate everything first, then merge in one write.

What is refused changes nothing: another Center's file, a rubric version
that differs from the one this file holds under the same id and version, a
record that does not validate, a reference to a lecturer neither side has.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from giangvien.i18n import tr
from giangvien.interchange import center_of, read_document
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import default_rubric
from giangvien.vntext import format_date
from store.clock import LEGACY_CENTER, plausible
from store.conflicts import Conflict
from store.datafile import stamp_legacy_records
from store.gate import gate_incoming, gate_merged
from store.merge import CONFLICTS_TABLE, conflict_id, merge, rubric_clashes
from store.repository import ALL_TABLES, Repository, dump

Tables = dict[str, dict[str, dict[str, Any]]]
# Each laptop keeps its own settings: the Center's name, its rubric choice and
# layout are set where they are used, and an import never renames this Center.
LOCAL_RECORD_TABLES = frozenset({"settings"})


def load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            tr("cli.import_not_json", path=path, line=error.lineno, column=error.colno)
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        # Not UTF-8, a number of thousands of digits, nesting beyond any record.
        raise ValueError(tr("cli.import_unreadable", path=path)) from None


def import_file(repo: Repository, path: Path) -> int:
    data = load_json(path)
    _refuse_newer(data, path)
    # The gate (store.gate) before anything touches the store: every problem at once.
    gate_incoming(repo, data)
    incoming = read_document(data, set(ALL_TABLES) | {CONFLICTS_TABLE})
    their_center, legacy = center_of(data)
    if legacy:
        stamp_legacy_records(incoming)
    _validate(incoming)

    raw = repo.datafile.raw()
    ours: Tables = {name: dict(raw.get(name) or {}) for name in (*ALL_TABLES, CONFLICTS_TABLE)}
    adopt = _center(repo, their_center or LEGACY_CENTER, _center_name(data, incoming), path)
    if adopt:
        # Joining a Center takes its settings, rather than making the first-run
        # settings of this laptop a rival version of them.
        for name in LOCAL_RECORD_TABLES:
            if incoming.get(name):
                ours[name] = {}
    else:
        for name in LOCAL_RECORD_TABLES:
            incoming.pop(name, None)
        incoming[CONFLICTS_TABLE] = {
            key: entry
            for key, entry in (incoming.get(CONFLICTS_TABLE) or {}).items()
            if entry.get("table") not in LOCAL_RECORD_TABLES
        }
    _refuse_rubric_clashes(ours, incoming)

    result = merge(ours, incoming)
    gate_merged(ours | result.tables)
    meta = repo.datafile.meta
    settle = adopt or not meta.get("center_settled")
    if settle:
        meta.update(center_id=their_center or LEGACY_CENTER, center_settled=True)
    repo.apply_merge(result, write_meta=settle)

    if not result.changed:
        print(tr("exchange.import_nothing", path=path, unchanged=result.unchanged))
        return 0
    names = {**_names(ours), **_names(incoming)}
    print(
        tr(
            "exchange.import_summary",
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
            print(tr(title, what=describe(change.table, change.record_id, change.kept, names)))
    for change in result.conflicts:
        assert change.dropped is not None
        side = tr("cli.side_theirs") if change.theirs_won else tr("cli.side_ours")
        print(
            tr(
                "exchange.import_conflict",
                what=describe(change.table, change.record_id, change.kept, names),
                side=side,
                dropped=when(change.dropped),
                id=conflict_id(change.table, change.record_id, change.dropped)[:8],
            )
        )
    return 0


def _validate(incoming: Tables) -> None:
    problems: list[Problem] = []
    for name, docs in incoming.items():
        if name == CONFLICTS_TABLE:
            _normalised_conflicts(docs)
            continue
        for key, doc in list(docs.items()):
            try:
                record = validate(ALL_TABLES[name], doc, record_id=key)
            except Invalid as error:
                problems += error.problems
                continue
            if record.id != key:
                problems.append(Problem("id", tr("check.key_mismatch", key=key), key))
            stamps = [record.stamp, *record.seen.values()]
            if not all(plausible(stamp) for stamp in stamps):
                problems.append(Problem("stamp", tr("exchange.stamp_ahead"), key))
            # What is stored is the validated record, so NFD text from another
            # laptop arrives normalised like everything typed here.
            docs[key] = dump(record)
    if problems:
        raise Invalid(problems)


def _normalised_conflicts(docs: dict[str, dict[str, Any]]) -> None:
    # The gate has checked every entry; what is stored is the validated
    # version, normalised like every record that arrives.
    for key, doc in list(docs.items()):
        entry = validate(Conflict, doc, record_id=key)
        version = dump(validate(ALL_TABLES[entry.table], entry.version, entry.record_id))
        docs[key] = {**entry.model_dump(mode="json"), "version": version}


def _center_name(data: Any, incoming: Tables) -> str:
    center = data.get("center") if isinstance(data, dict) else None
    if isinstance(center, dict) and center.get("name"):
        return str(center["name"])
    settings = next(iter((incoming.get("settings") or {}).values()), {})
    return ", ".join(
        str(p) for p in (settings.get("organisation"), settings.get("place_name")) if p
    )


def _center(repo: Repository, theirs: str, name: str, path: Path) -> bool:
    """Whether this file takes the other file's Center: it has never imported yet.

    A new laptop's file gets a Center of its own on creation; the first
    import is how it joins the Center it belongs to. After that, a file of
    another Center is refused with a ValueError that names that Center.
    """
    if theirs == repo.center_id:
        return False
    if not repo.datafile.meta.get("center_settled"):
        return True
    raise ValueError(
        tr(
            "exchange.other_center",
            path=path,
            name=name or tr("exchange.unnamed_center"),
            id=theirs[:8],
        )
    )


def _refuse_rubric_clashes(ours: Tables, incoming: Tables) -> None:
    mine = [*ours.get("rubrics", {}).values(), dump(default_rubric())]
    clashes = rubric_clashes(mine, list((incoming.get("rubrics") or {}).values()))
    if clashes:
        raise Invalid(
            [
                Problem(
                    "",
                    tr(
                        "exchange.rubric_clash",
                        name=theirs.get("name", ""),
                        rubric=theirs.get("rubric_id", ""),
                        version=theirs.get("version", ""),
                    ),
                    str(theirs.get("id", "")),
                )
                for _mine, theirs in clashes
            ]
        )


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


def _names(tables: Tables) -> dict[str, str]:
    out = {}
    for key, doc in tables.get("lecturers", {}).items():
        parts = (doc.get("family_name"), doc.get("middle_name"), doc.get("given_name"))
        out[key] = " ".join(p for p in parts if p)
    return out


def describe(table: str, record_id: str, doc: dict[str, Any], names: dict[str, str]) -> str:
    """A record in one line: its kind, date, lecturer or lesson, and short id."""
    kind = tr(f"cli.kind_{table}")
    bits = [kind]
    if isinstance(doc.get("date"), str):
        with contextlib.suppress(ValueError):
            bits.append(format_date(date.fromisoformat(doc["date"])))
    who = names.get(doc.get("lecturer_id") or "") or names.get(record_id)
    if who:
        bits.append(who)
    if doc.get("lesson"):
        bits.append(f"“{doc['lesson']}”")
    if doc.get("deleted_at"):
        bits.append(tr("cli.deleted"))
    return " · ".join(bits) + f" ({record_id[:8]})"


def when(doc: dict[str, Any]) -> str:
    """When a version was edited, as its laptop's clock said (dd/mm/yyyy hh:mm)."""
    try:
        moment = datetime.fromisoformat(str(doc.get("updated_at"))).astimezone()
    except ValueError:
        return str(doc.get("updated_at", ""))
    return f"{format_date(moment.date())} {moment:%H:%M}"
