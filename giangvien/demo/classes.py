"""The class log: the classes the Center opened — among them every class an
observation sheet names — the lessons taught in each and by whom, field trips;
and the conferences it ran.

Drawn after everything else, so that the rest of the sample (and every screen
showing it) stays as it was before classes were recorded.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from giangvien.demo.dates import DAY, month_label, months, stamp
from giangvien.demo.people import Person, lessons
from giangvien.demo.reform import body
from giangvien.demo.world import World
from giangvien.models import (
    ClassLesson,
    Conference,
    ConferenceKind,
    FieldTrip,
    Observation,
    TrainingClass,
)
from giangvien.models.training import MAX_DAY_HOURS

# A Center of six opens about thirty classes a year; a larger one more, but not in proportion.
CLASSES_A_YEAR = 30
# Each kind's share of the Center's own teaching, as its lecturing norm is (part-time
# lecturers have none: half a full-time one's).
_SHARE = {"director": 30.0, "deputy": 40.0, "full": 90.0, "part": 45.0}
# The share of a class's lessons given by reporters from outside the Center.
OUTSIDE = 0.5
_SPEAKERS = {"director": 3, "deputy": 3, "full": 1, "part": 1}

Row = dict[str, Any]  # a lesson being planned: lesson, lecturer_id, date, hours
Load = defaultdict[tuple[str, int], float]  # hours planned so far, by lecturer and year


def classes_a_year(n: int) -> int:
    return round(CLASSES_A_YEAR * math.sqrt(max(n, 6) / 6))


def log(w: World, observed: Sequence[Observation]) -> list[TrainingClass]:
    """The classes of the period, by opening day: the observed ones, then enough more."""
    keys = {spec["name"]: key for key, spec in w.p["programmes"].items()}
    groups: dict[str, list[Observation]] = {}
    for sheet in sorted(observed, key=lambda o: (o.date, o.created_at)):
        if sheet.class_name and sheet.programme in keys:
            groups.setdefault(sheet.class_name, []).append(sheet)
    planned: list[tuple[str, str, dt.date, list[Observation]]] = []
    for name, sheets in groups.items():
        first = sheets[0].date
        opened = max(w.first, _workday_before(w, first - w.rng.randint(0, 6) * DAY))
        planned.append((keys[sheets[0].programme], name, opened, sheets))
    names = set(groups)
    per_year = classes_a_year(w.n)
    for year in range(w.first.year, w.last.year + 1):
        lo, hi = max(w.first, dt.date(year, 1, 1)), min(w.last, dt.date(year, 12, 31))
        want = round(per_year * ((hi - lo).days + 1) / 365.25)
        have = sum(lo <= opened <= hi for _, _, opened, _ in planned)
        for _ in range(max(0, want - have)):
            extra = _extra(w, lo, hi, names)
            if extra is not None:
                names.add(extra[1])
                planned.append((*extra, []))
    planned.sort(key=lambda p: (p[2], p[1]))
    load: Load = defaultdict(float)
    return [_class(w, key, name, opened, sheets, load) for key, name, opened, sheets in planned]


def _workday_before(w: World, day: dt.date) -> dt.date:
    while not w.calendar.workday(day):
        day -= DAY
    return day


def _extra(w: World, lo: dt.date, hi: dt.date, taken: set[str]) -> tuple[str, str, dt.date] | None:
    """Another class opened between ``lo`` and ``hi``, with a name not given out."""
    rng = w.rng
    for _ in range(10):
        day = w.day_in(lo, hi)
        if day is None:
            return None
        keys = [k for k, spec in w.p["programmes"].items()
                if day.month in spec.get("months", range(1, 13))]  # fmt: skip
        key = rng.choice(keys)
        name = w.pick(w.p["programmes"][key]["classes"], k=(day.month - 1) // 3 + 1, y=day.year)
        if name not in taken:
            return key, name, day
    return None


def _teacher(w: World, key: str, lesson: str, day: dt.date, load: Load) -> Person | None:
    """Who of the Center teaches the lesson: of those who teach its programme, the one
    furthest below their share of the year's teaching (so the load follows the norms)."""
    active = w.active(day)
    fits = [p for p in active if key in p.teaches] or active
    if not fits:
        return None
    return min(fits, key=lambda p: load[(p.id, day.year)] / _SHARE[p.kind] + w.rng.random())


def _schedule(
    w: World, key: str, opened: dt.date, hours: float, load: Load
) -> tuple[list[Row], dt.date]:
    """The programme's lessons, one a half-day (a full day for long ones) from the opening.

    About half are taught by the Center's lecturers; the others by reporters from
    outside (the District committee's departments, the province), which the
    Center's log does not record. Also returns the day of the last lesson.
    """
    rng = w.rng
    offered = lessons(w, key, opened)
    if key == "chuyen_de":
        offered = rng.sample(offered, min(len(offered), rng.randint(1, 2)))
    per_day = 1 if hours > 4 else 2
    rows: list[Row] = []
    day, slot = opened, 0
    for lesson in offered:
        if slot == per_day:
            day, slot = w.calendar.next_workday(day + DAY), 0
        slot += 1
        if rng.random() < OUTSIDE:
            continue
        teacher = _teacher(w, key, lesson, day, load)
        if teacher is not None:
            load[(teacher.id, day.year)] += hours
            rows.append({"lesson": lesson, "lecturer_id": teacher.id, "date": day, "hours": hours})
    return rows, day


