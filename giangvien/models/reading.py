"""Reading back records from our own data file: every check but the clean-up.

A record made from what someone typed or imported has its text NFC-cleaned,
its id made canonical and its scores rounded, by validators on the models.
A record read back from the data file went through them on its way in, and
running them again cost a fifth of opening a file of 10,000 sheets (Python
calls from pydantic's core, ~100,000 of them; docs/benchmarks.md). So the
file is read with each model's own core schema less those clean-up steps:
every type, constraint, timezone and cross-field rule still holds, and
``giangvien check`` still runs everything.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator

# Validators that only make a value canonical; they change nothing in a value
# that is canonical already, which everything in our own file is.
# ``_plain_text`` (no control characters) is a check, not a clean-up, but what
# our file holds passed it on the way in; re-running it tripled the read of
# 10,000 sheets (117 -> 354 ms). store.gate.scan_raw finds such characters in
# the file's bytes instead, and ``check`` runs the whole model.
# ``_signature_holds`` hashes each signed record's content: a check of what was
# checked on the way in, left to ``check`` (and to every save, import, merge).
CLEAN_UPS = frozenset(
    {"_normalise_text", "_uuid", "_two_decimals", "_plain_text", "_signature_holds"}
)

_FUNCTIONS = frozenset({"function-before", "function-after", "function-wrap"})
# Parts of a schema node that are not validation (how to serialise, pydantic's notes).
_LEAVE = frozenset({"metadata", "serialization"})


def validator_name(node: dict[str, Any]) -> str:
    function = (node.get("function") or {}).get("function")
    return str(getattr(function, "__name__", ""))


def without_clean_ups(node: Any) -> Any:
    """A copy of a core schema with the :data:`CLEAN_UPS` validators left out."""
    if isinstance(node, dict):
        if node.get("type") in _FUNCTIONS and validator_name(node) in CLEAN_UPS:
            return without_clean_ups(node["schema"])
        return {k: v if k in _LEAVE else without_clean_ups(v) for k, v in node.items()}
    if isinstance(node, list):
        return [without_clean_ups(v) for v in node]
    return node


@cache
def reader(model: type[BaseModel]) -> SchemaValidator:
    """Validates a document of our file into a ``model`` instance, minus clean-ups."""
    return SchemaValidator(without_clean_ups(model.__pydantic_core_schema__))
