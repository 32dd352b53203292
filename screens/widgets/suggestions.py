"""What a class or lesson field suggests as it is typed: the names the Center has used.

A suggestion completes what is typed (→ or End takes it); anything else can
still be typed, so a class that is not in the log stays possible.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester, SuggestFromList

from giangvien.models import Observation, TrainingClass, Trial
from giangvien.vntext import collation_key
from store.repository import Repository


def _sorted(names: Iterable[str]) -> list[str]:
    return sorted({n for n in names if n}, key=collation_key)


def known_lessons(repo: Repository) -> list[str]:
    """Lessons taught in the class log, observed or tried before."""
    found = [lesson.lesson for c in repo.all(TrainingClass) for lesson in c.lessons]
    found += [o.lesson for o in repo.all(Observation)] + [t.lesson for t in repo.all(Trial)]
    return _sorted(found)


def known_classes(repo: Repository) -> list[str]:
    """The classes of the log, then those typed on sheets before."""
    return _sorted([c.class_name for c in repo.all(TrainingClass)] +
                   [o.class_name for o in repo.all(Observation)])  # fmt: skip


def suggesting(names: list[str]) -> Suggester | None:
    return SuggestFromList(names, case_sensitive=False) if names else None
