"""The rubric as data: totals, bands (Giỏi needs full marks on ND1), versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from giangvien.problems import Invalid, validate
from giangvien.rubric import Rubric, default_rubric, read_rubric_file

FULL = {
    "ND1": 3,
    "ND2": 2,
    "ND3": 2,
    "ND4": 1,
    "PP1": 3,
    "PP2": 2,
    "PP3": 2,
    "PT1": 1.5,
    "PT2": 1.5,
    "HQ1": 2,
}


def scores(**changes: float) -> dict[str, float]:
    return {**FULL, **changes}


def test_default_rubric_matches_domain() -> None:
    rubric = default_rubric()
    assert rubric.total == 20
    assert [i.code for i in rubric.items] == list(FULL)
    assert [b.name for b in rubric.bands] == ["Giỏi", "Khá", "Trung bình (Đạt)", "Chưa đạt"]


def test_totals_and_bands() -> None:
    rubric = default_rubric()
    assert rubric.total_of(FULL) == 20
    assert rubric.band_of(FULL).code == "gioi"
    # 17 points with ND1 full: Giỏi
    assert rubric.band_of(scores(PP1=0)).code == "gioi"
    # 17.5 points but ND1 not full: only Khá
    assert rubric.total_of(scores(ND1=2.5)) == 19.5
    assert rubric.band_of(scores(ND1=0.5)).code == "kha"
    # 14 exactly: Khá; 13.75: Trung bình
    fourteen = scores(PP1=0, ND1=3, PP2=0, PP3=1)
    assert rubric.total_of(fourteen) == 14
    assert rubric.band_of(fourteen).code == "kha"
    assert rubric.band_of(scores(PP1=0, PP2=0, PP3=0.75)).code == "trung-binh"
    assert rubric.band_of({k: 0 for k in FULL}).code == "chua-dat"
    assert rubric.band_of(scores(PP1=0, PP2=0, PP3=0, PT1=0, PT2=0, HQ1=1.5)).code == "chua-dat"


def test_sum_of_decimal_scores_is_exact_at_band_edges() -> None:
    rubric = default_rubric()
    near = {
        "ND1": 3,
        "ND2": 1.7,
        "ND3": 1.7,
        "ND4": 0.9,
        "PP1": 2.9,
        "PP2": 1.6,
        "PP3": 1.6,
        "PT1": 1.2,
        "PT2": 1.2,
        "HQ1": 1.2,
    }
    assert rubric.total_of(near) == 17
    assert rubric.band_of(near).code == "gioi"


def test_score_errors_name_the_item() -> None:
    rubric = default_rubric()
    errors = rubric.score_errors(scores(ND1=3.5, PT1=-1) | {"XX": 1})
    assert set(errors) == {"ND1", "PT1", "XX"}
    assert "0 đến 3" in errors["ND1"]
    missing = dict(FULL)
    del missing["HQ1"]
    assert set(rubric.score_errors(missing)) == {"HQ1"}
    assert rubric.score_errors(FULL) == {}


def _custom() -> dict[str, object]:
    return {
        "rubric_id": "ttct-2027",
        "name": "Phiếu của Trung tâm",
        "total": 10,
        "groups": [
            {
                "code": "A",
                "name": "Nội dung",
                "items": [
                    {"code": "A1", "text": "Đúng", "max": 6},
                    {"code": "A2", "text": "Đủ", "max": 4},
                ],
            }
        ],
        "bands": [
            {"code": "tot", "name": "Tốt", "min": 8, "full_marks": ["A1"]},
            {"code": "dat", "name": "Đạt", "min": 5},
            {"code": "chua", "name": "Chưa đạt", "min": 0},
        ],
    }


def test_custom_rubric_validated() -> None:
    rubric = validate(Rubric, _custom())
    assert rubric.band_of({"A1": 6, "A2": 2}).code == "tot"
    assert rubric.band_of({"A1": 5, "A2": 4}).code == "dat"


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"total": 11}, "không khớp"),
        (
            {
                "bands": [
                    {"code": "a", "name": "A", "min": 5},
                    {"code": "b", "name": "B", "min": 6},
                    {"code": "c", "name": "C", "min": 0},
                ]
            },
            "từ cao xuống thấp",
        ),
        ({"bands": [{"code": "a", "name": "A", "min": 5}]}, "bằng 0"),
        (
            {
                "bands": [
                    {"code": "a", "name": "A", "min": 5, "full_marks": ["Z9"]},
                    {"code": "c", "name": "C", "min": 0},
                ]
            },
            "Z9",
        ),
    ],
)
def test_bad_rubrics_refused(change: dict[str, object], needle: str) -> None:
    with pytest.raises(Invalid) as caught:
        validate(Rubric, {**_custom(), **change})
    assert needle in str(caught.value)


def test_rubric_files_toml_and_json(tmp_path: Path) -> None:
    js = tmp_path / "r.json"
    js.write_text(json.dumps(_custom(), ensure_ascii=False), encoding="utf-8")
    assert validate(Rubric, read_rubric_file(js)).rubric_id == "ttct-2027"
    toml = tmp_path / "r.toml"
    toml.write_text(
        'rubric_id = "x"\nname = "X"\ntotal = 2\n'
        '[[groups]]\ncode = "G"\nname = "G"\nitems = [{ code = "I1", text = "t", max = 2 }]\n'
        '[[bands]]\ncode = "b"\nname = "B"\nmin = 0\n',
        encoding="utf-8",
    )
    assert validate(Rubric, read_rubric_file(toml)).total == 2


def test_describe_lists_items_and_bands() -> None:
    text = default_rubric().describe()
    assert "ND1" in text and "1,5" in text and "Giỏi: ≥ 17 và đạt điểm tối đa ở ND1" in text
