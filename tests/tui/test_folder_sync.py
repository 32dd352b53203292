"""The shared folder from inside the app: brought in on start, on a key and when the
folder changes; this laptop's file written after a change and on quit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from giangvien.cli import main
from giangvien.models import Lecturer
from screens.app import GiangvienApp
from store.repository import Repository
from store.sync import brought_in, own_name, set_shared_folder, shared_folder
from tests.tui.conftest import SIZE
from tests.tui.helpers import notes, settle, until

MakeApp = Callable[..., GiangvienApp]


def other_laptop(tmp_path: Path, folder: Path, repo: Repository, given: str) -> Path:
    """A second laptop of the same Center: it joins through the folder and adds a lecturer."""
    from giangvien import __version__
    from store.datafile import open_datafile
    from store.sync import sync_round

    db = tmp_path / "other.json"
    assert main(["sync", "--db", str(db), "--folder", str(folder)]) == 0
    other = Repository(open_datafile(db, app_version=__version__))
    try:
        assert other.center_id == repo.center_id
        other.save(Lecturer(family_name="Trần", middle_name="Văn", given_name=given))
        sync_round(other, folder, __version__)
    finally:
        other.close()
    return db


@pytest.fixture
def shared(tmp_path: Path, small_repo: Repository) -> Path:
    from giangvien import __version__
    from store.sync import sync_round

    folder = tmp_path / "shared"
    folder.mkdir()
    set_shared_folder(small_repo, folder)
    sync_round(small_repo, folder, __version__)  # this laptop's file, for the other to join
    return folder


async def test_the_other_laptops_records_come_in_on_start_and_ours_go_out_on_quit(
    tmp_path: Path, small_repo: Repository, shared: Path, make_app: MakeApp
) -> None:
    other_laptop(tmp_path, shared, small_repo, "Bình")
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await until(pilot, lambda: any("Đã đưa vào" in n for n in notes(app)), "a round said")
        assert any(lec.given_name == "Bình" for lec in small_repo.all(Lecturer))
        assert brought_in(small_repo)  # the dashboard's "last brought in" has it
        await pilot.press("ctrl+q")
        await pilot.pause()
    mine = (shared / own_name(small_repo.laptop_id)).read_text(encoding="utf-8")
    assert "Bình" in mine


async def test_a_round_on_the_key_says_how_it_went_and_a_bad_file_once(
    tmp_path: Path, small_repo: Repository, shared: Path, make_app: MakeApp
) -> None:
    (shared / "giangvien-broken.json").write_text('{"format": "giangvien-interc', "utf-8")
    app = make_app(small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await until(pilot, lambda: any("giangvien-broken" in n for n in notes(app)), "skip said")
        said = len(notes(app))
        app.action_sync_now()
        await settle(app, pilot)
        await until(pilot, lambda: len(notes(app)) > said, "the asked round said")
        assert any("đã cập nhật sẵn" in n for n in notes(app))
        other_laptop(tmp_path, shared, small_repo, "Cường")
        app.folder_sync._check_folder()  # what the polling timer calls
        await until(
            pilot,
            lambda: any(lec.given_name == "Cường" for lec in small_repo.all(Lecturer)),
            "a change in the folder is brought in",
        )
        line = app.screen.query_one("#dash-laptops", Static)
        await until(pilot, lambda: "máy " in str(line.render()), "the dashboard says when")
        assert "Dữ liệu các máy khác đưa vào lần cuối" in str(line.render())
        assert not any("Traceback" in n for n in notes(app))


async def test_the_key_without_a_folder_says_where_to_set_one(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.action_sync_now()
        await pilot.pause()
        assert any("chưa đặt thư mục dùng chung" in n for n in notes(app))


async def test_a_saved_change_reaches_the_folder_without_quitting(
    small_repo: Repository, shared: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.folder_sync import FolderSync

    monkeypatch.setattr(FolderSync, "AFTER_SAVE_SECONDS", 0.2)
    mine = shared / own_name(small_repo.laptop_id)
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Giàng", "tab", "A", "tab", *"Pao", "ctrl+s")
        await settle(app, pilot)
        for _ in range(200):  # the timer's own time, then the write's: up to 10 s on a busy CI
            if "Pao" in mine.read_text("utf-8"):
                break
            await pilot.pause(0.05)
        assert "Pao" in mine.read_text("utf-8"), "the folder has the change"


async def test_the_folder_is_set_once_in_settings(
    tmp_path: Path, small_repo: Repository, make_app: MakeApp
) -> None:
    from textual.widgets import Input

    from tests.tui.helpers import field_error

    folder = tmp_path / "Drive"
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#shared_folder", Input).focus()
        await pilot.press(*str(folder), "ctrl+s")
        await settle(app, pilot)
        assert "Không tìm thấy thư mục" in field_error(app, "shared_folder")
        folder.mkdir()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await until(pilot, lambda: (folder / own_name(small_repo.laptop_id)).exists(), "written")
    assert shared_folder(small_repo) == folder.resolve()
