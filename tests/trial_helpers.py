"""What the tests of trial lectures share: a trial as stored once its verdict is recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from giangvien.models import Trial
from giangvien.trial_signing import verdict_recorded

RECORDED_AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def decided(**data: Any) -> Trial:
    """A trial of ``data``; one with a verdict has it recorded, as a leader's save records it."""
    if data.get("verdict") is None:
        return Trial.model_validate(data)
    return verdict_recorded(data, data.pop("verdict_by", None), data.pop("at", RECORDED_AT))
