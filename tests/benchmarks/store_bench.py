"""Benchmark of the storage layer; run ``python tests/benchmarks/store_bench.py``.

For 1k, 10k and 50k realistic records (~1.5 KB of Vietnamese text and nested
lists each) it prints, as a Markdown table, the median time of:

- one insert through TinyDB + SafeJSONStorage (our storage, cache warm);
- one insert through TinyDB's default JSONStorage;
- the floor: serialise the same document with orjson (our serialiser), write
  it to a temp file, fsync, os.replace; and the same floor with
  pydantic_core.to_json and with json.dumps, for comparison;
- opening and parsing the file (ours and TinyDB's).

Then the app's own path on a real data file (see :func:`bench_repository`),
twice: with the demo's sheets (~2.4 KB each) and with sheets cut to ~1.5 KB,
the record size the issue's targets were set for.

"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic_core import to_json
from tinydb import TinyDB
from tinydb.storages import JSONStorage
from tinydb.table import Document, Table

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.storage import SafeJSONStorage

WORDS = (  # noqa: SIM905 - a phrase reads better than 50 quoted words
    "giảng viên dự giờ luyện giảng sinh hoạt chuyên môn báo cáo viên Trung tâm Chính trị "
    "huyện nội dung phương pháp tích cực đồ dùng dạy học kết luận ưu điểm hạn chế đề nghị "
    "học viên nghị quyết Đảng bộ tư tưởng Hồ Chí Minh liên hệ thực tiễn địa phương"
).split()


class UUIDTable(Table):
    """Record ids are UUID text, as the repository's tables will have."""

    document_id_class = str


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def make_record(rng: random.Random) -> dict[str, Any]:
    """An observation sheet shaped like the real one, about 1.5 KB as JSON."""
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "created_at": "2024-03-05T08:30:00+07:00",
        "updated_at": "2024-03-05T09:45:12+07:00",
        "deleted_at": None,
        "lecturer_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "observer_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "lesson": sentence(rng, 8),
        "date": "2024-03-05",
        "rubric": {"id": "du-gio-2023", "version": 2},
        "scores": [{"criterion": f"c{i}", "score": rng.randint(1, 10)} for i in range(10)],
        "strengths": [sentence(rng, 14) for _ in range(2)],
        "limitations": [sentence(rng, 12) for _ in range(2)],
        "suggestions": sentence(rng, 24),
        "response": sentence(rng, 10),
        "conclusion": {"by": str(uuid.UUID(int=rng.getrandbits(128))), "text": sentence(rng, 10)},
    }


