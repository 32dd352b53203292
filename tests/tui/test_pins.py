"""Acting as a leader takes the leader's PIN: set on first use, asked once a session,
refused when wrong (three times: a wait), asked again after a while without input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import Input, Select, TextArea

from giangvien.authority import Authority
from giangvien.models import Lecturer, Observation
from screens.app import GiangvienApp
from screens.pin_modal import PinModal
from screens.review_modal import ReviewModal
from screens.reviews import ReviewsScreen
from store.pins import has_pin, set_pin
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import PIN, field_error, give_pin, notes, settle

MakeApp = Callable[..., GiangvienApp]


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def sheet(repo: Repository, about: str = "An", by: str = "Lan") -> Observation:
    return repo.save(
        Observation(
            date=dt.date(2026, 11, 2), lecturer_id=person(repo, about).id,
            observer_ids=[person(repo, by).id], lesson="Bài 3", rubric_id="mac-dinh",
            rubric_version=1, strengths="Rõ",
        )
    )  # fmt: skip


async def open_and_sign(app: GiangvienApp, pilot: object, text: str = "Đạt") -> None:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewModal)
    app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_first_signing_sets_the_pin_and_the_session_keeps_it(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one, two = sheet(small_repo), sheet(small_repo)
    app = make_app(small_repo, start="reviews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_and_sign(app, pilot)
        assert isinstance(app.screen, PinModal) and app.screen.setting
        assert app.screen.query_one("#pin", Input).password
        await pilot.press(*PIN, "enter", *"1357", "enter")  # typed again differently
        await settle(app, pilot)
        assert "không khớp" in field_error(app, "again")
        assert not has_pin(small_repo, person(small_repo, "Hùng").id)
        await give_pin(app, pilot)
        assert isinstance(app.screen, ReviewsScreen)
        await open_and_sign(app, pilot)  # the second sheet: no PIN asked again
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewsScreen)
    signed = [small_repo.get(Observation, s.id) for s in (one, two)]
    assert all(s is not None and s.reviewed for s in signed)
    assert PIN not in small_repo.datafile.path.read_text(encoding="utf-8")


async def test_a_wrong_pin_signs_nothing_and_three_make_it_wait(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo)
    set_pin(small_repo, person(small_repo, "Hùng").id, PIN)
    app = make_app(small_repo, start="reviews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_and_sign(app, pilot)
        assert isinstance(app.screen, PinModal) and not app.screen.setting
        await pilot.press(*"1357", "enter")
        await settle(app, pilot)
        assert field_error(app, "pin") == "Mã PIN không đúng."
        assert app.screen.query_one("#pin", Input).value == ""
        await pilot.press(*"1358", "enter")
        await settle(app, pilot)
        await pilot.press(*"1359", "enter")
        await settle(app, pilot)
        assert "Sai mã PIN 3 lần liền" in field_error(app, "pin")
        await pilot.press(*PIN, "enter")  # right, but too soon
        await settle(app, pilot)
        assert isinstance(app.screen, PinModal)
        assert "Hãy thử lại sau" in field_error(app, "pin")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewModal)
    stored = small_repo.get(Observation, one.id)
    assert stored is not None and not stored.reviewed


async def test_a_leader_on_their_own_lesson_and_a_lecturer_are_refused(
    small_repo: Repository, make_app: MakeApp
) -> None:
    own = sheet(small_repo, about="Hùng", by="An")
    app = make_app(small_repo, start="reviews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_and_sign(app, pilot)
        assert isinstance(app.screen, ReviewModal)  # refused before any PIN is asked
        assert "chính mình" in field_error(app, "conclusion")
    assert small_repo.get(Observation, own.id) == own
    small_repo.set_current_user(person(small_repo, "An").id)
    app = make_app(small_repo, start="reviews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PinModal)
    assert small_repo.get(Observation, own.id) == own


async def test_choosing_a_leader_in_settings_asks_their_pin(
    small_repo: Repository, make_app: MakeApp
) -> None:
    small_repo.set_current_user(person(small_repo, "An").id)
    lan = person(small_repo, "Lan")
    set_pin(small_repo, lan.id, PIN)
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        who = app.screen.query_one("#current_user", Select)
        who.focus()
        # Options by given name: Nguyễn Văn An (current), Lê Văn Hùng, Phạm Thị Lan.
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PinModal)
        await pilot.press("escape")
        await settle(app, pilot)
        assert small_repo.current_user().given_name == "An"  # type: ignore[union-attr]
        assert who.value == person(small_repo, "An").id
        await pilot.press("enter", "down", "down", "enter")
        await give_pin(app, pilot)
        assert small_repo.current_user() == lan
        assert app.acting.authority.holds(lan.id)


async def test_the_session_locks_after_a_while_without_input(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo)
    set_pin(small_repo, person(small_repo, "Hùng").id, PIN)
    clock = [0.0]
    app = make_app(small_repo, start="reviews")
    app.acting.authority = Authority(idle=600, clock=lambda: clock[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.acting.unlock(person(small_repo, "Hùng").id)
        clock[0] = 601
        await open_and_sign(app, pilot)
        assert any("Đã khoá quyền lãnh đạo" in n for n in notes(app))
        assert isinstance(app.screen, PinModal)
        await give_pin(app, pilot)
        assert isinstance(app.screen, ReviewsScreen)
    stored = small_repo.get(Observation, one.id)
    assert stored is not None and stored.reviewed


async def test_a_lecturer_sets_and_changes_their_own_pin_in_settings(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from giangvien.pins import pin_matches

    an = person(small_repo, "An")
    small_repo.set_current_user(an.id)
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#set-pin").focus()
        await pilot.press("enter")
        await give_pin(app, pilot)  # none yet: set, typed twice
        assert pin_matches(PIN, small_repo.local("pins")[an.id])
        await pilot.press("enter")  # again: the old PIN first, then the new one twice
        await give_pin(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, PinModal) and app.screen.setting
        await pilot.press(*"9753", "enter", *"9753", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, PinModal)
        assert any("Đã đặt mã PIN" in n for n in notes(app))
    assert pin_matches("9753", small_repo.local("pins")[an.id])
