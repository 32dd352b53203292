"""Benchmark of the shared folder; run ``python tests/benchmarks/sync_bench.py [--runs N]``.

Three laptops of one large generated Center (``giangvien demo --lecturers 60
--years 10`` on laptop A; B and C join through the folder). Each measure is the
median wall time of N runs (5 by default) of ``giangvien sync`` in a new
process, as a user (or the app's round) runs it:

- *nothing new*: every other laptop's file as last read (each is hashed,
  nothing parsed; this laptop's own file is current);
- *one laptop changed*: another laptop saved one sheet since (its file is
  parsed, gated and merged; this laptop's file is written again);
- *after a change here*: nothing new elsewhere, one sheet saved here (only
  this laptop's own file is written).

A script, not a test (pytest does not collect it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def sync(db: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "giangvien", "sync", "--db", str(db), *extra],
        check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return (time.perf_counter() - start) * 1000


def edit_one(db: Path, tag: str) -> None:
    from giangvien import __version__
    from giangvien.models import Observation
    from store.datafile import open_datafile
    from store.repository import Repository

    repo = Repository(open_datafile(db, app_version=__version__))
    try:
        sheet = next(o for o in repo.all(Observation) if not o.reviewed and not o.deleted)
        repo.save(sheet.model_copy(update={"strengths": f"{sheet.strengths} {tag}"}))
    finally:
        repo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lecturers", default="60")
    parser.add_argument("--years", default="10")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shared"
        folder.mkdir()
        a, b, c = (Path(tmp) / f"{n}.json" for n in "abc")
        subprocess.run(
            [sys.executable, "-m", "giangvien", "demo", "--db", str(a),
             "--lecturers", args.lecturers, "--years", args.years],
            check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        for db in (a, b, c, a, b, c):
            sync(db, "--folder", str(folder))
        sync(b)
        size = a.stat().st_size / 1e6
        nothing, changed, here = [], [], []
        for run in range(args.runs):
            nothing.append(sync(b))
            edit_one(a, f"a{run}")
            sync(a)  # A's file now holds the change
            changed.append(sync(b))
            edit_one(b, f"b{run}")
            here.append(sync(b))
            sync(c), sync(a), sync(b)  # everyone level again for the next run
    print(f"Center of {args.lecturers} lecturers x {args.years} years, data file {size:.1f} MB;")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"three laptops; median of {args.runs} runs, ms; load average {load}.\n")
    print("| measure | median | runs |")
    print("| --- | ---: | --- |")
    for name, times in (
        ("sync, nothing new", nothing),
        ("sync, one other laptop changed", changed),
        ("sync, after a change here", here),
    ):
        runs = ", ".join(f"{t:.0f}" for t in times)
        print(f"| {name} | {statistics.median(times):.0f} | {runs} |")


if __name__ == "__main__":
    main()
