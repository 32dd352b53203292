"""Benchmark of the TUI against a minimal Textual app of the same widgets.

Run ``python tests/benchmarks/tui_bench.py [--runs N] [--large]``.

A script, not a test (pytest does not collect it). It prints, as Markdown, for
each measure the median of N runs (5 by default) of giangvien and of a
*minimal* app, their ratio, and every run.

The data: ``giangvien demo`` (the default Center of six, two years), or with
``--large`` the ten-year Center of 60 lecturers; the director is the user.
Every run is a new process on a fresh copy of the file, headless at 120x40
(``App.run_test``), from compiled bytecode as an installed app runs (a private
bytecode cache, written by one uncounted first process).

The minimal app is made from giangvien itself, so that both show the same
widgets: a first process opens every screen of giangvien and writes down its
widget tree, each widget as the Textual class it is built on (``Static``,
``DataTable``, ``Select``, ``Input``, ``Horizontal``...) with what it shows
(texts, columns and rows, options, values, which parts are hidden). The
minimal app builds those trees again from Textual's classes alone: no app
stylesheet, no bindings of its own, no data read, nothing done on mount.

Measures, the clock read inside the app's process unless said otherwise:

- *section, first visit*: the app is on the dashboard, settled; the clock
  starts as the section's key is pressed and stops when the new screen is
  settled (every event handled, the screen painted, every worker done, then
  idle). Minimal: the same key switches from the minimal dashboard to the
  minimal copy of that section, each a mode as in giangvien.
- *form, new* / *form, open a record*: the app is on the record list, settled;
  the clock starts as the list's own action (``action_new`` / ``action_open``
  on the first row) is called and stops when the form is settled. Minimal: the
  minimal copy of the form is pushed over the minimal copy of the list.
- *quit*: the app is settled on the dashboard (*at once*) or after a visit
  to every section (*after all nine sections*); the clock starts as Ctrl+Q is
  pressed and stops when the process has ended, read by the parent with the
  same system-wide monotonic clock: what a user waits for before the shell
  prompt is back. After the app returns, giangvien's process does what the
  ``giangvien`` command does then (closes the data file, ``leave_quickly``).
  Minimal: Ctrl+Q on the minimal app with the same screens.

Targets (issue 11): each form and each section's first visit within 1.5x of
the minimal screen of the same widgets; quit within 1.5x of the minimal app.
Runs of giangvien and of the minimal app alternate, so that other load on
the machine hits both alike; the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SIZE = (120, 40)
SECTION_KEYS = {
    "lecturers": "2",
    "observations": "3",
    "reviews": "4",
    "trials": "5",
    "meetings": "6",
    "sessions": "7",
    "development": "8",
    "settings": "9",
}
FORMS = ("observations", "trials", "meetings", "sessions")

Spec = dict[str, Any]


# -- the widget trees, written down from giangvien ------------------------------


def _text(value: Any) -> str:
    plain = getattr(value, "plain", None)
    return plain if isinstance(plain, str) else str(value)


def _textual_base(widget: Any) -> type:
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("textual."):
            return cls
    raise TypeError(type(widget))


def spec_of(widget: Any) -> Spec:
    """One widget as the Textual class it is built on, with what it shows."""
    from textual import containers, widgets
    from textual.widget import Widget

    base = _textual_base(widget)
    spec: Spec = {"cls": base.__name__, "id": widget.id, "display": bool(widget.display)}
    if isinstance(widget, widgets.Select):
        chosen = [(p, v) for p, v in widget._options if v != widget.NULL]
        options = [(_text(p), i) for i, (p, _) in enumerate(chosen)]
        values = [v for _, v in chosen]
        spec["cls"] = "Select"
        spec["options"] = options
        spec["value"] = values.index(widget.value) if widget.value in values else None
        spec["allow_blank"] = widget._allow_blank
    elif isinstance(widget, widgets.SelectionList):
        chosen = set(map(str, widget.selected))
        spec["cls"] = "SelectionList"
        spec["options"] = [
            (_text(o.prompt), str(o.value), str(o.value) in chosen) for o in widget.options
        ]
    elif isinstance(widget, widgets.OptionList):
        spec["cls"] = "OptionList"
        spec["options"] = [_text(o.prompt) for o in widget.options]
    elif isinstance(widget, widgets.DataTable):
        spec["cls"] = "DataTable"
        spec["columns"] = [_text(c.label) for c in widget.ordered_columns]
        spec["rows"] = [
            [_text(cell) for cell in widget.get_row_at(i)] for i in range(widget.row_count)
        ]
    elif isinstance(widget, widgets.Input):
        spec["cls"] = "Input"
        spec["value"], spec["placeholder"] = widget.value, _text(widget.placeholder)
    elif isinstance(widget, widgets.TextArea):
        spec["cls"], spec["text"] = "TextArea", widget.text
    elif isinstance(widget, widgets.Checkbox):
        spec["cls"] = "Checkbox"
        spec["label"], spec["value"] = _text(widget.label), widget.value
    elif isinstance(widget, widgets.Button):
        spec["cls"], spec["label"] = "Button", _text(widget.label)
    elif isinstance(widget, widgets.Sparkline):
        spec["cls"], spec["data"] = "Sparkline", list(widget.data or [])
    elif isinstance(widget, (widgets.Header, widgets.Footer)):
        pass
    elif isinstance(widget, widgets.ContentSwitcher):
        spec["cls"], spec["current"] = "ContentSwitcher", widget.current
        spec["children"] = [spec_of(child) for child in widget.children]
    elif isinstance(widget, widgets.Static):
        spec["cls"], spec["text"] = "Static", _text(widget.render())
    elif base is Widget or base.__module__ == containers.__name__:
        if widget.children or base is not Widget:
            spec["children"] = [spec_of(child) for child in widget.children]
        else:  # a widget of our own that renders itself
            spec["cls"], spec["text"] = "Static", _text(widget.render())
    else:
        raise TypeError(f"no minimal form for {type(widget).__name__} ({base.__name__})")
    return spec


def screen_spec(screen: Any) -> list[Spec]:
    return [spec_of(child) for child in screen.children]


def build(spec: Spec) -> Any:
    """The minimal widget for one spec: Textual's own class, default styles."""
    from textual import containers, widgets
    from textual.widget import Widget

    common = {"id": spec["id"]}
    cls = spec["cls"]
    children = [build(child) for child in spec.get("children", [])]
    if cls == "Select":
        widget: Any = widgets.Select(
            spec["options"], allow_blank=spec["allow_blank"], **common,
            **({"value": spec["value"]} if spec["value"] is not None else {}),
        )  # fmt: skip
    elif cls == "SelectionList":
        widget = widgets.SelectionList(*[tuple(o) for o in spec["options"]], **common)
    elif cls == "OptionList":
        widget = widgets.OptionList(*spec["options"], **common)
    elif cls == "DataTable":
        widget = widgets.DataTable(**common)
        widget.add_columns(*spec["columns"])
        widget.add_rows(spec["rows"])
    elif cls == "Input":
        widget = widgets.Input(spec["value"], spec["placeholder"], **common)
    elif cls == "TextArea":
        widget = widgets.TextArea(spec["text"], **common)
    elif cls == "Checkbox":
        widget = widgets.Checkbox(spec["label"], spec["value"], **common)
    elif cls == "Button":
        widget = widgets.Button(spec["label"], **common)
    elif cls == "Sparkline":
        widget = widgets.Sparkline(spec["data"], **common)
    elif cls in ("Header", "Footer"):
        widget = getattr(widgets, cls)(**common)
    elif cls == "ContentSwitcher":
        widget = widgets.ContentSwitcher(*children, initial=spec["current"], **common)
    elif cls in ("Static", "Label"):
        widget = getattr(widgets, cls)(spec["text"], markup=False, **common)
    elif cls == "Widget":
        widget = Widget(*children, **common)
    else:
        widget = getattr(containers, cls)(*children, **common)
    widget.display = spec["display"]
    return widget


