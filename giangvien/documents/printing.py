"""The parts of a printed document, and the measures every format prints them with.

One Markdown source, three files: ``html.to_html`` and ``word.to_docx`` read it
with the same parser, whose ``mark_parts`` rule (below) names what must print
unlike body text — the header table and its cells, the subject line under the
document's type, the rules, the signatures and "Nơi nhận" — as classes on the
tokens. Both formats take their sizes and margins from here, so that the page
printed from the browser and the one printed from Word agree: Hướng dẫn
36-HD/VPTW for the Party layout, Nghị định 30/2020/NĐ-CP for the state one
(A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
first-line indent 1.27 cm; at least 6 pt between paragraphs; page numbers
from page 2, centred in the top margin).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from giangvien.documents.header import MOTTO, NATION, PARTY, RECIPIENTS

CENTRED: Final = "text-align:center"

FONT: Final = "Times New Roman"
PAGE_CM: Final = (21.0, 29.7)  # A4, portrait
MARGIN_CM: Final = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}
TEXT_CM: Final = PAGE_CM[0] - MARGIN_CM["left"] - MARGIN_CM["right"]
BODY_PT: Final = 14.0
TABLE_PT: Final = 13.0  # data tables (annexes, who updates which lesson)
TABLE_SIZES: Final = (TABLE_PT, 12.0, 11.0)  # a wide table, smaller rather than broken
PAGE_NUMBER_PT: Final = 14.0
INDENT_CM: Final = 1.27  # first line of a body paragraph, and of a list item
NESTED_CM: Final = 0.63  # each further level of a list
AFTER_PT: Final = 6.0  # space after a paragraph
HEADING_PT: Final = {1: 15.0, 2: 14.0, 3: 14.0}  # the document's type (BIÊN BẢN), then sections
HEADER_SPLIT: Final = 0.4  # the header's left column, of the text width
SHORT_RULE: Final = 0.4  # under the subject line and the state layout's issuing body
RECIPIENTS_PT: Final = 12.0  # "Nơi nhận:", bold italic (Nghị định 30)
RECIPIENT_PT: Final = 11.0  # each "- …;" under it

# The header's cells by layout: HD 36 prints them all at 14 pt but the Party's
# name (15 pt, bold); NĐ 30 the bodies and the number at 13 pt, the motto and the date at 14.
HEADER_PT: Final = {
    "party": {"party": 15.0, "parent": 14.0, "issuer": 14.0, "mark": 14.0, "number": 14.0,
              "dated": 14.0},
    "state": {"nation": 13.0, "motto": 14.0, "parent": 13.0, "issuer": 13.0, "number": 13.0,
              "dated": 14.0},
}  # fmt: skip


# Advance widths of Times New Roman (per 1000 of the size; Liberation Serif, metric-compatible,
# measured): enough to size a rule under a line and a table's columns without a font file.
# A letter with tone marks is as wide as its base; one with a horn (ư, ơ) is wider.
_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_REGULAR: Final = dict(
    zip(_LETTERS, (
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278,
        500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
    ), strict=True),
    **{" ": 250, ",": 250, ".": 250, ":": 278, ";": 278, "-": 333, "(": 333, ")": 333, "/": 278,
       "%": 833, "—": 1000, "–": 500, "…": 1000, "U\u031b": 776, "O\u031b": 722, "u\u031b": 542,
       "o\u031b": 529},
)  # fmt: skip
_BOLD: Final = dict(
    zip(_LETTERS, (
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333,
        556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444,
    ), strict=True),
    **{" ": 250, ",": 250, ".": 250, ":": 333, ";": 333, "-": 333, "(": 333, ")": 333, "/": 278,
       "%": 1000, "—": 1000, "–": 500, "…": 1000, "U\u031b": 796, "O\u031b": 778, "u\u031b": 600,
       "o\u031b": 554},
)  # fmt: skip
_BASE: Final = {"Đ": "D", "đ": "d"}  # the letters NFD does not take apart
HORN: Final = "\u031b"
PT_PER_CM: Final = 72 / 2.54
CELL_CM: Final = 0.1  # left and right padding of a data table's cells
SHORT_CM: Final = 4.5  # a column this wide holds a name, a date or a number on one line


def text_cm(text: str, size: float, *, bold: bool = False) -> float:
    """About how wide ``text`` prints in Times New Roman at ``size`` pt."""
    widths = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = _BASE.get(parts[:1], parts[:1]) + (HORN if HORN in parts else "")
        total += widths.get(base, 500)
    return total * size / 1000 / PT_PER_CM


@dataclass(frozen=True)
class Columns:
    """How a data table prints: the size of its text (pt) and its columns' widths (cm)."""

    size: float
    widths: list[float]


