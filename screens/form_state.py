"""What every form's state shares: the draft around it, and how a draft is read back.

A form's *state* is the raw texts of its fields, typed per kind of record as a
``TypedDict`` in that kind's ``*_state`` module (``MeetingState``, ...): text,
ids and rows, never parsed values, so that "31/02" survives in a draft. A
*draft* is a state with its envelope (``kind``, ``record_id``) as the data file
keeps it under ``drafts``.

A draft is read back against the state's type (``resume``), not trusted: it
may come from another version of giangvien (a field renamed, a row grown a
column), from a sync that carried a half-written form, or from a hand-edited
file. Each field of the draft that reads as its type is taken; any other keeps
the record's value and is named, so the form can say that part was not kept.
No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import AfterValidator, TypeAdapter, ValidationError

# A draft as stored: the envelope's keys and the state's, as JSON.
Draft = dict[str, Any]
S = TypeVar("S", bound=Mapping[str, Any])


def envelope(kind: str, record_id: str | None, state: Mapping[str, Any]) -> Draft:
    """The draft that keeps ``state`` of the form of ``kind`` on ``record_id`` (None: new)."""
    return {"kind": kind, "record_id": record_id, **state}


def one_of(choices: type[Enum], *more: str) -> AfterValidator:
    """For a field that holds one of an enum's values, or of ``more``
    (``Annotated[str, one_of(Level)]``): a dropdown shows nothing else, and refuses
    to be made with another value, so such a draft would stop the form opening."""
    allowed = frozenset(str(choice.value) for choice in choices) | set(more)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"not one of {sorted(allowed)}")
        return value

    return AfterValidator(check)


@cache
def _adapter(state_type: type[Any]) -> TypeAdapter[Any]:
    # Built the first time a draft of that kind is read (~2 ms), not on every form.
    return TypeAdapter(state_type)


def resume(
    state_type: type[S], baseline: S, draft: Mapping[str, Any] | None
) -> tuple[S, list[str]]:
    """``baseline`` with every field of ``draft`` that reads as ``state_type`` says.

    Returns the state and the names of the draft's fields that did not read (and
    kept the baseline's value); strictly, so "1" is not taken for a number nor 0
    for "no". A field the draft lacks keeps the baseline's value and is not named:
    a draft of an earlier version simply knew no such field.
    """
    if not draft:
        return baseline, []
    merged = {**baseline, **{name: draft[name] for name in baseline if name in draft}}
    adapter = _adapter(state_type)
    refused: list[str] = []
    while True:
        try:
            order = [name for name in baseline if name in refused]  # in the state's order
            return cast(S, adapter.validate_python(merged, strict=True)), order
        except ValidationError as error:
            bad = {str(e["loc"][0]) for e in error.errors() if e["loc"]} - set(refused)
            if not bad:  # the baseline itself does not read: a bug, said as one
                raise
            refused += bad
            merged.update({name: baseline[name] for name in bad})
