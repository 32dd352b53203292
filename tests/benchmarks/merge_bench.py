"""Benchmark of moving records between laptops; run ``python tests/benchmarks/merge_bench.py``.

On a large generated Center (``giangvien demo --lecturers L --years Y``) it
prints, as a Markdown table, the median wall time of, each in a new process
as a user runs it:

- ``import`` of that Center's export into a new laptop's empty file (all added);
- the same ``import`` again (nothing changed);
- ``import`` of a file in which a tenth of the sheets were edited elsewhere.

``--tree PATH`` runs another checkout of giangvien (say, the commit before the
merge work, unpacked with ``git archive``) so that before and after are timed
on one machine in one sitting; each tree makes its own demo file and export.
With this tree it also times ``store.merge.merge`` alone, in process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[2]


def cli(tree: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "giangvien", *args],
        cwd=tree,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def edited_elsewhere(export: Path, out: Path, share: float) -> None:
    """A tenth of the sheets changed on another laptop that had seen them."""
    document: dict[str, Any] = json.loads(export.read_text("utf-8"))
    sheets = document["tables"]["observations"]
    for doc in sheets[: int(len(sheets) * share)]:
        doc["strengths"] = (doc.get("strengths") or "") + " (sửa trên máy khác)"
        if "stamp" in doc:
            doc["stamp"] += 1 << 20
            doc["laptop"] = "other-laptop"
            doc["seen"] = {**doc["seen"], "other-laptop": doc["stamp"]}
        doc["updated_at"] = "2099-01-01T00:00:00+00:00"
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")


def bench_tree(tree: Path, folder: Path, lecturers: int, years: int, runs: int) -> dict[str, Any]:
    source = folder / "center.json"
    cli(tree, "demo", "--db", str(source), "--lecturers", str(lecturers), "--years", str(years))
    export = folder / "export.json"
    cli(tree, "export", "--out", str(export), "--db", str(source))
    records = sum(len(v) for v in json.loads(export.read_text("utf-8"))["tables"].values())
    edited = folder / "edited.json"
    edited_elsewhere(export, edited, 0.1)
    first, again, changed = [], [], []
    for n in range(runs):
        laptop = folder / f"laptop{n}.json"
        first.append(cli(tree, "import", str(export), "--db", str(laptop)))
        again.append(cli(tree, "import", str(export), "--db", str(laptop)))
        changed.append(cli(tree, "import", str(edited), "--db", str(laptop)))
        for leftover in folder.glob(f"laptop{n}*"):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
    out = {
        "records": records,
        "bytes": export.stat().st_size,
        "first": statistics.median(first),
        "again": statistics.median(again),
        "changed": statistics.median(changed),
    }
    if tree == HERE:
        out["merge"] = bench_merge(source, edited, runs)
    return out


def bench_merge(source: Path, edited: Path, runs: int) -> float:
    sys.path.insert(0, str(HERE))
    from giangvien.interchange import read_document
    from store.merge import CONFLICTS_TABLE, merge
    from store.repository import ALL_TABLES

    raw = json.loads(source.read_text("utf-8"))
    ours = {k: v for k, v in raw.items() if not k.startswith("_")}
    known = set(ALL_TABLES) | {CONFLICTS_TABLE}
    theirs = read_document(json.loads(edited.read_text("utf-8")), known)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        merge(ours, theirs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lecturers", type=int, default=40)
    parser.add_argument("--years", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[])
    args = parser.parse_args()
    trees = [*args.tree, HERE]
    print("| tree | records | export | import (new laptop) | import again | import, 10% edited |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    merged = None
    for tree in trees:
        with tempfile.TemporaryDirectory(prefix="giangvien-merge-bench-") as tmp:
            found = bench_tree(tree, Path(tmp), args.lecturers, args.years, args.runs)
        merged = found.get("merge", merged)
        print(
            f"| {tree.name} | {found['records']:,} | {found['bytes'] / 1e6:.1f} MB "
            f"| {found['first'] * 1000:.0f} ms | {found['again'] * 1000:.0f} ms "
            f"| {found['changed'] * 1000:.0f} ms |"
        )
    if merged is not None:
        print(f"\nstore.merge.merge alone, 10% edited: {merged * 1000:.0f} ms (median)")


if __name__ == "__main__":
    main()
