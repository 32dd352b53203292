"""A record's history in words, the same for ``giangvien history`` and the TUI."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from giangvien.i18n import catalogue, language, tr
from giangvien.models import Action, HistoryEntry
from giangvien.vntext import format_date, format_time, inert

SHOWN = 60  # characters of a long value shown; the whole value stays in the record


def moment(at: datetime) -> str:
    local = at.astimezone()
    return f"{format_date(local.date())} {format_time(local.time())}"


def field_name(name: str) -> str:
    key = f"field.{name}"
    return tr(key) if key in catalogue(language()) else name


def _readable(found: Any, names: dict[str, str]) -> Any:
    """A person's id as their name, a time as a moment, a reopening as its reason."""
    if isinstance(found, str):
        if found in names:
            return names[found]
        try:
            at = datetime.fromisoformat(found)
        except ValueError:
            return found
        return moment(at) if at.tzinfo is not None else found
    if isinstance(found, list) and found and all(isinstance(x, dict) and "reason" in x
                                                 for x in found):  # fmt: skip
        return "; ".join(str(x["reason"]) for x in found)  # reopenings: why, the latest last
    if isinstance(found, list):
        return ", ".join(str(_readable(x, names)) for x in found)
    return found


def value(found: Any, names: dict[str, str] | None = None) -> str:
    if found is None or found == "" or found == []:
        return tr("history.empty")
    found = _readable(found, names or {})
    text = found if isinstance(found, str) else str(found)
    text = " ".join(inert(text).split())  # one line, inert
    return f"“{text[:SHOWN]}…”" if len(text) > SHOWN else f"“{text}”"


def history_lines(
    created_at: datetime, entries: list[HistoryEntry], names: dict[str, str]
) -> list[str]:
    """One line a save, oldest first, each change indented under it."""
    lines = [tr("history.created", when=moment(created_at))]
    for entry in entries:
        who = names.get(entry.by or "", tr("history.nobody"))
        laptop = entry.laptop[:8] if entry.laptop else "?"
        key = "created_entry" if entry.action is Action.CREATED else entry.action.value
        lines.append(tr(f"history.{key}", when=moment(entry.at), who=who, laptop=laptop))
        if entry.action is not Action.DELETED:
            for change in entry.changes:
                lines.append(
                    tr(
                        "history.change",
                        field=field_name(change.field),
                        old=value(change.old, names),
                        new=value(change.new, names),
                    )
                )
    return lines
