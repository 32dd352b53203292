"""This laptop's PINs (giangvien.pins) in its own ``_local`` table: never exported or merged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from giangvien.pins import hash_pin, pin_matches, pin_problem, wait_after
from giangvien.problems import Invalid, Problem
from store.repository import Repository

_PINS, _FAILURES = "pins", "pin_failures"


@dataclass(frozen=True)
class Tried:
    ok: bool
    # When the next try is allowed (after too many wrong PINs), else None.
    wait_until: datetime | None = None


def has_pin(repo: Repository, lecturer_id: str) -> bool:
    return lecturer_id in repo.local(_PINS)


def set_pin(repo: Repository, lecturer_id: str, pin: str) -> None:
    """Store ``pin`` for ``lecturer_id`` (salted hash only); refused with a sentence if weak."""
    problem = pin_problem(pin)
    if problem:
        raise Invalid([Problem("pin", problem, lecturer_id)])
    pins = repo.local(_PINS)
    pins[lecturer_id] = hash_pin(pin)
    repo.set_local(_PINS, pins)
    _forget_failures(repo, lecturer_id)


def waiting_until(repo: Repository, lecturer_id: str, at: datetime) -> datetime | None:
    entry = repo.local(_FAILURES).get(lecturer_id) or {}
    try:
        until = datetime.fromisoformat(str(entry.get("until")))
    except ValueError:
        return None
    return until if until > at else None


def try_pin(repo: Repository, lecturer_id: str, pin: str, at: datetime) -> Tried:
    """Check ``pin``; three wrong in a row (kept across restarts) make the next wait."""
    waiting = waiting_until(repo, lecturer_id, at)
    if waiting is not None:
        return Tried(False, waiting)
    stored = repo.local(_PINS).get(lecturer_id)
    if stored is not None and pin_matches(pin, stored):
        _forget_failures(repo, lecturer_id)
        return Tried(True)
    failures = repo.local(_FAILURES)
    count = int((failures.get(lecturer_id) or {}).get("count") or 0) + 1
    until = wait_after(count, at)
    failures[lecturer_id] = {"count": count, "until": until.isoformat() if until else None}
    repo.set_local(_FAILURES, failures)
    return Tried(False, until)


def _forget_failures(repo: Repository, lecturer_id: str) -> None:
    failures = repo.local(_FAILURES)
    if failures.pop(lecturer_id, None) is not None:
        repo.set_local(_FAILURES, failures)
