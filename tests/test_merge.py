"""Merging another laptop's records: newer wins, tombstones travel, conflicts reported."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from store.merge import merge


def doc(rid: str, stamp: str, **kw: Any) -> dict[str, Any]:
    return {"id": rid, "updated_at": stamp, **kw}


def test_added_and_unchanged() -> None:
    ours = {"lecturers": {"a": doc("a", "2026-01-01T00:00:00Z", n=1)}}
    theirs = {
        "lecturers": {
            "a": doc("a", "2026-01-01T00:00:00Z", n=1),
            "b": doc("b", "2026-01-02T00:00:00Z"),
        }
    }
    result = merge(ours, theirs, {})
    assert [c.record_id for c in result.added] == ["b"]
    assert result.unchanged == 1 and not result.conflicts
    assert set(result.tables["lecturers"]) == {"a", "b"}


def test_without_history_a_difference_is_a_conflict_and_newer_wins() -> None:
    ours = {"trials": {"t": doc("t", "2026-01-05T00:00:00Z", v="ours")}}
    theirs = {"trials": {"t": doc("t", "2026-01-04T00:00:00Z", v="theirs")}}
    result = merge(ours, theirs, {})
    [conflict] = result.conflicts
    assert conflict.kept["v"] == "ours" and conflict.dropped is not None
    assert not conflict.theirs_won
    assert "trials" not in result.tables  # nothing of ours changed


def test_with_history_one_sided_change_is_an_update() -> None:
    base = "2026-01-01T00:00:00Z"
    ours = {"meetings": {"m": doc("m", base, v=1)}}
    theirs = {"meetings": {"m": doc("m", "2026-01-09T00:00:00Z", v=2)}}
    result = merge(ours, theirs, {"meetings/m": base})
    assert [c.record_id for c in result.updated] == ["m"]
    assert result.tables["meetings"]["m"]["v"] == 2
    assert result.sync["meetings/m"] == "2026-01-09T00:00:00Z"


def test_with_history_their_stale_copy_is_ignored() -> None:
    base = "2026-01-01T00:00:00Z"
    ours = {"meetings": {"m": doc("m", "2026-01-09T00:00:00Z", v=2)}}
    theirs = {"meetings": {"m": doc("m", base, v=1)}}
    result = merge(ours, theirs, {"meetings/m": base})
    assert not result.changed and result.unchanged == 1


def test_tombstone_survives_when_newer() -> None:
    ours = {"observations": {"o": doc("o", "2026-01-01T00:00:00Z")}}
    theirs = {
        "observations": {"o": doc("o", "2026-02-01T00:00:00Z", deleted_at="2026-02-01T00:00:00Z")}
    }
    result = merge(ours, theirs, {"observations/o": "2026-01-01T00:00:00Z"})
    assert result.tables["observations"]["o"]["deleted_at"]


def test_exact_tie_resolved_the_same_on_both_laptops() -> None:
    a = doc("x", "2026-01-01T00:00:00Z", v="a")
    b = doc("x", "2026-01-01T00:00:00Z", v="b")
    one = merge({"t": {"x": a}}, {"t": {"x": b}}, {}).conflicts[0].kept
    two = merge({"t": {"x": b}}, {"t": {"x": a}}, {}).conflicts[0].kept
    assert one == two


stamps = st.integers(min_value=0, max_value=50).map(lambda i: f"2026-01-01T00:00:{i:02d}Z")
tables = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]),
    st.tuples(stamps, st.integers(0, 3)),
    max_size=4,
)


@given(tables, tables)
def test_merge_is_symmetric_in_content(left: dict, right: dict) -> None:
    def make(t: dict) -> dict:
        return {"x": {k: doc(k, s, v=v) for k, (s, v) in t.items()}}

    ours, theirs = make(left), make(right)
    ab = {**ours["x"], **merge(ours, theirs, {}).tables.get("x", {})}
    ba = {**theirs["x"], **merge(theirs, ours, {}).tables.get("x", {})}
    assert ab == ba
    assert set(ab) == set(left) | set(right)
