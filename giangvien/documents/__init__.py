"""Documents the Center prints: minutes (biên bản) as Markdown, and Markdown as HTML.

Pure domain: no Textual, no TinyDB, no store. The API other documents build on:

- ``escape.md(text)`` / ``escape.md_cell(text)``: user text as inert Markdown;
- ``header.document_header(settings, kind_code, date, number=)``: the header
  table of the Party or state layout; ``header.signatures(...)``: the signatures;
- ``html.to_html(markdown, title)``: a standalone A4 page; ``html.parser()``:
  the one Markdown dialect (CommonMark + tables, no raw HTML), also used by the
  app's preview; ``word.to_docx(markdown, title)``: the same as a Word file;
  ``export.rendered(markdown, title, form)``: either, or the Markdown itself;
  ``printing``: the parts of a printed document and the measures both print with;
- ``meeting.meeting_minutes(meeting, settings, names)`` and
  ``meeting.missing_for_minutes(meeting, settings)``.
"""

from giangvien.documents.escape import md, md_cell
from giangvien.documents.header import document_header, signatures
from giangvien.documents.meeting import meeting_minutes, missing_for_minutes

__all__ = [
    "document_header",
    "md",
    "md_cell",
    "meeting_minutes",
    "missing_for_minutes",
    "signatures",
]
