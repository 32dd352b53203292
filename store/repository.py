"""The typed repository: screens and the CLI get pydantic models, never TinyDB documents.

Each table's TinyDB document id *is* the record's UUID, so a record is found
without a scan and the file reads naturally; the integer ids TinyDB would
otherwise invent never leave this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from giangvien.i18n import tr
from giangvien.models import TABLES, Lecturer, Observation, Record, Settings, Trial, now
from giangvien.problems import Invalid, Problem, validate
from giangvien.rubric import Rubric, default_rubric
from store.datafile import DataFile
from store.errors import ReadOnlyError
from store.gcpause import long_lived

R = TypeVar("R", bound=Record)

ALL_TABLES: dict[str, type[Record]] = {**TABLES, "rubrics": Rubric}
# Tables of the file that hold no records and never travel to another laptop:
# the schema header, merge memory, this laptop's user, and unsaved forms.
LOCAL_TABLE = "_local"
DRAFTS_TABLE = "_drafts"
RESERVED_TABLES = frozenset({"_meta", "_sync", LOCAL_TABLE, DRAFTS_TABLE})
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


def dump(record: Record) -> dict[str, Any]:
    """A record as the data file and the interchange format hold it (ISO dates)."""
    return record.model_dump(mode="json")


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

    # -- state -------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.datafile.read_only

    @property
    def read_only_reason(self) -> str:
        return self.datafile.read_only_reason or ""

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
            parsed = {
                key: validate(model, doc, record_id=key, trusted=True) for key, doc in table.items()
            }
        self._cache[name] = (table, parsed)
        return parsed  # type: ignore[return-value]

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
        self._db.table(LOCAL_TABLE).upsert(Document({"current_user_id": lecturer_id}, "state"))

    def drafts(self) -> dict[str, dict[str, Any]]:
        """Forms left unsaved, by form key, as the form stored them."""
        return {k: dict(v) for k, v in (self.datafile.raw().get(DRAFTS_TABLE) or {}).items()}

    def save_draft(self, key: str, data: dict[str, Any]) -> None:
        if self.read_only:
            return  # nothing can be kept; the form itself says why
        self._db.table(DRAFTS_TABLE).upsert(Document({**data, "saved_at": now().isoformat()}, key))

    def drop_draft(self, key: str) -> None:
        if not self.read_only and key in (self.datafile.raw().get(DRAFTS_TABLE) or {}):
            self._db.table(DRAFTS_TABLE).remove(doc_ids=[key])

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
        self._put_many([rubric, settings])
        return rubric

    # -- writing -----------------------------------------------------------

    def save(self, record: R) -> R:
        """Validate ``record`` against the rest of the file and store it.

        Raises :class:`Invalid` (nothing stored) with every problem found.
        """
        self._writable()
        record = record.touched()
        found = self.problems_of(record)
        if found:
            raise Invalid(found)
        self._put_many([record])
        return record

    def save_many(self, records: Iterable[Record]) -> None:
        """Store many records in one write (demo data, bulk import), each validated."""
        self._writable()
        batch = list(records)
        known = self._known_lecturers(batch)
        found = [p for r in batch for p in self.problems_of(r, pending=batch, known=known)]
        if found:
            raise Invalid(found)
        self._put_many(batch)

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
        return gone

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

    def _put_many(self, records: list[Record]) -> None:
        if len(records) == 1:
            record = records[0]
            name = TABLE_OF[type(record)]
            before = self._fresh_cache(name)
            table = self._db.table(name)
            # TinyDB's upsert of a new record writes twice (a failed update,
            # then the insert): with a 15 MB file, that doubled every save.
            if table.contains(doc_id=record.id):
                table.update(dump(record), doc_ids=[record.id])
            else:
                table.insert(Document(dump(record), record.id))
            self._carry_cache(name, before, [record])
            return
        document = dict(self.datafile.raw())
        by_table: dict[str, list[Record]] = {}
        for record in records:
            by_table.setdefault(TABLE_OF[type(record)], []).append(record)
        for name, group in by_table.items():
            table = dict(document.get(name, {}))
            table.update((r.id, dump(r)) for r in group)
            document[name] = table
        before = {name: self._fresh_cache(name) for name in by_table}
        self.datafile.write_raw(document)
        for name, group in by_table.items():
            self._carry_cache(name, before[name], group)

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
    ) -> list[Problem]:
        """What is wrong with ``record`` given the rest of the file (and a batch being saved)."""
        found: list[Problem] = []
        if known is None:
            known = self._known_lecturers(pending)
        people = getattr(record, "people", None)
        if people is not None and record.deleted_at is None:
            for person in sorted(people() - known):
                found.append(Problem("", tr("model.unknown_reference", id=person), record.id))
        if isinstance(record, Observation | Trial):
            found += self._score_problems(record, pending or [])
        return found

    def _score_problems(self, record: Observation | Trial, pending: list[Record]) -> list[Problem]:
        if record.rubric_id is None or record.rubric_version is None:
            return []
        rubric = self.rubric(record.rubric_id, record.rubric_version) or next(
            (
                r
                for r in pending
                if isinstance(r, Rubric)
                and (r.rubric_id, r.version) == (record.rubric_id, record.rubric_version)
            ),
            None,
        )
        if rubric is None:
            message = tr(
                "model.unknown_rubric", rubric=record.rubric_id, version=record.rubric_version
            )
            return [Problem("rubric_id", message, record.id)]
        sheets: list[tuple[str, dict[str, float] | None]]
        if isinstance(record, Observation):
            sheets = [("scores", record.scores)]
        else:
            sheets = [(f"panel.{i}.scores", m.scores) for i, m in enumerate(record.panel)]
        return [
            Problem(f"{path}.{code}", message, record.id)
            for path, scores in sheets
            if scores is not None
            for code, message in rubric.score_errors(scores).items()
        ]

    def check(self) -> list[Problem]:
        """Every problem in the file: records that do not parse, keys, references, scores."""
        raw = self.datafile.raw()
        found: list[Problem] = [
            Problem("", tr("check.unknown_table", name=name))
            for name in sorted(set(raw) - set(ALL_TABLES) - RESERVED_TABLES)
        ]
        known = {
            str(k)
            for k, doc in (raw.get("lecturers") or {}).items()
            if isinstance(doc, dict) and not doc.get("deleted_at")
        }
        for name, model in ALL_TABLES.items():
            for key, doc in (raw.get(name) or {}).items():
                try:
                    record = validate(model, doc, record_id=str(key))
                except Invalid as error:
                    found += error.problems
                    continue
                if record.id != key:
                    found.append(Problem("id", tr("check.key_mismatch", key=key), record.id))
                found += self.problems_of(record, known=known)
        return found
