"""Sample data: a district Political Center over a few years, as model instances.

``generate`` is pure and deterministic: the same seed and the same ``today``
give the same records, ids and timestamps included, so a demo file, a test and
a benchmark can be rebuilt at will. It only builds models (which validate
themselves); saving them is the caller's business.

The wording comes from ``data/demo_phrases.toml``; names of places and people
are made up.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tomllib
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from giangvien.models import (
    Attendance,
    Briefing,
    ContentUpdate,
    Employment,
    Form,
    Layout,
    Lecturer,
    Level,
    Meeting,
    Observation,
    PanelMember,
    PersonRef,
    Position,
    Presence,
    Record,
    Remark,
    Settings,
    Talk,
    Task,
    Trial,
    Verdict,
)
from giangvien.rubric import default_rubric

__all__ = ["generate", "period", "phrases"]

# Events happen in Vietnam (UTC+7); records store UTC.
_LOCAL = dt.timezone(dt.timedelta(hours=7))
_DAY = dt.timedelta(days=1)
MAX_LECTURERS = 500
MAX_YEARS = 30


@cache
def phrases() -> dict[str, Any]:
    """The text banks of ``data/demo_phrases.toml``."""
    text = (resources.files("giangvien") / "data" / "demo_phrases.toml").read_text("utf-8")
    return tomllib.loads(text)


def period(years: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of generated events: ``years`` years up to yesterday."""
    try:
        first = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        first = today.replace(year=today.year - years, day=28)
    return first, today - _DAY


def generate(
    lecturers: int = 6, years: int = 2, seed: int = 1, today: dt.date | None = None
) -> list[Record]:
    """Settings, lecturers, observations, trials, meetings and briefings, in that order.

    The events fall in the ``years`` years before ``today`` (see ``period``);
    the order lets a store save them in one batch. With the default six
    lecturers the Center has a director, a deputy, two full-time and two
    part-time lecturers (one of whom has left and is archived); larger numbers
    scale the same shape. Raises ValueError for sizes outside 2..500 lecturers
    and 1..30 years.
    """
    if not 2 <= lecturers <= MAX_LECTURERS:
        raise ValueError(f"lecturers must be between 2 and {MAX_LECTURERS}, not {lecturers}")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 1 and {MAX_YEARS}, not {years}")
    return _Demo(lecturers, years, seed, today or dt.date.today()).records()


