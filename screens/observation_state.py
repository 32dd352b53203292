"""An observation sheet's state: the raw texts of its fields, and the record they make.

No Textual here: a stored sheet becomes a state (for the form to start from),
a state becomes the data of an Observation (for the model to validate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from giangvien.follow_up import to_ask
from giangvien.models import Acted, Observation, Recorded
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
            "own_how": Recorded.FROM_PAPER.value, "follow_ups": [],
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
        "follow_ups": [c.model_dump(mode="json") for c in record.follow_ups],
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


def comparable(state: dict[str, Any]) -> dict[str, Any]:
    """Ticking observers off and on again reorders them without changing anything;
    so does an earlier sheet's answers showing in another order than stored."""
    answers = sorted(given(state.get("follow_ups")), key=lambda a: (a["sheet_id"], a["item"]))
    return {**state, "observer_ids": sorted(state.get("observer_ids") or []), "follow_ups": answers}


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
        "follow_ups": follow_ups_of(state, record),
    }  # fmt: skip
    try:
        how = Recorded(state.get("own_how") or Recorded.FROM_PAPER)
    except ValueError:
        how = Recorded.FROM_PAPER  # a draft from a version that had no such choice
    part = own_part_of(data, record, how, user_id, at)
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
    acted: str
    on: dt.date | None
    observer_ids: tuple[str, ...]
    gone: bool
    order: tuple[str, str]  # the earlier sheet's place among the lecturer's sheets

    @property
    def key(self) -> tuple[str, int]:
        return (self.sheet_id, self.item)

    def answer(self, acted: str) -> dict[str, Any]:
        """The stored form of an answer (a SuggestionCheck's data)."""
        return {"sheet_id": self.sheet_id, "item": self.item, "text": self.text, "acted": acted}


ACTED: Final = tuple(a.value for a in Acted)


def given(answers: object) -> list[dict[str, Any]]:
    """The answers of a state, as far as they read (a draft is only what was typed)."""
    if not isinstance(answers, list):
        return []
    return [
        {"sheet_id": a["sheet_id"], "item": a["item"], "text": a["text"], "acted": a["acted"]}
        for a in answers
        if isinstance(a, dict)
        and isinstance(a.get("sheet_id"), str)
        and isinstance(a.get("item"), int)
        and isinstance(a.get("text"), str)
        and a.get("acted") in ACTED
    ]


def asked_about(
    sheets: Iterable[Observation],
    lecturer_id: str,
    day: dt.date | None,
    this_sheet: str | None,
    answers: Sequence[dict[str, Any]],
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
    answered = {(a["sheet_id"], a["item"]): a for a in given(answers)}
    found: dict[tuple[str, int], Asked] = {}
    if lecturer_id and day is not None and not signed:
        mine = [o for o in everyone.values() if o.lecturer_id == lecturer_id]
        for s in to_ask(mine, lecturer_id, day, this_sheet=this_sheet):
            earlier = answered.get(s.key)
            text = earlier["text"] if earlier else s.text
            acted = earlier["acted"] if earlier else ""
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


def _asked(sheet_id: str, item: int, text: str, acted: str, sheet: Observation | None) -> Asked:
    if sheet is None:
        return Asked(sheet_id, item, text, acted, None, (), True, ("", sheet_id))
    order = (f"{sheet.date.isoformat()} {sheet.created_at.isoformat()}", sheet.id)
    return Asked(sheet_id, item, text, acted, sheet.date, tuple(sheet.observer_ids),
                 sheet.deleted_at is not None, order)  # fmt: skip


def follow_ups_of(state: dict[str, Any], record: Observation | None) -> list[dict[str, Any]]:
    """The answered ones, those stored before in their stored order (a signed sheet's
    fingerprint covers the list as it is), then the new ones as shown."""
    answers = given(state.get("follow_ups"))
    stored = {(c.sheet_id, c.item): n for n, c in enumerate(record.follow_ups)} if record else {}
    return sorted(answers, key=lambda a: stored.get((a["sheet_id"], a["item"]), len(stored)))
