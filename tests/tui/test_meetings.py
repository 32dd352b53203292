"""Meetings driven by keys: the form with every section, the minutes, agreed updates."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from markdown_it import MarkdownIt
from textual.widgets import DataTable, Input, Markdown, Select, Static, TextArea

from giangvien.documents.meeting import meeting_minutes
from giangvien.models import Lecturer, Meeting, Observation, Presence, Settings
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.drafts_modal import DraftsModal
from screens.export_modal import ExportModal
from screens.meeting_form import MeetingFormScreen
from screens.meeting_rows import GuestRow, MemberRow, RemarkRow, RowList, TaskRow, UpdateRow
from screens.meetings import MeetingsScreen
from screens.minutes_preview import MinutesPreviewScreen
from screens.updates import UpdatesScreen
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker
from store.repository import Repository
from tests.test_docx import markdown_texts, texts
from tests.tui.conftest import DEMO_TODAY, SIZE, open_repo
from tests.tui.helpers import notes, settle, until

MakeApp = Callable[..., GiangvienApp]
SUMMARY = "# Tiêu đề | *đậm* --- `code` <script>alert(1)</script> [link](x) &amp;"


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> MeetingFormScreen:
    assert isinstance(app.screen, MeetingFormScreen), app.screen
    return app.screen


def shown(static: Static) -> str:
    """The text of a message, or "" when it is not actually on screen."""
    return str(static.render()) if static.display and static.region.height else ""


def error_at(app: GiangvienApp, name: str) -> str:
    field = next(f for f in form(app).query(Field) if f.name == name)
    return shown(field.query_one(".field-error", Static))


def row_error(row: Any) -> str:
    return shown(row.query_one(".mtg-row-error", Static))


async def added(pilot: Any) -> None:
    """A row is mounted by the list's own handler: let it settle before typing on."""
    await pilot.pause()
    await pilot.pause()


async def type_into(pilot: Any, text: str) -> None:
    keys = {"\n": "enter", " ": "space"}
    await pilot.press(*[keys.get(ch, ch) for ch in text])


