"""Follow-up on the observation sheet: a weak sheet puts a visit on the plan, and the
next sheet asks, suggestion by suggestion, whether the last ones were acted on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from giangvien.development import Data
from giangvien.i18n import set_language
from giangvien.models import Acted, Lecturer, Observation, SuggestionCheck
from giangvien.plan import State, year_plan
from giangvien.rubric import default_rubric
from giangvien.signing import sign_conclusion
from screens.app import GiangvienApp
from screens.drafts_modal import DraftsModal
from screens.observation_form import ObservationFormScreen
from screens.observation_state import draft_key
from screens.widgets.field import Field
from screens.widgets.footer import KeyFooter
from screens.widgets.lecturer_picker import LecturerPicker
from screens.widgets.suggestion_checks import AnswerChoice, SuggestionChecks
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import screen_text, settle, until

MakeApp = Callable[..., GiangvienApp]
RUBRIC = default_rubric()
# Trung bình: 10,5 of 20 (at least 10, under 14).
WEAK = ["1,5", "1", "1", "0,5", "1,5", "1", "1", "1", "1", "1"]


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> ObservationFormScreen:
    assert isinstance(app.screen, ObservationFormScreen)
    return app.screen


def checks(app: GiangvienApp) -> SuggestionChecks:
    return form(app).query_one(SuggestionChecks)


def drawn(app: GiangvienApp) -> str:
    """The section as the terminal shows it: each line of text, each answer."""
    parts = [*checks(app).query(Static), *checks(app).query(AnswerChoice)]
    return "\n".join(screen_text(w) for w in parts if w.region.height)


def choices(app: GiangvienApp) -> list[str]:
    return [c.value for c in checks(app).query(AnswerChoice)]


def earlier(repo: Repository, day: str, suggestions: str, by: str) -> Observation:
    return repo.save(Observation(
        date=dt.date.fromisoformat(day), lecturer_id=person(repo, "An").id,
        observer_ids=[person(repo, by).id], lesson="Bài trước",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version, suggestions=suggestions,
    ))  # fmt: skip


def two_earlier(repo: Repository) -> tuple[Observation, Observation]:
    first = earlier(repo, "2026-01-05", "- Tăng ví dụ [thực tế] ở [b]địa phương[/b]\n"
                                        "- Giảm đọc chép", by="Lan")  # fmt: skip
    second = earlier(repo, "2026-02-02", "Chú ý phân bổ thời gian", by="Hùng")
    return first, second


async def new_sheet_on_an(app: GiangvienApp, pilot: Pilot[None], day: str = "10/03/2026") -> None:
    await pilot.press("n")
    await pilot.press("ctrl+u", *day, "tab", "enter", *"an", "enter")
    await until(pilot, lambda: bool(app.screen.query(AnswerChoice)), "the earlier suggestions")


async def open_newest(app: GiangvienApp, pilot: Pilot[None], sheet: Observation) -> None:
    """Open the list's first sheet (the newest), as a user does with Enter."""
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: bool(app.screen.query(AnswerChoice)), "the answers")
    assert form(app).record is not None and form(app).record.id == sheet.id  # type: ignore[union-attr]


async def test_a_weak_sheet_puts_a_follow_up_visit_on_the_plan(
    small_repo: Repository, make_app: MakeApp
) -> None:
    today = dt.date.today()
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        # Dated today (the form's default), An's lesson, scored 10,5: Trung bình.
        await pilot.press("n", "tab", "enter", *"an", "enter", "tab", "tab", "tab", "tab")
        await pilot.press(*"Bài 2", "tab", "tab")  # past the place
        # No earlier sheet on An: the section says so and takes no Tab.
        assert "Không có đề xuất nào" in drawn(app)
        for score in WEAK:
            await pilot.press("tab", *score)
        total = str(form(app).query_one(".scorer-total", Static).render())
        assert "Xếp loại: Trung bình" in total
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [weak] = small_repo.all(Observation)
    assert weak.date == today
    # The visit is owed in the plan of the year it falls due (next year's, in December).
    due = today + dt.timedelta(days=small_repo.settings().follow_up_days)
    plan = year_plan(Data.read(small_repo, today), due.year)
    row = plan.row(person(small_repo, "An").id)
    assert row is not None
    [visit] = row.follow_ups
    assert visit.sheet.id == weak.id and visit.band.startswith("Trung bình")
    assert visit.due == due and visit.visited_on is None
    assert visit.state(today) is State.OWED and row.state(today) is State.OWED


