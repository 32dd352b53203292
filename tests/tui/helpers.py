"""What the TUI tests share: reading the screen as a user sees it, typing as a keyboard does."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static

from screens.app import GiangvienApp
from screens.widgets.field import Field


def screen_text(widget: Widget) -> str:
    """What the widget draws on the terminal, line by line (not the data behind it)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def notes(app: GiangvienApp) -> list[str]:
    return [n.message for n in app._notifications]


def field_error(app: GiangvienApp, name: str) -> str:
    field = next(f for f in app.screen.query(Field) if f.name == name)
    return str(field.query_one(".field-error", Static).render())


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, combining marks included (NFD, as macOS keyboards send).

    Pilot.press drops a lone combining mark (it finds no key for it), so those are
    sent as the key events a terminal would deliver.
    """
    for ch in text:
        if unicodedata.combining(ch):
            key = unicodedata.name(ch).lower().replace(" ", "_")
            pilot.app.post_message(events.Key(key, ch))
            await pilot.pause()
        else:
            await pilot.press(ch)


async def settle(app: GiangvienApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def rows(app: GiangvienApp) -> list[list[str]]:
    table = app.screen.query_one("#lecturer-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def names(app: GiangvienApp) -> list[str]:
    return [row[0] for row in rows(app)]


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app work until ``condition`` holds (mounts and removals finish in
    their own time: under load one idle pause is not enough); fail saying ``what``."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


PIN = "2468"


async def give_pin(app: GiangvienApp, pilot: Pilot[None], pin: str = PIN) -> None:
    """Answer the PIN question by keys: set it (typed twice) on first use, else type it."""
    from screens.pin_modal import PinModal

    await until(pilot, lambda: isinstance(app.screen, PinModal), "the PIN question")
    setting = app.screen.setting  # type: ignore[attr-defined]
    await pilot.press(*pin, "enter")
    if setting:
        await pilot.press(*pin, "enter")
    await settle(app, pilot)
