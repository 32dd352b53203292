"""What every record form shares: the record or draft it opens on, and its draft key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from textual.screen import Screen

from giangvien.models import Record
from screens.base import Localised
from screens.drafts_modal import KeepsDraft
from store.repository import Repository

if TYPE_CHECKING:
    from screens.app import GiangvienApp


class RecordForm(KeepsDraft, Screen[str | None], Localised):
    """A form on one record (``None``: a new one), kept as a draft while typed.

    Subclasses name the record's MODEL and the DRAFT_KIND their drafts carry.
    """

    MODEL: ClassVar[type[Record]]
    DRAFT_KIND: ClassVar[str]

    def __init__(self, record: Any = None, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._localise()
        self.record = record
        self.draft = draft
        # Kept even when the record was deleted meanwhile, so its draft stays findable.
        self.record_id = record.id if record else (draft or {}).get("record_id")
        self.key = (
            f"{self.DRAFT_KIND}:{self.record_id}" if self.record_id else (f"{self.DRAFT_KIND}:new")
        )
        self._baseline: dict[str, Any] = {}

    @classmethod
    def from_draft(cls, data: dict[str, Any], repo: Repository) -> Self:
        """The form as the draft left it, on its record when it was an edit."""
        record_id = data.get("record_id")
        record = repo.get(cls.MODEL, record_id) if record_id else None
        return cls(record if record and not record.deleted else None, data)

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)
