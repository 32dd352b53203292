"""The visible menu of sections, with the key that opens each."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from giangvien.i18n import tr
from screens.sections import SECTIONS


class SectionMenu(OptionList):
    """Lists the sections; Enter or a click switches to one."""

    def __init__(self, current: str) -> None:
        options = [
            Option(Content.assemble((f"{s.key_display} ", "bold"), tr(s.title_key)), id=s.mode)
            for s in SECTIONS
        ]
        super().__init__(*options, id="section-menu")
        self.current = current

    def on_mount(self) -> None:
        self.highlighted = self.get_option_index(self.current)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.current:
            self.app.switch_mode(event.option.id)
