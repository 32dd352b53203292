"""Moving records between laptops with export and import, and the kept conflicts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.interchange import FORMAT_VERSION
from giangvien.models import Observation
from store.clock import LEGACY_CENTER
from store.datafile import SCHEMA_VERSION, open_datafile
from store.repository import Repository


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def repo_at(path: Path) -> Repository:
    return Repository(open_datafile(path, app_version=__version__))


def edit_sheet(path: Path, sheet_id: str, strengths: str) -> None:
    repo = repo_at(path)
    try:
        sheet = repo.get(Observation, sheet_id)
        assert sheet is not None
        repo.save(sheet.model_copy(update={"strengths": strengths}))
    finally:
        repo.close()


def sheet_of(path: Path, sheet_id: str) -> Observation:
    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    try:
        found = repo.get(Observation, sheet_id)
        assert found is not None
        return found
    finally:
        repo.close()


def export(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> dict[str, Any]:
    assert run(capsys, "export", "--force", "--out", str(out), "--db", str(db))[0] == 0
    return json.loads(out.read_text("utf-8"))


@pytest.fixture
def laptops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    """Laptop A with the sample data, laptop B that joined A's Center by importing."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "demo", "--db", str(a))[0] == 0
    document = export(capsys, a, tmp_path / "a-export.json")
    assert document["format_version"] == FORMAT_VERSION and document["center"]["id"]
    code, out, _ = run(capsys, "import", str(tmp_path / "a-export.json"), "--db", str(b))
    assert code == 0 and "thêm" in out
    # An open sheet: a signed one is frozen (models.signature).
    sheet_id = next(o["id"] for o in document["tables"]["observations"] if not o["concluded_by"])
    return a, b, sheet_id


