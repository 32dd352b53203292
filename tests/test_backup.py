"""Backups: exact private copies, whole versions, daily and pruned."""

from __future__ import annotations

import json
import os
import stat
import threading
from datetime import datetime, timedelta
from pathlib import Path

from tinydb.table import Document

from store.backup import backup_folder, backup_now, daily_backup, list_backups, newest_backup
from tests.store_helpers import (
    open_db,
    open_df,
    record,
)

# -- backups -------------------------------------------------------------------


def test_backup_now_is_an_exact_private_copy(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    with open_df(path) as df:
        df.db.table("t").insert(Document(record(1), doc_id="a"))
        made = backup_now(path)
        out = backup_now(path, tmp_path / "usb" / "copy.json")
    assert made.parent == backup_folder(path) and newest_backup(path) == made
    assert made.read_bytes() == out.read_bytes() == path.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_backup_during_writes_is_always_a_whole_version(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    db = open_db(path)
    db.table("t").insert(Document(record(0), doc_id="0"))
    writer = threading.Thread(
        target=lambda: [
            db.table("t").insert(Document(record(n), doc_id=str(n))) for n in range(1, 60)
        ]
    )
    writer.start()
    copies = []
    while writer.is_alive():
        copies.append(backup_now(path, tmp_path / "copies" / f"{len(copies)}.json"))
    writer.join()
    assert len(copies) >= 2
    for copy in copies:  # backup_now checked each parses; each is one whole version
        ids = set(json.loads(copy.read_bytes())["t"])
        assert ids == {str(n) for n in range(len(ids))}


def test_backups_in_the_same_second_are_all_kept_in_order(tmp_path: Path) -> None:
    path = tmp_path / "g[1].json"  # glob and regex characters in the name
    open_df(path).close()
    moment = datetime(2024, 5, 1, 9, 30)
    made = [backup_now(path, now=moment) for _ in range(3)]
    assert list_backups(path) == made and len(set(made)) == 3


def test_daily_backup_once_a_day_and_pruned(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    assert daily_backup(path) is None  # nothing to copy yet
    open_df(path).close()
    day = datetime(2024, 1, 1, 7)
    for n in range(10):
        assert daily_backup(path, keep=7, now=day + timedelta(days=n)) is not None
        assert daily_backup(path, keep=7, now=day + timedelta(days=n, hours=5)) is None
    names = [b.name for b in list_backups(path)]
    assert names == [f"g-202401{d:02d}-070000.json" for d in range(4, 11)]


def test_first_write_of_the_day_takes_the_daily_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    with open_df(path) as df:
        committed = path.read_bytes()
        df.db.table("t").insert(Document(record(1), doc_id="a"))
        df.db.table("t").insert(Document(record(2), doc_id="b"))
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].read_bytes() == committed
