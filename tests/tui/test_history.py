"""A record's history from a list (h) and from its form (F2), shown as typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import Static

from giangvien.models import Lecturer, Observation
from giangvien.rubric import default_rubric
from screens.app import GiangvienApp
from screens.history_modal import HistoryModal
from screens.observation_form import ObservationFormScreen
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle

MakeApp = Callable[..., GiangvienApp]


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.all(Lecturer) if lec.given_name == given)


async def test_the_history_of_a_sheet_from_its_list_and_its_form(
    small_repo: Repository, make_app: MakeApp
) -> None:
    rubric = default_rubric()
    sheet = small_repo.save(Observation(
        date=dt.date(2026, 3, 1), lecturer_id=person(small_repo, "An").id,
        observer_ids=[person(small_repo, "Lan").id], lesson="Bài 1",
        rubric_id=rubric.rubric_id, rubric_version=rubric.version, strengths="Cũ",
    ))  # fmt: skip
    small_repo.save(sheet.model_copy(update={"strengths": "Mới [b]<i>x</i>"}))
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryModal)
        text = str(app.screen.query_one("#history-lines", Static).render())
        assert "Lê Văn Hùng sửa" in text
        assert "“Cũ” → “Mới [b]<i>x</i>”" in text  # as typed, never markup
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ObservationFormScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HistoryModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ObservationFormScreen)


async def test_the_history_of_a_lecturer_from_the_list(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = person(small_repo, "An")
    small_repo.save(an.model_copy(update={"middle_name": "Thị"}))
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#lecturer-table").focus()
        while app.screen._highlighted().given_name != "An":  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryModal)
        text = str(app.screen.query_one("#history-lines", Static).render())
        assert "“Văn” → “Thị”" in text


async def test_sign_reopen_edit_sign_again_each_show_in_the_history(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from textual.widgets import Input, TextArea

    from giangvien.signing import sign_conclusion
    from tests.tui.helpers import give_pin

    rubric = default_rubric()
    hung = person(small_repo, "Hùng")
    sheet = small_repo.save(sign_conclusion(Observation(
        date=dt.date(2026, 3, 1), lecturer_id=person(small_repo, "An").id,
        observer_ids=[person(small_repo, "Lan").id], lesson="Bài 1",
        rubric_id=rubric.rubric_id, rubric_version=rubric.version, strengths="Rõ",
    ), "Đạt", hung, dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)))  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert form_of(app).query_one("#f-place", Input).is_disabled  # frozen under the signature
        await pilot.press("ctrl+o")
        await give_pin(app, pilot)
        await pilot.press(*"Sai địa điểm", "ctrl+s")
        await settle(app, pilot)
        place = form_of(app).query_one("#f-place", Input)
        assert not place.is_disabled
        place.focus()
        await pilot.press(*"Xã A", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("4", "enter")  # the review queue: the sheet waits again
        await settle(app, pilot)
        app.screen.query_one(TextArea).insert("Đạt, đã sửa địa điểm")
        await pilot.press("ctrl+s")  # the session holds the PIN: not asked again
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryModal)
        text = str(app.screen.query_one("#history-lines", Static).render())
    stored = small_repo.get(Observation, sheet.id)
    assert stored is not None and stored.reviewed and stored.place == "Xã A"
    assert len(stored.reopenings) == 1
    assert text.count("Lê Văn Hùng sửa") == 3  # reopened, edited, signed again
    assert "“Sai địa điểm”" in text and "“Xã A”" in text and "“Đạt, đã sửa địa điểm”" in text


def form_of(app: GiangvienApp) -> ObservationFormScreen:
    assert isinstance(app.screen, ObservationFormScreen)
    return app.screen
