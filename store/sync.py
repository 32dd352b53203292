"""A shared folder: every laptop of a Center writes its own file there and reads the others'.

The folder is whatever the Center already has for moving files (a folder kept
in step by Syncthing, OneDrive or Google Drive, a network share, a USB stick
passed round). Each laptop writes only ``giangvien-<laptop id>.json``, an
interchange document (store.exchange) of everything it holds, atomically: a
hidden temporary file in the folder, then a rename. No two laptops ever write
the same file, so a sync tool has nothing to make a conflicted copy of; the
sync tool carries files, the merge (store.merge) joins records.

A round (:func:`sync_round`) brings in every other laptop's file that changed
since it was last read (by size and modification time), through the same gate
and merge as ``giangvien import``, then writes this laptop's own file if what it
holds changed. A file that cannot be brought in (half synced, from another
Center, not ours at all) is skipped with its sentence and read again once it
changes; the round goes on. Since the merge is a function of the records, the
order in which laptops run their rounds does not matter: every laptop ends with
the same records once each has read every other's latest file.

What a laptop remembers of the folder (where it is, what it read, when each
other laptop's records came in) is its own: the ``_local`` table, which never
travels.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from giangvien.i18n import tr
from giangvien.problems import Invalid
from store.errors import DataFileError, StoreError
from store.exchange import ImportPlan, apply_import, export_of, plan_import
from store.guard import write_document
from store.repository import Repository

log = logging.getLogger(__name__)

PREFIX, SUFFIX = "giangvien-", ".json"
MEMORY = "sync"  # the _local document of this laptop's shared folder


def own_name(laptop_id: str) -> str:
    return f"{PREFIX}{laptop_id}{SUFFIX}"


def is_laptop_file(path: Path) -> bool:
    """A file some laptop's round wrote (not a hidden temporary one, not a document)."""
    name = path.name
    return name.startswith(PREFIX) and name.endswith(SUFFIX) and len(name) > len(PREFIX + SUFFIX)


@dataclass
class FileOutcome:
    """What a round did with one other laptop's file."""

    name: str
    plan: ImportPlan | None = None  # brought in (its merge may have changed nothing)
    skipped: str = ""  # the sentence saying why it was not brought in
    unchanged: bool = False  # the same file as last round: not read again

    def line(self) -> str:
        """What happened to this file in one sentence ("" when it was not read again)."""
        if self.skipped:
            return tr("sync.skipped", name=self.name, why=self.skipped)
        if self.plan is None:
            return ""
        result = self.plan.result
        if not result.changed:
            return tr("sync.nothing_new", name=self.label)
        return tr(
            "sync.brought",
            name=self.label,
            added=len(result.added),
            updated=len(result.updated),
            conflicts=len(result.conflicts),
        )

    @property
    def brought(self) -> bool:
        return self.plan is not None and self.plan.changed

    @property
    def label(self) -> str:
        """The file as a person knows it: whose laptop, when the file says."""
        if self.plan is not None and self.plan.user:
            return tr("sync.laptop_of", user=self.plan.user, name=self.name)
        return self.name


@dataclass
class SyncReport:
    folder: Path
    files: list[FileOutcome] = field(default_factory=list)
    own: str = ""  # the name of this laptop's own file
    wrote: bool = False  # this laptop's own file was written

    @property
    def changed(self) -> bool:
        return any(f.brought for f in self.files)

    def lines(self) -> list[str]:
        """The round in words, for the command line and the TUI."""
        out = [line for outcome in self.files if (line := outcome.line())]
        unchanged = sum(1 for f in self.files if f.unchanged)
        if unchanged:
            out.append(tr("sync.unchanged_files", count=unchanged))
        if not self.files:
            out.append(tr("sync.alone", folder=self.folder))
        out.append(
            tr("sync.wrote", name=self.own) if self.wrote else tr("sync.own_current", name=self.own)
        )
        return out


# -- what this laptop remembers ------------------------------------------------


def memory(repo: Repository) -> dict[str, Any]:
    return repo.local(MEMORY)


def shared_folder(repo: Repository) -> Path | None:
    """The folder this laptop was set to share through, if any."""
    found = memory(repo).get("folder")
    return Path(found) if isinstance(found, str) and found else None


