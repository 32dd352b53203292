"""What the tests of the store share: sample records and ways to open a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB
from tinydb.table import Table

from giangvien import __version__
from giangvien.cli import main
from store.datafile import DataFile, open_datafile
from store.repository import Repository
from store.storage import SafeJSONStorage

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "giangvien" / "locale"
VI_TEXT = "Đồng chí Nguyễn Thị Hồng Nhung dự giờ bài “Học thuyết Mác–Lênin”, ưu điểm: rõ ràng"
LANGS = ("vi", "en")
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")


class UUIDTable(Table):
    document_id_class = str


def record(n: int) -> dict[str, Any]:
    return {"n": n, "text": VI_TEXT, "scores": [{"c": i, "v": i % 5} for i in range(4)]}


def open_db(path: Path, **kwargs: Any) -> TinyDB:
    db = TinyDB(path, storage=SafeJSONStorage, **kwargs)
    db.table_class = UUIDTable
    return db


def open_df(path: Path, **kwargs: Any) -> DataFile:
    kwargs.setdefault("app_version", "test")
    df = open_datafile(path, **kwargs)
    df.db.table_class = UUIDTable
    return df


def subprocess_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`giangvien ARGS` in this process: its exit code, its output and its errors."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def repo_at(path: Path, *, read_only: bool = False) -> Repository:
    return Repository(open_datafile(path, read_only=read_only, app_version=__version__))
