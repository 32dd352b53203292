"""The typed repository: screens and the CLI get pydantic models, never TinyDB documents.

Each table's TinyDB document id *is* the record's UUID, so a record is found
without a scan and the file reads naturally; the integer ids TinyDB would
otherwise invent never leave this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from tinydb import TinyDB
from tinydb.table import Document, Table

from giangvien.i18n import tr
from giangvien.models import TABLES, Action, HistoryEntry, Lecturer, Record, Settings, now
from giangvien.models.history import changes_between
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import Rubric, default_rubric
from store.clock import LEGACY_LAPTOP, ClockExhausted, HybridClock, stamp_of
from store.conflicts import Conflict
from store.datafile import DataFile
from store.errors import InvalidRecordsError, NewerSchemaError, ReadOnlyError, StoreError
from store.gate import Context, document_problems, number_problems, record_problems, scan_raw
from store.gcpause import long_lived
from store.merge import CONFLICTS_TABLE, MergeResult, entries_by_record, joined, knows

R = TypeVar("R", bound=Record)

ALL_TABLES: dict[str, type[Record]] = {**TABLES, "rubrics": Rubric}
# Tables of the file that hold no records and never travel to another laptop:
# the schema header, merge memory, this laptop's user, and unsaved forms.
LOCAL_TABLE = "_local"
DRAFTS_TABLE = "_drafts"
RESERVED_TABLES = frozenset({"_meta", LOCAL_TABLE, DRAFTS_TABLE})
# Tables that travel to other laptops but hold no records: kept conflicts.
EXCHANGED_TABLES = frozenset({CONFLICTS_TABLE})
TABLE_OF: dict[type[Record], str] = {model: name for name, model in ALL_TABLES.items()}
# In a file of fewer records, pausing the cyclic GC to validate a table costs
# more (a full collection first) than it saves (measured on the demo files).
LARGE_FILE_RECORDS = 1000


class UuidTable(Table):
    document_id_class = str  # type: ignore[assignment]

    def _update_table(self, updater: Callable[[dict[Any, Mapping[str, Any]]], None]) -> None:
        # TinyDB's version copies the table twice to turn keys into ints and
        # back; ours are strings already. One shallow copy stays: a reader on
        # another thread keeps the old dict whole, and the repository's cache
        # sees by identity that the table changed.
        tables = self._storage.read() or {}
        table = dict(tables.get(self.name, {}))
        updater(table)
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()


def keyed(value: Mapping[str, Any], key: str) -> Document:
    """A document under a string id: TinyDB's types say int, our tables key by uuid."""
    return Document(value, cast(int, key))


def dump(record: Record) -> dict[str, Any]:
    """A record as the data file and the interchange format hold it (ISO dates)."""
    return record.model_dump(mode="json")


def _history_stamped(record: R) -> R:
    stamp = stamp_of(record.updated_at)
    update = {"stamp": stamp, "laptop": LEGACY_LAPTOP, "seen": {LEGACY_LAPTOP: stamp}}
    return record.model_copy(update=update)


