"""The year's plan in the store and the CLI: schema 7 opens a schema-6 file, the plan
travels by export and import, two laptops' plans for one lecturer are one record,
and `giangvien plan` makes, sets and reports it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from giangvien.interchange import FORMAT_VERSION
from giangvien.models import Observation, PlanEntry, PlanTarget, Settings, plan_id
from giangvien.problems import Invalid
from store.datafile import SCHEMA_VERSION
from tests.store_helpers import repo_at
from tests.store_helpers import run_cli as run

YEAR = dt.date.today().year


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample Center before it made any plan (the sample makes each year's)."""
    db = tmp_path / "gv.json"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    raw = json.loads(db.read_text("utf-8"))
    assert raw["plans"]
    raw["plans"] = {}
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    return db


def as_schema_6(raw: dict[str, Any]) -> dict[str, Any]:
    """A data file as schema 6 wrote it: no plans, no follow-ups, no plan settings."""
    raw.pop("plans", None)
    # Sheets that answer earlier suggestions could not exist then (and their signature
    # covers the answers): the file holds the others, as schema 6 wrote them.
    raw["observations"] = {k: doc for k, doc in raw["observations"].items()
                           if not doc.get("follow_ups")}  # fmt: skip
    for doc in raw["observations"].values():
        doc.pop("follow_ups", None)
    for doc in raw["settings"].values():
        for key in ("plan_targets", "plan_by_quarter", "follow_up_days", "suggestion_days"):
            doc.pop(key, None)
    raw["_meta"]["1"]["schema_version"] = 6
    return raw


def test_a_file_of_schema_6_opens_and_upgrades(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = as_schema_6(json.loads(demo.read_text("utf-8")))
    sheets_before = dict(raw["observations"])
    assert any(doc.get("signed_fingerprint") for doc in sheets_before.values())
    settings_before = dict(next(iter(raw["settings"].values())))
    demo.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    repo = repo_at(demo)
    try:
        assert not repo.read_only, repo.datafile.read_only_reason
        assert repo.datafile.meta["schema_version"] == SCHEMA_VERSION
        stored = repo.datafile.raw()
        assert stored["plans"] == {}
        # No stored record was rewritten: same versions, same stamps, same signatures.
        assert stored["observations"] == sheets_before
        assert next(iter(stored["settings"].values())) == settings_before
        assert repo.settings().plan_targets == Settings().plan_targets
        assert all(o.follow_ups == [] for o in repo.all(Observation))
    finally:
        repo.close()
    capsys.readouterr()
    code, out, _ = run(capsys, "check", "--db", str(demo))
    assert code == 0, out  # signed sheets still verify without the new field


def test_an_export_of_format_6_is_brought_in(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "export", "--force", "--out", str(tmp_path / "x.json"),
               "--db", str(demo))[0] == 0  # fmt: skip
    document = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert document["format_version"] == FORMAT_VERSION
    old = {**document, "format_version": 6,
           "tables": {k: v for k, v in document["tables"].items() if k != "plans"}}  # fmt: skip
    old["tables"]["observations"] = [doc for doc in old["tables"]["observations"]
                                     if not doc.get("follow_ups")]  # fmt: skip
    for doc in old["tables"]["observations"]:
        doc.pop("follow_ups", None)
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), "utf-8")
    other = tmp_path / "other.json"
    code, _, err = run(capsys, "import", str(tmp_path / "old.json"), "--db", str(other))
    assert code == 0, err
    assert run(capsys, "check", "--db", str(other))[0] == 0


def test_two_laptops_planning_one_lecturer_merge_as_one_record(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = tmp_path / "b.json"
    a_out, b_out = tmp_path / "a-out.json", tmp_path / "b-out.json"
    assert run(capsys, "export", "--force", "--out", str(a_out), "--db", str(demo))[0] == 0
    assert run(capsys, "import", str(a_out), "--db", str(b))[0] == 0
    # Both laptops make the year's plan from the defaults, each on its own.
    assert run(capsys, "plan", "--make", "--db", str(demo))[0] == 0
    assert run(capsys, "plan", "--make", "--db", str(b))[0] == 0
    assert run(capsys, "export", "--force", "--out", str(b_out), "--db", str(b))[0] == 0
    code, _, err = run(capsys, "import", str(b_out), "--db", str(demo))
    assert code == 0, err
    repo = repo_at(demo, read_only=True)
    try:
        plans = [p for p in repo.all(PlanEntry) if p.year == YEAR]
        lecturers = {p.lecturer_id for p in plans}
        assert len(plans) == len(lecturers) > 0
        assert all(p.id == plan_id(YEAR, p.lecturer_id) for p in plans)
    finally:
        repo.close()


def test_a_plan_naming_no_lecturer_of_the_file_is_refused(demo: Path) -> None:
    repo = repo_at(demo)
    try:
        with pytest.raises(Invalid):
            repo.save(PlanEntry.of(YEAR, "no-such-lecturer", PlanTarget(observed=1)))
        assert repo.all(PlanEntry) == []
    finally:
        repo.close()


def test_plan_make_set_and_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--db", str(demo))
    assert code == 0 and "plan --make" in out  # not made yet, and the way to make it
    code, out, _ = run(capsys, "plan", "--make", "--json", "--db", str(demo))
    assert code == 0
    found = json.loads(out[out.index("{") :])
    assert found["year"] == YEAR and found["made"]
    assert all(r["planned"] for r in found["lecturers"])
    first = found["lecturers"][0]
    code, out, err = run(capsys, "plan", "--set", first["id"], "--observed", "7",
                         "--json", "--db", str(demo))  # fmt: skip
    assert code == 0, err
    after = json.loads(out[out.index("{") :])
    row = next(r for r in after["lecturers"] if r["id"] == first["id"])
    assert row["observed"]["planned"] == 7
    # The other numbers are kept; a number out of range is refused and nothing changes.
    assert row["observing"]["planned"] == first["observing"]["planned"]
    code, _, err = run(capsys, "plan", "--set", first["id"], "--observed", "1000",
                       "--db", str(demo))  # fmt: skip
    assert code != 0 and "Traceback" not in err and err.strip()
    code, out, _ = run(capsys, "plan", "--json", "--db", str(demo))
    again = json.loads(out)
    assert next(r for r in again["lecturers"] if r["id"] == first["id"]) == row
    code, _, err = run(capsys, "plan", "--observed", "2", "--db", str(demo))
    assert code != 0 and "--set" in err


def test_a_plan_made_and_set_here_is_this_laptops_change_with_its_history(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Made and set as every save is: stamped by this laptop's clock (so a later
    edit elsewhere wins or conflicts by the clock, not by a guess from dates),
    and a change of numbers is in the record's history."""
    assert run(capsys, "plan", "--make", "--db", str(demo))[0] == 0
    repo = repo_at(demo, read_only=True)
    try:
        plans = [p for p in repo.all(PlanEntry) if p.year == YEAR]
        assert plans and all(p.laptop == repo.laptop_id for p in plans)
        first = plans[0]
    finally:
        repo.close()
    code, _, err = run(capsys, "plan", "--set", first.lecturer_id, "--observed", "9",
                       "--db", str(demo))  # fmt: skip
    assert code == 0, err
    repo = repo_at(demo, read_only=True)
    try:
        changed = repo.get(PlanEntry, first.id)
        assert changed is not None and changed.observed == 9
        assert changed.stamp > first.stamp and changed.laptop == repo.laptop_id
        steps = repo.history(first.id)
        assert [(c.field, c.new) for e in steps for c in e.changes] == [("observed", 9)]
    finally:
        repo.close()
