"""What a leader's signature covers: a fingerprint of the signed content, and reopenings.

At signing, the record stores the SHA-256 of its signed content
(:func:`fingerprint`). Any later change to that content — in the form, by
hand in the file, by an older version — makes the fingerprint disagree, and
the record is refused wherever records are checked (save, import, merge,
``giangvien check``). To change a signed record a leader reopens it with a
reason: the signature moves into ``reopenings`` (who signed, when, what), the
record is open again, and it must be signed again.

The content is canonical JSON of the record less its bookkeeping (stamps,
times of writing), less what the signature does not cover (the observed
lecturer's own acknowledgement and self-assessment, added after), and with
lists whose order means nothing (observers) sorted: a reordering changes no
fingerprint, a changed score or comment does.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo

from giangvien.models.base import Part, Record

# Written by the store on every save, not by the person who signs.
BOOKKEEPING = frozenset(
    {"created_at", "updated_at", "deleted_at", "stamp", "laptop", "seen", "edited_by"}
)
# The signature itself, and its history.
SIGNATURE = frozenset({"signed_fingerprint", "reopenings"})
# Lists of people in which the order carries no meaning.
UNORDERED = frozenset({"observer_ids"})
# Fields a signed kind gained after signatures existed, with their default:
# left out of the content while they hold it, so that what was signed before
# they existed keeps its fingerprint (schema 7: a sheet's follow-ups).
ADDED_LATER: dict[str, Any] = {"follow_ups": []}
# Validation context: a signature being given its fingerprint (giangvien.signing),
# or a record read despite a changed one (store.gate), is taken on trust.
TRUST = "trust_signatures"


class Reopening(Part):
    """A signature set aside by a leader, so that the record could be changed."""

    at: datetime
    by: str = Field(min_length=1)  # the leader who reopened
    reason: str = Field(min_length=1, max_length=1000)
    # Whose signature was set aside; "" for a verdict recorded before schema 5 (by no one known).
    signed_by: str = ""
    signed_at: datetime
    signed_text: str = Field(default="", max_length=10_000)  # the conclusion or verdict signed
    fingerprint: str = Field(default="", max_length=64)


def signed_content(record: BaseModel, uncovered: frozenset[str]) -> dict[str, Any]:
    doc = record.model_dump(mode="json")
    content = {k: v for k, v in doc.items() if k not in BOOKKEEPING | SIGNATURE | uncovered}
    for name, default in ADDED_LATER.items():
        if content.get(name, default) == default:
            content.pop(name, None)
    for name in UNORDERED & content.keys():
        content[name] = sorted(content[name])
    return content


def fingerprint(record: BaseModel, uncovered: frozenset[str] = frozenset()) -> str:
    """SHA-256 of the record's signed content (hex, 64 characters)."""
    text = json.dumps(
        signed_content(record, uncovered), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signature_broken(
    record: Record, info: ValidationInfo, uncovered: frozenset[str] = frozenset()
) -> bool:
    """Whether a live signed record's content no longer matches its fingerprint.

    For a model's ``_signature_holds`` validator, which the app's own reading
    of its file skips (models.reading): save, import, merge and check run it.
    """
    if info.context and info.context.get(TRUST):
        return False
    signed = getattr(record, "signed_fingerprint", None)
    return signed is not None and not record.deleted and signed != fingerprint(record, uncovered)
