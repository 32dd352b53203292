"""`giangvien plan`: the year's plan — owed, done, overdue — made from the defaults or set.

``--make`` adds an entry from the defaults of their position for every
current lecturer the year's plan does not hold yet; ``--set LECTURER`` with
``--observed/--observing/--trials`` changes one lecturer's numbers. Both go
through the same gate as every save.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from giangvien.i18n import tr
from giangvien.plan import PARTS, FollowUp, State, Tally, YearPlan
from giangvien.plan_text import cell, visits_cell
from giangvien.vntext import format_date


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    text = tr("plan.help")
    plan = sub.add_parser("plan", help=text, description=text, parents=[common])
    plan.add_argument("--year", type=int, metavar="Y", help=tr("plan.help_year"))
    plan.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    plan.add_argument("--make", action="store_true", help=tr("plan.help_make"))
    plan.add_argument("--set", dest="lecturer", metavar="LECTURER", help=tr("plan.help_set"))
    for name in PARTS:
        plan.add_argument(f"--{name}", type=int, metavar="N", help=tr(f"plan.help_{name}"))


def _tally(t: Tally) -> dict[str, int]:
    return {"planned": t.planned, "due": t.due, "done": t.done,
            "remaining": t.remaining, "overdue": t.overdue}  # fmt: skip


def _visit(f: FollowUp, at: dt.date) -> dict[str, Any]:
    return {
        "sheet_id": f.sheet.id,
        "sheet_date": f.sheet.date.isoformat(),
        "band": f.band,
        "due": f.due.isoformat(),
        "visited_on": f.visited_on.isoformat() if f.visited_on else None,
        "state": f.state(at).value,
    }


def as_json(plan: YearPlan) -> dict[str, Any]:
    return {
        "year": plan.year,
        "as_of": plan.at.isoformat(),
        "by_quarter": plan.by_quarter,
        "made": plan.made,
        "lecturers": [
            {
                "id": r.lecturer.id,
                "name": r.lecturer.full_name,
                "planned": r.entry is not None,
                "state": r.state(plan.at).value,
                "observed": _tally(r.observed),
                "observing": _tally(r.observing),
                "trials": _tally(r.trials),
                "follow_ups": [_visit(f, plan.at) for f in r.follow_ups],
            }
            for r in plan.rows
        ],
    }


def as_text(plan: YearPlan) -> str:
    from giangvien.cli.listing import table

    lines = [tr("plan.title", year=plan.year, date=format_date(plan.at))]
    if not plan.made:
        lines.append(tr("plan.not_made", year=plan.year))
    if plan.rows:
        headers = tr("plan.cols").split("|")
        rows = [
            [r.lecturer.full_name, cell(r.observed), cell(r.observing), cell(r.trials),
             visits_cell(r, plan.at), tr(f"plan.state_{r.state(plan.at).value}")]
            for r in plan.rows
        ]  # fmt: skip
        lines += ["", table(headers, rows)]
        counts = {s: plan.count(s) for s in (State.OVERDUE, State.OWED, State.DONE)}
        lines += ["", tr("plan.summary", overdue=counts[State.OVERDUE],
                         owed=counts[State.OWED], done=counts[State.DONE])]  # fmt: skip
    return "\n".join(lines)


def _changes(args: argparse.Namespace) -> dict[str, int]:
    return {n: getattr(args, n) for n in PARTS
            if getattr(args, n) is not None}  # fmt: skip


def cmd_plan(args: argparse.Namespace) -> int:
    from giangvien.cli.minutes import Refused
    from giangvien.cli.report import find_lecturer
    from giangvien.cli.run import open_repo
    from giangvien.development import Data
    from giangvien.plan import from_defaults, set_numbers, year_plan

    today = dt.date.today()
    year = args.year if args.year is not None else today.year
    if not 2000 <= year <= 2100:
        raise ValueError(tr("plan.bad_year", year=year))
    changes = _changes(args)
    if changes and args.lecturer is None:
        raise ValueError(tr("plan.numbers_without_set"))
    writing = args.make or args.lecturer is not None
    repo = open_repo(args, write=writing)
    try:
        data = Data.read(repo, today)
        if args.make:
            made = from_defaults(data, year)
            repo.save_many(made)
            print(tr("plan.made", n=len(made), year=year))
        if args.lecturer is not None:
            if not changes:
                raise ValueError(tr("plan.set_without_numbers"))
            try:
                who = find_lecturer(repo.lecturers(), args.lecturer)
            except Refused as refused:
                print("\n".join([refused.sentence, *refused.candidates]), file=sys.stderr)
                return 2
            repo.save(set_numbers(Data.read(repo, today), year, who.id, changes))
            print(tr("plan.set", name=who.full_name, year=year))
        found = year_plan(Data.read(repo, today) if writing else data, year)
    finally:
        repo.close()
    if args.json:
        print(json.dumps(as_json(found), ensure_ascii=False, indent=2))
    else:
        print(as_text(found))
    return 0