async def test_a_whole_meeting_by_keys_then_its_minutes_exported(
    small_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    small_repo.save(Settings(parent_body="Huyện ủy Yên Bình", place_name="Yên Bình"))
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.focused, DateInput)
        await pilot.press("ctrl+u", *"05/01/2026", "tab", "ctrl+u", *"14g", "tab")
        await pilot.press(*"16h30", "tab", *"12", "tab")
        await type_into(pilot, "Hội trường [A] Trung tâm")
        await pilot.press("tab")
        assert isinstance(app.focused, LecturerPicker)
        await pilot.press("enter", *"hung", "enter", "tab", "enter", *"lan", "enter", "tab")
        # The members, in Vietnamese order (An, Hùng, Lan), all present to begin with.
        members = form(app).query(MemberRow)
        assert [m.lecturer.given_name for m in members] == ["An", "Hùng", "Lan"]
        assert app.focused is members[0].query_one(Select)
        await pilot.press("enter", "v", "enter", "tab")  # An: vắng
        await type_into(pilot, "Đi học lớp [B]")
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # Hùng's, Lan's status and reason
        await pilot.press("enter")  # + a guest
        await added(pilot)
        await type_into(pilot, "Trần Văn Bình")
        await pilot.press("tab")
        await type_into(pilot, "Phó Trưởng Ban Tuyên giáo Huyện ủy")
        await pilot.press("tab", "tab", "tab")  # the row's ×, the add button, section 1
        assert app.focused is form(app).query_one("#f-review")
        await pilot.press("ctrl+t")
        await type_into(pilot, "Giảng viên lên lớp đúng giờ.")
        await pilot.press("tab", "tab")  # the fill button, then section 2
        await type_into(pilot, "Máy chiếu mới")
        await pilot.press("tab")
        await type_into(pilot, "Thảo luận nhóm")
        await pilot.press("tab", "enter")  # + a content update
        await added(pilot)
        await type_into(pilot, "Bài 3")
        await pilot.press("tab")
        await type_into(pilot, "Nghị quyết 57 | *mới*")
        await pilot.press("tab", "enter", *"an", "enter", "tab", *"15/02/2026", "tab", "tab")
        await pilot.press("tab", "enter")  # past the update's add button; + a remark
        await added(pilot)
        assert isinstance(app.focused, LecturerPicker)
        await pilot.press("enter", *"lan", "enter", "tab", "tab")
        await type_into(pilot, SUMMARY)
        await pilot.press("tab", "tab", "tab")  # ×, add, section 6
        await type_into(pilot, "Giao nhiệm vụ\nNgắn gọn")
        await pilot.press("tab", "enter")  # + a task
        await added(pilot)
        await type_into(pilot, "Soạn bài mới")
        await pilot.press("tab", "enter", *"hung", "enter", "tab", *"31/01/2026")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        [meeting] = small_repo.all(Meeting)
        an, hung, lan = (person(small_repo, g) for g in ("An", "Hùng", "Lan"))
        assert meeting.date == dt.date(2026, 1, 5)
        assert (meeting.start_time, meeting.end_time) == (dt.time(14), dt.time(16, 30))
        assert (meeting.number, meeting.place) == ("12", "Hội trường [A] Trung tâm")
        assert (meeting.chair_id, meeting.secretary_id) == (hung.id, lan.id)
        register = {(a.lecturer_id, a.name): a for a in meeting.attendance}
        assert register[(an.id, "")].status is Presence.ABSENT
        assert register[(an.id, "")].reason == "Đi học lớp [B]"
        assert register[(hung.id, "")].status is Presence.PRESENT
        assert register[(None, "Trần Văn Bình")].position == "Phó Trưởng Ban Tuyên giáo Huyện ủy"
        assert meeting.review == (
            "Trong tháng 12/2025, Trung tâm không tổ chức dự giờ.\nGiảng viên lên lớp đúng giờ."
        )
        assert (meeting.teaching_aids, meeting.active_methods) == (
            "Máy chiếu mới",
            "Thảo luận nhóm",
        )
        [update] = meeting.content_updates
        assert (update.lesson, update.content) == ("Bài 3", "Nghị quyết 57 | *mới*")
        assert (update.owner_id, update.due) == (an.id, dt.date(2026, 2, 15))
        [remark] = meeting.remarks
        assert (remark.speaker.lecturer_id, remark.summary) == (lan.id, SUMMARY)
        assert meeting.conclusion == "Giao nhiệm vụ\nNgắn gọn"
        [task] = meeting.tasks
        assert (task.description, task.owner_id, task.due) == (
            "Soạn bài mới",
            hung.id,
            dt.date(2026, 1, 31),
        )
        assert small_repo.drafts() == {}

        # Back on the list, the meeting is highlighted: month, date, hours, people, counts.
        assert isinstance(app.screen, MeetingsScreen)
        table = app.screen.query_one(DataTable)
        row = [c.plain for c in table.get_row(meeting.id)]
        assert row == ["01/2026", "05/01/2026", "14:00–16:30", "Lê Văn Hùng", "2/3", "2",
                       "Phạm Thị Lan"]  # fmt: skip

        await pilot.press("p")
        assert isinstance(app.screen, MinutesPreviewScreen)
        expected = meeting_minutes(
            meeting,
            small_repo.settings(),
            {lec.id: lec for lec in small_repo.all(Lecturer)},
        )
        document = app.screen.query_one(Markdown)
        assert document.source == expected
        assert not shown(app.screen.query_one("#preview-missing", Static))

        for key, name in (("m", "bien-ban.md"), ("h", "in/bien-ban.html")):
            await pilot.press(key)
            assert isinstance(app.screen, ExportModal)
            box = app.screen.query_one(Input)
            assert box.value.startswith("~/bien-ban-sinh-hoat-chuyen-mon-2026-01.")
            await pilot.press("ctrl+u", *str(tmp_path / name), "enter")
            await settle(app, pilot)
        markdown = (tmp_path / "bien-ban.md").read_text("utf-8")
        assert markdown == expected
        html = (tmp_path / "in" / "bien-ban.html").read_text("utf-8")
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="x"' not in html and "[link](x)" in html
        assert "Sinh hoạt chuyên môn tháng 01/2026" in html
        assert "Yên Bình, ngày 05 tháng 01 năm 2026" in html
        tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(markdown)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline")]


