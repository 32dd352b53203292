"""The document renderer: escaping, the two header layouts, the date rule, the minutes, HTML.

Assertions are made on markdown-it-py's tokens of the output, not on strings
alone: a title is an h1 token, a link is a link_open token, raw HTML is an
html_block or html_inline token, whatever the text looks like.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from giangvien.documents import document_header, md, md_cell, signatures
from giangvien.documents.html import CSS, parser, to_html
from giangvien.documents.meeting import (
    meeting_minutes,
    minutes_filename,
    minutes_title,
    missing_for_minutes,
)
from giangvien.i18n import set_language
from giangvien.models import (
    Attendance,
    ContentUpdate,
    Employment,
    Layout,
    Lecturer,
    Meeting,
    PersonRef,
    Position,
    Presence,
    Remark,
    Settings,
    Task,
)

NASTY = [
    "# Không phải tiêu đề",
    "## hai",
    "a | b | c",
    "*nghiêng* và **đậm** và _gạch_ và __đôi__",
    "---",
    "***",
    "___",
    "`mã` và ```khối```",
    "<script>alert('x')</script>",
    "<b>đậm</b> <!-- chú thích -->",
    "[link](http://x.vn) và ![ảnh](y.png) và <http://z.vn>",
    "[ref]: http://x.vn",
    "1. mục một",
    "2026) năm",
    "> trích dẫn",
    "+ cộng",
    "- trừ",
    "=",
    "===",
    "~~~",
    "&amp; &lt; &#60; &copy;",
    "    thụt lề bốn dấu cách",
    "\\ gạch chéo \\* cuối\\",
    "tên [TODO] {x} [type=x, v={'a[0]'}]",
]
MULTI = "dòng một\n# dòng hai\n\n- dòng ba\n1. dòng bốn"


def tokens(markdown: str, *, html: bool = False) -> list[Token]:
    engine = MarkdownIt("commonmark", {"html": html}).enable("table")
    return engine.parse(markdown)


def flat(found: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in found:
        out.append(token)
        out += flat(token.children or [])
    return out


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "softbreak":
            parts.append(" ")
    return "".join(parts)


def texts(markdown: str) -> list[str]:
    return [inline_text(t) for t in tokens(markdown) if t.type == "inline"]


def kinds(markdown: str, *, html: bool = False) -> set[str]:
    return {t.type for t in flat(tokens(markdown, html=html))}


STRUCTURE = {
    "heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "hr",
    "code_block", "fence", "code_inline", "em_open", "strong_open", "link_open", "image",
    "html_block", "html_inline", "table_open",
}  # fmt: skip


# -- escaping -------------------------------------------------------------------------


@pytest.mark.parametrize("text", NASTY)
def test_user_text_is_inert(text: str) -> None:
    for html in (False, True):  # even a parser that allows raw HTML sees none
        assert not kinds(md(text), html=html) & STRUCTURE, md(text)
    assert texts(md(text)) == [text.strip()]


def test_lines_stay_lines_as_hard_breaks() -> None:
    out = md(MULTI)
    assert texts(out) == ["dòng một\n# dòng hai\n- dòng ba\n1. dòng bốn"]
    assert not kinds(out) & STRUCTURE
    assert sum(t.type == "hardbreak" for t in flat(tokens(out))) == 3


def test_a_table_cell_holds_pipes_and_lines() -> None:
    cell = md_cell("a | b\n*c*")
    table = f"| x | y |\n| --- | --- |\n| {cell} | z |"
    found = [inline_text(t) for t in tokens(table) if t.type == "inline"]
    assert found == ["x", "y", "a | b *c*", "z"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#*_-+=>|`<>[]()!&;\\~ .:1aăđ\n\t", max_size=40))
def test_any_mix_of_markup_characters_reads_back_as_typed(text: str) -> None:
    lines = [line.strip(" \t") for line in text.splitlines()]
    expected = "\n".join(line for line in lines if line)
    out = md(text)
    assert not kinds(out, html=True) & STRUCTURE
    assert "".join(texts(out)) == expected


# -- header ---------------------------------------------------------------------------

PARTY = Settings(
    organisation="Trung tâm Chính trị huyện Yên Bình",
    parent_body="Huyện ủy Yên Bình",
    place_name="Yên Bình",
)
STATE = PARTY.model_copy(update={"layout": Layout.STATE})
NBSP = "\u00a0"


def cells(markdown: str) -> list[str]:
    return [inline_text(t) for t in tokens(markdown) if t.type == "inline"]


def test_party_header() -> None:
    found = cells(document_header(PARTY, "BB", dt.date(2026, 1, 5)))
    assert found == [
        "HUYỆN ỦY YÊN BÌNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TRUNG TÂM CHÍNH TRỊ HUYỆN YÊN BÌNH",
        "",
        "*",
        "Yên Bình, ngày 05 tháng 01 năm 2026",
        f"Số{NBSP * 6}-BB/TTCT",
        "",
    ]
    numbered = cells(document_header(PARTY, "BB", dt.date(2026, 1, 5), number="12"))
    assert "Số 12-BB/TTCT" in numbered


def test_state_header() -> None:
    found = cells(document_header(STATE, "BB", dt.date(2026, 6, 29)))
    assert found == [
        "HUYỆN ỦY YÊN BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TRUNG TÂM CHÍNH TRỊ HUYỆN YÊN BÌNH",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "",
        "Số: .../BB-TTCT",
        "Yên Bình, ngày 29 tháng 6 năm 2026",
    ]
    numbered = cells(document_header(STATE, "QĐ", dt.date(2026, 6, 29), number="7"))
    assert "Số: 7/QĐ-TTCT" in numbered


def test_header_settings_are_text_too() -> None:
    odd = PARTY.model_copy(update={"organisation": "Trung tâm | *X*", "place_name": "[A](b)"})
    out = document_header(odd, "BB", dt.date(2026, 1, 5))
    assert not kinds(out) & (STRUCTURE - {"table_open", "strong_open", "em_open"})
    assert "TRUNG TÂM | *X*" in cells(out)
    assert "[A](b), ngày 05 tháng 01 năm 2026" in cells(out)


@pytest.mark.parametrize("month", range(1, 13))
def test_the_date_rule_in_every_month(month: int) -> None:
    padded = f"{month:02}" if month <= 2 else str(month)
    for day, shown in ((5, "05"), (29 if month != 2 else 28, "29" if month != 2 else "28")):
        out = cells(document_header(PARTY, "BB", dt.date(2026, month, day)))
        assert f"Yên Bình, ngày {shown} tháng {padded} năm 2026" in out
    meeting = Meeting(date=dt.date(2026, month, 5))
    assert minutes_title(meeting) == f"Biên bản sinh hoạt chuyên môn tháng {padded}/2026"
    assert minutes_filename(meeting, "md") == f"bien-ban-sinh-hoat-chuyen-mon-2026-{month:02}.md"


def test_signatures() -> None:
    found = cells(signatures("Thư ký", "Phạm Thị *Lan*", "Chủ trì", "Lê Văn Hùng"))
    # The title, room to sign, the typed name: "(ký, ghi rõ họ tên)" is the
    # template's instruction to the signer, not printed text.
    assert found[:2] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert found[-2:] == ["Phạm Thị *Lan*", "Lê Văn Hùng"]
    assert set(found[2:-2]) == {""} and len(found[2:-2]) >= 8
    assert "(ký, ghi rõ họ tên)" not in found


def test_recipients_end_the_left_column() -> None:
    # Two signers: "Nơi nhận" under the left one, the office's own copy last.
    found = tokens(signatures("Thư ký", "An", "Chủ trì", "Hùng", recipients=["Ban *Tuyên giáo*"]))
    rows = [inline_text(t) for t in found if t.type == "inline"]
    left, right = rows[0::2], rows[1::2]
    assert left[left.index("An") + 2 :] == ["Nơi nhận:", "- Ban *Tuyên giáo*;", "- Lưu: VT, hồ sơ."]
    assert right[right.index("Hùng") + 1 :] == ["", "", "", ""]
    # One signer (a report): beside the signature, from its first line.
    rows = cells(signatures("", "", "Giám đốc", "Lê Văn Hùng", recipients=[]))
    assert rows[:4] == ["Nơi nhận:", "GIÁM ĐỐC", "- Lưu: VT, hồ sơ.", ""]
    assert rows[-2:] == ["", "Lê Văn Hùng"]
    head = next(t for t in found if t.type == "inline" and inline_text(t) == "Nơi nhận:")
    assert {"em_open", "strong_open"} <= {c.type for c in head.children or []}  # bold italic


# -- the minutes ----------------------------------------------------------------------


def lecturer(family: str, middle: str, given: str, **extra: object) -> Lecturer:
    return Lecturer(family_name=family, middle_name=middle, given_name=given, **extra)  # type: ignore[arg-type]


HUNG = lecturer("Lê", "Văn", "Hùng", position=Position.DIRECTOR)
LAN = lecturer("Phạm", "Thị", "Lan", position=Position.DEPUTY)
AN = lecturer("Nguyễn", "Văn", "An")
BINH = lecturer("Trần", "Thị", "Bình", employment=Employment.PART_TIME)
CUONG = lecturer("Hoàng", "Văn", "Cường")
DUNG = lecturer("Vũ", "Văn", "Dũng")
NAMES = {p.id: p for p in (HUNG, LAN, AN, BINH, CUONG, DUNG)}


def meeting(text: str = "Nội dung", **changes: object) -> Meeting:
    data: dict[str, object] = {
        "date": dt.date(2026, 1, 5),
        "start_time": dt.time(14, 0),
        "end_time": dt.time(16, 30),
        "place": "Hội trường Trung tâm",
        "chair_id": HUNG.id,
        "secretary_id": AN.id,
        "attendance": [
            Attendance(lecturer_id=HUNG.id),
            Attendance(lecturer_id=LAN.id, status=Presence.LATE),
            Attendance(lecturer_id=AN.id),
            Attendance(lecturer_id=BINH.id),
            Attendance(lecturer_id=CUONG.id),
            Attendance(lecturer_id=DUNG.id, status=Presence.ABSENT, reason="Ốm"),
            Attendance(name="Đỗ Văn Khách", position="Phó Trưởng Ban Tuyên giáo Huyện ủy"),
        ],
        "review": text,
        "teaching_aids": text,
        "active_methods": text,
        "content_updates": [
            ContentUpdate(lesson=text, content=text, owner_id=AN.id, due=dt.date(2026, 2, 15))
        ],
        "remarks": [
            Remark(speaker=PersonRef(lecturer_id=LAN.id), summary=text),
            Remark(speaker=PersonRef(name="Đỗ Văn Khách"), summary=text),
        ],
        "conclusion": text,
        "tasks": [Task(description=text, owner_id=BINH.id, due=dt.date(2026, 1, 31))],
    }
    data.update(changes)
    return Meeting.model_validate(data)


def headings(markdown: str) -> list[tuple[str, str]]:
    found = tokens(markdown)
    return [(t.tag, inline_text(found[i + 1])) for i, t in enumerate(found)
            if t.type == "heading_open"]  # fmt: skip


SECTIONS = [
    ("h1", "BIÊN BẢN"),
    ("h2", "NỘI DUNG"),
    ("h3", "1. Đánh giá công tác giảng dạy và dự giờ tháng 12/2025"),
    ("h3", "2. Phương tiện dạy học"),
    ("h3", "3. Phương pháp dạy học tích cực"),
    ("h3", "4. Thống nhất nội dung bổ sung vào bài giảng"),
    ("h3", "5. Ý kiến thảo luận"),
    ("h3", "6. Kết luận của chủ trì và nhiệm vụ tháng tới"),
]


def test_the_minutes_follow_the_layout() -> None:
    out = meeting_minutes(meeting(), PARTY, NAMES)
    assert headings(out) == SECTIONS
    found = texts(out)
    for line in [
        "Sinh hoạt chuyên môn tháng 01/2026",
        "Thời gian bắt đầu: 14 giờ 00 phút, ngày 05 tháng 01 năm 2026",
        "Địa điểm: Hội trường Trung tâm",
        "Thành phần tham dự: có mặt 5/6 đồng chí",
        "Đồng chí Lê Văn Hùng, Giám đốc;",
        "Đồng chí Phạm Thị Lan, Phó Giám đốc (đến muộn);",
        "Đồng chí Trần Thị Bình, giảng viên kiêm chức;",
        "Vắng mặt: 1 đồng chí",
        "Đồng chí Vũ Văn Dũng, giảng viên, lý do: Ốm.",
        "Đồng chí Đỗ Văn Khách, Phó Trưởng Ban Tuyên giáo Huyện ủy.",
        "Chủ trì: đồng chí Lê Văn Hùng, Giám đốc",
        "Thư ký: đồng chí Nguyễn Văn An, giảng viên",
        "Đồng chí Phạm Thị Lan: Nội dung",
        "Đồng chí Đỗ Văn Khách: Nội dung",
        "Cuộc họp kết thúc vào 16 giờ 30 phút cùng ngày./.",
    ]:
        assert line in found, line
    # The signatures close the document: THƯ KÝ left, CHỦ TRÌ right, the names, and
    # "Nơi nhận" under the left one, the office's own copy last (Nghị định 30/2020).
    names = len(found) - 1 - found[::-1].index("Nguyễn Văn An")
    assert found[names + 1] == "Lê Văn Hùng"
    assert found.index("THƯ KÝ") + 1 == found.index("CHỦ TRÌ")
    assert found[names + 2 :] == ["", "", "Nơi nhận:", "", "- Lưu: VT, hồ sơ.", ""]
    # Content updates and tasks as tables: lesson, content, who, by when.
    first = found.index("Thời hạn") + 1
    assert found[first : first + 5] == ["1", "Nội dung", "Nội dung", "Nguyễn Văn An", "15/02/2026"]
    assert "31/01/2026" in found and "Trần Thị Bình" in found
    assert out.startswith("| HUYỆN ỦY YÊN BÌNH | **ĐẢNG CỘNG SẢN VIỆT NAM** |")


def test_the_state_layout_heads_the_same_minutes() -> None:
    out = meeting_minutes(meeting(), STATE, NAMES)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts(out)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts(out)
    assert headings(out) == SECTIONS


@pytest.mark.parametrize("text", NASTY)
def test_nothing_typed_becomes_structure_in_the_minutes(text: str) -> None:
    odd = meeting(text, place=text)
    out = meeting_minutes(odd, PARTY, NAMES)
    assert headings(out) == SECTIONS  # exactly one title; the six sections, no more
    every = flat(tokens(out, html=True))
    assert not {t.type for t in every} & {"html_block", "html_inline", "link_open", "image",
                                          "code_inline", "code_block", "fence", "hr",
                                          "blockquote_open", "ordered_list_open"}  # fmt: skip
    assert sum(t.type == "table_open" for t in every) == 4  # header, updates, tasks, signatures
    shown = "\n".join(texts(out))
    assert shown.count(text.strip()) >= 8  # place, three sections, update x2, remarks, ...


def test_an_empty_section_says_so_instead_of_a_hole() -> None:
    bare = meeting(teaching_aids="", active_methods="", content_updates=[], remarks=[], tasks=[])
    found = texts(meeting_minutes(bare, PARTY, NAMES))
    assert found.count("Không có ý kiến.") == 3
    assert "Không có nội dung cần bổ sung." in found
    assert "Nhiệm vụ tháng tới:" not in found


def test_what_the_minutes_lack_is_named() -> None:
    assert missing_for_minutes(meeting(), PARTY) == []
    bare = Meeting(date=dt.date(2026, 1, 5))
    assert missing_for_minutes(bare) == [
        "Chưa chọn người chủ trì.",
        "Chưa chọn thư ký.",
        "Chưa ghi giờ bắt đầu.",
        "Chưa ghi giờ kết thúc.",
        "Chưa ghi địa điểm.",
        "Chưa ghi thành phần tham dự.",
        "Chưa ghi phần đánh giá công tác giảng dạy tháng trước (mục 1).",
        "Chưa ghi kết luận của chủ trì (mục 6).",
    ]
    away = meeting(attendance=[Attendance(lecturer_id=HUNG.id, status="absent", reason="Họp")])
    assert missing_for_minutes(away) == ["Người chủ trì đang được ghi là vắng mặt."]
    nowhere = PARTY.model_copy(update={"place_name": ""})
    assert len(missing_for_minutes(meeting(), nowhere)) == 1
    set_language("en")
    assert missing_for_minutes(bare)[0] == "No chair has been chosen."
    # The minutes themselves stay Vietnamese.
    assert "Thành phần tham dự: có mặt 5/6 đồng chí" in texts(
        meeting_minutes(meeting(), PARTY, NAMES)
    )


def test_holes_show_in_a_draft_preview() -> None:
    found = texts(meeting_minutes(Meeting(date=dt.date(2026, 1, 5)), PARTY, NAMES))
    assert "Thời gian bắt đầu: …, ngày 05 tháng 01 năm 2026" in found
    assert "Chủ trì: …" in found and "Cuộc họp kết thúc vào … cùng ngày./." in found


# -- HTML -----------------------------------------------------------------------------


def test_html_is_a_standalone_a4_page() -> None:
    page = to_html(meeting_minutes(meeting(), PARTY, NAMES), "Biên bản <tháng 1>")
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert '<meta charset="utf-8">' in page
    assert "<title>Biên bản &lt;tháng 1&gt;</title>" in page
    assert "@page { size: A4; margin: 2cm 1.5cm 2cm 3cm; }" in page
    assert '"Times New Roman"' in page and "14pt" in page
    assert '<table class="layout doc-header party">' in page
    assert page.count('<table class="layout">') == 1  # the signatures
    assert page.count("<table>") == 2  # updates and tasks, with a grid
    assert '<strong class="rule">ĐẢNG CỘNG SẢN VIỆT NAM</strong>' in page
    assert page.count("<h1>") == 1 and "http" not in page.split("<body>")[1]


@pytest.mark.parametrize("text", NASTY)
def test_html_shows_typed_text_never_a_tag_or_link(text: str) -> None:
    page = to_html(meeting_minutes(meeting(text, place=text), PARTY, NAMES), text)
    body = page.split("<body>")[1]
    for bad in ("<script", "<b>", "<!--", "<a ", "<img", "<code", "<hr", "<blockquote", "<ol"):
        assert bad not in body, bad
    assert "<title><" not in page


def test_state_layout_rules_under_the_motto_and_the_body() -> None:
    page = to_html(meeting_minutes(meeting(), STATE, NAMES), "x")
    assert '<strong class="rule">Độc lập - Tự do - Hạnh phúc</strong>' in page
    assert '<strong class="rule">TRUNG TÂM CHÍNH TRỊ HUYỆN YÊN BÌNH</strong>' in page
    assert '<strong class="rule">CỘNG HÒA' not in page


def test_html_print_rules() -> None:
    """The rules of the printed page (HD 36, NĐ 30): what a browser's print must keep."""
    css = " ".join(CSS.split())
    # Page numbers from page 2, centred in the top margin.
    assert "@page { @top-center { content: counter(page);" in css
    assert "@page :first { @top-center { content: none; } }" in css
    # A heading never ends a page; the signatures stay together, with the paragraph before.
    assert "h1, h2, h3 { break-after: avoid; page-break-after: avoid;" in css
    assert "table.layout:not(.doc-header) { margin-top: 12pt; break-inside: avoid;" in css
    assert "p:has(+ table.layout:not(.doc-header)) { break-after: avoid;" in css
    # Body paragraphs: at least 6 pt apart, first line indented 1.27 cm.
    assert "p { text-align: justify; margin: 0 0 6pt; text-indent: 1.27cm; }" in css
    assert "li { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }" in css
    # "ĐẢNG CỘNG SẢN VIỆT NAM" at 15 pt, a rule as long as its line; the rest at 14 pt.
    assert "table.party .party { font-size: 15pt; }" in css
    assert "table.party .issuer { font-size: 14pt; }" in css
    assert "table.party .dated { font-size: 14pt; }" in css
    assert 'strong.rule::after { content: ""; display: block; width: 100%;' in css
    assert "table.layout .recipients-head { font-size: 12pt; }" in css
    assert "table.layout .recipients { font-size: 11pt;" in css


def test_html_marks_the_parts_it_prints_differently() -> None:
    page = to_html(meeting_minutes(meeting(), PARTY, NAMES), "x")
    assert '<th style="text-align:center" class="party"><strong class="rule">ĐẢNG' in page
    assert '<td style="text-align:center" class="issuer"><strong>TRUNG TÂM' in page
    assert '<td style="text-align:center" class="dated"><em>Yên Bình, ngày 05' in page
    # The subject line, centred, with a short rule under it.
    assert '<p class="subject"><strong class="rule">Sinh hoạt chuyên môn tháng 01/2026' in page
    assert 'class="recipients-head"><em><strong>Nơi nhận:</strong></em>' in page
    assert 'class="recipients">- Lưu: VT, hồ sơ.</td>' in page
    # A data table's columns: as wide as in the Word file, as shares of the line.
    assert '<th style="text-align:center;width:' in page
    assert "(ký, ghi rõ họ tên)" not in page


def test_the_preview_parser_is_the_export_parser() -> None:
    engine = parser()
    assert engine.options["html"] is False
    assert "table" in engine.get_active_rules()["block"]
    assert "linkify" not in engine.get_active_rules()["core"]