def _measure(rows: list[list[str]], size: float) -> tuple[list[float], list[float]]:
    """Each column's longest word, and its longest cell on one line, in cm with the padding."""
    count = max(len(row) for row in rows)
    least, most = [0.0] * count, [0.0] * count
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            words = text.split() or [""]
            least[c] = max(least[c], *(text_cm(w, size, bold=r == 0) for w in words))
    for row in rows[1:] or rows:  # a header may wrap; the cells under it should not
        for c, text in enumerate(row):
            most[c] = max(most[c], text_cm(text, size))
    extra = 2 * CELL_CM + 0.05  # the padding, and a margin for the estimate
    least = [w + extra for w in least]
    return least, [max(m + extra, w) for m, w in zip(most, least, strict=True)]


def columns(rows: list[list[str]], room: float = TEXT_CM) -> Columns:
    """How a data table fits ``room`` cm; ``rows[0]`` is its header.

    A table of many columns prints smaller (down to 11 pt) rather than break
    a name over two lines. No column is narrower than its longest word (else
    the word breaks into letters); then the short columns (dates, numbers,
    names) get their longest cell on one line, those that would wrap most
    first; the long ones share the rest by what they lack, as a browser lays
    out a table.
    """
    for size in TABLE_SIZES:
        least, most = _measure(rows, size)
        if sum(m if m <= SHORT_CM else w for w, m in zip(least, most, strict=True)) <= room:
            break  # the short columns fit on one line, beside the long ones at their least
    if sum(most) <= room:
        return Columns(size, [w * room / sum(most) for w in most])
    if sum(least) >= room:
        return Columns(size, [w * room / sum(least) for w in least])
    widths, spare = least[:], room - sum(least)
    for c in sorted(range(len(most)), key=lambda c: least[c] - most[c]):
        if most[c] <= SHORT_CM and most[c] - least[c] <= spare:
            widths[c], spare = most[c], spare - (most[c] - least[c])
    lack = {c: most[c] - widths[c] for c in range(len(most)) if most[c] > widths[c]}
    for c, missing in lack.items():
        widths[c] += spare * missing / sum(lack.values())
    return Columns(size, widths)


def classes(token: Token) -> set[str]:
    value = token.attrGet("class")
    return set(str(value).split()) if value else set()


def cells(tokens: list[Token], start: int) -> tuple[int, list[list[tuple[Token, Token]]]]:
    """The rows of the table opening at ``start`` (its close's index): (cell open token, inline)."""
    rows: list[list[tuple[Token, Token]]] = []
    i = start + 1
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append((token, tokens[i + 1]))
        i += 1
    return i, rows


