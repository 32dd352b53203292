"""The one-line key footer of the sections: what it says, and that a click presses a key."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

from giangvien.i18n import set_language, tr
from screens.app import GiangvienApp
from screens.development import DevelopmentScreen
from screens.widgets.footer import KeyFooter
from store.repository import Repository
from tests.tui.conftest import SIZE

MakeApp = Callable[..., GiangvienApp]


def footer_text(app: GiangvienApp) -> str:
    return app.screen.query_one(KeyFooter).render().plain


def shown(app: GiangvienApp) -> list[tuple[str, str]]:
    """(key as shown, description) of every action the screen shows now, by its first key."""
    first: dict[str, tuple[str, str]] = {}
    for b in app.screen.active_bindings.values():
        if b.binding.show and b.binding.action not in first:
            first[b.binding.action] = (app.get_key_display(b.binding), b.binding.description)
    return list(first.values())


async def test_every_shown_key_of_each_section_is_in_its_footer(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        for key in "123456789":
            await pilot.press(key)
            await pilot.pause()
            text = footer_text(app)
            for display, description in shown(app):
                # Grouped keys ([ and ]) stand together before their group's name.
                assert f"{display} " in text, (key, display, text)
                if not any(b.binding.group for b in app.screen.active_bindings.values()
                           if b.binding.description == description):  # fmt: skip
                    assert f"{display} {description}" in text, (key, description, text)
            assert f"{tr('app.key_quit')}" in text


async def test_the_footer_speaks_english_with_lang_en(
    small_repo: Repository, make_app: MakeApp
) -> None:
    set_language("en")
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = footer_text(app)
        assert "n New sheet" in text and "Ctrl+Q Quit" in text and "Ctrl+P Find" in text


async def test_the_footer_follows_what_a_key_means_now(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(demo_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DevelopmentScreen)
        center, profile = tr("development.key_center"), tr("development.key_profile")
        assert f"c {center}" in footer_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert f"c {profile}" in footer_text(app) and center not in footer_text(app)


async def test_a_click_on_a_key_presses_it(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lists = app.screen
        assert lists.query_one(DataTable)
        text = footer_text(app)
        at = text.index(f" n {tr('observations.key_new')}") + 1
        await pilot.click(KeyFooter, offset=(at, 0))
        await pilot.pause()
        assert app.screen is not lists
        assert type(app.screen).__name__ == "ObservationFormScreen"
