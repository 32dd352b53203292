"""The Lecturers section, driven by keys: add, edit, search, archive, delete."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from giangvien.models import Employment, Lecturer, Observation, Position
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.lecturer_form_modal import LecturerFormModal
from screens.lecturers import LecturersScreen
from store.repository import Repository
from tests.tui.conftest import SIZE, open_repo
from tests.tui.helpers import field_error, names, notes, rows, screen_text, settle, type_text

MakeApp = Callable[..., GiangvienApp]


async def pick(pilot: Pilot[None], steps: int) -> None:
    """Open the focused Select and move ``steps`` options down from the current one."""
    await pilot.press("enter", *["down"] * steps, "enter")


def lecturer(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


async def test_the_list_is_sorted_by_given_name(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, LecturersScreen)
        # An < Hùng < Lan: by given name, not by family name or code point.
        assert names(app) == ["Nguyễn Văn An", "Lê Văn Hùng", "Phạm Thị Lan"]
        assert rows(app)[1][1] == "Giám đốc"


async def test_add_a_lecturer_by_typing_every_field(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, LecturerFormModal)
        await pilot.press(*"Giàng", "tab", "A", "tab", *"Pao", "tab")
        await pick(pilot, 1)  # Giảng viên -> Cán bộ
        await pilot.press("tab", *"Thạc sĩ", "tab")
        await pick(pilot, 1)  # chuyên trách -> kiêm chức
        await pilot.press("tab", *"Ban Tuyên giáo", "tab", *"05/09/2015", "ctrl+s")
        await settle(app, pilot)

        assert isinstance(app.screen, LecturersScreen)
        stored = lecturer(small_repo, "Pao")
        assert (stored.family_name, stored.middle_name, stored.given_name) == ("Giàng", "A", "Pao")
        assert stored.full_name == "Giàng A Pao"
        assert stored.position is Position.STAFF
        assert stored.title == "Thạc sĩ"
        assert stored.employment is Employment.PART_TIME
        assert stored.unit == "Ban Tuyên giáo"
        assert stored.start_date == date(2015, 9, 5)
        assert ["Giàng A Pao", "Cán bộ", "kiêm chức", "Ban Tuyên giáo", "05/09/2015", ""] in rows(
            app
        )
        table = app.screen.query_one("#lecturer-table", DataTable)
        assert names(app)[table.cursor_row] == "Giàng A Pao"  # the new one is highlighted


async def test_names_typed_in_nfd_are_stored_nfc(empty_repo: Repository, make_app: MakeApp) -> None:
    empty_repo.save(Lecturer(family_name="Lê", given_name="Hùng"))
    empty_repo.set_current_user(empty_repo.lecturers()[0].id)
    family, middle, given = (unicodedata.normalize("NFD", s) for s in ("Nguyễn", "Thị Thu", "Hà"))
    assert family != "Nguyễn"  # really decomposed
    app = make_app(empty_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_text(pilot, family)
        await pilot.press("tab")
        await type_text(pilot, middle)
        await pilot.press("tab")
        await type_text(pilot, given)
        assert not unicodedata.is_normalized(
            "NFC", app.screen.query_one("#given_name", Input).value
        )
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        stored = lecturer(empty_repo, "Hà")
        assert stored.full_name == "Nguyễn Thị Thu Hà"
        assert unicodedata.is_normalized("NFC", stored.full_name)
        assert "Nguyễn Thị Thu Hà" in names(app)


@pytest.mark.parametrize("given", ["", "   "])
async def test_an_empty_given_name_is_refused_at_the_field(
    small_repo: Repository, make_app: MakeApp, given: str
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Trần", "tab", "tab", *given, "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, LecturerFormModal)  # still open, work kept
        assert field_error(app, "given_name") == "Chưa được điền."
        assert field_error(app, "family_name") == ""
        assert app.focused is app.screen.query_one("#given_name", Input)
        assert len(small_repo.lecturers(include_archived=True)) == 3
        # Fixing it clears the message and saves.
        await pilot.press(*"Bình", "ctrl+s")
        await settle(app, pilot)
        assert lecturer(small_repo, "Bình").full_name == "Trần Bình"


async def test_an_impossible_start_date_is_refused(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Đỗ", "tab", "tab", *"Minh")
        app.screen.query_one("#start_date", Input).focus()
        await pilot.press(*"31/02/2020", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, LecturerFormModal)
        assert field_error(app, "start_date")
        assert all(lec.given_name != "Minh" for lec in small_repo.lecturers())


async def test_markup_shaped_text_shows_literally(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"[TODO] Lê", "tab", *"Văn", "tab", *"Tám")
        app.screen.query_one("#unit", Input).focus()
        await pilot.press(*"[type=x, v={'a[0]'}] [b]Tổ 1[/b]", "ctrl+s")
        await settle(app, pilot)
        assert lecturer(small_repo, "Tám").full_name == "[TODO] Lê Văn Tám"
        row = next(r for r in rows(app) if r[0].startswith("[TODO]"))
        assert row[0] == "[TODO] Lê Văn Tám"
        assert row[3] == "[type=x, v={'a[0]'}] [b]Tổ 1[/b]"
        drawn = screen_text(app.screen.query_one("#lecturer-table", DataTable))
        assert "[TODO] Lê Văn Tám" in drawn
        assert "[type=x, v={'a[0]'}] [b]Tổ 1[/b]" in drawn
        notes_text = "\n".join(notes(app))
        assert "[TODO] Lê Văn Tám" in notes_text  # the "saved" notice, literally


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "Nguyễn Văn An", unicodedata.normalize("NFD", "Nguyễn Văn An"), "NGUYEN AN"],
)
async def test_search_with_and_without_diacritics(
    small_repo: Repository, make_app: MakeApp, query: str
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, query)
        await pilot.pause()
        search = app.screen.query_one("#lecturer-search", Input)
        assert app.focused is search
        assert search.value == query  # what the user typed stays as typed
        assert names(app) == ["Nguyễn Văn An"]
        await pilot.press("enter")  # back to the list, Enter opens the one found
        await pilot.press("enter")
        assert isinstance(app.screen, LecturerFormModal)
        assert app.screen.query_one("#given_name", Input).value == "An"


async def test_search_for_nobody_says_so(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"[zzz]")
        await pilot.pause()
        assert names(app) == []
        count = str(app.screen.query_one("#lecturer-count", Static).render())
        assert "[zzz]" in count


async def test_archive_hides_and_the_toggle_shows(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LecturersScreen)
        app.screen.select_lecturer(lecturer(small_repo, "Lan").id)
        await pilot.press("x")
        await settle(app, pilot)
        assert lecturer(small_repo, "Lan").archived
        assert "Phạm Thị Lan" not in names(app)
        count = str(app.screen.query_one("#lecturer-count", Static).render())
        assert "1" in count and "a" in count
        await pilot.press("a")
        assert "Phạm Thị Lan" in names(app)
        row = next(r for r in rows(app) if r[0] == "Phạm Thị Lan")
        assert row[5] == "đã lưu trữ"
        # x on an archived one brings it back.
        app.screen.select_lecturer(lecturer(small_repo, "Lan").id)
        await pilot.press("x")
        await settle(app, pilot)
        assert not lecturer(small_repo, "Lan").archived
        await pilot.press("a")
        assert "Phạm Thị Lan" in names(app)


async def test_select_lecturer_before_the_table_is_filled(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        small_repo.archive(lecturer(small_repo, "Lan").id)
        await app.switch_mode("lecturers")
        screen = app.screen
        assert isinstance(screen, LecturersScreen)
        screen.select_lecturer(lecturer(small_repo, "Lan").id)
        await pilot.pause()
        table = screen.query_one("#lecturer-table", DataTable)
        assert names(app)[table.cursor_row] == "Phạm Thị Lan"  # shown although archived
        # Also on a screen built but not yet mounted.
        fresh = LecturersScreen()
        fresh.select_lecturer(lecturer(small_repo, "An").id)
        await app.push_screen(fresh)
        await pilot.pause()
        assert names(app)[fresh.query_one(DataTable).cursor_row] == "Nguyễn Văn An"


async def test_delete_of_a_lecturer_named_in_a_record_is_refused(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    named = next(lec for lec in demo_repo.lecturers() if demo_repo.references_to(lec.id))
    app = make_app(demo_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_lecturer(named.id)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(app, pilot)
        assert not demo_repo.get(Lecturer, named.id).deleted
        assert named.full_name in names(app)
        sentence = f"Giảng viên {named.full_name} đã có trong các bản ghi khác"
        assert any(n.startswith(sentence) for n in notes(app))


async def test_delete_of_an_unreferenced_lecturer(demo_repo: Repository, make_app: MakeApp) -> None:
    newcomer = demo_repo.save(Lecturer(family_name="Hà", middle_name="Văn", given_name="Mới"))
    app = make_app(demo_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_lecturer(newcomer.id)
        await pilot.press("delete", "n")  # asked, and said no: nothing happens
        await settle(app, pilot)
        assert not demo_repo.get(Lecturer, newcomer.id).deleted
        await pilot.press("delete", "y")
        await settle(app, pilot)
        assert demo_repo.get(Lecturer, newcomer.id).deleted
        assert "Hà Văn Mới" not in names(app)
        assert len(names(app)) == len(demo_repo.lecturers())


async def test_edit_keeps_the_record_and_its_references(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")
    hung = lecturer(small_repo, "Hùng")
    small_repo.save(
        Observation(
            date=date(2026, 1, 5),
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 1",
            rubric_id="mac-dinh",
            rubric_version=1,
        )
    )
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_lecturer(an.id)
        await pilot.press("e")
        app.screen.query_one("#unit", Input).focus()
        await pilot.press(*"Tổ Lý luận", "ctrl+s")
        await settle(app, pilot)
        stored = small_repo.get(Lecturer, an.id)
        assert stored.unit == "Tổ Lý luận"
        assert stored.created_at == an.created_at
        assert len(small_repo.lecturers()) == 3
        assert rows(app)[0][3] == "Tổ Lý luận"


async def test_escape_with_unsaved_changes_asks(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Vũ", "escape")
        assert isinstance(app.screen, ConfirmModal)
        message = str(app.screen.query_one("#confirm-message", Static).render())
        assert message == "Bỏ các thay đổi chưa lưu?"
        await pilot.press("n")  # keep editing: the typing is still there
        assert isinstance(app.screen, LecturerFormModal)
        assert app.screen.query_one("#family_name", Input).value == "Vũ"
        await pilot.press("escape", "enter")  # a reflex Enter keeps the work
        assert isinstance(app.screen, LecturerFormModal)
        assert app.screen.query_one("#family_name", Input).value == "Vũ"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, LecturersScreen)
        assert len(small_repo.lecturers(include_archived=True)) == 3


async def test_escape_without_changes_closes(small_repo: Repository, make_app: MakeApp) -> None:
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, LecturerFormModal)
        await pilot.press("escape")
        assert isinstance(app.screen, LecturersScreen)


async def test_read_only_file_shows_the_banner_and_refuses_to_add(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    second = open_repo(repo_path)  # small_repo holds the write lock
    try:
        assert second.read_only
        app = make_app(second, start="lecturers")
        async with app.run_test(size=SIZE) as pilot:
            banner = app.screen.query_one("#readonly-banner", Static)
            assert banner.display
            assert str(banner.render()) == second.read_only_reason
            assert names(app) == ["Nguyễn Văn An", "Lê Văn Hùng", "Phạm Thị Lan"]
            await pilot.press("n")
            assert isinstance(app.screen, LecturersScreen)  # no form opened
            assert second.read_only_reason in notes(app)
            await pilot.press("x")
            await settle(app, pilot)
            assert not any(lec.archived for lec in small_repo.lecturers(include_archived=True))
    finally:
        second.close()


async def test_renaming_the_current_user_shows_in_the_header(
    small_repo: Repository, make_app: MakeApp
) -> None:
    user = small_repo.current_user()
    assert user is not None
    app = make_app(small_repo, start="lecturers")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select_lecturer(user.id)
        await pilot.press("e")
        app.screen.query_one("#middle_name", Input).focus()
        await pilot.press("end", "ctrl+u", *"Quang", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.current_user().full_name == "Lê Quang Hùng"
        assert app.user is not None and app.user.full_name == "Lê Quang Hùng"
        assert "Lê Quang Hùng" in app.sub_title