def minimal_app(specs: dict[str, list[Spec]], modes: list[str]) -> Any:
    """A Textual app of ``specs``' screens and nothing else; modes ``modes``."""
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen

    class MinimalScreen(Screen[None]):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.spec_name = name

        def compose(self) -> Any:
            for spec in specs[self.spec_name]:
                yield build(spec)

    class MinimalApp(App[None]):
        MODES: ClassVar[dict[str, Any]] = {
            name: (lambda n=name: MinimalScreen(n)) for name in modes
        }
        BINDINGS: ClassVar[list[Any]] = [
            Binding(SECTION_KEYS.get(name, "1"), f"switch_mode('{name}')", show=False)
            for name in modes
        ]

        def on_mount(self) -> None:
            self.switch_mode(modes[0])

        def push_minimal(self, name: str) -> None:
            self.push_screen(MinimalScreen(name))

    return MinimalApp()


# -- giangvien, in this process ------------------------------------------------


def open_app(path: Path, start: str = "dashboard") -> Any:
    from giangvien import __version__
    from screens.app import GiangvienApp
    from store.datafile import open_datafile
    from store.repository import Repository

    repo = Repository(open_datafile(path, app_version=__version__))
    return GiangvienApp(repo, start=start)


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def record_specs(path: Path) -> dict[str, list[Spec]]:
    """Every screen giangvien shows in this benchmark, written down."""
    specs: dict[str, list[Spec]] = {}
    app = open_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        specs["dashboard"] = screen_spec(app.screen)
        for mode, key in SECTION_KEYS.items():
            await pilot.press(key)
            await settle(pilot)
            specs[mode] = screen_spec(app.screen)
            if mode in FORMS:
                for how in ("new", "open"):
                    lst = app.screen
                    getattr(lst, f"action_{how}")()
                    await settle(pilot)
                    assert app.screen is not lst, f"{mode}: no form opened"
                    specs[f"{mode}:{how}"] = screen_spec(app.screen)
                    app.pop_screen()
                    await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
    app.repo.close()
    return specs


