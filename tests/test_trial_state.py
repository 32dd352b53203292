"""A trial form's typed state (screens.trial_state), and its drafts read back (no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

from hypothesis import given
from hypothesis import strategies as st

from giangvien.models import PanelMember, PersonRef, Trial, Verdict
from giangvien.problems import validate
from giangvien.rubric import default_rubric
from screens import trial_state as ts
from screens.form_state import envelope, resume

TODAY = dt.date(2026, 3, 10)
RUBRIC = default_rubric()
NEW = ts.state_of(None, RUBRIC, TODAY)
CODES = [item.code for item in RUBRIC.items]


def stored() -> Trial:
    """A trial as kept: an outsider chairs, one member scores, one only comments."""
    return Trial.model_validate({
        "lecturer_id": "an", "lesson": "Bài 2 [về đạo đức]", "programme": "Sơ cấp",
        "date": dt.date(2026, 3, 10), "start_time": dt.time(7, 30), "place": "Hội trường",
        "chair": PersonRef(name="[b]Hoàng[/b] Văn Tư", position="Phó Trưởng Ban",
                           unit="Ban Tuyên giáo"),
        "secretary": PersonRef(lecturer_id="lan"),
        "panel": [PanelMember(lecturer_id="hung", comments="Tốt", scores=dict.fromkeys(CODES, 8.5)),
                  PanelMember(name="Trần Thị Mai", comments="Cần thêm số liệu")],
        "rubric_id": RUBRIC.rubric_id, "rubric_version": RUBRIC.version,
        "self_assessment": "Sẽ sửa phần mở bài",
    })  # fmt: skip


def scores_of(state: ts.TrialState) -> list[dict[str, float] | None]:
    """What the form's scorers give for each member a save keeps."""
    panel = state["panel"]
    return [None if panel[i]["comments_only"] else
            {code: float(text.replace(",", ".")) for code, text in panel[i]["scores"].items()}
            for i in ts.kept_members(panel)]  # fmt: skip


def test_a_new_trial_is_held_today_against_the_rubric_in_use_with_one_blank_member() -> None:
    assert NEW["date"] == "10/03/2026" and NEW["verdict"] == ts.NO_VERDICT
    assert (NEW["rubric_id"], NEW["rubric_version"]) == (RUBRIC.rubric_id, RUBRIC.version)
    assert NEW["panel"] == [ts.blank_member(RUBRIC)] and not NEW["scored"]
    assert ts.member_is_blank(NEW["panel"][0])
    assert "kind" not in NEW and "record_id" not in NEW  # the envelope is the form's


def test_a_stored_trial_becomes_its_texts() -> None:
    state = ts.state_of(stored(), RUBRIC, TODAY)
    assert state["chair"] == {"who": ts.OUTSIDE, "name": "[b]Hoàng[/b] Văn Tư",
                              "position": "Phó Trưởng Ban", "unit": "Ban Tuyên giáo"}  # fmt: skip
    assert state["secretary"] == {**ts.blank_person(), "who": "lan"}
    assert (state["start_time"], state["end_time"]) == ("07:30", "")
    scoring, commenting = state["panel"]
    assert scoring["scores"] == dict.fromkeys(CODES, "8,5") and not scoring["comments_only"]
    assert commenting["scores"] == dict.fromkeys(CODES, "") and commenting["comments_only"]
    assert state["scored"]


def test_a_stored_trial_read_and_built_again_is_the_same_trial() -> None:
    trial = stored()
    state = ts.state_of(trial, RUBRIC, TODAY)
    problems, data = ts.build(state, trial, scores_of(state), set())
    assert problems == []
    assert validate(Trial, data) == trial


def test_build_drops_the_members_left_blank_and_numbers_its_refusals_among_those_kept() -> None:
    hung: ts.MemberState = {
        **ts.blank_member(RUBRIC),
        "person": {**ts.blank_person(), "who": "hung"},
    }
    state: ts.TrialState = {**NEW, "lecturer_id": "an", "lesson": "Bài 1",
                            "panel": [ts.blank_member(RUBRIC), hung, hung]}  # fmt: skip
    problems, data = ts.build(state, None, [None, None], set())
    assert [p.field for p in problems] == ["panel.1"]  # the second kept, not the third row
    assert [m["lecturer_id"] for m in data["panel"]] == ["hung", "hung"]
    assert data["rubric_id"] is None  # nobody scored: no rubric is named


def test_build_says_every_reason_of_the_form_at_once() -> None:
    state: ts.TrialState = {
        **NEW, "lecturer_id": "an", "verdict": "not_passed", "start_time": "25h",
        "chair": {**ts.blank_person(), "who": "an"},
        "secretary": {**ts.blank_person(), "who": "an"},
    }  # fmt: skip
    problems, data = ts.build(state, None, [], set())
    assert [p.field for p in problems] == [
        "to_fix", "next_trial_date", "start_time", "chair", "secretary", "secretary"
    ]  # fmt: skip
    assert data["start_time"] is None and data["verdict"] == "not_passed"
    problems, _ = ts.build(state, None, [], {"next_trial_date"})
    assert "next_trial_date" not in [p.field for p in problems]


