"""The state one ``generate`` call shares: the seeded random source, the text
banks, the district, the calendar and the people, with the helpers every part
of the demo draws on.

Every draw goes through ``World.rng`` in a fixed order, which is what makes the
output depend on the seed alone: a change in the order of calls changes the data.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
import uuid
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from giangvien.demo.dates import DAY, Calendar, period
from giangvien.rubric import default_rubric

if TYPE_CHECKING:
    from giangvien.demo.people import Name, Person


@cache
def phrases() -> dict[str, Any]:
    """The text banks of ``data/demo_phrases.toml``."""
    text = (resources.files("giangvien") / "data" / "demo_phrases.toml").read_text("utf-8")
    return tomllib.loads(text)


def bank(items: list[Any], day: dt.date | None = None) -> list[str]:
    """The entries of a bank usable on ``day`` (entries may carry from/to dates)."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif day is None or item.get("from", dt.date.min) <= day <= item.get("to", dt.date.max):
            out.append(item["t"])
    return out


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class World:
    """The Center over ``years`` years before ``today``, with ``n`` lecturers to come.

    ``people.cast`` fills in the people; until then the lists are empty.
    """

    def __init__(self, n: int, years: int, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        # The answers to earlier suggestions draw from their own source: added after
        # the rest, they leave every other draw of a seed as it was.
        self.answers = random.Random(f"answers-{seed}")
        self.p = phrases()
        self.rubric = default_rubric()
        self.codes = [item.code for item in self.rubric.items]
        self.maxima = {item.code: item.max for item in self.rubric.items}
        self.n = n
        self.first, self.last = period(years, today)
        self.district: str = self.rng.choice(self.p["districts"])
        self.communes: list[str] = list(self.p["communes"])
        self.rng.shuffle(self.communes)
        self.calendar = Calendar(
            {d.year: d for d in self.p["tet"]}, frozenset((m, d) for m, d in self.p["holidays"])
        )
        self.taken: set[str] = set()  # full names given out, to keep them unique
        # How far back the review queue reaches (see sheets.observation); drawn here, as ever.
        self.review_lag = self.rng.randint(50, 65)
        self.people: list[Person] = []
        self.people_by_id: dict[str, Person] = {}
        self.outsiders: list[tuple[Name, str, str]] = []  # trial panel members from outside
        self.province_chair: Name = ("", "", "")

    # -- random values -----------------------------------------------------------

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def text(self, template: str, **fields: object) -> str:
        values = {"huyen": self.district, "xa": self.rng.choice(self.communes[:8]), **fields}
        return template.format_map(values)

    def pick(self, items: list[Any], day: dt.date | None = None, **fields: object) -> str:
        return self.text(self.rng.choice(bank(items, day)), **fields)

    def some(self, items: list[str], lo: int, hi: int) -> list[str]:
        return [s for s in self.rng.sample(items, min(len(items), self.rng.randint(lo, hi))) if s]

    # -- random days -------------------------------------------------------------

    def day_in(self, lo: dt.date, hi: dt.date) -> dt.date | None:
        for _ in range(20):
            if hi < lo:
                return None
            day = lo + self.rng.randint(0, (hi - lo).days) * DAY
            if self.calendar.workday(day):
                return day
        return None

    def after(self, day: dt.date, lo: int, hi: int) -> dt.date:
        return self.calendar.next_workday(day + self.rng.randint(lo, hi) * DAY)

    def done(self, start: dt.date, due: dt.date) -> dt.date | None:
        """When an agreed task was done: mostly on time, some overdue, the future open."""
        if due <= self.last:
            if self.rng.random() < 0.15:
                return None
            done = due - self.rng.randint(-5, 15) * DAY
        elif self.rng.random() < 0.3:
            done = start + self.rng.randint(3, 20) * DAY
        else:
            return None
        done = max(done, start + DAY)
        return done if done <= self.last else None

    # -- who is there ------------------------------------------------------------

    def active(self, day: dt.date, *kinds: str) -> list[Person]:
        return [p for p in self.people if p.active(day) and (not kinds or p.kind in kinds)]

    def leader(
        self, day: dt.date, exclude: Person | None, director_share: float = 0.85
    ) -> Person | None:
        """The director mostly, else a deputy: who chairs, concludes, signs."""
        leaders = [p for p in self.active(day, "director", "deputy") if p is not exclude]
        if not leaders:
            return None
        if leaders[0].kind == "director" and self.rng.random() < director_share:
            return leaders[0]
        return self.rng.choice(leaders[1:] or leaders)
