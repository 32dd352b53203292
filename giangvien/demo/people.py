"""The people of the demo Center: who they are, what they teach, their names;
the settings and lecturer records built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from giangvien.demo.dates import DAY, stamp
from giangvien.demo.reform import center_names
from giangvien.demo.world import World, bank
from giangvien.models import Employment, Layout, Lecturer, Position, Settings
from giangvien.models.briefing import COMMUNE_TIER

Name = tuple[str, str, str]  # family, middle, given


@dataclass(eq=False)
class Person:
    no: int
    id: str
    kind: str  # director, deputy, full, part
    name: Name
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


def kinh_name(w: World) -> Name:
    """A Kinh name of either sex not given out before."""
    names = w.p["names"]
    sex = "female" if w.rng.random() < 0.5 else "male"
    while True:
        name = (
            w.rng.choice(names["family"]),
            w.rng.choice(names[f"{sex}_middle"]),
            w.rng.choice(names[f"{sex}_given"]),
        )
        if " ".join(name) not in w.taken:
            w.taken.add(" ".join(name))
            return name


def lessons(w: World, key: str, day: dt.date) -> list[str]:
    """The lessons of programme ``key`` on offer on ``day``."""
    return [w.text(t) for t in bank(w.p["programmes"][key]["lessons"], day)]


def cast(w: World) -> None:
    """Fill in ``w``'s people, then the outsiders on trial panels and the province chair."""
    w.people = _people(w)
    w.people_by_id = {p.id: p for p in w.people}
    w.outsiders = [(kinh_name(w), o["position"], o["unit"]) for o in w.p["trial"]["outsiders"]]
    w.province_chair = kinh_name(w)


def _people(w: World) -> list[Person]:
    rng, n = w.rng, w.n
    kinds = ["director"] + (["deputy"] * max(1, n // 30) if n >= 3 else [])
    rest = n - len(kinds)
    kinds += ["full"] * ((rest + 1) // 2) + ["part"] * (rest // 2)
    new_left = min(kinds.count("full") // 2, max(1, n // 10))
    minority = [tuple(m) for m in w.p["names"]["minority"]]
    rng.shuffle(minority)
    minority_at = rng.sample(range(n), max(1, n // 10))
    posts = list(w.p["titles"]["part_time"])
    rng.shuffle(posts)
    commune_posts = [post for post in posts if "{xa}" in post["title"]]
    programmes = list(w.p["programmes"])
    titles = w.p["titles"]
    people = []
    for no, kind in enumerate(kinds):
        if no in minority_at and minority:
            name = minority.pop()
            w.taken.add(" ".join(name))
        else:
            name = kinh_name(w)
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
            commune = w.communes[no % len(w.communes)]
            title = post["title"].format(xa=commune)
            unit, teaches = post["unit"].format(xa=commune), list(post["teaches"])
        years_before = (0.05, 0.3) if new else (1.0, 15.0)
        start = w.first - round(rng.uniform(*years_before) * 365) * DAY
        items = rng.sample(w.codes, 4)
        person = Person(
            no,
            w.new_id(),
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
            pool = [(k, t) for k in teaches for t in lessons(w, k, start)]
            for key, lesson in rng.sample(pool, min(count, len(pool))):
                person.repertoire.append((start, key, lesson))
        people.append(person)
    parts = [p for p in people if p.kind == "part"]
    if n >= 6 and parts:
        span = (w.last - w.first).days
        lo, hi = w.first + span * 2 // 5 * DAY, w.first + span * 3 // 4 * DAY
        parts[-1].left = w.day_in(lo, hi)
    return people


def settings(w: World) -> Settings:
    created = stamp(w.first - 14 * DAY, 7)
    organisation, parent = center_names(w.district, w.last)
    # Renamed in Settings on the day of the reform, when the sample reaches past it.
    renamed = stamp(COMMUNE_TIER, 8) if w.first < COMMUNE_TIER <= w.last else created
    return Settings(
        organisation=organisation,
        parent_body=parent,
        place_name=w.district,
        layout=Layout.PARTY,
        created_at=created,
        updated_at=renamed,
    )


def lecturers(w: World) -> list[Lecturer]:
    position = {"director": Position.DIRECTOR, "deputy": Position.DEPUTY}
    employment = {"director": Employment.PART_TIME, "part": Employment.PART_TIME}
    out = []
    for p in w.people:
        created = stamp(w.first - 14 * DAY, 8, p.no % 60)
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
                updated_at=stamp(p.left, 9) if p.left else created,
            )
        )
    return out
