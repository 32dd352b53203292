"""An observation sheet's state: the raw texts of its fields, and the record they make.

No Textual here: a stored sheet becomes a state (for the form to start from),
a state becomes the data of an Observation (for the model to validate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar, get_args

from typing_extensions import TypedDict

from giangvien.follow_up import to_ask
from giangvien.models import Observation, Recorded
from giangvien.own_part import own_part_of
from giangvien.rubric import Rubric
from giangvien.vntext import format_date, format_decimal, parse_date

KIND: Final = "observation"

# The state holds the values of these enums as their Literals, so that a draft
# naming a choice this version does not know is refused on reading (and the
# record's value shown), never handed to a Select that would raise on it.
ActedValue = Literal["done", "partly", "not_yet"]  # giangvien.models.Acted
OwnHow = Literal["in_person", "from_paper"]  # giangvien.models.Recorded
Choice = ActedValue | Literal[""]  # an answer as asked: "" is not answered yet
Line = Literal["class_name", "lesson", "place"]  # one-line fields
Area = Literal["strengths", "limitations", "suggestions", "self_assessment"]  # long texts

ACTED: Final[tuple[ActedValue, ...]] = get_args(ActedValue)
HOWS: Final[tuple[OwnHow, ...]] = get_args(OwnHow)
LINES: Final[tuple[Line, ...]] = get_args(Line)
AREAS: Final[tuple[Area, ...]] = get_args(Area)


class Answer(TypedDict):
    """One answer about an earlier sheet's suggestion, as a SuggestionCheck stores it."""

    sheet_id: str
    item: int  # the suggestion's line in that sheet
    text: str  # as it was asked, even if that sheet changed since
    acted: ActedValue


class ObservationState(TypedDict):
    """The fields of a sheet as typed; a draft is this with its envelope (form_state)."""

    rubric_id: str
    rubric_version: int
    date: str
    lecturer_id: str  # "": none chosen yet
    observer_ids: list[str]
    programme: str
    class_name: str
    lesson: str
    place: str
    scores: dict[str, str]  # by item code, as typed ("8,5", "", "abc")
    comments_only: bool
    strengths: str
    limitations: str
    suggestions: str
    self_assessment: str
    acknowledged: bool
    own_how: OwnHow
    follow_ups: list[Answer]  # the answered ones only


L = TypeVar("L", bound=str)


def literal_of(value: object, allowed: tuple[L, ...]) -> L:
    """``value`` as the one of ``allowed`` (a Literal's values) it equals; ValueError if none."""
    for known in allowed:
        if known == value:
            return known
    raise ValueError(f"{value!r} is none of {allowed}")


def draft_key(record_id: str | None) -> str:
    return f"{KIND}:{record_id or 'new'}"


def state_of(record: Observation | None, rubric: Rubric, user_id: str | None) -> ObservationState:
    """The fields' texts for a stored sheet (scored on ``rubric``), or a new one started today."""
    if record is None:
        return {
            "rubric_id": rubric.rubric_id, "rubric_version": rubric.version,
            "date": format_date(dt.date.today()), "lecturer_id": "",
            "observer_ids": [user_id] if user_id else [], "programme": "",
            "class_name": "", "lesson": "", "place": "",
            "scores": {i.code: "" for i in rubric.items}, "comments_only": False,
            "strengths": "", "limitations": "", "suggestions": "", "self_assessment": "",
            "acknowledged": False, "own_how": "from_paper", "follow_ups": [],
        }  # fmt: skip
    r, scores = record, record.scores or {}
    return {
        "rubric_id": r.rubric_id, "rubric_version": r.rubric_version,
        "date": format_date(r.date), "lecturer_id": r.lecturer_id,
        "observer_ids": list(r.observer_ids), "programme": r.programme,
        "class_name": r.class_name, "lesson": r.lesson, "place": r.place,
        "scores": {i.code: format_decimal(scores[i.code]) if i.code in scores else ""
                   for i in rubric.items},
        "comments_only": r.scores is None,
        "strengths": r.strengths, "limitations": r.limitations,
        "suggestions": r.suggestions, "self_assessment": r.self_assessment,
        "acknowledged": r.acknowledged_on is not None,
        "own_how": literal_of(own_how(r, user_id).value, HOWS),
        "follow_ups": [
            {"sheet_id": c.sheet_id, "item": c.item, "text": c.text,
             "acted": literal_of(c.acted.value, ACTED)}
            for c in r.follow_ups
        ],
    }  # fmt: skip


def day_of(text: str) -> dt.date | None:
    """The date typed, or None while it does not read as one."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def own_how(record: Observation, user_id: str | None) -> Recorded:
    """As stored; else in person for the lecturer at their own laptop, from paper for others."""
    if record.own_part is not None:
        return record.own_part.how
    return Recorded.IN_PERSON if user_id == record.lecturer_id else Recorded.FROM_PAPER


def comparable(state: ObservationState) -> ObservationState:
    """Ticking observers off and on again reorders them without changing anything;
    so does an earlier sheet's answers showing in another order than stored."""
    answers = sorted(state["follow_ups"], key=lambda a: (a["sheet_id"], a["item"]))
    return {**state, "observer_ids": sorted(state["observer_ids"]), "follow_ups": answers}