async def test_end_before_start_is_refused_at_the_field(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "ctrl+u", *"16:00", "tab", *"14h", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Meeting) == []
        assert error_at(app, "end_time") == "Giờ kết thúc phải sau giờ bắt đầu."
        assert error_at(app, "start_time") == ""
        assert app.focused is form(app).query_one("#f-end_time")
        await pilot.press("ctrl+u", *"25:00", "ctrl+s")
        await settle(app, pilot)
        assert "không có" in error_at(app, "end_time") or "25:00" in error_at(app, "end_time")
        await pilot.press("ctrl+u", *"17:00", "ctrl+s")
        await settle(app, pilot)
        [meeting] = small_repo.all(Meeting)
        assert meeting.end_time == dt.time(17) and meeting.chair_id is None  # a draft


async def test_absence_without_a_reason_is_refused_at_its_row(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        lan = form(app).query(MemberRow)[2]
        lan.query_one(Select).focus()
        await pilot.press("enter", "v", "enter", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Meeting) == []
        assert row_error(lan) == "Vắng mặt thì cần ghi lý do."
        assert row_error(form(app).query(MemberRow)[0]) == ""
        assert app.focused is lan.query_one(".mtg-reason", Input)  # where the reason goes
        await type_into(pilot, "   ")  # spaces are no reason
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Meeting) == [] and row_error(lan)
        await type_into(pilot, "Ốm")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [meeting] = small_repo.all(Meeting)
        absent = [a for a in meeting.attendance if a.status is Presence.ABSENT]
        assert [(a.lecturer_id, a.reason) for a in absent] == [(person(small_repo, "Lan").id, "Ốm")]


async def test_rows_are_added_and_removed_with_keys(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+n")  # not in a list: says where to go
        assert any("Ctrl+N" in n for n in notes(app))
        tasks = form(app).query_one("#mtg-tasks", RowList)

        async def row_added(count: int) -> None:
            # Typing starts only once the new row is mounted and has the focus.
            await until(
                pilot,
                lambda: (
                    len(tasks.rows) == count
                    and tasks.rows[-1].is_mounted
                    and app.focused is tasks.rows[-1].first_input()
                ),
                f"task row {count} added and focused",
            )

        tasks.query_one(".mtg-add").focus()
        await pilot.press("enter")
        await row_added(1)
        await type_into(pilot, "Việc một")
        await pilot.press("ctrl+n")
        await row_added(2)
        await type_into(pilot, "Việc hai")
        await pilot.press("ctrl+n")  # a third, left blank: no entry
        await row_added(3)
        first = tasks.rows[0]
        first.first_input().focus()
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not first.is_attached, "the first task row removed")
        assert [r.state()["description"] for r in tasks.rows] == ["Việc hai", ""]
        assert app.focused is tasks.rows[0].first_input()
        tasks.rows[1].first_input().focus()  # the blank last row
        await pilot.press("ctrl+delete")  # the same key, as terminals that send it
        await until(pilot, lambda: len(tasks.rows) == 1, "the blank task row removed")
        assert app.focused is tasks.rows[0].first_input()  # none after it: the one before
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [meeting] = small_repo.all(Meeting)
        assert [t.description for t in meeting.tasks] == ["Việc hai"]


async def test_after_removing_a_row_typing_never_overwrites_a_neighbour(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        guests = form(app).query_one("#mtg-guests", RowList)
        for name, position in (("Khách một", "Chức một"), ("Khách hai", "Chức hai")):
            await guests.add()
            await pilot.pause()
            await type_into(pilot, name)
            await pilot.press("tab")
            await type_into(pilot, position)
        first = guests.rows[0]
        first.first_input().focus()
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not first.is_attached, "the first guest removed")
        name = guests.rows[0].query_one(".mtg-guest-name", Input)
        assert app.focused is name and name.selection.is_empty
        await pilot.press("tab")
        position = guests.rows[0].query_one(".mtg-guest-position", Input)
        assert app.focused is position and position.selection.is_empty
        await type_into(pilot, " mới")
        assert guests.state() == [{"name": "Khách hai", "position": "Chức hai mới", "unit": ""}]


