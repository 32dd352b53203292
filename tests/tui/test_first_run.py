"""First run on a file with no user: pick or add yourself, name the Center."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Header, Input, Select
from textual.widgets._header import HeaderTitle

from giangvien.models import Lecturer, Position, Settings
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.first_run_modal import FirstRunModal
from screens.lecturer_form_modal import LecturerFormModal
from screens.lecturers import LecturersScreen
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import field_error, names, screen_text, settle, until

MakeApp = Callable[..., GiangvienApp]


async def retype(pilot: Pilot[None], text: str) -> None:
    """Replace the focused input's text, as a user would: clear it, then type."""
    await pilot.press("end", "ctrl+u", *text)


async def test_add_yourself_and_name_the_center(empty_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(empty_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FirstRunModal)
        assert not modal.query_one("#who-field").display  # nobody to pick yet
        assert modal.query_one("#organisation", Input).value == "Trung tâm Chính trị"
        assert app.screen.focused is modal.query_one("#join_path")  # joining comes first
        await pilot.press("tab", "tab")  # past it and its button
        await pilot.press(*"Hoàng", "tab", *"Thị", "tab", *"Mai", "tab")
        await pilot.press("enter", "up", "up", "enter")  # Giảng viên -> Giám đốc
        await pilot.press("tab")
        await retype(pilot, "Trung tâm Chính trị huyện Mường Khương")
        await pilot.press("tab")
        await retype(pilot, "Huyện ủy Mường Khương")
        await pilot.press("tab")
        await retype(pilot, "Mường Khương")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert isinstance(app.screen, LecturersScreen)
        user = empty_repo.current_user()
        assert user is not None
        assert (user.family_name, user.middle_name, user.given_name) == ("Hoàng", "Thị", "Mai")
        assert user.position is Position.DIRECTOR
        assert app.user == user
        settings = empty_repo.settings()
        assert settings.organisation == "Trung tâm Chính trị huyện Mường Khương"
        assert settings.parent_body == "Huyện ủy Mường Khương"
        assert settings.place_name == "Mường Khương"
        assert "Hoàng Thị Mai" in app.sub_title
        assert "Mường Khương" in app.sub_title
        assert "Hoàng Thị Mai" in screen_text(app.screen.query_one(Header).query_one(HeaderTitle))
        assert names(app) == ["Hoàng Thị Mai"]


async def test_pick_an_existing_lecturer(empty_repo: Repository, make_app: MakeApp) -> None:
    for family, middle, given in (("Lê", "Văn", "Hùng"), ("Phạm", "Thị", "Lan"), ("Đỗ", "", "An")):
        empty_repo.save(Lecturer(family_name=family, middle_name=middle, given_name=given))
    app = make_app(empty_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FirstRunModal)
        who = modal.query_one("#who", Select)
        assert modal.query_one("#who-field").display
        await pilot.press("tab", "tab")  # past joining, to the names
        assert app.focused is who
        # Options: Đỗ An, Lê Văn Hùng, Phạm Thị Lan, then "add me" (chosen at first).
        await pilot.press("enter", "up", "up", "enter")
        assert not modal.query_one("#first-run-new").display
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, LecturersScreen)
        user = empty_repo.current_user()
        assert user is not None and user.full_name == "Lê Văn Hùng"
        assert len(empty_repo.lecturers()) == 3  # nobody added
        assert "Lê Văn Hùng" in app.sub_title


async def test_bad_fields_are_refused_at_the_field(
    empty_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(empty_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"Hoàng", "tab", "tab", *"   ")
        app.screen.query_one("#organisation", Input).focus()
        await retype(pilot, "")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FirstRunModal)
        assert field_error(app, "given_name") == "Chưa được điền."
        assert field_error(app, "organisation") == "Chưa được điền."
        assert field_error(app, "family_name") == ""
        # Nothing stored: no lecturer, no settings record, no user.
        assert empty_repo.lecturers() == []
        assert empty_repo.all(Settings) == []
        assert empty_repo.current_user() is None
        # Fixing both lets it through.
        app.screen.query_one("#given_name", Input).focus()
        await retype(pilot, "Mai")
        app.screen.query_one("#organisation", Input).focus()
        await retype(pilot, "Trung tâm Chính trị")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        user = empty_repo.current_user()
        assert user is not None and user.full_name == "Hoàng Mai"


async def test_escape_asks_before_going_on_without_a_user(
    empty_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(empty_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"Hoàng", "escape")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # changed my mind: back, with the typing kept
        assert isinstance(app.screen, FirstRunModal)
        assert app.screen.query_one("#family_name", Input).value == "Hoàng"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, LecturersScreen)
        assert app.user is None and empty_repo.current_user() is None
        assert "chưa chọn người dùng" in app.sub_title
        await pilot.press("n")  # the app still works
        assert isinstance(app.screen, LecturerFormModal)


async def test_not_shown_when_the_file_has_a_user(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LecturersScreen)
        assert app.user is not None and app.user.full_name == "Lê Văn Hùng"


async def test_a_new_laptop_joins_the_center_through_the_shared_folder(
    empty_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    from giangvien.cli import main

    folder, first = tmp_path / "shared", tmp_path / "first.json"
    folder.mkdir()
    assert main(["demo", "--db", str(first)]) == 0
    assert main(["sync", "--db", str(first), "--folder", str(folder)]) == 0
    app = make_app(empty_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FirstRunModal)
        assert app.screen.focused is modal.query_one("#join_path", Input)
        await pilot.press(*str(tmp_path / "nowhere"), "enter")
        await settle(app, pilot)
        assert "nowhere" in field_error(app, "join_path")  # said at the field
        await pilot.press("ctrl+u", *str(folder), "enter")
        await settle(app, pilot)
        await until(pilot, lambda: app.screen.query_one("#who-field").display, "names to pick")
        assert not app.screen.query("#join_path")  # joined: no second Center to join
        assert app.screen.focused is app.screen.query_one("#who", Select)
        await pilot.press("enter", "home", "enter", "ctrl+s")  # the first name of the list
        await settle(app, pilot)
        assert not isinstance(app.screen, FirstRunModal)
    assert empty_repo.current_user() is not None
    assert empty_repo.datafile.meta.get("center_settled")
    assert len(empty_repo.lecturers()) > 3
