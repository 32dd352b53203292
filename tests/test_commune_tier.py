"""The Center since 2025: the district tier ended on 1/7/2025, communes took its place."""

from __future__ import annotations

import datetime as dt

from giangvien.demo import generate
from giangvien.documents.meeting import missing_for_minutes
from giangvien.i18n import tr
from giangvien.models import Briefing, Level, Meeting, Settings
from giangvien.models.briefing import COMMUNE_TIER


def test_the_sample_years_hold_district_sessions_before_the_reform_and_commune_ones_after() -> None:
    records = generate(6, 3, seed=3, today=dt.date(2026, 11, 30))
    tiers = (Level.DISTRICT, Level.COMMUNE)
    local = [b for b in records if isinstance(b, Briefing) and b.level in tiers]
    assert local
    assert all((b.level is Level.COMMUNE) == (b.date >= COMMUNE_TIER) for b in local)
    assert {b.level for b in local} == {Level.DISTRICT, Level.COMMUNE}


def test_no_parent_body_is_assumed_and_the_minutes_ask_for_one() -> None:
    assert Settings().parent_body == ""  # neither "Huyện ủy" nor "Đảng ủy xã" by default
    meeting = next(r for r in generate(today=dt.date(2026, 11, 30)) if isinstance(r, Meeting))
    missing = missing_for_minutes(meeting, Settings(place_name="Hòa Phong"))
    assert tr("documents.missing_parent_body") in missing
    named = missing_for_minutes(meeting, Settings(place_name="X", parent_body="Đảng ủy xã X"))
    assert tr("documents.missing_parent_body") not in named
