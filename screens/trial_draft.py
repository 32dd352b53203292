"""A trial form's state: the fields' raw texts, as a draft keeps them.

A stored trial becomes a state (for the form to start from); a state becomes
the data of a Trial (for the model to validate). Neither touches a widget.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from giangvien.models import PersonRef, Trial
from giangvien.rubric import Rubric
from giangvien.vntext import format_date, format_decimal, parse_date
from screens.widgets.trial_people import OUTSIDE, blank_member, blank_person

LINES = ("lesson", "place")  # one-line texts
AREAS = ("self_assessment", "to_fix", "lessons_drawn")  # long texts
NO_VERDICT = "none"


def draft_key(record_id: str | None) -> str:
    return f"trial:{record_id}" if record_id else "trial:new"


def person_state(ref: PersonRef | None) -> dict[str, str]:
    if ref is None:
        return blank_person()
    if ref.lecturer_id:
        return {**blank_person(), "who": ref.lecturer_id}
    return {"who": OUTSIDE, "name": ref.name, "position": ref.position, "unit": ref.unit}


def person_data(state: dict[str, str]) -> dict[str, str] | None:
    """A PersonRef's data, or None for nobody (an outsider with no name stays: it is refused)."""
    who = state.get("who") or ""
    if not who:
        return None
    if who == OUTSIDE:
        return {name: state.get(name, "") for name in ("name", "position", "unit")}
    return {"lecturer_id": who}


def state_of(record: Trial | None, rubric: Rubric) -> dict[str, Any]:
    """The fields' texts for a stored trial, or for a new one held today."""
    if record is None:
        return {
            "kind": "trial", "record_id": None,
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(dt.date.today()), "lecturer_id": "", "programme": "",
            **dict.fromkeys(LINES, ""), "chair": blank_person(), "secretary": blank_person(),
            "scored": False, "panel": [blank_member(rubric)],
            **dict.fromkeys(AREAS, ""), "verdict": NO_VERDICT, "next_trial_date": "",
        }  # fmt: skip
    panel = []
    for member in record.panel:
        scores = member.scores or {}
        panel.append({
            "person": person_state(member),
            "comments": member.comments,
            "scores": {i.code: format_decimal(scores[i.code]) if i.code in scores else ""
                       for i in rubric.items},
            "comments_only": member.scores is None,
        })  # fmt: skip
    return {
        "kind": "trial", "record_id": record.id,
        "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
        "date": format_date(record.date), "lecturer_id": record.lecturer_id,
        "programme": record.programme, **{name: getattr(record, name) for name in LINES},
        "chair": person_state(record.chair), "secretary": person_state(record.secretary),
        "scored": any(m.scores is not None for m in record.panel), "panel": panel,
        **{name: getattr(record, name) for name in AREAS},
        "verdict": record.verdict.value if record.verdict else NO_VERDICT,
        "next_trial_date": format_date(record.next_trial_date) if record.next_trial_date else "",
    }  # fmt: skip


def _date(text: str) -> dt.date | str | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError:
        return text  # the model says why, at the field


def data_of(
    state: dict[str, Any], record: Trial | None, scores: list[dict[str, float] | None]
) -> dict[str, Any]:
    """The Trial's data: ``scores`` holds each member's parsed scores (None: comments only)."""
    panel = []
    for member, given in zip(state["panel"], scores, strict=True):
        person = person_data(member["person"]) or {}
        panel.append({**person, "comments": member["comments"], "scores": given})
    scored = any(s is not None for s in scores)
    verdict = state["verdict"]
    return {
        **(record.model_dump() if record else {}),
        **{name: state[name] for name in (*LINES, *AREAS, "programme")},
        "date": _date(state["date"]) or state["date"],
        "lecturer_id": state["lecturer_id"],
        "chair": person_data(state["chair"]),
        "secretary": person_data(state["secretary"]),
        "panel": panel,
        "rubric_id": state["rubric_id"] if scored else None,
        "rubric_version": state["rubric_version"] if scored else None,
        "verdict": None if verdict == NO_VERDICT else verdict,
        "next_trial_date": _date(state["next_trial_date"]),
    }
