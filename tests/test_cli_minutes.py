"""`giangvien minutes`: which meeting, where the document goes, and what it refuses."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.demo import generate
from giangvien.documents.meeting import meeting_minutes
from giangvien.models import Lecturer, Meeting
from store.datafile import open_datafile
from store.repository import Repository
from tests.test_docx import markdown_texts, texts

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 20)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    """The demo Center, dated so that its months do not move with the calendar."""
    path = tmp_path / "demo.json"
    repo = Repository(open_datafile(path, app_version=__version__))
    repo.save_many(generate(today=TODAY))
    repo.close()
    yield path


def records(path: Path) -> tuple[list[Meeting], Repository]:
    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    return repo.all(Meeting), repo


def expected(path: Path, meeting: Meeting) -> str:
    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    try:
        names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}
        return meeting_minutes(meeting, repo.settings(), names)
    finally:
        repo.close()


def only(path: Path, year: int, month: int) -> Meeting:
    meetings, repo = records(path)
    repo.close()
    [found] = [m for m in meetings if (m.date.year, m.date.month) == (year, month)]
    return found


def add(path: Path, meeting: Meeting) -> Meeting:
    repo = Repository(open_datafile(path, app_version=__version__))
    try:
        return repo.save(meeting)
    finally:
        repo.close()


def test_a_month_prints_its_meeting_on_stdout(db: Path, capsys: pytest.CaptureFixture[str]):
    meeting = only(db, 2026, 10)
    code, out, err = run(capsys, "minutes", "2026-10", "--db", str(db))
    assert (code, err) == (0, "")
    assert out == expected(db, meeting)
    assert "**Sinh hoạt chuyên môn tháng 10/2026**" in out
    # The same by id, by the start of the id, and with the kind written out.
    for ref in (meeting.id, meeting.id[:8].upper(), f"meeting:{meeting.id}", "meeting:2026-10"):
        assert run(capsys, "minutes", ref, "--db", str(db))[1] == out, ref


def test_html_to_stdout(db: Path, capsys: pytest.CaptureFixture[str]):
    code, out, _ = run(capsys, "minutes", "2026-10", "--format", "html", "--db", str(db))
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert "<title>Biên bản sinh hoạt chuyên môn tháng 10/2026</title>" in out


def test_several_meetings_in_a_month_are_listed(db: Path, capsys: pytest.CaptureFixture[str]):
    first = only(db, 2026, 10)
    second = add(db, Meeting(date=dt.date(2026, 10, 27), start_time=dt.time(8)))
    code, out, err = run(capsys, "minutes", "2026-10", "--db", str(db))
    lines = err.strip().splitlines()
    assert (code, out) == (2, "")
    assert lines[0] == "Tháng 10/2026 có 2 cuộc họp; hãy ghi mã của một cuộc:"
    assert first.id in lines[1] and first.date.strftime("%d/%m/%Y") in lines[1]
    assert lines[2] == f"  27/10/2026  08:00  {second.id}"


def test_no_meeting_that_month_one_sentence(db: Path, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(capsys, "minutes", "2027-01", "--db", str(db))
    assert (code, out, err) == (2, "", "Không có cuộc họp nào trong tháng 01/2027.\n")


@pytest.mark.parametrize(
    ("ref", "said"),
    [
        ("2026-13", "không phải mã cuộc họp"),
        ("hôm qua", "không phải mã cuộc họp"),
        ("abc", "không phải mã cuộc họp"),  # too short to be the start of an id
        ("abcdef12", "Không có cuộc họp nào mang mã"),
        ("sổ:2026-01", "Không có loại văn bản “sổ”; các loại có: meeting"),
    ],
)
def test_bad_references_say_why(
    db: Path, capsys: pytest.CaptureFixture[str], ref: str, said: str
) -> None:
    code, out, err = run(capsys, "minutes", ref, "--db", str(db))
    assert (code, out) == (2, "") and said in err and len(err.strip().splitlines()) == 1


def test_out_force_and_no_overwrite(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    target = tmp_path / "sub" / "bb.md"
    code, out, _ = run(capsys, "minutes", "2026-10", "--out", str(target), "--db", str(db))
    assert code == 0 and out.strip() == f"Đã ghi biên bản vào {target}."
    assert target.read_text("utf-8") == expected(db, only(db, 2026, 10))
    target.write_text("của thư ký", "utf-8")
    code, out, err = run(capsys, "minutes", "2026-09", "--out", str(target), "--db", str(db))
    assert (code, out) == (2, "") and "--force" in err
    assert target.read_text("utf-8") == "của thư ký"
    code, _, _ = run(
        capsys, "minutes", "2026-09", "--out", str(target), "--force", "--format", "html",
        "--db", str(db),
    )  # fmt: skip
    assert code == 0 and target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_a_draft_is_refused_with_what_it_lacks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(db, Meeting(date=dt.date(2027, 2, 3), place="Hội trường"))
    target = tmp_path / "bb.md"
    code, out, err = run(capsys, "minutes", "2027-02", "--out", str(target), "--db", str(db))
    assert (code, out) == (2, "") and not target.exists()
    assert err.splitlines()[0] == "Chưa xuất được biên bản vì còn thiếu:"
    assert "- Chưa chọn người chủ trì." in err and "- Chưa chọn thư ký." in err
    assert "địa điểm" not in err


def test_english_messages_vietnamese_document(db: Path, capsys: pytest.CaptureFixture[str]):
    code, _, err = run(capsys, "--lang", "en", "minutes", "2027-01", "--db", str(db))
    assert code == 2 and err == "There is no meeting in 01/2027.\n"
    code, out, _ = run(capsys, "--lang", "en", "minutes", "2026-10", "--db", str(db))
    assert code == 0 and "# BIÊN BẢN" in out


def test_help_explains_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["minutes", "--help"])
    out = capsys.readouterr().out
    assert "2026-01" in out and "meeting:2026-01" in out and "--force" in out


def test_minutes_does_not_import_textual(db: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from giangvien.cli import main\n"
        f"rc = main(['minutes', '2026-10', '--format', 'html', '--db', {str(db)!r},"
        f" '--out', {str(tmp_path / 'x.html')!r}])\n"
        "print(rc, 'TEXTUAL' if 'textual' in sys.modules else 'HEADLESS')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "0 HEADLESS"
    assert (tmp_path / "x.html").exists()


def test_word_minutes_end_to_end(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    meeting = only(db, 2026, 10)
    target = tmp_path / "bien-ban.docx"
    code, out, err = run(
        capsys, "minutes", "2026-10", "--format", "docx", "--out", str(target), "--db", str(db)
    )
    assert (code, err) == (0, "") and out.strip() == f"Đã ghi biên bản vào {target}."
    document = docx.Document(io.BytesIO(target.read_bytes()))
    shown = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN" in shown and "Sinh hoạt chuyên môn tháng 10/2026" in shown
    assert document.core_properties.title == "Biên bản sinh hoạt chuyên môn tháng 10/2026"
    assert (target.stat().st_mode & 0o777) == 0o600  # written like every document
    # The same content as the Markdown, block for block.
    words = [line.removeprefix("- ") for line in texts(document)]
    assert words == [line.removeprefix("- ") for line in markdown_texts(expected(db, meeting))]
    # Asked again: refused without --force, the file left as it was.
    before = target.read_bytes()
    code, _, err = run(capsys, "minutes", "2026-10", "--format", "docx", "--out", str(target),
                       "--db", str(db))  # fmt: skip
    assert code == 2 and "--force" in err and target.read_bytes() == before


def test_word_to_a_pipe_but_not_to_a_terminal(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    piped = subprocess.run(
        [sys.executable, "-m", "giangvien", "minutes", "2026-10", "--format", "docx",
         "--db", str(db)],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    assert piped.stdout[:2] == b"PK" and piped.stderr == b""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    code = main(["minutes", "2026-10", "--format", "docx", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2 and "--out" in err and len(err.strip().splitlines()) == 1
    assert sys.stdout.getvalue() == ""  # type: ignore[attr-defined]


def test_a_word_file_that_cannot_be_written_is_one_sentence(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    target = blocker / "bb.docx"  # a folder that is a file
    code, out, err = run(
        capsys, "minutes", "2026-10", "--format", "docx", "--out", str(target), "--db", str(db)
    )
    assert (code, out) == (2, "") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and str(blocker) in err
