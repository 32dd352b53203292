"""The Settings section: the Center's record, this laptop's user, what is in use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from giangvien.models import Settings
from giangvien.models.settings import DEFAULT_PROGRAMMES, Layout
from screens.app import GiangvienApp
from screens.settings import SettingsScreen
from store.repository import Repository
from tests.tui.conftest import SIZE, open_repo
from tests.tui.helpers import field_error, give_pin, notes, settle

MakeApp = Callable[..., GiangvienApp]


async def retype(app: GiangvienApp, pilot: Pilot[None], widget_id: str, text: str) -> None:
    app.screen.query_one(f"#{widget_id}", Input).focus()
    await pilot.press("end", "ctrl+u", *text)


async def test_settings_edited_and_saved(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SettingsScreen)
        await retype(app, pilot, "organisation", "Trung tâm Chính trị huyện Bảo Yên")
        await retype(app, pilot, "parent_body", "Huyện ủy Bảo Yên")
        await retype(app, pilot, "place_name", "Bảo Yên")
        app.screen.query_one("#layout", Select).focus()
        await pilot.press("enter", "down", "enter")  # Party -> state layout
        await retype(app, pilot, "number_code", "TTCT-BY")
        await retype(app, pilot, "not_observed_days", "60")
        await retype(app, pilot, "observation_quota", "4")
        programmes = app.screen.query_one("#programmes", TextArea)
        programmes.focus()
        programmes.move_cursor(programmes.document.end)
        await pilot.press("enter", "enter", *"Bồi dưỡng kiến thức mới")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        settings = small_repo.settings()
        assert settings.organisation == "Trung tâm Chính trị huyện Bảo Yên"
        assert settings.parent_body == "Huyện ủy Bảo Yên"
        assert settings.place_name == "Bảo Yên"
        assert settings.layout is Layout.STATE
        assert settings.number_code == "TTCT-BY"
        assert settings.not_observed_days == 60
        assert settings.observation_quota == 4
        # The blank line typed in between is not a programme.
        assert settings.programmes == [*DEFAULT_PROGRAMMES, "Bồi dưỡng kiến thức mới"]
        assert "Đã lưu cài đặt." in notes(app)
        assert app.sub_title.startswith("Trung tâm Chính trị huyện Bảo Yên")
        assert app.screen.query_one("#not_observed_days", Input).value == "60"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "Phải là số nguyên."), ("0", "Không được nhỏ hơn 1."), ("8,5", "Phải là số nguyên.")],
)
async def test_a_bad_threshold_is_refused_at_the_field(
    small_repo: Repository, make_app: MakeApp, typed: str, message: str
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await retype(app, pilot, "organisation", "Tên mới")
        await retype(app, pilot, "not_observed_days", typed)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert field_error(app, "not_observed_days") == message
        assert field_error(app, "organisation") == ""
        assert app.focused is app.screen.query_one("#not_observed_days", Input)
        assert small_repo.all(Settings) == []  # nothing stored, not even the good field
        assert small_repo.settings().organisation == "Trung tâm Chính trị"
        # The typing stays for the user to fix.
        assert app.screen.query_one("#organisation", Input).value == "Tên mới"


async def test_quota_empty_means_none_and_zero_is_refused(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await retype(app, pilot, "observation_quota", "0")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert field_error(app, "observation_quota") == "Không được nhỏ hơn 1."
        assert small_repo.all(Settings) == []
        await retype(app, pilot, "observation_quota", "")
        assert field_error(app, "observation_quota") == ""  # cleared as soon as it is fixed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Settings) != []
        assert small_repo.settings().observation_quota is None


async def test_change_the_current_user(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await retype(app, pilot, "place_name", "Sa Pa")  # unsaved typing, kept below
        who = app.screen.query_one("#current_user", Select)
        assert who.value == small_repo.current_user().id
        who.focus()
        # Options by given name: Nguyễn Văn An, Lê Văn Hùng (current), Phạm Thị Lan.
        await pilot.press("enter", "down", "enter")
        await give_pin(app, pilot)  # Lan is a deputy director: her PIN first
        user = small_repo.current_user()
        assert user is not None and user.full_name == "Phạm Thị Lan"
        assert app.user == user
        assert "Phạm Thị Lan" in app.sub_title
        assert who.value == user.id
        assert app.screen.query_one("#place_name", Input).value == "Sa Pa"


async def test_rubric_and_data_file_are_shown(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE):
        rubric = str(app.screen.query_one("#rubric-text", Static).render())
        assert rubric == small_repo.active_rubric().describe()
        assert "ND1" in rubric
        path = str(app.screen.query_one("#datafile-path", Static).render())
        assert path == str(small_repo.datafile.path)


async def test_read_only_settings_are_not_saved(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    second = open_repo(repo_path)
    try:
        app = make_app(second, start="settings")
        async with app.run_test(size=SIZE) as pilot:
            assert app.screen.query_one("#readonly-banner", Static).display
            await retype(app, pilot, "organisation", "Tên khác")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert second.read_only_reason in notes(app)
            assert small_repo.all(Settings) == []
    finally:
        second.close()
