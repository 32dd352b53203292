"""SIGKILL a writer at random moments: the file must always load, whole.

A child process resizes a padding record and inserts records through
TinyDB + SafeJSONStorage, and reports each insert once ``write()`` returned.
The parent kills it at a random moment, restarts it on the same file, and
checks after every kill that the file parses and holds every record the child
reported, and nothing invented.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from store.storage import SafeJSONStorage

ROOT = Path(__file__).resolve().parents[1]
KILLS = 60

CHILD = """
import random
import sys
from tinydb import TinyDB
from store.storage import SafeJSONStorage

path, run = sys.argv[1], int(sys.argv[2])
db = TinyDB(path, storage=SafeJSONStorage)
table, pad = db.table("records"), db.table("pad")
if not len(pad):
    pad.insert({"pad": ""})
text = "Sinh hoạt chuyên môn tháng: thảo luận phương pháp giảng dạy tích cực. " * 4
print("ready", flush=True)
seq = 0
while True:
    # A pad of random size makes the file shrink on some writes, which an
    # in-place writer killed between write and truncate cannot survive.
    pad.update({"pad": "đ" * random.randrange(30000)})
    table.insert({"run": run, "seq": seq, "text": text, "tags": ["dự giờ", seq]})
    print(f"done {seq}", flush=True)
    seq += 1
"""


def load(path: Path) -> list[dict[str, object]]:
    document = SafeJSONStorage(path).read() or {}
    return list(document.get("records", {}).values())


def run_and_kill(path: Path, run: int, delay: float) -> int:
    """Start a writer, kill it after ``delay`` s of writing; last seq it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(run)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        child.kill()  # SIGKILL on POSIX: no cleanup, no flush, no finally
        child.wait()
    # What the child printed before dying is still in the pipe.
    done = [int(line.split()[1]) for line in child.stdout.read().splitlines()]
    child.stdout.close()
    assert done == list(range(len(done)))
    return len(done) - 1


def test_killed_writer_never_loses_a_reported_record(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    path = tmp_path / "crash.json"
    reported: dict[int, int] = {}
    for run in range(KILLS):
        # Mostly short delays so kills land at many points of one write,
        # with some longer ones so the file grows to a size worth writing.
        delay = rng.uniform(0, 0.25) if rng.random() < 0.2 else rng.uniform(0, 0.04)
        reported[run] = run_and_kill(path, run, delay)
        records = load(path)  # raises CorruptFileError if the kill broke the file
        seen: dict[int, set[int]] = {}
        for rec in records:
            seen.setdefault(rec["run"], set()).add(rec["seq"])  # type: ignore[arg-type]
        for done_run, last in reported.items():
            have = seen.get(done_run, set())
            # Every reported insert is there; at most one more (the write
            # committed but the kill came before the report) and no gaps.
            assert set(range(last + 1)) <= have, f"seed {seed}, run {done_run}"
            assert have <= set(range(last + 2)), f"seed {seed}, run {done_run}"
    assert sum(len(s) for s in seen.values()) >= sum(n + 1 for n in reported.values())
    assert len(reported) == KILLS
