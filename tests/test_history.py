"""A record's change history: recorded with every save, travelling and merging with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.models import Action, HistoryEntry, Lecturer, Observation, Position
from store.datafile import SCHEMA_VERSION, open_datafile
from store.repository import Repository


def repo_at(path: Path) -> Repository:
    return Repository(open_datafile(path, app_version=__version__))


def as_director(repo: Repository) -> Lecturer:
    director = next(x for x in repo.all(Lecturer) if x.position is Position.DIRECTOR)
    repo.set_current_user(director.id)
    return director


def open_sheet(repo: Repository) -> Observation:
    return next(o for o in repo.all(Observation) if not o.reviewed and not o.deleted)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "a.json"
    assert main(["demo", "--db", str(db)]) == 0
    return db


def test_each_save_records_who_when_and_each_field_old_to_new(demo: Path) -> None:
    repo = repo_at(demo)
    try:
        director = as_director(repo)
        sheet = open_sheet(repo)
        assert repo.history(sheet.id) == []  # the demo made records, edited none
        repo.save(sheet.model_copy(update={"strengths": "Mới", "place": "Xã B"}))
        repo.save(repo.get(Observation, sheet.id))  # saved as it was: nothing recorded
        repo.delete(Observation, sheet.id)
        edit, deletion = repo.history(sheet.id)
        assert (edit.action, edit.by, edit.table) == (Action.EDITED, director.id, "observations")
        assert {c.field: (c.old, c.new) for c in edit.changes} == {
            "strengths": (sheet.strengths, "Mới"),
            "place": (sheet.place, "Xã B"),
        }
        assert deletion.action is Action.DELETED and deletion.laptop == repo.laptop_id
    finally:
        repo.close()


def test_history_travels_and_every_laptops_entries_survive_a_merge(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = tmp_path / "b.json"
    out = tmp_path / "a-export.json"
    assert main(["export", "--db", str(demo), "--out", str(out)]) == 0
    assert main(["import", str(out), "--db", str(b)]) == 0
    repo = repo_at(demo)
    sheet_id = open_sheet(repo).id
    repo.close()
    for db, text in ((demo, "Sửa trên A"), (b, "Sửa trên B")):  # concurrently
        repo = repo_at(db)
        repo.save(repo.get(Observation, sheet_id).model_copy(update={"strengths": text}))
        repo.close()
    for source, target in ((demo, b), (b, demo), (demo, b)):
        assert main(["export", "--db", str(source), "--out", str(out), "--force"]) == 0
        assert main(["import", str(out), "--db", str(target)]) == 0
    held = []
    for db in (demo, b):
        repo = repo_at(db)
        held.append([(e.id, e.changes[0].new) for e in repo.history(sheet_id)])
        repo.close()
    assert held[0] == held[1]
    assert sorted(new for _, new in held[0]) == ["Sửa trên A", "Sửa trên B"]
    capsys.readouterr()
    assert main(["history", sheet_id[:8], "--db", str(b)]) == 0
    printed = capsys.readouterr().out
    assert "Sửa trên A" in printed and "Sửa trên B" in printed


def test_a_file_of_schema_3_opens_and_upgrades(demo: Path) -> None:
    raw = json.loads(demo.read_text("utf-8"))
    raw.pop("history", None)
    raw["_meta"]["1"]["schema_version"] = 3
    demo.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    repo = repo_at(demo)
    try:
        assert repo.datafile.meta["schema_version"] == SCHEMA_VERSION
        sheet = open_sheet(repo)
        repo.save(sheet.model_copy(update={"strengths": "Sau nâng cấp"}))
        assert [e.changes[0].new for e in repo.history(sheet.id)] == ["Sau nâng cấp"]
    finally:
        repo.close()
    assert main(["check", "--db", str(demo)]) == 0


def test_an_entry_is_checked_like_any_record(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repo_at(demo)
    sheet = open_sheet(repo)
    repo.save(sheet.model_copy(update={"strengths": "x"}))
    [entry] = repo.history(sheet.id)
    repo.close()
    raw = json.loads(demo.read_text("utf-8"))
    raw["history"][entry.id]["action"] = "rewritten"
    demo.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["check", "--db", str(demo)]) == 1
    assert entry.id in capsys.readouterr().out
    assert isinstance(entry, HistoryEntry)


def test_signing_reopening_and_signing_again_each_leave_a_step(demo: Path) -> None:
    from giangvien.models import now
    from giangvien.signing import reopen, sign_conclusion

    repo = repo_at(demo)
    try:
        director = as_director(repo)
        sheet = next(o for o in repo.all(Observation) if not o.reviewed and o.lecturer_id
                     != director.id)  # fmt: skip
        signed = repo.save(sign_conclusion(sheet, "Đạt", director, now()))
        opened = repo.save(reopen(signed, director, "Sai điểm", now()))
        changed = repo.save(opened.model_copy(update={"place": "Xã C"}))
        repo.save(sign_conclusion(changed, "Đạt, đã sửa", director, now()))
        steps = [{c.field for c in e.changes} for e in repo.history(sheet.id)]
        assert len(steps) == 4
        assert {"conclusion", "concluded_by"} <= steps[0]
        assert "reopenings" in steps[1] and "concluded_by" in steps[1]
        assert steps[2] == {"place"}
        assert {"conclusion", "concluded_by"} <= steps[3]
    finally:
        repo.close()
