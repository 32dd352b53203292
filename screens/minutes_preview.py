"""The minutes of one meeting as they will print, and their export to Markdown, HTML or Word.

The preview uses the documents' own Markdown dialect (``documents.html.parser``),
so what is seen is what is exported. When something the minutes need is
missing, the preview says what, and export is refused with the same sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from giangvien.documents.export import rendered
from giangvien.documents.html import parser
from giangvien.documents.meeting import (
    meeting_minutes,
    minutes_filename,
    minutes_title,
    missing_for_minutes,
)
from giangvien.i18n import tr
from giangvien.models import Lecturer, Meeting
from screens.base import Localised
from screens.export_modal import ExportSentences, save_export
from screens.meetings import key

SAID = ExportSentences("meetings.confirm_overwrite", "meetings.exported", "meetings.export_failed")

if TYPE_CHECKING:
    from screens.app import GiangvienApp

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx"}


class MinutesPreviewScreen(Screen[None], Localised):
    NOT_FOUND = "meetings.not_found"  # said when the previewed record is gone

    BINDINGS: ClassVar[list[BindingType]] = [
        key("m", "export('md')", "export_md"),
        key("h", "export('html')", "export_html"),
        key("w", "export('docx')", "export_docx"),
        key("escape", "back", "back"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self._make_ready()
        self.meeting_id = meeting_id
        self.markdown = ""
        self.title_text = ""
        self.missing: list[str] = []

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)

    def _meeting(self) -> Meeting | None:
        found = self.gv.repo.get(Meeting, self.meeting_id)
        return None if found is None or found.deleted else found

    def _previewed(self) -> object | None:
        """The record the preview shows (None: gone); a subclass previews another kind."""
        return self._meeting()

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        meeting = self._meeting()
        if meeting is not None:
            settings = repo.settings()
            names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}
            self.markdown = meeting_minutes(meeting, settings, names)
            self.title_text = minutes_title(meeting)
            self.missing = missing_for_minutes(meeting, settings)
        yield Header()
        said = [tr("documents.cannot_export"), *(f"• {m}" for m in self.missing)]
        missing = Static(
            "\n".join(said) if self.missing else "", markup=False, id="preview-missing"
        )
        missing.display = bool(self.missing)
        yield missing
        with VerticalScroll(id="preview-scroll"):
            yield Markdown(self.markdown, parser_factory=parser, open_links=False, id="preview-doc")
        yield Footer()

    def on_mount(self) -> None:
        # Textual also runs this for a subclass (every on_mount of the chain), so
        # it asks the subclass what it previews rather than looking up a meeting.
        self.query_one("#preview-scroll").focus()
        if self._previewed() is None:
            self.notify(tr(self.NOT_FOUND), severity="warning")

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self, kind: str) -> None:
        meeting = self._meeting()
        if meeting is None:
            self.notify(tr("meetings.not_found"), severity="warning")
            return
        if self.missing:
            lines = [tr("documents.cannot_export"), *(f"• {m}" for m in self.missing)]
            self.notify("\n".join(lines), severity="error", markup=False, timeout=10)
            return
        from screens.export_modal import ExportModal

        default = f"~/{minutes_filename(meeting, EXTENSIONS[kind])}"
        title = tr(f"meetings.export_{kind}_title")
        self.app.push_screen(ExportModal(title, default), lambda path: self._chosen(path, kind))

    def _chosen(self, path: Path | None, kind: str) -> None:
        if path is not None:
            save_export(self, path, rendered(self.markdown, self.title_text, kind), SAID)
