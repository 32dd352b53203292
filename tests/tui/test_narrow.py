"""At 80×24 the record lists keep the columns that matter on screen, and every
field of a form can be reached (the form scrolls to whatever has the focus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable

from giangvien.i18n import tr
from screens.app import GiangvienApp
from screens.record_form import RecordForm
from store.repository import Repository
from tests.tui.helpers import until

MakeApp = Callable[..., GiangvienApp]
NARROW = (80, 24)

# Per list: its table and the columns that must be visible without scrolling.
MATTER = {
    "observations": ("#obs-table", ["col_date", "col_lecturer", "col_lesson", "col_total",
                                    "col_band", "col_reviewed"]),
    "trials": ("#trials-table", ["col_date", "col_lecturer", "col_lesson", "col_verdict"]),
    "meetings": ("#mtg-table", ["col_date", "col_chair", "col_present", "col_open"]),
    "sessions": ("#sessions-table", ["col_date", "col_level", "col_talks", "col_attended",
                                     "col_late", "col_absent"]),
}  # fmt: skip


@pytest.mark.parametrize("mode", list(MATTER))
async def test_the_columns_that_matter_are_on_screen(
    demo_repo: Repository, make_app: MakeApp, mode: str
) -> None:
    table_id, wanted = MATTER[mode]
    app = make_app(demo_repo, start=mode)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = app.screen.query_one(table_id, DataTable)
        assert table.row_count
        visible = table.scrollable_content_region.width
        right = 0
        shown = {}
        for column in table.ordered_columns:
            right += column.get_render_width(table)
            shown[str(column.key.value)] = right <= visible
        assert [c for c in wanted if not shown[c]] == [], f"{mode}: {visible} columns"
        # And the header names them as the user reads them.
        header = table.render_line(0).text
        assert tr(f"{mode}.{wanted[-1]}")[:4] in header


async def tab_through(app: GiangvienApp, pilot: Pilot[None], mode: str) -> list[Widget]:
    """Tab through the whole form: each focus is on screen; what had it, in order."""
    form = app.screen
    assert isinstance(form, RecordForm)
    seen: list[Widget] = []
    for _ in range(200):
        focused = app.focused
        assert focused is not None
        if focused.region.height:  # an open dropdown's list is drawn elsewhere
            screen = form.region
            # (A widget taller than the screen cannot fit; it only has to be shown.)
            fits = focused.region.height <= screen.height - 4
            assert screen.contains_region(focused.region) or not fits, (
                f"{mode}: {focused!r} at {focused.region} off screen"
            )
        seen.append(focused)
        await pilot.press("tab")
        await pilot.pause()
        if app.focused is form.focus_chain[0]:
            break
    assert len(seen) > 5
    return seen


@pytest.mark.parametrize("mode", list(MATTER))
async def test_every_field_of_a_form_is_reached_by_tab(
    demo_repo: Repository, make_app: MakeApp, mode: str
) -> None:
    app = make_app(demo_repo, start=mode)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await tab_through(app, pilot, mode)


async def test_the_earlier_suggestions_fit_at_80_columns(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    from screens.widgets.suggestion_checks import AnswerChoice, SuggestionChecks

    app = make_app(demo_repo, start="observations")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        # A lecturer observed before: the sheet asks about their last suggestions.
        await pilot.press("tab", "enter", *"hieu", "enter")
        await until(pilot, lambda: bool(app.screen.query(AnswerChoice)), "the suggestions")
        seen = await tab_through(app, pilot, "observations")
        answers = list(app.screen.query(AnswerChoice))
        assert [w for w in seen if isinstance(w, AnswerChoice)] == answers
        # Beside each answer, room enough to read the suggestion.
        texts = app.screen.query_one(SuggestionChecks).query(".checks-text")
        assert all(t.region.width >= 30 for t in texts), [t.region for t in texts]
        assert all(a.region.right <= app.screen.region.right for a in answers)
