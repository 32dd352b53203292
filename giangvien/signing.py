"""Signing a sheet's conclusion, and reopening a signed sheet (models.signature).

Every function returns a new, validated record; the store saves it like any
other, so a signature goes through the same gate as everything else. What a
sheet's signature and a trial's recorded verdict (giangvien.trial_signing)
share is here, described by a :class:`Signable`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from giangvien.i18n import tr
from giangvien.models import Lecturer, Observation, Record
from giangvien.models.observation import UNSIGNED
from giangvien.models.signature import TRUST, Reopening, fingerprint
from giangvien.problems import Invalid, Problem, validate

R = TypeVar("R", bound=Record)
# Stands in for the fingerprint while the content it will cover is validated.
_PENDING = "0" * 64


@dataclass(frozen=True)
class Signable(Generic[R]):
    """Where a kind of record keeps its signature, and what a reopening clears."""

    model: type[R]
    table: str
    by: str  # who signed
    at: str  # when
    field: str  # where a refused signer is said
    area: str  # the catalogue of its refusals (not_leader, own_lesson, not_signed...)
    signed_text: Callable[[R], str]  # what a reopening keeps of what was signed
    uncovered: frozenset[str] = frozenset()
    reopen_clears: tuple[str, ...] = ()  # besides the signature itself
    mark: str = ""  # the field whose value means "signed" in a file of any version ("": by)

    def signed_in(self, doc: Mapping[str, Any]) -> bool:
        """Whether a stored document (of any schema) holds a signature."""
        return bool(doc.get(self.mark or self.by))


SHEETS: Signable[Observation] = Signable(
    Observation, "observations", "concluded_by", "concluded_at", "conclusion", "reviews",
    lambda sheet: sheet.conclusion, UNSIGNED,
)  # fmt: skip


def signer_problems(
    kind: Signable[Any], record_id: str, lecturer_id: str, signer: Lecturer | None
) -> list[Problem]:
    """Only a leader signs, and never about their own lesson."""
    if signer is None or not signer.is_leader:
        return [Problem(kind.field, tr(f"{kind.area}.not_leader"), record_id)]
    if signer.id == lecturer_id:
        return [Problem(kind.field, tr(f"{kind.area}.own_lesson"), record_id)]
    return []


def sealed(kind: Signable[R], data: Mapping[str, Any], by: str | None, at: datetime) -> R:
    """``data`` as a record signed by ``by`` at ``at``, with the fingerprint of its content.

    Validated with the signature on trust first, so that the fingerprint is of
    the content as it will be stored (text made NFC...).
    """
    record_id = str(data.get("id", ""))
    draft = {**data, kind.by: by, kind.at: at, "signed_fingerprint": _PENDING}
    record = validate(kind.model, draft, record_id, context={TRUST: True})
    done = {**record.model_dump(), "signed_fingerprint": fingerprint(record, kind.uncovered)}
    return validate(kind.model, done, record.id)


def reopened(kind: Signable[R], record: R, leader: Lecturer | None, reason: str, at: datetime) -> R:
    """``record`` open again: its signature kept in ``reopenings``, to be signed anew."""
    doc = record.model_dump()
    if leader is None or not leader.is_leader:
        raise Invalid([Problem("reason", tr(f"{kind.area}.not_leader_reopen"), record.id)])
    if not doc["signed_fingerprint"] or doc[kind.at] is None:
        raise Invalid([Problem("reason", tr(f"{kind.area}.not_signed"), record.id)])
    if not reason.strip():
        raise Invalid([Problem("reason", tr(f"{kind.area}.reason_empty"), record.id)])
    entry = Reopening(
        at=at,
        by=leader.id,
        reason=reason,
        signed_by=doc[kind.by] or "",
        signed_at=doc[kind.at],
        signed_text=kind.signed_text(record),
        fingerprint=doc["signed_fingerprint"],
    )
    cleared = dict.fromkeys((kind.by, kind.at, "signed_fingerprint", *kind.reopen_clears))
    update = {**cleared, "reopenings": [*doc["reopenings"], entry]}
    return validate(kind.model, {**doc, **update}, record.id)


def take_as_signed(kind: Signable[Any], doc: dict[str, Any], signature: Mapping[str, Any]) -> None:
    """Give ``doc``, signed before fingerprints existed, the fingerprint of what it holds.

    ``signature`` is what it lacks besides (who, when). What an older version
    signed is taken as signed; a document that does not validate is left as
    it is, for ``check`` (or the import) to name.
    """
    if not kind.signed_in(doc) or doc.get("signed_fingerprint"):
        return
    try:
        # Validated as any record (text made NFC...), the signature taken on trust.
        record = kind.model.model_validate(
            {**doc, **signature, "signed_fingerprint": _PENDING}, context={TRUST: True}
        )
    except ValueError:
        return
    doc.update(signature, signed_fingerprint=fingerprint(record, kind.uncovered))
    doc.setdefault("reopenings", [])


def refuse_signer(sheet: Observation, signer: Lecturer | None) -> None:
    """Only a leader signs, and never about their own lesson."""
    found = signer_problems(SHEETS, sheet.id, sheet.lecturer_id, signer)
    if found:
        raise Invalid(found)


def sign_conclusion(sheet: Observation, text: str, signer: Lecturer, at: datetime) -> Observation:
    """``sheet`` concluded with ``text``, signed by ``signer`` at ``at``."""
    refuse_signer(sheet, signer)
    return sealed(SHEETS, {**sheet.model_dump(), "conclusion": text}, signer.id, at)


def reopen(sheet: Observation, leader: Lecturer | None, reason: str, at: datetime) -> Observation:
    """``sheet`` open again: its signature kept in ``reopenings``, its conclusion to sign anew."""
    return reopened(SHEETS, sheet, leader, reason, at)


def fingerprint_old_signatures(tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Give conclusions signed before fingerprints existed the fingerprint of what they hold.

    For a data file of schema 2 and an interchange file of format 2.
    """
    for doc in (tables.get(SHEETS.table) or {}).values():
        if isinstance(doc, dict):
            take_as_signed(SHEETS, doc, {})
