"""A trial form's state: the fields' raw texts as a draft keeps them, the record they make,
and what the form refuses before the model sees it.

A stored trial becomes a state (for the form to start from); a state becomes
the data of a Trial (for the model to validate). The model checks its fields
one at a time and its rules only once they all parse; ``form_problems`` says
every reason at once. No Textual here: these rules are tested on their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from giangvien.i18n import tr
from giangvien.models import PersonRef, Trial, Verdict
from giangvien.problems import Problem
from giangvien.rubric import Rubric
from giangvien.vntext import fold, format_date, format_decimal, format_time, parse_date, parse_time

KIND: Final = "trial"
LINES: Final = ("lesson", "place")  # one-line texts
AREAS: Final = ("self_assessment", "to_fix", "lessons_drawn")  # long texts
NO_VERDICT: Final = "none"
OUTSIDE = "\x00outside"  # the "someone from outside" choice; no id starts with NUL
OUTSIDER_FIELDS = ("name", "position", "unit")


def blank_person() -> dict[str, str]:
    return {"who": "", "name": "", "position": "", "unit": ""}


def blank_member(rubric: Rubric) -> dict[str, Any]:
    return {
        "person": blank_person(),
        "comments": "",
        "scores": {i.code: "" for i in rubric.items},
        "comments_only": False,
    }


def member_is_blank(member: dict[str, Any]) -> bool:
    """A member row left as it was added: no one chosen, nothing typed."""
    person = member.get("person") or {}
    typed = [person.get(n, "") for n in OUTSIDER_FIELDS]
    scores = (member.get("scores") or {}).values()
    return not (
        person.get("who") or any(t.strip() for t in typed) or str(member.get("comments")).strip()
        or any(str(s).strip() for s in scores)
    )  # fmt: skip


# Sentences of the record as a whole that belong beside one field.
ROUTES: Final = {
    "model.trial_to_fix": "to_fix",
    "model.trial_next_date": "next_trial_date",
    "model.trial_rubric": "panel",
    "model.trial_end_before_start": "end_time",
}
TIMES: Final = ("start_time", "end_time")


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
            "kind": KIND, "record_id": None,
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(dt.date.today()), "lecturer_id": "", "programme": "",
            **dict.fromkeys(TIMES, ""), **dict.fromkeys(LINES, ""),
            "chair": blank_person(), "secretary": blank_person(),
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
        "kind": KIND, "record_id": record.id,
        "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
        "date": format_date(record.date), "lecturer_id": record.lecturer_id,
        "programme": record.programme, **{name: getattr(record, name) for name in LINES},
        **{name: format_time(t) if (t := getattr(record, name)) else "" for name in TIMES},
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
        **{name: _clock(state.get(name, "")) for name in TIMES},
    }


def _clock(text: str) -> dt.time | None:
    """A time typed ("8:00", "14h30"); None when blank or unreadable (form_problems says why)."""
    try:
        return parse_time(text) if text.strip() else None
    except ValueError:
        return None


def _identity(person: dict[str, str]) -> str:
    who = person.get("who") or ""
    if who == OUTSIDE:
        name = fold(person.get("name", ""))
        return f"outside:{name}" if name else ""
    return who


def _day(text: str) -> Any:
    try:
        return parse_date(text)
    except ValueError:
        return None


def form_problems(state: dict[str, Any], named: set[str]) -> list[Problem]:
    """The form's own refusals; ``named`` are fields already refused (not said twice)."""
    found: list[Problem] = []
    if state["verdict"] == Verdict.NOT_PASSED.value:
        if not state["to_fix"].strip():
            found.append(Problem("to_fix", tr("model.trial_to_fix")))
        if not state["next_trial_date"].strip() and "next_trial_date" not in named:
            found.append(Problem("next_trial_date", tr("trials.next_date_required")))
    for name in TIMES:
        text = state.get(name, "")
        try:
            if text.strip():
                parse_time(text)
        except ValueError as error:
            found.append(Problem(name, str(error)))
    held, again = _day(state["date"]), _day(state["next_trial_date"])
    if held and again and again <= held:
        found.append(Problem("next_trial_date", tr("model.trial_next_date")))
    lecturer = state["lecturer_id"]
    roles = {"chair": state["chair"], "secretary": state["secretary"]}
    for role, person in roles.items():
        if lecturer and person.get("who") == lecturer:
            found.append(Problem(role, tr("trials.lecturer_in_role")))
    chair, secretary = (_identity(p) for p in roles.values())
    if chair and chair == secretary:
        found.append(Problem("secretary", tr("trials.chair_is_secretary")))
    seen: set[str] = set()
    for k, member in enumerate(state["panel"]):
        who = _identity(member["person"])
        if lecturer and who == lecturer:
            found.append(Problem(f"panel.{k}", tr("trials.lecturer_in_role")))
        elif who and who in seen:
            found.append(Problem(f"panel.{k}", tr("trials.member_twice")))
        seen.add(who)
    return found


def place(path: str) -> str:
    """Where a problem is shown: its field, or its panel member ("panel.2")."""
    head, _, rest = path.partition(".")
    index = rest.partition(".")[0]
    return f"{head}.{index}" if head == "panel" and index.isdigit() else head
