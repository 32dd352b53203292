"""Getting around: number keys, the menu, help (F1, ?), the command palette, English."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from giangvien.i18n import set_language
from giangvien.models import Lecturer, Observation
from giangvien.rubric import default_rubric
from screens.app import GiangvienApp
from screens.classes import ClassesScreen
from screens.commands import Folded, index_of, score
from screens.dashboard import DashboardScreen
from screens.help_modal import HelpModal
from screens.lecturers import LecturersScreen
from screens.observation_form import ObservationFormScreen
from screens.observations import ObservationsScreen
from screens.plan import PlanScreen
from screens.record_list import RecordListScreen
from screens.reviews import ReviewsScreen
from screens.settings import SettingsScreen
from store.repository import Repository
from tests.tui.conftest import DEMO_TODAY, SIZE

MakeApp = Callable[..., GiangvienApp]


def pinned(make_app: MakeApp, repo: Repository, start: str = "dashboard") -> GiangvienApp:
    app = make_app(repo, start=start)
    app.today = lambda: DEMO_TODAY  # type: ignore[attr-defined]
    return app


def menu(app: GiangvienApp) -> list[str]:
    from screens.widgets.menu import SectionMenu

    found = app.screen.query_one(SectionMenu)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


def help_text(app: GiangvienApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(app: GiangvienApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


# --- sections -------------------------------------------------------------------------------


async def test_number_keys_switch_sections(small_repo: Repository, make_app: MakeApp) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, screen in (
            ("4", ReviewsScreen),
            ("1", DashboardScreen),
            ("2", LecturersScreen),
            ("1", DashboardScreen),
            ("3", ObservationsScreen),
            ("1", DashboardScreen),
            ("9", SettingsScreen),
            ("1", DashboardScreen),
            ("minus", ClassesScreen),
            ("1", DashboardScreen),
            ("equals_sign", PlanScreen),
            ("1", DashboardScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key


async def test_the_menu_lists_the_sections_with_their_keys(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert menu(app) == [
            "1 Tổng quan",
            "2 Giảng viên",
            "3 Dự giờ",
            "4 Chờ kết luận",
            "5 Giảng thử",
            "6 Sinh hoạt chuyên môn",
            "7 Báo cáo viên",
            "8 Phát triển",
            "9 Cài đặt",
            "0 Trao đổi dữ liệu",
            "- Lớp học",
            "= Kế hoạch dự giờ",
        ]
        # Enter on a menu entry opens it, as the number key does.
        app.screen.query_one("#section-menu").focus()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)


async def test_english_section_names(small_repo: Repository, make_app: MakeApp) -> None:
    set_language("en")  # as `giangvien --lang en` does before the app is built
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert menu(app) == [
            "1 Dashboard",
            "2 Lecturers",
            "3 Observations",
            "4 Review queue",
            "5 Trial lectures",
            "6 Meetings",
            "7 Briefing sessions",
            "8 Development",
            "9 Settings",
            "0 Exchange",
            "- Classes",
            "= Plan",
        ]
        panel = app.screen.query_one("#dash-waiting", Static)
        assert panel.border_title == "Waiting for a leader's conclusion"
        await pilot.press("f1")
        await pilot.pause()
        assert help_text(app, "#help-title") == "Help — Dashboard"
        assert "New observation" in help_text(app, "#help-screen-keys")
        assert "Open Review queue" in help_text(app, "#help-global-keys")


# --- help -------------------------------------------------------------------------------------


async def test_f1_lists_the_keys_of_the_dashboard(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert help_text(app, "#help-title") == "Trợ giúp — Tổng quan"
        keys = help_text(app, "#help-screen-keys").splitlines()
        assert keys == [
            "n   Dự giờ mới — Mở phiếu dự giờ trống",
            "r   Phiếu chờ kết luận — Sang danh sách phiếu chờ lãnh đạo kết luận",
        ]
        global_keys = help_text(app, "#help-global-keys")
        assert "4        Mở mục Chờ kết luận" in global_keys
        assert "Bảng lệnh" in global_keys
        assert "F1 / ?" in global_keys
        assert help_text(app, "#help-about").startswith("Tổng quan cho biết")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_question_mark_lists_the_keys_of_the_review_queue(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, demo_repo, start="reviews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert help_text(app, "#help-title") == "Trợ giúp — Chờ kết luận"
        assert "Mở phiếu — Đọc phiếu dự giờ và viết kết luận" in help_text(app, "#help-screen-keys")
        assert "Dự giờ mới" not in help_text(app, "#help-screen-keys")  # the dashboard's
        await pilot.press("question_mark")  # ? again closes, as does F1 or q
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)


# --- the command palette ----------------------------------------------------------------------


def test_score_folds_and_ranks() -> None:
    an = Folded.of("Nguyễn Văn An")
    anh = Folded.of("Nguyễn Văn Anh")
    assert score("nguyen van an", an) == 1.0
    assert 0.9 < score("nguyen van an", anh) < 1.0
    assert score("nguyen", an) > score("van", an) > 0  # the start beats a later word
    assert score("an nguyen", an) > 0  # words in another order still match
    assert score("binh", an) == 0.0
    assert score("", an) == 0.0
    assert score("guyen", an) > 0  # inside a word: weak, but found
    assert score("guyen", an) < score("van", an)


async def open_palette(pilot: Pilot[None], query: str) -> list[str]:
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    # Set as a keyboard that sends decomposed text (NFD) would deliver it.
    app.screen.query_one(CommandInput).value = query
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.pause(0.3)
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "Nguyễn Văn An", unicodedata.normalize("NFD", "Nguyễn Văn An"), "Nguyễn"],
)
async def test_palette_finds_a_lecturer_without_diacritics(
    small_repo: Repository, make_app: MakeApp, query: str
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = await open_palette(pilot, query)
        assert hits[0].startswith("Nguyễn Văn An\n")
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LecturersScreen)
        table = app.screen.query_one("#lecturer-table", DataTable)
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        assert row_key.value == person(small_repo, "An").id


async def test_palette_offers_sections_and_new_observation(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = await open_palette(pilot, "")
        shown = [h.split("\n")[0] for h in hits]
        for name in ("Dự giờ mới", "Tổng quan", "Giảng viên", "Dự giờ", "Chờ kết luận", "Cài đặt"):
            assert name in shown
        await pilot.press("escape")
        await pilot.pause()
        hits = await open_palette(pilot, "cai dat")
        assert hits[0].startswith("Cài đặt")
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SettingsScreen)


@pytest.mark.parametrize("query", ["du gio moi", "new observation", "Dự giờ mới"])
async def test_palette_new_observation(
    small_repo: Repository, make_app: MakeApp, query: str
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = await open_palette(pilot, query)
        assert hits[0].startswith("Dự giờ mới")
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ObservationFormScreen)


async def test_palette_finds_a_sheet_by_lesson_and_opens_it(
    small_repo: Repository, make_app: MakeApp
) -> None:
    sheet = small_repo.save(
        Observation(
            date=dt.date(2026, 11, 2),
            lecturer_id=person(small_repo, "An").id,
            observer_ids=[person(small_repo, "Lan").id],
            lesson="[TODO] Học tập và làm theo tư tưởng Hồ Chí Minh",
            rubric_id=default_rubric().rubric_id,
            rubric_version=1,
        )
    )
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = await open_palette(pilot, "tu tuong ho chi minh")
        assert hits[0] == (
            "[TODO] Học tập và làm theo tư tưởng Hồ Chí Minh — Nguyễn Văn An\n"
            "Phiếu dự giờ · 02/11/2026"
        )
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ObservationFormScreen)
        assert app.screen_stack[0].__class__ is ObservationsScreen
        assert app.screen.record is not None and app.screen.record.id == sheet.id


async def test_palette_shows_markup_shaped_names_literally(
    small_repo: Repository, make_app: MakeApp
) -> None:
    small_repo.save(Lecturer(family_name="[TODO]", middle_name="Lê Văn", given_name="Tám"))
    small_repo.save(Lecturer(family_name="[type=x,", middle_name="v={'a[0]'}]", given_name="Y"))
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = await open_palette(pilot, "le van tam")
        assert hits[0].startswith("[TODO] Lê Văn Tám\n")
        await pilot.press("escape")
        await pilot.pause()
        hits = await open_palette(pilot, "type")
        assert hits[0].startswith("[type=x, v={'a[0]'}] Y\n")


def test_the_index_is_built_once_per_data_version(small_repo: Repository) -> None:
    app = GiangvienApp(small_repo)
    first = index_of(app)
    assert index_of(app) is first
    app.set_reactive(GiangvienApp.data_version, 1)
    assert index_of(app) is not first


def test_the_palette_scores_every_one_of_10000_sheets(small_repo: Repository) -> None:
    an, lan = person(small_repo, "An"), person(small_repo, "Lan")
    rubric = default_rubric()
    small_repo.save_many(
        Observation(
            date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
            lecturer_id=an.id,
            observer_ids=[lan.id],
            lesson=f"Bài {i}: Nghị quyết Đại hội XIII của Đảng",
            rubric_id=rubric.rubric_id,
            rubric_version=1,
        )
        for i in range(10_000)
    )
    app = GiangvienApp(small_repo)
    index = index_of(app)
    assert len(index.sheets) == 10_000
    query = Folded.of("nghi quyet dai hoi").text
    # How long one keystroke's scoring takes: tests/benchmarks/volume_bench.py.
    found = [e for e in index.sheets if max(score(query, n) for n in e.names) > 0]
    assert len(found) == 10_000


async def test_palette_reaches_trials_meetings_and_sessions(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    from giangvien.models import Meeting, Trial

    trial = sorted(demo_repo.all(Trial), key=lambda t: t.date)[-1]
    meeting = sorted(demo_repo.all(Meeting), key=lambda m: m.date)[-1]
    app = pinned(make_app, demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for query, kind, mode in (
            (trial.lesson, "Biên bản giảng thử", "trials"),
            (
                f"sinh hoat chuyen mon thang {meeting.date.month:02}/{meeting.date.year}",
                "Sinh hoạt chuyên môn ·",
                "meetings",
            ),
        ):
            hits = await open_palette(pilot, query)
            where = next(i for i, h in enumerate(hits) if kind in h)
            # The palette highlights its first hit once there are several (classes too).
            at = app.screen.query_one(CommandList).highlighted
            await pilot.press(*["down"] * (where - (-1 if at is None else at)), "enter")
            await settle(app, pilot)
            assert app.current_mode == mode


async def test_each_section_reads_its_data_once_on_opening(
    small_repo: Repository, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.sections import SECTIONS

    calls: list[str] = []
    for section in SECTIONS:
        module = __import__(section.module, fromlist=[section.screen])
        screen_class = getattr(module, section.screen)
        original = screen_class.refresh_data

        def counted(self: object, _original: object = original, _mode: str = section.mode) -> None:
            calls.append(_mode)
            _original(self)  # type: ignore[operator]

        monkeypatch.setattr(screen_class, "refresh_data", counted)
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert calls == ["dashboard"]
        for section in SECTIONS[1:]:
            await pilot.press(section.key)
            await pilot.pause()
    assert calls == [s.mode for s in SECTIONS]


async def test_each_list_imports_ahead_the_forms_it_opens(
    small_repo: Repository, make_app: MakeApp
) -> None:
    """A list's FORMS name the module of every form its `n` opens (imported once shown)."""
    app = make_app(small_repo)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("3", "5", "6", "7", "minus"):
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            screen = app.screen
            assert isinstance(screen, RecordListScreen)
            made = [type(screen.form(None)).__module__]
            if isinstance(screen, ClassesScreen):
                await pilot.press("c")  # the conferences
                await pilot.pause()
                made.append(type(screen.form(None)).__module__)
            assert sorted(made) == sorted(screen.FORMS)
            assert all(w.state.name == "SUCCESS" for w in app.workers if w.group == "forms")
