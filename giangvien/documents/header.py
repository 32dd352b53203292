"""The head and foot of a document: the header table of the chosen layout, the signatures.

Both are *layout tables*: every column centred (``:---:``). ``html.to_html``
prints such tables without borders, and underlines a bold line whose cell
below is empty (the line under "ĐẢNG CỘNG SẢN VIỆT NAM", under the motto and
under the issuing body in the state layout). Tables of data (who updates which
lesson) are left-aligned and printed with a grid.

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
from typing import Final

from giangvien.documents.escape import md_cell
from giangvien.models import Layout, Settings
from giangvien.vntext import document_date

PARTY: Final = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATION: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
SIGN_HERE: Final = "(ký, ghi rõ họ tên)"
# The records clerk writes the number in by hand: no-break spaces keep the gap in HTML.
GAP: Final = "\u00a0" * 6
SIGNING_ROWS: Final = 4  # blank lines left for the signatures


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


def signatures(left_title: str, left_name: str, right_title: str, right_name: str) -> str:
    """Two signature columns: title, "(ký, ghi rõ họ tên)", room to sign, the name.

    An empty title leaves its column blank (a document signed by one person).
    """

    def column(title: str, name: str) -> list[str]:
        if not title:
            return ["", "", *[""] * SIGNING_ROWS, ""]
        return [
            _bold(md_cell(title.upper())),
            _italic(SIGN_HERE),
            *[""] * SIGNING_ROWS,
            _bold(md_cell(name)),
        ]

    left, right = column(left_title, left_name), column(right_title, right_name)
    return _table(list(zip(left, right, strict=True)))


__all__ = [
    "MOTTO",
    "NATION",
    "PARTY",
    "SIGN_HERE",
    "document_header",
    "number_line",
    "place_and_date",
    "signatures",
]
