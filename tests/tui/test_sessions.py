"""Briefing sessions, recorded with the keys only: talks, attendance marks, reasons, guests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from giangvien.i18n import set_language
from giangvien.models import Attendance, Briefing, Form, Lecturer, Level, Presence, Talk
from screens.app import GiangvienApp
from screens.session_form import SessionFormScreen
from screens.sessions import SessionsScreen
from screens.widgets.attendance_grid import AttendanceGrid, GridTable
from screens.widgets.field import Field
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import notes, settle

MakeApp = Callable[..., GiangvienApp]
TITLE = "Quán triệt [Nghị quyết] số *57*"


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> SessionFormScreen:
    assert isinstance(app.screen, SessionFormScreen)
    return app.screen


def error_at(app: GiangvienApp, name: str) -> str:
    field = next(f for f in form(app).query(Field) if f.name == name)
    said = field.query_one(".field-error", Static)
    return str(said.render()) if said.display and said.region.height else ""


def cells(app: GiangvienApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]


async def write(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*["enter" if ch == "\n" else ch for ch in text])


async def to_grid(pilot: Pilot[None]) -> None:
    """From the date, by Tab alone, to the attendance grid (one talk row on the way)."""
    # level, form, point, organiser, chair, presenter, title, remove, add, guidance, notes
    for _ in range(12):
        await pilot.press("tab")
    assert isinstance(pilot.app.focused, GridTable)


async def test_record_a_session_and_its_attendance_by_keys(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+u", *"15/04/2026", "tab")
        await pilot.press("enter", "up", "enter", "tab")  # level: Trung ương
        await pilot.press("enter", "down", "enter", "tab")  # form: online
        await write(pilot, "Hội trường Huyện ủy")
        await pilot.press("tab")
        await write(pilot, "Ban Tuyên giáo Trung ương")
        await pilot.press("tab")
        await write(pilot, "Đồng chí Trưởng Ban")
        await pilot.press("tab")
        await write(pilot, "GS. TS. Nguyễn Văn A")
        await pilot.press("tab")
        await write(pilot, TITLE)
        await pilot.press("ctrl+n")  # a second talk
        await pilot.pause()
        await write(pilot, "Phó Ban")
        await pilot.press("tab")
        await write(pilot, "Tình hình thời sự tháng 4")
        for _ in range(3):  # remove, add
            await pilot.press("tab")
        await write(pilot, "Tuyên truyền kỷ niệm 30/4")
        await pilot.press("tab")
        await write(pilot, "Bổ sung số liệu mới vào bài 2")
        await pilot.press("tab")
        assert isinstance(app.focused, GridTable)
        # An, Hùng, Lan: An late, Hùng present, Lan absent with a reason.
        await pilot.press("m", "c", "v")
        assert isinstance(app.focused, Input) and app.focused.id == "grid-reason"
        await write(pilot, "Đi công tác tỉnh\n")
        assert isinstance(app.focused, GridTable)
        # A guest, then back to save.
        await pilot.press("ctrl+g")
        await write(pilot, "Trần Văn Khách")
        await pilot.press("tab", *"Bí thư Đoàn xã", "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        [session] = small_repo.all(Briefing)
        assert session.date == dt.date(2026, 4, 15)
        assert (session.level, session.form) == (Level.CENTRAL, Form.ONLINE)
        assert session.connection_point == "Hội trường Huyện ủy"
        assert session.organiser == "Ban Tuyên giáo Trung ương"
        assert session.chair == "Đồng chí Trưởng Ban"
        assert session.talks == [
            Talk(presenter="GS. TS. Nguyễn Văn A", title=TITLE),
            Talk(presenter="Phó Ban", title="Tình hình thời sự tháng 4"),
        ]
        assert session.guidance == "Tuyên truyền kỷ niệm 30/4"
        assert session.notes == "Bổ sung số liệu mới vào bài 2"
        an, hung, lan = (person(small_repo, n) for n in ("An", "Hùng", "Lan"))
        assert session.attendance == [
            Attendance(lecturer_id=an.id, status=Presence.LATE),
            Attendance(lecturer_id=hung.id, status=Presence.PRESENT),
            Attendance(lecturer_id=lan.id, status=Presence.ABSENT, reason="Đi công tác tỉnh"),
            Attendance(name="Trần Văn Khách", position="Bí thư Đoàn xã"),
        ]
        assert small_repo.drafts() == {}
        assert isinstance(app.screen, SessionsScreen)
        assert cells(app, "#sessions-table") == [
            ["15/04/2026", "Trung ương", f"{TITLE}; Tình hình thời sự tháng 4",
             "2/3", "1", "1", "Trực tuyến"]
        ]  # fmt: skip
        more = str(app.screen.query_one("#sessions-more", Static).render())
        assert more == "1 buổi · tỷ lệ tham dự của Trung tâm: 66,7%"


async def test_an_absence_without_a_reason_is_refused_at_its_row(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await to_grid(pilot)
        await pilot.press("c", "v")  # Hùng absent, no reason typed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Briefing) == []
        assert error_at(app, "attendance") == "Vắng mặt thì cần ghi lý do: Lê Văn Hùng."
        assert cells(app, "#grid-table")[1] == ["Lê Văn Hùng", "vắng", "⚠ cần ghi lý do"]
        assert isinstance(app.focused, Input) and app.focused.id == "grid-reason"
        assert "Chưa lưu: hãy sửa các ô có ghi lý do." in notes(app)
        # Spaces are no reason either.
        await pilot.press("space", "space", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Briefing) == []
        await write(pilot, "Họp Huyện ủy\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [session] = small_repo.all(Briefing)
        assert [a.reason for a in session.attendance] == ["", "Họp Huyện ủy", ""]


async def test_a_marked_absence_changed_back_keeps_no_reason(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await to_grid(pilot)
        await pilot.press("a")  # English initials work as well
        await write(pilot, "Ốm\n")
        await pilot.press("up", "p")  # changed back to present
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [session] = small_repo.all(Briefing)
        assert [(a.status, a.reason) for a in session.attendance] == [(Presence.PRESENT, "")] * 3


async def test_guests_are_added_and_removed_and_lecturers_stay(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        grid = form(app).query_one(AttendanceGrid)
        await pilot.press("ctrl+g")
        await write(pilot, "[red]Khách[/red]\n")  # markup-shaped: shown as typed
        await pilot.press("ctrl+g", *"Khách hai", "enter")
        assert [r[0] for r in cells(app, "#grid-table")][3:] == [
            "[red]Khách[/red] (khách)",
            "Khách hai (khách)",
        ]
        grid.table.focus()
        await pilot.press("up", "delete")  # the first guest goes
        await pilot.press("up", "delete")  # a lecturer cannot
        assert "Chỉ bỏ được khách mời" in notes(app)[-1]
        assert [r[0] for r in cells(app, "#grid-table")] == [
            "Nguyễn Văn An",
            "Lê Văn Hùng",
            "Phạm Thị Lan",
            "Khách hai (khách)",
        ]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [session] = small_repo.all(Briefing)
        assert [a.name for a in session.attendance if not a.lecturer_id] == ["Khách hai"]


async def test_bad_date_and_a_talk_without_title(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+u", *"31/02/2026")
        form(app).query_one(".talk-presenter", Input).value = "Báo cáo viên tỉnh"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Briefing) == []
        assert "31/02/2026" in error_at(app, "date")
        row = form(app).query_one(".talk-error", Static)
        assert str(row.render()) == "Tên báo cáo, chuyên đề: Chưa được điền."
        assert app.focused is form(app).query_one("#s-date")  # the first refused field
        await pilot.press("ctrl+u", *"28/02/2026")
        form(app).query_one(".talk-title", Input).value = "Thời sự"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [session] = small_repo.all(Briefing)
        assert session.talks == [Talk(presenter="Báo cáo viên tỉnh", title="Thời sự")]


async def test_the_figures_per_lecturer_and_month(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an, hung, lan = (person(small_repo, n) for n in ("An", "Hùng", "Lan"))

    def session(day: str, absent: Lecturer, reason: str) -> Briefing:
        rows = [
            Attendance(lecturer_id=lec.id, status=Presence.ABSENT, reason=reason)
            if lec is absent
            else Attendance(lecturer_id=lec.id)
            for lec in (an, hung, lan)
        ]
        return Briefing(date=dt.date.fromisoformat(day), attendance=rows)

    small_repo.save(session("2026-01-01", an, "Ốm"))
    small_repo.save(session("2026-01-31", an, "[Đi học] lớp cao cấp"))
    small_repo.save(session("2026-02-10", lan, "Nghỉ phép"))
    small_repo.save(session("2025-12-31", hung, "Không tính"))  # before the period
    app = make_app(small_repo, start="sessions")
    app.today = lambda: dt.date(2026, 3, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert cells(app, "#stats-people") == [
            ["Nguyễn Văn An", "1/3", "0", "2", "01/01/2026: Ốm; 31/01/2026: [Đi học] lớp cao cấp"],
            ["Lê Văn Hùng", "3/3", "0", "0", ""],
            ["Phạm Thị Lan", "2/3", "0", "1", "10/02/2026: Nghỉ phép"],
        ]
        assert cells(app, "#stats-months") == [
            ["01/2026", "2", "66,7% (4/6)"],
            ["02/2026", "1", "66,7% (2/3)"],
        ]
        # The period's first day moved on: the first of January no longer counts.
        start = app.screen.query_one("#stats-from", Input)
        start.value = "02/01/2026"
        await pilot.pause()
        assert cells(app, "#stats-people")[0][:4] == ["Nguyễn Văn An", "1/2", "0", "1"]
        await pilot.press("t")
        assert app.screen.query_one("#sessions-table", DataTable).row_count == 4


async def test_delete_asks_then_the_session_never_counts(
    small_repo: Repository, make_app: MakeApp
) -> None:
    small_repo.save(Briefing(date=dt.date(2026, 1, 5), talks=[Talk(title="Thời sự")]))
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert small_repo.all(Briefing) == []
        assert small_repo.all(Briefing, include_deleted=True)[0].deleted
        assert app.screen.query_one("#sessions-table", DataTable).row_count == 0


async def test_english_keys_in_the_footer(small_repo: Repository, make_app: MakeApp) -> None:
    set_language("en")
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form(app).query_one(GridTable).focus()
        await pilot.pause()
        shown = {
            b.binding.description: app.get_key_display(b.binding)
            for b in app.screen.active_bindings.values()
        }
        assert (shown["Present"], shown["Late"], shown["Absent"]) == ("p", "l", "a")


async def test_marks_survive_as_a_draft_and_editing_keeps_the_register(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await to_grid(pilot)
        await pilot.press("l", "a", *"Ốm")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert list(small_repo.drafts()) == ["session:new"]
    # A lecturer who joins later is not added to an old session's register.
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # the drafts dialog: later
        await pilot.press("n")
        await pilot.pause()
        assert "Buổi này có bản nháp chưa lưu; đã mở lại bản nháp." in notes(app)
        assert [r[1:] for r in cells(app, "#grid-table")] == [
            ["đến muộn", ""],
            ["vắng", "Ốm"],
            ["có mặt", ""],
        ]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.drafts() == {}
    small_repo.save(Lecturer(family_name="Vũ", given_name="Mới"))
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert len(cells(app, "#grid-table")) == 3
        await pilot.press("escape")  # nothing changed: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)


def stored_draft(repo: Repository) -> dict[str, object]:
    """A new session's draft exactly as the version before typed states kept it."""
    an, lan = person(repo, "An"), person(repo, "Lan")
    row = {"name": "", "position": "", "unit": "", "reason": ""}
    return {
        "kind": "session", "record_id": None, "saved_at": "2026-12-01T09:30:00+07:00",
        "date": "31/02/2026", "level": "central", "form": "online",
        "connection_point": "Hội trường [A]", "organiser": "Ban Tuyên giáo", "chair": "",
        "talks": [{"presenter": "GS. A", "title": TITLE}, {"presenter": "", "title": ""}],
        "guidance": "Hướng dẫn <b>thực hiện</b>", "notes": "",
        "attendance": [{**row, "lecturer_id": an.id, "status": "absent", "reason": "Ốm"},
                       {**row, "lecturer_id": lan.id, "status": "late"}],
    }  # fmt: skip


