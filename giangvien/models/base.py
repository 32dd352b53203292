"""The common ground of every record: identity, timestamps, tombstone, clean text."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Annotated, Any, Self

from annotated_types import MaxLen
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from giangvien.i18n import tr
from giangvien.vntext import clean, forbidden_char

# A field longer than this is free text (a comment, a conclusion) and keeps its
# newlines and tabs; shorter ones (names, lessons, codes) are one line.
MULTILINE_OVER = 1000

# Two edits within one clock tick must still order after each other.
_TICK = timedelta(microseconds=1)

# The largest merge stamp (store.clock): every integer up to 2**53 is exact as
# a JSON number in any reader (a JavaScript double), so no stamp rounds.
MAX_STAMP = 2**53


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def _clean_all(value: Any) -> Any:
    # Every path into the store (TUI, CLI, import) goes through a model, so
    # normalising here is what keeps NFD input and stray spaces out of the file.
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_all(v) for v in value]
    return value


def _forbidden_in(value: Any, multiline: bool) -> str | None:
    if isinstance(value, str):
        return forbidden_char(value, multiline=multiline)
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return None  # a nested Part checked its own fields; numbers, dates, enums
    for item in items:
        found = _forbidden_in(item, multiline)
        if found:
            return found
    return None


class Part(BaseModel):
    """A value inside a record (a panel member, a task): clean text, no extras."""

    # NaN and infinity are no score, no point limit, no quota: refused like a
    # wrong type, so they can never reach the file (where JSON has no NaN).
    model_config = ConfigDict(extra="forbid", validate_default=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return _clean_all(data)

    @model_validator(mode="after")
    def _plain_text(self) -> Self:
        # Refused, not stripped: a character taken out silently would change a
        # record someone signed or sent, and the sentence at the field lets the
        # user (or the other laptop's file) be put right. Every way in (TUI,
        # CLI, import, rubric file) builds a model, so this one check covers
        # all. Reading back our own file skips it (giangvien.models.reading:
        # it tripled the read of 10,000 sheets); a hand-edited file is caught
        # by check, and by the raw scan the app runs on opening (store.gate).
        values = self.__dict__
        for name, multiline in _text_fields(type(self)):
            found = _forbidden_in(values[name], multiline)
            if found:
                raise FieldError(name, tr("model.control_char", code=f"U+{ord(found):04X}"))
        return self


class FieldError(ValueError):
    """A record-level check's finding that belongs to one field (shown at that field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@cache
def _text_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` that may hold text, each with whether it is multi-line."""
    found = []
    for name, field in model.model_fields.items():
        shown = str(field.annotation)
        if "str" in shown:
            found.append((name, _multiline(model, name)))
    return tuple(found)


def _multiline(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    if field is None:
        return False
    limits = [m.max_length for m in field.metadata if isinstance(m, MaxLen)]
    return any(limit > MULTILINE_OVER for limit in limits)


class Record(Part):
    """A stored record. ``id`` is ours (a UUID), never TinyDB's document id."""

    id: str = Field(default_factory=new_id)
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    deleted_at: datetime | None = None
    # Set by the repository on every save (store.clock): the hybrid logical
    # clock stamp of this version, the laptop that wrote it, the newest stamp
    # of each laptop's edits this version was made on top of, and who was
    # using that laptop. Merging decides by these, never by ``updated_at``.
    stamp: int = Field(default=0, ge=0, le=MAX_STAMP)
    laptop: str = Field(default="", max_length=60)
    seen: dict[str, Annotated[int, Field(ge=0, le=MAX_STAMP)]] = Field(default_factory=dict)
    edited_by: str | None = None

    @field_validator("id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ValueError(tr("model.bad_id")) from None

    @field_validator("created_at", "updated_at", "deleted_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        # Merging compares updated_at across laptops: naive times would compare
        # local clocks, so everything is stored in UTC.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def touched(self, **changes: Any) -> Self:
        """A validated copy with ``changes`` applied and ``updated_at`` moved on.

        Raises :class:`giangvien.problems.Invalid` (field by field), since a
        ``model_copy(update=...)`` made by a screen is not validated by pydantic.
        """
        from giangvien.problems import validate

        data = self.model_dump()
        data.update(changes)
        data["updated_at"] = max(now(), self.updated_at + _TICK)
        result: Self = validate(type(self), data, record_id=self.id)
        return result

    def tombstoned(self) -> Self:
        return self.touched(deleted_at=now())
