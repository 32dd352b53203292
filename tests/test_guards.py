"""The data file is guarded: links, permissions, --out, atomic documents, demo --force."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.i18n import tr
from giangvien.models import Lecturer
from store import datafile as datafile_module
from store import storage as storage_module
from store.backup import backup_now, list_backups
from store.datafile import open_datafile
from store.lock import WriteLock, lock_path
from store.repository import Repository


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "giangvien.json"
    assert run(capsys, "demo", "--db", str(path), "--lecturers", "3", "--years", "1")[0] == 0
    return path


def test_a_symlinked_data_file_is_written_through_the_link(tmp_path: Path, db: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db)
    before = db.read_bytes()
    repo = Repository(open_datafile(link, app_version=__version__))
    try:
        repo.save(Lecturer(family_name="Giàng", middle_name="A", given_name="Pao"))
    finally:
        repo.close()
    assert link.is_symlink() and link.resolve() == db.resolve()
    assert db.read_bytes() != before
    assert "Pao" in db.read_text(encoding="utf-8")
    # Lock and backups belong to the real file, not the link.
    assert not lock_path(link).exists()
    assert not (tmp_path / "link.backups").exists()


def test_a_file_the_user_may_not_write_opens_read_only_and_says_so(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(path)) == db:
            return False  # as for a 0400 file; tests run as root, so no chmod
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(datafile_module.os, "access", access)
    before = db.read_bytes()
    repo = Repository(open_datafile(db, app_version=__version__))
    try:
        assert repo.read_only
        assert repo.read_only_reason == tr("store.not_writable", file=db.absolute())
    finally:
        repo.close()
    export = db.parent / "out.json"
    assert run(capsys, "export", "--db", str(db), "--out", str(export))[0] == 0
    code, _, err = run(capsys, "import", "--db", str(db), str(export))
    assert code == 2
    assert err.strip() == tr("store.not_writable", file=db.absolute())
    assert db.read_bytes() == before


def _protected_names(db: Path) -> list[Path]:
    backup = backup_now(db)
    link = db.parent / "alias.json"
    link.symlink_to(db)
    hard = db.parent / "hard.json"
    os.link(db, hard)
    return [
        db,
        lock_path(db),
        backup,
        backup.parent / "new-backup.json",
        db.parent / "sub" / ".." / db.name,
        link,
        hard,
        db.parent / f".{db.name}.abc.tmp",
    ]


def test_no_out_may_name_the_data_file_its_lock_or_backups(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "ls", "meetings", "--json", "--db", str(db))
    meeting = json.loads(out)[0]["id"]
    names = _protected_names(db)
    backups = [p.read_bytes() for p in list_backups(db)]
    before = db.read_bytes()
    commands = [
        ["minutes", meeting, "--force"],
        ["minutes", meeting, "--format", "html", "--force"],
        ["report", "--force"],
        ["export", "--force"],
        ["backup"],
    ]
    for name in names:
        for command in commands:
            code, _, err = run(capsys, *command, "--db", str(db), "--out", str(name))
            assert code == 2, (command, name)
            assert err.strip() == tr("store.protected_out", out=name.absolute(), file=db), err
            assert db.read_bytes() == before
    assert [p.read_bytes() for p in list_backups(db)] == backups


def test_documents_are_written_atomically_with_the_backups_mode(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = db.parent / "docs" / "report.md"
    assert run(capsys, "report", "--db", str(db), "--out", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = out.read_bytes()
    out.chmod(0o644)  # a file the user chose to share keeps its mode
    export = db.parent / "docs" / "export.json"
    assert run(capsys, "export", "--db", str(db), "--out", str(export))[0] == 0

    def no_rename(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage_module.os, "replace", no_rename)
    code, _, err = run(capsys, "report", "--db", str(db), "--out", str(out), "--force")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert out.read_bytes() == first  # the old document whole, never half a new one
    assert sorted(p.name for p in out.parent.iterdir()) == ["export.json", "report.md"]
    monkeypatch.undo()
    assert run(capsys, "report", "--db", str(db), "--out", str(out), "--force")[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_demo_force_refuses_a_locked_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    lock = WriteLock(db)
    assert lock.acquire()
    try:
        code, _, err = run(capsys, "demo", "--db", str(db), "--force", "--seed", "9")
    finally:
        lock.release()
    assert code == 2
    assert str(os.getpid()) in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_demo_force_backs_up_the_file_it_replaces(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    code, out, _ = run(capsys, "demo", "--db", str(db), "--force", "--seed", "9")
    assert code == 0
    backups = list_backups(db)
    assert backups and backups[-1].read_bytes() == before
    assert str(backups[-1]) in out
    assert db.read_bytes() != before
    assert run(capsys, "check", "--db", str(db))[0] == 0


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ("total = 20\n", "total = nan\n"),
        ("max = 3 }", "max = inf }"),
        ('name = "Nội dung"', 'name = "Nội\\u001bdung"'),
    ],
)
def test_a_rubric_file_goes_through_the_gate(
    db: Path, capsys: pytest.CaptureFixture[str], change: str, expect: str
) -> None:
    from importlib.resources import files

    text = (files("giangvien") / "data" / "default_rubric.toml").read_text(encoding="utf-8")
    assert change in text
    rubric = db.parent / "rubric.toml"
    rubric.write_text(text.replace(change, expect, 1), encoding="utf-8")
    before = db.read_bytes()
    code, _, err = run(capsys, "rubric", "set", str(rubric), "--db", str(db))
    assert code == 2 and err.strip() and "Traceback" not in err
    assert db.read_bytes() == before
