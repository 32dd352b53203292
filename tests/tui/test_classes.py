"""Classes driven by keys: a class and its lessons typed in, the report's sentence for it,
conferences beside them, the teaching load in the profile, the norms in Settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from giangvien.development import Data, Period, center
from giangvien.development.review import review
from giangvien.documents.report import center_report
from giangvien.i18n import tr
from giangvien.models import Conference, ConferenceKind, Lecturer, NormKind, TrainingClass
from screens.app import GiangvienApp
from screens.class_form import ClassFormScreen
from screens.class_rows import LessonRow, TripRow
from screens.classes import ClassesScreen
from screens.conference_form import ConferenceFormScreen
from screens.drafts_modal import DraftsModal
from screens.meeting_rows import RowList
from screens.widgets.lecturer_picker import ProgrammePicker
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import field_error, notes, settle, type_text, until

MakeApp = Callable[..., GiangvienApp]
TODAY = dt.date(2026, 3, 20)


def pinned(make_app: MakeApp, repo: Repository, start: str = "dashboard") -> GiangvienApp:
    app = make_app(repo, start=start)
    app.today = lambda: TODAY  # type: ignore[method-assign]
    return app


def lecturer(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


def lessons(app: GiangvienApp) -> list[LessonRow]:
    found = app.screen.query_one("#mtg-lessons", RowList).rows
    return [row for row in found if isinstance(row, LessonRow)]


def row_error(row: LessonRow) -> str:
    return str(row.query_one(".mtg-row-error", Static).render())


async def pick(pilot: object, name: str) -> None:
    """Open the focused picker, type a name without its diacritics, take it."""
    await pilot.press("enter")  # type: ignore[attr-defined]
    await type_text(pilot, name)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_a_class_with_three_lessons_typed_by_keys_and_its_sentence(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an, lan = lecturer(small_repo, "An"), lecturer(small_repo, "Lan")
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, ClassesScreen)
        assert "Chưa có lớp nào" in str(app.screen.query_one("#classes-more", Static).render())
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClassFormScreen)
        # The class: its name, programme (the first of the Center's list), partner, learners.
        await type_text(pilot, "Lớp bồi dưỡng nhận thức về Đảng khóa 1/2026")
        await pilot.press("tab", "enter", "down", "enter")  # the programme list, its first entry
        await pilot.press("tab")  # its "other programme" box is hidden: on to the place
        await type_text(pilot, "Hội trường Trung tâm")
        await pilot.press("tab")
        await type_text(pilot, "Huyện đoàn")
        await pilot.press("tab", "ctrl+u", *"02/03/2026", "tab", "tab", *"45")
        # Three lessons, each a row of its own: Ctrl+N, the lesson, who, (day), hours.
        await pilot.press("ctrl+n")
        await until(pilot, lambda: len(lessons(app)) == 1, "the first lesson row")
        assert app.focused is lessons(app)[0].query_one(".cls-lesson-name", Input)
        await type_text(pilot, "Bài 1: Khái quát về Đảng Cộng sản Việt Nam")
        await pilot.press("tab")
        await pick(pilot, "an")
        await pilot.press("ctrl+n")  # the next row: the day and hours of the one before
        await until(pilot, lambda: len(lessons(app)) == 2, "the second lesson row")
        await type_text(pilot, "Bài 2: Mục tiêu, lý tưởng của Đảng")
        await pilot.press("tab")
        await pick(pilot, "lan")
        await pilot.press("tab", "tab", "ctrl+u", *"3,5")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: len(lessons(app)) == 3, "the third lesson row")
        await type_text(pilot, "Bài 3: Những thành tựu to lớn")
        await pilot.press("tab")
        await pick(pilot, "an")
        assert lessons(app)[2].state()["hours"] == "3,5"
        await pilot.press("tab", "ctrl+u", *"03/03/2026", "tab", "ctrl+u", "4")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClassesScreen), notes(app)
        table = app.screen.query_one("#classes-table", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][-2:] == ["45", "11,5"]
    [saved] = small_repo.all(TrainingClass)
    assert (saved.programme, saved.partner, saved.learners) == (
        "Bồi dưỡng nhận thức về Đảng", "Huyện đoàn", 45,
    )  # fmt: skip
    assert [(x.lesson[:5], x.lecturer_id, x.date.day, x.hours) for x in saved.lessons] == [
        ("Bài 1", an.id, 2, 4), ("Bài 2", lan.id, 2, 3.5), ("Bài 3", an.id, 3, 4),
    ]  # fmt: skip
    data = Data.read(small_repo, TODAY)
    found = center(data, Period.year(2026))
    report = center_report(review(data, Period.year(2026)), small_repo.settings(), TODAY)
    assert (
        "Trong năm 2026, Trung tâm đã mở 01 lớp đào tạo, bồi dưỡng với số lượng 45 học viên, "
        "trong đó có 01 lớp bồi dưỡng nhận thức về Đảng, gồm 45 học viên; phối hợp với Huyện "
        "đoàn mở 01 lớp, gồm 45 học viên."
    ) in report
    assert {r.lecturer.given_name: r.load.hours for r in found.rows}["An"] == 8


async def test_a_lesson_refused_is_said_at_its_row_and_a_blank_row_is_no_lesson(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo, start="classes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Lớp sơ cấp")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: len(lessons(app)) == 1, "a lesson row")
        await type_text(pilot, "Bài 1")
        await pilot.press("tab", "tab", "ctrl+u", *"01/03/2026")  # before the opening (today)
        await pilot.press("ctrl+n")  # a second row, left blank
        await until(pilot, lambda: len(lessons(app)) == 2, "a second row")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClassFormScreen)
        said = row_error(lessons(app)[0])
        assert "Chưa được điền" in said  # no lecturer
        assert "ngoài thời gian của lớp" in said
        assert row_error(lessons(app)[1]) == ""  # nothing said: not a lesson
        # Ctrl+R in a row removes it, and the cursor stays in the list.
        lessons(app)[1].first_input().focus()
        await pilot.press("ctrl+r")
        await until(pilot, lambda: len(lessons(app)) == 1, "the blank row removed")
        assert small_repo.all(TrainingClass) == []


async def test_conferences_beside_the_classes_and_the_year_line(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")  # listed first: by given name
    app = pinned(make_app, small_repo, start="classes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert str(app.screen.query_one("#classes-title", Static).render()) == "Hội nghị"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConferenceFormScreen)
        await type_text(pilot, "Hội nghị học tập, quán triệt Nghị quyết số 57-NQ/TW")
        app.screen.query_one("#k-attendees", Input).focus()
        await type_text(pilot, "1.250")
        app.screen.query_one("#k-speakers").focus()
        await pilot.press("space")  # the first lecturer listed speaks
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClassesScreen)
        table = app.screen.query_one("#conferences-table", DataTable)
        assert table.row_count == 1 and str(table.get_row_at(0)[3]) == "1.250"
        year = str(app.screen.query_one("#classes-year", Static).render())
        assert "01 hội nghị với 1.250 lượt người dự" in year
        await pilot.press("c")  # back to the classes
        await pilot.pause()
        assert app.screen.query_one("#classes-table", DataTable).has_focus
    [held] = small_repo.all(Conference)
    assert (held.kind, held.attendees, held.lecturer_ids) == (
        ConferenceKind.RESOLUTION, 1250, [an.id],
    )  # fmt: skip


async def test_the_norms_in_settings_and_the_hours_in_the_profile(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")
    small_repo.save(
        TrainingClass(class_name="Lớp A", opened=TODAY, lessons=[
            {"lesson": "Bài 1", "lecturer_id": an.id, "date": TODAY, "hours": 4.5}])  # type: ignore[list-item]
    )  # fmt: skip
    app = pinned(make_app, small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#norm-lecturer-lecturing", Input)
        assert box.value == "90"
        box.focus()
        await pilot.press("ctrl+u", *"45")
        part = app.screen.query_one("#norm-part_time-total", Input)
        part.focus()
        await pilot.press(*"60")  # its lecturing hours left empty
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        said = field_error(app, "teaching_norms")
        assert said.startswith("Giảng viên kiêm chức, Trong đó giảng dạy: Chưa nhập số"), said
        assert NormKind.PART_TIME not in small_repo.settings().teaching_norms
        part.focus()
        await pilot.press("ctrl+u")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.settings().teaching_norms[NormKind.LECTURER].lecturing == 45
        app.screen.set_focus(None)  # a digit typed in a box is text: from outside, a section
        await pilot.press("8")
        await pilot.pause()
        app.screen.query_one("#dev-lecturer").focus()
        await pick(pilot, "an")
        await pilot.pause()
        said = str(app.screen.query_one("#dev-obs-text", Static).render())
        assert "Giờ giảng: 4,5/45 giờ định mức (10%)" in said


def warnings(app: GiangvienApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def resume_the_draft(app: GiangvienApp, pilot: Pilot[None]) -> ClassFormScreen:
    """As on opening the app: the drafts dialog lists the draft; Enter resumes it."""
    await pilot.pause()
    assert isinstance(app.screen, DraftsModal), app.screen
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ClassFormScreen), app.screen
    return app.screen


async def test_a_class_draft_kept_by_the_previous_version_resumes_with_its_texts(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")
    small_repo.save_draft("class:new", {  # the shape the form stored before its state was typed
        "kind": "class", "record_id": None, "programme": "Lớp [riêng]",
        "class_name": "Lớp sơ cấp [1]", "place": "Hội trường", "partner": "Huyện đoàn",
        "opened": "02/03/2026", "closed": "31/02", "learners": "45",
        "lessons": [{"id": "l1", "lesson": "Bài 1", "lecturer_id": an.id, "date": "02/03/2026",
                     "hours": "3,5"}],
        "field_trips": [{"date": "05/03/2026", "place": "Nhà lưu niệm", "learners": "40"}],
        "notes": "Ghi chú", "saved_at": "2026-03-20T10:00:00+00:00",
    })  # fmt: skip
    app = pinned(make_app, small_repo, start="classes")
    async with app.run_test(size=SIZE) as pilot:
        form = await resume_the_draft(app, pilot)
        assert form.query_one("#c-class_name", Input).value == "Lớp sơ cấp [1]"
        assert form.query_one("#c-closed", Input).value == "31/02"  # half-typed, kept
        assert form.query_one(ProgrammePicker).value == "Lớp [riêng]"
        [row] = lessons(app)
        assert row.state() == {"id": "l1", "lesson": "Bài 1", "lecturer_id": an.id,
                               "date": "02/03/2026", "hours": "3,5"}  # fmt: skip
        assert form.query_one(TripRow).state()["place"] == "Nhà lưu niệm"
        assert not warnings(app)
        form.query_one("#c-closed", Input).focus()
        await pilot.press("ctrl+u", *"06/03/2026", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClassesScreen), notes(app)
    [saved] = small_repo.all(TrainingClass)
    assert (saved.class_name, saved.programme, saved.learners) == (
        "Lớp sơ cấp [1]", "Lớp [riêng]", 45,
    )  # fmt: skip
    assert [(x.id, x.lecturer_id, x.hours) for x in saved.lessons] == [("l1", an.id, 3.5)]
    assert [t.learners for t in saved.field_trips] == [40]
    assert small_repo.drafts() == {}


async def test_a_class_draft_with_fields_that_do_not_read_opens_with_the_records_values(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")
    stored = small_repo.save(TrainingClass(
        class_name="Lớp A", opened=TODAY, learners=30,
        lessons=[{"lesson": "Bài 1", "lecturer_id": an.id, "date": TODAY, "hours": 4}],  # type: ignore[list-item]
    ))  # fmt: skip
    small_repo.save_draft(f"class:{stored.id}", {
        "kind": "class", "record_id": stored.id, "class_name": "Lớp B", "notes": "Đã sửa",
        "learners": 45,  # a number where the text typed belongs
        "lessons": [{"lesson": "Bài 2", "lecturer_id": 7}, "x"],  # rows that do not read
    })  # fmt: skip
    app = pinned(make_app, small_repo, start="classes")
    async with app.run_test(size=SIZE) as pilot:
        form = await resume_the_draft(app, pilot)
        assert form.query_one("#c-class_name", Input).value == "Lớp B"  # drafted, and read
        assert form.query_one("#c-notes", TextArea).text == "Đã sửa"
        assert form.query_one("#c-learners", Input).value == "30"  # the record's
        assert [r.state()["lesson"] for r in lessons(app)] == ["Bài 1"]
        # Only what did not read is named (not the class's name nor its notes).
        assert warnings(app) == [tr("writes.draft_partly", fields="Số học viên, Các bài đã giảng")]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClassesScreen), notes(app)
    [saved] = small_repo.all(TrainingClass)
    assert (saved.class_name, saved.notes, saved.learners) == ("Lớp B", "Đã sửa", 30)
    assert [x.lesson for x in saved.lessons] == ["Bài 1"]
    assert small_repo.drafts() == {}
