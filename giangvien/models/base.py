"""The common ground of every record: identity, timestamps, tombstone, clean text."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from giangvien.i18n import tr
from giangvien.vntext import clean

# Two edits within one clock tick must still order after each other.
_TICK = timedelta(microseconds=1)


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


class Part(BaseModel):
    """A value inside a record (a panel member, a task): clean text, no extras."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return _clean_all(data)


class Record(Part):
    """A stored record. ``id`` is ours (a UUID), never TinyDB's document id."""

    id: str = Field(default_factory=new_id)
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    deleted_at: datetime | None = None

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
