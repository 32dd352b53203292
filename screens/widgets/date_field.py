"""An input for dd/mm/yyyy dates that refuses 31/02 with the reason."""

from __future__ import annotations

import datetime as dt

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from giangvien.i18n import tr
from giangvien.vntext import format_date, parse_date


class _DateValidator(Validator):
    def __init__(self, optional: bool) -> None:
        super().__init__()
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if self.optional and not value.strip():
            return self.success()
        try:
            parse_date(value)
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


class DateInput(Input):
    """Typed and shown as dd/mm/yyyy; ``date`` is None when empty or invalid."""

    def __init__(
        self, value: dt.date | None = None, *, optional: bool = False, id: str | None = None
    ) -> None:
        super().__init__(
            value=format_date(value) if value else "",
            placeholder=tr("app.date_placeholder"),
            validators=[_DateValidator(optional)],
            validate_on=["blur", "submitted"],
            id=id,
        )

    @property
    def date(self) -> dt.date | None:
        try:
            return parse_date(self.value)
        except ValueError:
            return None

    def error(self) -> str:
        """Why the text is not a date, or "" when it is one (or may be empty)."""
        result = self.validate(self.value)
        if result is None or result.is_valid:
            return ""
        return result.failure_descriptions[0]
