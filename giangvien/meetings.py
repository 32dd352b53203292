"""Monthly meetings beyond the record: the agreed updates across meetings, what is
overdue, and the factual summary of a month's observations that opens the minutes.

Pure: models in, values out; the screens and the dashboard call these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from giangvien.documents.people import month_label
from giangvien.models import ContentUpdate, Lecturer, Meeting, Observation, Presence, Task, Trial
from giangvien.models.trial import Verdict
from giangvien.rubric import Rubric

COMMENTS_ONLY: Final = "chỉ nhận xét"


class Kind(StrEnum):
    UPDATE = "update"  # new content agreed for a lesson
    TASK = "task"  # a task for next month


class State(StrEnum):
    OVERDUE = "overdue"
    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True)
class AgreedItem:
    """One agreed content update or task, with the meeting that agreed it."""

    kind: Kind
    meeting_id: str
    meeting_date: dt.date
    item_id: str
    lesson: str  # "" for a task
    what: str
    owner_id: str | None
    due: dt.date | None
    done_on: dt.date | None

    def state(self, today: dt.date) -> State:
        if self.done_on is not None:
            return State.DONE
        if self.due is not None and self.due < today:
            return State.OVERDUE
        return State.OPEN


def _items(meeting: Meeting) -> list[AgreedItem]:
    def item(kind: Kind, x: ContentUpdate | Task, lesson: str, what: str) -> AgreedItem:
        return AgreedItem(
            kind, meeting.id, meeting.date, x.id, lesson, what, x.owner_id, x.due, x.done_on
        )

    updates = [item(Kind.UPDATE, u, u.lesson, u.content) for u in meeting.content_updates]
    return updates + [item(Kind.TASK, t, "", t.description) for t in meeting.tasks]


def agreed_items(
    meetings: Iterable[Meeting], today: dt.date, *, include_done: bool = True
) -> list[AgreedItem]:
    """Every content update and task of the live meetings, in the order to act on them.

    Overdue first (the longest overdue on top), then the open ones by due date
    (those without one after), then the done ones, the latest done first.
    """
    found = [i for m in meetings if not m.deleted for i in _items(m)]
    if not include_done:
        found = [i for i in found if i.done_on is None]
    return agreed_items_sorted(found, today)


def agreed_items_sorted(found: Iterable[AgreedItem], today: dt.date) -> list[AgreedItem]:
    """``found`` in the order to act on them (see ``agreed_items``)."""
    order = {State.OVERDUE: 0, State.OPEN: 1, State.DONE: 2}

    def key(i: AgreedItem) -> tuple[object, ...]:
        state = i.state(today)
        if state is State.DONE:
            assert i.done_on is not None
            return (order[state], -i.done_on.toordinal(), i.meeting_date, i.item_id)
        due = i.due or dt.date.max
        return (order[state], due, i.meeting_date, i.item_id)

    return sorted(found, key=key)


def overdue_count(meetings: Iterable[Meeting], today: dt.date) -> int:
    """Agreed updates and tasks past their due date and not done (for the dashboard)."""
    live = [m for m in meetings if not m.deleted]
    return sum(i.state(today) is State.OVERDUE for m in live for i in _items(m))


def open_count(meeting: Meeting) -> int:
    """The meeting's content updates and tasks not yet done."""
    return sum(i.done_on is None for i in _items(meeting))


def with_item_done(meeting: Meeting, item_id: str, done_on: dt.date | None) -> Meeting:
    """``meeting`` with the update or task ``item_id`` marked done on ``done_on`` (None: undone).

    Raises KeyError when the meeting has no such item (it was removed meanwhile).
    """
    items: list[ContentUpdate | Task] = [*meeting.content_updates, *meeting.tasks]
    if not any(x.id == item_id for x in items):
        raise KeyError(item_id)
    updates = [u.model_copy(update={"done_on": done_on}) if u.id == item_id else u
               for u in meeting.content_updates]  # fmt: skip
    tasks = [t.model_copy(update={"done_on": done_on}) if t.id == item_id else t
             for t in meeting.tasks]  # fmt: skip
    return meeting.model_copy(update={"content_updates": updates, "tasks": tasks})