def test_a_person_round_trips_and_nobody_is_none() -> None:
    outsider = PersonRef(name="Mai", position="Trưởng ban", unit="")
    assert ts.person_data(ts.person_state(outsider)) == {
        "name": "Mai", "position": "Trưởng ban", "unit": ""
    }  # fmt: skip
    assert ts.person_data(ts.person_state(PersonRef(lecturer_id="lan"))) == {"lecturer_id": "lan"}
    assert ts.person_state(None) == ts.blank_person()
    assert ts.person_data(ts.blank_person()) is None
    # What was typed for an outsider does not follow a lecturer chosen instead.
    assert ts.person_data({"who": "lan", "name": "Mai", "position": "", "unit": ""}) == {
        "lecturer_id": "lan"
    }  # fmt: skip


def test_a_member_with_only_spaces_typed_is_blank() -> None:
    member = ts.blank_member(RUBRIC)
    assert ts.member_is_blank({**member, "comments": "  \n"})
    assert not ts.member_is_blank({**member, "comments": "Tốt"})
    assert not ts.member_is_blank({**member, "scores": {**member["scores"], CODES[0]: "8"}})
    assert not ts.member_is_blank({**member, "person": {**ts.blank_person(), "unit": "Ban"}})


def test_the_verdicts_choices_are_the_verdicts_and_none() -> None:
    assert set(get_args(ts.Choice)) == set(ts.CHOICES.values())
    assert {v: c for v, c in ts.CHOICES.items() if v} == {v: v.value for v in Verdict}
    assert ts.CHOICES[None] == ts.NO_VERDICT


# -- drafts ------------------------------------------------------------------


def previous_draft() -> dict[str, Any]:
    """A draft exactly as the previous version kept it: envelope, fields, saved_at."""
    return {
        "kind": "trial", "record_id": None, "rubric_id": "mac-dinh", "rubric_version": 1,
        "date": "31/02", "lecturer_id": "an", "programme": "Sơ cấp", "lesson": "Bài dở",
        "place": "", "start_time": "7h", "end_time": "", "scored": True,
        "chair": {"who": ts.OUTSIDE, "name": "Tư", "position": "", "unit": ""},
        "secretary": {"who": "lan", "name": "", "position": "", "unit": ""},
        "panel": [{"person": {"who": "hung", "name": "", "position": "", "unit": ""},
                   "comments": "[b]x[/b]", "scores": {**dict.fromkeys(CODES, ""), "ND1": "8,"},
                   "comments_only": False}],
        "self_assessment": "", "to_fix": "", "lessons_drawn": "", "verdict": "none",
        "next_trial_date": "", "saved_at": "2026-03-10T10:00:00+00:00",
    }  # fmt: skip


def test_a_draft_of_the_previous_version_resumes_whole() -> None:
    draft = previous_draft()
    state, refused = resume(ts.TrialState, NEW, draft)
    assert refused == []
    assert envelope(ts.KIND, None, state) == {
        k: v for k, v in draft.items() if k != "saved_at"
    }  # fmt: skip


def test_fields_of_a_draft_that_do_not_read_keep_the_new_trials_values_and_are_named() -> None:
    draft = previous_draft()
    del draft["panel"][0]["scores"]
    draft |= {"chair": 5, "rubric_version": "1", "scored": 1, "verdict": "maybe"}
    state, refused = resume(ts.TrialState, NEW, draft)
    assert sorted(refused) == ["chair", "panel", "rubric_version", "scored", "verdict"]
    assert state == {**NEW, **{k: v for k, v in draft.items() if k in NEW and k not in refused}}


# Any JSON, and the parts of a trial's state in the wrong places.
PARTS = [ts.blank_person(), ts.blank_member(RUBRIC), [ts.blank_member(RUBRIC)], {"ND1": 8}]
JSON = (st.none() | st.booleans() | st.integers() | st.text(max_size=4) | st.sampled_from(PARTS)
        | st.lists(st.text(max_size=2) | st.integers(), max_size=2))  # fmt: skip


@given(st.dictionaries(st.sampled_from(sorted(NEW)), JSON))
def test_whatever_a_draft_holds_the_state_is_a_trial_state(draft: dict[str, Any]) -> None:
    state, refused = resume(ts.TrialState, NEW, draft)
    assert set(state) == set(NEW) and set(refused) <= set(draft)
    read, new = dict(state), dict(NEW)
    assert all(read[name] == new[name] for name in refused)
    ts.kept_members(state["panel"])  # its rows read as rows
    ts.form_problems(state, set())
