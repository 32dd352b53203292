"""The clock merging trusts: a hybrid logical clock (HLC) per laptop.

A stamp is one integer, ``(physical milliseconds << COUNTER_BITS) | counter``.
Each new stamp is greater than the wall clock *and* than every stamp this
laptop has written or received, so an edit made after seeing a record always
carries a greater stamp than that record, however wrong the wall clocks are
(a laptop a year behind included). Where the clocks are right, stamps follow
them, so "the later edit wins" still reads as the user expects.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from giangvien.models.base import MAX_STAMP

COUNTER_BITS = 10  # 1,024 stamps per millisecond before the clock runs ahead of the wall

# Records and files from before stamps existed (schema 1, interchange format 1)
# get these, so that two laptops of one Center that both upgraded still agree.
LEGACY_LAPTOP = "legacy"
LEGACY_CENTER = "legacy"


class ClockExhausted(Exception):
    """A stamp beyond MAX_STAMP: only a damaged file's stamps can lead here."""


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp_of(moment: datetime) -> int:
    """The stamp a wall-clock instant would get with counter 0 (offsets honoured)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    ms = max(0, int(moment.timestamp() * 1000))
    return min(ms << COUNTER_BITS, MAX_STAMP)


# A stamp further ahead of this laptop's wall clock than this is refused on
# import: a laptop a year (or ten) behind still takes the others' stamps, but
# one damaged stamp near MAX_STAMP would leave no stamp for any later edit.
MAX_AHEAD_MS = 100 * 365 * 24 * 3600 * 1000


def plausible(stamp: int, wall: int | None = None) -> bool:
    return stamp <= min(
        MAX_STAMP, ((wall_ms() if wall is None else wall) + MAX_AHEAD_MS) << COUNTER_BITS
    )


def physical(stamp: int) -> datetime:
    """The wall-clock instant a stamp stands for (for showing it)."""
    return datetime.fromtimestamp((stamp >> COUNTER_BITS) / 1000, UTC)


def new_laptop_id() -> str:
    return str(uuid.uuid4())


class HybridClock:
    """``tick()`` for an edit made here, ``receive()`` for a stamp seen from elsewhere."""

    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._wall = wall

    def tick(self) -> int:
        stamp = max(self._wall() << COUNTER_BITS, self.last + 1)
        if stamp > MAX_STAMP:
            raise ClockExhausted(stamp)
        self.last = stamp
        return stamp

    def receive(self, stamp: int) -> None:
        if stamp > self.last:
            self.last = min(stamp, MAX_STAMP)
