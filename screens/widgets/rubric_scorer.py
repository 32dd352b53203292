"""The rubric scorer: one row per criterion, a live total and band, or comments only."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Static

from giangvien.i18n import tr
from giangvien.rubric import Rubric, RubricItem
from giangvien.vntext import format_decimal, parse_decimal


class ScoreError(Static):
    """The reason under one criterion's entry; a form puts a refused score's reason here."""

    def __init__(self, entry: Input) -> None:
        super().__init__("", markup=False, classes="scorer-error")
        self.entry = entry

    def show_error(self, message: str) -> None:
        self.update(message)
        self.set_class(bool(message), "-shown")

    def bad_input(self) -> Input:
        return self.entry


class RubricScorer(Vertical):
    """Scores typed as "8,5" or "1.5" against one version of a rubric.

    The rubric id and version are kept with the widget: an old sheet is edited
    against the rubric it was scored with, never the current one.
    """

    def __init__(
        self,
        rubric: Rubric,
        scores: dict[str, float] | None = None,
        *,
        comments_only: bool = False,
        texts: dict[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        # Born with its class: added on mount, "-off" restyled every row of the
        # rubric once more (~0.1 s of opening a comments-only sheet or trial).
        super().__init__(id=id, classes="-off" if comments_only else None)
        self.rubric = rubric
        self.rubric_id = rubric.rubric_id
        self.rubric_version = rubric.version
        given = scores or {}
        start = {i.code: format_decimal(given[i.code]) for i in rubric.items if i.code in given}
        start.update(texts or {})
        self._inputs: dict[str, Input] = {
            item.code: Input(
                start.get(item.code, ""),
                name=item.code,
                placeholder="…",
                compact=True,
                disabled=comments_only,
                classes="scorer-input",
            )
            for item in rubric.items
        }
        self._errors = {code: ScoreError(entry) for code, entry in self._inputs.items()}
        self._off = Checkbox(tr("observations.comments_only"), comments_only, id="scorer-off")
        self._total = Static("", markup=False, classes="scorer-total")

    def compose(self) -> ComposeResult:
        yield self._off
        for group in self.rubric.groups:
            yield Label(group.name, markup=False, classes="scorer-group")
            for item in group.items:
                with Horizontal(classes="scorer-row"):
                    yield Label(item.code, markup=False, classes="scorer-code")
                    yield Label(item.text, markup=False, classes="scorer-text")
                    yield Label(f"/{format_decimal(item.max)}", classes="scorer-max")
                    yield self._inputs[item.code]
                yield self._errors[item.code]
        yield self._total

    def on_mount(self) -> None:
        for item in self.rubric.items:
            self._show_row(item)
        self._show_total()

    # -- reading -----------------------------------------------------------

    @property
    def comments_only(self) -> bool:
        return self._off.value

    def texts(self) -> dict[str, str]:
        """The scores exactly as typed, by item code (what a draft keeps)."""
        return {code: widget.value for code, widget in self._inputs.items()}

    def errors(self) -> dict[str, str]:
        """Why each bad or missing entry cannot be saved, by item code; empty when all is well.

        Nothing typed at all is one reason for the whole sheet, under the code "".
        """
        if self.comments_only:
            return {}
        if not any(text.strip() for text in self.texts().values()):
            return {"": tr("observations.scores_none")}  # said once, for the whole sheet
        found: dict[str, str] = {}
        for item in self.rubric.items:
            text = self._inputs[item.code].value
            if text.strip():
                message = self._why(item, text)
            else:
                message = tr("model.score_missing", code=item.code)
            if message:
                found[item.code] = message
        return found

    @property
    def scores(self) -> dict[str, float] | None:
        """The scores by item code, or None for a comments-only sheet.

        Raises ValueError naming the items whose entry is missing or bad.
        """
        if self.comments_only:
            return None
        bad = self.errors()
        if bad:
            raise ValueError(bad.get("") or tr("observations.scores_bad", codes=", ".join(bad)))
        return {code: parse_decimal(widget.value) for code, widget in self._inputs.items()}

    def first_input(self, codes: set[str] | None = None) -> Input | None:
        """The first entry (in reading order) among ``codes``, or the first of all."""
        return next((w for code, w in self._inputs.items() if codes is None or code in codes), None)

    # -- showing -----------------------------------------------------------

    def error_at(self, code: str) -> ScoreError | None:
        """Where the reason for item ``code`` is shown (None: no such item)."""
        return self._errors.get(code)

    @property
    def error_spots(self) -> list[ScoreError]:
        return list(self._errors.values())

    def _say(self, code: str, message: str) -> None:
        self._errors[code].show_error(message)

    def _why(self, item: RubricItem, text: str) -> str:
        try:
            value = parse_decimal(text)
        except ValueError as error:
            return str(error)
        if not 0 <= value <= item.max:
            return tr(
                "model.score_range",
                code=item.code,
                value=format_decimal(value),
                max=format_decimal(item.max),
            )
        return ""

    def _show_row(self, item: RubricItem) -> None:
        text = self._inputs[item.code].value
        shown = "" if self.comments_only or not text.strip() else self._why(item, text)
        self._say(item.code, shown)

    def _show_total(self) -> None:
        self.set_class(self.comments_only, "-off")
        if self.comments_only:
            self._total.update(tr("observations.total_off"))
            return
        good: dict[str, float] = {}
        for item in self.rubric.items:
            text = self._inputs[item.code].value
            if text.strip() and not self._why(item, text):
                good[item.code] = parse_decimal(text)
        total = format_decimal(self.rubric.total_of(good))
        top = format_decimal(self.rubric.total)
        left = len(self.rubric.items) - len(good)
        if left:
            line = tr("observations.total_partial", total=total, max=top, left=left)
        else:
            band = self.rubric.band_of(good).name
            line = tr("observations.total_full", total=total, max=top, band=band)
        self._total.update(line)

    @on(Input.Changed, ".scorer-input")
    def _typed(self, event: Input.Changed) -> None:
        item = self.rubric.item(event.input.name or "")
        if item is not None:
            self._show_row(item)
        self._show_total()

    @on(Checkbox.Changed, "#scorer-off")
    def _switched(self, event: Checkbox.Changed) -> None:
        event.stop()
        for widget in self._inputs.values():
            widget.disabled = event.value
        for item in self.rubric.items:
            self._show_row(item)
        self._show_total()
