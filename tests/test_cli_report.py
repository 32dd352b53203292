"""`giangvien report`: who is meant, which period, what is written, and never Textual."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.models import Lecturer, Observation, Position
from store.datafile import open_datafile
from store.repository import Repository
from tests.test_docx import texts

ROOT = Path(__file__).resolve().parent.parent
# 14 of 20 points: 70%, Khá.
B = dict(
    zip(
        ("ND1", "ND2", "ND3", "ND4", "PP1", "PP2", "PP3", "PT1", "PT2", "HQ1"),
        (3, 1, 1, 1, 2, 1, 1, 1, 1, 2),
        strict=True,
    )
)


def person(family: str, middle: str, given: str, **extra: object) -> Lecturer:
    return Lecturer(family_name=family, middle_name=middle, given_name=given, **extra)  # type: ignore[arg-type]


AN = person("Nguyễn", "Văn", "An")
BINH = person("Nguyễn", "Thị", "Bình")
ANH = person("Trần", "Văn", "Anh")
LAN = person("Phạm", "Thị", "Lan", position=Position.DIRECTOR)
HUNG = person("Lê", "Văn", "Hùng")
HUNG2 = person("Lê", "Văn", "Hưng")
TAM = person("[TODO]", "Lê Văn", "Tám")
PEOPLE = (AN, BINH, ANH, LAN, HUNG, HUNG2, TAM)


def sheet(day: str, lesson: str = "Bài 1: Đảng", who: Lecturer = AN) -> Observation:
    return Observation(
        date=dt.date.fromisoformat(day),
        lecturer_id=who.id,
        observer_ids=[LAN.id],
        lesson=lesson,
        rubric_id="mac-dinh",
        rubric_version=1,
        scores=B,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "gv.json"
    repo = Repository(open_datafile(path, app_version=__version__))
    repo.save_many(
        [
            *PEOPLE,
            sheet("2025-03-01"),
            sheet("2025-03-31", lesson="<script>alert(1)</script> | *đậm*"),
            sheet("2025-02-28"),
            sheet("2025-04-01"),
            sheet("2025-06-01", who=TAM),
        ]
    )
    repo.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("an", AN),  # a whole word: not Anh, not Lan
        ("nguyen van an", AN),
        (unicodedata.normalize("NFD", "Phạm Thị Lan"), LAN),
        ("LAN", LAN),
        ("tran anh", ANH),
        ("[todo] tam", TAM),
    ],
)
def test_a_lecturer_found_by_name_without_diacritics(
    db: Path, capsys: pytest.CaptureFixture[str], query: str, who: Lecturer
) -> None:
    code, out, err = run(capsys, "report", query, "--year", "2025", "--db", str(db))
    assert code == 0, err
    assert "# HỒ SƠ PHÁT TRIỂN CHUYÊN MÔN" in out
    assert f"Đồng chí {who.full_name}".replace("[", "\\[").replace("]", "\\]") in out


def test_an_ambiguous_name_lists_the_matches_and_exits_2(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "report", "nguyen", "--db", str(db))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert "2 giảng viên" in lines[0]
    assert [line.split()[-1] for line in lines[1:]] == [AN.id, BINH.id]  # An before Bình
    code, _, err = run(capsys, "report", "khong co ai", "--db", str(db))
    assert code == 2 and "khong co ai" in err
    # "hung" is both Hùng and Hưng once diacritics are folded: both listed, exit 2.
    code, out, err = run(capsys, "report", "Le Van Hung", "--db", str(db))
    assert code == 2 and out == ""
    assert "Lê Văn Hùng" in err and "Lê Văn Hưng" in err and HUNG2.id in err
    # Typed with its diacritics (even decomposed), the exact name wins over the folded one.
    for typed in ("Lê Văn Hưng", unicodedata.normalize("NFD", "lê văn  hùng")):
        code, out, err = run(capsys, "report", typed, "--year", "2025", "--db", str(db))
        assert code == 0, err
        expected = "Lê Văn Hưng" if "ư" in typed else "Lê Văn Hùng"
        assert f"Đồng chí {expected}" in out
    code, out, _ = run(capsys, "report", HUNG.id[:8], "--db", str(db))
    assert code == 0 and "Lê Văn Hùng" in out


def test_a_lecturer_found_by_id_or_its_start(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for ref in (AN.id, AN.id[:8], AN.id.upper()):
        code, out, err = run(capsys, "report", ref, "--year", "2025", "--db", str(db))
        assert code == 0, err
        assert "Nguyễn Văn An" in out


def test_profile_figures_and_period_edges(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "report", "an", "--from", "01/03/2025", "--to", "31/03/2025", "--db", str(db)
    )
    assert code == 0
    # 1 and 31 March count; 28 February and 1 April do not.
    assert "Được dự giờ: 2 lượt (2 có chấm điểm, 0 chỉ nhận xét)." in out
    assert "Điểm bình quân: 70% điểm tối đa." in out
    assert "từ ngày 01/03/2025 đến ngày 31/03/2025" in out
    # User text is inert Markdown.
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*đậm\\*" in out
    code, out, _ = run(capsys, "report", "an", "--year", "2025", "--db", str(db))
    assert "Được dự giờ: 4 lượt" in out and "năm 2025" in out


def test_center_report_and_html(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--year", "2025", "--db", str(db))
    assert code == 0
    assert "# BÁO CÁO" in out and "đã dự giờ 05 lượt (05 lượt có chấm điểm" in out
    assert "\\[TODO\\] Lê Văn Tám" in out  # a name shaped like markup, escaped
    assert "**Phạm Thị Lan**" in out  # the director signs
    code, out, _ = run(capsys, "report", "--year", "2025", "--format", "html", "--db", str(db))
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert (
        "<title>Báo cáo tổng kết công tác bồi dưỡng chuyên môn của giảng viên năm 2025, "
        "phương hướng, nhiệm vụ năm 2026</title>"
    ) in out
    code, out, _ = run(
        capsys, "report", "an", "--year", "2025", "--format", "html", "--db", str(db)
    )
    assert "&lt;script&gt;" in out and "<script>" not in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--year", "2025", "--from", "01/01/2025"], "--year"),
        (["--from", "01/01/2025"], "cả --from và --to"),
        (["--from", "31/02/2025", "--to", "01/03/2025"], "31/02/2025"),
        (["--from", "02/03/2025", "--to", "01/03/2025"], "Ngày kết thúc"),
        (["--year", "20255"], "20255"),
    ],
)
def test_bad_periods_are_one_sentence_and_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, out, err = run(capsys, "report", *args, "--db", str(db))
    assert code == 2 and out == ""
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_out_file_refused_unless_forced(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sub" / "bao-cao.md"
    code, out, _ = run(capsys, "report", "--year", "2025", "--out", str(target), "--db", str(db))
    assert code == 0 and "Đã ghi báo cáo" in out
    first = target.read_text(encoding="utf-8")
    assert first.startswith("| ")  # the document header table
    code, _, err = run(capsys, "report", "an", "--out", str(target), "--db", str(db))
    assert code == 2 and "--force" in err
    assert target.read_text(encoding="utf-8") == first
    code, _, _ = run(capsys, "report", "an", "--out", str(target), "--force", "--db", str(db))
    assert code == 0 and "HỒ SƠ" in target.read_text(encoding="utf-8")


def test_no_data_file_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "report", "--db", str(tmp_path / "none.json"))
    assert code == 2 and "giangvien demo" in err


def test_report_does_not_import_textual(db: Path) -> None:
    code = (
        "import sys\n"
        "from giangvien.cli import main\n"
        f"code = main(['report', '--year', '2025', '--db', {str(db)!r}])\n"
        f"code += main(['report', 'an', '--format', 'html', '--db', {str(db)!r}])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'HEADLESS', code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().endswith("HEADLESS 0")


def test_word_reports_end_to_end(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tong-hop.docx"
    code, out, err = run(capsys, "report", "--year", "2025", "--format", "docx", "--out",
                         str(target), "--db", str(db))  # fmt: skip
    assert (code, err) == (0, "") and "Đã ghi báo cáo" in out
    document = docx.Document(io.BytesIO(target.read_bytes()))
    shown = texts(document)
    assert "BÁO CÁO" in shown and "[TODO] Lê Văn Tám" in shown
    # The director signs, "Nơi nhận" beside; the annex follows on a page of its own.
    assert shown.index("Nơi nhận:") < shown.index("Phạm Thị Lan") < shown.index("PHỤ LỤC")
    # A lecturer's profile: what was typed shows as typed, never as markup.
    target = tmp_path / "ho-so.docx"
    code, _, err = run(capsys, "report", "an", "--year", "2025", "--format", "docx", "--out",
                       str(target), "--db", str(db))  # fmt: skip
    assert code == 0, err
    shown = texts(docx.Document(io.BytesIO(target.read_bytes())))
    assert any("<script>alert(1)</script> | *đậm*" in line for line in shown)
    assert "HỒ SƠ PHÁT TRIỂN CHUYÊN MÔN" in shown
