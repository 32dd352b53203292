"""The class log in the store: saved and checked like every record, listed by `ls`,
carried to another laptop by export and import, merged, and refused when it names a stranger."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from giangvien.interchange import FORMAT_VERSION
from giangvien.models import (
    ClassLesson,
    Conference,
    ConferenceKind,
    Lecturer,
    Settings,
    TrainingClass,
)
from giangvien.problems import Invalid
from store.datafile import SCHEMA_VERSION
from tests.store_helpers import repo_at
from tests.store_helpers import run_cli as run


def export(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> dict[str, Any]:
    assert run(capsys, "export", "--force", "--out", str(out), "--db", str(db))[0] == 0
    return json.loads(out.read_text("utf-8"))


def a_class(
    lecturer: Lecturer, name: str = "Lớp bồi dưỡng đảng viên mới khóa 1/2026"
) -> TrainingClass:
    day = dt.date(2026, 3, 2)
    return TrainingClass(
        programme="Bồi dưỡng lý luận chính trị cho đảng viên mới",
        class_name=name,
        partner="Huyện đoàn",
        opened=day,
        learners=64,
        lessons=[ClassLesson(lesson="Bài 1", lecturer_id=lecturer.id, date=day, hours=4)],
    )


@pytest.fixture
def laptops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Laptop A with the sample data (classes among them), laptop B that joined A's Center."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "demo", "--db", str(a))[0] == 0
    document = export(capsys, a, tmp_path / "a-export.json")
    assert document["tables"]["classes"] and document["tables"]["conferences"]
    assert run(capsys, "import", str(tmp_path / "a-export.json"), "--db", str(b))[0] == 0
    return a, b


def test_a_class_made_on_one_laptop_merges_into_the_other(
    laptops: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = laptops
    repo = repo_at(b)
    someone = repo.lecturers()[0]
    made = repo.save(a_class(someone))
    held = repo.save(Conference(kind=ConferenceKind.CURRENT_AFFAIRS, subject="Hội nghị thông tin",
                                date=dt.date(2026, 3, 5), attendees=180,
                                lecturer_ids=[someone.id]))  # fmt: skip
    repo.close()
    export(capsys, b, tmp_path / "b-export.json")
    code, out, _ = run(capsys, "import", str(tmp_path / "b-export.json"), "--db", str(a))
    assert code == 0 and "thêm 2" in out, out
    repo = repo_at(a)
    try:
        arrived = repo.get(TrainingClass, made.id)
        assert arrived is not None and arrived.model_dump() == made.model_dump()
        assert repo.get(Conference, held.id) == held
        # An edit on A (a second lesson) goes back to B and wins there: B saw the first version.
        more = [*arrived.lessons, ClassLesson(lesson="Bài 2", lecturer_id=someone.id,
                                              date=arrived.opened, hours=3.5)]  # fmt: skip
        repo.save(arrived.model_copy(update={"lessons": more}))
    finally:
        repo.close()
    export(capsys, a, tmp_path / "a2.json")
    code, out, _ = run(capsys, "import", str(tmp_path / "a2.json"), "--db", str(b))
    assert code == 0 and "xung đột" not in out.split("\n", 1)[1]
    repo = repo_at(b, read_only=True)
    try:
        back = repo.get(TrainingClass, made.id)
        assert back is not None and [x.hours for x in back.lessons] == [4, 3.5]
    finally:
        repo.close()


def test_a_class_naming_no_lecturer_of_the_file_is_refused(tmp_path: Path) -> None:
    repo = repo_at(tmp_path / "gv.json")
    try:
        stranger = Lecturer(family_name="Lê", given_name="Khách")
        with pytest.raises(Invalid) as caught:
            repo.save(a_class(stranger))
        assert stranger.id in caught.value.problems[0].message
        assert repo.all(TrainingClass) == []
        # A lecturer a class names is archived, never deleted.
        known = repo.save(stranger)
        repo.save(a_class(known))
        with pytest.raises(Invalid):
            repo.delete(Lecturer, known.id)
    finally:
        repo.close()


def test_ls_classes_and_conferences_as_a_table_and_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "gv.json"
    repo = repo_at(db)
    someone = repo.save(Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An"))
    later = a_class(someone, "Lớp sau")
    repo.save(later.model_copy(update={"opened": dt.date(2026, 3, 9), "lessons": []}))
    repo.save(a_class(someone, "[TODO] Lớp trước"))
    repo.save(Conference(subject="Hội nghị học tập Nghị quyết", date=dt.date(2026, 4, 1),
                         attendees=2248, lecturer_ids=[someone.id]))  # fmt: skip
    repo.close()
    code, out, _ = run(capsys, "ls", "classes", "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Khai", "giảng", "Bế", "giảng", "Lớp", "Chương", "trình",
                                "Phối", "hợp", "với", "Học", "viên", "Số", "bài", "Số", "giờ",
                                "Đi", "thực", "tế"]  # fmt: skip
    # By opening day; user text as typed.
    assert lines[2].startswith("02/03/2026") and "[TODO] Lớp trước" in lines[2]
    assert lines[3].startswith("09/03/2026") and "Lớp sau" in lines[3]
    code, out, _ = run(capsys, "ls", "classes", "--json", "--db", str(db))
    found = json.loads(out)
    assert [c["class_name"] for c in found] == ["[TODO] Lớp trước", "Lớp sau"]
    assert found[0]["lessons"][0]["hours"] == 4.0
    code, out, _ = run(capsys, "ls", "conferences", "--db", str(db))
    assert code == 0 and "2.248" in out and "Học tập, quán triệt nghị quyết" in out
    assert "Nguyễn Văn An" in out


def as_schema_5(raw: dict[str, Any]) -> dict[str, Any]:
    """A data file as schema 5 wrote it: no class log, no norms in its settings."""
    raw.pop("classes", None)
    raw.pop("conferences", None)
    for doc in raw["settings"].values():
        doc.pop("teaching_norms", None)
    raw["_meta"]["1"]["schema_version"] = 5
    return raw


def test_a_file_of_schema_5_opens_and_upgrades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "gv.json"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    raw = as_schema_5(json.loads(db.read_text("utf-8")))
    settings_before = dict(next(iter(raw["settings"].values())))
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    repo = repo_at(db)
    try:
        assert not repo.read_only, repo.datafile.read_only_reason
        assert repo.datafile.meta["schema_version"] == SCHEMA_VERSION
        stored = repo.datafile.raw()
        assert stored["classes"] == {} and stored["conferences"] == {}
        # The settings record is as it was (same version, same stamp); it reads with the norms.
        assert next(iter(stored["settings"].values())) == settings_before
        assert repo.settings().teaching_norms == Settings().teaching_norms
        someone = repo.lecturers()[0]
        repo.save(a_class(someone))
    finally:
        repo.close()
    capsys.readouterr()
    assert run(capsys, "check", "--db", str(db))[0] == 0


def test_an_export_of_format_5_is_brought_in_and_a_newer_one_refused(
    laptops: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = laptops
    document = export(capsys, a, tmp_path / "a-now.json")
    assert document["format_version"] == FORMAT_VERSION
    old = {
        **document,
        "format_version": 5,
        "tables": {
            k: v for k, v in document["tables"].items() if k not in ("classes", "conferences")
        },
    }
    for doc in old["tables"]["settings"]:
        doc.pop("teaching_norms", None)
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, "import", str(tmp_path / "old.json"), "--db", str(b))
    assert code == 0, err
    newer = {**document, "format_version": FORMAT_VERSION + 1}
    (tmp_path / "newer.json").write_text(json.dumps(newer, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, "import", str(tmp_path / "newer.json"), "--db", str(b))
    assert code == 2 and str(FORMAT_VERSION + 1) in err
