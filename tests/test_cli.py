"""The command line, through its public surface: arguments in, text and exit codes out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.json"
    code, out, _ = run(capsys, "demo", "--db", str(path))
    assert code == 0 and "demo.json" in out
    return path


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"giangvien {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "demo" in capsys.readouterr().out


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "giangvien", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("giangvien ")


def test_demo_same_seed_same_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = []
    for name in ("a.json", "b.json"):
        run(capsys, "demo", "--db", str(tmp_path / name), "--seed", "7")
        outs.append(run(capsys, "ls", "observations", "--json", "--db", str(tmp_path / name))[1])
    assert outs[0] == outs[1] and json.loads(outs[0])


def test_demo_refuses_to_overwrite(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo_db.read_bytes()
    code, _, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1
    assert demo_db.read_bytes() == before


def test_ls_lecturers_sorted_by_given_name(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from giangvien.vntext import collation_key

    code, out, _ = run(capsys, "ls", "lecturers", "--json", "--db", str(demo_db))
    records = json.loads(out)
    keys = [(collation_key(r["given_name"]), collation_key(r["family_name"])) for r in records]
    assert code == 0 and keys == sorted(keys)
    _, table, _ = run(capsys, "ls", "lecturers", "--db", str(demo_db))
    first = f"{records[0]['family_name']} {records[0]['middle_name']} {records[0]['given_name']}"
    assert table.splitlines()[2].startswith(first)


def test_ls_table_uses_dd_mm_yyyy_and_json_iso(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, table, _ = run(capsys, "ls", "meetings", "--db", str(demo_db))
    _, js, _ = run(capsys, "ls", "meetings", "--json", "--db", str(demo_db))
    records = json.loads(js)
    y, m, d = records[0]["date"].split("-")
    assert table.splitlines()[2].startswith(f"{d}/{m}/{y}")
    dates = [r["date"] for r in records]
    assert dates == sorted(dates)


def test_english(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--lang", "en", "ls", "trials", "--db", str(demo_db))
    assert out.startswith("Date")


def test_check_sound_then_broken(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--db", str(demo_db))
    assert code == 0 and "không có lỗi" in out
    raw = json.loads(demo_db.read_text("utf-8"))
    key = next(iter(raw["observations"]))
    raw["observations"][key]["scores"] = {"ND1": 9}
    demo_db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    code, out, _ = run(capsys, "check", "--db", str(demo_db))
    lines = out.strip().splitlines()
    assert code == 1 and all(line.startswith(key) for line in lines)
    assert any("ND1" in line for line in lines) and any("ND2" in line for line in lines)


def test_corrupt_file_named_with_position_and_left_alone(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "backup", "--db", str(demo_db))
    broken = demo_db.read_bytes()[:5000]
    demo_db.write_bytes(broken)
    code, _, err = run(capsys, "ls", "lecturers", "--db", str(demo_db))
    assert code == 2 and "demo.json" in err and "dòng" in err and "demo.backups" in err
    code, out, _ = run(capsys, "check", "--db", str(demo_db))
    assert code == 1 and "dòng" in out
    assert demo_db.read_bytes() == broken


def test_missing_file_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ls", "lecturers", "--db", str(tmp_path / "none.json"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "giangvien demo" in err


def test_db_defaults_to_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIANGVIEN_DB", str(tmp_path / "env.json"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "env.json").exists()
    monkeypatch.delenv("GIANGVIEN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "xdg" / "giangvien" / "giangvien.json").exists()


def test_import_of_data_file_and_invalid_record_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.json"
    assert run(capsys, "import", str(demo_db), "--db", str(other))[0] == 0
    raw = json.loads(demo_db.read_text("utf-8"))
    key = next(iter(raw["trials"]))
    raw["trials"][key]["date"] = "2026-02-31"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    before = other.read_bytes()
    code, _, err = run(capsys, "import", str(bad), "--db", str(other))
    assert code == 2 and key in err and "Ngày" in err
    assert other.read_bytes() == before


def test_import_refuses_newer_and_non_json(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(demo_db.read_text("utf-8"))
    raw["_meta"]["1"]["schema_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(raw), "utf-8")
    code, _, err = run(capsys, "import", str(newer), "--db", str(tmp_path / "x.json"))
    assert code == 2 and "mới hơn" in err
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", "utf-8")
    code, _, err = run(capsys, "import", str(junk), "--db", str(tmp_path / "x.json"))
    assert code == 2 and "dòng 1" in err


def test_newer_schema_file_listed_read_only_and_checked(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(demo_db.read_text("utf-8"))
    raw["_meta"]["1"]["schema_version"] = 99
    demo_db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    assert run(capsys, "ls", "lecturers", "--db", str(demo_db))[0] == 0
    code, out, _ = run(capsys, "check", "--db", str(demo_db))
    assert code == 1 and "99" in out
    code, _, err = run(capsys, "import", str(demo_db), "--db", str(demo_db))
    assert code == 2 and "99" in err


def test_rubric_show_and_set(
    tmp_path: Path, demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "rubric", "show", "--db", str(demo_db))
    assert code == 0 and "ND1" in out and "Giỏi" in out
    good = tmp_path / "r.toml"
    good.write_text(
        'rubric_id = "ttct"\nname = "Phiếu của Trung tâm"\ntotal = 10\n'
        '[[groups]]\ncode = "A"\nname = "Nội dung"\n'
        'items = [{ code = "A1", text = "Đúng", max = 6 }, { code = "A2", text = "Đủ", max = 4 }]\n'
        '[[bands]]\ncode = "dat"\nname = "Đạt"\nmin = 5\n'
        '[[bands]]\ncode = "chua"\nname = "Chưa đạt"\nmin = 0\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "rubric", "set", str(good), "--db", str(demo_db))
    assert code == 0 and "phiên bản 1" in out
    assert "A1" in run(capsys, "rubric", "show", "--db", str(demo_db))[1]
    # Earlier sheets still show their band under the old rubric.
    assert "Giỏi" in run(capsys, "ls", "observations", "--db", str(demo_db))[1]
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text("utf-8").replace("max = 4", "max = 5"), encoding="utf-8")
    code, _, err = run(capsys, "rubric", "set", str(bad), "--db", str(demo_db))
    assert code == 2 and "không khớp" in err


def test_backup(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "copy.json"
    code, text, _ = run(capsys, "backup", "--out", str(out), "--db", str(demo_db))
    assert "copy.json" in text
    assert code == 0 and json.loads(out.read_text("utf-8")) == json.loads(
        demo_db.read_text("utf-8")
    )


def test_usage_error_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["ls", "nothing"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--help" in err


def test_errors_never_print_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01garbage")
    out = subprocess.run(
        [sys.executable, "-m", "giangvien", "ls", "lecturers", "--db", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.strip()


def test_import_normalises_decomposed_text(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unicodedata

    out = tmp_path / "ex.json"
    run(capsys, "export", "--out", str(out), "--db", str(demo_db))
    document = json.loads(out.read_text("utf-8"))
    lecturer = document["tables"]["lecturers"][0]
    lecturer["title"] = unicodedata.normalize("NFD", "  Giảng viên chính ")
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    other = tmp_path / "other.json"
    assert run(capsys, "import", str(out), "--db", str(other))[0] == 0
    stored = json.loads(other.read_text("utf-8"))["lecturers"][lecturer["id"]]
    assert stored["title"] == "Giảng viên chính"