def _bank(items: list[Any], day: dt.date | None = None) -> list[str]:
    """The entries of a bank usable on ``day`` (entries may carry from/to dates)."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif day is None or item.get("from", dt.date.min) <= day <= item.get("to", dt.date.max):
            out.append(item["t"])
    return out


def _month_label(year: int, month: int) -> str:
    # As in document dates: only January and February are padded.
    return f"{month:02d}/{year}" if month < 3 else f"{month}/{year}"


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(eq=False)
class _Person:
    no: int
    id: str
    kind: str  # director, deputy, full, part
    name: tuple[str, str, str]
    title: str
    unit: str
    start: dt.date
    teaches: list[str]
    level: float  # share of the maximum score at the start of the period
    gain: float  # how much that share grows over the years
    strong: list[str]
    weak: list[str]
    step: float  # as an observer: scores in quarters or halves
    bullets: bool  # as an observer: writes comments as a list or as prose
    new: bool = False
    left: dt.date | None = None
    repertoire: list[tuple[dt.date, str, str]] = field(default_factory=list)
    tried: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in self.name if p)

    def active(self, day: dt.date) -> bool:
        return self.start <= day and (self.left is None or day < self.left)

    def lessons(self, day: dt.date) -> list[tuple[str, str]]:
        return [(key, lesson) for since, key, lesson in self.repertoire if since <= day]


class _Demo:
    def __init__(self, n: int, years: int, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.p = phrases()
        self.rubric = default_rubric()
        self.codes = [item.code for item in self.rubric.items]
        self.n = n
        self.first, self.last = period(years, today)
        self.district: str = self.rng.choice(self.p["districts"])
        self.communes: list[str] = list(self.p["communes"])
        self.rng.shuffle(self.communes)
        self.tet = {d.year: d for d in self.p["tet"]}
        self.holidays = {(m, d) for m, d in self.p["holidays"]}
        self.taken: set[str] = set()
        self.review_lag = self.rng.randint(50, 65)
        self.people = self._people()
        self.people_by_id = {p.id: p for p in self.people}
        self.outsiders = [
            (self._kinh_name(), o["position"], o["unit"]) for o in self.p["trial"]["outsiders"]
        ]
        self.province_chair = self._kinh_name()
        self.trials: list[Trial] = []
        self.observations: list[Observation] = []

    # -- helpers ---------------------------------------------------------------

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _stamp(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), _LOCAL).astimezone(dt.UTC)

    def _text(self, template: str, **fields: object) -> str:
        values = {"huyen": self.district, "xa": self.rng.choice(self.communes[:8]), **fields}
        return template.format_map(values)

    def _pick(self, items: list[Any], day: dt.date | None = None, **fields: object) -> str:
        return self._text(self.rng.choice(_bank(items, day)), **fields)

    def _some(self, items: list[str], lo: int, hi: int) -> list[str]:
        return [s for s in self.rng.sample(items, min(len(items), self.rng.randint(lo, hi))) if s]

    def _workday(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or (day.month, day.day) in self.holidays:
            return False
        tet = self._tet(day.year)
        return not tet - 7 * _DAY <= day <= tet + 9 * _DAY

    def _tet(self, year: int) -> dt.date:
        return self.tet.get(year, dt.date(year, 2, 1))

    def _next_workday(self, day: dt.date) -> dt.date:
        while not self._workday(day):
            day += _DAY
        return day

    def _day_in(self, lo: dt.date, hi: dt.date) -> dt.date | None:
        for _ in range(20):
            if hi < lo:
                return None
            day = lo + self.rng.randint(0, (hi - lo).days) * _DAY
            if self._workday(day):
                return day
        return None

    def _after(self, day: dt.date, lo: int, hi: int) -> dt.date:
        return self._next_workday(day + self.rng.randint(lo, hi) * _DAY)

    def _done(self, start: dt.date, due: dt.date) -> dt.date | None:
        """When an agreed task was done: mostly on time, some overdue, the future open."""
        if due <= self.last:
            if self.rng.random() < 0.15:
                return None
            done = due - self.rng.randint(-5, 15) * _DAY
        elif self.rng.random() < 0.3:
            done = start + self.rng.randint(3, 20) * _DAY
        else:
            return None
        done = max(done, start + _DAY)
        return done if done <= self.last else None

    def _active(self, day: dt.date, *kinds: str) -> list[_Person]:
        return [p for p in self.people if p.active(day) and (not kinds or p.kind in kinds)]

    def _leader(
        self, day: dt.date, exclude: _Person | None, director_share: float = 0.85
    ) -> _Person | None:
        """The director mostly, else a deputy: who chairs, concludes, signs."""
        leaders = [p for p in self._active(day, "director", "deputy") if p is not exclude]
        if not leaders:
            return None
        if leaders[0].kind == "director" and self.rng.random() < director_share:
            return leaders[0]
        return self.rng.choice(leaders[1:] or leaders)

    # -- people ----------------------------------------------------------------

    def _kinh_name(self) -> tuple[str, str, str]:
        names = self.p["names"]
        sex = "female" if self.rng.random() < 0.5 else "male"
        while True:
            name = (
                self.rng.choice(names["family"]),
                self.rng.choice(names[f"{sex}_middle"]),
                self.rng.choice(names[f"{sex}_given"]),
            )
            if " ".join(name) not in self.taken:
                self.taken.add(" ".join(name))
                return name

    def _people(self) -> list[_Person]:
        rng, n = self.rng, self.n
        kinds = ["director"] + (["deputy"] * max(1, n // 30) if n >= 3 else [])
        rest = n - len(kinds)
        kinds += ["full"] * ((rest + 1) // 2) + ["part"] * (rest // 2)
        new_left = min(kinds.count("full") // 2, max(1, n // 10))
        minority = [tuple(m) for m in self.p["names"]["minority"]]
        rng.shuffle(minority)
        minority_at = rng.sample(range(n), max(1, n // 10))
        posts = list(self.p["titles"]["part_time"])
        rng.shuffle(posts)
        commune_posts = [post for post in posts if "{xa}" in post["title"]]
        programmes = list(self.p["programmes"])
        titles = self.p["titles"]
        people = []
        for no, kind in enumerate(kinds):
            if no in minority_at and minority:
                name = minority.pop()
                self.taken.add(" ".join(name))
            else:
                name = self._kinh_name()
            new = kind == "full" and no >= len(kinds) - (rest // 2) - new_left
            title, unit = titles["deputy"], ""
            teaches = rng.sample(programmes, rng.randint(4, 6))
            if kind == "director":
                title, unit = titles["director"], titles["director_unit"]
                teaches = ["chuyen_de", "dang_vien_moi", "nhan_thuc"]
            elif kind == "full":
                title = rng.choice(titles["full_time"]) if not new else titles["full_time"][0]
            elif kind == "part":
                post = posts.pop() if posts else rng.choice(commune_posts)
                commune = self.communes[no % len(self.communes)]
                title = post["title"].format(xa=commune)
                unit, teaches = post["unit"].format(xa=commune), list(post["teaches"])
            years_before = (0.05, 0.3) if new else (1.0, 15.0)
            start = self.first - round(rng.uniform(*years_before) * 365) * _DAY
            items = rng.sample(self.codes, 4)
            person = _Person(
                no,
                self._id(),
                kind,
                name,
                title,
                unit,
                start,
                teaches,
                level=rng.uniform(0.56, 0.66) if new else rng.uniform(0.64, 0.84),
                gain=rng.uniform(0.12, 0.2) if new else rng.uniform(0.04, 0.12),
                strong=items[:2],
                weak=items[2:],
                step=rng.choice([0.25, 0.25, 0.5]),
                bullets=rng.random() < 0.5,
                new=new,
            )
            if not new:
                count = {"director": 3, "part": 3}.get(kind, rng.randint(4, 6))
                pool = [(k, t) for k in teaches for t in self._lessons(k, start)]
                for key, lesson in rng.sample(pool, min(count, len(pool))):
                    person.repertoire.append((start, key, lesson))
            people.append(person)
        parts = [p for p in people if p.kind == "part"]
        if n >= 6 and parts:
            span = (self.last - self.first).days
            lo, hi = self.first + span * 2 // 5 * _DAY, self.first + span * 3 // 4 * _DAY
            parts[-1].left = self._day_in(lo, hi)
        return people

    def _lessons(self, key: str, day: dt.date) -> list[str]:
        return [self._text(t) for t in _bank(self.p["programmes"][key]["lessons"], day)]

    def _lecturers(self) -> list[Lecturer]:
        position = {"director": Position.DIRECTOR, "deputy": Position.DEPUTY}
        employment = {"director": Employment.PART_TIME, "part": Employment.PART_TIME}
        out = []
        for p in self.people:
            created = self._stamp(self.first - 14 * _DAY, 8, p.no % 60)
            out.append(
                Lecturer(
                    id=p.id,
                    family_name=p.name[0],
                    middle_name=p.name[1],
                    given_name=p.name[2],
                    position=position.get(p.kind, Position.LECTURER),
                    title=p.title,
                    employment=employment.get(p.kind, Employment.FULL_TIME),
                    unit=p.unit,
                    start_date=p.start,
                    archived=p.left is not None,
                    created_at=created,
                    updated_at=self._stamp(p.left, 9) if p.left else created,
                )
            )
        return out

    # -- trial lectures --------------------------------------------------------

    def _trials(self) -> None:
        rng, plan = self.rng, []
        for p in self.people:
            if p.new:
                plan.append((self._day_in(self.first + 5 * _DAY, self.first + 30 * _DAY), p))
                plan.append((self._day_in(self.first + 35 * _DAY, self.first + 80 * _DAY), p))
        years = (self.last - self.first).days / 365.25
        for _ in range(round(max(2, 0.4 * self.n) * years)):
            day = self._day_in(self.first + 14 * _DAY, self.last)
            who = [p for p in self.people if p.kind != "director" and day and p.active(day)]
            if who:
                plan.append((day, rng.choice(who)))
        plan = sorted(((d, p) for d, p in plan if d), key=lambda x: (x[0], x[1].no))
        must_fail = True
        for day, p in plan:
            choices = [(k, t) for k in p.teaches for t in self._lessons(k, day)]
            choices = [(k, t) for k, t in choices if t not in p.tried]
            if not p.active(day) or not choices:
                continue
            key, lesson = rng.choice(choices)
            p.tried.append(lesson)
            fail = rng.random() < (0.35 if p.new and not p.lessons(day) else 0.15)
            if must_fail and day + 60 * _DAY <= self.last:
                # At least one "Chưa đạt" followed by a passing re-trial, early enough to show.
                fail, must_fail = True, False
            while True:
                again = self._after(day, 14, 35) if fail else None
                self.trials.append(self._trial(p, key, lesson, day, again))
                if not fail:
                    p.repertoire.append((day, key, lesson))
                if again is None or again > self.last or not p.active(again):
                    break
                day, fail = again, rng.random() < 0.1

    def _trial(
        self, p: _Person, key: str, lesson: str, day: dt.date, again: dt.date | None
    ) -> Trial:
        rng, bank = self.rng, self.p["trial"]
        chair = self._leader(day, p, 0.9)
        others = [q for q in self._active(day, "full", "deputy") if q not in (p, chair)]
        secretary = rng.choice(others) if others else None
        deputies = [q for q in self._active(day, "deputy") if q not in (p, chair)]
        inside = [chair, *deputies[:1]]
        colleagues = [q for q in others if q is not secretary and q not in inside]
        inside += rng.sample(colleagues, min(len(colleagues), rng.randint(1, 2)))
        outside = [self.outsiders[rng.randint(0, 1)]]
        if rng.random() < 0.4:
            outside.append(rng.choice(self.outsiders[2:]))
        scored, fail = rng.random() < 0.5, again is not None
        comments = bank["comments_fail" if fail else "comments_pass"]
        level = 0.5 if fail else max(p.level, 0.7)
        panel = [
            PanelMember(
                lecturer_id=q.id,
                comments=rng.choice(comments),
                scores=self._scores(level, p, q.step) if scored else None,
            )
            for q in inside
            if q is not None
        ] + [
            PanelMember(
                name=" ".join(name),
                position=pos,
                unit=unit,
                comments=rng.choice(comments),
                scores=self._scores(level, p, 0.5) if scored else None,
            )
            for name, pos, unit in outside
        ]
        created = self._stamp(day, 11, rng.randint(0, 59))
        return Trial(
            id=self._id(),
            lecturer_id=p.id,
            lesson=lesson,
            programme=self.p["programmes"][key]["name"],
            date=day,
            place=rng.choice(self.p["places"]["trial"]),
            chair=PersonRef(lecturer_id=chair.id) if chair else None,
            secretary=PersonRef(lecturer_id=secretary.id) if secretary else None,
            panel=panel,
            rubric_id=self.rubric.rubric_id if scored else None,
            rubric_version=self.rubric.version if scored else None,
            self_assessment=rng.choice(bank["self_assessment"]),
            verdict=Verdict.NOT_PASSED if fail else Verdict.PASSED,
            to_fix="\n".join(f"- {s}" for s in self._some(bank["to_fix"], 2, 3)) if fail else "",
            next_trial_date=again,
            lessons_drawn=" ".join(self._some(bank["lessons_drawn"], 1, 2)),
            created_at=created,
            updated_at=created,
        )

    # -- observations ----------------------------------------------------------

    def _scores(self, share: float, p: _Person, step: float) -> dict[str, float]:
        scores = {}
        for item in self.rubric.items:
            bonus = 0.08 if item.code in p.strong else -0.1 if item.code in p.weak else 0.0
            s = min(1.0, max(0.3, share + bonus + self.rng.gauss(0, 0.06)))
            scores[item.code] = min(item.max, round(s * item.max / step) * step)
        return scores

    def _observations(self) -> None:
        rng = self.rng
        weight = {"director": 3, "deputy": 3, "full": 2, "part": 1}
        for p in self.people:
            per_year = rng.randint(4, 8) if p.kind in ("full", "deputy") else rng.randint(4, 6)
            hi = min(self.last, p.left - _DAY) if p.left else self.last
            span = (hi - self.first).days
            k = round(per_year * span / 365.25)
            for j in range(k):
                lo = self.first + span * j // k * _DAY
                day = self._day_in(lo, self.first + (span * (j + 1) // k - 1) * _DAY)
                if day is None:
                    continue
                lessons = [
                    (key, t)
                    for key, t in p.lessons(day)
                    if day.month in self.p["programmes"][key].get("months", range(1, 13))
                ]
                others = [q for q in self._active(day) if q is not p]
                if not lessons or not others:
                    continue
                first = rng.choices(others, [weight[q.kind] for q in others])[0]
                observers = [first]
                rest = [q for q in others if q is not first]
                if rest and rng.random() < 0.2:
                    observers.append(rng.choices(rest, [weight[q.kind] for q in rest])[0])
                self.observations.append(self._observation(p, observers, day, *rng.choice(lessons)))

    def _observation(
        self, p: _Person, observers: list[_Person], day: dt.date, key: str, lesson: str
    ) -> Observation:
        rng, obs = self.rng, self.p["observation"]
        writer = observers[0]
        scores = None
        if rng.random() >= 0.1:
            years = (day - self.first).days / 365.25
            share = p.level + p.gain * (1 - math.exp(-years / 2)) + rng.gauss(0, 0.03)
            scores = self._scores(share, p, writer.step)
            ranked = sorted(
                self.codes, key=lambda c: (scores[c] / self.rubric.item(c).max, rng.random())
            )
            good, bad = ranked[::-1][: rng.randint(2, 3)], ranked[: rng.randint(1, 2)]
        else:
            good = p.strong + rng.sample(self.codes, 1)
            bad = p.weak[: rng.randint(1, 2)]
        strengths = [rng.choice(self.p["strengths"][c]) for c in dict.fromkeys(good)]
        if rng.random() < 0.3:
            strengths.insert(0, rng.choice(obs["openers"]))
        limitations = [rng.choice(self.p["limitations"][c]) for c in bad]
        suggestions = [rng.choice(self.p["suggestions"][c]) for c in bad]

        def write(lines: list[str]) -> str:
            return "\n".join(f"- {s}" for s in lines) if writer.bullets else " ".join(lines)

        # The last two months or so wait in the review queue; older sheets are mostly done.
        age = (self.last - day).days
        recent = age < self.review_lag
        review = 0.0 if age < 21 else 0.2 if recent else 0.7 if age < 90 else 0.95
        acknowledged = None
        if rng.random() < (0.55 if recent else 0.92):
            acknowledged = min(self.last, day + rng.randint(0, 4) * _DAY)
        self_assessment = ""
        if rng.random() < 0.85:
            lines = [rng.choice(obs[k]) for k in ("self_open", "self_limit", "self_accept")]
            self_assessment = " ".join(s for s in lines if s)
        conclusion, by, at = "", None, None
        cday = self._after(day, 1, 7)
        reviewer = self._leader(cday, p, 0.7)
        if reviewer and cday <= self.last and rng.random() < review:
            if scores is None:
                verdict = rng.choice(obs["conclusion_unscored"])
            else:
                verdict = rng.choice(obs["conclusion_band"][self.rubric.band_of(scores).code])
            ask = obs["conclusion_ask"].format(ask=_lower_first(suggestions[0]))
            conclusion = " ".join([rng.choice(obs["conclusion_open"]), verdict, ask])
            by, at = reviewer.id, self._stamp(cday, rng.randint(8, 16), rng.randint(0, 59))
        programme = self.p["programmes"][key]
        created = self._stamp(day, rng.randint(15, 20), rng.randint(0, 59))
        stamps = [created, at, self._stamp(acknowledged, 9) if acknowledged else None]
        return Observation(
            id=self._id(),
            date=day,
            lecturer_id=p.id,
            observer_ids=[q.id for q in observers],
            programme=programme["name"],
            lesson=lesson,
            class_name=self._pick(programme["classes"], k=(day.month - 1) // 3 + 1, y=day.year),
            place=self._pick(self.p["places"]["observation"]),
            rubric_id=self.rubric.rubric_id,
            rubric_version=self.rubric.version,
            scores=scores,
            strengths=write(strengths),
            limitations=write(limitations),
            suggestions=write(suggestions),
            self_assessment=self_assessment,
            acknowledged_on=acknowledged,
            conclusion=conclusion,
            concluded_by=by,
            concluded_at=at,
            created_at=created,
            updated_at=max(s for s in stamps if s),
        )

    # -- monthly meetings and briefings ----------------------------------------

    def _months(self) -> Iterator[dt.date]:
        month = self.first.replace(day=1)
        while month <= self.last:
            yield month
            month = _next_month(month)

    def _attendance(
        self, day: dt.date, keep: list[_Person | None], absent: list[str], late: float
    ) -> list[Attendance]:
        rng, out, missing = self.rng, [], 0
        for p in self._active(day):
            status, reason = Presence.PRESENT, ""
            roll = rng.random()
            if p not in keep and roll < 0.07 and missing < max(2, self.n // 8):
                status, reason, missing = Presence.ABSENT, self._pick(absent), missing + 1
            elif p not in keep and roll < 0.07 + late:
                status = Presence.LATE
            out.append(Attendance(lecturer_id=p.id, status=status, reason=reason))
        return out

    def _meetings(self) -> list[Meeting]:
        rng, bank, out = self.rng, self.p["meeting"], []
        counts = Counter((o.date.year, o.date.month) for o in self.observations)
        trials = Counter((t.date.year, t.date.month) for t in self.trials)
        for month in self._months():
            tet = self._tet(month.year)
            if (tet.year, tet.month) == (month.year, month.month) and rng.random() < 0.5:
                continue
            day = self._next_workday(month.replace(day=rng.randint(2, 8)))
            chair = self._leader(day, None)
            # Early in the month; when Tết pushes it past mid-month, the month has none.
            if not self.first <= day <= self.last or day.day > 15 or chair is None:
                continue
            staff = [q for q in self._active(day, "full", "deputy") if q is not chair]
            staff = staff or [q for q in self._active(day) if q is not chair]
            secretary = staff[day.year % len(staff)] if staff else None
            attendance = self._attendance(day, [chair, secretary], bank["absent"], 0.03)
            present = [
                self.people_by_id[a.lecturer_id] for a in attendance if a.status != Presence.ABSENT
            ]
            prev = (month - _DAY).replace(day=1)
            label = _month_label(prev.year, prev.month)
            n_obs, n_trials = counts[(prev.year, prev.month)], trials[(prev.year, prev.month)]
            extra = bank["review_trials"].format(n=n_trials) if n_trials else ""
            opening = bank["review_count"].format(prev=label, obs=n_obs, trials=extra)
            if not n_obs:
                opening = bank["review_none"].format(prev=label)
            review = " ".join([opening, *self._some(bank["review"], 1, 2)])
            speakers = [q for q in present if q is not chair]
            remarks = [
                Remark(speaker=PersonRef(lecturer_id=q.id), summary=rng.choice(bank["remarks"]))
                for q in rng.sample(speakers, min(len(speakers), rng.randint(1, 3)))
            ]
            updates, tasks = [], []
            # Nobody about to leave is given work that would stay open after they go.
            owners = [q for q in present if not q.left or q.left > day + 45 * _DAY]
            teachers = [q for q in owners if q.lessons(day)]
            for _ in range(rng.choices([0, 1, 2], [0.35, 0.4, 0.25])[0] if teachers else 0):
                owner = rng.choice(teachers)
                due = day + rng.randint(25, 40) * _DAY
                content = self._pick(bank["content_updates"], day, y=day.year, prev_y=day.year - 1)
                updates.append(
                    ContentUpdate(
                        id=self._id(),
                        lesson=rng.choice(owner.lessons(day))[1],
                        content=content,
                        owner_id=owner.id,
                        due=due,
                        done_on=self._done(day, due),
                    )
                )
            this, after = _month_label(day.year, day.month), _next_month(day)
            for _ in range(rng.randint(1, 3)):
                owner = rng.choice(owners)
                lessons = owner.lessons(day)
                templates = [t for t in bank["tasks"] if lessons or "{lesson}" not in t]
                due = day + rng.randint(10, 30) * _DAY
                text = self._pick(
                    templates,
                    lesson=rng.choice(lessons)[1] if lessons else "",
                    thang=this,
                    next=_month_label(after.year, after.month),
                )
                tasks.append(
                    Task(
                        id=self._id(),
                        description=text,
                        owner_id=owner.id,
                        due=due,
                        done_on=self._done(day, due),
                    )
                )
            morning = rng.random() < 0.3
            start = dt.time(8, 0) if morning else dt.time(14, rng.choice([0, 0, 30]))
            end = dt.time(start.hour + 2, 30) if rng.random() < 0.6 else dt.time(start.hour + 3, 0)
            created = self._stamp(day, end.hour + 1)
            done = [self._stamp(x.done_on, 10) for x in [*updates, *tasks] if x.done_on]
            out.append(
                Meeting(
                    id=self._id(),
                    date=day,
                    start_time=start,
                    end_time=end,
                    place=self._pick(self.p["places"]["meeting"]),
                    chair_id=chair.id,
                    secretary_id=secretary.id if secretary else None,
                    attendance=attendance,
                    review=review,
                    teaching_aids=" ".join(self._some(bank["teaching_aids"], 1, 2)),
                    active_methods=" ".join(self._some(bank["active_methods"], 1, 2)),
                    content_updates=updates,
                    remarks=remarks,
                    conclusion=" ".join(self._some(bank["conclusion"], 2, 3)),
                    tasks=tasks,
                    created_at=created,
                    updated_at=max([created, *done]),
                )
            )
        return out

    def _briefings(self) -> list[Briefing]:
        rng, bank, out = self.rng, self.p["briefing"], []
        # Mostly provincial, some central and district: a quota per twelve months, in any order.
        quota = [Level.PROVINCIAL] * 7 + [Level.CENTRAL] * 3 + [Level.DISTRICT] * 2
        levels: list[Level] = []
        for month in self._months():
            if not levels:
                levels = rng.sample(quota, len(quota))
            level = levels.pop()
            day = self._next_workday(month.replace(day=rng.randint(10, 24)))
            if rng.random() > 0.85 or not self.first <= day <= self.last:
                continue
            online = level is Level.CENTRAL or (level is Level.PROVINCIAL and rng.random() < 0.4)
            chair = bank["chairs"][level.value]
            if level is Level.PROVINCIAL:
                chair = f"Đồng chí {' '.join(self.province_chair)}, {chair}"
            elif level is Level.DISTRICT:
                chair = f"Đồng chí {self.people[0].full_name}, {chair}"
            topics = [t for t in bank["talks"] if level.value in t["levels"]]
            topics = [
                t for t in topics if t.get("from", dt.date.min) <= day <= t.get("to", dt.date.max)
            ]
            talks = [
                Talk(
                    presenter=rng.choice(t["by"]),
                    title=self._text(t["t"], thang=_month_label(day.year, day.month), y=day.year),
                )
                for t in rng.sample(topics, min(len(topics), rng.randint(1, 3)))
            ]
            after = _next_month(day)
            guidance = bank["guidance_open"].format(
                next=_month_label(after.year, after.month),
                anniversary=bank["anniversaries"][after.month - 1],
            )
            created = self._stamp(day, 11, rng.randint(30, 59))
            out.append(
                Briefing(
                    id=self._id(),
                    date=day,
                    level=level,
                    form=Form.ONLINE if online else Form.IN_PERSON,
                    connection_point=self._text(bank["connection_point"]) if online else "",
                    organiser=bank["organisers"][level.value],
                    chair=chair,
                    talks=talks,
                    guidance=" ".join([guidance, *self._some(bank["guidance"], 1, 2)]),
                    notes=" ".join(self._some(bank["notes"], 1, 2)),
                    attendance=self._attendance(day, [], bank["absent"], 0.07),
                    created_at=created,
                    updated_at=created,
                )
            )
        return out

    # -- all together ----------------------------------------------------------

    def records(self) -> list[Record]:
        stamp = self._stamp(self.first - 14 * _DAY, 7)
        settings = Settings(
            organisation=f"Trung tâm Chính trị huyện {self.district}",
            parent_body=f"Huyện ủy {self.district}",
            place_name=self.district,
            layout=Layout.PARTY,
            created_at=stamp,
            updated_at=stamp,
        )
        lecturers = self._lecturers()
        self._trials()
        self._observations()
        meetings = self._meetings()
        briefings = self._briefings()
        self.trials.sort(key=lambda t: (t.date, t.created_at))
        self.observations.sort(key=lambda o: (o.date, o.created_at))
        return [settings, *lecturers, *self.observations, *self.trials, *meetings, *briefings]
