"""Gatherings of the whole Center: the monthly professional meeting and the
monthly briefing for lecturers (hội nghị báo cáo viên), with their attendance."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from giangvien.demo.dates import DAY, month_label, months, next_month, stamp
from giangvien.demo.people import Person
from giangvien.demo.reform import body
from giangvien.demo.world import World
from giangvien.models import (
    Attendance,
    Briefing,
    ContentUpdate,
    Form,
    Level,
    Meeting,
    Observation,
    PersonRef,
    Presence,
    Remark,
    Talk,
    Task,
    Trial,
)
from giangvien.models.briefing import COMMUNE_TIER


def attendance(
    w: World, day: dt.date, keep: list[Person | None], absent: list[str], late: float
) -> list[Attendance]:
    """Everyone active on ``day``; a few absent (with a reason from ``absent``) or late,
    never those in ``keep``."""
    rng, out, missing = w.rng, [], 0
    for p in w.active(day):
        status, reason = Presence.PRESENT, ""
        roll = rng.random()
        if p not in keep and roll < 0.07 and missing < max(2, w.n // 8):
            status, reason, missing = Presence.ABSENT, w.pick(absent), missing + 1
        elif p not in keep and roll < 0.07 + late:
            status = Presence.LATE
        out.append(Attendance(lecturer_id=p.id, status=status, reason=reason))
    return out


def monthly(w: World, observations: list[Observation], trials: list[Trial]) -> list[Meeting]:
    """One meeting early in each month, reviewing the previous month's sheets and trials."""
    rng, bank, out = w.rng, w.p["meeting"], []
    counts = Counter((o.date.year, o.date.month) for o in observations)
    trial_counts = Counter((t.date.year, t.date.month) for t in trials)
    for month in months(w.first, w.last):
        tet = w.calendar.tet(month.year)
        if (tet.year, tet.month) == (month.year, month.month) and rng.random() < 0.5:
            continue
        day = w.calendar.next_workday(month.replace(day=rng.randint(2, 8)))
        chair = w.leader(day, None)
        # Early in the month; when Tết pushes it past mid-month, the month has none.
        if not w.first <= day <= w.last or day.day > 15 or chair is None:
            continue
        staff = [q for q in w.active(day, "full", "deputy") if q is not chair]
        staff = staff or [q for q in w.active(day) if q is not chair]
        secretary = staff[day.year % len(staff)] if staff else None
        register = attendance(w, day, [chair, secretary], bank["absent"], 0.03)
        present = [
            w.people_by_id[a.lecturer_id]
            for a in register
            if a.lecturer_id and a.status != Presence.ABSENT
        ]
        prev = (month - DAY).replace(day=1)
        label = month_label(prev.year, prev.month)
        n_obs, n_trials = counts[(prev.year, prev.month)], trial_counts[(prev.year, prev.month)]
        extra = bank["review_trials"].format(n=n_trials) if n_trials else ""
        opening = bank["review_count"].format(prev=label, obs=n_obs, trials=extra)
        if not n_obs:
            opening = bank["review_none"].format(prev=label)
        review = " ".join([opening, *w.some(bank["review"], 1, 2)])
        speakers = [q for q in present if q is not chair]
        remarks = [
            Remark(speaker=PersonRef(lecturer_id=q.id), summary=rng.choice(bank["remarks"]))
            for q in rng.sample(speakers, min(len(speakers), rng.randint(1, 3)))
        ]
        updates, tasks = [], []
        # Nobody about to leave is given work that would stay open after they go.
        owners = [q for q in present if not q.left or q.left > day + 45 * DAY]
        teachers = [q for q in owners if q.lessons(day)]
        for _ in range(rng.choices([0, 1, 2], [0.35, 0.4, 0.25])[0] if teachers else 0):
            owner = rng.choice(teachers)
            due = day + rng.randint(25, 40) * DAY
            content = w.pick(bank["content_updates"], day, y=day.year, prev_y=day.year - 1)
            updates.append(
                ContentUpdate(
                    id=w.new_id(),
                    lesson=rng.choice(owner.lessons(day))[1],
                    content=content,
                    owner_id=owner.id,
                    due=due,
                    done_on=w.done(day, due),
                )
            )
        this, after = month_label(day.year, day.month), next_month(day)
        for _ in range(rng.randint(1, 3)):
            owner = rng.choice(owners)
            lessons = owner.lessons(day)
            templates = [t for t in bank["tasks"] if lessons or "{lesson}" not in t]
            due = day + rng.randint(10, 30) * DAY
            text = w.pick(
                templates,
                lesson=rng.choice(lessons)[1] if lessons else "",
                thang=this,
                next=month_label(after.year, after.month),
            )
            tasks.append(
                Task(
                    id=w.new_id(),
                    description=text,
                    owner_id=owner.id,
                    due=due,
                    done_on=w.done(day, due),
                )
            )
        morning = rng.random() < 0.3
        start = dt.time(8, 0) if morning else dt.time(14, rng.choice([0, 0, 30]))
        end = dt.time(start.hour + 2, 30) if rng.random() < 0.6 else dt.time(start.hour + 3, 0)
        created = stamp(day, end.hour + 1)
        agreed: list[ContentUpdate | Task] = [*updates, *tasks]
        done = [stamp(x.done_on, 10) for x in agreed if x.done_on]
        out.append(
            Meeting(
                id=w.new_id(),
                date=day,
                start_time=start,
                end_time=end,
                place=body(w.pick(w.p["places"]["meeting"]), day, w.district),
                chair_id=chair.id,
                secretary_id=secretary.id if secretary else None,
                attendance=register,
                review=review,
                teaching_aids=" ".join(w.some(bank["teaching_aids"], 1, 2)),
                active_methods=" ".join(w.some(bank["active_methods"], 1, 2)),
                content_updates=updates,
                remarks=remarks,
                conclusion=" ".join(w.some(bank["conclusion"], 2, 3)),
                tasks=tasks,
                created_at=created,
                updated_at=max([created, *done]),
            )
        )
    return out


