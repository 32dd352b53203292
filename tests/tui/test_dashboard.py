"""The dashboard: figures computed from the stored records, shown for a pinned today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from giangvien.demo import generate
from giangvien.development import Data
from giangvien.models import Lecturer, Meeting, Observation, Settings
from giangvien.plan import State, year_plan
from giangvien.rubric import default_rubric
from giangvien.summary import month_observations, not_observed, waiting_for_review
from screens.app import GiangvienApp
from screens.dashboard import DashboardScreen
from screens.observation_form import ObservationFormScreen
from screens.reviews import ReviewsScreen
from store.repository import Repository
from tests.trial_helpers import decided
from tests.tui.conftest import DEMO_TODAY, SIZE, open_repo

MakeApp = Callable[..., GiangvienApp]


def pinned(make_app: MakeApp, repo: Repository, today: dt.date = DEMO_TODAY) -> GiangvienApp:
    app = make_app(repo)
    app.today = lambda: today  # type: ignore[attr-defined]
    return app


def panel(app: GiangvienApp, name: str) -> str:
    return str(app.screen.query_one(f"#dash-{name}", Static).render())


def title(app: GiangvienApp, name: str) -> str:
    return app.screen.query_one(f"#dash-{name}", Static).border_title or ""


def notes(app: GiangvienApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(app: GiangvienApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def lecturer(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


async def test_dashboard_shows_the_demo_figures(demo_repo: Repository, make_app: MakeApp) -> None:
    observations = demo_repo.all(Observation)
    names = demo_repo.lecturer_names()
    month = month_observations(observations, DEMO_TODAY)
    waiting = waiting_for_review(observations, DEMO_TODAY)
    assert month and len(waiting) > 1  # the demo has something to show
    app = pinned(make_app, demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert title(app, "month") == "Dự giờ tháng 11/2026"
        shown = panel(app, "month")
        assert f"{len(month)} phiếu dự giờ trong tháng" in shown
        assert names[month[0].lecturer_id] in shown
        shown = panel(app, "waiting")
        assert f"{len(waiting)} phiếu chờ kết luận" in shown
        # Oldest first, with the days it has waited.
        oldest = waiting[0]
        first_row = shown.splitlines()[1]
        assert oldest.observation.date.strftime("%d/%m/%Y") in first_row
        assert f"{oldest.days} ngày" in first_row
        assert names[oldest.observation.lecturer_id] in first_row
        # The demo's last meeting is before 20/11/2026; its last briefing on 16/11/2026.
        assert panel(app, "meeting") == "Chưa có buổi sinh hoạt chuyên môn nào được lên lịch."
        assert panel(app, "briefing").startswith("Ngày 16/11/2026 · Cấp: Tỉnh")
        # The demo made its 2026 plan: the panel of who was left out shows it instead.
        plan = year_plan(Data.read(demo_repo, DEMO_TODAY), 2026)
        assert plan.made and title(app, "not-observed") == "Kế hoạch dự giờ năm 2026"
        counts = [plan.count(s) for s in (State.OVERDUE, State.OWED, State.DONE)]
        head = "Quá hạn {} · còn nợ {} · đã xong {}".format(*counts)
        assert panel(app, "not-observed").splitlines()[0] == head
        owing = [r for r in plan.rows if r.state(plan.at) in (State.OVERDUE, State.OWED)]
        assert len(panel(app, "not-observed").splitlines()) == 1 + len(owing)


async def test_today_moves_the_figures(demo_repo: Repository, make_app: MakeApp) -> None:
    # Two months later nothing new was recorded: this month is empty, everyone is overdue.
    later = DEMO_TODAY + dt.timedelta(days=120)
    overdue = not_observed(
        demo_repo.lecturers(),
        demo_repo.all(Observation),
        later,
        demo_repo.settings().not_observed_days,
    )
    assert overdue
    app = pinned(make_app, demo_repo, later)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert panel(app, "month") == "Chưa có phiếu dự giờ nào trong tháng này."
        shown = panel(app, "not-observed")
        assert f"{len(overdue)} giảng viên" in shown
        assert f"{overdue[0].lecturer.full_name} — {overdue[0].days} ngày" in shown


async def test_next_meeting_and_markup_shaped_text(
    small_repo: Repository, make_app: MakeApp
) -> None:
    today = dt.date(2026, 3, 10)
    tam = small_repo.save(Lecturer(family_name="[TODO]", middle_name="Lê Văn", given_name="Tám"))
    small_repo.save(
        Meeting(date=dt.date(2026, 3, 5), place="Phòng cũ")  # already held
    )
    small_repo.save(
        Meeting(
            date=dt.date(2026, 3, 12),
            start_time=dt.time(14, 0),
            place="[type=x, v={'a[0]'}] Hội trường",
        )
    )
    hung = lecturer(small_repo, "Hùng")
    small_repo.save(
        Observation(
            date=dt.date(2026, 3, 9),
            lecturer_id=tam.id,
            observer_ids=[hung.id],
            lesson="[b]Bài 1[/b]: Chủ nghĩa Mác",
            rubric_id=default_rubric().rubric_id,
            rubric_version=1,
        )
    )
    app = pinned(make_app, small_repo, today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert panel(app, "meeting").splitlines() == [
            "Ngày 12/03/2026 (còn 2 ngày)",
            "Lúc 14:00",
            "Tại [type=x, v={'a[0]'}] Hội trường",
        ]
        assert "[TODO] Lê Văn Tám — [b]Bài 1[/b]: Chủ nghĩa Mác" in panel(app, "month")
        assert "1 ngày  [TODO] Lê Văn Tám" in panel(app, "waiting")
        # Nobody else was ever observed; Tám was, yesterday.
        shown = panel(app, "not-observed")
        assert "Lê Văn Hùng — chưa từng được dự giờ" in shown
        assert "Nguyễn Văn An — chưa từng được dự giờ" in shown
        assert "Tám" not in shown
        assert panel(app, "briefing") == "Chưa có buổi sinh hoạt báo cáo viên nào."


async def test_the_setting_decides_not_observed_days(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = lecturer(small_repo, "An")
    hung = lecturer(small_repo, "Hùng")
    small_repo.save(Settings(not_observed_days=30))
    small_repo.save(
        Observation(
            date=DEMO_TODAY - dt.timedelta(days=30),  # exactly 30 days: not yet overdue
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 2",
            rubric_id=default_rubric().rubric_id,
            rubric_version=1,
        )
    )
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert title(app, "not-observed") == "Chưa được dự giờ quá 30 ngày"
        assert "Nguyễn Văn An" not in panel(app, "not-observed")
        assert "2 giảng viên" in panel(app, "not-observed")


async def test_a_write_refreshes_the_figures(small_repo: Repository, make_app: MakeApp) -> None:
    an = lecturer(small_repo, "An")
    hung = lecturer(small_repo, "Hùng")
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert panel(app, "waiting") == "Không có phiếu nào chờ kết luận."
        sheet = Observation(
            date=DEMO_TODAY,
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài mới",
            rubric_id=default_rubric().rubric_id,
            rubric_version=1,
        )
        app.write(lambda: small_repo.save(sheet))
        await settle(app, pilot)
        assert "1 phiếu chờ kết luận" in panel(app, "waiting")
        assert "1 phiếu dự giờ trong tháng" in panel(app, "month")


async def test_keys_open_a_new_sheet_and_the_queue(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ObservationFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)


async def test_read_only_refuses_a_new_sheet(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
) -> None:
    second = open_repo(repo_path)  # small_repo holds the write lock
    try:
        assert second.read_only
        app = pinned(make_app, second)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert second.read_only_reason in notes(app)
    finally:
        second.close()


async def test_everything_fits_120x40(empty_repo: Repository, make_app: MakeApp) -> None:
    # A bigger Center, half a year after its records end: every list is long.
    records = generate(lecturers=30, years=1, today=DEMO_TODAY)
    empty_repo.save_many(records)
    empty_repo.set_current_user(next(r.id for r in records if isinstance(r, Lecturer)))
    later = DEMO_TODAY + dt.timedelta(days=180)
    app = pinned(make_app, empty_repo, later)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "… và" in panel(app, "not-observed")  # longer than its panel: cut with a count
        assert "… và" in panel(app, "waiting")
        for widget in app.screen.query(".dash-panel"):
            region = widget.region
            assert region.width >= 30 and region.height >= 6, widget.id
            assert region.bottom <= SIZE[1] - 1, widget.id  # above the footer
            # Every line fits its panel's height: nothing is cut off at the bottom.
            lines = str(widget.render()).splitlines()
            assert len(lines) <= widget.content_region.height, widget.id


async def test_overdue_updates_and_retrials_are_counted(
    small_repo: Repository, make_app: MakeApp
) -> None:
    from giangvien.models import ContentUpdate, Task, Verdict

    an = lecturer(small_repo, "An")
    hung = lecturer(small_repo, "Hùng")
    small_repo.save(
        Meeting(
            date=DEMO_TODAY - dt.timedelta(days=40),
            chair_id=hung.id,
            content_updates=[
                ContentUpdate(
                    lesson="Bài 1",
                    content="Nghị quyết mới",
                    owner_id=an.id,
                    due=DEMO_TODAY - dt.timedelta(days=1),
                ),
                ContentUpdate(lesson="Bài 2", content="Số liệu", owner_id=an.id, due=DEMO_TODAY),
            ],
            tasks=[
                Task(
                    description="Báo cáo",
                    owner_id=an.id,
                    due=DEMO_TODAY - dt.timedelta(days=5),
                    done_on=DEMO_TODAY,
                )
            ],
        )
    )
    small_repo.save(
        decided(
            lecturer_id=an.id,
            lesson="[Bài 3] Tư tưởng",
            date=DEMO_TODAY - dt.timedelta(days=30),
            verdict=Verdict.NOT_PASSED,
            to_fix="Rút ngắn mở bài",
            next_trial_date=DEMO_TODAY - dt.timedelta(days=2),
        )
    )
    app = pinned(make_app, small_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = panel(app, "overdue")
        # One update is a day late; the other is due today, the task is done.
        assert "Nội dung, nhiệm vụ quá hạn: 1" in text
        assert "Chờ giảng thử lại: 1 (1 quá hạn)" in text
        assert "[Bài 3] Tư tưởng" in text and "Nguyễn Văn An" in text
