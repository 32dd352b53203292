"""Signing a sheet's conclusion, and reopening a signed sheet (models.signature).

Both return a new, validated record; the store saves it like any other, so a
signature goes through the same gate as everything else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from giangvien.i18n import tr
from giangvien.models import Lecturer, Observation
from giangvien.models.observation import TRUST, UNSIGNED
from giangvien.models.signature import Reopening, fingerprint
from giangvien.problems import Invalid, Problem, validate

_UNSIGNED_STATE = {"concluded_by": None, "concluded_at": None, "signed_fingerprint": None}


def refuse_signer(sheet: Observation, signer: Lecturer | None) -> None:
    """Only a leader signs, and never about their own lesson."""
    if signer is None or not signer.is_leader:
        raise Invalid([Problem("conclusion", tr("reviews.not_leader"), sheet.id)])
    if signer.id == sheet.lecturer_id:
        raise Invalid([Problem("conclusion", tr("reviews.own_lesson"), sheet.id)])


def sign_conclusion(sheet: Observation, text: str, signer: Lecturer, at: datetime) -> Observation:
    """``sheet`` concluded with ``text``, signed by ``signer`` at ``at``."""
    refuse_signer(sheet, signer)
    # Validated unsigned first, so that the fingerprint is of the text as stored (NFC).
    draft = validate(Observation, {**sheet.model_dump(), **_UNSIGNED_STATE, "conclusion": text})
    signed = draft.model_copy(update={"concluded_by": signer.id, "concluded_at": at})
    signed = signed.model_copy(update={"signed_fingerprint": fingerprint(signed, UNSIGNED)})
    return validate(Observation, signed.model_dump(), sheet.id)


def reopen(sheet: Observation, leader: Lecturer | None, reason: str, at: datetime) -> Observation:
    """``sheet`` open again: its signature kept in ``reopenings``, its conclusion to sign anew."""
    if leader is None or not leader.is_leader:
        raise Invalid([Problem("reason", tr("reviews.not_leader_reopen"), sheet.id)])
    if not sheet.reviewed or sheet.concluded_at is None or sheet.concluded_by is None:
        raise Invalid([Problem("reason", tr("reviews.not_signed"), sheet.id)])
    if not reason.strip():
        raise Invalid([Problem("reason", tr("reviews.reason_empty"), sheet.id)])
    entry = Reopening(
        at=at,
        by=leader.id,
        reason=reason,
        signed_by=sheet.concluded_by,
        signed_at=sheet.concluded_at,
        signed_text=sheet.conclusion,
        fingerprint=sheet.signed_fingerprint or "",
    )
    update = {**_UNSIGNED_STATE, "reopenings": [*sheet.reopenings, entry]}
    return validate(Observation, {**sheet.model_dump(), **update}, sheet.id)


def fingerprint_old_signatures(tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Give conclusions signed before fingerprints existed the fingerprint of what they hold.

    For a data file of schema 2 and an interchange file of format 2: what an
    older version signed is taken as signed. A sheet that does not validate
    is left as it is, for ``check`` (or the import) to name.
    """
    for doc in (tables.get("observations") or {}).values():
        if not isinstance(doc, dict) or not doc.get("concluded_by"):
            continue
        if doc.get("signed_fingerprint"):
            continue
        try:
            # Validated as any record (text made NFC...), the signature taken on trust.
            sheet = Observation.model_validate(
                {**doc, "signed_fingerprint": "0" * 64}, context={TRUST: True}
            )
        except ValueError:
            continue
        doc["signed_fingerprint"] = fingerprint(sheet, UNSIGNED)
        doc.setdefault("reopenings", [])
