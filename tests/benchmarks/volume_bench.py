"""Benchmark of what the tests once timed themselves: large volumes.

Run ``python tests/benchmarks/volume_bench.py``.

A script, not a test (pytest does not collect it): the tests check what these
do, never how long it takes (a timed assertion fails on a busy machine and
proves nothing on an idle one). It prints, as Markdown, the median of its runs
(each run listed) of:

1. ``giangvien.demo.generate(60, 10, seed=7)``: the ten-year demo Center of 60
   lecturers, in memory (what ``tests/test_demo.py`` checks the shape of);
   3 runs in this process.
2. The command palette's scoring of one query ("nghi quyet dai hoi") over the
   index of 10,000 sheets, the index built once, as it is per data version
   (``tests/tui/test_navigation.py``); 7 runs.
3. The observation list of those 10,000 sheets, headless at 120x40: typing
   "/", Ctrl+U and "quoc phong" into its search, from the first key sent to the
   last key handled, each run a new app on the same file
   (``tests/tui/test_observations.py``); 5 runs.

No target is set for these; they are here so that a change that slows them is
seen. The load average is printed with the figures.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TODAY = dt.date(2026, 11, 20)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def ten_thousand_sheets(path: Path) -> None:
    from giangvien import __version__
    from giangvien.models import Lecturer, Observation, Position
    from giangvien.rubric import default_rubric
    from store.datafile import open_datafile
    from store.repository import Repository

    repo = Repository(open_datafile(path, app_version=__version__))
    hung = repo.save(
        Lecturer(family_name="Lê", middle_name="Văn", given_name="Hùng", position=Position.DIRECTOR)
    )
    lan = repo.save(Lecturer(family_name="Phạm", middle_name="Thị", given_name="Lan"))
    an = repo.save(Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An"))
    repo.set_current_user(hung.id)
    rubric = default_rubric()
    start = dt.date(2016, 1, 1)
    repo.save_many(
        Observation(
            date=start + dt.timedelta(days=i % 3650),
            lecturer_id=an.id if i % 2 else lan.id,
            observer_ids=[hung.id],
            lesson=f"Bài {i} về {'kinh tế' if i % 10 else 'quốc phòng'}: Nghị quyết Đại hội XIII",
            strengths=f"Nhận xét số {i}; liên hệ thực tiễn tốt",
            rubric_id=rubric.rubric_id,
            rubric_version=rubric.version,
        )
        for i in range(10_000)
    )
    repo.close()


def palette(path: Path) -> list[float]:
    from giangvien import __version__
    from screens.app import GiangvienApp
    from screens.commands import Folded, index_of, score
    from store.datafile import open_datafile
    from store.repository import Repository

    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    try:
        index = index_of(GiangvienApp(repo))
        query = Folded.of("nghi quyet dai hoi").text

        def scoring() -> None:
            found = [e for e in index.sheets if max(score(query, n) for n in e.names) > 0]
            assert len(found) == 10_000

        return timed(scoring, 7)
    finally:
        repo.close()


async def _typed(path: Path) -> float:
    from textual.widgets import DataTable

    from giangvien import __version__
    from screens.app import GiangvienApp
    from store.datafile import open_datafile
    from store.repository import Repository

    repo = Repository(open_datafile(path, app_version=__version__))
    try:
        app = GiangvienApp(repo, start="observations")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("slash", "ctrl+u", *"quoc phong")
            elapsed = (time.perf_counter() - start) * 1000
            assert app.screen.query_one(DataTable).row_count > 0
            return elapsed
    finally:
        repo.close()


def main() -> None:
    from giangvien.demo import generate

    rows = [("generate(60, 10): the ten-year demo Center in memory", timed(
        lambda: generate(60, 10, seed=7, today=TODAY), 3))]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheets-10000.json"
        ten_thousand_sheets(path)
        rows.append(("palette: one query scored over 10,000 sheets", palette(path)))
        typed = [asyncio.run(_typed(path)) for _ in range(5)]
        rows.append(("list of 10,000 sheets: '/', Ctrl+U, 'quoc phong' typed", typed))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load}; milliseconds.\n"
    )
    print("| what | median ms | runs |")
    print("| --- | ---: | --- |")
    for name, times in rows:
        runs = ", ".join(f"{t:.1f}" for t in times)
        print(f"| {name} | {statistics.median(times):.1f} | {runs} |")


if __name__ == "__main__":
    main()
