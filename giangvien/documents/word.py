"""A Markdown document as a Word file (.docx), printed to the same measures as the HTML page.

Offices in Vietnam edit and exchange drafts in Word, so the file is built in
Word's own terms: page setup, styles (Normal, Body Text, Heading 1–3) a clerk
can change once for the whole document, a PAGE field in the page header,
paragraph and row properties that keep headings and the signatures with what
they belong to. The content comes from the same Markdown as the HTML page and
through the same parser (``html.parser``, whose ``printing.mark_parts`` names
the header's cells, the subject line, the rules and "Nơi nhận"), so the three
files never say different things. Text only ever becomes runs of text: what a
user typed is never a field, a hyperlink or markup, and no raw HTML exists to
pass through (the parser has it off).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Final

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENTATION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from giangvien.documents.html import parser
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
    PAGE_CM,
    PAGE_NUMBER_PT,
    RECIPIENT_PT,
    RECIPIENTS_PT,
    SHORT_RULE,
    TEXT_CM,
    Columns,
    cells,
    classes,
    plain,
    text_cm,
)
from giangvien.vntext import inert

BODY: Final = "Body Text"
LINE: Final = 1.15  # line spacing of body text: NĐ 30 asks for single to 1.5 lines
LAYOUT_CELL_CM: Final = 0.05
ALIGN: Final = {
    "text-align:center": WD_ALIGN_PARAGRAPH.CENTER,
    "text-align:right": WD_ALIGN_PARAGRAPH.RIGHT,
}
EDGES: Final = ("top", "left", "bottom", "right", "insideH", "insideV")

# Successors in the schema's order, for children python-docx does not place itself
# (Word refuses a file whose properties come in another order).
_AFTER_PBDR: Final = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_BORDERS: Final = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_CELL_MARGINS: Final = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_CANT_SPLIT: Final = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_TBL_HEADER: Final = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del")

# -- the file's setup ----------------------------------------------------------------


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _fonts(rpr: BaseOxmlElement, size: float | None = None) -> None:
    """Times New Roman for every script, so Word substitutes no theme font for any of them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(rpr, tag).set(qn("w:val"), str(round(size * 2)))


def _style(document: Document, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle), name  # the template's own paragraph styles
    return style


def _styles(document: Document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
        _fonts(rpr, BODY_PT)
        _child(rpr, "w:lang").set(qn("w:val"), "vi-VN")
        spacing = _child(_child(_child(defaults, "w:pPrDefault"), "w:pPr"), "w:spacing")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    normal = _style(document, "Normal")
    _fonts(normal.element.get_or_add_rPr(), BODY_PT)
    normal.paragraph_format.widow_control = True
    body = _style(document, BODY)
    body.paragraph_format.first_line_indent = Cm(INDENT_CM)
    body.paragraph_format.space_after = Pt(AFTER_PT)
    body.paragraph_format.line_spacing = LINE
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    around = {1: (18, 0), 2: (12, AFTER_PT), 3: (AFTER_PT, AFTER_PT)}
    for level, size in HEADING_PT.items():
        style = _style(document, f"Heading {level}")
        _fonts(style.element.get_or_add_rPr(), size)
        style.font.bold, style.font.italic = True, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        form = style.paragraph_format
        form.keep_with_next = True
        form.space_before, form.space_after = (Pt(p) for p in around[level])
        if level < 3:
            form.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            form.first_line_indent = Cm(INDENT_CM)
    _fonts(_style(document, "Header").element.get_or_add_rPr(), PAGE_NUMBER_PT)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field Word computes (``PAGE``): begin, instruction, separate, last result, end."""
    for part in ("begin", "instruction", "separate", "result", "end"):
        run = paragraph.add_run()
        if part == "instruction":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif part == "result":
            run.text = shown
        else:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), part)
            run._r.append(mark)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    section.top_margin, section.bottom_margin = Cm(MARGIN_CM["top"]), Cm(MARGIN_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGIN_CM["left"]), Cm(MARGIN_CM["right"])
    section.header_distance = section.footer_distance = Cm(1)
    # Page numbers from page 2, centred in the top margin: the first page's header is empty.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(number, "PAGE", "2")


def _compatibility(document: Document) -> None:
    # A line the user ended with a line break is not stretched across a justified
    # paragraph (Word would space its words out to the margin).
    compat = document.settings.element.find(qn("w:compat"))
    if compat is not None:  # the template has one; this comes first in it
        compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def _properties(document: Document, title: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title = inert(title)
    props.language = "vi-VN"
    props.author = props.last_modified_by = props.comments = props.keywords = ""
    props.created = props.modified = now
    props.revision = 1


# -- paragraphs and runs ----------------------------------------------------------------


def _runs(
    paragraph: Paragraph, inline: Token, size: float | None = None, *, bold: bool = False
) -> None:
    """The inline token's text as runs: bold and italic as marked, breaks as breaks."""
    strong = emphasis = 0
    for child in inline.children or []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            emphasis += 1 if kind == "em_open" else -1
            continue
        if kind == "text" and not child.content:
            continue  # markdown-it leaves empty text around the marks
        run = paragraph.add_run()
        if kind == "hardbreak":
            run.add_break()
        elif kind == "softbreak":
            run.text = " "
        else:
            # Text, and — never made by the documents — code, an image's words or
            # any other token with content: shown as its characters, nothing more.
            run.text = child.content
        if strong or bold:
            run.bold = True
        if emphasis:
            run.italic = True
        if size is not None:
            run.font.size = Pt(size)


def _top_border(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _rule(
    container: Document | _Cell, width: float, room: float, *, before: float = 1, after: float = 0
) -> Paragraph:
    """A rule ``width`` cm long, centred in ``room`` cm: an empty paragraph's top border."""
    paragraph = container.add_paragraph()
    form = paragraph.paragraph_format
    side = Cm(max(room - width, 0) / 2)
    form.left_indent = form.right_indent = side
    form.first_line_indent = Cm(0)
    form.space_before, form.space_after = Pt(before), Pt(after)
    form.line_spacing = Pt(2)  # exactly: the rule, not a line of text
    _top_border(paragraph)
    return paragraph


@dataclass
class _List:
    ordered: bool
    number: int
    opening: bool = False  # the next paragraph opens an item: it takes the lead ("- ", "2. ")


# -- tables ---------------------------------------------------------------------------------


def _twips(cm: float) -> str:
    return str(round(cm * 1440 / 2.54))


def _table(document: Document, rows: int, widths: list[float], *, grid: bool, pad: float) -> Table:
    table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), _twips(sum(widths)))
    borders = OxmlElement("w:tblBorders")
    for edge in EDGES:
        line = OxmlElement(f"w:{edge}")
        for key, value in (
            (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000"))
            if grid
            else (("val", "nil"),)
        ):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    tblpr.insert_element_before(borders, *_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), _twips(pad))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tblpr.insert_element_before(margins, *_AFTER_CELL_MARGINS)
    for column, cm in zip(table.columns, widths, strict=True):
        column.width = Cm(cm)
    for row in table.rows:
        for cell, cm in zip(row.cells, widths, strict=True):
            cell.width = Cm(cm)
        trpr = row._tr.get_or_add_trPr()
        trpr.insert_element_before(OxmlElement("w:cantSplit"), *_AFTER_CANT_SPLIT)
    return table


