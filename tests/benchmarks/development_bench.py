"""Benchmark of the Development figures and screen.

Run ``python tests/benchmarks/development_bench.py``.

A script, not a test (pytest does not collect it). It makes the data of
``giangvien demo --lecturers 60 --years 10`` in a temporary folder, then prints,
as Markdown, the median of 5 runs of:

1. the Center view for this year: ``Data.read`` (every record, from the
   repository's warm cache) plus ``development.center`` — a fresh ``Data``
   each run, so no sheet's score is remembered from the run before;
2. the same over all ten years, and one lecturer's profile for this year;
3. the year's plan and the year report (the Center's draft year-end report, in
   Markdown) of last year, a whole year of the ten;
4. the TUI: the Development screen shown after the key press. Each run is a
   new process (so the screen's module is imported and the trials parsed as
   on a user's first press), from compiled bytecode as an installed app runs
   (one uncounted run first writes it to a private cache): the app starts on
   the dashboard at 120x40, headless (``App.run_test``), the director as the
   user; the clock starts as ``pilot.press("8")`` is sent and is read twice:
   when the profile's figures are in its panels ("populated"), and when the
   press returns, i.e. every event of the new screen has been handled and the
   screen painted ("settled"). For scale, the same press to the review queue
   (key 4, the simplest section) is timed too: what any screen costs here.

Targets (issue 6): 1 under 100 ms; 4 under 0.5 s. The machine's load matters:
run it alone; the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

RUNS = 5


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def make_demo(path: Path) -> None:
    from giangvien.cli import main

    code = main(["demo", "--db", str(path), "--lecturers", "60", "--years", "10"])
    if code != 0:
        raise SystemExit(code)


def open_repo(path: Path, *, read_only: bool = True):  # type: ignore[no-untyped-def]
    from giangvien import __version__
    from store.datafile import open_datafile
    from store.repository import Repository

    return Repository(open_datafile(path, read_only=read_only, app_version=__version__))


def year_report(data: Any, year: int) -> str:
    from giangvien.development import Period
    from giangvien.development.review import review
    from giangvien.documents.report import center_report

    return center_report(review(data, Period.year(year)), data.settings, data.today)


def figures(path: Path) -> list[tuple[str, float, list[float]]]:
    from giangvien.development import Data, Period, center, profile
    from giangvien.models import Observation
    from giangvien.plan import year_plan

    repo = open_repo(path)
    today = dt.date.today()
    try:
        cold, _ = median_ms(lambda: Data.read(repo, today), runs=1)  # parses every record
        data = Data.read(repo, today)
        year = Period.year(today.year)
        first = min(o.date for o in repo.all(Observation))
        decade = Period(first, max(today, year.end))
        someone = max(data.lecturers, key=lambda lec: lec.sort_key)
        kinds = (data.lecturers, data.observations, data.trials, data.meetings, data.briefings)
        print(
            f"records: {sum(len(x) for x in kinds)}, observations: {len(data.observations)}, "
            f"this year: {year.start.year}",
            file=sys.stderr,
        )
        return [
            ("open the file: parse and validate every record (once)", cold, [cold]),
            ("Center view, this year (Data.read + center)",
             *median_ms(lambda: center(Data.read(repo, today), year))),
            ("Center view, all ten years",
             *median_ms(lambda: center(Data.read(repo, today), decade))),
            ("one lecturer's profile, this year",
             *median_ms(lambda: profile(Data.read(repo, today), someone, year))),
            ("the year's plan, last year (Data.read + year_plan)",
             *median_ms(lambda: year_plan(Data.read(repo, today), today.year - 1))),
            ("the year report, last year (Data.read + review + Markdown)",
             *median_ms(lambda: year_report(Data.read(repo, today), today.year - 1))),
        ]  # fmt: skip
    finally:
        repo.close()


async def _one_press(path: Path, key: str) -> tuple[float, float]:
    """(populated, settled) in ms after ``key`` is pressed on the dashboard.

    Populated is measured for the Development screen only (0 for another key).
    """
    from textual.widgets import Sparkline

    from screens.app import GiangvienApp
    from screens.development import DevelopmentScreen
    from screens.profile_view import Panel

    repo = open_repo(path, read_only=False)
    app = GiangvienApp(repo, start="dashboard")

    def populated() -> bool:
        if key != "8":
            return True
        screen = app.screen
        if not isinstance(screen, DevelopmentScreen) or not screen.query(Panel):
            return False
        return bool(screen.query_one("#dev-items", Panel).lines) and (
            screen.query_one(Sparkline).data is not None
        )

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            press = asyncio.ensure_future(pilot.press(key))  # runs while we look
            while not populated():
                await asyncio.sleep(0.002)
            filled = time.perf_counter() if key == "8" else start
            await press  # every event of the new screen handled, the screen painted
            return (filled - start) * 1000, (time.perf_counter() - start) * 1000
    finally:
        repo.close()


def tui(path: Path, key: str = "8") -> tuple[list[float], list[float]]:
    # As an installed app runs: from compiled bytecode. One run first writes it to a
    # private cache (the project's folders are left alone); it is not counted.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(path.parent / "pycache")
    runs = []
    for _ in range(RUNS + 1):
        out = subprocess.run(
            [sys.executable, __file__, "--one-press", str(path), "--key", key],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return [r[0] for r in runs[1:]], [r[1] for r in runs[1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one-press", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--key", default="8", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_press:
        print(json.dumps(asyncio.run(_one_press(args.one_press, args.key))))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-60x10.json"
        make_demo(path)
        # The TUI writes (current user): it runs on a copy set up once.
        repo = open_repo(path, read_only=False)
        from giangvien.models import Lecturer, Position

        director = next(x for x in repo.all(Lecturer) if x.position is Position.DIRECTOR)
        repo.set_current_user(director.id)
        repo.close()
        rows = figures(path)
        press = tui(path)
        # The same press to the simplest section (the review queue), for scale: what
        # any screen costs on this machine before it shows anything of its own.
        floor = tui(path, "4")[1]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load}; median of {RUNS} runs (each run listed), milliseconds.\n"
    )
    print("| what | median ms | runs |")
    print("| --- | ---: | --- |")
    for name, median, times in rows:
        print(f"| {name} | {median:.1f} | {', '.join(f'{t:.1f}' for t in times)} |")
    names = (
        "populated: the profile's figures in its panels",
        "settled: every event handled, the screen painted",
    )
    for name, times in zip(names, press, strict=True):
        runs = ", ".join(f"{t:.1f}" for t in times)
        print(f"| TUI, key 8 on the dashboard, {name} | {statistics.median(times):.1f} | {runs} |")
    runs = ", ".join(f"{t:.1f}" for t in floor)
    print(f"| for scale: key 4 (review queue), settled | {statistics.median(floor):.1f} | {runs} |")


if __name__ == "__main__":
    main()
