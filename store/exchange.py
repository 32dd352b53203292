"""Records between laptops: the document a laptop gives, and bringing one in.

Bringing a file in is two steps, so that a user can see what will happen before
anything is written: :func:`plan_import` reads and checks the file, runs the
merge against what is stored and writes nothing; :func:`apply_import` stores
that merge in one write. ``giangvien import``, the TUI's exchange section and
the shared folder (store.sync) all go this way, through the same gate.

What is refused changes nothing: another Center's file, a rubric version
that differs from the one this file holds under the same id and version, a
record that does not validate, a reference to a lecturer neither side has.
Refusals are a ValueError (the file as a whole) or an Invalid (its records),
each in sentences.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from giangvien.i18n import tr
from giangvien.interchange import (
    center_of,
    export_document,
    read_document,
    signatures_predate,
    verdicts_predate,
)
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import default_rubric
from giangvien.signing import fingerprint_old_signatures
from giangvien.vntext import clean, format_date, inert
from store.clock import LEGACY_CENTER, plausible
from store.conflicts import Conflict
from store.datafile import stamp_legacy_records
from store.gate import gate_incoming, gate_merged
from store.merge import CONFLICTS_TABLE, MergeResult, conflict_id, merge, rubric_clashes
from store.repository import ALL_TABLES, Repository, dump
from store.upgrade import keyed, upgrade_to_5

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


@dataclass
class ImportPlan:
    """A file read, checked and merged against what is stored; nothing written yet."""

    path: Path
    result: MergeResult
    names: dict[str, str] = field(default_factory=dict)  # lecturer id -> full name
    laptop: str = ""  # the laptop that gave the file, when it says
    user: str = ""  # who was using that laptop, when it says
    settle_center: str | None = None  # the Center this file joins, on its first import

    @property
    def changed(self) -> bool:
        return self.result.changed or self.settle_center is not None


def export_tables(repo: Repository) -> dict[str, list[dict[str, Any]]]:
    """Every record (deleted ones too) and every kept conflict, in a stable order."""
    tables = {
        name: sorted((dump(r) for r in repo.all(model, include_deleted=True)), key=_by_id)
        for name, model in ALL_TABLES.items()
    }
    # Kept conflicts travel too: a laptop that restores one closes it everywhere.
    tables[CONFLICTS_TABLE] = [c.model_dump(mode="json") for c in repo.conflicts()]
    return tables


def _by_id(doc: dict[str, Any]) -> str:
    return str(doc.get("id", ""))


def export_of(repo: Repository, app_version: str) -> dict[str, Any]:
    """This laptop's records as an interchange document (what ``export`` writes)."""
    settings = repo.settings()
    center = {
        "id": repo.center_id,
        "name": ", ".join(p for p in (settings.organisation, settings.place_name) if p),
    }
    document = export_document(export_tables(repo), app_version, center)
    document["laptop"] = repo.laptop_id
    user = repo.current_user()
    document["laptop_user"] = user.full_name if user is not None else ""
    return document


def plan_import(repo: Repository, path: Path) -> ImportPlan:
    """Read ``path`` and merge it against what is stored, writing nothing."""
    data = load_json(path)
    _refuse_newer(data, path)
    _take_old_signatures(data)
    raw = repo.datafile.raw()
    _drop_known(data, raw)
    # The gate (store.gate) before anything touches the store: every problem at once.
    gate_incoming(repo, data)
    incoming = read_document(data, set(ALL_TABLES) | {CONFLICTS_TABLE})
    their_center, legacy = center_of(data)
    if legacy:
        stamp_legacy_records(incoming)
    _validate(incoming)

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
    gate_merged(ours | result.tables, known=raw)
    settle = adopt or not repo.datafile.meta.get("center_settled")
    laptop = data.get("laptop") if isinstance(data, dict) else None
    if laptop is None and isinstance(data, dict) and "_meta" in data:
        laptop = (data["_meta"].get("1") or {}).get("laptop_id")  # a data file as it is
    return ImportPlan(
        path=path,
        result=result,
        names={**_names(ours), **_names(incoming)},
        laptop=str(laptop) if isinstance(laptop, str) else "",
        user=_user_of(data),
        settle_center=(their_center or LEGACY_CENTER) if settle else None,
    )


def _user_of(data: Any) -> str:
    user = data.get("laptop_user") if isinstance(data, dict) else None
    # Shown to the user: the same clean-up as any name that arrives.
    return inert(clean(user))[:120] if isinstance(user, str) else ""


