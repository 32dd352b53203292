"""A trial form's state: the fields' raw texts as a draft keeps them, the record they make,
and what the form refuses before the model sees it.

A stored trial becomes a state (``TrialState``, for the form to start from; a
draft is read back against it, ``screens.form_state.resume``); a state becomes
the data of a Trial (for the model to validate). The model checks its fields
one at a time and its rules only once they all parse; ``form_problems`` says
every reason at once. No Textual here: these rules are tested on their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

from typing_extensions import TypedDict

from giangvien.i18n import tr
from giangvien.models import PanelMember, PersonRef, Trial, Verdict
from giangvien.problems import Problem
from giangvien.rubric import Rubric
from giangvien.vntext import fold, format_date, format_decimal, format_time, parse_date, parse_time

KIND: Final = "trial"
# The state's keys by kind of field, as literals: a loop over them reads the state typed.
Line = Literal["lesson", "place"]  # one-line texts
Area = Literal["self_assessment", "to_fix", "lessons_drawn"]  # long texts
Time = Literal["start_time", "end_time"]
Role = Literal["chair", "secretary"]
Typed = Literal["name", "position", "unit"]  # what is typed for someone from outside
LINES: Final[tuple[Line, ...]] = ("lesson", "place")
AREAS: Final[tuple[Area, ...]] = ("self_assessment", "to_fix", "lessons_drawn")
TIMES: Final[tuple[Time, ...]] = ("start_time", "end_time")
ROLES: Final[tuple[Role, ...]] = ("chair", "secretary")
OUTSIDER_FIELDS: Final[tuple[Typed, ...]] = ("name", "position", "unit")
# What the verdict field holds: a Verdict's value, or none yet. A Literal, so that a
# draft naming another (a hand edit, a later version's) is refused, not offered to the Select.
Choice = Literal["none", "passed", "not_passed"]
NO_VERDICT: Final = "none"
CHOICES: Final[dict[Verdict | None, Choice]] = {
    None: NO_VERDICT, Verdict.PASSED: "passed", Verdict.NOT_PASSED: "not_passed"
}  # fmt: skip
OUTSIDE: Final = "\x00outside"  # the "someone from outside" choice; no id starts with NUL


class PersonState(TypedDict):
    who: str  # a lecturer's id, OUTSIDE, or "" for nobody
    # Typed for someone from outside; kept while a lecturer is chosen, as typed.
    name: str
    position: str
    unit: str


class MemberState(TypedDict):
    person: PersonState
    comments: str
    scores: dict[str, str]  # by rubric item code, as typed ("8,5")
    comments_only: bool


class TrialState(TypedDict):
    rubric_id: str  # the rubric the panel scores against
    rubric_version: int
    date: str
    lecturer_id: str  # "" before one is picked
    programme: str
    lesson: str
    place: str
    start_time: str
    end_time: str
    chair: PersonState
    secretary: PersonState
    scored: bool  # whether the panel scores, or only comments
    panel: list[MemberState]  # blank rows included: a save drops them
    self_assessment: str
    to_fix: str
    lessons_drawn: str
    verdict: Choice
    next_trial_date: str


def blank_person() -> PersonState:
    return {"who": "", "name": "", "position": "", "unit": ""}


def blank_member(rubric: Rubric) -> MemberState:
    return {
        "person": blank_person(),
        "comments": "",
        "scores": {i.code: "" for i in rubric.items},
        "comments_only": False,
    }


def member_is_blank(member: MemberState) -> bool:
    """A member row left as it was added: no one chosen, nothing typed."""
    person = member["person"]
    typed = [person["who"], *(person[n] for n in OUTSIDER_FIELDS), member["comments"],
             *member["scores"].values()]  # fmt: skip
    return not any(text.strip() for text in typed)


def kept_members(panel: list[MemberState]) -> list[int]:
    """Where the members a save keeps are: a row left blank is dropped, not refused."""
    return [i for i, member in enumerate(panel) if not member_is_blank(member)]


# Sentences of the record as a whole that belong beside one field.
ROUTES: Final = {
    "model.trial_to_fix": "to_fix",
    "model.trial_next_date": "next_trial_date",
    "model.trial_rubric": "panel",
    "model.trial_end_before_start": "end_time",
}


def person_state(ref: PersonRef | None) -> PersonState:
    if ref is None:
        return blank_person()
    if ref.lecturer_id:
        return {**blank_person(), "who": ref.lecturer_id}
    return {"who": OUTSIDE, "name": ref.name, "position": ref.position, "unit": ref.unit}


def person_data(state: PersonState) -> dict[str, str] | None:
    """A PersonRef's data, or None for nobody (an outsider with no name stays: it is refused)."""
    who = state["who"]
    if not who:
        return None
    if who == OUTSIDE:
        return {name: state[name] for name in OUTSIDER_FIELDS}
    return {"lecturer_id": who}


