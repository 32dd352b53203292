"""The typed repository: models in, models out; integrity checked before any write."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giangvien import __version__
from giangvien.models import Lecturer, Meeting, Observation, Position, Settings, Trial
from giangvien.problems import Invalid
from giangvien.rubric import default_rubric
from store.datafile import open_datafile
from store.errors import ReadOnlyError
from store.repository import Repository


def open_repo(path: Path, read_only: bool = False) -> Repository:
    return Repository(open_datafile(path, read_only=read_only, app_version=__version__))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    r = open_repo(tmp_path / "gv.json")
    yield r
    r.close()


def person(family: str, middle: str, given: str, **kw: object) -> Lecturer:
    return Lecturer(family_name=family, middle_name=middle, given_name=given, **kw)  # type: ignore[arg-type]


FULL = {i.code: i.max for i in default_rubric().items}


def sheet(lecturer: Lecturer, observer: Lecturer, **kw: object) -> Observation:
    data: dict[str, object] = {
        "date": dt.date(2026, 3, 2),
        "lecturer_id": lecturer.id,
        "observer_ids": [observer.id],
        "lesson": "Bài 1: Chủ nghĩa Mác - Lênin",
        "rubric_id": "mac-dinh",
        "rubric_version": 1,
        "scores": FULL,
    }
    data.update(kw)
    return Observation.model_validate(data)


def test_lecturers_sorted_by_given_then_family_name(repo: Repository) -> None:
    for p in [
        person("Trần", "Văn", "Đức"),
        person("Nguyễn", "Thị", "Ánh"),
        person("Lê", "Văn", "An"),
        person("Giàng", "A", "Pao"),
        person("Đỗ", "Thị", "An"),
        person("Bùi", "Minh", "Dũng"),
    ]:
        repo.save(p)
    names = [lec.full_name for lec in repo.lecturers()]
    assert names == [
        "Đỗ Thị An",
        "Lê Văn An",
        "Nguyễn Thị Ánh",
        "Bùi Minh Dũng",
        "Trần Văn Đức",
        "Giàng A Pao",
    ]


def test_save_returns_models_and_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "gv.json"
    r = open_repo(path)
    a, b = r.save(person("Lê", "Văn", "Tám")), r.save(person("Hà", "Thị", "Nhung"))
    obs = r.save(sheet(a, b))
    r.close()
    again = open_repo(path, read_only=True)
    try:
        [stored] = again.all(Observation)
        assert stored == obs
        assert isinstance(stored, Observation)
        assert again.get(Lecturer, a.id) == a
        # The TinyDB key is the UUID itself, never an integer.
        raw = json.loads(path.read_text("utf-8"))
        assert set(raw["observations"]) == {obs.id}
    finally:
        again.close()


def test_reference_to_unknown_lecturer_refused_and_nothing_stored(repo: Repository) -> None:
    a = repo.save(person("Lê", "Văn", "Tám"))
    ghost = person("Không", "", "Có")
    before = repo.datafile.path.read_bytes()
    with pytest.raises(Invalid) as caught:
        repo.save(sheet(a, ghost))
    assert ghost.id in str(caught.value)
    assert repo.datafile.path.read_bytes() == before


def test_score_out_of_range_refused_naming_the_item(repo: Repository) -> None:
    a, b = repo.save(person("Lê", "Văn", "Tám")), repo.save(person("Hà", "Thị", "Nhung"))
    with pytest.raises(Invalid) as caught:
        repo.save(sheet(a, b, scores={**FULL, "ND1": 3.5}))
    [problem] = caught.value.problems
    assert problem.field == "scores.ND1"
    assert repo.all(Observation) == []


def test_comments_only_sheet_allowed(repo: Repository) -> None:
    a, b = repo.save(person("Lê", "Văn", "Tám")), repo.save(person("Hà", "Thị", "Nhung"))
    stored = repo.save(sheet(a, b, scores=None, strengths="Nắm vững nội dung"))
    assert not stored.scored


def test_lecturer_named_elsewhere_can_be_archived_not_deleted(repo: Repository) -> None:
    a, b = repo.save(person("Lê", "Văn", "Tám")), repo.save(person("Hà", "Thị", "Nhung"))
    repo.save(Meeting(date=dt.date(2026, 1, 5), chair_id=a.id))
    with pytest.raises(Invalid) as caught:
        repo.delete(Lecturer, a.id)
    assert "lưu trữ" in str(caught.value)
    archived = repo.archive(a.id)
    assert archived.archived
    assert [lec.id for lec in repo.lecturers()] == [b.id]
    assert {lec.id for lec in repo.lecturers(include_archived=True)} == {a.id, b.id}
    gone = repo.delete(Lecturer, b.id)  # named nowhere: a tombstone
    assert gone.deleted and repo.get(Lecturer, b.id) is not None
    assert b.id not in {lec.id for lec in repo.lecturers(include_archived=True)}


def test_updated_at_moves_on_each_save(repo: Repository) -> None:
    a = repo.save(person("Lê", "Văn", "Tám"))
    b = repo.save(a.model_copy(update={"title": "Giảng viên chính"}))
    assert b.updated_at > a.updated_at and b.created_at == a.created_at


def test_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "gv.json"
    writer = open_repo(path)
    try:
        second = open_repo(path)
        assert second.read_only and "mở" in second.read_only_reason
        with pytest.raises(ReadOnlyError):
            second.save(person("Lê", "Văn", "Tám"))
        second.close()
    finally:
        writer.close()


def test_install_rubric_adds_a_version_and_old_sheets_keep_theirs(repo: Repository) -> None:
    a, b = repo.save(person("Lê", "Văn", "Tám")), repo.save(person("Hà", "Thị", "Nhung"))
    old = repo.save(sheet(a, b))
    data = default_rubric().model_dump(exclude={"id", "created_at", "updated_at", "version"})
    data["name"] = "Phiếu sửa đổi"
    installed = repo.install_rubric(data)
    assert installed.version == 2
    assert repo.active_rubric().version == 2
    assert repo.settings().rubric_version == 2
    assert repo.rubric("mac-dinh", 1) is not None
    assert repo.get(Observation, old.id).rubric_version == 1  # type: ignore[union-attr]


def test_check_reports_bad_records_by_id_and_field(tmp_path: Path) -> None:
    path = tmp_path / "gv.json"
    r = open_repo(path)
    a = r.save(person("Lê", "Văn", "Tám"))
    r.close()
    raw = json.loads(path.read_text("utf-8"))
    raw["lecturers"][a.id]["given_name"] = ""
    raw["observations"] = {"x": {"id": "x"}}
    raw["mystery"] = {}
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    r = open_repo(path, read_only=True)
    try:
        found = r.check()
    finally:
        r.close()
    fields = {(p.record_id, p.field) for p in found}
    assert (a.id, "given_name") in fields
    assert ("x", "id") in fields and ("x", "date") in fields
    assert any("mystery" in p.message for p in found)


def test_settings_default_then_saved(repo: Repository) -> None:
    assert repo.settings().organisation == "Trung tâm Chính trị"
    repo.save(repo.settings().model_copy(update={"place_name": "Vĩnh Tường"}))
    assert repo.settings().place_name == "Vĩnh Tường"
    assert len(repo.all(Settings)) == 1


def test_trial_panel_scores_checked_against_rubric(repo: Repository) -> None:
    a = repo.save(person("Lê", "Văn", "Tám", position=Position.DIRECTOR))
    trial = Trial.model_validate(
        {
            "lecturer_id": a.id,
            "lesson": "Bài 2",
            "date": "2026-04-10",
            "rubric_id": "mac-dinh",
            "rubric_version": 1,
            "panel": [
                {
                    "name": "Trần Văn Bình",
                    "position": "Phó Trưởng Ban Tuyên giáo Huyện ủy",
                    "scores": {**FULL, "HQ1": 9},
                }
            ],
        }
    )
    with pytest.raises(Invalid) as caught:
        repo.save(trial)
    assert caught.value.problems[0].field == "panel.0.scores.HQ1"


names = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ ", min_size=1, max_size=12).filter(
    lambda s: s.strip()
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(["save", "archive", "delete"]), names), max_size=12))
def test_random_operations_then_reopen_give_the_same_records(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "gv.json"
    r = open_repo(path)
    saved: list[Lecturer] = []
    for op, name in ops:
        if op == "save" or not saved:
            saved.append(r.save(person("Nguyễn", "", name)))
        elif op == "archive":
            r.archive(saved[-1].id)
        else:
            r.delete(Lecturer, saved[-1].id)
    before = r.all(Lecturer, include_deleted=True)
    r.close()
    again = open_repo(path)
    try:
        after = again.all(Lecturer, include_deleted=True)
    finally:
        again.close()
    assert sorted(before, key=lambda x: x.id) == sorted(after, key=lambda x: x.id)
    assert len(after) == len(saved)


def test_current_user_and_drafts_stay_local(repo: Repository, tmp_path: Path) -> None:
    a = repo.save(person("Lê", "Văn", "Tám"))
    assert repo.current_user() is None
    repo.set_current_user(a.id)
    assert repo.current_user() == a
    repo.save_draft("observation:new", {"lesson": "Bài 1 [nháp]"})
    assert repo.drafts()["observation:new"]["lesson"] == "Bài 1 [nháp]"
    repo.drop_draft("observation:new")
    assert repo.drafts() == {}
    assert repo.check() == []


def test_every_save_is_stamped_by_this_laptops_clock(repo: Repository) -> None:
    from giangvien.models.base import MAX_STAMP
    from store.errors import StoreError

    first = repo.save(Lecturer(family_name="Lò", given_name="Pao"))
    assert first.stamp > 0 and first.laptop == repo.laptop_id
    assert first.seen == {repo.laptop_id: first.stamp}
    again = repo.save(first.model_copy(update={"title": "Giảng viên chính"}))
    assert again.stamp > first.stamp and again.seen == {repo.laptop_id: again.stamp}
    gone = repo.delete(Lecturer, first.id)
    assert gone.deleted and gone.stamp > again.stamp
    # A stamp received from another laptop, far ahead: the next edit passes it.
    repo.receive(MAX_STAMP - 5)
    assert repo.save(Lecturer(family_name="Hà", given_name="Thu")).stamp == MAX_STAMP - 4
    repo.receive(MAX_STAMP)
    with pytest.raises(StoreError) as caught:
        repo.save(Lecturer(family_name="Hà", given_name="Vân"))
    assert "sao lưu" in str(caught.value)
