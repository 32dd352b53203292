"""An observation sheet's state: the raw texts of its fields, and the record they make.

No Textual here: a stored sheet becomes a state (for the form to start from),
a state becomes the data of an Observation (for the model to validate).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from giangvien.models import Observation, Recorded
from giangvien.own_part import own_part_of
from giangvien.rubric import Rubric
from giangvien.vntext import format_date, format_decimal, parse_date

KIND: Final = "observation"
LINES: Final = ("class_name", "lesson", "place")  # one-line fields
AREAS: Final = ("strengths", "limitations", "suggestions", "self_assessment")  # long texts


def draft_key(record_id: str | None) -> str:
    return f"{KIND}:{record_id or 'new'}"


def state_of(record: Observation | None, rubric: Rubric, user_id: str | None) -> dict[str, Any]:
    """The fields' texts for a stored sheet, or for a new one started today."""
    if record is None:
        return {
            "kind": KIND, "record_id": None,
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(dt.date.today()), "lecturer_id": "",
            "observer_ids": [user_id] if user_id else [], "programme": "",
            **dict.fromkeys(LINES, ""), "scores": {i.code: "" for i in rubric.items},
            "comments_only": False, **dict.fromkeys(AREAS, ""), "acknowledged": False,
            "own_how": Recorded.FROM_PAPER.value,
        }  # fmt: skip
    scores = record.scores or {}
    return {
        "kind": KIND, "record_id": record.id,
        "rubric_id": record.rubric_id, "rubric_version": record.rubric_version,
        "date": format_date(record.date), "lecturer_id": record.lecturer_id,
        "observer_ids": list(record.observer_ids), "programme": record.programme,
        **{name: getattr(record, name) for name in LINES},
        "scores": {i.code: format_decimal(scores[i.code]) if i.code in scores else ""
                   for i in rubric.items},
        "comments_only": record.scores is None,
        **{name: getattr(record, name) for name in AREAS},
        "acknowledged": record.acknowledged_on is not None,
        "own_how": own_how(record, user_id).value,
    }  # fmt: skip


def own_how(record: Observation, user_id: str | None) -> Recorded:
    """As stored; else in person for the lecturer at their own laptop, from paper for others."""
    if record.own_part is not None:
        return record.own_part.how
    return Recorded.IN_PERSON if user_id == record.lecturer_id else Recorded.FROM_PAPER


def comparable(state: dict[str, Any]) -> dict[str, Any]:
    """Ticking observers off and on again reorders them without changing anything."""
    return {**state, "observer_ids": sorted(state.get("observer_ids") or [])}


def data_of(
    state: dict[str, Any],
    record: Observation | None,
    scores: dict[str, float] | None,
    user_id: str | None,
    at: dt.datetime,
) -> dict[str, Any]:
    """The Observation's data; ``scores`` parsed (None: comments only, or not readable).

    ``user_id`` is who types (this laptop's user), ``at`` when: the lecturer's own
    part, when it changed, is recorded as theirs or as typed in from paper by them.
    """
    try:
        date: dt.date | str = parse_date(state["date"])
    except ValueError:
        date = state["date"]  # the model says why, at the field
    seen = record.acknowledged_on if record else None
    data = {
        **(record.model_dump() if record else {}),
        **{name: state[name] for name in (*LINES, *AREAS, "programme", "observer_ids")},
        "date": date, "lecturer_id": state["lecturer_id"],
        "rubric_id": state["rubric_id"], "rubric_version": state["rubric_version"],
        "scores": scores,
        "acknowledged_on": (seen or dt.date.today()) if state["acknowledged"] else None,
    }  # fmt: skip
    try:
        how = Recorded(state.get("own_how") or Recorded.FROM_PAPER)
    except ValueError:
        how = Recorded.FROM_PAPER  # a draft from a version that had no such choice
    part = own_part_of(data, record, how, user_id, at)
    return {**data, "own_part": part.model_dump() if part else None}
