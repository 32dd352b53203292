"""One sheet of the review queue, read-only, with the leader's conclusion to sign."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Label, Static, TextArea

from giangvien.i18n import tr
from giangvien.models import Lecturer, Observation, now
from giangvien.problems import Invalid
from giangvien.signing import sign_conclusion
from giangvien.vntext import format_date, format_decimal
from screens.base import Modal
from screens.widgets.field import Field
from store.repository import Repository


def score_text(repo: Repository, sheet: Observation) -> str:
    """The score as "15,5/20 điểm · Khá", or "chỉ nhận xét" for a comments-only sheet."""
    if sheet.scores is None:
        return tr("reviews.comments_only")
    rubric = repo.rubric(sheet.rubric_id, sheet.rubric_version)
    if rubric is None:
        total = format_decimal(round(sum(sheet.scores.values()), 2))
        return tr("reviews.score_unknown_rubric", total=total)
    return tr(
        "reviews.score_line",
        total=format_decimal(rubric.total_of(sheet.scores)),
        max=format_decimal(rubric.total),
        band=rubric.band_of(sheet.scores).name,
    )


def leader_positions() -> dict[str, str]:
    return {
        "director": tr("enum.position_director"),
        "deputy": tr("enum.position_deputy_director"),
    }


def signing_line(user: Lecturer | None) -> str:
    """Who signs: the leader at this laptop, or who could (for everyone else)."""
    if user is None:
        return tr("reviews.no_user", **leader_positions())
    if not user.is_leader:
        return tr("reviews.who_can_sign", **leader_positions())
    position = tr(f"enum.position_{user.position.value}")
    return tr("reviews.signing_as", name=user.full_name, position=position)


class ReviewModal(Modal):
    """Dismissed with True once the conclusion is signed and stored, else False."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "sign", "reviews.key_sign", id="reviews-sign", tooltip="reviews.key_sign_tip"
        ),
        Binding(
            "escape",
            "close",
            "reviews.key_close",
            id="reviews-close",
            tooltip="reviews.key_close_tip",
        ),
    ]

    def __init__(self, sheet: Observation) -> None:
        super().__init__()
        self.sheet = sheet

    @property
    def can_sign(self) -> bool:
        user = self.gv.user
        return user is not None and user.is_leader and not self.gv.repo.read_only

    def compose(self) -> ComposeResult:
        repo = self.gv.repo
        names = repo.lecturer_names()
        sheet = self.sheet
        place = " · ".join(p for p in (sheet.programme, sheet.class_name, sheet.place) if p)
        facts = [
            ("reviews.lecturer", names.get(sheet.lecturer_id, "?")),
            ("reviews.observers", ", ".join(names.get(i, "?") for i in sheet.observer_ids)),
            ("reviews.lesson", sheet.lesson),
            ("reviews.class_line", place),
            ("reviews.score", score_text(repo, sheet)),
            ("field.strengths", sheet.strengths),
            ("field.limitations", sheet.limitations),
            ("field.suggestions", sheet.suggestions),
            ("field.self_assessment", sheet.self_assessment),
        ]
        with Vertical(id="review-box"):
            yield Static(
                tr("reviews.modal_title", date=format_date(sheet.date)),
                markup=False,
                id="review-title",
            )
            with VerticalScroll(id="review-sheet"):
                for key, value in facts:
                    yield Label(tr(key), markup=False, classes="review-label")
                    text = value or tr("reviews.nothing_written")
                    yield Static(text, markup=False, classes="review-value")
            area = TextArea(
                id="review-conclusion",
                read_only=not self.can_sign,
                placeholder=tr("reviews.conclusion_placeholder"),
            )
            yield Field(tr("field.conclusion"), area, name="conclusion")
            yield Static(signing_line(self.gv.user), markup=False, id="review-who")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-who", Static).set_class(not self.can_sign, "-refused")
        if self.can_sign:
            self.query_one(TextArea).focus()
        else:
            self.query_one("#review-sheet").focus()

    def _field(self) -> Field:
        return self.query_one(Field)

    # -- actions -----------------------------------------------------------

    def action_close(self) -> None:
        if not self.can_sign or not self.query_one(TextArea).text.strip():
            self.dismiss(False)
            return
        from screens.confirm_modal import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmModal(tr("reviews.discard"), safe_no=True), callback=answered)

    def action_sign(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        user = self.gv.user
        if user is None or not user.is_leader:
            self.notify(signing_line(user), severity="error", markup=False)
            return
        text = self.query_one(TextArea).text
        if not text.strip():
            self._field().show_error(tr("reviews.conclusion_empty"))
            self.query_one(TextArea).focus()
            return
        self._field().clear_error()
        try:
            # Refused before the PIN is asked: the leader's own lesson, a text too long.
            sign_conclusion(self.sheet, text, user, now())
        except Invalid as error:
            self._refused(error)
            return
        self.gv.as_leader(lambda signer: self._sign(text, signer))

    def _sign(self, text: str, signer: Lecturer) -> None:
        repo, sheet_id = self.gv.repo, self.sheet.id

        def sign() -> Observation | str:
            # Checked under the write lock: another laptop (or a second ctrl+s)
            # may have concluded or deleted the sheet since the queue was shown.
            current = repo.get(Observation, sheet_id)
            if current is None or current.deleted:
                return "reviews.gone"
            if current.reviewed:
                return "reviews.already_signed"
            # Validated here so that a refused conclusion (too long, the leader's own
            # lesson) comes back as Invalid, with the reason at the field.
            return repo.save(sign_conclusion(current, text, signer, now()))

        self.gv.write(sign, self._signed, self._refused)

    def _signed(self, result: Observation | str) -> None:
        if self not in self.app.screen_stack:
            return  # the first of two ctrl+s already closed this dialog
        if not self.is_active:
            self.pop_until_active()  # a question asked meanwhile no longer applies
        if isinstance(result, str):
            self.notify(tr(result), severity="warning", markup=False)
        else:
            name = self.gv.repo.lecturer_names().get(result.lecturer_id, "?")
            self.notify(tr("reviews.signed", name=name), markup=False)
        self.dismiss(isinstance(result, Observation))

    def _refused(self, error: Invalid) -> None:
        mine = [p for p in error.problems if p.field.split(".")[0] == "conclusion"]
        if mine:
            self._field().show_error(mine[0].message)
            self.query_one(TextArea).focus()
        others = [p.sentence() for p in error.problems if p not in mine]
        if others:
            self.notify("\n".join(others), severity="error", markup=False)
