"""A Markdown document as a standalone HTML page to open in a browser and print on A4.

Rendered with markdown-it-py, CommonMark with tables and raw HTML *off*: a
``<script>`` typed by a user is shown, never run (``escape.md`` has already
made it text; this is the second lock). The page needs no network: fonts are
the computer's own (Times New Roman, as Vietnamese administrative documents use).
"""

from __future__ import annotations

import html
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

CENTRED: Final = "text-align:center"

CSS: Final = """
@page { size: A4; margin: 2cm 1.5cm 2cm 3cm; }
html { background: #e8e8e8; }
body {
  font-family: "Times New Roman", Times, "Liberation Serif", "Nimbus Roman", serif;
  font-size: 14pt; line-height: 1.35; color: #000; background: #fff;
  width: 16.5cm; margin: 1cm auto; padding: 2cm 1.5cm 2cm 3cm; box-sizing: content-box;
}
@media print {
  html { background: none; }
  body { width: auto; margin: 0; padding: 0; }
}
h1 { font-size: 15pt; text-align: center; margin: 1.2em 0 0; }
h1 + p { text-align: center; font-weight: bold; margin: 0 0 1em; }
h2 { font-size: 14pt; text-align: center; margin: 1em 0 0.4em; }
h3 { font-size: 14pt; margin: 0.8em 0 0.3em; }
p { text-align: justify; margin: 0.3em 0; }
ul, ol { margin: 0.2em 0; padding-left: 1.2cm; }
ul { list-style-type: "-  "; }
li { text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0; font-size: 13pt; }
th, td { border: 1px solid #000; padding: 2pt 5pt; vertical-align: top; }
th { font-weight: bold; }
table.layout { table-layout: fixed; margin: 0; page-break-inside: avoid; }
table.layout th, table.layout td { border: none; padding: 0 2pt; font-weight: normal; }
table.layout td:empty, table.layout th:empty { height: 1.3em; }
table.layout:not(.doc-header) { margin-top: 0.8em; }
table.doc-header th:first-child { width: 40%; }
/* The rules of the header: as long as the motto or the Party's name; under the issuing
   body, a third to a half of its line, centred (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW). */
strong.rule { display: inline-block; }
strong.rule::after {
  content: ""; display: block; width: 100%; margin: 1pt auto 0; border-top: 1px solid #000;
}
table.doc-header tr > :first-child strong.rule::after { width: 40%; }
"""


def _cells(tokens: list[Token], start: int) -> tuple[int, list[list[tuple[Token, Token]]]]:
    """The rows of the table opening at ``start``: (cell open token, its inline token)."""
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


def _only_bold(inline: Token) -> Token | None:
    # markdown-it leaves empty text tokens around the emphasis.
    children = [c for c in inline.children or [] if c.type != "text" or c.content]
    kinds = [c.type for c in children]
    whole = len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close"
    return children[0] if whole and "strong_open" not in kinds[1:] else None


def _layout_tables(state: StateCore) -> None:
    """Mark layout tables (every column centred) and the rules under their bold lines."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].type != "table_open":
            i += 1
            continue
        opening = tokens[i]
        end, rows = _cells(tokens, i)
        if rows and all(cell.attrGet("style") == CENTRED for cell, _ in rows[0]):
            opening.attrJoin("class", "layout")
            if i == 0:
                opening.attrJoin("class", "doc-header")
            for r, row in enumerate(rows[:-1]):
                for c, (_, inline) in enumerate(row):
                    bold = _only_bold(inline)
                    below = rows[r + 1][c][1] if c < len(rows[r + 1]) else None
                    if bold is not None and below is not None and not below.content.strip():
                        bold.attrJoin("class", "rule")
        i = end + 1


def parser() -> MarkdownIt:
    """The one Markdown dialect of documents: CommonMark, tables, no raw HTML, no linkify.

    The app's preview uses it too, so that what is seen is what is printed.
    """
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("layout_tables", _layout_tables)
    return md


def to_html(markdown: str, title: str) -> str:
    """A standalone HTML page (UTF-8, A4 print styles) of the Markdown ``markdown``."""
    body = parser().render(markdown)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


__all__ = ["CSS", "parser", "to_html"]