# -- the writer ---------------------------------------------------------------------------


class _Writer:
    def __init__(self, title: str) -> None:
        self.document = docx.Document()
        _styles(self.document)
        _page(self.document)
        _compatibility(self.document)
        _properties(self.document, title)
        self.lists: list[_List] = []
        self.last: Paragraph | None = None  # the block just written, when it is a paragraph
        self.after_table = False
        self.titled = False  # a document type heading ("# BIÊN BẢN") was written

    def write(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                self.heading(int(token.tag[1:]), tokens[i + 1])
                i += 3
                continue
            if kind == "paragraph_open":
                self.paragraph(tokens[i + 1], classes(token))
                i += 3
                continue
            if kind == "table_open":
                end, rows = cells(tokens, i)
                self.table(token, rows)
                i = end + 1
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrGet("start")
                self.lists.append(_List(kind == "ordered_list_open", int(start or 1)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1].opening = True
            elif kind == "hr":
                self.last = None
                _rule(self.document, TEXT_CM * SHORT_RULE, TEXT_CM, after=AFTER_PT)
            elif token.content:
                # Code and raw HTML are never made (escaped text, HTML off); if one
                # came, its lines would be shown as typed, never taken as markup.
                for line in token.content.splitlines():
                    self.last = self._body()
                    self.last.add_run(line)
            i += 1

    def heading(self, level: int, inline: Token) -> None:
        paragraph = self.document.add_paragraph(style=f"Heading {min(level, 3)}")
        _runs(paragraph, inline)
        paragraph.paragraph_format.keep_with_next = True
        if level == 1:
            # A second one (a report's "PHỤ LỤC") starts a page, as the HTML page does.
            if self.titled:
                paragraph.paragraph_format.page_break_before = True
            self.titled = True
        self.last, self.after_table = None, False

    def paragraph(self, inline: Token, marks: set[str]) -> None:
        if self.lists:
            self.item(inline)
            return
        if "subject" in marks:
            subject = self.document.add_paragraph()
            subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
            subject.paragraph_format.keep_with_next = True
            _runs(subject, inline)
            width = min(text_cm(plain(inline), BODY_PT, bold=True), TEXT_CM) * SHORT_RULE
            _rule(self.document, width, TEXT_CM, before=6, after=12)
            self.last = None
            return
        paragraph = self._body()
        _runs(paragraph, inline)
        self._lead_in(paragraph, inline)

    def _body(self) -> Paragraph:
        paragraph = self.document.add_paragraph(style=BODY)
        if self.after_table:  # a table has no space after it of its own
            paragraph.paragraph_format.space_before = Pt(AFTER_PT)
            self.after_table = False
        return paragraph

    def item(self, inline: Token) -> None:
        current, depth = self.lists[-1], len(self.lists) - 1
        paragraph = self._body()
        paragraph.paragraph_format.first_line_indent = Cm(INDENT_CM + NESTED_CM * depth)
        if current.opening:
            # "- " then "+ " for a list within a list, as Vietnamese documents write them.
            lead = f"{current.number}. " if current.ordered else ("- " if depth == 0 else "+ ")
            paragraph.add_run(lead)
            current.number += 1
            current.opening = False
        _runs(paragraph, inline)
        self._lead_in(paragraph, inline)

    def _lead_in(self, paragraph: Paragraph, inline: Token) -> None:
        # "Nhiệm vụ tháng tới:" goes over a page break with the table or list it announces.
        if plain(inline).rstrip().endswith(":"):
            paragraph.paragraph_format.keep_with_next = True
        self.last = paragraph

    def table(self, opening: Token, rows: list[list[tuple[Token, Token]]]) -> None:
        marks = classes(opening)
        if "doc-header" in marks:
            self.header(marks, rows)
        elif "layout" in marks:
            self.signatures(rows)
        else:
            self.data(opening.meta["columns"], rows)
        self.last = None
        self.after_table = True

    def header(self, marks: set[str], rows: list[list[tuple[Token, Token]]]) -> None:
        sizes = HEADER_PT["state" if "state" in marks else "party"]
        widths = [TEXT_CM * HEADER_SPLIT, TEXT_CM * (1 - HEADER_SPLIT)]
        table = _table(self.document, len(rows), widths, grid=False, pad=LAYOUT_CELL_CM)
        for row, found in zip(table.rows, rows, strict=True):
            for c, (cell, (opening, inline)) in enumerate(zip(row.cells, found, strict=False)):
                role = next((m for m in classes(opening) if m in sizes), "")
                size = sizes.get(role, BODY_PT)
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _runs(paragraph, inline, size)
                if any("rule" in classes(child) for child in inline.children or []):
                    # As long as its line; under the issuing body, a part of it (NĐ 30).
                    room = widths[c] - 2 * LAYOUT_CELL_CM
                    width = min(text_cm(plain(inline), size, bold=True), room)
                    _rule(cell, width * (SHORT_RULE if c == 0 else 1), room, before=2)

    def signatures(self, rows: list[list[tuple[Token, Token]]]) -> None:
        count = max(len(row) for row in rows)
        widths = [TEXT_CM / count] * count
        if self.last is not None:  # the last paragraph goes over with the signatures
            self.last.paragraph_format.keep_with_next = True
        table = _table(self.document, len(rows), widths, grid=False, pad=LAYOUT_CELL_CM)
        for r, (row, found) in enumerate(zip(table.rows, rows, strict=True)):
            for cell, (opening, inline) in zip(row.cells, found, strict=False):
                marks = classes(opening)
                paragraph = cell.paragraphs[0]
                size = BODY_PT
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if marks & {"recipients-head", "recipients"}:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    size = RECIPIENTS_PT if "recipients-head" in marks else RECIPIENT_PT
                _runs(paragraph, inline, size)
                form = paragraph.paragraph_format
                form.keep_with_next = r < len(rows) - 1  # one block, on one page
                if r == 0:
                    form.space_before = Pt(12)

    def data(self, layout: Columns, rows: list[list[tuple[Token, Token]]]) -> None:
        table = _table(self.document, len(rows), layout.widths, grid=True, pad=CELL_CM)
        for r, (row, found) in enumerate(zip(table.rows, rows, strict=True)):
            if r == 0:  # repeated at the top of every page the table runs onto
                trpr = row._tr.get_or_add_trPr()
                trpr.insert_element_before(OxmlElement("w:tblHeader"), *_AFTER_TBL_HEADER)
            for cell, (opening, inline) in zip(row.cells, found, strict=False):
                paragraph = cell.paragraphs[0]
                style = str(opening.attrGet("style") or "").split(";")
                paragraph.alignment = next((ALIGN[s] for s in style if s in ALIGN), None)
                _runs(paragraph, inline, layout.size, bold=opening.type == "th_open")
                if r == 0:
                    paragraph.paragraph_format.keep_with_next = True

    def save(self) -> bytes:
        if self.last is None:
            # Word ends a document with a paragraph; after the signatures, one too small
            # to push anything onto a new page.
            end = self.document.add_paragraph().paragraph_format
            end.line_spacing, end.space_before = Pt(1), Pt(0)
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def to_docx(markdown: str, title: str) -> bytes:
    """The Word file (.docx) of the Markdown ``markdown``: A4, the Center's print rules."""
    writer = _Writer(title)
    writer.write(parser().parse(markdown))
    return writer.save()


__all__ = ["to_docx"]
