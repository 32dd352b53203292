"""The observed lecturer's own part: recorded as theirs or from paper, never unattributed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.models import Lecturer, Observation, OwnPart, Recorded
from giangvien.own_part import own_part_of
from giangvien.problems import Invalid, validate
from store.datafile import open_datafile
from store.merge import CONFLICTS_TABLE, conflict_entry
from store.repository import Repository

AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
AN = Lecturer(family_name="Nguyễn", given_name="An")
LAN = Lecturer(family_name="Phạm", given_name="Lan")


def data(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "date": dt.date(2026, 3, 1), "lecturer_id": AN.id, "observer_ids": [LAN.id],
        "lesson": "Bài 2", "rubric_id": "mac-dinh", "rubric_version": 1,
    }  # fmt: skip
    return base | extra


def test_a_self_assessment_or_seen_without_who_recorded_it_is_refused() -> None:
    for extra in ({"self_assessment": "Tôi nhất trí"}, {"acknowledged_on": dt.date(2026, 3, 3)}):
        with pytest.raises(Invalid) as refused:
            validate(Observation, data(**extra))
        assert "bản giấy" in refused.value.problems[0].message


def test_in_person_is_only_the_observed_lecturer() -> None:
    own = {"how": "in_person", "by": LAN.id, "at": AT}
    with pytest.raises(Invalid) as refused:
        validate(Observation, data(self_assessment="Ổn", own_part=own))
    assert "chính giảng viên" in refused.value.problems[0].message
    ok = validate(Observation, data(self_assessment="Ổn", own_part={**own, "by": AN.id}))
    assert ok.own_part is not None and ok.own_part.how is Recorded.IN_PERSON


def test_the_part_is_recorded_anew_only_when_it_changed() -> None:
    first = own_part_of(data(self_assessment="Ổn"), None, Recorded.FROM_PAPER, LAN.id, AT)
    assert first == OwnPart(how=Recorded.FROM_PAPER, by=LAN.id, at=AT)
    stored = validate(Observation, data(self_assessment="Ổn", own_part=first))
    later = AT + dt.timedelta(days=1)
    same = own_part_of(stored.model_dump(), stored, Recorded.IN_PERSON, AN.id, later)
    assert same == first
    changed = {**stored.model_dump(), "self_assessment": "Ổn, sẽ sửa"}
    anew = own_part_of(changed, stored, Recorded.IN_PERSON, LAN.id, later)
    assert anew == OwnPart(how=Recorded.IN_PERSON, by=AN.id, at=later)
    cleared = {**stored.model_dump(), "self_assessment": ""}
    assert own_part_of(cleared, stored, Recorded.FROM_PAPER, LAN.id, later) is None


def test_a_schema_4_file_opens_with_its_acknowledgements_taken_as_from_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.json"
    assert main(["demo", "--db", str(db)]) == 0
    raw = json.loads(db.read_text("utf-8"))
    for doc in raw["observations"].values():
        doc.pop("own_part")
    raw["_meta"]["1"]["schema_version"] = 4
    sheets = raw["observations"]
    own = {k for k, d in sheets.items() if d["self_assessment"] or d["acknowledged_on"]}
    # A version kept by a conflict, of the same schema (an unsigned sheet: a signed
    # one could not differ): upgraded and keyed anew too.
    key = next(k for k in sorted(own) if not sheets[k]["concluded_by"])
    version = {**raw["observations"][key], "place": "Hội trường cũ"}
    version["stamp"] += 1
    entry = conflict_entry("observations", key, version)
    raw[CONFLICTS_TABLE] = {entry["id"]: entry}
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")

    repo = Repository(open_datafile(db, app_version=__version__))
    try:
        assert not repo.read_only, repo.datafile.read_only_reason
        sheets = {o.id: o for o in repo.all(Observation, include_deleted=True)}
        for sheet_id in own:
            part = sheets[sheet_id].own_part
            assert part is not None and (part.how, part.by) == (Recorded.FROM_PAPER, None)
        [kept] = repo.datafile.raw()[CONFLICTS_TABLE].values()
        assert kept["version"]["own_part"]["how"] == "from_paper"
    finally:
        repo.close()
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0, capsys.readouterr().out


def test_a_format_4_file_imports_with_its_acknowledgements_from_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out, other = tmp_path / "a.json", tmp_path / "x.json", tmp_path / "b.json"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    document["format_version"] = 4
    for doc in document["tables"]["observations"]:
        doc.pop("own_part")
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(other)]) == 0, capsys.readouterr().err
    stored = json.loads(other.read_text("utf-8"))["observations"].values()
    marked = [d["own_part"] for d in stored if d["self_assessment"] or d["acknowledged_on"]]
    assert marked and all(p["how"] == "from_paper" and p["by"] is None for p in marked)
