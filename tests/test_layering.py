"""The domain and the store stay headless: importing them never loads Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import giangvien
import store

ROOT = Path(__file__).resolve().parent.parent


def _modules(package: object, skip: tuple[str, ...] = ()) -> list[str]:
    names = [package.__name__]  # type: ignore[attr-defined]
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):  # type: ignore[attr-defined]
        if not info.name.startswith(skip):
            names.append(info.name)
    return names


def textual_imported_by(modules: list[str]) -> str:
    """The Textual modules a fresh interpreter holds after importing ``modules``."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_domain_and_store_do_not_import_textual() -> None:
    modules = _modules(giangvien, skip=("giangvien.cli", "giangvien.__main__")) + _modules(store)
    assert textual_imported_by(modules) == "[]"
    assert len(modules) > 10


def test_form_states_do_not_import_textual() -> None:
    """A form's state (screens/*_state.py) is plain data: tested, and drafted, headless."""
    modules = sorted(f"screens.{p.stem}" for p in (ROOT / "screens").glob("*_state.py"))
    assert textual_imported_by(modules) == "[]"
    assert "screens.observation_state" in modules


def test_domain_does_not_import_tinydb_or_store() -> None:
    modules = _modules(giangvien, skip=("giangvien.cli", "giangvien.__main__"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(roots & {'tinydb', 'store', 'screens'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


def test_scripted_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from giangvien.cli import main\n"
        f"main(['rubric', 'show', '--db', {str(tmp_path / 'x.json')!r}])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'HEADLESS')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().endswith("HEADLESS")


def test_every_package_is_installed() -> None:
    """`pip install .` ships every folder with an __init__.py (a missing one only
    fails after installation, never when tests run from the source tree)."""
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    shipped = set(find_packages(str(ROOT), include=include))
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for root in ("giangvien", "store", "screens")
        for p in (ROOT / root).rglob("__init__.py")
    }
    assert on_disk <= shipped
    assert {"giangvien.cli", "giangvien.models", "screens.widgets"} <= shipped
