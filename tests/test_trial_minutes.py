"""The minutes of a trial lecture: layout, escaping (read back as markdown-it tokens), CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from giangvien import __version__
from giangvien.cli import main
from giangvien.documents.html import to_html
from giangvien.documents.trial import (
    missing_for_trial_minutes,
    trial_filename,
    trial_minutes,
    trial_title,
)
from giangvien.i18n import tr
from giangvien.models import (
    Layout,
    Lecturer,
    PanelMember,
    PersonRef,
    Position,
    Settings,
    Trial,
    Verdict,
)
from giangvien.rubric import default_rubric
from store.datafile import open_datafile
from store.repository import Repository
from tests.trial_helpers import decided

NASTY = [
    "# Không phải tiêu đề",
    "[link](http://x.vn) và ![ảnh](y.png) và <http://z.vn>",
    "<script>alert('x')</script> <b>đậm</b>",
    "*nghiêng* **đậm** `mã` | ô | bảng",
    "1. mục một",
    "- trừ",
    "> trích dẫn",
    "[b]Hoàng[/b] Văn Tư [type=x, v={'a[0]'}]",
    "&amp; &lt;",
]
STRUCTURE = {
    "heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "hr",
    "code_block", "fence", "code_inline", "em_open", "strong_open", "link_open", "image",
    "html_block", "html_inline", "table_open",
}  # fmt: skip
AN = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
HUNG = Lecturer(family_name="Lê", middle_name="Văn", given_name="Hùng", position=Position.DIRECTOR)
NAMES = {AN.id: AN, HUNG.id: HUNG}
SETTINGS = Settings(place_name="Yên Bình", parent_body="Huyện ủy Yên Bình")


def tokens(markdown: str, *, html: bool = False) -> list[Token]:
    return MarkdownIt("commonmark", {"html": html}).enable("table").parse(markdown)


def flat(found: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in found:
        out += [token, *flat(token.children or [])]
    return out


def kinds(markdown: str, *, html: bool = False) -> set[str]:
    return {t.type for t in flat(tokens(markdown, html=html))}


def text_of(markdown: str) -> str:
    """Every text the reader sees, hard breaks as new lines."""
    parts = []
    for token in flat(tokens(markdown)):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def trial(text: str = "Nội dung", **changes: object) -> Trial:
    data: dict[str, object] = {
        "lecturer_id": AN.id,
        "lesson": f"Bài 2: {text}",
        "programme": "Sơ cấp lý luận chính trị",
        "date": dt.date(2026, 1, 5),
        "start_time": dt.time(7, 30),
        "end_time": dt.time(10, 15),
        "place": f"Hội trường {text}",
        "chair": PersonRef(lecturer_id=HUNG.id),
        "secretary": PersonRef(name=f"Trần Thị {text}", position="Chuyên viên", unit="Ban"),
        "panel": [
            PanelMember(lecturer_id=HUNG.id, comments=f"Góp ý: {text}"),
            PanelMember(
                name=f"Hoàng Văn {text}",
                position="Phó Trưởng Ban Tuyên giáo Huyện ủy",
                unit=f"Ban Tuyên giáo Huyện ủy {text}",
                comments=text,
            ),
        ],
        "self_assessment": text,
        "verdict": Verdict.NOT_PASSED,
        "to_fix": text,
        "next_trial_date": dt.date(2026, 1, 20),
        "lessons_drawn": text,
    }
    data.update(changes)
    return decided(**data)


def headings(markdown: str) -> list[tuple[str, str]]:
    found = tokens(markdown)
    return [(t.tag, found[i + 1].content) for i, t in enumerate(found) if t.type == "heading_open"]


def test_the_minutes_follow_the_layout() -> None:
    out = trial_minutes(trial(), SETTINGS, NAMES)
    assert headings(out) == [
        ("h1", "BIÊN BẢN"),
        ("h2", "NỘI DUNG"),
        ("h3", "1. Giảng viên tự đánh giá"),
        ("h3", "2. Ý kiến góp ý của các thành viên hội đồng"),
        ("h3", "3. Kết luận của hội đồng"),
        ("h3", "4. Rút kinh nghiệm"),
    ]
    seen = text_of(out)
    for line in (
        "HUYỆN ỦY YÊN BÌNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Yên Bình, ngày 05 tháng 01 năm 2026",
        "Góp ý, đánh giá giờ giảng thử",
        "Giảng viên giảng thử: đồng chí Nguyễn Văn An, giảng viên",
        "Chủ trì: đồng chí Lê Văn Hùng, Giám đốc",
        "Thư ký: đồng chí Trần Thị Nội dung, Chuyên viên, Ban",
        "Thành phần hội đồng: 2 đồng chí",
        "Đồng chí Hoàng Văn Nội dung, Phó Trưởng Ban Tuyên giáo Huyện ủy, "
        "Ban Tuyên giáo Huyện ủy Nội dung: Nội dung.",
        "Kết quả: Chưa đạt.",
        "Thời gian giảng thử lại: ngày 20 tháng 01 năm 2026.",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ):
        assert line in seen, line
    assert "Thời gian bắt đầu: 07 giờ 30 phút" in seen
    assert "Buổi giảng thử kết thúc vào 10 giờ 15 phút cùng ngày" in seen
    # Secretary signs on the left, chair on the right, names in full; filed.
    assert "| **Trần Thị Nội dung** | **Lê Văn Hùng** |" in out
    assert out.rstrip().endswith("| - Lưu: VT, hồ sơ. | |")


def test_the_state_layout_heads_the_same_minutes() -> None:
    state = Settings(place_name="Yên Bình", layout=Layout.STATE)
    party = trial_minutes(trial(), SETTINGS, NAMES)
    out = trial_minutes(trial(), state, NAMES)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text_of(out)
    assert "Độc lập - Tự do - Hạnh phúc" in text_of(out)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text_of(out)
    assert "Số: .../BB-TTCT" in text_of(out)
    assert headings(out) == headings(party)
    # Everything after the header is the same document.
    assert out.split("# BIÊN BẢN", 1)[1] == party.split("# BIÊN BẢN", 1)[1]


@pytest.mark.parametrize("text", NASTY)
def test_nothing_typed_becomes_structure(text: str) -> None:
    out = trial_minutes(trial(text), SETTINGS, NAMES)
    clean = trial_minutes(trial(), SETTINGS, NAMES)
    for html in (False, True):
        # The user's text adds no structure the plain minutes do not have already.
        assert kinds(out, html=html) == kinds(clean, html=html), text
        assert not {"html_block", "html_inline", "link_open", "image"} & kinds(out, html=html)
    assert text in text_of(out)
    page = to_html(out, trial_title(trial(text)))
    assert "<script" not in page and "<a " not in page and "<b>" not in page


def test_scores_are_shown_with_the_rubric_and_left_out_without() -> None:
    rubric = default_rubric()
    full = {i.code: i.max for i in rubric.items}
    scored = trial(
        panel=[PanelMember(lecturer_id=HUNG.id, comments="Tốt", scores=full)],
        rubric_id=rubric.rubric_id,
        rubric_version=rubric.version,
        verdict=Verdict.PASSED,
        to_fix="",
        next_trial_date=None,
    )
    seen = text_of(trial_minutes(scored, SETTINGS, NAMES, rubric))
    assert "Đồng chí Lê Văn Hùng, Giám đốc — chấm 20/20 điểm, xếp loại Giỏi: Tốt." in seen
    assert "Kết quả: Đạt." in seen and "Giảng viên được giảng bài này." in seen
    assert "Thời gian giảng thử lại" not in seen
    assert "chấm" not in text_of(trial_minutes(scored, SETTINGS, NAMES))


def test_what_the_minutes_lack_is_named() -> None:
    assert missing_for_trial_minutes(trial(), SETTINGS) == []
    bare = trial(chair=None, secretary=None, place="", panel=[], verdict=None, to_fix="",
                 next_trial_date=None, start_time=None, end_time=None)  # fmt: skip
    assert missing_for_trial_minutes(bare, Settings()) == [
        "Chưa chọn người chủ trì.",
        "Chưa chọn thư ký.",
        "Chưa ghi địa điểm.",
        "Chưa ghi giờ bắt đầu.",
        "Chưa ghi giờ kết thúc.",
        "Chưa ghi thành viên hội đồng.",
        "Hội đồng chưa kết luận (Đạt hay Chưa đạt).",
        tr("documents.missing_parent_body"),
        "Chưa đặt địa danh trong Cài đặt (dòng “…, ngày … tháng … năm …”).",
    ]
    # A draft still previews, with holes where the people go.
    seen = text_of(trial_minutes(bare, Settings(), NAMES))
    assert "Chủ trì: …" in seen and "Kết quả: hội đồng chưa kết luận." in seen


def test_file_names_are_plain_ascii() -> None:
    assert trial_filename(trial(), NAMES, "md") == "bien-ban-giang-thu-2026-01-05-nguyen-van-an.md"
    assert trial_filename(trial(), {}, "html") == "bien-ban-giang-thu-2026-01-05.html"


# -- giangvien minutes trial:... --------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.json"
    repo = Repository(open_datafile(path, app_version=__version__))
    repo.save_many([AN, HUNG, SETTINGS])
    repo.save(trial("[Đảng] *x*"))
    repo.save(trial(date=dt.date(2026, 3, 2), verdict=None, to_fix="", next_trial_date=None))
    repo.close()
    return path


def stored(path: Path) -> list[Trial]:
    repo = Repository(open_datafile(path, app_version=__version__, read_only=True))
    try:
        return sorted(repo.all(Trial), key=lambda t: t.date)
    finally:
        repo.close()


def test_cli_prints_a_trial_by_id_and_by_month(db: Path, capsys: pytest.CaptureFixture[str]):
    first, _ = stored(db)
    assert main(["minutes", f"trial:{first.id}", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out == trial_minutes(first, SETTINGS, NAMES)
    assert "Bài 2: \\[Đảng\\] \\*x\\*" in out
    assert main(["minutes", "trial:2026-01", "--db", str(db)]) == 0
    assert capsys.readouterr().out == out
    assert main(["minutes", f"trial:{first.id[:8]}", "--format", "html", "--db", str(db)]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "Bài 2: [Đảng] *x*" in page


def test_cli_refuses_an_undecided_trial_and_unknown_refs(
    db: Path, capsys: pytest.CaptureFixture[str]
):
    assert main(["minutes", "trial:2026-03", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "Hội đồng chưa kết luận (Đạt hay Chưa đạt)." in err
    assert main(["minutes", "trial:2026-05", "--db", str(db)]) == 2
    assert capsys.readouterr().err.strip() == "Không có buổi giảng thử nào trong tháng 5/2026."
    assert main(["minutes", "trial:khong-co", "--db", str(db)]) == 2
    assert "không phải mã buổi giảng thử" in capsys.readouterr().err
