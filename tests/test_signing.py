"""What a signature covers: its fingerprint, reopening, and files from before fingerprints."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from giangvien import __version__
from giangvien.cli import main
from giangvien.models import Lecturer, Observation, Position
from giangvien.models.observation import UNSIGNED
from giangvien.models.signature import fingerprint
from giangvien.problems import Invalid, validate
from giangvien.signing import reopen, sign_conclusion
from store.datafile import SCHEMA_VERSION, open_datafile
from store.repository import Repository

AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
DIRECTOR = Lecturer(family_name="Lê", given_name="Hùng", position=Position.DIRECTOR)
AN = Lecturer(family_name="Nguyễn", given_name="An")
LAN = Lecturer(family_name="Phạm", given_name="Lan")
HOA = Lecturer(family_name="Vũ", given_name="Hoa")


def sheet(**extra: object) -> Observation:
    data: dict[str, object] = {
        "date": dt.date(2026, 3, 1), "lecturer_id": AN.id, "observer_ids": [LAN.id, HOA.id],
        "lesson": "Bài 2", "rubric_id": "mac-dinh", "rubric_version": 1,
        "scores": {"ND1": 3.0, "ND2": 2.5}, "strengths": "Rõ ràng",
    }  # fmt: skip
    data.update(extra)
    return Observation.model_validate(data)


def signed(**extra: object) -> Observation:
    return sign_conclusion(sheet(**extra), "Đạt yêu cầu", DIRECTOR, AT)


def test_a_changed_score_or_comment_changes_the_fingerprint_a_reorder_does_not() -> None:
    base = signed()
    assert base.signed_fingerprint == fingerprint(base, UNSIGNED)
    assert fingerprint(base.model_copy(update={"scores": {"ND1": 3.0, "ND2": 2.0}}), UNSIGNED) != (
        base.signed_fingerprint
    )
    assert fingerprint(base.model_copy(update={"strengths": "Rõ ràng."}), UNSIGNED) != (
        base.signed_fingerprint
    )
    reordered = base.model_copy(
        update={"observer_ids": [HOA.id, LAN.id], "scores": {"ND2": 2.5, "ND1": 3.0}}
    )
    assert fingerprint(reordered, UNSIGNED) == base.signed_fingerprint
    # What the observed lecturer adds afterwards is not under the signature.
    later = base.model_copy(update={"self_assessment": "Tôi sẽ sửa", "acknowledged_on": AT.date()})
    assert fingerprint(later, UNSIGNED) == base.signed_fingerprint


def test_a_signed_sheet_refuses_any_change_to_what_was_signed() -> None:
    base = signed()
    with pytest.raises(Invalid) as refused:
        validate(Observation, {**base.model_dump(), "scores": {"ND1": 3.0, "ND2": 1.0}})
    assert "mở lại" in refused.value.problems[0].message
    own = {"how": "in_person", "by": AN.id, "at": AT}
    ok = Observation.model_validate(
        {**base.model_dump(), "self_assessment": "Đã xem", "own_part": own}
    )
    assert ok.reviewed


def test_reopening_keeps_the_signature_and_asks_for_a_new_one() -> None:
    base = signed()
    with pytest.raises(Invalid):
        reopen(base, AN, "sai điểm", AT)  # not a leader
    with pytest.raises(Invalid):
        reopen(base, DIRECTOR, "   ", AT)  # no reason
    opened = reopen(base, DIRECTOR, "Sai điểm ND2", AT + dt.timedelta(days=1))
    assert not opened.reviewed and opened.signed_fingerprint is None
    [entry] = opened.reopenings
    assert (entry.signed_by, entry.signed_at, entry.fingerprint) == (
        DIRECTOR.id, AT, base.signed_fingerprint
    )  # fmt: skip
    changed = opened.model_copy(update={"scores": {"ND1": 3.0, "ND2": 2.0}})
    again = sign_conclusion(changed, "Đạt, đã sửa điểm", DIRECTOR, AT + dt.timedelta(days=2))
    assert again.reviewed and len(again.reopenings) == 1
    with pytest.raises(Invalid):
        reopen(opened, DIRECTOR, "lần nữa", AT)  # not signed: nothing to reopen


def demo(tmp_path: Path) -> Path:
    db = tmp_path / "a.json"
    assert main(["demo", "--db", str(db)]) == 0
    return db


def test_a_file_of_schema_2_opens_with_its_signatures_fingerprinted(tmp_path: Path) -> None:
    db = demo(tmp_path)
    raw = json.loads(db.read_text("utf-8"))
    originals = {k: d["signed_fingerprint"] for k, d in raw["observations"].items()}
    assert any(originals.values())
    for doc in raw["observations"].values():
        doc.pop("signed_fingerprint"), doc.pop("reopenings")
    raw["_meta"]["1"]["schema_version"] = 2
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    repo = Repository(open_datafile(db, app_version=__version__))
    try:
        assert repo.datafile.meta["schema_version"] == SCHEMA_VERSION
        found = {o.id: o.signed_fingerprint for o in repo.all(Observation, include_deleted=True)}
        assert found == originals
    finally:
        repo.close()
    assert main(["check", "--db", str(db)]) == 0


def test_check_names_and_import_refuses_a_signed_sheet_edited_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo(tmp_path)
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    doc = next(o for o in document["tables"]["observations"] if o["concluded_by"])
    doc["strengths"] = "Sửa tay sau khi ký"
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    other = tmp_path / "b.json"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert doc["id"] in err and "sau khi lãnh đạo ký" in err and "Traceback" not in err
    assert not other.exists() or "Sửa tay" not in other.read_text("utf-8")
    # The same file from before fingerprints (format 2) is taken as signed.
    document["format_version"] = 2
    for sheet_doc in document["tables"]["observations"]:
        sheet_doc.pop("signed_fingerprint"), sheet_doc.pop("reopenings")
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(other)]) == 0, capsys.readouterr().err
    # Edited in the data file itself: check names it.
    raw = json.loads(db.read_text("utf-8"))
    raw["observations"][doc["id"]]["strengths"] = "Sửa tay sau khi ký"
    db.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    assert "sau khi lãnh đạo ký" in capsys.readouterr().out
