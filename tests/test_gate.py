"""The gate's questions, asked of whole documents and single records."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from giangvien.i18n import set_language, tr
from giangvien.models import Lecturer, Meeting, Observation
from giangvien.problems import Invalid, validate
from giangvien.rubric import default_rubric
from store.gate import MAX_INT, document_problems, incoming_problems, scan_raw
from store.repository import dump

AN = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
BINH = Lecturer(family_name="Trần", given_name="Bình")
FULL = {item.code: item.max for item in default_rubric().items}


def _sheet(**changes: Any) -> dict[str, Any]:
    sheet = Observation(
        date=date(2026, 3, 5),
        lecturer_id=AN.id,
        observer_ids=[BINH.id],
        lesson="Bài 1",
        rubric_id="mac-dinh",
        rubric_version=1,
        scores=dict(FULL),
    )
    return {**dump(sheet), **changes}


def _document(*sheets: dict[str, Any], **tables: dict[str, Any]) -> dict[str, Any]:
    return {
        "_meta": {"1": {"schema_version": 1, "app_version": "0"}},
        "lecturers": {r.id: dump(r) for r in (AN, BINH)},
        "observations": {s["id"]: s for s in sheets},
        **tables,
    }


def _fields(document: dict[str, Any]) -> list[str]:
    return [p.field for p in document_problems(document)]


def test_a_valid_document_has_no_problems() -> None:
    assert document_problems(_document(_sheet())) == []


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (9999, "0 đến 3"),
        (-1, "0 đến 3"),
        (1e308, "0 đến 3"),
        (math.nan, tr("problem.not_finite")),
        (math.inf, tr("problem.not_finite")),
        (2**60, "2^53"),
    ],
)
def test_scores_out_of_range_or_not_finite(value: float, why: str) -> None:
    scores = {**FULL, "ND1": value}
    found = document_problems(_document(_sheet(scores=scores)))
    assert [p.field for p in found] == ["scores.ND1"]
    assert why in found[0].message


def test_missing_extra_item_and_unknown_rubric_version() -> None:
    missing = {k: v for k, v in FULL.items() if k != "ND2"}
    assert _fields(_document(_sheet(scores=missing))) == ["scores.ND2"]
    assert _fields(_document(_sheet(scores={**FULL, "XX": 1}))) == ["scores.XX"]
    assert _fields(_document(_sheet(rubric_version=3))) == ["rubric_id"]


def test_references_and_duplicate_ids() -> None:
    sheet = _sheet(lecturer_id=Lecturer(family_name="X", given_name="Y").id)
    found = document_problems(_document(sheet))
    assert [p.record_id for p in found] == [sheet["id"]]
    # The same id in two tables.
    clash = {AN.id: {**dump(Meeting(date=date(2026, 1, 5))), "id": AN.id}}
    assert "id" in _fields(_document(meetings=clash))


def test_huge_integer_anywhere() -> None:
    sheet = _sheet(rubric_version=MAX_INT + 1)
    assert "rubric_version" in _fields(_document(sheet))
    assert _fields(_document(_sheet(rubric_version=7))) == ["rubric_id"]


def test_redefining_the_builtin_rubric_is_refused() -> None:
    other = default_rubric().model_copy(update={"id": AN.id.replace("-", "-", 1)})
    rubric = {**dump(default_rubric()), "id": "4a0c4c35-8f60-4e57-8d0f-1f5e6e0c0a11"}
    rubric["groups"][0]["items"][0]["max"] = 2.5
    rubric["total"] = 19.5
    rubric["bands"][0]["min"] = 16
    found = document_problems(_document(rubrics={rubric["id"]: rubric}))
    assert [p.field for p in found] == ["version"], found
    # The very same definition under another record id is no redefinition.
    same = {**dump(other), "id": "4a0c4c35-8f60-4e57-8d0f-1f5e6e0c0a12"}
    assert document_problems(_document(rubrics={same["id"]: same})) == []


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x85", "\u202e", "\u2066", "\x7f"])
def test_control_and_bidi_characters_are_refused_at_the_field(char: str) -> None:
    with pytest.raises(Invalid) as name:
        validate(Lecturer, {"family_name": f"Lò{char}Văn", "given_name": "Páo"})
    assert [p.field for p in name.value.problems] == ["family_name"]
    with pytest.raises(Invalid) as note:
        validate(Observation, _sheet(strengths=f"Tốt{char}lắm"))
    assert [p.field for p in note.value.problems] == ["strengths"]


def test_newlines_and_tabs_only_in_multi_line_fields() -> None:
    sheet = validate(Observation, _sheet(strengths="Một\n\tHai"))
    assert sheet.strengths == "Một\n\tHai"
    with pytest.raises(Invalid) as lesson:
        validate(Observation, _sheet(lesson="Bài\n1"))
    assert [p.field for p in lesson.value.problems] == ["lesson"]


def test_incoming_duplicates_and_shapes_are_named() -> None:
    sheet = _sheet()
    data = {
        "format": "giangvien-interchange",
        "format_version": 1,
        "tables": {"observations": [sheet, sheet, 5], "lecturers": [dump(AN), dump(BINH)]},
    }
    found = incoming_problems(data)
    assert [p.record_id for p in found] == [sheet["id"], "Phiếu dự giờ #3"]
    assert incoming_problems([]) and incoming_problems({"format_version": 1})


def test_sentences_in_english_too() -> None:
    set_language("en")
    try:
        found = document_problems(_document(_sheet(scores={**FULL, "ND1": 9999})))
        assert "outside" in found[0].sentence() or "range" in found[0].sentence()
    finally:
        set_language("vi")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\u202e", "\u2066"])
def test_the_opening_scan_finds_every_refused_character(tmp_path: Path, char: str) -> None:
    import orjson

    path = tmp_path / "g.json"
    plain = {"lecturers": {"a": {"given_name": "Pao", "note": "“Bài” … 1 ° 2\u00a0"}}}
    path.write_bytes(orjson.dumps(plain))
    assert not scan_raw(path)
    plain["lecturers"]["a"]["given_name"] = f"Pao{char}"
    path.write_bytes(orjson.dumps(plain))
    assert scan_raw(path)
    path.write_text(json.dumps(plain), encoding="utf-8")  # \\u escapes, as other writers do
    assert scan_raw(path)
