from __future__ import annotations

from collections.abc import Iterator

import pytest

from giangvien.i18n import language, set_language


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    """Every test starts in Vietnamese, the default, and leaves it so."""
    before = language()
    set_language("vi")
    yield
    set_language(before)