async def one_run(kind: str, what: str, path: Path, specs_file: Path) -> list[float] | None:
    """One measure in this (new) process: [wall, CPU] ms; None when the parent reads the clock."""
    real = kind == "giangvien"
    specs = json.loads(specs_file.read_text(encoding="utf-8"))
    section, _, how = what.partition(":")
    if what.startswith("quit"):
        modes = ["dashboard", *SECTION_KEYS] if what == "quit-all" else ["dashboard"]
    elif how:
        modes = [section]
    else:
        modes = ["dashboard", section]
    app = open_app(path, start=modes[0]) if real else minimal_app(specs, modes)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if what.startswith("quit"):
            for mode in modes[1:]:
                await pilot.press(SECTION_KEYS[mode])
                await settle(pilot)
            await pilot.press("1")
            await settle(pilot)
            print(json.dumps({"quit_from": time.monotonic()}), flush=True)
            await pilot.press("ctrl+q")
            result = None
        else:
            start, cpu = time.perf_counter(), time.process_time()
            if how:
                if real:
                    getattr(app.screen, f"action_{how}")()
                else:
                    app.push_minimal(what)
            else:
                await pilot.press(SECTION_KEYS[section])
            await settle(pilot)
            result = [(time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000]
    if real:  # what the command does once the app has returned
        from giangvien.cli.run import leave_quickly

        app.repo.close()
        leave_quickly()
    return result


# -- the parent: fresh processes, medians --------------------------------------


def measures() -> list[tuple[str, str]]:
    rows = [(f"section, first visit: {m} (key {k})", m) for m, k in SECTION_KEYS.items()]
    for mode in FORMS:
        rows.append((f"form, new: {mode}", f"{mode}:new"))
        rows.append((f"form, open a record: {mode}", f"{mode}:open"))
    rows.append(("quit at once (Ctrl+Q to process gone)", "quit"))
    rows.append(("quit after all nine sections (Ctrl+Q to process gone)", "quit-all"))
    return rows


def child(
    kind: str, what: str, template: Path, specs: Path, env: dict[str, str]
) -> tuple[float, float | None]:
    """Wall-clock ms of one run in a new process, and its CPU ms (None for a quit)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "giangvien.json"
        shutil.copyfile(template, path)
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, what, str(path), str(specs)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        ended = time.monotonic()
    if out.returncode != 0:
        raise SystemExit(f"{kind} {what} failed:\n{out.stderr}")
    lines = [json.loads(line) for line in out.stdout.strip().splitlines()]
    for line in lines:
        if isinstance(line, dict):
            return (ended - line["quit_from"]) * 1000, None
    wall, cpu = lines[-1]
    return float(wall), float(cpu)


def make_data(path: Path, large: bool) -> None:
    from giangvien import __version__
    from giangvien.cli import main
    from giangvien.models import Lecturer, Position
    from store.datafile import open_datafile
    from store.repository import Repository

    size = ["--lecturers", "60", "--years", "10"] if large else []
    if main(["demo", "--db", str(path), *size]) != 0:
        raise SystemExit("demo failed")
    repo = Repository(open_datafile(path, app_version=__version__))
    director = next(x for x in repo.all(Lecturer) if x.position is Position.DIRECTOR)
    repo.set_current_user(director.id)
    repo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="60 lecturers, ten years")
    parser.add_argument("--only", help="measures whose key contains this text")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--specs", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, what, path, specs = args.child
        print(json.dumps(asyncio.run(one_run(kind, what, Path(path), Path(specs)))))
        return
    if args.specs:
        found = asyncio.run(record_specs(Path(args.specs[0])))
        Path(args.specs[1]).write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory() as folder:
        template, specs = Path(folder) / "template.json", Path(folder) / "specs.json"
        make_data(template, args.large)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        # Writing down the screens also compiles every module once (uncounted).
        work = Path(folder) / "specs-run.json"
        shutil.copyfile(template, work)
        subprocess.run(
            [sys.executable, __file__, "--specs", str(work), str(specs)], check=True, env=env
        )
        table = []
        for name, what in measures():
            if args.only and args.only not in what:
                continue
            real: list[tuple[float, float | None]] = []
            minimal: list[tuple[float, float | None]] = []
            for _ in range(args.runs):
                real.append(child("giangvien", what, template, specs, env))
                minimal.append(child("minimal", what, template, specs, env))
            table.append((name, real, minimal))
            medians = [statistics.median(w for w, _ in x) for x in (real, minimal)]
            print(f"{name}: {medians[0]:.0f} / {medians[1]:.0f} ms",
                  file=sys.stderr)  # fmt: skip
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load}; {'60 lecturers x 10 years' if args.large else 'default demo'}; "
        f"median of {args.runs} runs, milliseconds.\n"
    )
    print("| measure | giangvien | minimal | ratio | CPU ratio | giangvien runs | minimal runs |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    for name, real, minimal in table:
        a, b = (statistics.median(w for w, _ in x) for x in (real, minimal))
        cpus = [[c for _, c in x if c is not None] for x in (real, minimal)]
        cpu = f"{statistics.median(cpus[0]) / statistics.median(cpus[1]):.2f}" if cpus[0] else "—"
        runs = [", ".join(f"{w:.0f}" for w, _ in x) for x in (real, minimal)]
        print(f"| {name} | {a:.0f} | {b:.0f} | {a / b:.2f} | {cpu} | {runs[0]} | {runs[1]} |")


if __name__ == "__main__":
    main()