async def test_a_draft_kept_by_the_version_before_comes_back_as_typed(
    small_repo: Repository, make_app: MakeApp
) -> None:
    small_repo.save_draft("session:new", stored_draft(small_repo))
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # the drafts dialog: later
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        assert f.query_one("#s-date", Input).value == "31/02/2026"
        assert f.query_one("#s-connection_point", Input).value == "Hội trường [A]"
        assert [t.title.value for t in f.talks.rows()] == [TITLE, ""]
        assert [r[1:] for r in cells(app, "#grid-table")] == [["vắng", "Ốm"], ["đến muộn", ""]]
        assert not any("không đọc được" in n for n in notes(app))


async def test_a_draft_with_fields_that_do_not_read_opens_with_the_rest(
    small_repo: Repository, make_app: MakeApp
) -> None:
    bad = {**stored_draft(small_repo), "date": "15/04/2026", "level": "quốc tế", "talks": "abc",
           "attendance": [{"lecturer_id": 5}]}  # fmt: skip
    small_repo.save_draft("session:new", bad)
    app = make_app(small_repo, start="sessions")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        said = next(n for n in notes(app) if "không đọc được" in n)
        assert said.endswith("các mục sau để như trước khi soạn: Cấp, Báo cáo, Thành phần tham dự.")
        assert f.query_one("#s-organiser", Input).value == "Ban Tuyên giáo"  # as drafted
        assert f.query_one("#s-level").value == Level.PROVINCIAL.value  # a new session's
        assert [t.title.value for t in f.talks.rows()] == [""]
        assert len(cells(app, "#grid-table")) == 3  # every active lecturer, present
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, SessionsScreen)
    [saved] = small_repo.all(Briefing)
    assert (saved.date, saved.organiser) == (dt.date(2026, 4, 15), "Ban Tuyên giáo")
    assert small_repo.drafts() == {}
