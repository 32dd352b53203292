"""What the change history costs a ten-year file; run ``python tests/benchmarks/history_bench.py``.

The ten-year Center of 60 lecturers (``giangvien demo --lecturers 60 --years
10``) with no history, then with ``--edits`` history entries per observation
sheet (3 by default: a Center that reworks each sheet a few times), each entry
changing one text field of the sheet (its whole old and new value, as the
store records them) and stamped like a save. Each figure is the median of N
runs (5 by default), each a new process, of what the app does to open the
file: open it, run the gate's opening scan, read every table into models.

A script, not a test (pytest does not collect it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OPEN = """
import sys, time
start = time.perf_counter()
from giangvien import __version__
from store.datafile import open_datafile
from store.repository import ALL_TABLES, Repository
repo = Repository(open_datafile(sys.argv[1], read_only=True, app_version=__version__))
repo.open_check()
for model in ALL_TABLES.values():
    repo.all(model, include_deleted=True)
print((time.perf_counter() - start) * 1000)
"""


def open_ms(path: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", OPEN, str(path)], check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
    )  # fmt: skip
    return float(out.stdout.strip())


def add_history(path: Path, edits: int) -> int:
    from giangvien import __version__
    from giangvien.models import Action, FieldChange, HistoryEntry, Observation, now
    from store.datafile import open_datafile
    from store.repository import Repository, dump

    repo = Repository(open_datafile(path, app_version=__version__))
    try:
        sheets = repo.all(Observation)
        laptop, stamp = repo.laptop_id, 1 << 40
        entries = {}
        for sheet in sheets:
            for i in range(edits):
                stamp += 1
                entry = HistoryEntry(
                    table="observations", record_id=sheet.id, at=now(), by=sheet.lecturer_id,
                    action=Action.EDITED, laptop=laptop, stamp=stamp, seen={laptop: stamp},
                    changes=[FieldChange(field="strengths", old=sheet.strengths,
                                         new=f"{sheet.strengths} ({i})")],
                )  # fmt: skip
                entries[entry.id] = dump(entry)
        repo.put_raw({"history": entries})
        return len(entries)
    finally:
        repo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ten-years.json"
        subprocess.run(
            [sys.executable, "-m", "giangvien", "demo", "--db", str(path),
             "--lecturers", "60", "--years", "10"],
            check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        rows = []
        size = path.stat().st_size / 1e6
        rows.append(("no history", size, [open_ms(path) for _ in range(args.runs)]))
        count = add_history(path, args.edits)
        size = path.stat().st_size / 1e6
        rows.append((f"{count:,} history entries", size, [open_ms(path) for _ in range(args.runs)]))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Ten-year Center (60 lecturers); median of {args.runs} runs, ms; load {load}.\n")
    print("| file | size | open | runs |")
    print("| --- | ---: | ---: | --- |")
    for name, mb, times in rows:
        runs = ", ".join(f"{t:.0f}" for t in times)
        print(f"| {name} | {mb:.1f} MB | {statistics.median(times):.0f} | {runs} |")


if __name__ == "__main__":
    main()
