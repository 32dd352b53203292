"""The minutes of a trial lecture ("Biên bản góp ý, đánh giá giờ giảng thử"), as Markdown.

Same header layouts, escaping and signatures as the meeting minutes
(``documents.header``, ``documents.escape``): the header of the chosen layout,
the title, when, where, who was tried on which lesson, the chair, the
secretary and the panel; then the lecturer's self-assessment, each member's
comments (and score), the verdict, what to fix and when to try again, the
lessons drawn, and the signatures (THƯ KÝ left, CHỦ TRÌ right). The text is
Vietnamese whatever language the screens speak.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from giangvien.documents.escape import md
from giangvien.documents.header import document_header, signatures
from giangvien.documents.people import comrade, name_of
from giangvien.i18n import tr
from giangvien.models import Lecturer, PanelMember, PersonRef, Settings, Trial, Verdict
from giangvien.rubric import Rubric
from giangvien.vntext import document_date, document_time, fold, format_decimal

HOLE: Final = "…"
SUBJECT: Final = "Góp ý, đánh giá giờ giảng thử"
NOTHING: Final = "Không có ý kiến."
VERDICTS: Final = {Verdict.PASSED: "Đạt", Verdict.NOT_PASSED: "Chưa đạt"}
SECTIONS: Final = (
    "1. Giảng viên tự đánh giá",
    "2. Ý kiến góp ý của các thành viên hội đồng",
    "3. Kết luận của hội đồng",
    "4. Rút kinh nghiệm",
)


def trial_title(trial: Trial) -> str:
    """The title of the HTML page: "Biên bản góp ý, đánh giá giờ giảng thử: Bài 2 …"."""
    return f"Biên bản {SUBJECT[:1].lower()}{SUBJECT[1:]}: {trial.lesson}"


def trial_filename(trial: Trial, names: Mapping[str, Lecturer], extension: str) -> str:
    """ "bien-ban-giang-thu-2026-03-10-nguyen-van-an.md": plain ASCII, sorts by date."""
    lecturer = names.get(trial.lecturer_id)
    name = fold(lecturer.full_name) if lecturer else ""
    who = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in name).split())
    stem = f"bien-ban-giang-thu-{trial.date:%Y-%m-%d}"
    return f"{stem}-{who}.{extension}" if who else f"{stem}.{extension}"


def missing_for_trial_minutes(trial: Trial, settings: Settings | None = None) -> list[str]:
    """What the minutes cannot be printed without, one sentence each ([] when complete)."""
    checks = (
        (trial.chair is None, "documents.missing_chair"),
        (trial.secretary is None, "documents.missing_secretary"),
        (not trial.place, "documents.missing_place"),
        (trial.start_time is None, "documents.missing_start_time"),
        (trial.end_time is None, "documents.missing_end_time"),
        (not trial.panel, "trials.missing_panel"),
        (trial.verdict is None, "trials.missing_verdict"),
        (settings is not None and not settings.parent_body, "documents.missing_parent_body"),
        (settings is not None and not settings.place_name, "documents.missing_place_name"),
    )
    return [tr(key) for missing, key in checks if missing]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(ref: PersonRef | None, names: Mapping[str, Lecturer]) -> str:
    # After "Chủ trì:" the minutes write "đồng chí", as the meeting minutes do.
    return md(comrade(ref, names)) if ref is not None else ""


# A line that ends a sentence its own way keeps it: no ".;" or "..", no "?;".
_OWN_END = ("…", "?", "!", "...")
_REPLACED_END = (".", ";", ",", ":")


def _ended(line: str, end: str) -> str:
    text = line.rstrip()
    if text.endswith(_OWN_END):
        return text
    # "\." is an escaped full stop (md): part of the text, not an ending to replace.
    if text.endswith(_REPLACED_END) and not text.endswith("\\" + text[-1:]):
        text = text[:-1].rstrip()
    return text + end


def _items(lines: list[str]) -> str:
    """A bullet list: ";" after each line but the last, which ends with "."."""
    ends = [";"] * (len(lines) - 1) + ["."]
    return "\n".join(
        "- " + _ended(line, end).replace("\n", "\n  ")
        for line, end in zip(lines, ends, strict=True)
    )


def _score(member: PanelMember, rubric: Rubric | None) -> str:
    if member.scores is None or rubric is None:
        return ""
    total = format_decimal(rubric.total_of(member.scores))
    band = md(rubric.band_of(member.scores).name)
    # A dash, not brackets: a band is often named "Trung bình (Đạt)".
    return f" — chấm {total}/{format_decimal(rubric.total)} điểm, xếp loại {band}"


def _comments(trial: Trial, names: Mapping[str, Lecturer], rubric: Rubric | None) -> str:
    if not trial.panel:
        return NOTHING
    lines = []
    for member in trial.panel:
        who = md(_capital(comrade(member, names) or HOLE))
        said = md(member.comments) or NOTHING
        lines.append(f"{who}{_score(member, rubric)}: {said}")
    return _items(lines)


def _verdict(trial: Trial) -> list[str]:
    if trial.verdict is None:
        return ["Kết quả: hội đồng chưa kết luận."]
    blocks = [f"Kết quả: **{VERDICTS[trial.verdict]}**."]
    if trial.verdict is Verdict.PASSED:
        blocks.append("Giảng viên được giảng bài này.")
    if trial.to_fix:
        blocks += ["Nội dung cần sửa:", md(trial.to_fix)]
    if trial.next_trial_date is not None:
        blocks.append(f"Thời gian giảng thử lại: {document_date(trial.next_trial_date)}.")
    return blocks


def trial_minutes(
    trial: Trial,
    settings: Settings,
    names: Mapping[str, Lecturer],
    rubric: Rubric | None = None,
) -> str:
    """The minutes of ``trial`` as Markdown; ``names`` maps lecturer ids to lecturers.

    ``rubric`` is the one the panel scored with (``trial.rubric_id``/``version``);
    without it, scores are left out and the comments stand alone.
    """
    start = document_time(trial.start_time) if trial.start_time else HOLE
    end = document_time(trial.end_time) if trial.end_time else HOLE
    lecturer = _person(PersonRef(lecturer_id=trial.lecturer_id), names)
    panel = [md(_capital(comrade(m, names) or HOLE)) for m in trial.panel]
    blocks = [
        document_header(settings, "BB", trial.date),
        "# BIÊN BẢN",
        f"**{SUBJECT}**",
        f"Thời gian bắt đầu: {start}, {document_date(trial.date)}",
        f"Địa điểm: {md(trial.place) or HOLE}",
        f"Giảng viên giảng thử: {lecturer or HOLE}",
        f"Bài giảng: {md(trial.lesson)}",
        *([f"Chương trình: {md(trial.programme)}"] if trial.programme else []),
        f"Chủ trì: {_person(trial.chair, names) or HOLE}",
        f"Thư ký: {_person(trial.secretary, names) or HOLE}",
        f"Thành phần hội đồng: {len(panel)} đồng chí",
        *([_items(panel)] if panel else []),
        "## NỘI DUNG",
        f"### {SECTIONS[0]}",
        md(trial.self_assessment) or NOTHING,
        f"### {SECTIONS[1]}",
        _comments(trial, names, rubric),
        f"### {SECTIONS[2]}",
        *_verdict(trial),
        f"### {SECTIONS[3]}",
        md(trial.lessons_drawn) or NOTHING,
        f"Buổi giảng thử kết thúc vào {end} cùng ngày; biên bản được lập và thông qua"
        " tại buổi giảng thử./.",
        signatures(
            "Thư ký",
            name_of(trial.secretary, names) if trial.secretary else "",
            "Chủ trì",
            name_of(trial.chair, names) if trial.chair else "",
            recipients=[],
        ),
    ]
    return "\n\n".join(blocks) + "\n"


__all__ = ["missing_for_trial_minutes", "trial_filename", "trial_minutes", "trial_title"]
