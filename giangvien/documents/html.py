"""A Markdown document as a standalone HTML page to open in a browser and print on A4.

Rendered with markdown-it-py, CommonMark with tables and raw HTML *off*: a
``<script>`` typed by a user is shown, never run (``escape.md`` has already
made it text; this is the second lock). The page needs no network: fonts are
the computer's own (Times New Roman, as Vietnamese administrative documents use).
The print rules (``printing``'s measures, the same as the Word file's) follow
Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

import html
from typing import Final

from markdown_it import MarkdownIt

from giangvien.documents.printing import (
    AFTER_PT,
    BODY_PT,
    CELL_CM,
    FONT,
    HEADER_PT,
    HEADER_SPLIT,
    HEADING_PT,
    INDENT_CM,
    MARGIN_CM,
    NESTED_CM,
    PAGE_NUMBER_PT,
    RECIPIENT_PT,
    RECIPIENTS_PT,
    SHORT_RULE,
    TABLE_PT,
    TEXT_CM,
    mark_parts,
)


def _header_sizes() -> str:
    return "\n".join(
        f"table.{layout} .{role} {{ font-size: {size:g}pt; }}"
        for layout, roles in HEADER_PT.items()
        for role, size in roles.items()
    )


_M = MARGIN_CM
_FONTS = f'"{FONT}", Times, "Liberation Serif", "Nimbus Roman", serif'

CSS: Final = f"""
@page {{ size: A4; margin: {_M["top"]:g}cm {_M["right"]:g}cm {_M["bottom"]:g}cm {_M["left"]:g}cm; }}
/* Page numbers from page 2, centred in the top margin (HD 36, NĐ 30). The browser's own
   header and footer must be off in its print dialog, or it prints its own over them. */
@page {{
  @top-center {{ content: counter(page); font-family: {_FONTS}; font-size: {PAGE_NUMBER_PT:g}pt; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ background: #e8e8e8; }}
body {{
  font-family: {_FONTS};
  font-size: {BODY_PT:g}pt; line-height: 1.35; color: #000; background: #fff;
  width: {TEXT_CM:g}cm; margin: 1cm auto; box-sizing: content-box;
  padding: {_M["top"]:g}cm {_M["right"]:g}cm {_M["bottom"]:g}cm {_M["left"]:g}cm;
}}
@media print {{
  html {{ background: none; }}
  body {{ width: auto; margin: 0; padding: 0; }}
}}
h1 {{ font-size: {HEADING_PT[1]:g}pt; text-align: center; margin: 1.2em 0 0; }}
h2 {{ font-size: {HEADING_PT[2]:g}pt; text-align: center; margin: 12pt 0 {AFTER_PT:g}pt; }}
h3 {{ font-size: {HEADING_PT[3]:g}pt; margin: {AFTER_PT:g}pt 0; text-indent: {INDENT_CM:g}cm; }}
/* A second document type heading (a report's "PHỤ LỤC") starts a page of its own. */
h1 ~ h1 {{ break-before: page; page-break-before: always; }}
/* A heading never ends a page: it goes over with what it heads. */
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; break-inside: avoid; }}
p {{ text-align: justify; margin: 0 0 {AFTER_PT:g}pt; text-indent: {INDENT_CM:g}cm; }}
p.subject {{ text-align: center; text-indent: 0; margin: 0 0 12pt; }}
ul, ol {{ margin: 0; padding: 0; list-style-position: inside; }}
ul {{ list-style-type: "-  "; }}
ul ul {{ list-style-type: "+  "; }}
li {{ text-align: justify; text-indent: {INDENT_CM:g}cm; margin: 0 0 {AFTER_PT:g}pt; }}
li li {{ text-indent: {INDENT_CM + NESTED_CM:g}cm; }}
li > ul {{ margin-top: {AFTER_PT:g}pt; }}
li p {{ display: inline; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 {AFTER_PT:g}pt;
  font-size: {TABLE_PT:g}pt; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
th, td {{ border: 1px solid #000; padding: 2pt {CELL_CM:g}cm; vertical-align: top; }}
th {{ font-weight: bold; }}
table.layout {{ table-layout: fixed; margin: 0; font-size: {BODY_PT:g}pt; line-height: 1.25; }}
table.layout th, table.layout td {{ border: none; padding: 0 2pt; font-weight: normal; }}
table.layout td:empty, table.layout th:empty {{ height: 1.3em; }}
table.doc-header th:first-child {{ width: {HEADER_SPLIT * 100:g}%; }}
{_header_sizes()}
/* The signatures stay together, and with the paragraph before them. */
table.layout:not(.doc-header) {{ margin-top: 12pt; break-inside: avoid; page-break-inside: avoid; }}
p:has(+ table.layout:not(.doc-header)) {{ break-after: avoid; page-break-after: avoid; }}
table.layout .recipients-head, table.layout .recipients {{ text-align: left !important; }}
table.layout .recipients-head {{ font-size: {RECIPIENTS_PT:g}pt; }}
table.layout .recipients {{ font-size: {RECIPIENT_PT:g}pt; line-height: 1.2; }}
/* The rules of the header: as long as the motto or the Party's name; under the issuing
   body and the subject line, a third to a half of its line, centred (Nghị định 30/2020,
   Hướng dẫn 36-HD/VPTW). */
strong.rule {{ display: inline-block; }}
strong.rule::after {{
  content: ""; display: block; width: 100%; margin: 1pt auto 0; border-top: 1px solid #000;
}}
table.doc-header tr > :first-child strong.rule::after,
p.subject strong.rule::after {{ width: {SHORT_RULE * 100:g}%; }}
p.subject strong.rule::after {{ margin-top: 3pt; }}
"""


def parser() -> MarkdownIt:
    """The one Markdown dialect of documents: CommonMark, tables, no raw HTML, no linkify.

    The app's preview uses it too, so that what is seen is what is printed.
    """
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("mark_parts", mark_parts)
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
