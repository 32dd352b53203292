"""Merging laptops' records: a pure function of the record sets, whatever the clocks say.

The property tests play random histories on three laptops whose wall clocks
disagree (one a year behind, one minutes ahead): edits, deletions and merges
in any order, then check the laws of store.merge against what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from store.clock import COUNTER_BITS, HybridClock, physical, stamp_of
from store.merge import (
    CONFLICTS_TABLE,
    Tables,
    joined,
    knows,
    merge,
    merged_tables,
)

START_MS = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp() * 1000)
YEAR_MS = 365 * 24 * 3600 * 1000
# Laptop -> how far its wall clock is from the true time.
SKEW = {"A": 0, "B": -YEAR_MS, "C": 5 * 60 * 1000}
RECORDS = ("r1", "r2", "r3")


def version(rid: str, stamp: int, laptop: str, seen: dict[str, int], **kw: Any) -> dict[str, Any]:
    return {"id": rid, "stamp": stamp, "laptop": laptop, "seen": seen, **kw}


# -- the clock ---------------------------------------------------------------------


def test_clock_follows_the_wall_and_never_goes_back() -> None:
    wall = [1000]
    clock = HybridClock(wall=lambda: wall[0])
    first = clock.tick()
    assert first == 1000 << COUNTER_BITS
    wall[0] = 500  # the user set the clock back
    assert clock.tick() == first + 1
    clock.receive(9000 << COUNTER_BITS)  # a record from a laptop whose clock runs ahead
    assert clock.tick() > 9000 << COUNTER_BITS


def test_stamps_compare_instants_not_text() -> None:
    # 08:00 in Hà Nội is 01:00 UTC: earlier than 02:00 UTC, though it sorts later as text.
    hanoi = datetime.fromisoformat("2026-01-01T08:00:00+07:00")
    utc = datetime.fromisoformat("2026-01-01T02:00:00+00:00")
    assert stamp_of(hanoi) < stamp_of(utc)
    assert physical(stamp_of(utc)) == utc


# -- one record, two versions ---------------------------------------------------------


def test_a_later_edit_that_saw_the_other_wins_quietly() -> None:
    old = version("x", 10, "B", {"B": 10}, v="old")
    new = version("x", 20, "A", {"A": 20, "B": 10}, v="new")
    result = merge({"t": {"x": old}}, {"t": {"x": new}})
    assert result.tables["t"]["x"]["v"] == "new" and not result.conflicts
    assert [c.record_id for c in result.updated] == ["x"]
    assert not merge({"t": {"x": new}}, {"t": {"x": old}}).changed  # their copy is just older


def test_concurrent_edits_keep_the_loser() -> None:
    ours = version("x", 30, "A", {"A": 30}, v="ours")
    theirs = version("x", 20, "B", {"B": 20}, v="theirs")
    result = merge({"t": {"x": ours}}, {"t": {"x": theirs}})
    [conflict] = result.conflicts
    assert conflict.kept["v"] == "ours" and not conflict.theirs_won
    [entry] = result.tables[CONFLICTS_TABLE].values()
    assert entry["version"] == theirs
    # An edit made having seen both settles the conflict wherever it goes.
    settled = version("x", 40, "B", {"A": 30, "B": 40}, v="both")
    after = merged_tables({**{"t": {"x": ours}}, **result.tables}, {"t": {"x": settled}})
    assert after["t"]["x"]["v"] == "both" and not after[CONFLICTS_TABLE]


def test_a_deletion_is_not_undone_by_an_older_copy() -> None:
    live = version("x", 10, "A", {"A": 10}, deleted_at=None)
    # B deleted it having seen A's copy: B's wall clock is a year behind, but
    # its clock had received stamp 10, so the deletion's stamp is past it.
    clock = HybridClock(wall=lambda: 0)
    clock.receive(10)
    stamp = clock.tick()
    gone = version("x", stamp, "B", {"A": 10, "B": stamp}, deleted_at="2025-03-01T00:00:00Z")
    assert merged_tables({"t": {"x": gone}}, {"t": {"x": live}})["t"]["x"]["deleted_at"]
    assert merged_tables({"t": {"x": live}}, {"t": {"x": gone}})["t"]["x"]["deleted_at"]


# -- random histories on three laptops -------------------------------------------------


@dataclass
class Laptop:
    name: str
    state: Tables = field(default_factory=lambda: {"t": {}})
    clock: HybridClock = field(default_factory=HybridClock)


@dataclass
class World:
    now: int = START_MS
    laptops: dict[str, Laptop] = field(default_factory=dict)
    edits: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def wall(self, name: str) -> int:
        return self.now + SKEW[name]

    def write(self, name: str, rid: str, deleted: bool, value: int) -> None:
        laptop = self.laptops[name]
        current = laptop.state["t"].get(rid)
        if deleted and (current is None or current.get("deleted_at")):
            return
        laptop.clock._wall = lambda: self.wall(name)
        stamp = laptop.clock.tick()
        # As the repository saves: having seen the record and its kept conflicts,
        # which the new version therefore settles.
        entries = laptop.state.get(CONFLICTS_TABLE, {})
        mine = {k: e for k, e in entries.items() if e["record_id"] == rid}
        seen = joined(
            current["seen"] if current else {},
            *(e["version"]["seen"] for e in mine.values()),
            {name: stamp},
        )
        if mine:
            rest = {k: e for k, e in entries.items() if k not in mine}
            laptop.state = {**laptop.state, CONFLICTS_TABLE: rest}
        when = datetime.fromtimestamp(self.wall(name) / 1000, UTC)
        doc = version(
            rid,
            stamp,
            name,
            seen,
            v=value,
            updated_at=when.isoformat(),
            deleted_at=when.isoformat() if deleted else None,
        )
        laptop.state = {**laptop.state, "t": {**laptop.state["t"], rid: doc}}
        self.edits.setdefault(rid, []).append(doc)

    def sync(self, source: str, target: str) -> None:
        into = self.laptops[target]
        result = merge(into.state, self.laptops[source].state)
        into.state = {**into.state, **result.tables}
        into.clock.receive(result.max_stamp)


ops = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit", "delete", "sync"]),
        st.sampled_from(sorted(SKEW)),
        st.sampled_from(sorted(SKEW)),
        st.sampled_from(RECORDS),
        st.integers(0, 3),
        st.integers(0, 90_000),
    ),
    max_size=40,
)


def play(history: list[tuple[str, str, str, str, int, int]]) -> World:
    world = World(laptops={name: Laptop(name) for name in SKEW})
    for op, one, two, rid, value, step in history:
        world.now += step
        if op == "sync":
            world.sync(one, two)
        else:
            world.write(one, rid, op == "delete", value)
    return world


def heads(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edits no other edit was made on top of."""
    return [e for e in edits if not any(f is not e and knows(f, e) for f in edits)]


