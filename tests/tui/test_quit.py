"""Ctrl+Q never silently loses typing: screens without drafts ask save / discard / stay."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from giangvien.models import Lecturer
from screens.app import GiangvienApp
from screens.first_run_modal import FirstRunModal
from screens.lecturer_form_modal import LecturerFormModal
from screens.quit_modal import QuitModal
from screens.settings import SettingsScreen
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import field_error, settle, until

MakeApp = Callable[..., GiangvienApp]


async def test_quitting_with_settings_edited_asks_and_stay_keeps_them(
    small_repo: Repository, make_app: MakeApp
) -> None:
    before = small_repo.settings().organisation
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#organisation", Input).focus()
        await pilot.press("end", *" Bảo Yên", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        assert "mục Cài đặt" in str(app.screen.query_one("#quit-message").render())
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and app.is_running
        assert app.screen.query_one("#organisation", Input).value == f"{before} Bảo Yên"

        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+s")  # save, then quit
        await settle(app, pilot)
        await pilot.pause()
        assert not app.is_running
    assert small_repo.settings().organisation == f"{before} Bảo Yên"


async def test_discard_quits_without_saving(small_repo: Repository, make_app: MakeApp) -> None:
    before = small_repo.settings().organisation
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#organisation", Input).focus()
        await pilot.press(*"xyz", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("tab", "enter")  # the second button: discard
        await pilot.pause()
        assert not app.is_running
    assert small_repo.settings().organisation == before


async def test_a_refused_save_stays_and_shows_why(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#not_observed_days", Input).focus()
        await pilot.press("end", "ctrl+u", *"abc", "ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # Save (the focused button)
        await settle(app, pilot)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SettingsScreen)
        assert field_error(app, "not_observed_days")  # the reason, at the field
        assert app.screen.query_one("#not_observed_days", Input).value == "abc"


async def test_quitting_with_nothing_changed_just_quits(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_the_lecturer_form_asks_from_another_section(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LecturerFormModal)
        await pilot.press(*"Giàng", "tab", "A", "tab", *"Pao", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # The save runs in a thread, then the app quits: on a busy machine, after a while.
        await until(pilot, lambda: not app.is_running, "the app quits after the save")
    assert any(lec.given_name == "Pao" for lec in small_repo.all(Lecturer))


async def test_the_first_run_setup_asks_too(empty_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(empty_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunModal)
        await pilot.press("ctrl+q")  # nothing typed yet: no question
        await pilot.pause()
        assert not app.is_running
    app = make_app(empty_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"Hoàng", "ctrl+q")  # past joining, to the name
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunModal)
        assert app.screen.query_one("#family_name", Input).value == "Hoàng"