def plain(inline: Token) -> str:
    """The text an inline token shows, marks and breaks aside."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "text_special"))


def _wholly(inline: Token, mark: str) -> Token | None:
    # markdown-it leaves empty text tokens around the emphasis.
    children = [c for c in inline.children or [] if c.type != "text" or c.content]
    kinds = [c.type for c in children]
    whole = len(kinds) >= 3 and kinds[0] == f"{mark}_open" and kinds[-1] == f"{mark}_close"
    return children[0] if whole and f"{mark}_open" not in kinds[1:] else None


def _header(opening: Token, rows: list[list[tuple[Token, Token]]]) -> None:
    texts = {plain(inline) for row in rows for _, inline in row}
    opening.attrJoin("class", "state" if NATION in texts else "party")
    named = {PARTY: "party", NATION: "nation", MOTTO: "motto"}
    for r, row in enumerate(rows):
        for c, (cell, inline) in enumerate(row):
            text = plain(inline).strip()
            if c == 0:
                role = {0: "parent", 1: "issuer", len(rows) - 1: "number"}.get(r, "mark")
            else:
                role = named.get(text, "dated" if _wholly(inline, "em") else "")
            if text:
                cell.attrJoin("class", role)
            bold = _wholly(inline, "strong")
            below = rows[r + 1][c][1] if r + 1 < len(rows) and c < len(rows[r + 1]) else None
            # A rule under a bold line with nothing below it: the Party's name, the
            # motto, the state layout's issuing body (Nghị định 30/2020, HD 36-HD/VPTW).
            if bold is not None and below is not None and not below.content.strip():
                bold.attrJoin("class", "rule")


def _signatures(rows: list[list[tuple[Token, Token]]]) -> None:
    for c in range(max(len(row) for row in rows)):
        column = [row[c] for row in rows if c < len(row)]
        heads = [r for r, (_, inline) in enumerate(column) if plain(inline).strip() == RECIPIENTS]
        if not heads:
            continue
        column[heads[0]][0].attrJoin("class", "recipients-head")
        for cell, inline in column[heads[0] + 1 :]:
            if inline.content.strip():
                cell.attrJoin("class", "recipients")


def _columns(opening: Token, rows: list[list[tuple[Token, Token]]]) -> None:
    # The same columns in the page and in the Word file; the page takes them as shares.
    found = columns([[plain(inline) for _, inline in row] for row in rows])
    opening.meta["columns"] = found
    if found.size != TABLE_PT:
        opening.attrSet("style", f"font-size:{found.size:g}pt")
    for width, (cell, _) in zip(found.widths, rows[0], strict=False):
        style = cell.attrGet("style")
        share = f"width:{width / TEXT_CM:.1%}"
        cell.attrSet("style", f"{style};{share}" if style else share)


def mark_parts(state: StateCore) -> None:
    """Name the parts: layout tables (every column centred) and their cells, the subject line."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.tag == "h1" and i + 4 < len(tokens):
            # The line right under the document's type, wholly bold, is its subject (trích yếu).
            following, inline = tokens[i + 3], tokens[i + 4]
            bold = _wholly(inline, "strong") if following.type == "paragraph_open" else None
            if bold is not None and following.level == 0:
                following.attrJoin("class", "subject")
                bold.attrJoin("class", "rule")
        if token.type != "table_open":
            i += 1
            continue
        end, rows = cells(tokens, i)
        if rows and all(cell.attrGet("style") == CENTRED for cell, _ in rows[0]):
            token.attrJoin("class", "layout")
            if i == 0:
                token.attrJoin("class", "doc-header")
                _header(token, rows)
            else:
                _signatures(rows)
        elif rows:
            _columns(token, rows)
        i = end + 1


__all__ = [
    "AFTER_PT",
    "BODY_PT",
    "CELL_CM",
    "CENTRED",
    "FONT",
    "HEADER_PT",
    "HEADER_SPLIT",
    "HEADING_PT",
    "INDENT_CM",
    "MARGIN_CM",
    "NESTED_CM",
    "PAGE_CM",
    "PAGE_NUMBER_PT",
    "RECIPIENTS_PT",
    "RECIPIENT_PT",
    "SHORT_RULE",
    "TABLE_PT",
    "TABLE_SIZES",
    "TEXT_CM",
    "Columns",
    "cells",
    "classes",
    "columns",
    "mark_parts",
    "plain",
    "text_cm",
]
