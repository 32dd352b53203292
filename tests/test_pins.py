"""PINs: stored only as salted hashes on this laptop, three wrong tries wait, never exported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giangvien import __version__
from giangvien.authority import Authority
from giangvien.models import Lecturer, Position
from giangvien.pins import FIRST_WAIT, LONGEST_WAIT, hash_pin, pin_matches, pin_problem, wait_after
from giangvien.problems import Invalid
from store.datafile import open_datafile
from store.exchange import export_of
from store.pins import has_pin, set_pin, try_pin, waiting_until
from store.repository import Repository

AT = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
DIR = "6f1c1c2e-6a53-4a8e-9d7e-0f3f6b1d2c11"


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    found = Repository(open_datafile(tmp_path / "gv.json", app_version=__version__))
    found.save(Lecturer(id=DIR, family_name="Lê", given_name="Hùng", position=Position.DIRECTOR))
    return found


def test_a_pin_is_kept_only_as_a_salted_hash_that_matches_it() -> None:
    one, two = hash_pin("2468"), hash_pin("2468")
    assert one["salt"] != two["salt"] and one["hash"] != two["hash"]
    assert "2468" not in json.dumps(one)
    assert pin_matches("2468", one) and pin_matches("2468", two)
    assert not pin_matches("2469", one)
    assert not pin_matches("2468", {**one, "hash": "zz"})  # damaged: matches nothing


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "１２３４", "1111", " 1234"])
def test_weak_or_malformed_pins_are_refused_with_a_sentence(pin: str) -> None:
    assert pin_problem(pin)


def test_waits_start_at_the_third_wrong_try_grow_and_stop_growing() -> None:
    assert wait_after(2, AT) is None
    assert wait_after(3, AT) == AT + FIRST_WAIT
    assert wait_after(4, AT) == AT + 2 * FIRST_WAIT
    assert wait_after(30, AT) == AT + LONGEST_WAIT


def test_three_wrong_pins_wait_even_for_the_right_one_and_a_restart(
    repo: Repository, tmp_path: Path
) -> None:
    set_pin(repo, DIR, "2468")
    assert has_pin(repo, DIR)
    assert try_pin(repo, DIR, "2468", AT).ok
    assert not try_pin(repo, DIR, "0000", AT).ok
    assert try_pin(repo, DIR, "1357", AT).wait_until is None
    third = try_pin(repo, DIR, "9999", AT)
    assert not third.ok and third.wait_until == AT + FIRST_WAIT
    repo.close()
    again = Repository(open_datafile(tmp_path / "gv.json", app_version=__version__))
    assert not try_pin(again, DIR, "2468", AT + dt.timedelta(seconds=5)).ok
    assert waiting_until(again, DIR, AT + dt.timedelta(seconds=5)) == AT + FIRST_WAIT
    later = AT + FIRST_WAIT + dt.timedelta(seconds=1)
    assert try_pin(again, DIR, "2468", later).ok
    assert waiting_until(again, DIR, later) is None
    again.close()


def test_a_weak_pin_changes_nothing(repo: Repository) -> None:
    before = repo.datafile.raw()
    with pytest.raises(Invalid):
        set_pin(repo, DIR, "1111")
    assert repo.datafile.raw() == before and not has_pin(repo, DIR)


def test_no_pin_or_hash_leaves_the_laptop(repo: Repository) -> None:
    set_pin(repo, DIR, "2468")
    exported = json.dumps(export_of(repo, __version__), ensure_ascii=False)
    stored = repo.local("pins")[DIR]
    assert stored["hash"] not in exported and stored["salt"] not in exported
    assert "2468" not in exported


def test_the_session_locks_after_the_idle_time() -> None:
    now = [0.0]
    authority = Authority(idle=600, clock=lambda: now[0])
    authority.unlock(DIR)
    now[0] = 599
    assert authority.holds(DIR)
    assert not authority.touch()
    now[0] = 599 + 601
    assert authority.touch()  # this input came too late: locked
    assert authority.leader_id is None and not authority.holds(DIR)


@settings(max_examples=10, deadline=None)
@given(st.text(max_size=12))
def test_only_the_pin_itself_matches(pin: str) -> None:
    stored = hash_pin("2468")
    assert pin_matches(pin, stored) == (pin == "2468")
