"""A data file holding records the gate refuses opens read-only, never with a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from giangvien.cli import main
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.lecturers import LecturersScreen
from store.repository import Repository
from tests.tui.conftest import SIZE, open_repo
from tests.tui.helpers import names, notes, settle

MakeApp = Callable[..., GiangvienApp]


def _break_file(path: Path) -> None:
    """Edit the file by hand, as a user with a text editor might."""
    document = json.loads(path.read_text(encoding="utf-8"))
    lecturers = document["lecturers"]
    an = next(doc for doc in lecturers.values() if doc["given_name"] == "An")
    an["given_name"] = "An\x1b[2J"
    lan = next(doc for doc in lecturers.values() if doc["given_name"] == "Lan")
    lan["position"] = "emperor"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


async def test_an_invalid_record_opens_the_app_read_only_with_checks_sentence(
    small_repo: Repository,
    repo_path: Path,
    make_app: MakeApp,
    capsys: pytest.CaptureFixture[str],
) -> None:
    small_repo.close()
    _break_file(repo_path)
    before = repo_path.read_bytes()
    assert main(["check", "--db", str(repo_path)]) == 1
    first_line = capsys.readouterr().out.splitlines()[0]
    repo = open_repo(repo_path)
    try:
        app = make_app(repo, start="lecturers")
        async with app.run_test(size=SIZE) as pilot:
            assert repo.read_only
            banner = app.screen.query_one("#readonly-banner", Static)
            assert banner.display
            shown = str(banner.render())
            assert first_line in shown
            assert "2" in shown  # how many problems check found
            assert "\x1b" not in shown
            # The records that do stand are still there to read.
            assert names(app) == ["Lê Văn Hùng"]
            await pilot.press("n")
            assert isinstance(app.screen, LecturersScreen)  # no form: nothing can be saved
            assert repo.read_only_reason in notes(app)
    finally:
        repo.close()
    assert repo_path.read_bytes() == before


async def test_an_export_onto_the_data_file_is_refused_before_asking(
    demo_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    before = repo_path.read_bytes()
    app = make_app(demo_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "h", "ctrl+u", *str(repo_path), "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmModal)  # no "replace it?" for the data file
        assert any("tệp dữ liệu" in n and str(repo_path) in n for n in notes(app))
    assert repo_path.read_bytes() == before
