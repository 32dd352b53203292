"""Typed work is never lost: drafts kept while typing and on quit, offered again on start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input

from giangvien.models import Lecturer, Observation
from giangvien.problems import field_label
from giangvien.rubric import default_rubric
from giangvien.vntext import format_decimal
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.drafts_modal import DraftsModal
from screens.observation_form import ObservationFormScreen
from screens.observation_state import draft_key
from screens.observations import ObservationsScreen
from screens.widgets.rubric_scorer import RubricScorer
from store.repository import Repository
from tests.tui.conftest import SIZE, open_repo

MakeApp = Callable[..., GiangvienApp]
RUBRIC = default_rubric()
CODES = [item.code for item in RUBRIC.items]


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> ObservationFormScreen:
    assert isinstance(app.screen, ObservationFormScreen)
    return app.screen


def full_draft(repo: Repository) -> dict[str, Any]:
    """A draft with every field typed, some of it not yet valid."""
    return {
        "kind": "observation", "record_id": None,
        "rubric_id": RUBRIC.rubric_id, "rubric_version": RUBRIC.version,
        "date": "31/02", "lecturer_id": person(repo, "An").id,
        "observer_ids": [person(repo, "Lan").id, person(repo, "Hùng").id],
        "programme": "Lớp [cảm tình] Đảng", "class_name": "K12", "lesson": "Bài dở dang",
        "place": "Xã B", "scores": dict.fromkeys(CODES, "") | {"ND1": "2,5", "ND2": "abc"},
        "comments_only": False, "strengths": "Dòng một\nDòng hai", "limitations": "Hạn chế",
        "suggestions": "Góp ý", "self_assessment": "Ý kiến", "acknowledged": True,
        "own_how": "in_person",
        "follow_ups": [{"sheet_id": "an-earlier-sheet", "item": 1, "text": "Nói [chậm] lại",
                        "acted": "partly"}],
    }  # fmt: skip


async def settle(app: GiangvienApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_draft_survives_quitting_and_is_resumed(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+u", *"31/02")  # half-typed, not a date yet
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài dở dang", "ctrl+q")
    kept = small_repo.drafts()[draft_key(None)]
    assert (kept["lesson"], kept["date"], kept["kind"]) == ("Bài dở dang", "31/02", "observation")
    small_repo.close()

    again = open_repo(repo_path)  # the app started again on the same file
    try:
        app = make_app(again, start="observations")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DraftsModal)
            table = app.screen.query_one(DataTable)
            assert [c.plain for c in table.get_row_at(0)][:2] == ["Phiếu dự giờ", "Bài dở dang"]
            await pilot.press("enter")
            assert form(app).query_one("#f-lesson", Input).value == "Bài dở dang"
            assert form(app).query_one("#f-date", Input).value == "31/02"
            await pilot.press("ctrl+u", *"31/01/2026", "tab", "enter", *"an", "enter")
            form(app).query_one(RubricScorer).query_one("#scorer-off").focus()
            await pilot.press("space", "ctrl+s")
            await settle(app, pilot)
            [sheet] = again.all(Observation)
            assert (sheet.lesson, sheet.date) == ("Bài dở dang", dt.date(2026, 1, 31))
            assert again.drafts() == {}
    finally:
        again.close()


async def test_the_form_keeps_a_draft_every_few_seconds(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause(3.5)
        await settle(app, pilot)
        assert small_repo.drafts() == {}  # nothing typed, nothing kept
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài đang ghi")
        await pilot.pause(3.5)
        await settle(app, pilot)
        assert small_repo.drafts()[draft_key(None)]["lesson"] == "Bài đang ghi"
        await pilot.press("escape", "y")  # discarding drops it
        await settle(app, pilot)
        assert small_repo.drafts() == {}


async def test_from_draft_restores_every_typed_field(small_repo: Repository, make_app: MakeApp):
    # As the version before typed states kept it: the envelope, every field, when.
    draft = {**full_draft(small_repo), "saved_at": "2026-12-07T10:00:00+00:00"}
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ObservationFormScreen.from_draft(draft, small_repo))
        await pilot.pause()
        shown = dict(form(app).raw())
        assert sorted(shown.pop("observer_ids")) == sorted(draft["observer_ids"])
        envelope = ("observer_ids", "kind", "record_id", "saved_at")
        assert shown == {k: v for k, v in draft.items() if k not in envelope}
        assert form(app).changed()  # a resumed draft is unsaved work
        assert not [n for n in app._notifications if n.severity == "warning"]


async def test_a_draft_with_fields_that_do_not_read_opens_on_the_rest_and_saves(
    small_repo: Repository, make_app: MakeApp
):
    hung = person(small_repo, "Hùng").id
    sheet = small_repo.save(Observation(
        date=dt.date(2026, 1, 2), lecturer_id=person(small_repo, "An").id, observer_ids=[hung],
        lesson="Bài cũ", rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version,
        scores={item.code: item.max for item in RUBRIC.items},
    ))  # fmt: skip
    # Kept by another version, synced, or edited by hand: three fields are not what they were.
    small_repo.save_draft(draft_key(sheet.id), {
        **full_draft(small_repo), "record_id": sheet.id, "date": "02/01/2026",
        "lesson": "Bài cũ, sửa lại", "scores": "abc", "observer_ids": 5,
        "follow_ups": [{"sheet_id": "an-earlier-sheet", "item": 1, "acted": "partly"}],
    })  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the waiting draft, resumed
        await pilot.pause()
        shown = form(app).raw()
        assert (shown["lesson"], shown["place"], shown["strengths"]) == (
            "Bài cũ, sửa lại", "Xã B", "Dòng một\nDòng hai")  # fmt: skip
        # The sheet's own observers and scores, and no answers: what it had.
        assert shown["observer_ids"] == [hung] and shown["follow_ups"] == []
        assert shown["scores"] == {item.code: format_decimal(item.max) for item in RUBRIC.items}
        [warning] = [n.message for n in app._notifications if n.severity == "warning"]
        for name in ("scores", "observer_ids", "follow_ups"):
            assert field_label(name) in warning
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ObservationFormScreen)
        [stored] = small_repo.all(Observation)
        assert (stored.id, stored.lesson) == (sheet.id, "Bài cũ, sửa lại")
        assert stored.observer_ids == [hung]
        assert stored.scores == sheet.scores and stored.place == "Xã B"
        assert small_repo.drafts() == {}


async def test_discarding_a_draft_asks_and_later_keeps_them(
    small_repo: Repository, make_app: MakeApp
):
    small_repo.save_draft("observation:new", full_draft(small_repo))
    sheet = small_repo.save(Observation(
        date=dt.date(2026, 1, 2), lecturer_id=person(small_repo, "An").id,
        observer_ids=[person(small_repo, "Hùng").id], lesson="Bài đã lưu",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version,
    ))  # fmt: skip
    small_repo.save_draft(draft_key(sheet.id), {**full_draft(small_repo), "record_id": sheet.id,
                                                "lesson": "[sửa] Bài đã lưu"})  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsModal)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        table.move_cursor(row=table.get_row_index("observation:new"))
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert len(small_repo.drafts()) == 2
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert list(small_repo.drafts()) == [draft_key(sheet.id)]
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("escape")  # later
        assert isinstance(app.screen, ObservationsScreen)
        assert list(small_repo.drafts()) == [draft_key(sheet.id)]
        # Opening that sheet from the list brings its draft back rather than losing it.
        await pilot.press("e")
        assert form(app).record is not None and form(app).record.id == sheet.id  # type: ignore[union-attr]
        assert form(app).query_one("#f-lesson", Input).value == "[sửa] Bài đã lưu"


async def test_a_draft_of_an_edit_saves_onto_its_sheet(small_repo: Repository, make_app: MakeApp):
    sheet = small_repo.save(Observation(
        date=dt.date(2026, 1, 2), lecturer_id=person(small_repo, "An").id,
        observer_ids=[person(small_repo, "Hùng").id], lesson="Bài cũ",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version,
    ))  # fmt: skip
    small_repo.save_draft(draft_key(sheet.id), {
        **full_draft(small_repo), "record_id": sheet.id, "date": "02/01/2026",
        "observer_ids": [person(small_repo, "Hùng").id], "lesson": "Bài cũ, sửa lại",
        "comments_only": True,
    })  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert form(app).record is not None
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [stored] = small_repo.all(Observation)
        assert stored.id == sheet.id and stored.lesson == "Bài cũ, sửa lại"
        assert small_repo.drafts() == {}


async def test_a_new_sheets_draft_naming_no_rubric_it_can_read_opens_on_the_current_one(
    small_repo: Repository, make_app: MakeApp
):
    an, hung = person(small_repo, "An").id, person(small_repo, "Hùng").id
    small_repo.save_draft(draft_key(None), {
        "kind": "observation", "record_id": None, "rubric_id": ["v9"], "rubric_version": "2",
        "own_how": "by_phone", "date": "10/03/2026", "lecturer_id": an, "lesson": "Bài mới",
        "comments_only": True,
    })  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = form(app).raw()
        assert (shown["rubric_id"], shown["rubric_version"]) == (RUBRIC.rubric_id, RUBRIC.version)
        assert (shown["lesson"], shown["own_how"], shown["observer_ids"]) == (
            "Bài mới", "from_paper", [hung])  # fmt: skip
        [warning] = [n.message for n in app._notifications if n.severity == "warning"]
        assert field_label("rubric_id") in warning and field_label("rubric_version") in warning
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [stored] = small_repo.all(Observation)
        assert (stored.lesson, stored.lecturer_id, stored.scores) == ("Bài mới", an, None)
        assert small_repo.drafts() == {}
