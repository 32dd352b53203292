"""A draft read back against its form's state type (screens.form_state; no Textual)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giangvien.i18n import set_language
from giangvien.models import ConferenceKind
from giangvien.problems import field_label
from screens import class_state as ks
from screens import conference_state as cs
from screens import meeting_state as ms
from screens import observation_state as os_
from screens import session_state as ss
from screens import trial_state as ts
from screens.form_state import envelope, resume

TODAY = dt.date(2026, 12, 7)
BASE = cs.state_of(None, TODAY)


def test_no_draft_is_the_baseline() -> None:
    assert resume(cs.ConferenceState, BASE, None) == (BASE, [])
    assert resume(cs.ConferenceState, BASE, {}) == (BASE, [])


def test_a_draft_of_this_version_comes_back_whole_with_its_half_typed_texts() -> None:
    typed = {**BASE, "date": "31/02", "attendees": "nhiều", "lecturer_ids": ["b", "a"],
             "notes": "[b]dở[/b] <i>dang</i>"}  # fmt: skip
    draft = envelope(cs.KIND, None, typed) | {"saved_at": "2026-12-07T10:00:00"}
    assert resume(cs.ConferenceState, BASE, draft) == (typed, [])


def test_fields_that_do_not_read_keep_the_records_values_and_are_named() -> None:
    draft = {**BASE, "subject": "Nghị quyết", "attendees": 120, "lecturer_ids": "a,b",
             "date": None}  # fmt: skip
    state, refused = resume(cs.ConferenceState, BASE, draft)
    assert refused == ["date", "attendees", "lecturer_ids"]
    assert state == {**BASE, "subject": "Nghị quyết"}


def test_a_draft_of_an_earlier_version_lacking_a_field_takes_the_baseline_silently() -> None:
    draft = {"kind": cs.KIND, "record_id": None, "subject": "Thời sự"}
    assert resume(cs.ConferenceState, BASE, draft) == ({**BASE, "subject": "Thời sự"}, [])


def test_a_field_unknown_to_this_version_is_left_out() -> None:
    state, refused = resume(cs.ConferenceState, BASE, {**BASE, "speakers_v9": ["x"]})
    assert state == BASE and refused == []


# Its first example builds the pydantic reader (slow on a busy machine): not a failure.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(BASE)), st.none() | st.integers() | st.text()
                       | st.lists(st.text()) | st.booleans()))  # fmt: skip
def test_whatever_a_draft_holds_the_state_reads_as_its_type(draft: dict[str, Any]) -> None:
    state, refused = resume(cs.ConferenceState, BASE, draft)
    assert set(state) == set(BASE)
    for name, value in state.items():
        assert isinstance(value, type(BASE[name]))
        assert value == (BASE[name] if name in refused or name not in draft else draft[name])


def test_a_choice_reads_only_as_one_of_its_values() -> None:
    state, refused = resume(cs.ConferenceState, BASE, {**BASE, "conference_kind": "party"})
    assert refused == ["conference_kind"] and state == BASE
    other = ConferenceKind.CURRENT_AFFAIRS.value
    assert resume(cs.ConferenceState, BASE, {**BASE, "conference_kind": other})[0] == {
        **BASE, "conference_kind": other,
    }  # fmt: skip


STATES = [cs.ConferenceState, ss.SessionState, os_.ObservationState, ts.TrialState,
          ms.MeetingState, ks.ClassState]  # fmt: skip


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_field_a_draft_may_name_has_words_in_both_languages(language: str) -> None:
    """The warning about a draft names its fields in words, never as a key."""
    set_language(language)
    try:
        missing = [f"{state.__name__}.{name}" for state in STATES for name in state.__annotations__
                   if field_label(name) == name]  # fmt: skip
    finally:
        set_language("vi")
    assert missing == []
