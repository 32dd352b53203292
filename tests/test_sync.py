"""The shared folder: laptops that each write their own file and read the others' agree."""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.models import Observation
from store.datafile import open_datafile
from store.repository import ALL_TABLES, Repository
from store.sync import brought_in, is_laptop_file, own_name, shared_folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def repo_at(path: Path) -> Repository:
    return Repository(open_datafile(path, app_version=__version__))


def records(path: Path) -> dict[str, dict[str, Any]]:
    """Every record a laptop holds (deleted ones too), as stored: what must agree."""
    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    try:
        raw = repo.datafile.raw()
        # Settings stay each laptop's own (store.exchange): not part of the agreement.
        return {n: dict(raw.get(n) or {}) for n in ALL_TABLES if n != "settings"}
    finally:
        repo.close()


def sync(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> str:
    code, out, err = run(capsys, "sync", "--db", str(db), *extra)
    assert code == 0, err
    return out


@pytest.fixture
def center(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[Path], Path]:
    """Three laptops of one Center sharing one folder: A made the sample data, B and C joined."""
    folder = tmp_path / "shared"
    folder.mkdir()
    laptops = [tmp_path / f"{name}.json" for name in "abc"]
    assert run(capsys, "demo", "--db", str(laptops[0]))[0] == 0
    for db in laptops:
        sync(capsys, db, "--folder", str(folder))
    return laptops, folder


def new_sheet(like: Observation, rng: random.Random) -> Observation:
    """An open sheet with the content of ``like``: no conclusion, no signature."""
    unsigned = {"conclusion", "concluded_by", "concluded_at", "signed_fingerprint",
                "reopenings", "follow_ups", "stamp", "laptop", "seen", "edited_by"}  # fmt: skip
    content = like.model_dump(exclude=unsigned)
    content["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return Observation.model_validate(content)


def edit(path: Path, rng: random.Random, tag: str) -> None:
    """A few edits and a deletion on one laptop, as its user would make them."""
    repo = repo_at(path)
    try:
        # Signed sheets are frozen (models.signature): a user edits the open ones. How
        # many the sample leaves open depends on the day it was made, so new ones are
        # written when too few are left, as an observer would.
        live = [s for s in repo.all(Observation) if not s.deleted]
        sheets = [s for s in live if not s.reviewed]
        while len(sheets) < 4:
            sheets.append(repo.save(new_sheet(rng.choice(live), rng)))
        for sheet in rng.sample(sheets, 3):
            repo.save(sheet.model_copy(update={"strengths": f"{tag}: {rng.random():.6f}"}))
        repo.delete(Observation, rng.choice(sheets).id)
    finally:
        repo.close()


def test_a_new_laptop_joins_the_center_from_the_folder(
    center: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    a, b, _ = (records(db) for db in laptops)
    assert b["observations"] and b == a
    repos = [repo_at(db) for db in laptops]
    try:
        assert len({r.center_id for r in repos}) == 1  # one Center
        assert len({r.laptop_id for r in repos}) == 3  # three laptops
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted(own_name(r.laptop_id) for r in repos)
        assert shared_folder(repos[1]) == folder.resolve()
    finally:
        for repo in repos:
            repo.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rounds_in_any_order_end_with_the_same_records(
    center: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    laptops, _ = center
    rng = random.Random(seed)
    for step in range(3):
        for i, db in enumerate(laptops):
            edit(db, rng, f"{i}-{step}")
        # Some laptops sync, some do not, in a random order, some twice.
        for db in rng.choices(laptops, k=rng.randint(1, 5)):
            sync(capsys, db)
    # Then every laptop has its round, in a random order, twice: the second time
    # each reads everything the others brought in during the first.
    for db in rng.sample(laptops, 3) + rng.sample(laptops, 3):
        sync(capsys, db)
    held = [records(db) for db in laptops]
    assert held[0] == held[1] == held[2]
    # A deletion made on one laptop is a deletion on all.
    assert any(doc.get("deleted_at") for doc in held[0]["observations"].values())


def test_every_permutation_of_one_round_agrees(
    center: tuple[list[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    rng = random.Random(7)
    for i, db in enumerate(laptops):
        edit(db, rng, f"laptop {i}")
    start = tmp_path / "start"
    start.mkdir()
    for path in [*laptops, *folder.iterdir()]:
        shutil.copy2(path, start / path.name)
    outcomes = []
    for order in itertools.permutations(range(3)):
        for path in start.iterdir():  # the same edits, the same folder, each time
            target = folder / path.name if is_laptop_file(path) else tmp_path / path.name
            shutil.copy2(path, target)
        for i in [*order, *order]:
            sync(capsys, laptops[i])
        outcomes.append(records(laptops[0]))
        assert records(laptops[1]) == outcomes[-1] == records(laptops[2])
    assert all(o == outcomes[0] for o in outcomes)


def test_a_second_round_with_nothing_new_changes_no_byte(
    center: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    for db in laptops:
        sync(capsys, db)
    before = {p.name: p.read_bytes() for p in [*laptops, *folder.iterdir()]}
    out = sync(capsys, laptops[1])
    assert "không đổi" in out and "đã cập nhật sẵn" in out
    assert {p.name: p.read_bytes() for p in [*laptops, *folder.iterdir()]} == before


def test_half_synced_and_foreign_files_are_skipped_with_a_sentence(
    center: tuple[list[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    a_file = next(folder.glob("giangvien-*.json"))
    half = folder / "giangvien-half.json"
    half.write_bytes(a_file.read_bytes()[: a_file.stat().st_size // 2])
    (folder / "giangvien-notes.json").write_text('{"ghi chú": 1}', encoding="utf-8")
    (folder / "biên bản.docx").write_bytes(b"PK\x03\x04")  # the Center's own documents
    (folder / ".giangvien-x.json.tmp").write_text("{", encoding="utf-8")  # a sync tool's temp
    other = tmp_path / "other.json"
    assert run(capsys, "demo", "--db", str(other))[0] == 0  # another Center altogether
    theirs = str(folder / "giangvien-z.json")
    assert run(capsys, "export", "--db", str(other), "--out", theirs)[0] == 0
    out = sync(capsys, laptops[2])
    assert "Bỏ qua giangvien-half.json" in out
    assert "Bỏ qua giangvien-notes.json" in out
    assert "Bỏ qua giangvien-z.json" in out and "Trung tâm khác" in out
    assert "docx" not in out and ".tmp" not in out
    assert "Traceback" not in out
    assert records(laptops[2]) == records(laptops[0])
    # An unchanged bad file is not said again each round; once completed, it comes in.
    assert "giangvien-half.json" not in sync(capsys, laptops[2])
    half.write_bytes(a_file.read_bytes())
    assert "giangvien-half.json" in sync(capsys, laptops[2])


def test_each_other_laptop_is_remembered_with_when_it_came_in(
    center: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, _ = center
    repos = [repo_at(db) for db in laptops]
    try:
        ids = [r.laptop_id for r in repos]
        came = brought_in(repos[2])
        assert set(came) == {ids[0], ids[1]}
        assert all(entry["at"] and entry["file"] for entry in came.values())
    finally:
        for repo in repos:
            repo.close()


def test_a_copied_data_file_writes_under_its_own_name(
    center: tuple[list[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    copy = tmp_path / "elsewhere" / "giangvien.json"
    copy.parent.mkdir()
    shutil.copy2(laptops[0], copy)
    before = set(folder.iterdir())
    sync(capsys, copy)
    new = set(folder.iterdir()) - before
    assert len(new) == 1  # not A's file: a fourth laptop
    repo = repo_at(laptops[0])
    try:
        assert next(iter(new)).name != own_name(repo.laptop_id)
    finally:
        repo.close()


def test_sync_without_a_folder_says_how_to_set_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.json"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    code, _, err = run(capsys, "sync", "--db", str(db))
    assert code == 2 and "--folder" in err and "Traceback" not in err
    code, _, err = run(capsys, "sync", "--db", str(db), "--folder", str(tmp_path / "nowhere"))
    assert code == 2 and "Không tìm thấy thư mục" in err
    sync(capsys, db, "--folder", str(tmp_path))
    assert "Đã thôi" in sync(capsys, db, "--stop")
    assert run(capsys, "sync", "--db", str(db))[0] == 2


def test_a_laptop_killed_mid_round_leaves_every_file_readable(
    center: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    laptops, folder = center
    rng = random.Random(11)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "giangvien", "sync", "--db"]
    killed = 0
    for attempt in range(8):
        db = laptops[attempt % 3]
        edit(db, rng, f"kill {attempt}")
        process = subprocess.Popen([*command, str(db)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.2, 1.2))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        for path in folder.iterdir():
            if is_laptop_file(path):
                json.loads(path.read_text(encoding="utf-8"))  # whole, never half
        for path in laptops:
            records(path)  # every data file still opens
    assert killed  # at least one round was cut short
    for db in laptops + laptops:
        sync(capsys, db)
    held = [records(db) for db in laptops]
    assert held[0] == held[1] == held[2]
