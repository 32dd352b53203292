"""The versioned JSON interchange format, and reading a file that may be one.

An interchange file is what ``giangvien export`` writes and what travels
between laptops; ``giangvien import`` also takes a giangvien data file as it
is, so a lecturer can hand over their whole file on a USB stick.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from giangvien.i18n import tr

FORMAT = "giangvien-interchange"
# 2: records carry merge stamps (stamp, laptop, seen, edited_by), the file
# names its Center ("center": {"id", "name"}) and holds the kept conflicts.
# 3: a signed conclusion carries ``signed_fingerprint`` and ``reopenings``.
# 4: the change history travels (the ``history`` table).
# 5: a trial's recorded verdict carries ``verdict_by``, ``verdict_at``,
# ``signed_fingerprint`` and ``reopenings``.
# 6: the class log and the conferences travel (the ``classes`` and
# ``conferences`` tables); settings carry ``teaching_norms``.
# 7: the year's plan travels (the ``plans`` table); sheets carry
# ``follow_ups``; settings carry the plan's defaults and days.
FORMAT_VERSION = 7
# A file of format 1, or a data file of schema 1, came from before Centers had
# an identity; store.clock.LEGACY_CENTER stands for its Center.
LEGACY_FORMAT = 1

Tables = dict[str, dict[str, dict[str, Any]]]


def export_document(
    tables: dict[str, list[dict[str, Any]]],
    app_version: str,
    center: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "center": center or {},
        "tables": tables,
    }


def center_of(data: Any) -> tuple[str | None, bool]:
    """The Center id a file names (None: from before Centers had one), and whether
    its records predate merge stamps. Call after :func:`read_document` accepted it."""
    if not isinstance(data, dict):
        return None, False
    if data.get("format") == FORMAT:
        if data.get("format_version") == LEGACY_FORMAT:
            return None, True
        center = data.get("center")
        found = center.get("id") if isinstance(center, dict) else None
        return (str(found) if found else None), False
    meta = data.get("_meta")
    record = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(record, dict) or record.get("schema_version", 1) == 1:
        return None, True
    found = record.get("center_id")
    return (str(found) if found else None), False


def signatures_predate(data: Any) -> bool:
    """Whether the file comes from before signatures had fingerprints (format or schema < 3)."""
    return _before(data, 3)


def verdicts_predate(data: Any) -> bool:
    """Whether the file comes from before verdicts were signed (format or schema < 5)."""
    return _before(data, 5)


def _before(data: Any, version: int) -> bool:
    # Formats and schemas took the same numbers for the same changes.
    if not isinstance(data, dict):
        return False
    if data.get("format") == FORMAT:
        found = data.get("format_version")
    else:
        meta = data.get("_meta")
        record = meta.get("1") if isinstance(meta, dict) else None
        found = record.get("schema_version", 1) if isinstance(record, dict) else 1
    return isinstance(found, int) and found < version


def read_document(data: Any, known_tables: set[str]) -> Tables:
    """The records of an interchange file or a data file, per table, keyed by id.

    Raises ValueError with one sentence when the file is neither, or comes
    from a newer version than this one reads.
    """
    if not isinstance(data, dict):
        raise ValueError(tr("interchange.not_ours"))
    if data.get("format") == FORMAT:
        version = data.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ValueError(tr("interchange.newer", found=version, supported=FORMAT_VERSION))
        raw_tables = data.get("tables")
        if not isinstance(raw_tables, dict):
            raise ValueError(tr("interchange.not_ours"))
        return {
            name: {_key(doc): doc for doc in records if isinstance(doc, dict)}
            for name, records in raw_tables.items()
            if name in known_tables and isinstance(records, list)
        } | _bad_shapes(raw_tables, known_tables)
    if "_meta" in data:
        return {
            name: {str(key): doc for key, doc in table.items()}
            for name, table in data.items()
            if name in known_tables and isinstance(table, dict)
        }
    raise ValueError(tr("interchange.not_ours"))


def _key(doc: dict[str, Any]) -> str:
    return str(doc.get("id", ""))


def _bad_shapes(raw_tables: dict[str, Any], known: set[str]) -> Tables:
    unknown = sorted(set(raw_tables) - known)
    if unknown:
        raise ValueError(tr("interchange.unknown_tables", names=", ".join(unknown)))
    return {}