def test_second_import_of_the_same_file_changes_nothing(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, _ = laptops
    before = b.read_bytes()
    code, out, _ = run(capsys, "import", str(tmp_path / "a-export.json"), "--db", str(b))
    assert code == 0 and "Không có gì thay đổi" in out
    assert b.read_bytes() == before


def test_a_newer_edit_and_a_deletion_survive_reimporting_the_old_file(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, sheet_id = laptops
    edit_sheet(b, sheet_id, "Sửa trên máy B")
    repo = repo_at(b)
    other = next(o for o in repo.all(Observation) if o.id != sheet_id)
    repo.delete(Observation, other.id)
    repo.close()
    code, out, _ = run(capsys, "import", str(tmp_path / "a-export.json"), "--db", str(b))
    assert code == 0 and "Không có gì thay đổi" in out
    assert sheet_of(b, sheet_id).strengths == "Sửa trên máy B"
    assert sheet_of(b, other.id).deleted


def test_a_year_behind_laptop_wins_with_an_edit_made_after_seeing(
    laptops: tuple[Path, Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import store.clock

    a, b, sheet_id = laptops
    edit_sheet(a, sheet_id, "A, hôm nay")
    export(capsys, a, tmp_path / "a2.json")
    assert run(capsys, "import", str(tmp_path / "a2.json"), "--db", str(b))[0] == 0
    year = 365 * 24 * 3600 * 1000
    real = store.clock.wall_ms
    monkeypatch.setattr(store.clock, "wall_ms", lambda: real() - year)
    edit_sheet(b, sheet_id, "B, đồng hồ chậm một năm")
    monkeypatch.setattr(store.clock, "wall_ms", real)
    export(capsys, b, tmp_path / "b-export.json")
    code, out, _ = run(capsys, "import", str(tmp_path / "b-export.json"), "--db", str(a))
    assert code == 0 and "xung đột" not in out.split("\n", 1)[1]
    assert sheet_of(a, sheet_id).strengths == "B, đồng hồ chậm một năm"


def test_concurrent_edits_conflict_listed_and_restored(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, sheet_id = laptops
    edit_sheet(b, sheet_id, "Bản của B")
    edit_sheet(a, sheet_id, "Bản của A")  # later: A wins, B's version is kept
    export(capsys, a, tmp_path / "a2.json")
    code, out, _ = run(capsys, "import", str(tmp_path / "a2.json"), "--db", str(b))
    assert code == 0 and "1 xung đột mới" in out and "--restore" in out
    assert sheet_of(b, sheet_id).strengths == "Bản của A"
    assert run(capsys, "check", "--db", str(b))[0] == 0  # a kept conflict is valid data

    code, out, _ = run(capsys, "conflicts", "--db", str(b))
    assert code == 0 and "máy này" in out and "Phiếu dự giờ" in out
    code, out, _ = run(capsys, "conflicts", "--lang", "en", "--db", str(b))
    assert code == 0 and "this laptop" in out and "Observation" in out
    repo = repo_at(b)
    [conflict] = repo.conflicts()
    repo.close()
    assert conflict.version["strengths"] == "Bản của B"

    code, out, _ = run(capsys, "conflicts", "--restore", conflict.id[:8], "--db", str(b))
    assert code == 0 and "Đã khôi phục" in out
    assert sheet_of(b, sheet_id).strengths == "Bản của B"
    assert "Không có xung đột" in run(capsys, "conflicts", "--db", str(b))[1]
    code, _, err = run(capsys, "conflicts", "--restore", "ffffffff", "--db", str(b))
    assert code == 2 and "ffffffff" in err and len(err.strip().splitlines()) == 1

    # The restore travels: A takes it, with no conflict, and the two agree.
    export(capsys, b, tmp_path / "b2.json")
    code, out, _ = run(capsys, "import", str(tmp_path / "b2.json"), "--db", str(a))
    assert code == 0 and "0 xung đột mới" in out
    assert sheet_of(a, sheet_id).strengths == "Bản của B"
    assert "Không có xung đột" in run(capsys, "conflicts", "--db", str(a))[1]
    mine = json.loads(run(capsys, "ls", "observations", "--json", "--db", str(a))[1])
    theirs = json.loads(run(capsys, "ls", "observations", "--json", "--db", str(b))[1])
    assert mine == theirs


def test_another_centers_file_is_refused_naming_it(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, _ = laptops
    other = tmp_path / "other.json"
    run(capsys, "demo", "--db", str(other), "--seed", "5")
    repo = repo_at(other)
    repo.save(repo.settings().model_copy(update={"organisation": "Trung tâm Chính trị Bảo Yên"}))
    repo.close()
    export(capsys, other, tmp_path / "other-export.json")
    before = b.read_bytes()
    code, _, err = run(capsys, "import", str(tmp_path / "other-export.json"), "--db", str(b))
    assert code == 2 and "Bảo Yên" in err and len(err.strip().splitlines()) == 1
    assert b.read_bytes() == before


def test_settings_never_rename_this_center(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = laptops
    for path, name in ((a, "Tên trên máy A"), (b, "Tên trên máy B")):
        repo = repo_at(path)
        repo.save(repo.settings().model_copy(update={"organisation": name}))
        repo.close()
    export(capsys, a, tmp_path / "a2.json")
    assert run(capsys, "import", str(tmp_path / "a2.json"), "--db", str(b))[0] == 0
    repo = repo_at(b)
    assert repo.settings().organisation == "Tên trên máy B"
    repo.close()


def test_a_changed_rubric_version_is_refused(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from giangvien.rubric import default_rubric

    _, b, _ = laptops
    document = json.loads((tmp_path / "a-export.json").read_text("utf-8"))
    # The built-in rubric, redefined under its own id and version.
    fake = default_rubric().model_dump(mode="json")
    fake["name"] = "Phiếu giả"
    fake["id"] = "5f0c3f5e-1b7a-4d53-9c57-3a1f3e0c0a11"
    document["tables"]["rubrics"] = [fake]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    before = b.read_bytes()
    code, _, err = run(capsys, "import", str(bad), "--db", str(b))
    assert code == 2 and "mac-dinh" in err and "không được thay đổi" in err
    assert b.read_bytes() == before


def test_newer_interchange_format_refused(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, _ = laptops
    document = json.loads((tmp_path / "a-export.json").read_text("utf-8"))
    document["format_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document), "utf-8")
    code, _, err = run(capsys, "import", str(newer), "--db", str(b))
    assert code == 2 and "99" in err and len(err.strip().splitlines()) == 1


def downgrade(path: Path) -> None:
    """Make ``path`` a file as the previous schema (1) wrote it."""
    raw = json.loads(path.read_text("utf-8"))
    raw["_meta"] = {"1": {"schema_version": 1, "app_version": "0.1"}}
    for name, table in raw.items():
        if not name.startswith("_"):
            for doc in table.values():
                for key in ("stamp", "laptop", "seen", "edited_by"):
                    doc.pop(key, None)
    raw.pop("conflicts", None)
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")


def test_previous_schema_opens_upgraded_and_two_old_laptops_still_exchange(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "demo", "--db", str(a))
    downgrade(a)
    shutil.copy(a, b)  # the old laptops had exchanged everything
    assert run(capsys, "check", "--db", str(a))[0] == 0
    repo = repo_at(a)
    meta = repo.datafile.meta
    assert meta["schema_version"] == SCHEMA_VERSION and repo.center_id == LEGACY_CENTER
    assert repo.laptop_id and all(o.stamp > 0 for o in repo.all(Observation))
    sheet = next(o for o in repo.all(Observation) if not o.reviewed)  # signed ones are frozen
    repo.save(sheet.model_copy(update={"strengths": "Sửa sau khi nâng cấp"}))
    repo.close()
    assert run(capsys, "import", str(b), "--db", str(a))[0] == 0  # b is still schema 1
    assert "Không có gì thay đổi" in run(capsys, "import", str(b), "--db", str(a))[1]
    code, out, _ = run(capsys, "import", str(a), "--db", str(b))
    assert code == 0 and "cập nhật 1" in out
    assert sheet_of(b, sheet.id).strengths == "Sửa sau khi nâng cấp"


def test_offsets_are_compared_as_instants_when_upgrading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "demo", "--db", str(a))
    downgrade(a)
    shutil.copy(a, b)
    for path, stamp, text in (
        (a, "2026-05-01T08:00:00+07:00", "sửa lúc 01:00 UTC"),
        (b, "2026-05-01T02:00:00+00:00", "sửa lúc 02:00 UTC"),
    ):
        raw = json.loads(path.read_text("utf-8"))
        key, doc = next((k, d) for k, d in raw["observations"].items() if not d["concluded_by"])
        doc.update(updated_at=stamp, strengths=text)
        path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    sheet_id = key
    assert run(capsys, "import", str(b), "--db", str(a))[0] == 0
    assert sheet_of(a, sheet_id).strengths == "sửa lúc 02:00 UTC"


def test_a_new_laptop_joining_takes_the_centers_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from giangvien.models import Lecturer

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "demo", "--db", str(a))
    repo = repo_at(a)
    repo.save(repo.settings().model_copy(update={"organisation": "Trung tâm của A"}))
    center = repo.center_id
    repo.close()
    export(capsys, a, tmp_path / "a.json.export")
    repo = repo_at(b)  # B's first run: its user and its own settings
    repo.save_many(
        [
            repo.settings().touched(organisation="Tên gõ lúc cài"),
            Lecturer(family_name="Lò", given_name="Văn Pao"),
        ]
    )
    repo.close()
    code, out, _ = run(capsys, "import", str(tmp_path / "a.json.export"), "--db", str(b))
    assert code == 0 and "0 xung đột mới" in out
    repo = repo_at(b)
    assert repo.center_id == center and repo.settings().organisation == "Trung tâm của A"
    assert repo.conflicts() == []
    repo.close()


def test_a_stamp_that_would_exhaust_the_clock_is_refused(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from giangvien.models.base import MAX_STAMP

    _, b, _ = laptops
    document = json.loads((tmp_path / "a-export.json").read_text("utf-8"))
    doc = document["tables"]["observations"][0]
    doc.update(stamp=MAX_STAMP, seen={**doc["seen"], doc["laptop"]: MAX_STAMP})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    before = b.read_bytes()
    code, _, err = run(capsys, "import", str(bad), "--db", str(b))
    assert code == 2 and doc["id"] in err and "tương lai" not in err and "quá xa" in err
    assert b.read_bytes() == before


def test_check_names_a_damaged_kept_conflict(
    laptops: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, b, _ = laptops
    raw = json.loads(b.read_text("utf-8"))
    raw["conflicts"] = {"c1": {"id": "c1", "table": "nowhere", "record_id": "x", "version": {}}}
    b.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    code, out, _ = run(capsys, "check", "--db", str(b))
    assert code == 1 and "nowhere" in out