class Repository:
    def __init__(self, datafile: DataFile) -> None:
        self.datafile = datafile
        db: TinyDB = datafile.db
        db.table_class = UuidTable
        self._db = db
        # Parsed models per table, valid while the table's raw dict is the same
        # object: TinyDB replaces it on every write and a re-read from disk
        # makes new ones, so identity tells when the cache went stale.
        self._cache: dict[str, tuple[object, dict[str, Record]]] = {}
        # Set by open_check when the file holds records the gate refuses: the
        # file is then read-only and reads skip those records (the banner
        # names them), so the screens still show everything else.
        self._skip_invalid = False

    # -- state -------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.datafile.read_only

    @property
    def read_only_reason(self) -> str:
        return self.datafile.read_only_reason or ""

    @property
    def center_id(self) -> str:
        return self.datafile.center_id

    @property
    def laptop_id(self) -> str:
        return self.datafile.laptop_id

    def close(self) -> None:
        self.datafile.close()

    def _writable(self) -> None:
        if self.datafile.read_only:
            raise ReadOnlyError(self.datafile.path, self.read_only_reason)

    # -- reading -----------------------------------------------------------

    def _table(self, model: type[R]) -> dict[str, R]:
        name = TABLE_OF[model]
        raw = self._db.storage.read() or {}
        table = raw.get(name, {})
        cached = self._cache.get(name)
        if cached is not None and cached[0] is table:
            return cached[1]  # type: ignore[return-value]
        # A record that does not parse stops the read with every reason, rather
        # than being skipped: a silent gap would look like lost data.
        # The whole file's size decides, not the table's: a hundred briefing
        # sessions hold thousands of attendance entries.
        with long_lived(sum(map(len, raw.values())) > LARGE_FILE_RECORDS):
            if self._skip_invalid:
                parsed = self._valid_only(model, table)
            else:
                parsed = {
                    key: validate(model, doc, record_id=key, trusted=True)
                    for key, doc in table.items()
                }
        self._cache[name] = (table, cast(dict[str, Record], parsed))
        return parsed

    def open_check(self) -> list[Problem]:
        """Problems of the file as opened, with the sentences ``check`` prints.

        Parses every table (what the first screens do anyway) and scans the
        file's bytes for characters the gate refuses; only if either finds
        something does the whole ``check`` run. Then the file turns read-only
        with the first sentence as its reason, and reads skip the bad records.
        """
        try:
            for model in ALL_TABLES.values():
                self._table(model)
            suspicious = scan_raw(self.datafile.path)
        except Invalid:
            suspicious = True
        found = self.check() if suspicious else []
        if found:
            # A newer schema's sentence stays: it is the cause, and says what to do.
            if not isinstance(self.datafile.read_only_cause, NewerSchemaError):
                first = found[0].line()
                cause = InvalidRecordsError(self.datafile.path, first, len(found))
                self.datafile.hold_read_only(cause)
            self._skip_invalid = True
            self._cache.clear()
        return found

    @staticmethod
    def _valid_only(model: type[R], table: dict[str, Any]) -> dict[str, R]:
        parsed: dict[str, R] = {}
        for key, doc in table.items():
            try:
                parsed[key] = validate(model, doc, record_id=key)
            except Invalid:
                continue
        return parsed

    def all(self, model: type[R], *, include_deleted: bool = False) -> list[R]:
        records = self._table(model).values()
        return [r for r in records if include_deleted or r.deleted_at is None]

    def get(self, model: type[R], record_id: str) -> R | None:
        return self._table(model).get(record_id)

    def lecturers(self, *, include_archived: bool = False) -> list[Lecturer]:
        found = [lec for lec in self.all(Lecturer) if include_archived or not lec.archived]
        return sorted(found, key=lambda lec: lec.sort_key)

    def lecturer_names(self) -> dict[str, str]:
        return {lec.id: lec.full_name for lec in self.all(Lecturer, include_deleted=True)}

    def settings(self) -> Settings:
        found = self.all(Settings)
        return found[0] if found else Settings()

    # -- this laptop: who is using it, and forms in progress -------------------

    def current_user(self) -> Lecturer | None:
        state = (self.datafile.raw().get(LOCAL_TABLE) or {}).get("state") or {}
        found = self.get(Lecturer, str(state.get("current_user_id", "")))
        return found if found is not None and not found.deleted else None

    def set_current_user(self, lecturer_id: str) -> None:
        self._writable()
        if self.get(Lecturer, lecturer_id) is None:
            raise Invalid([Problem("id", tr("model.not_found", id=lecturer_id), lecturer_id)])
        self._db.table(LOCAL_TABLE).upsert(keyed({"current_user_id": lecturer_id}, "state"))

    def local(self, key: str) -> dict[str, Any]:
        """A document of this laptop's own (``_local``: never exported, never merged)."""
        return dict((self.datafile.raw().get(LOCAL_TABLE) or {}).get(key) or {})

    def set_local(self, key: str, doc: dict[str, Any]) -> None:
        """Replace the document (TinyDB's upsert would keep the keys ``doc`` lacks)."""
        local = dict(self.datafile.raw().get(LOCAL_TABLE) or {})
        local[key] = dict(doc)
        self.put_raw({LOCAL_TABLE: local})

    def drafts(self) -> dict[str, dict[str, Any]]:
        """Forms left unsaved, by form key, as the form stored them."""
        return {k: dict(v) for k, v in (self.datafile.raw().get(DRAFTS_TABLE) or {}).items()}

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        if self.read_only:
            return  # nothing can be kept; the form itself says why
        self._db.table(DRAFTS_TABLE).upsert(keyed({**data, "saved_at": now().isoformat()}, key))

    def drop_draft(self, key: str) -> None:
        if not self.read_only and key in (self.datafile.raw().get(DRAFTS_TABLE) or {}):
            self._db.table(DRAFTS_TABLE).remove(doc_ids=[cast(int, key)])

    # -- rubrics -----------------------------------------------------------

    def rubric(self, rubric_id: str, version: int) -> Rubric | None:
        for rubric in self.all(Rubric):
            if rubric.rubric_id == rubric_id and rubric.version == version:
                return rubric
        if (rubric_id, version) == (default_rubric().rubric_id, 1):
            return default_rubric()
        return None

    def active_rubric(self) -> Rubric:
        settings = self.settings()
        found = self.rubric(settings.rubric_id, settings.rubric_version)
        return found if found is not None else default_rubric()

    def install_rubric(self, data: dict[str, Any]) -> Rubric:
        """Store a Center's rubric as the next version of its id and make it current."""
        self._writable()
        draft = dict(data)
        rubric_id = str(draft.get("rubric_id") or "")
        versions = [r.version for r in self.all(Rubric) if r.rubric_id == rubric_id]
        if rubric_id == default_rubric().rubric_id:
            versions.append(1)
        draft["version"] = max(versions, default=0) + 1
        rubric = validate(Rubric, draft)
        settings = self.settings().touched(
            rubric_id=rubric.rubric_id, rubric_version=rubric.version
        )
        found = [p for r in (rubric, settings) for p in self.problems_of(r, pending=[rubric])]
        if found:
            raise Invalid(found)
        self._put_many([rubric, settings])
        return self.get(Rubric, rubric.id) or rubric

    # -- writing -----------------------------------------------------------

    def save(self, record: R, *, drop_draft: str | None = None) -> R:
        """Validate ``record`` against the rest of the file and store it.

        ``drop_draft`` names the form draft the record came from: it goes in
        the same file write, so a failed write leaves both as they were and a
        saved record never has its draft offered again.
        Raises :class:`Invalid` (nothing stored) with every problem found.
        """
        self._writable()
        record = record.touched()
        found = self.problems_of(record)
        if found:
            raise Invalid(found)
        self._put_many([record], drop_draft=drop_draft)
        return self.get(type(record), record.id) or record

    def save_many(self, records: Iterable[Record], *, history: bool = False) -> None:
        """Store many records in one write (demo data, bulk import), each validated.

        ``history`` records (the generated sample years) are stamped from
        their own ``updated_at``, as records from before stamps existed are,
        so one seed always gives the same file; the clock moves past them.
        """
        self._writable()
        batch = list(records)
        # One context for the batch: rebuilt per record it made a 10,000-record
        # batch quadratic (each record scanned the batch for rubrics).
        context = self._context(batch)
        found = [p for r in batch for p in self.problems_of(r, context=context)]
        if found:
            raise Invalid(found)
        if history:
            batch = [_history_stamped(r) for r in batch]
            self.receive(max((r.stamp for r in batch), default=0))
        self._put_many(batch, stamp=not history)

    def delete(self, model: type[R], record_id: str) -> R:
        """Tombstone a record; a lecturer named anywhere is archived instead."""
        self._writable()
        record = self.get(model, record_id)
        if record is None:
            raise Invalid([Problem("id", tr("model.not_found", id=record_id), record_id)])
        if isinstance(record, Lecturer) and self.references_to(record.id):
            raise Invalid([Problem("", tr("model.lecturer_in_use", name=record.full_name))])
        gone = record.tombstoned()
        self._put_many([gone])
        return self.get(model, record_id) or gone

    def archive(self, lecturer_id: str, archived: bool = True) -> Lecturer:
        lecturer = self.get(Lecturer, lecturer_id)
        if lecturer is None:
            raise Invalid([Problem("id", tr("model.not_found", id=lecturer_id), lecturer_id)])
        return self.save(lecturer.model_copy(update={"archived": archived}))

    def put_raw(self, tables: dict[str, dict[str, dict[str, Any]]]) -> None:
        """Replace whole tables with already-validated documents, in one write (merge)."""
        self._writable()
        document = dict(self.datafile.raw())
        document.update(tables)
        self.datafile.write_raw(document)

    def _stamped(self, records: list[Record]) -> list[Record]:
        """Each record with a new stamp of this laptop's clock, on top of what is stored.

        ``seen`` starts from the stored version, not from the model handed
        in: a form may build its record afresh, but the edit was made here,
        having seen whatever this file holds.
        """
        meta = self.datafile.meta
        laptop = self.laptop_id
        clock = HybridClock(int(meta.get("clock") or 0))
        state = (self.datafile.raw().get(LOCAL_TABLE) or {}).get("state") or {}
        by = state.get("current_user_id") or None
        kept = entries_by_record(self.datafile.raw().get(CONFLICTS_TABLE) or {})
        out: list[Record] = []
        try:
            for record in records:
                stored = self._table(type(record)).get(record.id)
                # Saving a record that has kept conflicts is made having seen
                # them all: it settles them (store.merge), as restoring does.
                others = kept.get((TABLE_OF[type(record)], record.id), {}).values()
                base = joined(
                    record.seen,
                    stored.seen if stored is not None else {},
                    *(dict(e.get("version", {}).get("seen") or {}) for e in others),
                )
                stamp = clock.tick()
                seen = joined(base, {laptop: stamp})
                update = {"stamp": stamp, "laptop": laptop, "seen": seen, "edited_by": by}
                out.append(record.model_copy(update=update))
        except ClockExhausted:
            raise StoreError("exchange.clock_exhausted", path=self.datafile.path) from None
        meta["clock"] = clock.last
        return out

    def receive(self, stamp: int) -> None:
        """Move this laptop's clock past a stamp seen in another laptop's records."""
        meta = self.datafile.meta
        clock = HybridClock(int(meta.get("clock") or 0))
        clock.receive(stamp)
        meta["clock"] = clock.last

    def apply_merge(self, result: MergeResult, *, write_meta: bool = False) -> None:
        """Store a merge's changed tables in one write, the clock moved past theirs.

        ``write_meta``: write even if no record changed (the file's meta did).
        """
        self._writable()
        self.receive(result.max_stamp)
        if result.changed or write_meta:
            self.put_raw(result.tables)

    def _put_many(
        self, records: list[Record], *, stamp: bool = True, drop_draft: str | None = None
    ) -> None:
        if stamp:
            # A save made here (not a merge, which brings others' entries): each
            # change is recorded in the same write as the change itself.
            records = self._stamped([*records, *self._history_of(records)])
        settled = self._settled_by(records)
        drafts = self.datafile.raw().get(DRAFTS_TABLE) or {}
        dropping = drop_draft is not None and drop_draft in drafts
        if len(records) == 1 and not settled and not dropping:
            record = records[0]
            name = TABLE_OF[type(record)]
            before = self._fresh_cache(name)
            table = self._db.table(name)
            # TinyDB's upsert of a new record writes twice (a failed update,
            # then the insert): with a 15 MB file, that doubled every save.
            if table.contains(doc_id=cast(int, record.id)):
                table.update(dump(record), doc_ids=[cast(int, record.id)])
            else:
                table.insert(keyed(dump(record), record.id))
            self._carry_cache(name, before, [record])
            return
        document = dict(self.datafile.raw())
        by_table: dict[str, list[Record]] = {}
        for record in records:
            by_table.setdefault(TABLE_OF[type(record)], []).append(record)
        for name, group in by_table.items():
            rows = dict(document.get(name, {}))
            rows.update((r.id, dump(r)) for r in group)
            document[name] = rows
        if settled:
            document[CONFLICTS_TABLE] = {
                k: v for k, v in (document.get(CONFLICTS_TABLE) or {}).items() if k not in settled
            }
        if dropping:
            document[DRAFTS_TABLE] = {k: v for k, v in drafts.items() if k != drop_draft}
        cached = {name: self._fresh_cache(name) for name in by_table}
        self.datafile.write_raw(document)
        for name, group in by_table.items():
            self._carry_cache(name, cached[name], group)

    def _history_of(self, records: list[Record]) -> list[HistoryEntry]:
        raw = self.datafile.raw()
        state = (raw.get(LOCAL_TABLE) or {}).get("state") or {}
        by = state.get("current_user_id") or None
        at = now()
        entries = []
        for record in records:
            if isinstance(record, HistoryEntry):
                continue
            name = TABLE_OF[type(record)]
            action, changes = changes_between((raw.get(name) or {}).get(record.id), dump(record))
            # A new record's creation is its own created_at (and first version's
            # edited_by): an entry for it would double a bulk import or the demo.
            if action is Action.CREATED or not changes:
                continue
            entries.append(
                HistoryEntry(
                    table=name, record_id=record.id, at=at, by=by, action=action, changes=changes
                )
            )
        return entries

    def history(self, record_id: str) -> list[HistoryEntry]:
        """A record's changes, oldest first (by the laptops' clocks: shown, not trusted)."""
        found = [e for e in self.all(HistoryEntry) if e.record_id == record_id]
        return sorted(found, key=lambda e: (e.at, e.stamp))

    def _settled_by(self, records: list[Record]) -> set[str]:
        """Kept conflicts that these new versions were made having seen."""
        entries = self.datafile.raw().get(CONFLICTS_TABLE) or {}
        if not entries:
            return set()
        saved = {(TABLE_OF[type(r)], r.id): r for r in records}
        settled = set()
        for key, entry in entries.items():
            record = saved.get((entry.get("table"), entry.get("record_id")))
            version = entry.get("version") or {}
            if record is not None and knows(dump(record), version):
                settled.add(key)
        return settled

    def _fresh_cache(self, name: str) -> tuple[object, dict[str, Record]] | None:
        cached = self._cache.get(name)
        current = (self.datafile.raw()).get(name)
        return cached if cached is not None and cached[0] is current else None

    def _carry_cache(
        self, name: str, before: tuple[object, dict[str, Record]] | None, saved: list[Record]
    ) -> None:
        # Re-validating 10,000 sheets after saving one would cost more than the
        # save itself: the models just written are already valid, so the cache
        # moves on to the new table with only them replaced.
        if before is None:
            return
        table = (self.datafile.raw()).get(name)
        parsed = dict(before[1])
        parsed.update((r.id, r) for r in saved)
        self._cache[name] = (table, parsed)

    # -- kept conflicts ------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        """Versions that lost a merge and are not settled yet, newest first."""
        table = self.datafile.raw().get(CONFLICTS_TABLE) or {}
        found = [validate(Conflict, doc, record_id=str(key)) for key, doc in table.items()]
        return sorted(found, key=lambda c: (-c.lost_stamp, c.id))

    def find_conflict(self, given: str) -> Conflict:
        """The conflict whose id is ``given`` or starts with it (as listed, 8 characters)."""
        given = given.strip().lower()
        matches = [c for c in self.conflicts() if c.id.startswith(given)]
        if len(matches) != 1 or not given:
            key = "exchange.conflict_not_found" if not matches else "exchange.conflict_ambiguous"
            raise Invalid([Problem("", tr(key, id=given))])
        return matches[0]

    def restore_conflict(self, given: str) -> Record:
        """Save a kept version again, as a new edit of this laptop (so it wins), and close it."""
        self._writable()
        conflict = self.find_conflict(given)
        model = ALL_TABLES.get(conflict.table)
        if model is None:
            raise Invalid([Problem("", tr("exchange.conflict_not_found", id=conflict.id[:8]))])
        version = validate(model, conflict.content(), record_id=conflict.record_id)
        if isinstance(version, Lecturer) and version.deleted and self.references_to(version.id):
            raise Invalid([Problem("", tr("model.lecturer_in_use", name=version.full_name))])
        restored = version.touched()
        found = self.problems_of(restored)
        if found:
            raise Invalid(found)
        # The new version is made having seen the record and every kept
        # version of it (store.repository._stamped): it wins, and settles them.
        [stamped] = self._stamped([restored])
        name = TABLE_OF[model]
        before = self._fresh_cache(name)
        document = dict(self.datafile.raw())
        document[name] = {**(document.get(name) or {}), stamped.id: dump(stamped)}
        document[CONFLICTS_TABLE] = {
            key: entry
            for key, entry in (document.get(CONFLICTS_TABLE) or {}).items()
            if (entry.get("table"), entry.get("record_id")) != (name, stamped.id)
        }
        self.datafile.write_raw(document)
        self._carry_cache(name, before, [stamped])
        return stamped

    # -- integrity ---------------------------------------------------------

    def references_to(self, lecturer_id: str) -> list[Record]:
        """Every live record that names ``lecturer_id``."""
        named: list[Record] = []
        for model in TABLES.values():
            people = getattr(model, "people", None)
            if people is None:
                continue
            named += [r for r in self.all(model) if lecturer_id in r.people()]  # type: ignore[attr-defined]
        return named

    def _known_lecturers(self, pending: list[Record] | None = None) -> set[str]:
        known = {lec.id for lec in self.all(Lecturer)}
        return known | {r.id for r in pending or [] if isinstance(r, Lecturer) and not r.deleted}

    def problems_of(
        self,
        record: Record,
        pending: list[Record] | None = None,
        known: set[str] | None = None,
        context: Context | None = None,
    ) -> list[Problem]:
        """What is wrong with ``record`` given the rest of the file (and a batch being saved).

        The questions are the gate's (store.gate), the same ``check`` asks.
        """
        if context is None:
            context = self._context(pending or [], known)
        found = number_problems(dump(record), record.id)
        return found + record_problems(record, context)

    def _context(self, pending: list[Record], known: set[str] | None = None) -> Context:
        if known is None:
            known = self._known_lecturers(pending)
        rubrics = [*self.all(Rubric), *(r for r in pending if isinstance(r, Rubric))]
        return Context(known, rubrics)

    def check(self) -> list[Problem]:
        """Every problem in the file: the gate's answer for the whole document."""
        return document_problems(self.datafile.raw())