def _day_hours(rows: list[Row], lecturer_id: str, day: dt.date, skip: Row | None) -> float:
    return sum(
        r["hours"]
        for r in rows
        if r is not skip and r["lecturer_id"] == lecturer_id and r["date"] == day
    )


def _observed(rows: list[Row], sheets: Sequence[Observation], hours: float) -> None:
    """Each observed lesson as the sheet says: who taught it, on which day."""
    claimed: set[int] = set()
    for sheet in sheets:
        row = next((r for r in rows if r["lesson"] == sheet.lesson and id(r) not in claimed), None)
        if row is None:
            row = {"lesson": sheet.lesson, "hours": hours}
            rows.append(row)
        claimed.add(id(row))
        row.update(lecturer_id=sheet.lecturer_id, date=sheet.date)
        room = MAX_DAY_HOURS - _day_hours(rows, sheet.lecturer_id, sheet.date, row)
        row["hours"] = max(0.0, min(row["hours"], room))


def _partner(w: World, key: str, name: str) -> tuple[str, str]:
    """The body the class was run with ("" for none) and its place."""
    rng, spec = w.rng, w.p["classes"]
    commune = next((c for c in w.communes if f"xã {c}" in name), None)
    partners: list[str] = w.p["classes"]["programmes"][key]["partners"]
    local = [p for p in partners if "{xa}" in p]
    if commune is not None:
        place = w.text(rng.choice(spec["places"]), xa=commune)
        return (w.text(local[0], xa=commune) if local else ""), place
    place = spec["hall"] if rng.random() < 0.7 else w.text(rng.choice(spec["places"]))
    wider = [p for p in partners if "{xa}" not in p]
    if wider and rng.random() < 0.45:
        return w.text(rng.choice(wider)), place
    return "", place


def _class(
    w: World, key: str, name: str, opened: dt.date, sheets: Sequence[Observation], load: Load
) -> TrainingClass:
    rng, spec = w.rng, w.p["classes"]["programmes"][key]
    hours = float(rng.choice(spec["hours"]))
    planned, ends = _schedule(w, key, opened, hours, load)
    # A class whose lessons run on past the last day is still open: no closing yet.
    ended = ends <= w.last
    rows = [r for r in planned if r["date"] <= w.last]
    _observed(rows, sheets, hours)
    rows.sort(key=lambda r: (r["date"], r["lesson"]))
    learners = rng.randint(*spec["learners"])
    partner, place = (body(text, opened, w.district) for text in _partner(w, key, name))
    last = max([ends if ended else opened, *(r["date"] for r in rows)])
    trips = []
    trip_day = w.calendar.next_workday(last + DAY)
    if ended and rng.random() < spec.get("trips", 0.0) and trip_day <= w.last:
        place_to = w.pick(w.p["classes"]["trips"])
        trips.append(
            FieldTrip(date=trip_day, place=place_to, learners=learners - rng.randint(0, 4))
        )
        last = trip_day
    created = stamp(opened - rng.randint(3, 10) * DAY, 8, rng.randint(0, 59))
    return TrainingClass(
        id=w.new_id(),
        programme=w.p["programmes"][key]["name"],
        class_name=name,
        place=place,
        partner=partner,
        opened=opened,
        closed=last if ended else None,
        learners=learners,
        lessons=[ClassLesson(id=w.new_id(), **r) for r in rows],
        field_trips=trips,
        created_at=created,
        updated_at=max(created, stamp(last, 16, rng.randint(0, 59))),
    )


# -- conferences ----------------------------------------------------------------------------


def conferences(w: World) -> list[Conference]:
    """Each month a few conferences on resolutions and current affairs; now and then another."""
    rng, bank, out = w.rng, w.p["conferences"], []
    for month in months(w.first, w.last):
        end = min(w.last, (month + 32 * DAY).replace(day=1) - DAY)
        kinds = [ConferenceKind.RESOLUTION] * rng.choice([0, 0, 1, 2, 3, 4, 6])
        kinds += [ConferenceKind.CURRENT_AFFAIRS] * rng.randint(2, 6)
        if month.month in (6, 12) and rng.random() < 0.6:
            kinds.append(ConferenceKind.OTHER)
        for kind in kinds:
            day = w.day_in(max(w.first, month), end)
            if day is None:
                continue
            active = w.active(day)
            speakers = rng.sample(active, min(len(active), rng.choice([1, 1, 2])))
            speakers.sort(key=lambda p: -_SPEAKERS[p.kind])
            low, high = (60, 350) if kind is ConferenceKind.RESOLUTION else (40, 250)
            created = stamp(day, 17, rng.randint(0, 59))
            out.append(
                Conference(
                    id=w.new_id(),
                    kind=kind,
                    subject=w.pick(
                        bank[kind.value], day, n=rng.randint(8, 12),
                        thang=month_label(day.year, day.month), y=day.year,
                    ),
                    date=day,
                    place=body(w.text(rng.choice(w.p["classes"]["places"])), day, w.district),
                    attendees=rng.randint(low, high),
                    partner=body(w.text(rng.choice(bank["partners"])), day, w.district),
                    lecturer_ids=[p.id for p in speakers],
                    created_at=created,
                    updated_at=created,
                )
            )  # fmt: skip
    return out