def data_of(
    state: ObservationState,
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
        "date": date, "lecturer_id": state["lecturer_id"],
        "observer_ids": list(state["observer_ids"]), "programme": state["programme"],
        "class_name": state["class_name"], "lesson": state["lesson"], "place": state["place"],
        "rubric_id": state["rubric_id"], "rubric_version": state["rubric_version"],
        "scores": scores,
        "strengths": state["strengths"], "limitations": state["limitations"],
        "suggestions": state["suggestions"], "self_assessment": state["self_assessment"],
        "acknowledged_on": (seen or dt.date.today()) if state["acknowledged"] else None,
        "follow_ups": follow_ups_of(state, record),
    }  # fmt: skip
    part = own_part_of(data, record, Recorded(state["own_how"]), user_id, at)
    return {**data, "own_part": part.model_dump() if part else None}


# -- an earlier sheet's suggestions, asked about again -------------------------


@dataclass(frozen=True)
class Asked:
    """One suggestion of an earlier sheet this sheet asks about, and the answer ("": none).

    ``on`` and ``observer_ids`` are the earlier sheet's; ``gone``: it was deleted
    (or is not in this file) since, and only the stored answer tells of it.
    """

    sheet_id: str
    item: int
    text: str
    acted: Choice
    on: dt.date | None
    observer_ids: tuple[str, ...]
    gone: bool
    order: tuple[str, str]  # the earlier sheet's place among the lecturer's sheets

    @property
    def key(self) -> tuple[str, int]:
        return (self.sheet_id, self.item)

    def answer(self, acted: ActedValue) -> Answer:
        """The stored form of an answer (a SuggestionCheck's data)."""
        return {"sheet_id": self.sheet_id, "item": self.item, "text": self.text, "acted": acted}


def asked_about(
    sheets: Iterable[Observation],
    lecturer_id: str,
    day: dt.date | None,
    this_sheet: str | None,
    answers: Sequence[Answer],
    *,
    signed: bool = False,
) -> list[Asked]:
    """What the sheet asks about: the lecturer's open suggestions before ``day``
    (``giangvien.follow_up.to_ask``) and every answer given, each once.

    ``sheets`` include deleted ones, so that an answer about a deleted sheet is
    known to be the lecturer's. An answer keeps its own text: what was asked, even
    if its sheet was changed since. An answer about another lecturer's sheet, or a
    sheet not before ``day`` (the lecturer or the date changed), is left out; a
    signed sheet shows its answers only, as signed. ``day`` None: a date not typed
    whole yet, so no new suggestion is asked about.
    """
    everyone = {o.id: o for o in sheets}
    answered = {(a["sheet_id"], a["item"]): a for a in answers}
    found: dict[tuple[str, int], Asked] = {}
    if lecturer_id and day is not None and not signed:
        mine = [o for o in everyone.values() if o.lecturer_id == lecturer_id]
        for s in to_ask(mine, lecturer_id, day, this_sheet=this_sheet):
            earlier = answered.get(s.key)
            text = earlier["text"] if earlier else s.text
            acted: Choice = earlier["acted"] if earlier else ""
            found[s.key] = _asked(s.sheet.id, s.item, text, acted, s.sheet)
    for key, answer in answered.items():
        if key in found:
            continue
        sheet = everyone.get(answer["sheet_id"])
        belongs = sheet is None or (
            sheet.lecturer_id == lecturer_id and (day is None or sheet.date < day)
        )
        if signed or belongs:
            found[key] = _asked(key[0], key[1], answer["text"], answer["acted"], sheet)
    return sorted(found.values(), key=lambda a: (a.order, a.item))


def _asked(sheet_id: str, item: int, text: str, acted: Choice, sheet: Observation | None) -> Asked:
    if sheet is None:
        return Asked(sheet_id, item, text, acted, None, (), True, ("", sheet_id))
    order = (f"{sheet.date.isoformat()} {sheet.created_at.isoformat()}", sheet.id)
    return Asked(sheet_id, item, text, acted, sheet.date, tuple(sheet.observer_ids),
                 sheet.deleted_at is not None, order)  # fmt: skip


def follow_ups_of(state: ObservationState, record: Observation | None) -> list[Answer]:
    """The answered ones, those stored before in their stored order (a signed sheet's
    fingerprint covers the list as it is), then the new ones as shown."""
    stored = {(c.sheet_id, c.item): n for n, c in enumerate(record.follow_ups)} if record else {}
    return sorted(
        state["follow_ups"], key=lambda a: stored.get((a["sheet_id"], a["item"]), len(stored))
    )
