"""The observed lecturer's own part (self-assessment, "seen") is recorded as theirs, with
their PIN if they set one, or marked as typed in from the paper sheet, with who typed it."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Checkbox, Select, Static, TextArea

from giangvien.models import Observation, Recorded
from screens.app import GiangvienApp
from screens.observation_form import ObservationFormScreen
from screens.pin_modal import PinModal
from store.pins import set_pin
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import PIN, field_error, settle
from tests.tui.test_observation_form import form, person, signed_sheet

MakeApp = Callable[..., GiangvienApp]


async def write_own_part(app: GiangvienApp, pilot: object, text: str, choice: int) -> None:
    """Type the lecturer's words, tick "seen", pick the choice-th way (0: in person)."""
    area = form(app).query_one("#f-self_assessment", TextArea)
    area.focus()
    await pilot.press(*text)  # type: ignore[attr-defined]
    form(app).query_one("#f-ack", Checkbox).focus()
    await pilot.press("space")  # type: ignore[attr-defined]
    ways = form(app).query_one("#f-own-how", Select)
    ways.focus()
    start = list(Recorded).index(Recorded(ways.value))
    moves = ["down"] * (choice - start) if choice >= start else ["up"] * (start - choice)
    await pilot.press("enter", *moves, "enter")  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def test_acknowledged_in_person_takes_the_lecturers_pin(
    small_repo: Repository, make_app: MakeApp
) -> None:
    sheet = signed_sheet(small_repo)
    an = person(small_repo, "An")
    set_pin(small_repo, an.id, PIN)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await write_own_part(app, pilot, "Tôi nhất trí", 0)
        assert isinstance(app.screen, PinModal)
        assert "Nguyễn Văn An nhập mã PIN" in str(app.screen.query_one("#pin-question").render())
        await pilot.press(*"1357", "enter")
        await settle(app, pilot)
        assert field_error(app, "pin") == "Mã PIN không đúng."
        assert small_repo.get(Observation, sheet.id) == sheet  # nothing stored on refusal
        await pilot.press(*PIN, "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, PinModal | ObservationFormScreen)
    stored = small_repo.get(Observation, sheet.id)
    assert stored is not None and stored.reviewed  # the signature does not cover this part
    assert stored.self_assessment == "Tôi nhất trí" and stored.acknowledged_on is not None
    assert stored.own_part is not None
    assert (stored.own_part.how, stored.own_part.by) == (Recorded.IN_PERSON, an.id)


async def test_typed_in_from_paper_names_who_typed_it(
    small_repo: Repository, make_app: MakeApp
) -> None:
    sheet = signed_sheet(small_repo)
    set_pin(small_repo, person(small_repo, "An").id, PIN)  # not asked: An is not typing
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await write_own_part(app, pilot, "Ghi theo phiếu giấy", 1)
        assert not isinstance(app.screen, PinModal | ObservationFormScreen)
        stored = small_repo.get(Observation, sheet.id)
        assert stored is not None and stored.own_part is not None
        hung = person(small_repo, "Hùng")
        assert (stored.own_part.how, stored.own_part.by) == (Recorded.FROM_PAPER, hung.id)
        await pilot.press("enter")
        await settle(app, pilot)
        line = str(form(app).query_one("#f-own-line", Static).render())
        assert line.startswith("Ghi lại từ bản giấy, do Lê Văn Hùng ghi lúc ")


async def test_in_person_without_a_pin_is_the_lecturers_word(
    small_repo: Repository, make_app: MakeApp
) -> None:
    sheet = signed_sheet(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await write_own_part(app, pilot, "Tôi nhất trí", 0)
        assert not isinstance(app.screen, PinModal | ObservationFormScreen)
    stored = small_repo.get(Observation, sheet.id)
    assert stored is not None and stored.own_part is not None
    assert stored.own_part.by == person(small_repo, "An").id
