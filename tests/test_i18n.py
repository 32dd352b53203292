"""Every sentence exists in both languages, with the same slots, and every key the
code asks for is in the catalogue (a missing one would show the bare key)."""

from __future__ import annotations

import re
import string
from pathlib import Path

from giangvien.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
# tr("area.key") and Binding descriptions/tooltips written as "area.key" literals.
LITERAL = re.compile(r"""\btr\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""")


def slots(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_slots() -> None:
    vi, en = catalogue("vi"), catalogue("en")
    assert set(vi) == set(en), sorted(set(vi) ^ set(en))
    different = [key for key in vi if slots(vi[key]) != slots(en[key])]
    assert not different, different


def test_every_key_used_in_code_exists() -> None:
    known = set(catalogue("vi"))
    missing = []
    for folder in ("giangvien", "store", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in LITERAL.findall(path.read_text("utf-8")):
                if key not in known:
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, missing
