"""Suggestions carried forward: an earlier sheet's suggestions asked about on the next.

A sheet's suggestions (``Observation.suggestions``) are read one per line
(bullets and numbers set aside); each is due to be acted on within the
Center's ``suggestion_days`` of its sheet. When an observer starts a sheet on
a lecturer, the suggestions of that lecturer's earlier sheets not yet found
done are asked about; the answers (``follow_ups``) are stored on the new
sheet. A suggestion is carried through on the date of the first sheet that
found it done.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from giangvien.models import Acted, Observation, SuggestionCheck

# "- ", "• ", "+ ", "1. ", "2) ", "a) " at a line's start: a list's marks, not the suggestion.
_MARK: Final = re.compile(r"^\s*(?:[-•+*–]|\d{1,2}[.)]|[a-zđ]\))\s*", re.IGNORECASE)
ASKED_SHEETS: Final = 3  # the last sheets whose open suggestions a new sheet asks about


def suggestion_lines(text: str) -> list[str]:
    """The suggestions of a sheet, one per non-empty line, list marks removed."""
    found = (_MARK.sub("", line, count=1).strip() for line in text.splitlines())
    return [line for line in found if line]


@dataclass(frozen=True)
class Suggestion:
    sheet: Observation
    item: int
    text: str
    due: dt.date
    done_on: dt.date | None  # the date of the first sheet that found it done
    last_answer: Acted | None  # the latest answer given, if any

    @property
    def key(self) -> tuple[str, int]:
        return (self.sheet.id, self.item)


def _live(sheets: Iterable[Observation]) -> list[Observation]:
    return sorted(
        (o for o in sheets if o.deleted_at is None),
        key=lambda o: (o.date, o.created_at, o.id),
    )


def suggestions_of(
    sheets: Sequence[Observation], lecturer_id: str, days: int, *, leave_out: str | None = None
) -> list[Suggestion]:
    """Every suggestion the lecturer received, with what later sheets found of it.

    ``leave_out``: a sheet whose answers are not counted (the one being written).
    """
    # The lecturer's sheets first, then sorted: a Center's report asks for each lecturer.
    received = _live(o for o in sheets if o.lecturer_id == lecturer_id)
    answers: dict[tuple[str, int], list[tuple[dt.date, SuggestionCheck]]] = {}
    for sheet in received:
        if sheet.id == leave_out:
            continue
        for check in sheet.follow_ups:
            answers.setdefault((check.sheet_id, check.item), []).append((sheet.date, check))
    found = []
    for sheet in received:
        if sheet.id == leave_out:
            continue
        for item, text in enumerate(suggestion_lines(sheet.suggestions)):
            given = answers.get((sheet.id, item), [])
            done = [day for day, check in given if check.acted is Acted.DONE]
            found.append(
                Suggestion(
                    sheet=sheet,
                    item=item,
                    text=text,
                    due=sheet.date + dt.timedelta(days=days),
                    done_on=min(done) if done else None,
                    last_answer=given[-1][1].acted if given else None,
                )
            )
    return found


def to_ask(
    sheets: Sequence[Observation], lecturer_id: str, day: dt.date, *, this_sheet: str | None
) -> list[Suggestion]:
    """What a new sheet on ``day`` asks about: the open suggestions of the lecturer's
    last few sheets before that day, oldest first."""
    earlier = [
        s
        for s in suggestions_of(sheets, lecturer_id, 1, leave_out=this_sheet)
        if s.sheet.date < day and (s.done_on is None or s.done_on >= day)
    ]
    recent = sorted({s.sheet.id: s.sheet for s in earlier}.values(), key=lambda o: o.date)
    asked = {o.id for o in recent[-ASKED_SHEETS:]}
    return [s for s in earlier if s.sheet.id in asked]


@dataclass(frozen=True)
class Carried:
    """The suggestions a lecturer received in a period, and what became of them by its end."""

    total: int
    done: int
    on_time: int  # done within their due days


def carried(found: Iterable[Suggestion], start: dt.date, end: dt.date) -> Carried:
    mine = [s for s in found if start <= s.sheet.date <= end]
    done = [s for s in mine if s.done_on is not None and s.done_on <= end]
    return Carried(
        len(mine), len(done), sum(s.done_on is not None and s.done_on <= s.due for s in done)
    )
