"""Help for the screen below: its keys, the keys that work everywhere, what it is for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from giangvien.i18n import DEFAULT_LANGUAGE, catalogue, tr
from screens.base import Modal
from screens.sections import SECTIONS

# (keys shown, description, tooltip)
KeyRow = tuple[str, str, str]


def screen_keys(screen: Screen[object]) -> list[KeyRow]:
    """The keys the footer of ``screen`` offers now, one row per action.

    The App's own bindings are left out: they are listed once, as global keys.
    Keys bound to the same action ("f1,question_mark") share a row.
    """
    app = screen.app
    rows: dict[tuple[str, str], list[str]] = {}
    tips: dict[tuple[str, str], str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is app or not binding.show or not binding.description:
            continue
        group = (binding.action, binding.description)
        shown = app.get_key_display(binding)
        if shown not in rows.setdefault(group, []):
            rows[group].append(shown)
        tips[group] = active.tooltip or binding.tooltip
    return [(" / ".join(keys), group[1], tips[group]) for group, keys in rows.items()]


def global_keys(app: App[object]) -> list[KeyRow]:
    def shown(key: str) -> str:
        return " / ".join(app.get_key_display(Binding(k, "")) for k in key.split(","))

    rows = [(s.key_display, tr("help.open_section", section=tr(s.title_key)), "") for s in SECTIONS]
    rows += [
        (shown("ctrl+p"), tr("help.palette"), ""),
        (shown("f1,question_mark"), tr("help.help"), ""),
        (shown("ctrl+q"), tr("help.quit"), ""),
    ]
    return rows


def key_table(rows: Iterable[KeyRow]) -> Content:
    found = list(rows)
    width = max((len(k) for k, _, _ in found), default=0)
    lines = []
    for keys, description, tip in found:
        parts: list[str | tuple[str, str] | Content] = [
            (keys.ljust(width), "bold $accent"),
            "   ",
            Content(description),
        ]
        if tip and tip != description:
            parts += [(" — ", "dim"), (tip, "dim")]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class HelpModal(Modal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,f1,question_mark,q",
            "close",
            "help.key_close",
            id="help-close",
            tooltip="help.key_close_tip",
        ),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.below = screen

    def _section(self) -> str:
        return str(getattr(self.below, "SECTION", "") or "")

    def compose(self) -> ComposeResult:
        section = self._section()
        found = next((s for s in SECTIONS if s.mode == section), None)
        title = tr("help.title", section=tr(found.title_key)) if found else tr("help.title_plain")
        about = f"help.about_{section}"
        if about not in catalogue(DEFAULT_LANGUAGE):
            about = "help.about_other"
        keys = screen_keys(self.below)
        with Vertical(id="help-box"):
            yield Static(title, markup=False, id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(tr(about), markup=False, id="help-about", classes="help-paragraph")
                yield Static(tr("help.screen_keys"), markup=False, classes="help-heading")
                yield Static(
                    key_table(keys) if keys else Content(tr("help.no_screen_keys")),
                    id="help-screen-keys",
                )
                yield Static(tr("help.global_keys"), markup=False, classes="help-heading")
                yield Static(key_table(global_keys(self.app)), id="help-global-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
