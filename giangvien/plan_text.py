"""How the plan's numbers read, the same in the CLI, the TUI and the documents."""

from __future__ import annotations

import datetime as dt

from giangvien.development.format import percent
from giangvien.follow_up import Carried
from giangvien.i18n import tr
from giangvien.on_time import OnTime
from giangvien.plan import PARTS, PlanRow, State, Tally


def cell(t: Tally) -> str:
    """ "1/2", "1/2 (quá hạn 1)"; "—" when nothing is planned and nothing done."""
    if not t.planned and not t.done:
        return "—"
    shown = f"{t.done}/{t.planned}"
    return shown + (f" ({tr('plan.overdue_n', n=t.overdue)})" if t.overdue else "")


def short_visits(row: PlanRow, at: dt.date) -> str:
    """The follow-up visits after weak sheets, made of owed: "1/2"; "—" when none."""
    if not row.follow_ups:
        return "—"
    states = [f.state(at) for f in row.follow_ups]
    return f"{states.count(State.DONE)}/{len(states)}"


def visits_cell(row: PlanRow, at: dt.date) -> str:
    """As ``short_visits``, and how many are late: "1/2 (quá hạn 1)"."""
    late = [f.state(at) for f in row.follow_ups].count(State.OVERDUE)
    return short_visits(row, at) + (f" ({tr('plan.overdue_n', n=late)})" if late else "")


def owed(row: PlanRow, at: dt.date) -> str:
    """What a lecturer still owes, done/planned: "được dự 0/2 · dự lại 0/1"."""
    parts = [f"{tr(f'plan.short_{name}')} {t.done}/{t.planned}"
             for name in PARTS if (t := getattr(row, name)).remaining]  # fmt: skip
    visits = [f.state(at) for f in row.follow_ups]
    if any(v is not State.DONE for v in visits):
        parts.append(f"{tr('plan.short_visits')} {visits.count(State.DONE)}/{len(visits)}")
    return " · ".join(parts)


def plan_lines(row: PlanRow, at: dt.date) -> tuple[str, str]:
    """The lecturer's plan of the year: its state, then done/planned of each part
    (two lines: a profile panel cuts what does not fit, and the state comes first)."""
    tallies = [(name, t) for name in PARTS if (t := getattr(row, name)).planned or t.done]
    parts = [(bool(t.overdue), f"{tr(f'plan.short_{name}')} {cell(t)}") for name, t in tallies]
    if row.follow_ups:
        late = any(f.state(at) is State.OVERDUE for f in row.follow_ups)
        parts.append((late, f"{tr('plan.short_visits')} {visits_cell(row, at)}"))
    state = tr(f"plan.state_{row.state(at).value}")
    # What is overdue first: what comes last may be cut where the line is narrow.
    shown = [text for _, text in sorted(parts, key=lambda part: not part[0])]
    return tr("plan.profile_line", state=state), " · ".join(shown)


def on_time_lines(t: OnTime) -> tuple[str, str]:
    if not t.counted and not t.pending:
        return tr("plan.on_time_none"), ""
    head = tr("plan.on_time", on_time=t.on_time, counted=t.counted, rate=percent(t.rate))
    return head, tr("plan.on_time_rest", late=t.late, overdue=t.overdue, pending=t.pending)


def carried_line(c: Carried) -> str:
    if not c.total:
        return tr("plan.carried_none")
    return tr("plan.carried", done=c.done, total=c.total, on_time=c.on_time)
