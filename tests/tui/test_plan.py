"""The Plan section, driven by keys: make the year's plan from the defaults, set one
lecturer's numbers, see a sheet move them from owed to done; the dashboard and the
profile say the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input, Static

from giangvien.models import Lecturer, Observation, PlanEntry
from giangvien.rubric import default_rubric
from screens.app import GiangvienApp
from screens.dashboard import DashboardScreen
from screens.plan import PlanScreen
from screens.plan_modal import PlanModal
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import field_error, notes, settle, until
from tests.tui.test_write_failures import DISK_FULL, disk_full

MakeApp = Callable[..., GiangvienApp]
TODAY = dt.date(2026, 6, 10)
RUBRIC = default_rubric()


def pinned(make_app: MakeApp, repo: Repository) -> GiangvienApp:
    app = make_app(repo)
    app.today = lambda: TODAY  # type: ignore[attr-defined]
    return app


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def table_rows(app: GiangvienApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#plan-table", DataTable)
    found = {}
    for i in range(table.row_count):
        cells = [str(c) for c in table.get_row_at(i)]
        found[cells[0]] = cells[1:]
    return found


def planned(repo: Repository) -> dict[str, PlanEntry]:
    names = {lec.id: lec.given_name for lec in repo.lecturers()}
    return {names[p.lecturer_id]: p for p in repo.all(PlanEntry) if p.year == TODAY.year}


async def open_plan(app: GiangvienApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("equals_sign")
    await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the Plan section")
    await settle(app, pilot)


async def test_make_the_plan_set_a_number_and_a_sheet_moves_owed_to_done(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    an, hung = person(small_repo, "An"), person(small_repo, "Hùng")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(app, pilot)
        shown = table_rows(app)
        assert list(shown) == ["Nguyễn Văn An", "Lê Văn Hùng", "Phạm Thị Lan"]  # by given name
        assert {row[-1] for row in shown.values()} == {"Chưa có kế hoạch"}
        assert "nhấn l" in str(app.screen.query_one("#plan-note", Static).render())

        await pilot.press("l")
        await settle(app, pilot)
        stored = planned(small_repo)
        # The defaults of Settings: a lecturer 2 and 2, a director and a deputy 1 and 4.
        assert (stored["An"].observed, stored["An"].observing) == (2, 2)
        assert (stored["Hùng"].observed, stored["Hùng"].observing) == (1, 4)
        shown = table_rows(app)
        assert shown["Nguyễn Văn An"][:2] == ["0/2", "0/2"]
        assert shown["Nguyễn Văn An"][-1] == "Còn nợ"
        assert str(app.screen.query_one("#plan-note", Static).render()) == ""

        # Enter on An's "observing" cell: his numbers, with that box in focus.
        await pilot.press("right", "right", "enter")
        await until(pilot, lambda: isinstance(app.screen, PlanModal), "the plan's numbers")
        assert app.focused is not None and app.focused.id == "observing"
        await pilot.press("backspace", "0")  # digits are numbers here, never a section
        assert isinstance(app.screen, PlanModal)
        await pilot.press("shift+tab", "backspace", "1", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the modal closed")
        await settle(app, pilot)
        assert (planned(small_repo)["An"].observed, planned(small_repo)["An"].observing) == (1, 0)
        assert table_rows(app)["Nguyễn Văn An"][:2] == ["0/1", "—"]  # nothing planned

        # Hùng observes An's lesson: An has been observed as planned.
        sheet = Observation(
            date=dt.date(2026, 5, 4),
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 2",
            rubric_id=RUBRIC.rubric_id,
            rubric_version=RUBRIC.version,
        )
        app.write(lambda: small_repo.save(sheet))
        await settle(app, pilot)
        after = table_rows(app)
        assert after["Nguyễn Văn An"][0] == "1/1" and after["Nguyễn Văn An"][-1] == "Đã xong"
        assert after["Lê Văn Hùng"][1] == "1/4"
        summary = str(app.screen.query_one("#plan-summary", Static).render())
        assert "Đã xong: 1" in summary

        # The dashboard says the same: who still owes, with what.
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        panel = str(app.screen.query_one("#dash-not-observed", Static).render())
        assert "Kế hoạch dự giờ năm 2026" in str(
            app.screen.query_one("#dash-not-observed", Static).border_title
        )
        assert "Lê Văn Hùng — được dự 0/1 · đi dự 1/4" in panel
        assert "Nguyễn Văn An" not in panel


async def test_a_number_out_of_range_is_refused_at_its_box(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(app, pilot)
        await pilot.press("e")  # the first lecturer, with no plan yet
        await until(pilot, lambda: isinstance(app.screen, PlanModal), "the plan's numbers")
        await pilot.press("1", "5", "0", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanModal)
        assert field_error(app, "observed")
        assert planned(small_repo) == {}
        # Letters are not numbers: the box keeps digits only, and no key fires "make".
        await pilot.press("tab", "l", "n")
        assert app.screen.query_one("#observing", Input).value == ""
        assert planned(small_repo) == {}
        # Fixed, it saves (a box takes focus with its text selected: typing replaces it).
        await pilot.press("shift+tab", "1", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the modal closed")
        await settle(app, pilot)
        assert planned(small_repo)["An"].observed == 1


async def test_a_disk_that_refuses_the_save_then_a_retry(
    small_repo: Repository, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PlanModal), "the plan's numbers")
        await pilot.press("3")
        disk_full(monkeypatch)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanModal)  # what was typed is still there
        assert any(DISK_FULL in n for n in notes(app))
        assert app.screen.query_one("#observed", Input).value == "3"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the modal closed")
        await settle(app, pilot)
        assert planned(small_repo)["An"].observed == 3
        # "Make" now leaves An's own numbers as they are.
        await pilot.press("l")
        await settle(app, pilot)
        assert planned(small_repo)["An"].observed == 3
        assert set(planned(small_repo)) == {"An", "Hùng", "Lan"}


async def test_the_profile_says_where_a_lecturer_stands(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from giangvien.models import Acted, PlanTarget, SuggestionCheck
    from screens.profile_view import Panel

    an, hung = person(small_repo, "An"), person(small_repo, "Hùng")
    small_repo.save(PlanEntry.of(2026, an.id, PlanTarget(observed=2)))
    weak = small_repo.save(
        Observation(
            date=dt.date(2026, 3, 2),
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 1",
            rubric_id=RUBRIC.rubric_id,
            rubric_version=RUBRIC.version,
            scores={i.code: 1 for i in RUBRIC.items},  # 10 points: Trung bình
            suggestions="- Cập nhật số liệu [2025]\n- Thêm ví dụ ở cơ sở",
        )
    )
    small_repo.save(
        Observation(
            date=dt.date(2026, 4, 10),
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 1",
            rubric_id=RUBRIC.rubric_id,
            rubric_version=RUBRIC.version,
            follow_ups=[
                SuggestionCheck(
                    sheet_id=weak.id, item=0, text="Cập nhật số liệu [2025]", acted=Acted.DONE
                )
            ],
        )
    )
    app = make_app(small_repo, start="development")
    app.today = lambda: dt.date(2026, 11, 20)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"an", "enter")
        await settle(app, pilot)
        lines = [line.plain for line in app.screen.query_one("#dev-tasks", Panel).lines]
        # Observed twice as planned; the weak sheet's follow-up visit was made.
        assert lines[:2] == ["Kế hoạch năm: Đã xong", "  được dự 2/2 · dự lại 1/1"]
        # Two suggestions, due within 90 days: one found done on the next sheet, one not.
        assert lines[2:4] == ["Việc đúng hạn: 1/2 (50%)", "  trễ 0 · quá hạn 1 · chưa đến hạn 0"]
        assert lines[4] == "Góp ý đã thực hiện: 1/2, đúng hạn 1"


async def test_the_plans_defaults_are_set_in_settings(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from giangvien.models import NormKind

    app = make_app(small_repo, start="settings")
    app.today = lambda: TODAY  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#plan-lecturer-observed", Input)
        assert box.value == "2"
        box.focus()
        await pilot.press("ctrl+u", *"1,5")  # not a whole number
        app.screen.query_one("#plan-part_time-observed", Input).focus()
        await pilot.press("ctrl+u")  # left empty beside a filled box: 0
        app.screen.query_one("#plan-part_time-trials", Input).focus()
        await pilot.press("ctrl+u", "1")
        days = app.screen.query_one("#follow_up_days", Input)
        days.focus()
        await pilot.press("ctrl+u", *"21")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Giảng viên chuyên trách, Được dự giờ/năm" in field_error(app, "plan_targets")
        assert small_repo.settings().follow_up_days == 30  # nothing stored
        box.focus()
        await pilot.press("ctrl+u", "3", "ctrl+s")
        await settle(app, pilot)
        settings = small_repo.settings()
        assert settings.plan_targets[NormKind.LECTURER].observed == 3
        assert settings.plan_targets[NormKind.PART_TIME].model_dump() == {
            "observed": 0,
            "observing": 0,
            "trials": 1,
        }
        assert settings.follow_up_days == 21
        app.screen.set_focus(None)
        await open_plan(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert planned(small_repo)["An"].observed == 3


async def test_quitting_with_numbers_typed_asks_and_saves_them(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from screens.quit_modal import QuitModal

    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PlanModal), "the plan's numbers")
        await pilot.press("4", "ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitModal), "the question on quit")
        await pilot.press("ctrl+s")  # save, then quit
        await settle(app, pilot)
        await until(pilot, lambda: not app.is_running, "the app quits after the save")
    assert planned(small_repo)["An"].observed == 4