async def test_a_half_typed_update_is_refused_at_its_row(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        updates = form(app).query_one("#mtg-content_updates", RowList)
        updates.query_one(".mtg-add").focus()
        await pilot.press("enter", "tab")  # lesson left empty
        await type_into(pilot, "Nội dung mới")
        await pilot.press("tab", "tab", *"31/02/2026", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Meeting) == []
        [row] = updates.query(UpdateRow)
        said = row_error(row)
        assert "31/02/2026" in said and "Chưa được điền" in said
        assert app.focused is row.first_input()


async def test_the_fill_in_button_summarises_last_month_from_the_data(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    sheets = [o for o in demo_repo.all(Observation) if (o.date.year, o.date.month) == (2026, 9)]
    people = {o.lecturer_id for o in sheets}
    app = make_app(demo_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+u", *"06/10/2026")
        form(app).query_one("#mtg-fill").focus()
        await pilot.press("enter")
        await added(pilot)
        area = form(app).query_one("#f-review", TextArea)
        assert area.text.startswith(
            f"Trong tháng 9/2026, Trung tâm tổ chức dự giờ {len(sheets)} lượt "
            f"đối với {len(people)} đồng chí: "
        )
        assert "Kết quả xếp loại:" in area.text
        before = area.text
        await pilot.press("ctrl+t")  # twice changes nothing
        assert area.text == before and app.focused is area


async def test_mark_an_agreed_update_done(demo_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(demo_repo, start="meetings")
    app.today = lambda: DEMO_TODAY  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, UpdatesScreen)
        table = app.screen.query_one(DataTable)
        first = [c.plain for c in table.get_row_at(0)]
        assert first[0] == "Quá hạn"
        item_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        overdue = str(app.screen.query_one("#upd-summary", Static).render())
        await pilot.press("space")
        await settle(app, pilot)
        meeting = next(
            m for m in demo_repo.all(Meeting)
            if item_id in {x.id for x in [*m.content_updates, *m.tasks]}
        )  # fmt: skip
        item = next(x for x in [*meeting.content_updates, *meeting.tasks] if x.id == item_id)
        assert item.done_on == DEMO_TODAY
        row = [c.plain for c in table.get_row(item_id)]
        assert row[0] == "Xong 20/11/2026"
        assert str(app.screen.query_one("#upd-summary", Static).render()) != overdue
        # Undone only when confirmed.
        table.move_cursor(row=table.get_row_index(item_id))
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(app, pilot)
        assert demo_repo.get(Meeting, meeting.id).content_updates == meeting.content_updates  # type: ignore[union-attr]
        await pilot.press("a")  # done ones hidden
        assert item_id not in {k.value for k in table.rows}
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingsScreen)


async def test_a_draft_meeting_names_what_the_minutes_lack(
    small_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    small_repo.save(Meeting(date=dt.date(2026, 1, 5)))
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        missing = shown(app.screen.query_one("#preview-missing", Static))
        assert "Chưa chọn người chủ trì." in missing and "Chưa chọn thư ký." in missing
        assert "Chưa ghi giờ bắt đầu." in missing
        await pilot.press("m")
        assert isinstance(app.screen, MinutesPreviewScreen)  # no file asked for
        assert any("Chưa chọn người chủ trì." in n for n in notes(app))
        assert not [p for p in tmp_path.iterdir() if p.suffix in (".md", ".html")]


async def test_export_asks_before_overwriting(
    demo_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    target = tmp_path / "bb.html"
    target.write_text("cũ", "utf-8")
    app = make_app(demo_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "h", "ctrl+u", *str(target), "enter")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the safe answer: No
        await settle(app, pilot)
        assert target.read_text("utf-8") == "cũ"
        await pilot.press("h", "ctrl+u", *str(target), "enter", "y")
        await settle(app, pilot)
        assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
        await pilot.press("h", "ctrl+u", *str(tmp_path), "enter")  # a folder
        assert isinstance(app.screen, ExportModal)
        assert "thư mục" in str(app.screen.query_one(".field-error", Static).render())


async def test_a_meeting_draft_survives_quitting(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form(app).query_one("#f-place", Input).focus()
        await type_into(pilot, "Phòng [họp] số 2")
        await pilot.press("ctrl+q")
    assert small_repo.drafts()["meeting:new"]["place"] == "Phòng [họp] số 2"
    small_repo.close()
    again = open_repo(repo_path)
    try:
        app = make_app(again, start="meetings")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if not isinstance(app.screen, MeetingsScreen):
                await pilot.press("escape")  # the drafts dialog: later
            await pilot.press("n")
            assert form(app).query_one("#f-place", Input).value == "Phòng [họp] số 2"
            await pilot.press("escape", "y")
            await settle(app, pilot)
            assert again.drafts() == {}
    finally:
        again.close()


async def test_names_and_texts_shaped_like_markup_show_as_typed(
    small_repo: Repository, make_app: MakeApp
) -> None:
    odd = small_repo.save(Lecturer(family_name="[TODO]", given_name="[type=x, v={'a[0]'}]"))
    name = unicodedata.normalize("NFC", odd.full_name)
    small_repo.save(Meeting(date=dt.date(2026, 3, 2), chair_id=odd.id, place="[b]x[/b]"))
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert [c.plain for c in table.get_row_at(0)][3] == name
        await pilot.press("enter")
        assert form(app).query_one("#f-place", Input).value == "[b]x[/b]"
        names = [str(r.lecturer.full_name) for r in form(app).query(MemberRow)]
        assert name in names
        assert not form(app).query(GuestRow)
        assert not form(app).query(RemarkRow) and not form(app).query(TaskRow)


async def test_export_the_minutes_as_word_by_keys(
    demo_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(demo_repo, start="meetings")
    target = tmp_path / "in" / "bien-ban.docx"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        preview = app.screen
        assert isinstance(preview, MinutesPreviewScreen)
        await pilot.press("w")
        assert isinstance(app.screen, ExportModal)
        default = app.screen.query_one(Input).value
        assert default.startswith("~/bien-ban-sinh-hoat-chuyen-mon-") and default.endswith(".docx")
        await pilot.press("ctrl+u", *str(target), "enter")
        await settle(app, pilot)
        assert any(target.name in n for n in notes(app))
    document = docx.Document(io.BytesIO(target.read_bytes()))
    words = [line.removeprefix("- ") for line in texts(document)]
    assert words == [line.removeprefix("- ") for line in markdown_texts(preview.markdown)]
    assert document.core_properties.title == preview.title_text
    assert "Nơi nhận:" in words


def warnings(app: GiangvienApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def resume_the_draft(app: GiangvienApp, pilot: Any) -> None:
    """As on opening the app: the drafts dialog lists the draft; Enter resumes it."""
    await pilot.pause()
    assert isinstance(app.screen, DraftsModal), app.screen
    await pilot.press("enter")
    await pilot.pause()


async def test_a_draft_kept_by_the_previous_version_resumes_with_its_texts(
    small_repo: Repository, make_app: MakeApp
) -> None:
    hung, lan, an = (person(small_repo, g) for g in ("Hùng", "Lan", "An"))
    small_repo.save_draft("meeting:new", {  # the shape the form stored before its state was typed
        "kind": "meeting", "record_id": None, "date": "05/01/2026", "start_time": "14:00",
        "end_time": "16g", "place": "Phòng [họp] 2", "number": "12", "chair_id": hung.id,
        "secretary_id": lan.id,
        "attendance": [
            {"lecturer_id": an.id, "status": "absent", "reason": "Ốm", "position": ""},
            {"lecturer_id": hung.id, "status": "present", "reason": "", "position": ""},
            {"lecturer_id": lan.id, "status": "late", "reason": "", "position": ""},
        ],
        "guests": [{"name": "Trần Văn Bình", "position": "Phó Ban", "unit": ""}],
        "review": "Nhận xét [b]tháng[/b]", "teaching_aids": "", "active_methods": "",
        "conclusion": "Kết luận",
        "content_updates": [{"id": "u1", "lesson": "Bài 3", "content": "Nghị quyết 57",
                             "owner_id": an.id, "due": "15/02/2026", "done_on": ""}],
        "remarks": [{"lecturer_id": "", "name": "Khách", "summary": "Ý kiến"}],
        "tasks": [{"id": "t1", "description": "Soạn bài", "owner_id": lan.id, "due": "",
                   "done_on": "2026-01-20"}],
        "saved_at": "2026-01-05T10:00:00+00:00",
    })  # fmt: skip
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await resume_the_draft(app, pilot)
        f = form(app)
        assert f.query_one("#f-date", DateInput).value == "05/01/2026"
        assert f.query_one("#f-end_time", Input).value == "16g"
        assert f.query_one("#f-place", Input).value == "Phòng [họp] 2"
        assert f.query_one("#f-chair_id", LecturerPicker).lecturer_id == hung.id
        assert f.query_one("#f-review", TextArea).text == "Nhận xét [b]tháng[/b]"
        members = {r.lecturer.given_name: r.state() for r in f.query(MemberRow)}
        assert (members["An"]["status"], members["An"]["reason"]) == ("absent", "Ốm")
        assert members["Lan"]["status"] == "late"
        [guest] = f.query(GuestRow)
        assert guest.query_one(".mtg-guest-name", Input).value == "Trần Văn Bình"
        [task] = f.query(TaskRow)
        assert task.state()["description"] == "Soạn bài"
        assert "xong 20/01/2026" in str(task.query_one(".mtg-done", Static).render())
        assert f.query_one(UpdateRow).state()["due"] == "15/02/2026"
        assert f.query_one(RemarkRow).state()["name"] == "Khách"
        assert not warnings(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingsScreen), notes(app)
    [meeting] = small_repo.all(Meeting)
    assert (meeting.place, meeting.end_time, meeting.chair_id) == ("Phòng [họp] 2", dt.time(16),
                                                                   hung.id)  # fmt: skip
    register = {(a.lecturer_id, a.name): a for a in meeting.attendance}
    assert register[(an.id, "")].reason == "Ốm" and (None, "Trần Văn Bình") in register
    assert [(u.id, u.due) for u in meeting.content_updates] == [("u1", dt.date(2026, 2, 15))]
    assert [(t.id, t.done_on) for t in meeting.tasks] == [("t1", dt.date(2026, 1, 20))]
    assert small_repo.drafts() == {}


async def test_a_draft_with_fields_that_do_not_read_opens_with_the_records_values_there(
    small_repo: Repository, make_app: MakeApp
) -> None:
    hung, an = person(small_repo, "Hùng"), person(small_repo, "An")
    stored = small_repo.save(Meeting(
        date=dt.date(2026, 1, 5), place="Hội trường", chair_id=hung.id,
        attendance=[{"name": "Khách cũ", "position": "Chức cũ"}],  # type: ignore[list-item]
        tasks=[{"description": "Việc cũ", "owner_id": an.id}],  # type: ignore[list-item]
    ))  # fmt: skip
    small_repo.save_draft(f"meeting:{stored.id}", {
        "kind": "meeting", "record_id": stored.id, "place": "Phòng 2", "number": "7",
        "chair_id": 5,  # a number where an id belongs
        "tasks": "abc",  # text where a list belongs
        "guests": [{"name": "Khách mới"}],  # a row missing its other keys
        "attendance": [5, {"lecturer_id": ["x"], "status": "present"}],  # rows that are not rows
    })  # fmt: skip
    app = make_app(small_repo, start="meetings")
    async with app.run_test(size=SIZE) as pilot:
        await resume_the_draft(app, pilot)
        f = form(app)
        assert f.query_one("#f-place", Input).value == "Phòng 2"  # drafted, and read
        assert f.query_one("#f-number", Input).value == "7"
        assert f.query_one("#f-chair_id", LecturerPicker).lecturer_id == hung.id  # the record's
        assert [r.state()["description"] for r in f.query(TaskRow)] == ["Việc cũ"]
        assert [r.state()["name"] for r in f.query(GuestRow)] == ["Khách cũ"]
        assert {r.state()["status"] for r in f.query(MemberRow)} == {""}  # none listed
        [said] = warnings(app)
        for label in ("Chủ trì", "Nhiệm vụ", "Khách mời", "Thành phần tham dự"):
            assert label in said, said
        assert "Phòng 2" not in said and "Số văn bản" not in said
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingsScreen), notes(app)
    [meeting] = small_repo.all(Meeting)
    assert (meeting.place, meeting.number, meeting.chair_id) == ("Phòng 2", "7", hung.id)
    assert [t.description for t in meeting.tasks] == ["Việc cũ"]
    assert [a.name for a in meeting.attendance] == ["Khách cũ"]
    assert small_repo.drafts() == {}