def m(a: Tables, b: Tables) -> Tables:
    # An empty table and no table hold the same records.
    return {k: v for k, v in merged_tables(a, b).items() if v}


@settings(max_examples=300, deadline=None)
@given(ops)
def test_merge_laws_over_random_histories(history: list[Any]) -> None:
    world = play(history)
    a, b, c = ({k: v for k, v in world.laptops[n].state.items() if v} for n in sorted(SKEW))
    assert m(a, a) == a and m(m(a, b), b) == m(a, b)  # idempotent
    assert m(a, b) == m(b, a) and m(b, c) == m(c, b)  # commutative
    everything = m(m(a, b), c)
    assert everything == m(a, m(b, c)) == m(m(c, a), b)  # associative
    entries = everything.get(CONFLICTS_TABLE, {})
    kept = [e["version"] for e in entries.values()]
    for rid, edits in world.edits.items():
        winner = everything["t"][rid]
        tops = heads(edits)
        # An edit made after seeing another always has the greater stamp.
        for e in edits:
            for f in edits:
                if f is not e and knows(e, f):
                    assert e["stamp"] > f["stamp"]
        # No lost newer edit and no resurrection: the winner is an edit nothing
        # was made on top of (a deletion it follows stays won), the latest of them.
        best = max(tops, key=lambda e: (e["stamp"], e["laptop"]))
        assert winner == best
        # No resurrection: a live record was not deleted by anyone who had seen it.
        if not winner.get("deleted_at"):
            assert not any(d.get("deleted_at") and knows(d, winner) for d in edits)
        # Every concurrent version that lost is kept, and nothing else is.
        assert sorted(map(str, (t for t in tops if t is not best))) == sorted(
            str(v) for v in kept if v["id"] == rid
        )


@settings(max_examples=100, deadline=None)
@given(ops)
def test_a_year_behind_laptop_that_saw_an_edit_still_wins(history: list[Any]) -> None:
    world = play(history)
    world.sync("A", "B")
    world.sync("C", "B")
    world.write("B", "r1", False, 99)  # B's clock says last year
    world.sync("B", "A")
    world.sync("B", "C")
    for name in ("A", "C"):
        assert world.laptops[name].state["t"]["r1"]["v"] == 99


def test_laptops_a_year_apart_converge() -> None:
    world = play(
        [
            ("edit", "A", "A", "r1", 1, 0),
            ("sync", "A", "B", "r1", 0, 10),
            ("edit", "B", "B", "r1", 2, 10),  # B saw A's edit; B's wall clock is a year behind
            ("edit", "C", "C", "r1", 3, 10),  # C did not
            ("sync", "B", "A", "r1", 0, 10),
            ("sync", "C", "A", "r1", 0, 10),
        ]
    )
    state = world.laptops["A"].state
    assert state["t"]["r1"]["v"] == 3  # C's edit is the later, by the hybrid clock
    [entry] = state[CONFLICTS_TABLE].values()
    assert entry["version"]["v"] == 2 and entry["version"]["laptop"] == "B"
    assert physical(entry["version"]["stamp"]) - datetime.fromtimestamp(
        START_MS / 1000, UTC
    ) < timedelta(minutes=1)
