"""Trial lectures: a lecturer teaches a new lesson before a panel, and passes
or comes back for a re-trial."""

from __future__ import annotations

import datetime as dt

from giangvien.demo.dates import DAY, stamp
from giangvien.demo.people import Person, lessons
from giangvien.demo.reform import body
from giangvien.demo.sheets import scores
from giangvien.demo.world import World
from giangvien.models import PanelMember, PersonRef, Trial, Verdict
from giangvien.trial_signing import verdict_recorded


def hold(w: World) -> list[Trial]:
    """Two early trials for each newcomer and some for everyone else, in no order.

    A passed trial adds the lesson to the lecturer's repertoire, which
    observations draw on: run this first.
    """
    rng, out = w.rng, []
    drafts: list[tuple[dt.date | None, Person]] = []
    for p in w.people:
        if p.new:
            drafts.append((w.day_in(w.first + 5 * DAY, w.first + 30 * DAY), p))
            drafts.append((w.day_in(w.first + 35 * DAY, w.first + 80 * DAY), p))
    years = (w.last - w.first).days / 365.25
    for _ in range(round(max(2, 0.4 * w.n) * years)):
        day = w.day_in(w.first + 14 * DAY, w.last)
        who = [p for p in w.people if p.kind != "director" and day and p.active(day)]
        if who:
            drafts.append((day, rng.choice(who)))
    plan = sorted(((d, p) for d, p in drafts if d), key=lambda x: (x[0], x[1].no))
    must_fail = True
    for day, p in plan:
        choices = [(k, t) for k in p.teaches for t in lessons(w, k, day)]
        choices = [(k, t) for k, t in choices if t not in p.tried]
        if not p.active(day) or not choices:
            continue
        key, lesson = rng.choice(choices)
        p.tried.append(lesson)
        fail = rng.random() < (0.35 if p.new and not p.lessons(day) else 0.15)
        if must_fail and day + 60 * DAY <= w.last:
            # At least one "Chưa đạt" followed by a passing re-trial, early enough to show.
            fail, must_fail = True, False
        while True:
            again = w.after(day, 14, 35) if fail else None
            out.append(trial(w, p, key, lesson, day, again))
            if not fail:
                p.repertoire.append((day, key, lesson))
            if again is None or again > w.last or not p.active(again):
                break
            day, fail = again, rng.random() < 0.1
    return out


def trial(w: World, p: Person, key: str, lesson: str, day: dt.date, again: dt.date | None) -> Trial:
    """The minutes of one trial; ``again`` is the re-trial date if it failed."""
    rng, bank = w.rng, w.p["trial"]
    chair = w.leader(day, p, 0.9)
    others = [q for q in w.active(day, "full", "deputy") if q not in (p, chair)]
    secretary = rng.choice(others) if others else None
    deputies = [q for q in w.active(day, "deputy") if q not in (p, chair)]
    inside = [chair, *deputies[:1]]
    colleagues = [q for q in others if q is not secretary and q not in inside]
    inside += rng.sample(colleagues, min(len(colleagues), rng.randint(1, 2)))
    outside = [w.outsiders[rng.randint(0, 1)]]
    if rng.random() < 0.4:
        outside.append(rng.choice(w.outsiders[2:]))
    scored, fail = rng.random() < 0.5, again is not None
    comments = bank["comments_fail" if fail else "comments_pass"]
    level = 0.5 if fail else max(p.level, 0.7)
    panel = [
        PanelMember(
            lecturer_id=q.id,
            comments=rng.choice(comments),
            scores=scores(w, level, p, q.step) if scored else None,
        )
        for q in inside
        if q is not None
    ] + [
        PanelMember(
            name=" ".join(name),
            position=pos,
            unit=unit,
            comments=rng.choice(comments),
            scores=scores(w, level, p, 0.5) if scored else None,
        )
        for name, pos, unit in outside
    ]
    created = stamp(day, 11, rng.randint(0, 59))
    held = dict(
        id=w.new_id(),
        lecturer_id=p.id,
        lesson=lesson,
        programme=w.p["programmes"][key]["name"],
        date=day,
        # Held in the morning, before the minutes (created at 11:xx); no draw from
        # rng, so the rest of the sample stays as it was.
        start_time=dt.time(7, 30) if day.day % 2 else dt.time(8, 0),
        end_time=dt.time(10, 30),
        place=body(rng.choice(w.p["places"]["trial"]), day, w.district),
        chair=PersonRef(lecturer_id=chair.id) if chair else None,
        secretary=PersonRef(lecturer_id=secretary.id) if secretary else None,
        panel=panel,
        rubric_id=w.rubric.rubric_id if scored else None,
        rubric_version=w.rubric.version if scored else None,
        self_assessment=rng.choice(bank["self_assessment"]),
        verdict=Verdict.NOT_PASSED if fail else Verdict.PASSED,
        to_fix="\n".join(f"- {s}" for s in w.some(bank["to_fix"], 2, 3)) if fail else "",
        next_trial_date=again,
        lessons_drawn=" ".join(w.some(bank["lessons_drawn"], 1, 2)),
        created_at=created,
        updated_at=created,
    )
    # The chair, a leader, recorded the verdict at the end of the trial.
    return verdict_recorded(held, chair.id if chair else None, created)
