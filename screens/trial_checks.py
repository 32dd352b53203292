"""What the trial form refuses before the model sees it, and where each reason is shown.

The model checks its fields one at a time and its rules only once they all
parse; the form says every reason at once, each beside the field it concerns.
"""

from __future__ import annotations

from typing import Any

from giangvien.i18n import tr
from giangvien.models import Verdict
from giangvien.problems import Problem
from giangvien.vntext import fold, parse_date
from screens.widgets.trial_people import OUTSIDE

# Sentences of the record as a whole that belong beside one field.
ROUTES = {
    "model.trial_to_fix": "to_fix",
    "model.trial_next_date": "next_trial_date",
    "model.trial_rubric": "panel",
}


def _identity(person: dict[str, str]) -> str:
    who = person.get("who") or ""
    if who == OUTSIDE:
        name = fold(person.get("name", ""))
        return f"outside:{name}" if name else ""
    return who


def _day(text: str) -> Any:
    try:
        return parse_date(text)
    except ValueError:
        return None


def form_problems(state: dict[str, Any], named: set[str]) -> list[Problem]:
    """The form's own refusals; ``named`` are fields already refused (not said twice)."""
    found: list[Problem] = []
    if state["verdict"] == Verdict.NOT_PASSED.value:
        if not state["to_fix"].strip():
            found.append(Problem("to_fix", tr("model.trial_to_fix")))
        if not state["next_trial_date"].strip() and "next_trial_date" not in named:
            found.append(Problem("next_trial_date", tr("trials.next_date_required")))
    held, again = _day(state["date"]), _day(state["next_trial_date"])
    if held and again and again <= held:
        found.append(Problem("next_trial_date", tr("model.trial_next_date")))
    lecturer = state["lecturer_id"]
    roles = {"chair": state["chair"], "secretary": state["secretary"]}
    for role, person in roles.items():
        if lecturer and person.get("who") == lecturer:
            found.append(Problem(role, tr("trials.lecturer_in_role")))
    chair, secretary = (_identity(p) for p in roles.values())
    if chair and chair == secretary:
        found.append(Problem("secretary", tr("trials.chair_is_secretary")))
    seen: set[str] = set()
    for k, member in enumerate(state["panel"]):
        who = _identity(member["person"])
        if lecturer and who == lecturer:
            found.append(Problem(f"panel.{k}", tr("trials.lecturer_in_role")))
        elif who and who in seen:
            found.append(Problem(f"panel.{k}", tr("trials.member_twice")))
        seen.add(who)
    return found


def place(path: str) -> str:
    """Where a problem is shown: its field, or its panel member ("panel.2")."""
    head, _, rest = path.partition(".")
    index = rest.partition(".")[0]
    return f"{head}.{index}" if head == "panel" and index.isdigit() else head


def route(
    problems: list[Problem], fields: set[str | None], editors: list[Any]
) -> tuple[dict[str, list[str]], dict[int, tuple[list[str], dict[str, str]]], list[str]]:
    """Sort problems: by form field, by panel member (keyed by ``id(editor)``), and the rest.

    A member gets (its sentences, its score rows by item code); ``editors``
    are the members in the order the record lists them.
    """
    routes = {tr(sentence): name for sentence, name in ROUTES.items()}
    at: dict[str, list[str]] = {}
    members: dict[int, tuple[list[str], dict[str, str]]] = {}
    general: list[str] = []
    for problem in problems:
        head, _, rest = problem.field.partition(".")
        head = head or routes.get(problem.message, "")
        index, _, inner = rest.partition(".")
        if head == "panel" and index.isdigit() and int(index) < len(editors):
            lines, rows = members.setdefault(id(editors[int(index)]), ([], {}))
            part, _, code = inner.partition(".")
            if part == "scores" and code:
                rows[code] = problem.message
            elif part in ("", "scores"):
                if problem.message not in lines:
                    lines.append(problem.message)
            else:
                lines.append(Problem(inner, problem.message).sentence())
        elif head in fields:
            said = at.setdefault(head, [])
            if problem.message not in said:  # the form and the model may both say it
                said.append(problem.message)
        else:
            general.append(problem.sentence())
    return at, members, general
