"""Fixtures for driving the app as a user would: a fresh data file per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.demo import generate
from giangvien.models import Lecturer, Position
from screens.app import GiangvienApp
from screens.widgets.lecturer_picker import _FoldingOverlay
from store.datafile import open_datafile
from store.repository import Repository

SIZE = (120, 40)
DEMO_TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def patient_type_to_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys typed into an open list count as one word however slowly a busy CI
    machine delivers them (each list forgets the word when it loses focus)."""
    monkeypatch.setattr(_FoldingOverlay, "SEARCH_RESET_DELAY", 120.0)


def open_repo(path: Path) -> Repository:
    return Repository(open_datafile(path, app_version=__version__))


@pytest.fixture
def repo_path(tmp_path: Path) -> Path:
    return tmp_path / "giangvien.json"


@pytest.fixture
def empty_repo(repo_path: Path) -> Iterator[Repository]:
    repo = open_repo(repo_path)
    yield repo
    repo.close()


@pytest.fixture
def small_repo(repo_path: Path) -> Iterator[Repository]:
    """Three lecturers (a director, a deputy, a lecturer); the director is the user."""
    repo = open_repo(repo_path)
    director = repo.save(
        Lecturer(family_name="Lê", middle_name="Văn", given_name="Hùng", position=Position.DIRECTOR)
    )
    repo.save(
        Lecturer(family_name="Phạm", middle_name="Thị", given_name="Lan", position=Position.DEPUTY)
    )
    repo.save(Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An"))
    repo.set_current_user(director.id)
    yield repo
    repo.close()


@pytest.fixture
def demo_repo(repo_path: Path) -> Iterator[Repository]:
    """The default demo Center, dated so that tests do not move with the calendar."""
    repo = open_repo(repo_path)
    records = generate(today=DEMO_TODAY)
    repo.save_many(records)
    director = next(
        r for r in records if isinstance(r, Lecturer) and r.position is Position.DIRECTOR
    )
    repo.set_current_user(director.id)
    yield repo
    repo.close()


@pytest.fixture
def make_app() -> Callable[..., GiangvienApp]:
    def build(repo: Repository, start: str = "dashboard") -> GiangvienApp:
        return GiangvienApp(repo, start=start)

    return build