def set_shared_folder(repo: Repository, folder: Path | None) -> None:
    """Remember ``folder`` (None: stop sharing). Files already read are read again."""
    if folder is not None:
        _refuse_missing(folder)
    kept = {k: v for k, v in memory(repo).items() if k == "laptops"}
    if folder is not None:
        kept["folder"] = str(folder.expanduser().resolve())
    repo.set_local(MEMORY, kept)


def brought_in(repo: Repository) -> dict[str, dict[str, str]]:
    """For each other laptop: when its records were last brought in, and whose it is."""
    found = memory(repo).get("laptops")
    return {str(k): dict(v) for k, v in found.items()} if isinstance(found, dict) else {}


def note_brought_in(repo: Repository, plan: ImportPlan) -> None:
    """Note when another laptop's records came in by hand (a file), as a round does."""
    if not plan.laptop or plan.laptop == repo.laptop_id:
        return
    laptops = brought_in(repo)
    laptops[plan.laptop] = _entry(plan, plan.path.name)
    try:
        repo.set_local(MEMORY, {**memory(repo), "laptops": laptops})
    except (StoreError, OSError):
        # The records are in; only this note of when is missing.
        log.exception("could not note when the records were brought in")


def _entry(plan: ImportPlan, name: str) -> dict[str, str]:
    return {"at": datetime.now(UTC).isoformat(), "user": plan.user, "file": name}


# -- a round -------------------------------------------------------------------


def _refuse_missing(folder: Path) -> None:
    if not folder.expanduser().is_dir():
        raise ValueError(tr("sync.no_folder", folder=folder))


def _signature(path: Path) -> str:
    # The content, not the size and time: a USB stick's FAT keeps times to two
    # seconds, and an edit of one score leaves the size as it was.
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync_round(repo: Repository, folder: Path, app_version: str) -> SyncReport:
    """Bring in every other laptop's changed file, then write this laptop's own."""
    _refuse_missing(folder)
    folder = folder.expanduser().resolve()
    mine = own_name(repo.laptop_id)
    remembered = memory(repo)
    seen: dict[str, str] = dict(remembered.get("files") or {})
    laptops: dict[str, dict[str, str]] = brought_in(repo)
    report = SyncReport(folder, own=mine)
    try:
        names = sorted(p for p in folder.iterdir() if is_laptop_file(p) and p.name != mine)
    except OSError as error:
        raise DataFileError(folder, error) from error
    for path in names:
        outcome = FileOutcome(path.name)
        report.files.append(outcome)
        try:
            signature = _signature(path)
        except OSError as error:
            outcome.skipped = str(DataFileError(path, error))
            continue
        if seen.get(path.name) == signature:
            outcome.unchanged = True
            continue
        try:
            plan = plan_import(repo, path)
            apply_import(repo, plan)
        except Invalid as error:
            outcome.skipped = " ".join(p.sentence() for p in error.problems[:3])
        except (ValueError, StoreError, OSError) as error:
            outcome.skipped = str(error)
        else:
            outcome.plan = plan
            if plan.laptop:
                laptops[plan.laptop] = _entry(plan, path.name)
        # A file that could not be read is read again only once it changes.
        seen[path.name] = signature
    kept = {"folder": str(folder), "files": seen, "laptops": laptops}
    report.wrote = _write_own(repo, folder, app_version, {**remembered, **kept})
    return report


def write_own(repo: Repository, folder: Path, app_version: str) -> bool:
    """Write this laptop's own file if what it holds changed (on quit: no reading)."""
    _refuse_missing(folder)
    return _write_own(repo, folder.expanduser().resolve(), app_version, memory(repo))


def _write_own(repo: Repository, folder: Path, app_version: str, kept: dict[str, Any]) -> bool:
    document = export_of(repo, app_version)
    digest = _digest(document)
    target = folder / own_name(repo.laptop_id)
    wrote = digest != kept.get("digest") or not target.exists()
    if wrote:
        write_document(target, json.dumps(document, ensure_ascii=False), data=repo.datafile.path)
    if wrote or kept != memory(repo):
        repo.set_local(MEMORY, {**kept, "digest": digest})
    return wrote


def _digest(document: dict[str, Any]) -> str:
    # What the laptop holds, not when it was written: a round that brought in
    # nothing and changed nothing leaves the folder as it was.
    content = {k: v for k, v in document.items() if k != "exported_at"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