def presence(meeting: Meeting) -> tuple[int, int]:
    """(present or late, listed) among the Center's own members; guests not counted."""
    members = [a for a in meeting.attendance if a.lecturer_id]
    return sum(a.status is not Presence.ABSENT for a in members), len(members)


def in_month(meetings: Iterable[Meeting], year: int, month: int) -> list[Meeting]:
    found = [m for m in meetings if not m.deleted and (m.date.year, m.date.month) == (year, month)]
    return sorted(found, key=lambda m: (m.date, m.start_time or dt.time.min, m.id))


# -- the month's observations, as section 1 of the minutes opens ---------------------


def _bands(
    sheets: list[Observation], rubric_of: Callable[[str, int], Rubric | None]
) -> list[tuple[str, int]]:
    """(band name, count), best band first; comments-only sheets last."""
    counts: Counter[str] = Counter()
    rank: dict[str, int] = {}
    for sheet in sheets:
        rubric = rubric_of(sheet.rubric_id, sheet.rubric_version) if sheet.scored else None
        if sheet.scores is None or rubric is None:
            counts[COMMENTS_ONLY] += 1
            rank.setdefault(COMMENTS_ONLY, 1_000)
            continue
        band = rubric.band_of(sheet.scores)
        counts[band.name] += 1
        rank[band.name] = min(rank.get(band.name, 999), rubric.bands.index(band))
    return sorted(counts.items(), key=lambda kv: (rank[kv[0]], kv[0]))


def month_review(
    month: dt.date,
    observations: Iterable[Observation],
    names: Mapping[str, Lecturer],
    rubric_of: Callable[[str, int], Rubric | None],
    trials: Iterable[Trial] = (),
) -> str:
    """What the data says about ``month``'s observations (and trials), in Vietnamese.

    "Trong tháng 12/2025, Trung tâm tổ chức dự giờ 4 lượt đối với 3 đồng chí:
    Nguyễn Văn An (2 lượt), … Kết quả xếp loại: 2 Giỏi, 1 Khá, 1 chỉ nhận xét."
    Facts only: the secretary adds the assessment.
    """

    def this_month(day: dt.date) -> bool:
        return (day.year, day.month) == (month.year, month.month)

    label = month_label(month)
    sheets = [o for o in observations if not o.deleted and this_month(o.date)]
    tried = [t for t in trials if not t.deleted and this_month(t.date)]
    if not sheets:
        text = f"Trong tháng {label}, Trung tâm không tổ chức dự giờ."
    else:
        per = Counter(o.lecturer_id for o in sheets)
        people = sorted(per, key=lambda i: names[i].sort_key if i in names else ((), i))
        listed = ", ".join(
            f"{names[i].full_name if i in names else '?'} ({per[i]} lượt)" for i in people
        )
        bands = ", ".join(f"{n} {name}" for name, n in _bands(sheets, rubric_of))
        text = (
            f"Trong tháng {label}, Trung tâm tổ chức dự giờ {len(sheets)} lượt "
            f"đối với {len(per)} đồng chí: {listed}. Kết quả xếp loại: {bands}."
        )
    if tried:
        passed = sum(t.verdict is Verdict.PASSED for t in tried)
        failed = sum(t.verdict is Verdict.NOT_PASSED for t in tried)
        verdicts = ", ".join(
            part for part in (f"{passed} đạt" if passed else "",
                              f"{failed} chưa đạt" if failed else "") if part
        )  # fmt: skip
        text += f" Tổ chức {len(tried)} buổi luyện giảng" + (f" ({verdicts})." if verdicts else ".")
    return text


__all__ = [
    "AgreedItem",
    "Kind",
    "State",
    "agreed_items",
    "in_month",
    "month_review",
    "open_count",
    "overdue_count",
    "presence",
    "with_item_done",
]
