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
FORMAT_VERSION = 1

Tables = dict[str, dict[str, dict[str, Any]]]


def export_document(tables: dict[str, list[dict[str, Any]]], app_version: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": tables,
    }


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
