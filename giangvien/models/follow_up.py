"""What became of an earlier sheet's suggestions, as the next observer found it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from giangvien.models.base import Part
from giangvien.models.parts import TEXT


class Acted(StrEnum):
    DONE = "done"  # đã thực hiện
    PARTLY = "partly"  # thực hiện một phần
    NOT_YET = "not_yet"  # chưa thực hiện


class SuggestionCheck(Part):
    """One suggestion of an earlier sheet (its line ``item``), and whether it was acted on.

    The text is kept as it was asked about, so the answer still reads right
    when the earlier sheet is later reopened and changed, or deleted.
    """

    sheet_id: str = Field(min_length=1)
    item: int = Field(ge=0, le=500)
    text: str = Field(min_length=1, max_length=TEXT)
    acted: Acted