def _drop_known(data: Any, raw: dict[str, Any]) -> None:
    """Leave out of ``data`` every record this file already holds exactly as it is.

    What this file holds passed the gate on its way in, so a copy equal to it
    needs no second look, and merging it changes nothing. A shared folder's
    round reads files that differ from ours by a record or two: without this,
    each round validated some 15,000 records of a ten-year Center twice.
    """
    if not isinstance(data, dict):
        return
    interchange = data.get("format") is not None
    tables = data.get("tables") if interchange else data
    if not isinstance(tables, dict):
        return
    # A lecturer this file deletes while ours is live: every record naming them must
    # meet the gate's reference check, as ``check`` of that file would; keep them all.
    if _deletes_a_live_lecturer(tables.get("lecturers"), raw.get("lecturers") or {}):
        tables = {"lecturers": tables.get("lecturers")}
    for name, found in list(tables.items()):
        ours = raw.get(name)
        if name.startswith("_") or not isinstance(ours, dict) or not ours:
            continue
        if interchange and isinstance(found, list):
            # An id given twice is the gate's to name: neither copy is left out.
            ids = Counter(str(d.get("id", "")) for d in found if isinstance(d, dict))
            tables[name] = [
                d for d in found if not (_known(d, ours) and ids[str(d.get("id", ""))] == 1)
            ]
        elif not interchange and isinstance(found, dict):
            tables[name] = {k: d for k, d in found.items() if not _known(d, ours, str(k))}


def _deletes_a_live_lecturer(found: Any, ours: dict[str, Any]) -> bool:
    docs = found.values() if isinstance(found, dict) else found if isinstance(found, list) else []
    for doc in docs:
        if not isinstance(doc, dict) or doc.get("deleted_at") is None:
            continue
        stored = ours.get(str(doc.get("id", "")))
        if isinstance(stored, dict) and stored.get("deleted_at") is None:
            return True
    return False


def _known(doc: Any, ours: dict[str, Any], key: str | None = None) -> bool:
    if not isinstance(doc, dict):
        return False
    found = ours.get(key if key is not None else str(doc.get("id", "")))
    return found is not None and found == doc


def _take_old_signatures(data: dict[str, Any]) -> None:
    """What an older version signed or recorded, taken as signed (giangvien.signing,
    store.upgrade), in the file's own shape."""
    tables = data.get("tables") if data.get("format") else data
    if not isinstance(tables, dict):
        return
    if signatures_predate(data):
        fingerprint_old_signatures({"observations": keyed(tables.get("observations"))})
    if verdicts_predate(data):
        upgrade_to_5(tables)


def apply_import(repo: Repository, plan: ImportPlan) -> None:
    """Store a plan's merge in one write (the Center joined with it, if it is one)."""
    if plan.settle_center is not None:
        repo.datafile.meta.update(center_id=plan.settle_center, center_settled=True)
    repo.apply_merge(plan.result, write_meta=plan.settle_center is not None)


def import_file(repo: Repository, path: Path) -> ImportPlan:
    """Plan and store at once (the command line, the shared folder)."""
    plan = plan_import(repo, path)
    apply_import(repo, plan)
    return plan


def plan_lines(plan: ImportPlan) -> list[str]:
    """The plan in words: a summary line, then each record added, changed, in conflict."""
    result = plan.result
    if not result.changed:
        return [tr("exchange.import_nothing", path=plan.path, unchanged=result.unchanged)]
    lines = [
        tr(
            "exchange.import_summary",
            added=len(result.added),
            updated=len(result.updated),
            conflicts=len(result.conflicts),
            unchanged=result.unchanged,
        )
    ]
    for title, changes in (
        ("cli.import_added", result.added),
        ("cli.import_updated", result.updated),
    ):
        for change in changes:
            lines.append(
                tr(title, what=describe(change.table, change.record_id, change.kept, plan.names))
            )
    for change in result.conflicts:
        assert change.dropped is not None
        side = tr("cli.side_theirs") if change.theirs_won else tr("cli.side_ours")
        lines.append(
            tr(
                "exchange.import_conflict",
                what=describe(change.table, change.record_id, change.kept, plan.names),
                side=side,
                dropped=when(change.dropped),
                id=conflict_id(change.table, change.record_id, change.dropped)[:8],
            )
        )
    return lines


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
