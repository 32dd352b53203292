"""Development driven by keys: a profile on one screen, other periods, export, the Center view."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
from textual.widgets import DataTable, Select, Sparkline, Static

from giangvien.development import Data, Period, center, profile, sort_rows
from giangvien.development.review import lecturer_follow, review
from giangvien.documents.report import center_report, profile_report
from giangvien.models import Lecturer, Observation
from screens.app import GiangvienApp
from screens.center_view import CenterView
from screens.confirm_modal import ConfirmModal
from screens.development import DevelopmentScreen
from screens.export_modal import ExportModal
from screens.profile_view import Panel
from screens.widgets.date_field import DateInput
from store.repository import Repository
from tests.test_docx import markdown_texts, texts
from tests.tui.conftest import DEMO_TODAY, SIZE
from tests.tui.helpers import notes, screen_text, settle

MakeApp = Callable[..., GiangvienApp]
B = dict(
    zip(
        ("ND1", "ND2", "ND3", "ND4", "PP1", "PP2", "PP3", "PT1", "PT2", "HQ1"),
        (3, 1, 1, 1, 2, 1, 1, 1, 1, 2),
        strict=True,
    )
)


def pinned(make_app: MakeApp, repo: Repository, start: str = "dashboard") -> GiangvienApp:
    app = make_app(repo, start=start)
    app.today = lambda: DEMO_TODAY  # type: ignore[method-assign]
    return app


def screen(app: GiangvienApp) -> DevelopmentScreen:
    assert isinstance(app.screen, DevelopmentScreen), app.screen
    return app.screen


def panel(app: GiangvienApp, name: str) -> str:
    return "\n".join(line.plain for line in app.screen.query_one(f"#dev-{name}", Panel).lines)


def shown(app: GiangvienApp, selector: str) -> str:
    return screen_text(app.screen.query_one(selector))


def lecturer(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers(include_archived=True) if lec.given_name == given)


async def test_a_demo_profile_on_one_screen(demo_repo: Repository, make_app: MakeApp) -> None:
    app = pinned(make_app, demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await pilot.pause()
        dev = screen(app)
        user = app.user
        assert user is not None and dev.lecturer_id == user.id
        assert dev.period == Period.year(2026)
        expected = profile(Data.read(demo_repo, DEMO_TODAY), user, Period.year(2026))
        obs = shown(app, "#dev-obs-text")
        assert f"Được dự giờ: {len(expected.received)} lượt" in obs
        assert f"Đi dự giờ đồng nghiệp: {len(expected.given)} lượt" in obs
        assert app.screen.query_one(Sparkline).data == expected.shares
        notes_text = str(app.screen.query_one("#dev-obs-notes", Static).render())
        assert "độ dốc" in notes_text and "% điểm tối đa" in notes_text  # the rules, on screen
        items = app.screen.query_one("#dev-items", Panel).lines
        assert [line.plain.split()[0] for line in items[:10]] == [i.code for i in expected.items]
        assert str(app.screen.query_one("#dev-items").border_subtitle) == "± so với 2025"
        # Nothing scrolls: every panel lies inside the screen, above the footer.
        for name in ("obs", "items", "trials", "points", "attendance", "tasks"):
            region = app.screen.query_one(f"#dev-{name}").region
            assert region.height >= 3 and region.bottom <= SIZE[1] - 1, name
        assert app.screen.query_one("#dev-profile").virtual_size.height <= SIZE[1]


async def test_choose_another_lecturer_and_period(demo_repo: Repository, make_app: MakeApp) -> None:
    app = pinned(make_app, demo_repo, start="development")
    yen = lecturer(demo_repo, "Yến")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"yen", "enter")  # without diacritics
        await pilot.pause()
        dev = screen(app)
        assert dev.lecturer_id == yen.id
        data = Data.read(demo_repo, DEMO_TODAY)
        want = profile(data, yen, Period.year(2026))
        assert f"{len(want.received)} lượt" in shown(app, "#dev-obs-text")
        # The year before, from the year list (newest first: 2026, then 2025).
        await pilot.press("y", "down", "enter")
        await pilot.pause()
        assert dev.period == Period.year(2025)
        assert app.screen.query_one("#dev-from", DateInput).value == "01/01/2025"
        before = profile(data, yen, Period.year(2025))
        assert app.screen.query_one(Sparkline).data == before.shares
        # Any period, typed: the first half of 2026.
        await pilot.press("d", "ctrl+u", *"01/01/2026", "enter")
        await pilot.press("ctrl+u", *"30/06/2026", "enter")
        await pilot.pause()
        assert dev.period == Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        assert app.screen.query_one("#dev-year", Select).value == Select.NULL
        subtitle = str(app.screen.query_one("#dev-items").border_subtitle)
        assert subtitle == "± so với 01/07/2025–31/12/2025"
        # [ steps back by the same length: the second half of 2025.
        app.screen.query_one("#dev-lecturer").focus()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert dev.period == Period(dt.date(2025, 7, 1), dt.date(2025, 12, 31))
        assert app.screen.query_one("#dev-to", DateInput).value == "31/12/2025"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert dev.period == Period(dt.date(2026, 7, 1), dt.date(2026, 12, 31))


async def test_a_period_typed_backwards_is_refused(
    demo_repo: Repository, make_app: MakeApp
) -> None:
    app = pinned(make_app, demo_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+u", *"01/06/2026", "tab", "ctrl+u", *"01/05/2026", "enter")
        await pilot.pause()
        # The last valid period stays (1 June to the end of the year), and the user is told.
        assert screen(app).period == Period(dt.date(2026, 6, 1), dt.date(2026, 12, 31))
        assert any("Ngày kết thúc" in n for n in notes(app))
        await pilot.press("ctrl+u", *"31/02/2026", "enter")
        await pilot.pause()
        assert any("31/02/2026" in n for n in notes(app))


async def test_export_a_profile_as_markdown_and_html(
    demo_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    app = pinned(make_app, demo_repo, start="development")
    target = tmp_path / "ho-so.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "down", "enter")  # 2025
        await pilot.press("m")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        name = modal.default
        assert name.startswith("~/ho-so-phat-trien-") and name.endswith("-2025.md")
        await pilot.press("ctrl+u", *str(target), "enter")
        await settle(app, pilot)
        user = app.user
        assert user is not None
        names = {lec.id: lec for lec in demo_repo.all(Lecturer, include_deleted=True)}
        data = Data.read(demo_repo, DEMO_TODAY)
        mine = profile(data, user, Period.year(2025))
        follow = lecturer_follow(data, user, Period.year(2025))
        expected = profile_report(mine, data.settings, names, DEMO_TODAY, follow=follow)
        assert target.read_text("utf-8") == expected
        assert any("ho-so.md" in n for n in notes(app))
        # HTML, over the same file: asked first, the safe answer keeps it.
        await pilot.press("h", "ctrl+u", *str(target), "enter")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")
        await settle(app, pilot)
        assert target.read_text("utf-8").startswith("| ")
        await pilot.press("h", "ctrl+u", *str(target), "enter", "y")
        await settle(app, pilot)
        assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


async def test_the_center_view_sorted_by_key_and_by_click(
    demo_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    app = pinned(make_app, demo_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one("#dev-center-table", DataTable)
        expected = center(Data.read(demo_repo, DEMO_TODAY), Period.year(2026))
        assert table.row_count == len(expected.rows)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        # By name to begin with; someone who has left is marked so.
        assert names == [
            r.lecturer.full_name + (" (đã nghỉ)" if r.lecturer.archived else "")
            for r in expected.rows
        ]
        totals = str(app.screen.query_one("#dev-totals", Static).render())
        assert f"Dự giờ: {expected.totals.observations} lượt" in totals
        assert f"Giảng thử: {expected.totals.trials} buổi" in totals

        def column(index: int) -> list[str]:
            return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]

        await pilot.press("s")  # the next column: observations received, most first
        received = [int(v) for v in column(1)]
        assert received == sorted(received, reverse=True)
        labels = {str(c.key.value): c.label.plain for c in table.columns.values()}
        assert labels["received"] == "Được dự▼" and labels["name"] == "Họ và tên"
        await pilot.press("r")
        assert [int(v) for v in column(1)] == sorted(received)
        # A click on the "Điểm BQ" header sorts by the average, highest first.
        view = app.screen.query_one(CenterView)
        x = sum(width + 2 for width in (19, 8, 6)) + 2
        await pilot.click("#dev-center-table", offset=(x, 0))
        await pilot.pause()
        assert (view.column, view.descending) == ("average", True)
        shares = [float(v.rstrip("%").replace(",", ".")) for v in column(3) if v != "—"]
        assert shares == sorted(shares, reverse=True)
        # Enter on a line opens that lecturer's profile.
        table.focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        top = sort_rows(expected.rows, "average", descending=True)[0]
        assert screen(app).lecturer_id == top.lecturer.id
        assert app.screen.query_one("#dev-switcher").current == "dev-profile"
        # The Center view exports too.
        await pilot.press("c", "m", "ctrl+u", *str(tmp_path / "tt.md"), "enter")
        await settle(app, pilot)
        written = (tmp_path / "tt.md").read_text("utf-8")
        data = Data.read(demo_repo, DEMO_TODAY)
        report = center_report(review(data, Period.year(2026)), data.settings, DEMO_TODAY)
        assert written == report


async def test_user_text_shows_as_typed(small_repo: Repository, make_app: MakeApp) -> None:
    an, hung = lecturer(small_repo, "An"), lecturer(small_repo, "Hùng")
    tam = small_repo.save(Lecturer(family_name="[TODO]", middle_name="Lê Văn", given_name="Tám"))
    shaped = "[type=x, v={'a[0]'}]"
    small_repo.save(
        Observation(
            date=dt.date(2026, 5, 4),
            lecturer_id=an.id,
            observer_ids=[tam.id, hung.id],
            lesson="[b]Bài[/b]",
            rubric_id="mac-dinh",
            rubric_version=1,
            scores=B,
            limitations=shaped + " " + "x" * 9_000,
            suggestions="[red]đỏ[/]",
        )
    )
    app = pinned(make_app, small_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"an", "enter")
        await pilot.pause()
        points = panel(app, "points")
        assert "[TODO] Lê Văn Tám, Lê Văn Hùng" in points
        assert shaped in points and "[red]đỏ[/]" in points
        drawn = shown(app, "#dev-points")
        assert "[TODO] Lê Văn Tám" in drawn and "…" in drawn  # the long line is cut, not wrapped
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one("#dev-center-table", DataTable)
        assert "[TODO] Lê Văn Tám" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_older_rubric_sheets_are_compared_by_share_and_it_is_said(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an, hung = lecturer(small_repo, "An"), lecturer(small_repo, "Hùng")
    rubric = small_repo.active_rubric().model_dump(exclude={"id", "created_at", "updated_at"})
    rubric["groups"][0]["items"][0]["max"] = 4  # ND1 out of 4: 21 points in all
    rubric["total"] = 21
    small_repo.install_rubric(rubric)
    for day, version, nd1 in (("2026-02-01", 1, 3), ("2026-09-01", 2, 4)):
        small_repo.save(
            Observation(
                date=dt.date.fromisoformat(day),
                lecturer_id=an.id,
                observer_ids=[hung.id],
                lesson="Bài 1",
                rubric_id="mac-dinh",
                rubric_version=version,
                scores={**B, "ND1": nd1},
            )
        )
    app = pinned(make_app, small_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"an", "enter")
        await pilot.pause()
        # 14/20 = 70% and 15/21 = 71,4%: the average is by share, 70,7%.
        assert "70,7%" in shown(app, "#dev-obs-text")
        said = str(app.screen.query_one("#dev-obs-notes", Static).render())
        assert "mac-dinh v1, mac-dinh v2" in said and "theo %" in said


async def test_a_write_elsewhere_shows_at_once(small_repo: Repository, make_app: MakeApp) -> None:
    an, hung = lecturer(small_repo, "An"), lecturer(small_repo, "Hùng")
    app = pinned(make_app, small_repo, start="development")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", *"an", "enter")
        await pilot.pause()
        assert "Được dự giờ: 0 lượt" in shown(app, "#dev-obs-text")
        assert "Chưa có phiếu chấm điểm" in panel(app, "items")
        sheet = Observation(
            date=dt.date(2026, 4, 1),
            lecturer_id=an.id,
            observer_ids=[hung.id],
            lesson="Bài 2",
            rubric_id="mac-dinh",
            rubric_version=1,
            scores=B,
        )
        app.write(lambda: small_repo.save(sheet))
        await settle(app, pilot)
        assert "Được dự giờ: 1 lượt (1 có chấm điểm)" in shown(app, "#dev-obs-text")
        assert "Điểm bình quân: 70%" in shown(app, "#dev-obs-text")


async def test_export_the_center_report_as_word_by_keys(
    demo_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    app = pinned(make_app, demo_repo, start="development")
    target = tmp_path / "tong-hop.docx"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "down", "enter")  # 2025
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("w")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        assert modal.default == "~/tong-hop-chuyen-mon-2025.docx"
        await pilot.press("ctrl+u", *str(target), "enter")
        await settle(app, pilot)
        assert any("tong-hop.docx" in n for n in notes(app))
    data = Data.read(demo_repo, DEMO_TODAY)
    markdown = center_report(review(data, Period.year(2025)), data.settings, DEMO_TODAY)
    document = docx.Document(io.BytesIO(target.read_bytes()))
    words = [line.removeprefix("- ").removeprefix("+ ") for line in texts(document)]
    assert words == [line.removeprefix("- ") for line in markdown_texts(markdown)]
    assert "BÁO CÁO" in words and "Nơi nhận:" in words and "PHỤ LỤC" in words
