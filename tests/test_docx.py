"""The Word files: opened again with python-docx, as a clerk's Word would read them.

Page setup, fonts and sizes (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW), the
header as a borderless table, page numbers from page 2, "Nơi nhận", what keeps
with what across a page break, and user text shown as typed; and that the Word
file says what the Markdown says, block for block.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from giangvien import __version__
from giangvien.development import Data, Period, profile
from giangvien.development.review import lecturer_follow, review
from giangvien.documents.export import rendered
from giangvien.documents.header import MOTTO, NATION, PARTY
from giangvien.documents.html import parser
from giangvien.documents.meeting import meeting_minutes, minutes_title
from giangvien.documents.printing import TEXT_CM, columns, text_cm
from giangvien.documents.report import center_report, profile_report
from giangvien.documents.trial import trial_minutes
from giangvien.documents.word import to_docx
from giangvien.models import Lecturer, Position
from store.datafile import open_datafile
from store.repository import Repository
from tests.test_documents import NAMES, STATE, meeting
from tests.test_documents import PARTY as PARTY_SETTINGS
from tests.test_trial_minutes import NAMES as TRIAL_NAMES
from tests.test_trial_minutes import SETTINGS as TRIAL_SETTINGS
from tests.test_trial_minutes import trial

SHAPED = [
    "[b]đậm[/b] [red]x[/red]",  # Rich / Textual markup
    "**đậm** và # tiêu đề và `mã` và [link](http://x.vn)",  # Markdown
    "<script>alert(1)</script> <b>x</b> &amp;",  # HTML
]
FONT = "Times New Roman"
TODAY = dt.date(2026, 1, 5)
DIRECTOR = Lecturer(family_name="Lê", middle_name="Văn", given_name="Hùng",
                    position=Position.DIRECTOR)  # fmt: skip
THOM = Lecturer(family_name="Bế", middle_name="Thị", given_name="Thơm")


def opened(markdown: str, title: str = "Biên bản") -> Document:
    return docx.Document(io.BytesIO(to_docx(markdown, title)))


def minutes(text: str = "Nội dung", settings: object = PARTY_SETTINGS) -> Document:
    return opened(meeting_minutes(meeting(text), settings, NAMES))  # type: ignore[arg-type]


def paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph of the body, those in table cells too, in reading order."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def texts(document: Document) -> list[str]:
    return [p.text for p in paragraphs(document) if p.text.strip()]


def tables(document: Document) -> list[Table]:
    return [b for b in document.iter_inner_content() if isinstance(b, Table)]


def borders(table: Table) -> dict[str, str]:
    found = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert found is not None
    return {edge.tag.split("}")[1]: edge.get(qn("w:val")) for edge in found}


def run_size(paragraph: Paragraph) -> float | None:
    sizes = {r.font.size.pt for r in paragraph.runs if r.text.strip() and r.font.size}
    assert len(sizes) <= 1, sizes
    return sizes.pop() if sizes else None


def markdown_texts(markdown: str) -> list[str]:
    """What each inline token of the Markdown shows, hard breaks as newlines."""

    def text(token: Token) -> str:
        parts = []
        for child in token.children or []:
            if child.type == "hardbreak":
                parts.append("\n")
            elif child.type == "softbreak":
                parts.append(" ")
            else:
                parts.append(child.content)
        return "".join(parts)

    return [text(t) for t in parser().parse(markdown) if t.type == "inline" and text(t).strip()]


# -- the page --------------------------------------------------------------------------


def test_a4_with_the_decree_margins() -> None:
    section = minutes().sections[0]
    cm = [
        length.cm  # type: ignore[union-attr]
        for length in (section.page_width, section.page_height, section.top_margin,
                       section.bottom_margin, section.left_margin, section.right_margin)
    ]  # fmt: skip
    assert cm[:5] == pytest.approx([21, 29.7, 2, 2, 3], abs=0.005)  # A4; stored in twips
    assert 1.5 - 0.005 <= cm[5] <= 2


def test_page_numbers_from_page_2_centred_in_the_top_margin() -> None:
    section = minutes().sections[0]
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    codes = [c.text for c in number._p.iter(qn("w:instrText"))]
    assert [c.strip() for c in codes] == ["PAGE"]
    assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not "".join(p.text for p in first.paragraphs).strip()
    assert not list(first._element.iter(qn("w:instrText")))
    # In the margin: the header starts 1 cm from the edge, the text 2 cm.
    assert section.header_distance is not None and section.header_distance < section.top_margin  # type: ignore[operator]


def test_times_new_roman_for_every_script_14_pt() -> None:
    document = minutes()
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{script}")) == FONT, (name, script)
        assert not any("Theme" in key or "theme" in key for key in fonts), name
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:eastAsia")) == FONT
    assert document.styles["Normal"].font.size == Pt(14)
    assert document.styles["Heading 1"].font.size == Pt(15)  # "BIÊN BẢN": 15–16 pt bold
    assert document.core_properties.language == "vi-VN"


def test_body_paragraphs_are_indented_and_spaced() -> None:
    document = minutes()
    body = document.styles["Body Text"].paragraph_format
    assert Cm(1) <= body.first_line_indent <= Cm(1.27)  # type: ignore[operator]
    assert body.space_after is not None and body.space_after >= Pt(6)
    lines = [p for p in document.paragraphs if p.text.startswith("Thời gian bắt đầu")]
    assert [p.style.name for p in lines] == ["Body Text"]  # type: ignore[union-attr]
    items = [p for p in document.paragraphs if p.text.startswith("- Đồng chí Lê Văn Hùng")]
    assert len(items) == 1 and items[0].paragraph_format.first_line_indent == Cm(1.27)


def test_headings_keep_with_next() -> None:
    document = minutes()
    heads = [p for p in document.paragraphs if p.style.name.startswith("Heading")]  # type: ignore[union-attr]
    assert [p.text for p in heads][:3] == [
        "BIÊN BẢN",
        "NỘI DUNG",
        "1. Đánh giá công tác giảng dạy và dự giờ tháng 12/2025",
    ]
    assert len(heads) == 8
    assert all(p.paragraph_format.keep_with_next for p in heads)


# -- the header ------------------------------------------------------------------------


def test_the_party_header_is_a_borderless_two_column_table() -> None:
    header = tables(minutes())[0]
    assert set(borders(header).values()) == {"nil"}
    assert len(header.columns) == 2
    widths = [c.width.cm for c in header.rows[0].cells]  # type: ignore[union-attr]
    assert widths[0] < widths[1] and sum(widths) == pytest.approx(TEXT_CM, abs=0.01)
    left = [c.paragraphs[0] for c in header.columns[0].cells]
    right = [c.paragraphs[0] for c in header.columns[1].cells]
    assert [p.text for p in left] == [
        "HUYỆN ỦY YÊN BÌNH",
        "TRUNG TÂM CHÍNH TRỊ HUYỆN YÊN BÌNH",
        "*",
        f"Số{chr(0xA0) * 6}-BB/TTCT",
    ]
    assert [p.text for p in right] == [PARTY, "", "Yên Bình, ngày 05 tháng 01 năm 2026", ""]
    party = right[0]
    assert run_size(party) == 15 and all(r.bold for r in party.runs)
    assert all(r.italic for r in right[2].runs)
    # HD 36: the parent body, the issuing body, the number and the date at 14 pt.
    assert [run_size(p) for p in left] == [14, 14, 14, 14] and run_size(right[2]) == 14
    assert all(r.bold for r in left[1].runs)
    # The rule under the Party's name: as long as the line, under it in its cell.
    cell = header.columns[1].cells[0]
    rule = cell.paragraphs[1]
    assert rule.text == "" and rule._p.find(f".//{qn('w:pBdr')}/{qn('w:top')}") is not None
    room = cell.width.cm - 0.1  # type: ignore[union-attr]
    length = room - 2 * rule.paragraph_format.left_indent.cm  # type: ignore[union-attr]
    assert length == pytest.approx(text_cm(PARTY, 15, bold=True), abs=0.05)


def test_the_state_header_sizes_and_rules() -> None:
    header = tables(minutes(settings=STATE))[0]
    assert set(borders(header).values()) == {"nil"}
    right = header.columns[1].cells
    assert right[0].paragraphs[0].text == NATION and run_size(right[0].paragraphs[0]) == 13
    assert right[1].paragraphs[0].text == MOTTO and run_size(right[1].paragraphs[0]) == 14
    assert len(right[0].paragraphs) == 1  # no rule under the nation's name, one under the motto
    assert len(right[1].paragraphs) == 2
    left = header.columns[0].cells
    assert len(left[1].paragraphs) == 2  # a short rule under the issuing body
    assert run_size(left[3].paragraphs[0]) == 13 and left[3].paragraphs[0].text == "Số: .../BB-TTCT"


def test_the_subject_line_is_centred_with_a_short_rule_under_it() -> None:
    document = minutes()
    found = [i for i, p in enumerate(document.paragraphs) if p.text == "BIÊN BẢN"]
    subject, rule = document.paragraphs[found[0] + 1], document.paragraphs[found[0] + 2]
    assert subject.text == "Sinh hoạt chuyên môn tháng 01/2026"
    assert subject.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in subject.runs)
    assert rule.text == "" and rule._p.find(f".//{qn('w:pBdr')}") is not None
    indent = rule.paragraph_format.left_indent.cm  # type: ignore[union-attr]
    assert 0 < TEXT_CM - 2 * indent < text_cm(subject.text, 14, bold=True)


# -- the end ---------------------------------------------------------------------------


def test_signatures_then_nơi_nhận_kept_with_the_last_paragraph() -> None:
    document = minutes()
    signatures = tables(document)[-1]
    assert set(borders(signatures).values()) == {"nil"}
    cells = [[c.paragraphs[0] for c in row.cells] for row in signatures.rows]
    assert [p.text for p in cells[0]] == ["THƯ KÝ", "CHỦ TRÌ"]
    names = [i for i, row in enumerate(cells) if row[0].text == "Nguyễn Văn An"]
    assert names and cells[names[0]][1].text == "Lê Văn Hùng"
    assert all(row[0].text == row[1].text == "" for row in cells[1 : names[0]])  # room to sign
    assert names[0] >= 5
    assert "(ký, ghi rõ họ tên)" not in texts(document)
    head = next(row[0] for row in cells if row[0].text == "Nơi nhận:")
    assert all(r.bold and r.italic for r in head.runs) and run_size(head) == 12
    assert head.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    filed = cells[-1][0]
    assert filed.text == "- Lưu: VT, hồ sơ." and run_size(filed) == 11
    # One block on one page, and the closing paragraph goes over with it.
    rows = signatures._tbl.tr_lst
    assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    assert all(p.paragraph_format.keep_with_next for row in cells[:-1] for p in row)
    last = document.paragraphs[-1]
    before = next(p for p in document.paragraphs if p.text.startswith("Cuộc họp kết thúc"))
    assert before.paragraph_format.keep_with_next
    assert last.text == ""  # Word's closing paragraph, one point high
    assert last.paragraph_format.line_spacing == Pt(1)


@pytest.fixture
def center_data(tmp_path: Path) -> Iterator[Data]:
    """A Center of two, read as the report reads its figures."""
    repo = Repository(open_datafile(tmp_path / "gv.json", app_version=__version__))
    repo.save_many([PARTY_SETTINGS, DIRECTOR, THOM])
    try:
        yield Data.read(repo, TODAY)
    finally:
        repo.close()


def test_the_center_report_is_signed_by_the_director_nơi_nhận_beside(center_data: Data) -> None:
    found = review(center_data, Period.year(2025))
    document = opened(center_report(found, PARTY_SETTINGS, TODAY))
    layout = [t for t in tables(document) if set(borders(t).values()) == {"nil"}]
    signed = layout[-1]  # the header, then the signatures; the annex's tables have a grid
    first = [c.paragraphs[0].text for c in signed.rows[0].cells]
    assert first == ["Nơi nhận:", "GIÁM ĐỐC"]
    assert signed.rows[-1].cells[1].text == "Lê Văn Hùng"


# -- tables of data ----------------------------------------------------------------------


def test_data_tables_have_a_grid_a_repeated_header_and_whole_names() -> None:
    document = minutes()
    updates = tables(document)[1]
    assert set(borders(updates).values()) == {"single"}
    header = updates._tbl.tr_lst[0]
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.bold for c in updates.rows[0].cells for r in c.paragraphs[0].runs)
    widths = [c.width.cm for c in updates.rows[0].cells]  # type: ignore[union-attr]
    assert sum(widths) == pytest.approx(TEXT_CM, abs=0.01)
    owner = updates.rows[1].cells[3]
    assert owner.text == "Nguyễn Văn An"
    assert owner.width.cm >= text_cm("Nguyễn Văn An", 13) + 0.2  # type: ignore[union-attr]


def test_a_wide_table_prints_smaller_rather_than_break_names() -> None:
    # The Center report's table of lecturers: thirteen columns.
    header = ["TT", "Họ và tên", "Được dự giờ", "Đi dự giờ", "Giờ giảng", "Điểm BQ", "G", "K",
              "TB", "CĐ", "Dự SHCM", "Dự BCV", "Việc chưa xong"]  # fmt: skip
    row = ["1", "Nguyễn Minh Hoàng", "8", "10", "369,5/90", "83,4%", "2", "6", "0", "0", "100%",
           "90,9%", "3 (3 quá hạn)"]  # fmt: skip
    found = columns([header, row, row])
    assert found.size < 13 and sum(found.widths) == pytest.approx(TEXT_CM)
    assert found.widths[1] >= text_cm("Nguyễn Minh Hoàng", found.size) + 0.2
    # A long text shares what is left, a word is never cut.
    found = columns([["TT", "Nội dung"], ["1", "rất dài " * 60]])
    assert found.size == 13 and found.widths[1] > found.widths[0]


def test_widths_of_vietnamese_text() -> None:
    # Advance widths of Times New Roman: the Party's name at 15 pt bold is about 7.4 cm.
    assert text_cm(PARTY, 15, bold=True) == pytest.approx(7.3, abs=0.1)
    assert text_cm("ư", 14) > text_cm("u", 14)  # the horn widens the letter
    assert text_cm("Đ", 14) == text_cm("D", 14)


# -- content, and user text --------------------------------------------------------------


@pytest.mark.parametrize("text", SHAPED)
def test_user_text_is_literal_in_the_word_file(text: str) -> None:
    document = minutes(text)
    shown = texts(document)
    assert sum(text in line for line in shown) >= 5, shown  # each section and table cell
    body = document.element.body
    assert body.find(f".//{qn('w:hyperlink')}") is None
    assert body.find(f".//{qn('w:instrText')}") is None  # no field but the page number
    assert body.find(f".//{qn('w:fldSimple')}") is None


def test_lines_typed_stay_lines() -> None:
    typed = "dòng một\n# dòng hai"
    document = opened(meeting_minutes(meeting(review=typed), PARTY_SETTINGS, NAMES))
    assert typed in texts(document)


def test_the_word_file_says_what_the_markdown_says() -> None:
    markdown = meeting_minutes(meeting(SHAPED[1]), PARTY_SETTINGS, NAMES)
    shown = [line.removeprefix("- ") for line in texts(opened(markdown))]
    assert shown == [line.removeprefix("- ") for line in markdown_texts(markdown)]


def test_the_trial_minutes_export_as_word() -> None:
    markdown = trial_minutes(trial(SHAPED[2]), TRIAL_SETTINGS, TRIAL_NAMES)
    document = opened(markdown)
    shown = [line.removeprefix("- ") for line in texts(document)]
    assert shown == [line.removeprefix("- ") for line in markdown_texts(markdown)]
    assert any(SHAPED[2] in line for line in shown)
    subject = [p for p in document.paragraphs if p.text == "Góp ý, đánh giá giờ giảng thử"]
    assert subject and subject[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_a_profile_exports_as_word(center_data: Data) -> None:
    mine = profile(center_data, THOM, Period.year(2025))
    follow = lecturer_follow(center_data, THOM, Period.year(2025))
    markdown = profile_report(mine, PARTY_SETTINGS, {THOM.id: THOM}, TODAY, follow=follow)
    document = opened(markdown)
    assert "HỒ SƠ PHÁT TRIỂN CHUYÊN MÔN" in texts(document)
    shown = [line.removeprefix("- ").removeprefix("+ ") for line in texts(document)]
    assert shown == [line.removeprefix("- ") for line in markdown_texts(markdown)]


def test_rendered_gives_each_format() -> None:
    markdown = meeting_minutes(meeting(), PARTY_SETTINGS, NAMES)
    title = minutes_title(meeting())
    assert rendered(markdown, title, "md") == markdown
    assert str(rendered(markdown, title, "html")).startswith("<!DOCTYPE html>")
    word = rendered(markdown, title, "docx")
    assert isinstance(word, bytes) and word[:2] == b"PK"
    assert docx.Document(io.BytesIO(word)).core_properties.title == title
    with pytest.raises(LookupError):
        rendered(markdown, title, "pdf")
