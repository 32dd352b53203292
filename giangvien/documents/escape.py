"""User text made inert for Markdown: whatever was typed shows as typed.

A summary that starts with "# ", holds "|", "*", backticks, ``<script>``,
``[link](x)`` or "&amp;" is data, not structure. ``md`` escapes it so that a
CommonMark parser (with or without tables, with or without raw HTML) reads
plain text back, and the exported file still reads naturally: only the
characters that could start a construct get a backslash.
"""

from __future__ import annotations

import re
from typing import Final

from giangvien.vntext import inert

# Escaped wherever they stand: emphasis, code, links, images, raw HTML and
# autolinks, entities, table cells, strikethrough and tilde fences, headings
# (a trailing "#" would close an ATX heading the text is put in).
_ANYWHERE: Final = re.compile(r"([\\`*_\[\]<>&|~#])")
# At the start of a line, "1." and "1)" would begin an ordered list; "-", "+"
# and "=" a bullet list, a thematic break or a setext heading's underline.
_ORDERED: Final = re.compile(r"^(\d{1,9})([.)])")

HARD_BREAK: Final = "\\\n"  # a backslash before the newline: visible, survives editors


def _line(text: str) -> str:
    # Leading spaces would make an indented code block; trailing ones a hard break.
    # Control and bidi characters show as <U+XXXX> (escaped below like any "<").
    text = _ANYWHERE.sub(r"\\\1", inert(text.strip(" \t")))
    text = _ORDERED.sub(r"\1\\\2", text)
    if text[:1] in ("+", "=", "-"):
        text = "\\" + text
    return text


def md(text: str) -> str:
    """``text`` as inert Markdown; its lines kept as hard line breaks.

    Blank lines are dropped, so the result is always one paragraph (or one
    list item's text) and never ends a block it is placed in.
    """
    lines = [_line(line) for line in text.splitlines()]
    return HARD_BREAK.join(line for line in lines if line)


def md_cell(text: str) -> str:
    """``text`` for one table cell: escaped as by ``md``, its lines joined by spaces."""
    return " ".join(_line(line) for line in text.splitlines() if line.strip())


__all__ = ["HARD_BREAK", "md", "md_cell"]
