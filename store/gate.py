"""The one gate: what every way into the store checks, and what ``check`` reports.

``giangvien check``, a save from the TUI, ``import``, a rubric install and a
migration all ask the same questions of the same records:

- every number finite, and no integer beyond 2**53 (what a JSON reader on
  another laptop, or JavaScript, still reads exactly);
- every record valid for its model: types, ranges, required fields, text
  without control or bidi-override characters (the models refuse them);
- every record's key is its id, and no id occurs twice;
- every person named is a lecturer of the file;
- every scored sheet names a rubric version the file (or the built-in one)
  has, and scores every item of it within 0..max, and nothing else;
- the built-in rubric is never redefined, and a rubric version that exists is
  never replaced by a different one.

Each problem is a :class:`~giangvien.problems.Problem`: record, field, why, as
one sentence in the current language. The gate is all or nothing: a caller
stores nothing while it reports anything.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from giangvien.i18n import tr
from giangvien.interchange import FORMAT, FORMAT_VERSION
from giangvien.models import TABLES, Lecturer, Observation, Record, Settings, Trial
from giangvien.models.base import MAX_STAMP
from giangvien.models.signature import TRUST
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import Rubric, default_rubric
from store.conflicts import Conflict
from store.merge import CONFLICTS_TABLE, conflict_id

# Beyond this a float64 (JSON's number in most readers) no longer holds every integer.
MAX_INT = MAX_STAMP

ALL_TABLES: dict[str, type[Record]] = {**TABLES, "rubrics": Rubric}
# Tables of a data file that hold no records (the repository's bookkeeping).
# Tables that are not records: the file's own header, this laptop's state and
# drafts. The kept conflicts are checked as their own kind (conflict_problems).
RESERVED_TABLES = frozenset({"_meta", "_local", "_drafts"})
KNOWN_TABLES = frozenset(TABLES) | {"rubrics", CONFLICTS_TABLE}

Tables = dict[str, dict[str, dict[str, Any]]]


# -- numbers ------------------------------------------------------------------


def number_problems(value: Any, record_id: str, path: str = "") -> list[Problem]:
    """NaN, infinity and integers beyond 2**53 anywhere inside ``value``.

    Checked on the raw document because a model may never see them: a NaN in
    a field pydantic coerces, a 1e400 the JSON reader already made infinite.
    """
    found: list[Problem] = []
    if isinstance(value, bool):
        return found
    if isinstance(value, float) and not math.isfinite(value):
        found.append(Problem(path, tr("problem.not_finite"), record_id))
    elif isinstance(value, int) and abs(value) > MAX_INT:
        found.append(Problem(path, tr("problem.too_big", value=_short(value)), record_id))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += number_problems(item, record_id, _join(path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += number_problems(item, record_id, _join(path, str(index)))
    return found


def _despite_signature(
    model: type[Record], doc: dict[str, Any], key: str, error: Invalid
) -> Record | None:
    """The record read all the same when the changed signed content (a sheet's
    conclusion, a trial's verdict) is its only problem, so that what else is
    wrong with it (a score off the rubric) is named too."""
    changed = {tr("model.signed_changed"), tr("model.verdict_changed")}
    if not error.problems or any(p.message not in changed for p in error.problems):
        return None
    try:
        return validate(model, doc, record_id=key, context={TRUST: True})
    except Invalid:
        return None


def _zeroed(value: Any, paths: set[str], path: str = "") -> Any:
    if path in paths:
        return 0
    if isinstance(value, dict):
        return {k: _zeroed(v, paths, _join(path, str(k))) for k, v in value.items()}
    if isinstance(value, list):
        return [_zeroed(v, paths, _join(path, str(i))) for i, v in enumerate(value)]
    return value


def _short(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:10]}…({len(text)})"


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


# -- context: what a record may refer to --------------------------------------


class Context:
    """What the records being checked may refer to: lecturers and rubrics."""

    def __init__(self, lecturers: Iterable[str], rubrics: Iterable[Rubric]) -> None:
        self.lecturers = set(lecturers)
        self.rubrics: dict[tuple[str, int], Rubric] = {}
        builtin = default_rubric()
        self.rubrics[(builtin.rubric_id, builtin.version)] = builtin
        for rubric in rubrics:
            self.rubrics.setdefault((rubric.rubric_id, rubric.version), rubric)

    def rubric(self, rubric_id: str, version: int) -> Rubric | None:
        return self.rubrics.get((rubric_id, version))


def record_problems(record: Record, context: Context) -> list[Problem]:
    """What is wrong with a valid model given the rest of the data: references, scores."""
    found: list[Problem] = []
    people = getattr(record, "people", None)
    if people is not None and record.deleted_at is None:
        for person in sorted(people() - context.lecturers):
            found.append(Problem("", tr("model.unknown_reference", id=person), record.id))
    if isinstance(record, Observation | Trial) and record.deleted_at is None:
        found += _score_problems(record, context)
    if isinstance(record, Rubric):
        found += rubric_problems(record, context)
    if (
        isinstance(record, Settings)
        and context.rubric(record.rubric_id, record.rubric_version) is None
    ):
        message = tr("model.unknown_rubric", rubric=record.rubric_id, version=record.rubric_version)
        found.append(Problem("rubric_version", message, record.id))
    return found


def _score_problems(record: Observation | Trial, context: Context) -> list[Problem]:
    sheets: list[tuple[str, dict[str, float] | None]]
    if isinstance(record, Observation):
        sheets = [("scores", record.scores)]
    else:
        sheets = [(f"panel.{i}.scores", m.scores) for i, m in enumerate(record.panel)]
    if record.rubric_id is None or record.rubric_version is None:
        return []
    rubric = context.rubric(record.rubric_id, record.rubric_version)
    if rubric is None:
        message = tr("model.unknown_rubric", rubric=record.rubric_id, version=record.rubric_version)
        return [Problem("rubric_id", message, record.id)]
    return [
        Problem(f"{path}.{code}", message, record.id)
        for path, scores in sheets
        if scores is not None
        for code, message in sorted(rubric.score_errors(scores).items())
    ]


def same_rubric(a: Rubric, b: Rubric) -> bool:
    """Whether two rubric records define the same scoring (ids and times aside)."""
    keep = {"rubric_id", "version", "name", "total", "groups", "bands"}
    return bool(a.model_dump(include=keep) == b.model_dump(include=keep))


def rubric_problems(rubric: Rubric, context: Context) -> list[Problem]:
    """A rubric version may exist once: the built-in one, or one already known, never redefined."""
    known = context.rubric(rubric.rubric_id, rubric.version)
    if known is None or same_rubric(known, rubric):
        return []
    message = tr("check.rubric_redefined", rubric=rubric.rubric_id, version=rubric.version)
    return [Problem("version", message, rubric.id)]


# -- whole documents ----------------------------------------------------------


def parse_tables(
    tables: Mapping[str, Any], known: Mapping[str, Any] | None = None
) -> tuple[dict[str, dict[str, Record]], list[Problem]]:
    """Every record of ``tables`` as its model, with every problem of the raw records.

    A record equal to its copy in ``known`` (what the data file holds, which
    passed this gate on its way in) is read as the app reads its own file:
    every rule but the clean-ups (giangvien.models.reading).
    """
    found: list[Problem] = []
    parsed: dict[str, dict[str, Record]] = {}
    seen: dict[str, str] = {}
    for name, model in ALL_TABLES.items():
        table = tables.get(name)
        if table is None:
            continue
        if not isinstance(table, dict):
            found.append(Problem("", tr("check.table_shape", name=name)))
            continue
        parsed[name] = {}
        for key, doc in table.items():
            key = str(key)
            if not isinstance(doc, dict):
                found.append(Problem("", tr("check.record_shape", name=name), key))
                continue
            numbers = number_problems(doc, key)
            found += numbers
            if numbers:
                # Checked further with 0 in their place, so the same sentence
                # names the record's other problems too; 0 cannot stand in the
                # file (the record is refused all the same).
                doc = _zeroed(doc, {p.field for p in numbers})
            stored = (known or {}).get(name)
            trusted = isinstance(stored, dict) and not numbers and stored.get(key) == doc
            try:
                record = validate(model, doc, record_id=key, trusted=trusted)
            except Invalid as error:
                bad = {p.field for p in numbers}
                found += [p for p in error.problems if p.field not in bad]
                despite = _despite_signature(model, doc, key, error)
                if despite is None:
                    continue
                record = despite
            if record.id != key:
                found.append(Problem("id", tr("check.key_mismatch", key=key), record.id))
                continue
            if key in seen and seen[key] != name:
                found.append(
                    Problem("id", tr("check.duplicate_id", other=tr(f"cli.kind_{seen[key]}")), key)
                )
                continue
            seen[key] = name
            parsed[name][key] = record
    return parsed, found


def context_of(parsed: Mapping[str, Mapping[str, Record]], extra: Context | None = None) -> Context:
    lecturers = {
        key
        for key, r in parsed.get("lecturers", {}).items()
        if isinstance(r, Lecturer) and not r.deleted
    }
    rubrics = [r for r in parsed.get("rubrics", {}).values() if isinstance(r, Rubric)]
    if extra is not None:
        # The document's own view of a lecturer wins over the store's: a file
        # that deletes a lecturer its own records still name is refused, as
        # check would refuse it, whatever the merge would then keep.
        lecturers |= extra.lecturers - set(parsed.get("lecturers", {}))
        rubrics = [*extra.rubrics.values(), *rubrics]
    return Context(lecturers, rubrics)


def document_problems(
    document: Mapping[str, Any], known: Mapping[str, Any] | None = None
) -> list[Problem]:
    """Every problem of a whole data document (what ``giangvien check`` prints).

    ``known``: the stored document, whose unchanged records need no clean-up
    (see :func:`parse_tables`); ``check`` passes none and checks everything.
    """
    found = [
        Problem("", tr("check.unknown_table", name=name))
        for name in sorted(set(document) - KNOWN_TABLES - RESERVED_TABLES)
    ]
    parsed, problems = parse_tables(document, known)
    found += problems
    found += conflict_problems(document.get(CONFLICTS_TABLE) or {})
    context = context_of(parsed)
    for table in parsed.values():
        for record in table.values():
            found += record_problems(record, context)
    return found


# -- incoming documents (import, sync) -----------------------------------------


def read_incoming(data: Any) -> tuple[Tables, list[Problem]]:
    """The tables of an interchange file or a data file, and every problem of its shape.

    Unlike a silent reader it names each record that is not an object, has no
    id, or repeats an id, instead of dropping or overwriting it.
    """
    from store.datafile import SCHEMA_VERSION  # the store's own header rules

    if not isinstance(data, dict):
        return {}, [Problem("", tr("interchange.not_ours"))]
    found: list[Problem] = []
    tables: Tables = {}
    if data.get("format") == FORMAT:
        version = data.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version > FORMAT_VERSION:
            shown = version if isinstance(version, int | str) else "?"
            message = tr("interchange.newer", found=shown, supported=FORMAT_VERSION)
            return {}, [Problem("format_version", message)]
        raw_tables = data.get("tables")
        if not isinstance(raw_tables, dict):
            return {}, [Problem("tables", tr("interchange.not_ours"))]
        for name in sorted(set(raw_tables) - KNOWN_TABLES):
            found.append(Problem("", tr("check.unknown_table", name=name)))
        for name in ALL_TABLES:
            records = raw_tables.get(name)
            if records is None:
                continue
            if not isinstance(records, list):
                found.append(Problem("", tr("check.table_shape", name=name)))
                continue
            table: dict[str, dict[str, Any]] = {}
            for index, doc in enumerate(records):
                where = f"{tr(f'cli.kind_{name}')} #{index + 1}"
                if not isinstance(doc, dict):
                    found.append(Problem("", tr("check.record_shape", name=name), where))
                    continue
                key = doc.get("id")
                if not isinstance(key, str) or not key:
                    found.append(Problem("id", tr("problem.required"), where))
                    continue
                if key in table:
                    found.append(
                        Problem(
                            "id", tr("check.duplicate_in_file", name=tr(f"cli.kind_{name}")), key
                        )
                    )
                    continue
                table[key] = doc
            tables[name] = table
        return tables, found
    if "_meta" in data:
        meta = data.get("_meta")
        docs = meta.values() if isinstance(meta, dict) else []
        for doc in docs:
            version = doc.get("schema_version") if isinstance(doc, dict) else None
            newer = isinstance(version, int) and version > SCHEMA_VERSION
            if newer and not isinstance(version, bool):
                message = tr("interchange.newer", found=version, supported=SCHEMA_VERSION)
                return {}, [Problem("schema_version", message)]
        for name in sorted(set(data) - KNOWN_TABLES - RESERVED_TABLES):
            found.append(Problem("", tr("check.unknown_table", name=name)))
        for name in ALL_TABLES:
            raw = data.get(name)
            if raw is None:
                continue
            if not isinstance(raw, dict):
                found.append(Problem("", tr("check.table_shape", name=name)))
                continue
            tables[name] = {str(key): doc for key, doc in raw.items()}
        return tables, found
    return {}, [Problem("", tr("interchange.not_ours"))]


def incoming_problems(data: Any, into: Context | None = None) -> list[Problem]:
    """Every problem of an incoming document before it touches the store.

    ``into`` is what the receiving file already holds (its lecturers and
    rubrics), which the incoming records may refer to.
    """
    tables, found = read_incoming(data)
    parsed, problems = parse_tables(tables)
    found += problems
    found += conflict_problems(_conflicts_of(data))
    context = context_of(parsed, into)
    for table in parsed.values():
        for record in table.values():
            found += record_problems(record, context)
    return found


def _conflicts_of(data: Any) -> dict[str, Any]:
    """The kept conflicts an incoming document carries, keyed by their id."""
    if not isinstance(data, dict):
        return {}
    if data.get("format") == FORMAT:
        tables = data.get("tables")
        entries = tables.get(CONFLICTS_TABLE) if isinstance(tables, dict) else None
        if entries is None:
            return {}
        if not isinstance(entries, list):
            return {"": None}
        return {str(e.get("id", "")) if isinstance(e, dict) else "": e for e in entries}
    entries = data.get(CONFLICTS_TABLE)
    return entries if isinstance(entries, dict) else {}


def conflict_problems(entries: Mapping[str, Any]) -> list[Problem]:
    """What is wrong with kept conflicts: each holds a valid version of a known record kind."""
    found: list[Problem] = []
    for key, doc in entries.items():
        key = str(key)
        if not isinstance(doc, dict):
            found.append(Problem("", tr("check.record_shape", name=CONFLICTS_TABLE), key))
            continue
        numbers = number_problems(doc, key)
        if numbers:
            found += numbers
            continue
        try:
            entry = validate(Conflict, doc, record_id=key)
            model = ALL_TABLES.get(entry.table)
            if model is None:
                found.append(Problem("table", tr("check.unknown_table", name=entry.table), key))
                continue
            version = validate(model, entry.version, record_id=entry.record_id)
        except Invalid as error:
            found += error.problems
            continue
        # An entry's id follows from what it holds: a forged or damaged one
        # would otherwise sit beside the real entry for the same loss.
        made_here = conflict_id(entry.table, entry.record_id, version.model_dump(mode="json"))
        if version.id != entry.record_id or entry.id != key or made_here != key:
            found.append(Problem("id", tr("check.key_mismatch", key=key), key))
    return found


def gate_incoming(repo: Any, data: Any) -> None:
    """Raise :class:`Invalid` with every problem of ``data`` as ``repo`` would receive it."""
    from store.repository import Repository

    assert isinstance(repo, Repository)
    lecturers = {lec.id for lec in repo.all(Lecturer)}
    found = incoming_problems(data, Context(lecturers, repo.all(Rubric)))
    if found:
        raise Invalid(found)


def gate_merged(tables: Mapping[str, Any], known: Mapping[str, Any] | None = None) -> None:
    """Raise :class:`Invalid` if the records a merge would store are not all valid together."""
    found = document_problems(tables, known)
    if found:
        raise Invalid(found)


# What the gate refuses, as it would look in a JSON file's bytes: a control
# character escaped (\u001b), DEL, and C1 and bidi controls in UTF-8 (a raw
# C0 byte makes the JSON itself unreadable, a corrupt file). A hit only means
# "run the full check": "\u000a" from another JSON writer is a harmless
# newline, and check decides. Each pattern starts with a literal byte, which
# the regex engine finds by a fast search; one alternation of them all was
# twenty times slower.
_RAW_SUSPECTS = (
    re.compile(rb"\x7f"),
    re.compile(rb"\xc2[\x80-\x9f]"),
    re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"),
    re.compile(rb"\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E]|206[6-9])"),
)


def scan_raw(path: Path) -> bool:
    """Whether the file's bytes hold a character the gate refuses (cheap: four scans).

    Integers beyond 2**53 are left to ``check``: a scan for digit runs cost
    more than reading the file.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return any(pattern.search(data) is not None for pattern in _RAW_SUSPECTS)
