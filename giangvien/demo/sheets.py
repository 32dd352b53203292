"""Observation sheets: colleagues sitting in on a lecture, their scores and
comments, the lecturer's reply and the leader's conclusion."""

from __future__ import annotations

import datetime as dt
import math

from giangvien.demo.dates import DAY, stamp
from giangvien.demo.people import Person
from giangvien.demo.reform import body
from giangvien.demo.world import World, lower_first
from giangvien.follow_up import to_ask
from giangvien.models import Acted, Observation, OwnPart, Recorded, SuggestionCheck
from giangvien.models.observation import UNSIGNED
from giangvien.models.signature import fingerprint

# How often each kind of colleague is asked to observe.
_WEIGHT = {"director": 3, "deputy": 3, "full": 2, "part": 1}


def scores(w: World, share: float, p: Person, step: float) -> dict[str, float]:
    """Rubric scores around ``share`` of the maximum, better on ``p``'s strong items,
    worse on the weak ones, rounded to the scorer's ``step``."""
    out = {}
    for item in w.rubric.items:
        bonus = 0.08 if item.code in p.strong else -0.1 if item.code in p.weak else 0.0
        s = min(1.0, max(0.3, share + bonus + w.rng.gauss(0, 0.06)))
        out[item.code] = min(item.max, round(s * item.max / step) * step)
    return out


def answered(
    w: World, earlier: list[Observation], lecturer_id: str, day: dt.date
) -> list[SuggestionCheck]:
    """What the observer found of the earlier sheets' suggestions: most acted on, some
    in part, a few not yet; now and then one is left unanswered."""
    acted = [Acted.DONE, Acted.PARTLY, Acted.NOT_YET]
    return [
        SuggestionCheck(
            sheet_id=s.sheet.id,
            item=s.item,
            text=s.text,
            acted=w.answers.choices(acted, [0.6, 0.25, 0.15])[0],
        )
        for s in to_ask(earlier, lecturer_id, day, this_sheet=None)
        if w.answers.random() < 0.9
    ]


def observe(w: World) -> list[Observation]:
    """Four to eight sheets a year per lecturer, spread over the period, in no order."""
    rng, out = w.rng, []
    for p in w.people:
        mine: list[Observation] = []  # p's sheets so far, oldest first
        per_year = rng.randint(4, 8) if p.kind in ("full", "deputy") else rng.randint(4, 6)
        hi = min(w.last, p.left - DAY) if p.left else w.last
        span = (hi - w.first).days
        k = round(per_year * span / 365.25)
        for j in range(k):
            lo = w.first + span * j // k * DAY
            day = w.day_in(lo, w.first + (span * (j + 1) // k - 1) * DAY)
            if day is None:
                continue
            lessons = [
                (key, t)
                for key, t in p.lessons(day)
                if day.month in w.p["programmes"][key].get("months", range(1, 13))
            ]
            others = [q for q in w.active(day) if q is not p]
            if not lessons or not others:
                continue
            first = rng.choices(others, [_WEIGHT[q.kind] for q in others])[0]
            observers = [first]
            rest = [q for q in others if q is not first]
            if rest and rng.random() < 0.2:
                observers.append(rng.choices(rest, [_WEIGHT[q.kind] for q in rest])[0])
            mine.append(observation(w, p, observers, day, *rng.choice(lessons), earlier=mine))
        out += mine
    return out


def observation(
    w: World,
    p: Person,
    observers: list[Person],
    day: dt.date,
    key: str,
    lesson: str,
    earlier: list[Observation],
) -> Observation:
    rng, obs = w.rng, w.p["observation"]
    writer = observers[0]
    marks = None
    if rng.random() >= 0.1:
        years = (day - w.first).days / 365.25
        share = p.level + p.gain * (1 - math.exp(-years / 2)) + rng.gauss(0, 0.03)
        marks = scores(w, share, p, writer.step)
        ranked = sorted(w.codes, key=lambda c: (marks[c] / w.maxima[c], rng.random()))
        good, bad = ranked[::-1][: rng.randint(2, 3)], ranked[: rng.randint(1, 2)]
    else:
        good = p.strong + rng.sample(w.codes, 1)
        bad = p.weak[: rng.randint(1, 2)]
    strengths = [rng.choice(w.p["strengths"][c]) for c in dict.fromkeys(good)]
    if rng.random() < 0.3:
        strengths.insert(0, rng.choice(obs["openers"]))
    limitations = [rng.choice(w.p["limitations"][c]) for c in bad]
    suggestions = [rng.choice(w.p["suggestions"][c]) for c in bad]

    def write(lines: list[str]) -> str:
        return "\n".join(f"- {s}" for s in lines) if writer.bullets else " ".join(lines)

    # The last two months or so wait in the review queue; older sheets are mostly done.
    age = (w.last - day).days
    recent = age < w.review_lag
    review = 0.0 if age < 21 else 0.2 if recent else 0.7 if age < 90 else 0.95
    acknowledged = None
    if rng.random() < (0.55 if recent else 0.92):
        acknowledged = min(w.last, day + rng.randint(0, 4) * DAY)
    self_assessment = ""
    if rng.random() < 0.85:
        lines = [rng.choice(obs[k]) for k in ("self_open", "self_limit", "self_accept")]
        self_assessment = " ".join(s for s in lines if s)
    conclusion, by, at = "", None, None
    cday = w.after(day, 1, 7)
    reviewer = w.leader(cday, p, 0.7)
    if reviewer and cday <= w.last and rng.random() < review:
        if marks is None:
            verdict = rng.choice(obs["conclusion_unscored"])
        else:
            verdict = rng.choice(obs["conclusion_band"][w.rubric.band_of(marks).code])
        ask = obs["conclusion_ask"].format(ask=lower_first(suggestions[0]))
        conclusion = " ".join([rng.choice(obs["conclusion_open"]), verdict, ask])
        by, at = reviewer.id, stamp(cday, rng.randint(8, 16), rng.randint(0, 59))
    programme = w.p["programmes"][key]
    created = stamp(day, rng.randint(15, 20), rng.randint(0, 59))
    seen_at = stamp(acknowledged, 9) if acknowledged else None
    stamps = [created, at, seen_at]
    own = None
    if acknowledged or self_assessment:
        # No draw from rng here: the rest of the sample stays as it was.
        paper = day.day % 3 == 0
        how = Recorded.FROM_PAPER if paper else Recorded.IN_PERSON
        own = OwnPart(how=how, by=observers[0].id if paper else p.id, at=seen_at or created)
    sheet = Observation(
        id=w.new_id(),
        date=day,
        lecturer_id=p.id,
        observer_ids=[q.id for q in observers],
        programme=programme["name"],
        lesson=lesson,
        class_name=w.pick(programme["classes"], k=(day.month - 1) // 3 + 1, y=day.year),
        place=body(w.pick(w.p["places"]["observation"]), day, w.district),
        rubric_id=w.rubric.rubric_id,
        rubric_version=w.rubric.version,
        scores=marks,
        strengths=write(strengths),
        limitations=write(limitations),
        suggestions=write(suggestions),
        self_assessment=self_assessment,
        acknowledged_on=acknowledged,
        own_part=own,
        follow_ups=answered(w, earlier, p.id, day),
        conclusion=conclusion,
        created_at=created,
        updated_at=max(s for s in stamps if s),
    )
    if by is None:
        return sheet
    signed = sheet.model_copy(update={"concluded_by": by, "concluded_at": at})
    return signed.model_copy(update={"signed_fingerprint": fingerprint(signed, UNSIGNED)})
