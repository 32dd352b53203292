"""The review queue: a leader signs a conclusion; nobody else can."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea

from giangvien.models import Lecturer, Observation, Position, now
from giangvien.rubric import default_rubric
from giangvien.signing import sign_conclusion
from giangvien.summary import waiting_for_review
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.review_modal import ReviewModal
from screens.reviews import ReviewsScreen
from screens.widgets.field import Field
from store.repository import Repository
from tests.tui.conftest import DEMO_TODAY, SIZE, open_repo
from tests.tui.helpers import give_pin

MakeApp = Callable[..., GiangvienApp]
LEADER_LINE = "Chỉ Giám đốc hoặc Phó Giám đốc được ký kết luận. Bạn chỉ xem được phiếu."


def start(make_app: MakeApp, repo: Repository) -> GiangvienApp:
    app = make_app(repo, start="reviews")
    app.today = lambda: DEMO_TODAY  # type: ignore[attr-defined]
    return app


def table(app: GiangvienApp) -> DataTable[object]:
    return app.screen.query_one("#review-table", DataTable)


def row_ids(app: GiangvienApp) -> list[str]:
    found = table(app)
    return [str(found.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(found.row_count)]


def cells(app: GiangvienApp, row: int) -> list[str]:
    return [str(cell) for cell in table(app).get_row_at(row)]


def text_of(app: GiangvienApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notes(app: GiangvienApp) -> list[str]:
    return [n.message for n in app._notifications]


def conclusion_error(app: GiangvienApp) -> str:
    return str(app.screen.query_one(Field).query_one(".field-error", Static).render())


async def settle(app: GiangvienApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


def sheet(repo: Repository, day: dt.date, **fields: object) -> Observation:
    data: dict[str, object] = {
        "date": day,
        "lecturer_id": person(repo, "An").id,
        "observer_ids": [person(repo, "Lan").id],
        "lesson": "Bài 1: Học thuyết Mác - Lênin",
        "rubric_id": default_rubric().rubric_id,
        "rubric_version": 1,
    }
    data.update(fields)
    return repo.save(Observation.model_validate(data))


async def test_the_queue_lists_unreviewed_sheets_oldest_first(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    waiting = waiting_for_review(demo_repo.all(Observation), DEMO_TODAY)
    names = demo_repo.lecturer_names()
    app = start(make_app, demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)
        assert row_ids(app) == [w.observation.id for w in waiting]
        first = waiting[0].observation
        date_cell, who_cell, lesson_cell, score_cell = cells(app, 0)
        assert date_cell == f"{first.date:%d/%m/%Y}\n{waiting[0].days} ngày"
        assert who_cell.startswith(names[first.lecturer_id])
        assert lesson_cell.replace("\n", " ").startswith(first.lesson[:20])
        rubric = default_rubric()
        assert first.scores is not None
        assert score_cell.startswith(f"{rubric.total_of(first.scores):g}".replace(".", ","))
        assert score_cell.endswith(rubric.band_of(first.scores).name)
        assert text_of(app, "#reviews-count").startswith(f"{len(waiting)} phiếu chờ kết luận")
        assert (
            text_of(app, "#reviews-who") == "Chọn một phiếu rồi nhấn Enter để đọc và ký kết luận."
        )


async def test_a_leader_signs_and_the_sheet_leaves_the_queue(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    director = demo_repo.current_user()
    assert director is not None and director.position is Position.DIRECTOR
    waiting = waiting_for_review(demo_repo.all(Observation), DEMO_TODAY)
    target = waiting[1].observation
    app = start(make_app, demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewModal)
        assert app.screen.sheet.id == target.id
        # Typed as a macOS keyboard sends it (NFD), with brackets that look like markup.
        typed = unicodedata.normalize("NFD", "Đạt yêu cầu [cần] bổ sung số liệu")
        app.screen.query_one(TextArea).insert(typed)
        before = now()
        await pilot.press("ctrl+s")
        await give_pin(app, pilot)
        assert isinstance(app.screen, ReviewsScreen)
        stored = demo_repo.get(Observation, target.id)
        assert stored is not None
        assert stored.conclusion == "Đạt yêu cầu [cần] bổ sung số liệu"
        assert stored.concluded_by == director.id
        assert stored.concluded_at is not None
        assert stored.concluded_at.tzinfo is not None
        assert before <= stored.concluded_at <= now()
        assert target.id not in row_ids(app)
        assert len(row_ids(app)) == len(waiting) - 1
        assert text_of(app, "#reviews-count").startswith(f"{len(waiting) - 1} phiếu")
        assert any("Đã ký kết luận" in n for n in notes(app))


async def test_a_deputy_can_sign_too(small_repo: Repository, make_app: MakeApp) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2), observer_ids=[person(small_repo, "Hùng").id])
    small_repo.set_current_user(person(small_repo, "Lan").id)
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press(*"Tốt")
        await pilot.press("ctrl+s")
        await give_pin(app, pilot)
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and stored.concluded_by == person(small_repo, "Lan").id
        assert stored.conclusion == "Tốt"
        assert row_ids(app) == []
        assert text_of(app, "#reviews-count") == "Không có phiếu nào chờ kết luận."


async def test_a_lecturer_sees_the_queue_but_cannot_sign(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2), observer_ids=[person(small_repo, "Hùng").id])
    small_repo.set_current_user(person(small_repo, "An").id)
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert row_ids(app) == [one.id]
        assert text_of(app, "#reviews-who") == LEADER_LINE
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ReviewModal)
        area = modal.query_one(TextArea)
        assert area.read_only
        area.focus()
        await pilot.press(*"Tôi tự ký")
        assert area.text == ""
        area.read_only = False  # even if the field were made writable, signing is refused
        area.insert("Tự ký")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewModal)
        assert text_of(app, "#review-who") == LEADER_LINE
        assert LEADER_LINE in notes(app)
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and not stored.reviewed and stored.conclusion == ""


async def test_an_empty_conclusion_is_refused_at_the_field(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2))
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert conclusion_error(app) == "Hãy viết kết luận trước khi ký."
        await pilot.press("space", "enter", "space")  # only blanks
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewModal)
        assert conclusion_error(app) == "Hãy viết kết luận trước khi ký."
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and not stored.reviewed


async def test_a_too_long_conclusion_is_refused_with_the_reason(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2))
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        app.screen.query_one(TextArea).insert("x" * 10_001)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewModal)
        assert "10000" in conclusion_error(app).replace(".", "").replace(",", "")
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and not stored.reviewed


async def test_the_sheet_shows_exactly_as_written(
    small_repo: Repository, make_app: MakeApp
) -> None:
    sheet(
        small_repo,
        dt.date(2026, 11, 2),
        lesson="[b]Bài 2[/b]",
        strengths="[type=x, v={'a[0]'}]",
        limitations="[TODO] thiếu ví dụ",
        suggestions="",
        self_assessment="Tôi thấy [red]ổn[/]",
        own_part={"how": "from_paper", "by": person(small_repo, "Lan").id, "at": now()},
    )
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[b]Bài 2[/b]" in cells(app, 0)[2]
        assert cells(app, 0)[3] == "chỉ nhận xét"
        await pilot.press("enter")
        await pilot.pause()
        shown = [str(s.render()) for s in app.screen.query(".review-value")]
        assert shown == [
            "Nguyễn Văn An",
            "Phạm Thị Lan",
            "[b]Bài 2[/b]",
            "(chưa ghi)",
            "chỉ nhận xét",
            "[type=x, v={'a[0]'}]",
            "[TODO] thiếu ví dụ",
            "(chưa ghi)",
            "Tôi thấy [red]ổn[/]",
        ]
        assert text_of(app, "#review-title") == "Phiếu dự giờ ngày 02/11/2026"
        assert (
            text_of(app, "#review-who") == "Bạn ký với tư cách Lê Văn Hùng, Giám đốc. Ctrl+S để ký."
        )


async def test_escape_with_a_conclusion_typed_asks_first(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2))
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press(*"Khá")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep writing
        await pilot.pause()
        assert isinstance(app.screen, ReviewModal)
        assert app.screen.query_one(TextArea).text == "Khá"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and not stored.reviewed


async def test_signed_elsewhere_meanwhile_is_not_overwritten(
    small_repo: Repository, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2))
    lan = person(small_repo, "Lan")
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press(*"Của tôi")
        # Meanwhile the deputy's file arrived with her conclusion.
        small_repo.save(sign_conclusion(one, "Của Lan", lan, now()))
        await pilot.press("ctrl+s")
        await give_pin(app, pilot)
        stored = small_repo.get(Observation, one.id)
        assert stored is not None and stored.conclusion == "Của Lan"
        assert stored.concluded_by == lan.id
        assert isinstance(app.screen, ReviewsScreen)
        assert any("đã được kết luận" in n for n in notes(app))


async def test_read_only_file_refuses_to_sign(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    one = sheet(small_repo, dt.date(2026, 11, 2))
    second = open_repo(repo_path)  # small_repo holds the write lock
    try:
        assert second.read_only
        app = start(make_app, second)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewModal)
            app.screen.query_one(TextArea).insert("Đạt")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert second.read_only_reason in notes(app)
            stored = small_repo.get(Observation, one.id)
            assert stored is not None and not stored.reviewed
    finally:
        second.close()


async def test_a_long_queue_shows_one_page(small_repo: Repository, make_app: MakeApp) -> None:
    an, lan = person(small_repo, "An"), person(small_repo, "Lan")
    day = dt.date(2026, 1, 1)
    small_repo.save_many(
        Observation(
            date=day + dt.timedelta(days=i % 300),
            lecturer_id=an.id,
            observer_ids=[lan.id],
            lesson=f"Bài {i}",
            rubric_id=default_rubric().rubric_id,
            rubric_version=1,
        )
        for i in range(250)
    )
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(row_ids(app)) == ReviewsScreen.PAGE
        assert text_of(app, "#reviews-count").startswith("250 phiếu")
        assert (
            text_of(app, "#reviews-more")
            == "Đang hiện 200 phiếu cũ nhất; còn 50 phiếu nữa phía sau."
        )


async def test_the_line_follows_a_change_of_user(small_repo: Repository, make_app: MakeApp) -> None:
    sheet(small_repo, dt.date(2026, 11, 2))
    small_repo.set_current_user(person(small_repo, "An").id)
    app = start(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#reviews-who") == LEADER_LINE
        app.user = person(small_repo, "Hùng")  # chosen again in Settings
        await pilot.pause()
        assert (
            text_of(app, "#reviews-who") == "Chọn một phiếu rồi nhấn Enter để đọc và ký kết luận."
        )