def briefings(w: World) -> list[Briefing]:
    """Most months one briefing: mostly provincial, some central (online) and district."""
    rng, bank, out = w.rng, w.p["briefing"], []
    # A quota per twelve months, in any order.
    quota = [Level.PROVINCIAL] * 7 + [Level.CENTRAL] * 3 + [Level.DISTRICT] * 2
    levels: list[Level] = []
    for month in months(w.first, w.last):
        if not levels:
            levels = rng.sample(quota, len(quota))
        level = levels.pop()
        day = w.calendar.next_workday(month.replace(day=rng.randint(10, 24)))
        # The district tier ended on 1/7/2025: its share of sessions is the commune's since.
        local = level is Level.DISTRICT
        if local and day >= COMMUNE_TIER:
            level = Level.COMMUNE
        if rng.random() > 0.85 or not w.first <= day <= w.last:
            continue
        online = level is Level.CENTRAL or (level is Level.PROVINCIAL and rng.random() < 0.4)
        chair = bank["chairs"][level.value]
        if level is Level.PROVINCIAL:
            chair = f"Đồng chí {' '.join(w.province_chair)}, {chair}"
        elif local:
            chair = f"Đồng chí {w.people[0].full_name}, {chair}"
        # A commune's sessions take the topics the district's took.
        wanted = Level.DISTRICT.value if local else level.value
        topics = [t for t in bank["talks"] if wanted in t["levels"]]
        topics = [
            t for t in topics if t.get("from", dt.date.min) <= day <= t.get("to", dt.date.max)
        ]
        talks = [
            Talk(
                presenter=rng.choice(t["by"]),
                title=w.text(t["t"], thang=month_label(day.year, day.month), y=day.year),
            )
            for t in rng.sample(topics, min(len(topics), rng.randint(1, 3)))
        ]
        after = next_month(day)
        guidance = bank["guidance_open"].format(
            next=month_label(after.year, after.month),
            anniversary=bank["anniversaries"][after.month - 1],
        )
        created = stamp(day, 11, rng.randint(30, 59))
        out.append(
            Briefing(
                id=w.new_id(),
                date=day,
                level=level,
                form=Form.ONLINE if online else Form.IN_PERSON,
                connection_point=w.text(bank["connection_point"]) if online else "",
                organiser=bank["organisers"][level.value],
                chair=chair,
                talks=talks,
                guidance=" ".join([guidance, *w.some(bank["guidance"], 1, 2)]),
                notes=" ".join(w.some(bank["notes"], 1, 2)),
                attendance=attendance(w, day, [], bank["absent"], 0.07),
                created_at=created,
                updated_at=created,
            )
        )
    return out
