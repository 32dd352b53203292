"""A trial's recorded verdict: a leader's act, a fingerprint, reopening, files from before it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.interchange import FORMAT_VERSION
from giangvien.models import Lecturer, PanelMember, PersonRef, Position, Trial, Verdict
from giangvien.models.signature import fingerprint
from giangvien.problems import Invalid, validate
from giangvien.trial_signing import record_verdict, reopen_trial
from store.datafile import SCHEMA_VERSION, open_datafile
from store.merge import CONFLICTS_TABLE, conflict_entry
from store.repository import Repository

AT = dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC)
DIRECTOR = Lecturer(family_name="Lê", given_name="Hùng", position=Position.DIRECTOR)
DEPUTY = Lecturer(family_name="Phạm", given_name="Lan", position=Position.DEPUTY)
AN = Lecturer(family_name="Nguyễn", given_name="An")
# What schema 5 added to a trial: a file of schema 4 has none of it.
SIGNATURE_FIELDS = ("verdict_by", "verdict_at", "signed_fingerprint", "reopenings")


def held(**extra: Any) -> Trial:
    data: dict[str, Any] = {
        "lecturer_id": AN.id, "lesson": "Bài 2", "date": dt.date(2026, 3, 10),
        "chair": PersonRef(lecturer_id=DIRECTOR.id),
        "panel": [PanelMember(lecturer_id=DEPUTY.id, comments="Rõ ràng")],
    }  # fmt: skip
    data.update(extra)
    return Trial.model_validate(data)


def passed() -> Trial:
    return record_verdict({**held().model_dump(), "verdict": "passed"}, DIRECTOR, AT)


def test_the_fingerprint_covers_the_panel_the_verdict_and_what_to_fix() -> None:
    base = passed()
    assert (base.verdict_by, base.verdict_at) == (DIRECTOR.id, AT)
    assert base.signed_fingerprint == fingerprint(base)
    comment = [PanelMember(lecturer_id=DEPUTY.id, comments="Rõ ràng.")]
    for change in (
        {"panel": comment},
        {"verdict": Verdict.NOT_PASSED, "to_fix": "Sửa"},
        {"to_fix": "Sửa phần 2"},
        {"verdict_by": DEPUTY.id},
    ):
        assert fingerprint(base.model_copy(update=change)) != base.signed_fingerprint, change
    # Saving again (new stamps, times of writing) is not a change of what was recorded.
    later = AT + dt.timedelta(days=1)
    assert fingerprint(base.model_copy(update={"updated_at": later, "stamp": 9})) == (
        base.signed_fingerprint
    )


def test_a_recorded_verdict_refuses_any_change_with_a_sentence() -> None:
    base = passed()
    with pytest.raises(Invalid) as refused:
        validate(Trial, {**base.model_dump(), "to_fix": "Sửa tay"})
    assert "sau khi lãnh đạo ghi kết quả" in refused.value.problems[0].message
    # A verdict needs its recording; a recording needs a verdict.
    with pytest.raises(Invalid) as unrecorded:
        validate(Trial, {**held().model_dump(), "verdict": "passed"})
    assert "thời điểm ghi kết quả" in unrecorded.value.problems[0].message
    with pytest.raises(Invalid):
        validate(Trial, {**held().model_dump(), "verdict_by": DIRECTOR.id, "verdict_at": AT})
    # A deleted trial keeps its fields as they were: not checked against the fingerprint.
    gone = {**base.model_dump(), "deleted_at": AT, "place": "x"}
    assert validate(Trial, gone).deleted


def test_only_a_leader_records_a_verdict_and_never_of_their_own_trial() -> None:
    data = {**held().model_dump(), "verdict": "passed"}
    for who, said in ((AN, "Chỉ Giám đốc"), (None, "Chỉ Giám đốc")):
        with pytest.raises(Invalid) as refused:
            record_verdict(data, who, AT)
        [problem] = refused.value.problems
        assert problem.field == "verdict" and problem.message.startswith(said)
    own = {**held(lecturer_id=DEPUTY.id, panel=[]).model_dump(), "verdict": "passed"}
    with pytest.raises(Invalid) as refused:
        record_verdict(own, DEPUTY, AT)
    assert "chính mình" in refused.value.problems[0].message
    # Every reason at once: the trial's own, and the recorder's.
    failed = {**data, "verdict": "not_passed", "to_fix": ""}
    with pytest.raises(Invalid) as refused:
        record_verdict(failed, AN, AT)
    said = [p.message for p in refused.value.problems]
    assert any("cần ghi những điểm phải sửa" in m for m in said)
    assert any(m.startswith("Chỉ Giám đốc") for m in said)
    with pytest.raises(Invalid) as refused:
        record_verdict(held(), DIRECTOR, AT)
    assert refused.value.problems[0].message == "Hãy chọn kết quả để ghi."


def test_reopening_keeps_the_verdict_and_asks_for_it_again() -> None:
    base = passed()
    with pytest.raises(Invalid):
        reopen_trial(base, AN, "Sai", AT)  # not a leader
    with pytest.raises(Invalid):
        reopen_trial(base, DEPUTY, "  ", AT)  # no reason
    opened = reopen_trial(base, DEPUTY, "Ghi nhầm kết quả", AT + dt.timedelta(days=1))
    assert (opened.verdict, opened.verdict_by, opened.verdict_at) == (None, None, None)
    assert opened.signed_fingerprint is None
    [entry] = opened.reopenings
    assert (entry.by, entry.reason, entry.signed_by, entry.signed_at) == (
        DEPUTY.id, "Ghi nhầm kết quả", DIRECTOR.id, AT
    )  # fmt: skip
    assert (entry.signed_text, entry.fingerprint) == ("passed", base.signed_fingerprint)
    with pytest.raises(Invalid):
        reopen_trial(opened, DIRECTOR, "lần nữa", AT)  # nothing recorded to reopen
    changed = {**opened.model_dump(), "verdict": "not_passed", "to_fix": "Bổ sung số liệu"}
    again = record_verdict(changed, DEPUTY, AT + dt.timedelta(days=2))
    assert again.verdict is Verdict.NOT_PASSED and again.verdict_by == DEPUTY.id
    assert len(again.reopenings) == 1
    second = reopen_trial(again, DIRECTOR, "Lần hai", AT + dt.timedelta(days=3))
    assert second.reopenings[1].signed_text == "not_passed\nBổ sung số liệu"


# -- files from before schema 5 ------------------------------------------------


def demo(tmp_path: Path) -> Path:
    db = tmp_path / "a.json"
    assert main(["demo", "--db", str(db)]) == 0
    return db


def as_schema_4(raw: dict[str, Any]) -> dict[str, Any]:
    """What a data file of schema 4 held: trials with a verdict and nothing of its signature."""
    for doc in raw["trials"].values():
        for name in SIGNATURE_FIELDS:
            doc.pop(name)
    raw["_meta"]["1"]["schema_version"] = 4
    return raw


def test_a_file_of_schema_4_opens_with_its_verdicts_taken_as_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo(tmp_path)
    raw = as_schema_4(json.loads(db.read_text("utf-8")))
    decided = {k for k, d in raw["trials"].items() if d["verdict"]}
    assert decided
    # A trial version kept by a conflict, from the same schema: it is upgraded too.
    key, kept = next(iter(raw["trials"].items()))
    version = {**kept, "place": "Hội trường cũ", "stamp": kept["stamp"] + 1}
    entry = conflict_entry("trials", key, version)
    raw[CONFLICTS_TABLE] = {entry["id"]: entry}
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")

    repo = Repository(open_datafile(db, app_version=__version__))
    try:
        assert not repo.read_only, repo.datafile.read_only_reason
        assert repo.datafile.meta["schema_version"] == SCHEMA_VERSION
        trials = {t.id: t for t in repo.all(Trial, include_deleted=True)}
        for trial_id in decided:
            trial, doc = trials[trial_id], raw["trials"][trial_id]
            chair = doc["chair"]["lecturer_id"] if doc["chair"] else None
            assert trial.verdict_by == chair
            assert trial.verdict_at == dt.datetime.fromisoformat(doc["updated_at"])
            assert trial.signed_fingerprint == fingerprint(trial)
        [(kept_id, kept_entry)] = repo.datafile.raw()[CONFLICTS_TABLE].items()
        assert kept_id != entry["id"] and kept_entry["version"]["signed_fingerprint"]
    finally:
        repo.close()
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0, capsys.readouterr().out

    # Changed by hand afterwards: check names it, in a sentence.
    upgraded = json.loads(db.read_text("utf-8"))
    changed = sorted(k for k in decided if not raw["trials"][k]["deleted_at"])[0]
    upgraded["trials"][changed]["to_fix"] = "Sửa tay sau khi ghi kết quả"
    db.write_text(json.dumps(upgraded, ensure_ascii=False), "utf-8")
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert changed in out and "sau khi lãnh đạo ghi kết quả" in out and "Traceback" not in out


def test_import_refuses_a_trial_changed_after_its_verdict_and_takes_format_4_as_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo(tmp_path)
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    assert document["format_version"] == FORMAT_VERSION
    doc = next(t for t in document["tables"]["trials"] if t["verdict"] and not t["deleted_at"])
    doc["lessons_drawn"] = "Sửa tay sau khi ghi kết quả"
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    other = tmp_path / "b.json"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert doc["id"] in err and "sau khi lãnh đạo ghi kết quả" in err and "Traceback" not in err

    # The same file from before verdicts were signed (format 4), with a kept
    # conflict of a trial: taken as recorded.
    document["format_version"] = 4
    for trial_doc in document["tables"]["trials"]:
        for name in SIGNATURE_FIELDS:
            trial_doc.pop(name)
    version = {**doc, "place": "Hội trường cũ", "stamp": doc["stamp"] + 1}
    document["tables"][CONFLICTS_TABLE] = [conflict_entry("trials", doc["id"], version)]
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(other)]) == 0, capsys.readouterr().err
    stored = json.loads(other.read_text("utf-8"))["trials"][doc["id"]]
    assert stored["lessons_drawn"] == "Sửa tay sau khi ghi kết quả"
    assert stored["signed_fingerprint"] and stored["verdict_at"] == doc["updated_at"]
    assert main(["check", "--db", str(other)]) == 0


def test_the_gate_names_what_else_is_wrong_with_a_trial_changed_after_its_verdict(
    tmp_path: Path,
) -> None:
    from store.gate import document_problems

    raw = json.loads(demo(tmp_path).read_text("utf-8"))
    doc = next(
        d for d in raw["trials"].values()
        if d["verdict"] and not d["deleted_at"] and d["panel"] and d["panel"][0]["scores"]
    )  # fmt: skip
    doc["panel"][0]["scores"]["ND1"] = 99
    said = [p.message for p in document_problems(raw) if p.record_id == doc["id"]]
    assert any("sau khi lãnh đạo ghi kết quả" in m for m in said)
    assert any("ND1" in m for m in said), said
