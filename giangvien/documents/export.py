"""One document in each of the formats a Center exports it in: the same Markdown, three files.

``md`` is the source itself; ``html`` a page to open in a browser and print on
A4; ``docx`` a Word file to edit, since drafts are edited and exchanged in Word.
The CLI and the TUI both export through ``rendered``, so a format means the
same file wherever it is asked for; the renderers load only when asked.
"""

from __future__ import annotations

from typing import Final

FORMATS: Final = ("md", "html", "docx")


def rendered(markdown: str, title: str, form: str) -> str | bytes:
    """``markdown`` as the file of ``form`` (one of ``FORMATS``): text, or bytes for docx."""
    if form == "html":
        from giangvien.documents.html import to_html

        return to_html(markdown, title)
    if form == "docx":
        from giangvien.documents.word import to_docx

        return to_docx(markdown, title)
    if form != "md":
        raise LookupError(f"no document format {form!r}")  # a bug: the choices are FORMATS
    return markdown


__all__ = ["FORMATS", "rendered"]
