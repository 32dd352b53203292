"""The minutes of one trial lecture, in the meeting minutes' preview: same parser, same export.

``MinutesPreviewScreen`` is built around a meeting id; this subclass gives it
a trial's document instead and keeps everything else (the bindings m/h/Esc,
the export dialog, overwrite question and writing in a thread).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from giangvien.documents.html import parser
from giangvien.documents.trial import (
    missing_for_trial_minutes,
    trial_filename,
    trial_minutes,
    trial_title,
)
from giangvien.i18n import tr
from giangvien.models import Lecturer, Trial
from screens.minutes_preview import EXTENSIONS, MinutesPreviewScreen


class TrialMinutesScreen(MinutesPreviewScreen):
    NOT_FOUND = "trials.not_found"

    def __init__(self, trial_id: str) -> None:
        super().__init__(trial_id)
        self.trial_id = trial_id

    def _trial(self) -> Trial | None:
        found = self.gv.repo.get(Trial, self.trial_id)
        return None if found is None or found.deleted else found

    def _previewed(self) -> Trial | None:
        return self._trial()

    def _names(self) -> dict[str, Lecturer]:
        return {lec.id: lec for lec in self.gv.repo.all(Lecturer, include_deleted=True)}

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        trial = self._trial()
        if trial is not None:
            settings = repo.settings()
            rubric = None
            if trial.rubric_id is not None:  # scored: show each member's total and band
                rubric = repo.rubric(trial.rubric_id, trial.rubric_version or 0)
            self.markdown = trial_minutes(trial, settings, self._names(), rubric)
            self.title_text = trial_title(trial)
            self.missing = missing_for_trial_minutes(trial, settings)
        yield Header()
        said = [tr("documents.cannot_export"), *(f"• {m}" for m in self.missing)]
        missing = Static("\n".join(said) if self.missing else "", markup=False,
                         id="preview-missing")  # fmt: skip
        missing.display = bool(self.missing)
        yield missing
        with VerticalScroll(id="preview-scroll"):
            yield Markdown(self.markdown, parser_factory=parser, open_links=False, id="preview-doc")
        yield Footer()

    def action_export(self, kind: str) -> None:
        trial = self._trial()
        if trial is None:
            self.notify(tr("trials.not_found"), severity="warning")
            return
        if self.missing:
            lines = [tr("documents.cannot_export"), *(f"• {m}" for m in self.missing)]
            self.notify("\n".join(lines), severity="error", markup=False, timeout=10)
            return
        from screens.export_modal import ExportModal

        default = f"~/{trial_filename(trial, self._names(), EXTENSIONS[kind])}"
        title = tr(f"meetings.export_{kind}_title")
        # The preview's own _chosen asks before overwriting, then writes in a thread.
        self.app.push_screen(ExportModal(title, default), lambda path: self._chosen(path, kind))
