"""The read-only banner: says once, on every screen, why nothing can be saved."""

from __future__ import annotations

from textual.widgets import Static


class ReadOnlyBanner(Static):
    def __init__(self, reason: str) -> None:
        super().__init__(reason, markup=False, id="readonly-banner")
        self.display = bool(reason)
