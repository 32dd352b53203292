"""Turning pydantic's validation errors into sentences a lecturer can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from giangvien.i18n import catalogue, language, tr
from giangvien.models.reading import reader

# pydantic's error types we expect from our models, mapped to our catalogue;
# anything else still gets a sentence (the generic one) rather than English jargon.
_MESSAGES = {
    "missing": "problem.required",
    "string_too_short": "problem.required",
    "too_short": "problem.required",
    "string_too_long": "problem.too_long",
    "too_long": "problem.too_many",
    "greater_than": "problem.greater_than",
    "greater_than_equal": "problem.at_least",
    "less_than": "problem.less_than",
    "less_than_equal": "problem.at_most",
    "int_parsing": "problem.integer",
    "int_from_float": "problem.integer",
    "float_parsing": "problem.number",
    "finite_number": "problem.not_finite",
    "date_parsing": "problem.date",
    "date_from_datetime_parsing": "problem.date",
    "datetime_parsing": "problem.datetime",
    "datetime_from_date_parsing": "problem.datetime",
    "time_parsing": "problem.time",
    "enum": "problem.choice",
    "extra_forbidden": "problem.extra",
    "bool_parsing": "problem.boolean",
    "string_type": "problem.text",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str  # dotted path, e.g. "panel.0.comments"; "" for the record as a whole
    message: str
    record_id: str = ""

    def sentence(self) -> str:
        where = field_label(self.field)
        return f"{where}: {self.message}" if where else self.message

    def line(self) -> str:
        """The problem as ``giangvien check`` prints it: record, field, why."""
        prefix = f"{self.record_id}: " if self.record_id else ""
        return prefix + self.sentence()


def field_label(path: str) -> str:
    """A readable name for a dotted field path, in the current language."""
    if not path:
        return ""
    parts = path.split(".")
    labels = catalogue(language())
    named = [labels.get(f"field.{p}", p) for p in parts if not p.isdigit()]
    numbers = [str(int(p) + 1) for p in parts if p.isdigit()]
    label = " › ".join(named)
    return f"{label} #{'.'.join(numbers)}" if numbers else label


def problems(error: ValidationError, record_id: str = "") -> list[Problem]:
    return [_problem(e, record_id) for e in error.errors(include_url=False)]


def _problem(error: Any, record_id: str) -> Problem:
    path = ".".join(str(p) for p in error["loc"])
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        # Our own validators raise already-translated sentences, some at a field.
        field = getattr(ctx["error"], "field", "")
        path = ".".join(p for p in (path, field) if p)
        return Problem(path, str(ctx["error"]), record_id)
    key = _MESSAGES.get(error["type"], "problem.invalid")
    values = {k: v for k, v in ctx.items() if isinstance(v, int | float | str)}
    try:
        message = tr(key, **values)
    except (KeyError, IndexError):
        message = tr("problem.invalid")
    return Problem(path, message, record_id)


class Invalid(Exception):
    """A record that cannot be stored, with every reason, field by field."""

    def __init__(self, found: list[Problem]) -> None:
        self.problems = found
        super().__init__("; ".join(p.sentence() for p in found))


M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M],
    data: Any,
    record_id: str = "",
    *,
    trusted: bool = False,
    context: dict[str, Any] | None = None,
) -> M:
    """``model.model_validate(data)``, raising :class:`Invalid` with our sentences.

    ``trusted`` data (read back from our own file, which only ever receives
    cleaned records) skips the clean-up validators but is validated all the
    same (:mod:`giangvien.models.reading`).
    """
    try:
        if trusted:
            found: M = reader(model).validate_python(data)
            return found
        return model.model_validate(data, context=context)
    except ValidationError as error:
        raise Invalid(problems(error, record_id)) from None