def member_state(member: PanelMember, rubric: Rubric) -> MemberState:
    """A stored member's row: a score per item of ``rubric``, blank where none is stored."""
    scores = member.scores or {}
    return {
        "person": person_state(member),
        "comments": member.comments,
        "scores": {i.code: format_decimal(scores[i.code]) if i.code in scores else ""
                   for i in rubric.items},
        "comments_only": member.scores is None,
    }  # fmt: skip


def state_of(record: Trial | None, rubric: Rubric, today: dt.date) -> TrialState:
    """The fields' texts for a stored trial, or for a new one held ``today``."""
    if record is None:
        return {
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(today), "lecturer_id": "", "programme": "",
            "lesson": "", "place": "", "start_time": "", "end_time": "",
            "chair": blank_person(), "secretary": blank_person(),
            "scored": False, "panel": [blank_member(rubric)],
            "self_assessment": "", "to_fix": "", "lessons_drawn": "",
            "verdict": NO_VERDICT, "next_trial_date": "",
        }  # fmt: skip
    r = record
    return {
        "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
        "date": format_date(r.date), "lecturer_id": r.lecturer_id, "programme": r.programme,
        "lesson": r.lesson, "place": r.place,
        "start_time": format_time(r.start_time) if r.start_time else "",
        "end_time": format_time(r.end_time) if r.end_time else "",
        "chair": person_state(r.chair), "secretary": person_state(r.secretary),
        "scored": any(m.scores is not None for m in r.panel),
        "panel": [member_state(m, rubric) for m in r.panel],
        "self_assessment": r.self_assessment, "to_fix": r.to_fix,
        "lessons_drawn": r.lessons_drawn,
        "verdict": CHOICES[r.verdict],
        "next_trial_date": format_date(r.next_trial_date) if r.next_trial_date else "",
    }  # fmt: skip


def _date(text: str) -> dt.date | str | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError:
        return text  # the model says why, at the field


def data_of(
    state: TrialState, record: Trial | None, scores: list[dict[str, float] | None]
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
        **{name: state[name] for name in (*LINES, *AREAS)},
        "programme": state["programme"],
        "date": _date(state["date"]) or state["date"],
        "lecturer_id": state["lecturer_id"],
        **{role: person_data(state[role]) for role in ROLES},
        "panel": panel,
        "rubric_id": state["rubric_id"] if scored else None,
        "rubric_version": state["rubric_version"] if scored else None,
        "verdict": None if verdict == NO_VERDICT else verdict,
        "next_trial_date": _date(state["next_trial_date"]),
        **{name: _clock(state[name]) for name in TIMES},
    }


def build(
    state: TrialState, record: Trial | None, scores: list[dict[str, float] | None], named: set[str]
) -> tuple[list[Problem], dict[str, Any]]:
    """The form's own refusals and the Trial's data, of the panel members a save keeps.

    ``scores`` holds each kept member's parsed scores (None: comments only), in
    the order of ``kept_members``; ``named`` the fields already refused.
    """
    kept: TrialState = {**state, "panel": [state["panel"][i] for i in kept_members(state["panel"])]}
    return form_problems(kept, named), data_of(kept, record, scores)


def _clock(text: str) -> dt.time | None:
    """A time typed ("8:00", "14h30"); None when blank or unreadable (form_problems says why)."""
    try:
        return parse_time(text) if text.strip() else None
    except ValueError:
        return None


def _identity(person: PersonState) -> str:
    who = person["who"]
    if who == OUTSIDE:
        name = fold(person["name"])
        return f"outside:{name}" if name else ""
    return who


def _day(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def form_problems(state: TrialState, named: set[str]) -> list[Problem]:
    """The form's own refusals; ``named`` are fields already refused (not said twice)."""
    found: list[Problem] = []
    if state["verdict"] == Verdict.NOT_PASSED.value:
        if not state["to_fix"].strip():
            found.append(Problem("to_fix", tr("model.trial_to_fix")))
        if not state["next_trial_date"].strip() and "next_trial_date" not in named:
            found.append(Problem("next_trial_date", tr("trials.next_date_required")))
    for name in TIMES:
        text = state[name]
        try:
            if text.strip():
                parse_time(text)
        except ValueError as error:
            found.append(Problem(name, str(error)))
    held, again = _day(state["date"]), _day(state["next_trial_date"])
    if held and again and again <= held:
        found.append(Problem("next_trial_date", tr("model.trial_next_date")))
    lecturer = state["lecturer_id"]
    for role in ROLES:
        if lecturer and state[role]["who"] == lecturer:
            found.append(Problem(role, tr("trials.lecturer_in_role")))
    chair, secretary = (_identity(state[role]) for role in ROLES)
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
