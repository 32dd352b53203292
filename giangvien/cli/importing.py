"""`giangvien import`: the file checked and merged in one write, then said in words.

The work is store.exchange's, shared with the TUI and the shared folder.
"""

from __future__ import annotations

from pathlib import Path

from store.exchange import import_file as _import
from store.exchange import plan_lines
from store.repository import Repository


def import_file(repo: Repository, path: Path) -> int:
    for line in plan_lines(_import(repo, path)):
        print(line)
    return 0
