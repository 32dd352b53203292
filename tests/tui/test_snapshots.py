"""Snapshots of the screens a user meets most, at a fixed terminal size.

Plain ``def`` tests (pytest-textual-snapshot drives the app itself). They are
only meaningful for the Textual version the test extra pins; regenerate with
``pytest tests/tui/test_snapshots.py --snapshot-update`` after looking at the
report, never blindly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screens.app import GiangvienApp
from store.repository import Repository
from tests.tui.conftest import DEMO_TODAY, SIZE


def pinned(repo: Repository, start: str = "dashboard") -> GiangvienApp:
    app = GiangvienApp(repo, start=start)
    app.today = lambda: DEMO_TODAY  # type: ignore[method-assign]
    return app


async def still(pilot: Pilot[Any]) -> None:
    """Stop every cursor blinking, so the picture does not depend on timing."""
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_dashboard(snap_compare: Callable[..., bool], demo_repo: Repository) -> None:
    assert snap_compare(pinned(demo_repo), terminal_size=SIZE, run_before=still)


def test_observation_form(snap_compare: Callable[..., bool], demo_repo: Repository) -> None:
    async def open_first(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")
        await still(pilot)

    assert snap_compare(pinned(demo_repo), terminal_size=SIZE, run_before=open_first)


def test_review_queue(snap_compare: Callable[..., bool], demo_repo: Repository) -> None:
    assert snap_compare(pinned(demo_repo, start="reviews"), terminal_size=SIZE, run_before=still)


NARROW = (80, 24)


def test_observations_list_at_80_by_24(
    snap_compare: Callable[..., bool], demo_repo: Repository
) -> None:
    """Score, band and review stay on screen; the section menu gives way."""
    app = pinned(demo_repo, start="observations")
    assert snap_compare(app, terminal_size=NARROW, run_before=still)


def test_meeting_form_at_80_by_24(snap_compare: Callable[..., bool], demo_repo: Repository) -> None:
    """The form's first row (date, times, number) fits in 80 columns."""

    async def open_new(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("n")
        await still(pilot)

    app = pinned(demo_repo, start="meetings")
    assert snap_compare(app, terminal_size=NARROW, run_before=open_new)
