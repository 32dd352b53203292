"""The key footer: one line of text, not a widget per key.

Textual's ``Footer`` rebuilds itself whenever the bindings change (every focus
move): it removes its keys and mounts a new ``FooterKey`` widget for each,
and each new key restyles itself twice as its reactives settle. On a section
that was 0.1-0.2 s of the first visit (docs/benchmarks.md). This footer
shows the same keys the same way, from the same ``screen.active_bindings``,
as one renderable redrawn when they change: nothing mounted, nothing styled.
A click on a key presses it, and hovering a key shows its tooltip, as in
Textual's footer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class _Item:
    keys: tuple[tuple[str, str], ...]  # (key, as shown)
    description: str
    tooltip: str
    enabled: bool
    optional: bool = False  # left out when the line is too short for every key


# Keys the footer leaves out first when the terminal is narrow: F1 lists them all.
OPTIONAL = frozenset({"form-history"})


class KeyFooter(Widget, can_focus=False):
    """The active bindings of the screen, as Textual's ``Footer`` shows them."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.compact = compact
        self._items: list[_Item] = []
        self._palette: _Item | None = None
        # Where each key was drawn at the last render: (start, end, key, item).
        self._spans: list[tuple[int, int, str, _Item]] = []

    def on_mount(self) -> None:
        # The keys are read when the screen says its bindings are ready, never
        # before: a screen's check_action may look at widgets not mounted yet.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            # After the refresh, as Textual's footer does: the signal can come
            # while the screen's widgets are still being mounted.
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        if not self.is_attached:
            return
        active = self.screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        display = self.app.get_key_display
        items: list[_Item] = []
        # As Textual's footer: one place per action, its first binding; the
        # actions of one group side by side under the group's description.
        for group, actions in groupby(by_action.values(), lambda b: b[0][0].group):
            firsts = [bindings[0] for bindings in actions]
            if group is not None and len(firsts) > 1:
                keys = tuple((b.key, display(b)) for b, _, _ in firsts)
                tips = " · ".join(t or b.description for b, _, t in firsts)
                items.append(_Item(keys, group.description, tips, any(e for _, e, _ in firsts)))
            else:
                items.extend(
                    _Item(((b.key, display(b)),), b.description, t, e, b.id in OPTIONAL)
                    for b, e, t in firsts
                )
        found = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette = None
        if found is not None and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, tooltip = found
            palette = _Item(
                ((binding.key, display(binding)),),
                binding.description,
                tooltip or binding.tooltip or binding.description,
                enabled,
            )
        if (items, palette) != (self._items, self._palette):
            self._items, self._palette = items, palette
            self.refresh()

    @property
    def words(self) -> list[str]:
        """What the footer says beside its keys, in order (the palette's last)."""
        shown = [*self._items, *([self._palette] if self._palette else [])]
        return [item.description for item in shown]

    def _piece(self, item: _Item, text: Text, spans: list[tuple[int, int, str, _Item]]) -> None:
        key_style = self.get_component_rich_style("key-footer--key")
        described = self.get_component_rich_style("key-footer--description")
        dim = Style(dim=True) if not item.enabled else Style()
        pad = "" if self.compact else " "
        for key, shown in item.keys:
            start = text.cell_len
            text.append(f"{pad}{shown}{pad}", key_style + dim)
            spans.append((start, text.cell_len, key, item))
        if item.description:
            start = text.cell_len
            text.append(f" {item.description}" if self.compact else f"{item.description} ",
                        described + dim)  # fmt: skip
            spans.append((start, text.cell_len, item.keys[0][0], item))
        if self.compact:
            text.append(" ")

    def render(self) -> Text:
        spans: list[tuple[int, int, str, _Item]] = []
        text = Text(no_wrap=True, overflow="crop", end="")
        items = self._items
        if self._width(items) > self.size.width:
            items = [item for item in items if not item.optional]
        # Whole keys only: one that does not fit is left out, never cut in the middle.
        fits = 0
        while fits < len(items) and self._width(items[: fits + 1]) <= self.size.width:
            fits += 1
        for item in items[:fits]:
            self._piece(item, text, spans)
        if self._palette is not None:
            right = Text(no_wrap=True, end="")
            right_spans: list[tuple[int, int, str, _Item]] = []
            self._piece(self._palette, right, right_spans)
            gap = self.size.width - text.cell_len - right.cell_len - 1
            if gap >= 1:
                offset = text.cell_len + gap + 1
                text.append(" " * gap)
                text.append("▏", Style(dim=True))
                text.append_text(right)
                spans.extend((s + offset, e + offset, k, i) for s, e, k, i in right_spans)
        self._spans = spans
        return text

    def _width(self, items: list[_Item]) -> int:
        text = Text(no_wrap=True, end="")
        for item in items:
            self._piece(item, text, [])
        return text.cell_len

    def _at(self, x: int) -> tuple[str, _Item] | None:
        for start, end, key, item in self._spans:
            if start <= x < end:
                return key, item
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hit = self._at(event.x)
        self.tooltip = hit[1].tooltip if hit and hit[1].tooltip else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self._at(event.x)
        if hit is None:
            return
        key, item = hit
        if item.enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