def measure(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn()`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure_interleaved(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Like :func:`measure` for several callables, taking turns, so that a
    busy moment of the machine weighs on all of them alike (fair ratios)."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(spent) * 1000 for name, spent in times.items()}


def floor_write(path: Path, payload: bytes) -> None:
    tmp = path.with_name(path.name + ".floor")
    with open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


TEXT_FIELDS = ("strengths", "limitations", "suggestions", "self_assessment", "conclusion")

# Times opening a data file and validating every record in a new process, as
# starting the app does; imports are done before the clock starts.
OPEN_IN_NEW_PROCESS = """
import sys, time
from pathlib import Path
from giangvien import __version__
from store.datafile import open_datafile
from store.repository import ALL_TABLES, Repository
start = time.perf_counter()
repo = Repository(open_datafile(Path(sys.argv[1]), read_only=True, app_version=__version__))
for model in ALL_TABLES.values():
    repo.all(model)
print(time.perf_counter() - start)
"""


def cut_to(doc: dict[str, Any], size: int) -> dict[str, Any]:
    """The sheet with its longest comments cut at a word until its JSON is at most ``size``
    bytes (a comment keeps its first word: a signed conclusion may not be empty)."""
    doc = dict(doc)
    while (excess := len(orjson.dumps(doc)) - size) > 0:
        name = max(TEXT_FIELDS, key=lambda f: len(doc[f]))
        text = doc[name]
        keep = max(1, len(text) - max(excess // 2, 1))
        shorter = text[:keep].rsplit(" ", 1)[0] if " " in text[:keep] else text.split(" ")[0]
        if shorter == text:
            break
        doc[name] = shorter
    return doc


def open_in_new_process(path: Path) -> float:
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", OPEN_IN_NEW_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return float(done.stdout.strip())


def bench_repository(
    n: int, runs: int, folder: Path, rng: random.Random, sheet_bytes: int | None = None
) -> dict[str, float]:
    """The app's own path: a real data file of n observation sheets (demo text,
    ~2.4 KB each, or cut to ``sheet_bytes``) beside the rest of a ten-year demo
    Center; one sheet saved through the repository (validation, reference and
    rubric checks, TinyDB, our storage) against the floor for that same
    document; and opening the file with every record validated, in this
    process (warm) and in a new one (as the app starts)."""
    from giangvien import __version__
    from giangvien.demo import generate
    from giangvien.models import Observation
    from store.datafile import open_datafile
    from store.repository import ALL_TABLES, Repository, dump

    records = generate(lecturers=60, years=10, seed=1)
    sheets = [dump(r) for r in records if isinstance(r, Observation)]
    if sheet_bytes is not None:
        sheets = [cut_to(doc, sheet_bytes) for doc in sheets]
    others = [r for r in records if not isinstance(r, Observation)]
    label = "repository" if sheet_bytes is None else f"repository, sheets cut to {sheet_bytes} B"
    path = folder / f"{label.replace(' ', '-').replace(',', '')}-{n}.json"
    repo = Repository(open_datafile(path, app_version=__version__))
    repo.save_many(others)
    document = dict(repo.datafile.raw())
    table = {}
    for i in range(n):
        doc = dict(sheets[i % len(sheets)])
        doc["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        table[doc["id"]] = doc
    document["observations"] = table
    repo.datafile.write_raw(document)
    repo.close()
    mean = sum(len(orjson.dumps(doc)) for doc in table.values()) / n
    count = sum(len(t) for t in document.values())
    # The app holds nothing but what it parsed: the copies made here would
    # only make the collector's passes slower.
    del document, table
    # As in the app: the file parsed once on opening, its records read.
    repo = Repository(open_datafile(path, app_version=__version__))
    repo.all(Observation)
    template = Observation.model_validate(sheets[0])

    def save_one() -> None:
        repo.save(template.model_copy(update={"id": str(uuid.uuid4())}))

    row = {
        f"{label}: file size (MB)": path.stat().st_size / 1e6,
        f"{label}: mean sheet (KB)": mean / 1e3,
        f"{label}: records in the file": count,
    }
    scratch = folder / f"repo-floor-{n}.json"
    save, floor = f"{label}: save one observation", f"{label}: floor for that file"
    row |= measure_interleaved(
        {
            save: save_one,
            floor: lambda: floor_write(scratch, orjson.dumps(repo.datafile.raw())),
        },
        runs,
    )
    row[f"{label}: ratio save / floor"] = row[save] / row[floor]
    repo.close()

    def open_and_validate() -> None:
        opened = Repository(open_datafile(path, read_only=True, app_version=__version__))
        for model in ALL_TABLES.values():
            opened.all(model)
        opened.close()

    row[f"{label}: open + validate every record, warm"] = measure(open_and_validate, runs)
    fresh = [open_in_new_process(path) for _ in range(runs)]
    row[f"{label}: open + validate every record, new process"] = statistics.median(fresh) * 1000
    return row


def bench_size(n: int, runs: int, folder: Path, rng: random.Random) -> dict[str, float]:
    records = {rec["id"]: rec for rec in (make_record(rng) for _ in range(n))}
    ours, theirs = folder / f"safe-{n}.json", folder / f"tinydb-{n}.json"
    ours.write_bytes(orjson.dumps({"observations": records}))
    shutil.copyfile(ours, theirs)
    row: dict[str, float] = {"file size (MB)": ours.stat().st_size / 1e6}

    db = TinyDB(ours, storage=SafeJSONStorage)
    db.table_class = UUIDTable
    table = db.table("observations")
    len(table)  # warm the cache: an open app has parsed the file already

    def insert_ours() -> None:
        rec = make_record(rng)
        table.insert(Document(rec, doc_id=rec["id"]))

    document = db.storage.read()
    assert document is not None
    scratch = folder / f"floor-{n}.json"
    row |= measure_interleaved(
        {
            "insert, TinyDB + SafeJSONStorage": insert_ours,
            "floor: orjson + write + fsync + replace": lambda: floor_write(
                scratch, orjson.dumps(document)
            ),
            "floor: pydantic_core.to_json + write + fsync + replace": lambda: floor_write(
                scratch, to_json(document)
            ),
            "floor: json.dumps + write + fsync + replace": lambda: floor_write(
                scratch, json.dumps(document, ensure_ascii=False).encode()
            ),
        },
        runs,
    )
    row["ratio: SafeJSONStorage insert / orjson floor"] = (
        row["insert, TinyDB + SafeJSONStorage"] / row["floor: orjson + write + fsync + replace"]
    )
    db.close()

    tiny = TinyDB(theirs)  # the default JSONStorage
    tiny.table_class = UUIDTable
    tiny_table = tiny.table("observations")

    def insert_theirs() -> None:
        rec = make_record(rng)
        tiny_table.insert(Document(rec, doc_id=rec["id"]))

    row["insert, TinyDB + default JSONStorage"] = measure(insert_theirs, max(3, runs // 3))
    tiny.close()

    row["open + parse, SafeJSONStorage"] = measure(lambda: SafeJSONStorage(ours).read(), runs)
    row["open + parse, TinyDB JSONStorage"] = measure(
        lambda: JSONStorage(str(theirs), access_mode="r").read(), runs
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=9, help="runs per measure (fewer at 50k)")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the data files")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(args.seed)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="store-bench-") as tmp:
        for n in sizes:
            runs = args.runs if n <= 10_000 else max(3, args.runs // 2)
            # One after the other, so that the synthetic data is freed before the
            # repository is timed: alive, it made the collector's passes slower.
            results[n] = bench_size(n, runs, Path(tmp), rng)
            results[n] |= bench_repository(n, runs, Path(tmp), rng)
            results[n] |= bench_repository(n, runs, Path(tmp), rng, sheet_bytes=1500)
            print(f"... {n} records done", file=sys.stderr)
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; times are medians in ms.\n"
    )
    print("| measure | " + " | ".join(f"{n:,} records" for n in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for name in results[sizes[0]]:
        cells = []
        for n in sizes:
            value = results[n][name]
            if "records in" in name:
                cells.append(f"{value:,.0f}")
            elif "ratio" in name or "(MB)" in name or "(KB)" in name:
                cells.append(f"{value:.2f}")
            else:
                cells.append(f"{value:.1f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
