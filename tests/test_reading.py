"""Reading our own file back: the same records, every check but the clean-up."""

from __future__ import annotations

import gc
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giangvien import __version__
from giangvien.demo import generate
from giangvien.models import Attendance, Briefing, Observation
from giangvien.models.reading import CLEAN_UPS, reader, validator_name, without_clean_ups
from giangvien.problems import Invalid, validate
from giangvien.rubric import Rubric, default_rubric
from giangvien.vntext import forbidden_char
from store import repository
from store.datafile import open_datafile
from store.gcpause import keep_what_lives, long_lived
from store.repository import ALL_TABLES, TABLE_OF, Repository, dump

# An unsigned sheet: a signed one refuses any change to its content (models.signature).
SHEET = next(
    r
    for r in generate(lecturers=8, years=1, seed=3)
    if isinstance(r, Observation) and not r.reviewed
)


def validators(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("function"):
            found.add(validator_name(node))
        for key, value in node.items():
            if key not in ("metadata", "serialization"):
                found |= validators(value)
    elif isinstance(node, list):
        for value in node:
            found |= validators(value)
    return found


@pytest.mark.parametrize("model", list(ALL_TABLES.values()), ids=list(ALL_TABLES))
def test_reader_leaves_out_the_clean_ups_and_keeps_every_rule(model: type[Any]) -> None:
    full = validators(model.__pydantic_core_schema__)
    kept = validators(without_clean_ups(model.__pydantic_core_schema__))
    assert kept == full - CLEAN_UPS
    # If pydantic ever named validators differently, nothing would be left
    # out and reading would only be slower; this says so.
    assert full & CLEAN_UPS
    assert reader(model) is reader(model)


def test_every_demo_record_reads_back_equal() -> None:
    records = [*generate(lecturers=8, years=1, seed=3), default_rubric()]
    for record in records:
        model = type(record)
        again = validate(model, dump(record), record_id=record.id, trusted=True)
        assert type(again) is model
        assert again == record
        assert again == model.model_validate(dump(record))


@given(
    text=st.text(min_size=1, max_size=300).filter(
        lambda t: t.strip() and forbidden_char(t, multiline=False) is None
    )
)
def test_any_text_stored_reads_back_the_same(text: str) -> None:
    # Text with control characters is refused on the way in (tests/test_gate.py).
    sheet = SHEET.touched(lesson=text[:300], strengths=text)
    assert validate(Observation, dump(sheet), trusted=True) == sheet


def test_reader_still_refuses_wrong_types_and_broken_rules() -> None:
    sheet = SHEET
    doc = dump(sheet)
    with pytest.raises(Invalid) as wrong_type:
        validate(Observation, {**doc, "date": "31/02/2026"}, record_id=sheet.id, trusted=True)
    assert [p.field for p in wrong_type.value.problems] == ["date"]
    with pytest.raises(Invalid):
        validate(Observation, {**doc, "observer_ids": [sheet.lecturer_id]}, trusted=True)
    with pytest.raises(Invalid):
        validate(Observation, {**doc, "extra": 1}, trusted=True)
    absent = Attendance(name="Lò Văn Páo", status="present").model_dump(mode="json")
    absent["status"] = "absent"  # no reason given: a hand-edited file
    session = next(r for r in generate(lecturers=8, years=1, seed=3) if isinstance(r, Briefing))
    with pytest.raises(Invalid):
        validate(Briefing, {**dump(session), "attendance": [absent]}, trusted=True)


def test_reader_keeps_times_in_utc() -> None:
    naive = {**dump(SHEET), "updated_at": "2026-03-05T08:30:00"}
    read = validate(Observation, naive, trusted=True)
    assert read.updated_at.tzinfo is not None


def test_only_the_trusted_path_skips_cleaning() -> None:
    decomposed = {**dump(SHEET), "lesson": unicodedata.normalize("NFD", "  Bài 3: Đảng  ")}
    assert validate(Observation, decomposed).lesson == "Bài 3: Đảng"
    # What our file holds was cleaned on the way in; the reader takes it as it is.
    assert validate(Observation, decomposed, trusted=True).lesson == decomposed["lesson"]


def test_rubric_table_is_read_by_its_model() -> None:
    assert TABLE_OF[Rubric] == "rubrics"
    rubric = default_rubric()
    assert validate(Rubric, dump(rubric), trusted=True) == rubric


def test_long_lived_pauses_the_collector_and_freezes_what_was_made() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)


def test_long_lived_leaves_a_paused_collector_alone() -> None:
    gc.disable()
    try:
        before = gc.get_freeze_count()
        with long_lived():
            pass
        assert not gc.isenabled()
        assert gc.get_freeze_count() == before
    finally:
        gc.enable()


def test_long_lived_for_a_few_objects_changes_nothing() -> None:
    before = gc.get_freeze_count()
    with long_lived(many=False):
        assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_long_lived_restores_the_collector_after_an_error() -> None:
    with pytest.raises(ValueError), long_lived():
        raise ValueError
    assert gc.isenabled()


@pytest.mark.parametrize(("threshold", "paused"), [(10, True), (10**9, False)])
def test_a_large_file_is_read_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int, paused: bool
) -> None:
    path = tmp_path / "gv.json"
    writer = Repository(open_datafile(path, app_version=__version__))
    writer.save_many(generate(lecturers=8, years=1, seed=3))
    writer.close()
    monkeypatch.setattr(repository, "LARGE_FILE_RECORDS", threshold)
    repo = Repository(open_datafile(path, read_only=True, app_version=__version__))
    before = gc.get_freeze_count()
    sheets = repo.all(Observation)
    assert (gc.get_freeze_count() >= before + len(sheets)) is paused
    assert gc.isenabled()
    repo.close()


def test_what_lives_when_a_section_is_shown_leaves_the_collectors_sight() -> None:
    kept = [[i] for i in range(1000)]
    keep_what_lives()
    assert gc.get_freeze_count() >= len(kept)
    assert not any(obj is kept for obj in gc.get_objects())


def test_keeping_what_lives_leaves_a_paused_collector_alone() -> None:
    gc.disable()
    try:
        before = gc.get_freeze_count()
        keep_what_lives()
        assert gc.get_freeze_count() == before
    finally:
        gc.enable()
