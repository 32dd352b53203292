"""Sheets and trials pick the class and the lesson from the class log as they are typed;
a class that is not in the log can still be typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import Input

from giangvien.models import ClassLesson, Lecturer, TrainingClass
from screens.app import GiangvienApp
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle, type_text

MakeApp = Callable[..., GiangvienApp]
CLASS = "Lớp sơ cấp lý luận chính trị K15"
LESSON = "Bài 3: Đảng Cộng sản Việt Nam"


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def log_a_class(repo: Repository) -> None:
    lesson = ClassLesson(lesson=LESSON, lecturer_id=person(repo, "An").id,
                         date=dt.date(2026, 3, 2), hours=4)  # fmt: skip
    repo.save(TrainingClass(class_name=CLASS, opened=dt.date(2026, 3, 1), learners=40,
                            lessons=[lesson]))  # fmt: skip


async def test_a_sheet_picks_the_class_and_lesson_from_the_log(
    small_repo: Repository, make_app: MakeApp
) -> None:
    log_a_class(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(app, pilot)
        for field, typed, whole in (
            ("#f-class_name", "lớp sơ", CLASS),
            ("#f-lesson", "bài 3", LESSON),
        ):
            box = app.screen.query_one(field, Input)
            box.focus()
            await type_text(pilot, typed)
            await pilot.pause()
            await pilot.press("right")  # takes the suggestion
            assert box.value == whole
        place = app.screen.query_one("#f-class_name", Input)
        place.value = ""
        place.focus()
        await type_text(pilot, "Lớp mới ngoài sổ")
        await pilot.press("tab")
        assert place.value == "Lớp mới ngoài sổ"  # not in the log: kept as typed


async def test_a_trial_picks_the_lesson_from_the_log(
    small_repo: Repository, make_app: MakeApp
) -> None:
    log_a_class(small_repo)
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(app, pilot)
        box = app.screen.query_one("#t-lesson", Input)
        box.focus()
        await type_text(pilot, "bài 3")
        await pilot.pause()
        await pilot.press("right")
        assert box.value == LESSON
