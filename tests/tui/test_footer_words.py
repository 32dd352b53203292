"""Every word in the footer is the user's language, and says what the screen says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Button, Select
from textual.widgets._footer import FooterKey

from giangvien.i18n import catalogue, set_language
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.widgets.footer import KeyFooter
from store.repository import Repository
from tests.tui.conftest import SIZE

MakeApp = Callable[..., GiangvienApp]


def footer_words(app: GiangvienApp) -> list[str]:
    """The words of the screen's footer, ours or Textual's (modals keep Textual's)."""
    ours = app.screen.query(KeyFooter)
    if ours:
        return ours.first().words
    return [key.description for key in app.screen.query(FooterKey)]


def foreign(app: GiangvienApp, lang: str = "vi") -> list[str]:
    """Footer words that are not sentences of the catalogue (Textual's own English).

    Keys of a group ("[ ]  Kỳ") carry no word of their own: the group's label says it.
    """
    known = {"", *catalogue(lang).values()}
    return [word for word in footer_words(app) if word not in known]


async def test_the_confirm_footer_says_what_its_buttons_say(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(demo_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert buttons == ["Có", "Không"]
        assert footer_words(app) == buttons
        await pilot.press("n")
        await pilot.pause()
        # A question with its own answers shows them in the footer too.
        app.push_screen(ConfirmModal("?", yes="Bỏ bản viết", no="Ở lại"))
        await pilot.pause()
        assert footer_words(app) == ["Bỏ bản viết", "Ở lại"]


async def test_an_open_dropdown_speaks_vietnamese(demo_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(demo_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        select = app.screen.query(Select).first()
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert select.expanded
        assert "Đóng danh sách" in footer_words(app)
        assert foreign(app) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_no_footer_word_is_left_untranslated_in_sections_and_forms(
    demo_repo: Repository, make_app: MakeApp, lang: str
) -> None:
    set_language(lang)
    try:
        app = make_app(demo_repo)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for number, mode in enumerate(["dashboard", "lecturers", "observations",
                                           "reviews", "trials", "meetings", "sessions",
                                           "development", "settings"], start=1):  # fmt: skip
                await pilot.press(str(number))
                await pilot.pause()
                assert app.current_mode == mode
                assert foreign(app, lang) == [], mode
                if mode in ("observations", "trials", "meetings", "sessions"):
                    await pilot.press("n")
                    await pilot.pause()
                    assert foreign(app, lang) == [], f"{mode} form"
                    await pilot.press("escape")
                    await pilot.pause()
    finally:
        set_language("vi")