async def test_the_next_sheet_asks_about_the_last_suggestions_and_stores_the_answers(
    small_repo: Repository, make_app: MakeApp
) -> None:
    first, second = two_earlier(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await new_sheet_on_an(app, pilot)
        shown = drawn(app)
        # Each earlier sheet by its date and observer; each suggestion as written.
        assert "Phiếu ngày 05/01/2026 · người dự giờ: Phạm Thị Lan" in shown
        assert "Tăng ví dụ [thực tế] ở [b]địa phương[/b]" in shown
        assert "Giảm đọc chép" in shown and "Chú ý phân bổ thời gian" in shown
        assert "Phiếu ngày 02/02/2026 · người dự giờ: Lê Văn Hùng" in shown
        assert shown.count("(chưa trả lời)") == 3
        # Observers, programme, class, lesson (typed), place: then the answers.
        await pilot.press("tab", "tab", "tab", "tab", *"Bài 4", "tab", "tab")
        assert isinstance(app.focused, AnswerChoice)
        assert form(app).region.contains_region(app.focused.region)
        await pilot.press("1", "tab", "right", "right", "tab", "3", "0")
        await pilot.pause()
        assert choices(app) == ["done", "partly", ""]
        assert "‹ Đã thực hiện ›" in drawn(app) and "‹ Thực hiện một phần ›" in drawn(app)
        await pilot.press("tab")
        assert isinstance(app.focused, Checkbox)  # comments only, next
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
    [made] = [o for o in small_repo.all(Observation) if o.id not in (first.id, second.id)]
    assert made.follow_ups == [
        SuggestionCheck(sheet_id=first.id, item=0, text="Tăng ví dụ [thực tế] ở [b]địa phương[/b]",
                        acted=Acted.DONE),
        SuggestionCheck(sheet_id=first.id, item=1, text="Giảm đọc chép", acted=Acted.PARTLY),
    ]  # fmt: skip


async def test_answers_stay_when_the_lecturer_or_the_date_changes_and_back(
    small_repo: Repository, make_app: MakeApp
) -> None:
    two_earlier(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await new_sheet_on_an(app, pilot)
        for choice, key in zip(checks(app).query(AnswerChoice), ("1", "2", "3"), strict=True):
            choice.focus()
            await pilot.press(key)
        assert choices(app) == ["done", "partly", "not_yet"]
        # Before the second sheet: only the first one's suggestions are asked about.
        form(app).query_one("#f-date", Input).focus()
        await pilot.press("ctrl+u", *"20/01/2026")
        await pilot.pause()
        assert choices(app) == ["done", "partly"]
        assert [a["acted"] for a in form(app).raw()["follow_ups"]] == ["done", "partly"]
        # Another lecturer: nothing of An's; An again: every answer as it was.
        picker = form(app).query_one(LecturerPicker)
        picker.focus()
        await pilot.press("enter", *"lan", "enter")
        await until(pilot, lambda: "Không có đề xuất nào" in drawn(app), "Lan's empty list")
        assert form(app).raw()["follow_ups"] == []
        picker.focus()
        await pilot.press("enter", *"an", "enter")
        form(app).query_one("#f-date", Input).focus()
        await pilot.press("ctrl+u", *"10/03/2026")
        await until(pilot, lambda: len(choices(app)) == 3, "An's three suggestions")
        assert choices(app) == ["done", "partly", "not_yet"]


async def test_a_draft_brings_the_answers_back(small_repo: Repository, make_app: MakeApp):
    first, _ = two_earlier(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await new_sheet_on_an(app, pilot)
        checks(app).query(AnswerChoice).first().focus()
        await pilot.press("2")
        await pilot.pause(3.5)  # the form keeps a draft every few seconds
        await settle(app, pilot)
    assert small_repo.drafts()[draft_key(None)]["follow_ups"] == [
        {"sheet_id": first.id, "item": 0, "acted": "partly",
         "text": "Tăng ví dụ [thực tế] ở [b]địa phương[/b]"}
    ]  # fmt: skip
    again = make_app(small_repo, start="observations")
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, DraftsModal), "the drafts offered")
        await pilot.press("enter")
        await until(pilot, lambda: len(choices(again)) == 3, "the resumed sheet's suggestions")
        assert choices(again) == ["partly", "", ""]


async def test_a_stored_sheet_shows_what_was_asked_though_the_earlier_one_changed(
    small_repo: Repository, make_app: MakeApp
) -> None:
    first, _ = two_earlier(small_repo)
    asked = SuggestionCheck(
        sheet_id=first.id, item=0, text=first.suggestions.splitlines()[0][2:], acted=Acted.DONE
    )
    sheet = small_repo.save(Observation(
        date=dt.date(2026, 3, 10), lecturer_id=first.lecturer_id,
        observer_ids=[person(small_repo, "Hùng").id], lesson="Bài 4",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version, follow_ups=[asked],
    ))  # fmt: skip
    small_repo.save(first.touched(suggestions="- Tăng ví dụ\n- Giảm đọc chép"))
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await open_newest(app, pilot, sheet)
        shown = drawn(app)
        assert "Tăng ví dụ [thực tế] ở [b]địa phương[/b]" in shown
        assert choices(app) == ["done", "", ""]  # and the ones it left unanswered
        assert not form(app).changed()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = small_repo.get(Observation, sheet.id)
    assert stored is not None and stored.follow_ups == [asked]


async def test_a_signed_sheets_answers_are_frozen_with_it(
    small_repo: Repository, make_app: MakeApp
) -> None:
    first, second = two_earlier(small_repo)
    asked = [
        SuggestionCheck(sheet_id=second.id, item=0, text="Chú ý phân bổ thời gian",
                        acted=Acted.NOT_YET),
        SuggestionCheck(sheet_id=first.id, item=1, text="Giảm đọc chép", acted=Acted.PARTLY),
    ]  # fmt: skip
    sheet = Observation(
        date=dt.date(2026, 3, 10), lecturer_id=first.lecturer_id,
        observer_ids=[person(small_repo, "Lan").id], lesson="Bài 4",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version, follow_ups=asked,
    )  # fmt: skip
    at = dt.datetime(2026, 3, 11, 9, tzinfo=dt.UTC)
    signed = small_repo.save(sign_conclusion(sheet, "Đạt", person(small_repo, "Hùng"), at))
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await open_newest(app, pilot, signed)
        # As signed: its two answers, oldest sheet first; no suggestion asked anew.
        assert choices(app) == ["partly", "not_yet"]
        assert "Chọn bằng" not in drawn(app)  # nothing to choose any more
        field = next(f for f in form(app).query(Field) if f.name == "follow_ups")
        assert field.disabled
        assert all(not c.focusable for c in checks(app).query(AnswerChoice))
        # The lecturer's own part is still open, and saving it keeps the signature.
        form(app).query_one("#f-ack", Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
    stored = small_repo.get(Observation, signed.id)
    assert stored is not None and stored.acknowledged_on is not None
    assert stored.follow_ups == asked and stored.reviewed


async def test_a_signed_sheet_without_answers_says_so(
    small_repo: Repository, make_app: MakeApp
) -> None:
    first, _ = two_earlier(small_repo)
    sheet = Observation(
        date=dt.date(2026, 3, 10), lecturer_id=first.lecturer_id,
        observer_ids=[person(small_repo, "Lan").id], lesson="Bài 4",
        rubric_id=RUBRIC.rubric_id, rubric_version=RUBRIC.version,
    )  # fmt: skip
    at = dt.datetime(2026, 3, 11, 9, tzinfo=dt.UTC)
    small_repo.save(sign_conclusion(sheet, "Đạt", person(small_repo, "Hùng"), at))
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.screen.query(SuggestionChecks)), "the sheet")
        assert "không ghi câu trả lời nào" in drawn(app)
        assert not checks(app).query(AnswerChoice)


async def test_the_section_speaks_english_with_lang_en(
    small_repo: Repository, make_app: MakeApp
) -> None:
    two_earlier(small_repo)
    set_language("en")
    try:
        app = make_app(small_repo, start="observations")
        async with app.run_test(size=SIZE) as pilot:
            await new_sheet_on_an(app, pilot)
            checks(app).query(AnswerChoice).first().focus()
            await pilot.press("2")
            await pilot.pause()
            shown = drawn(app)
            assert "Sheet of 05/01/2026 · observed by: Phạm Thị Lan" in shown
            assert "‹ Partly done ›" in shown and "‹ (not answered) ›" in shown
            assert app.screen.query_one(KeyFooter).words[0] == "Answer"
    finally:
        set_language("vi")
