"""User text is inert in every output, even from a file edited by hand.

The models refuse control and bidi characters on the way in (tests/test_gate*),
so only a hand-edited file can hold one; the CLI table, ``ls --json``, Markdown,
HTML and Word still never pass one to the terminal, the browser or Word.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from giangvien.cli import main

NASTY = "\x1b[2J\x07\u202e\x85"
UNSAFE = ("\x1b", "\x07", "\u202e", "\x85")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def edited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    db = tmp_path / "giangvien.json"
    assert run(capsys, "demo", "--db", str(db), "--lecturers", "3", "--years", "1")[0] == 0
    document = json.loads(db.read_text(encoding="utf-8"))
    for doc in document["lecturers"].values():
        doc["given_name"] += NASTY
    meeting_id, meeting = next(iter(document["meetings"].items()))
    meeting["conclusion"] = f"Kết luận {NASTY} hết"
    db.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return db, meeting_id


def _assert_inert(text: str) -> None:
    for char in UNSAFE:
        assert char not in text, repr(char)


def test_check_names_the_characters(
    edited: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = edited
    code, out, _ = run(capsys, "check", "--db", str(db))
    assert code == 1 and "U+001B" in out
    _assert_inert(out)


def test_the_table_and_json_show_the_characters_inert(
    edited: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = edited
    code, out, _ = run(capsys, "ls", "lecturers", "--db", str(db))
    assert code == 0 and "<U+001B>" in out
    _assert_inert(out)
    code, out, _ = run(capsys, "ls", "lecturers", "--json", "--db", str(db))
    assert code == 0
    _assert_inert(out)
    assert all(NASTY in r["given_name"] for r in json.loads(out))  # same data, escaped


@pytest.mark.parametrize("form", ["md", "html"])
def test_minutes_show_the_characters_inert(
    edited: tuple[Path, str], capsys: pytest.CaptureFixture[str], form: str
) -> None:
    db, meeting = edited
    code, out, err = run(capsys, "minutes", meeting, "--format", form, "--db", str(db))
    assert code == 0, err
    assert "U+001B" in out
    _assert_inert(out)


def test_word_minutes_show_the_characters_inert(
    edited: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, meeting = edited
    target = tmp_path / "bb.docx"
    code, _, err = run(capsys, "minutes", meeting, "--format", "docx", "--out", str(target),
                       "--db", str(db))  # fmt: skip
    assert code == 0, err
    with zipfile.ZipFile(target) as word:
        body = word.read("word/document.xml").decode("utf-8")
    assert "U+001B" in body
    _assert_inert(body)


@pytest.mark.parametrize("form", ["md", "html", "docx"])
def test_the_year_report_shows_the_characters_inert(
    edited: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    db, _ = edited
    target = tmp_path / f"bc.{form}"
    code, _, err = run(capsys, "report", "--from", "01/01/2000", "--to", "31/12/2099",
                       "--format", form, "--out", str(target), "--db", str(db))  # fmt: skip
    assert code == 0, err
    if form == "docx":
        with zipfile.ZipFile(target) as word:
            body = word.read("word/document.xml").decode("utf-8")
    else:
        body = target.read_text(encoding="utf-8")
    assert "U+001B" in body  # the names, in the annex and wherever the report names them
    _assert_inert(body)
