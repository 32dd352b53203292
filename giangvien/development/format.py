"""Figures as text: shares as percentages, changes as points, a series as a one-line chart.

Language-neutral (the app writes numbers with a decimal comma everywhere), so the
screens and the documents show the same figure the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from giangvien.vntext import format_decimal

SPARK: Final = "▁▂▃▄▅▆▇█"


def _tenths(share: float) -> float:
    """``share`` in percent to one decimal, halves away from zero (as rounded by hand).

    Rounded to 9 places first, so 0.7125 * 100 = 71.25000000000001 is the 71,25 it means.
    """
    exact = Decimal(repr(round(share * 100, 9)))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(share: float | None) -> str:
    """0.7125 -> "71,3%" (one decimal, comma); None -> "—"."""
    return "—" if share is None else f"{format_decimal(_tenths(share))}%"


def points_change(change: float | None) -> str:
    """A change of share as signed percentage points: "+2,5", "−1,3", "0"."""
    if change is None:
        return "—"
    value = _tenths(change)
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + format_decimal(abs(value))


def spark(values: Sequence[float]) -> str:
    """A one-line chart of ``values`` (lowest to highest of them), for text and documents."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1.0
    return "".join(SPARK[min(7, int((v - low) / span * 7 + 0.5))] for v in values)
