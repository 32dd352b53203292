"""The head and foot of a document: the header table of the chosen layout, the signatures.

Both are *layout tables*: every column centred (``:---:``). ``html.to_html``
and ``word.to_docx`` print such tables without borders, and in the header draw a
rule under a bold line whose cell below is empty (the line under "ĐẢNG CỘNG SẢN
VIỆT NAM", under the motto and under the issuing body in the state layout);
``printing.mark_parts`` names the parts for both. Tables of data (who updates
which lesson) are left-aligned and printed with a grid.

Party layout (Hướng dẫn 36-HD/VPTW)::

    HUYỆN ỦY X                     ĐẢNG CỘNG SẢN VIỆT NAM
    TRUNG TÂM CHÍNH TRỊ            ----------------------
         *                    X, ngày 05 tháng 01 năm 2026
    Số   -BB/TTCT

State layout (Nghị định 30/2020/NĐ-CP, Mẫu 1.9)::

    HUYỆN ỦY X               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TRUNG TÂM CHÍNH TRỊ          Độc lập - Tự do - Hạnh phúc
    -------------------          ---------------------------
    Số: .../BB-TTCT           X, ngày 05 tháng 01 năm 2026
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from giangvien.documents.escape import md_cell
from giangvien.models import Layout, Settings
from giangvien.vntext import document_date

PARTY: Final = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATION: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS: Final = "Nơi nhận:"
FILED: Final = "Lưu: VT, hồ sơ."  # the last of the recipients: the office's own copy
# The records clerk writes the number in by hand: no-break spaces keep the gap in HTML.
GAP: Final = "\u00a0" * 6
# Between the title and the typed name, room for the signature (and the seal):
# "(ký, ghi rõ họ tên)" is the template's instruction to the signer, never printed.
SIGNING_ROWS: Final = 5


def _bold(text: str) -> str:
    return f"**{text}**" if text else ""


def _italic(text: str) -> str:
    return f"*{text}*" if text else ""


def _row(left: str, right: str) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in (left, right)) + "|"


def _table(rows: list[tuple[str, str]]) -> str:
    head, *body = rows
    return "\n".join([_row(*head), "| :---: | :---: |", *(_row(*r) for r in body)])


def number_line(settings: Settings, kind_code: str = "BB", number: str = "") -> str:
    """ "Số 12-BB/TTCT" (Party) or "Số: 12/BB-TTCT" (state); blank for the clerk when not given."""
    kind, code = md_cell(kind_code), md_cell(settings.number_code)
    given = md_cell(number)
    if settings.layout is Layout.STATE:
        return f"Số: {given or '...'}/{kind}-{code}"
    return f"Số {given}-{kind}/{code}" if given else f"Số{GAP}-{kind}/{code}"


def place_and_date(settings: Settings, date: dt.date) -> str:
    """ "Yên Bình, ngày 05 tháng 01 năm 2026" (escaped Markdown)."""
    when = document_date(date)
    place = md_cell(settings.place_name)
    return f"{place}, {when}" if place else when[:1].upper() + when[1:]


def document_header(
    settings: Settings,
    kind_code: str = "BB",
    date: dt.date | None = None,
    *,
    number: str = "",
) -> str:
    """The header table of the layout in ``settings``, as Markdown.

    ``kind_code`` is the document kind's abbreviation ("BB" for biên bản);
    ``date`` defaults to today; ``number`` is printed when given.
    """
    day = date or dt.date.today()
    parent = md_cell(settings.parent_body.upper())
    body = _bold(md_cell(settings.organisation.upper()))
    dated = _italic(place_and_date(settings, day))
    numbered = number_line(settings, kind_code, number)
    if settings.layout is Layout.STATE:
        rows = [
            (parent, _bold(NATION)),
            (body, _bold(MOTTO)),
            ("", ""),
            (numbered, dated),
        ]
    else:
        rows = [
            (parent, _bold(PARTY)),
            (body, ""),
            ("\\*", dated),
            (numbered, ""),
        ]
    return _table(rows)


def document_title(kind: str, subject: str) -> str:
    """The document's type and its subject (trích yếu), as Markdown: "# BIÊN BẢN", "**…**".

    ``subject`` is Markdown already (escaped where it holds user text). The
    renderers centre the subject under the type and draw a short rule under it.
    """
    return f"# {kind}\n\n**{subject}**"


def signatures(
    left_title: str,
    left_name: str,
    right_title: str,
    right_name: str,
    *,
    recipients: Sequence[str] | None = None,
) -> str:
    """Two signature columns: the title, room to sign, the typed name.

    An empty title leaves its column blank (a document signed by one person).
    With ``recipients`` (plain text, [] for none but the office's copy), "Nơi
    nhận:" and its list end the left column, "- Lưu: VT, hồ sơ." last: beside
    the only signature (Nghị định 30/2020, a report), else under the left one.
    """

    def column(title: str, name: str) -> list[str]:
        if not title:
            return []
        return [_bold(md_cell(title.upper())), *[""] * SIGNING_ROWS, _bold(md_cell(name))]

    left, right = column(left_title, left_name), column(right_title, right_name)
    if recipients is not None:
        entries = [f"- {md_cell(entry)};" for entry in recipients] + [f"- {md_cell(FILED)}"]
        left += ([""] if left else []) + [f"***{RECIPIENTS}***", *entries]
    height = max(len(left), len(right), 1)
    left += [""] * (height - len(left))
    right += [""] * (height - len(right))
    return _table(list(zip(left, right, strict=True)))


__all__ = [
    "MOTTO",
    "NATION",
    "PARTY",
    "RECIPIENTS",
    "document_header",
    "document_title",
    "number_line",
    "place_and_date",
    "signatures",
]
