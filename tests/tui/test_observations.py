"""The list of observation sheets: filters, search, markup-shaped text, 10,000 sheets."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Select, Static

from giangvien.models import Lecturer, Observation
from giangvien.rubric import default_rubric
from giangvien.signing import sign_conclusion
from screens.app import GiangvienApp
from screens.observation_form import ObservationFormScreen
from screens.observations import PAGE, ObservationsScreen
from store.repository import Repository
from tests.tui.conftest import SIZE, open_repo

MakeApp = Callable[..., GiangvienApp]
RUBRIC = default_rubric()
FULL = {item.code: item.max for item in RUBRIC.items}  # 20: Giỏi
LOW = {item.code: 0.5 for item in RUBRIC.items}  # 5: Chưa đạt


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def sheet(repo: Repository, lesson: str, **extra: Any) -> Observation:
    data: dict[str, Any] = {
        "date": dt.date(2026, 3, 2), "lecturer_id": person(repo, "An").id,
        "observer_ids": [person(repo, "Hùng").id], "lesson": lesson,
        "rubric_id": RUBRIC.rubric_id, "rubric_version": RUBRIC.version, "scores": FULL,
    }  # fmt: skip
    signed = {k: extra.pop(k) for k in ("conclusion", "concluded_by", "concluded_at") if k in extra}
    data.update(extra)
    record = Observation(**data)
    if not signed:
        return record
    signer = repo.get(Lecturer, signed["concluded_by"])
    assert signer is not None
    return sign_conclusion(record, signed["conclusion"], signer, signed["concluded_at"])


def rows(app: GiangvienApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


def lessons(app: GiangvienApp) -> list[str]:
    return [row[2] for row in rows(app)]


def more_line(app: GiangvienApp) -> str:
    return str(app.screen.query_one("#obs-more", Static).render())


async def search(pilot: Any, text: str) -> None:
    await pilot.press("slash", "ctrl+u", *text)


async def test_search_folds_diacritics_and_decomposed_typing(
    small_repo: Repository, make_app: MakeApp
):
    small_repo.save_many([
        sheet(small_repo, "Tư tưởng Hồ Chí Minh về đạo đức", date=dt.date(2026, 1, 5)),
        sheet(small_repo, "Lịch sử Đảng bộ huyện", strengths="Liên hệ thực tiễn sinh động",
              date=dt.date(2026, 2, 5)),
        sheet(small_repo, "Kinh tế địa phương", suggestions="Cần hoà nhã hơn với học viên",
              date=dt.date(2026, 3, 5)),
    ])  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        assert lessons(app) == [
            "Kinh tế địa phương",
            "Lịch sử Đảng bộ huyện",
            "Tư tưởng Hồ Chí Minh về đạo đức",
        ]  # newest first
        await search(pilot, "ho chi minh")
        assert lessons(app) == ["Tư tưởng Hồ Chí Minh về đạo đức"]
        await search(pilot, "Hồ Chí")
        assert lessons(app) == ["Tư tưởng Hồ Chí Minh về đạo đức"]
        await search(pilot, unicodedata.normalize("NFD", "sinh động"))  # a comment word
        assert lessons(app) == ["Lịch sử Đảng bộ huyện"]
        await search(pilot, "THUC TIEN")
        assert lessons(app) == ["Lịch sử Đảng bộ huyện"]
        await search(pilot, "hòa nhã")  # the other tone placement
        assert lessons(app) == ["Kinh tế địa phương"]
        await search(pilot, "dang")  # "Đảng" -> "dang"
        assert lessons(app) == ["Lịch sử Đảng bộ huyện"]
        await search(pilot, "không có đâu")
        assert lessons(app) == []
        assert more_line(app) == "Không có phiếu nào khớp với bộ lọc."
        assert app.screen.query_one("#obs-search", Input).value == "không có đâu"


async def test_markup_shaped_text_is_shown_literally(small_repo: Repository, make_app: MakeApp):
    odd = small_repo.save(Lecturer(family_name="[TODO]", middle_name="Lê Văn", given_name="Tám"))
    small_repo.save_many([
        sheet(small_repo, "[type=x, v={'a[0]'}]", lecturer_id=odd.id),
        sheet(small_repo, "[TODO] plan", date=dt.date(2026, 1, 1), scores=None),
    ])  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        shown = rows(app)
        assert shown[0][1:3] == ["[TODO] Lê Văn Tám", "[type=x, v={'a[0]'}]"]
        assert shown[0][6] == "Lê Văn Hùng"  # the observers, last
        assert shown[1][2] == "[TODO] plan"
        await pilot.press("enter")  # the form shows it too, and does not raise
        assert isinstance(app.screen, ObservationFormScreen)
        assert app.screen.query_one("#f-lesson", Input).value == "[type=x, v={'a[0]'}]"
        await pilot.press("escape")
        await pilot.press("slash", *"[todo")
        assert lessons(app) == ["[TODO] plan"]


async def test_filters_by_lecturer_observer_band_review_and_period(
    small_repo: Repository, make_app: MakeApp
):
    an, lan, hung = (person(small_repo, n) for n in ("An", "Lan", "Hùng"))
    small_repo.save_many([
        sheet(small_repo, "A", date=dt.date(2026, 1, 10)),
        sheet(small_repo, "B", date=dt.date(2026, 2, 10), scores=LOW),
        sheet(small_repo, "C", date=dt.date(2026, 3, 10), lecturer_id=lan.id, scores=None,
              observer_ids=[an.id], conclusion="Tốt", concluded_by=hung.id,
              concluded_at=dt.datetime(2026, 3, 11, tzinfo=dt.UTC)),
    ])  # fmt: skip
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert lessons(app) == ["C", "B", "A"]
        assert rows(app)[0][3:6] == ["—", "Chỉ nhận xét", "đã kết luận"]
        assert rows(app)[1][3:6] == ["5", "Chưa đạt", "chờ"]

        def choose(select_id: str, value: object) -> None:
            screen.query_one(select_id, Select).value = value

        choose("#obs-lecturer", an.id)
        await pilot.pause()
        assert lessons(app) == ["B", "A"]
        choose("#obs-lecturer", Select.NULL)
        choose("#obs-observer", an.id)
        await pilot.pause()
        assert lessons(app) == ["C"]
        choose("#obs-observer", Select.NULL)
        choose("#obs-band", "gioi")
        await pilot.pause()
        assert lessons(app) == ["A"]
        choose("#obs-band", "\x00none")
        await pilot.pause()
        assert lessons(app) == ["C"]
        choose("#obs-band", Select.NULL)
        choose("#obs-reviewed", "no")
        await pilot.pause()
        assert lessons(app) == ["B", "A"]
        choose("#obs-reviewed", Select.NULL)
        screen.query_one("#obs-from").focus()
        await pilot.press(*"01/02/2026", "tab", *"28/02/2026")
        assert lessons(app) == ["B"]
        await pilot.press("ctrl+u", *"31/02/2026")  # not a date: no upper bound
        assert lessons(app) == ["C", "B"]


async def test_delete_asks_then_leaves_a_tombstone(small_repo: Repository, make_app: MakeApp):
    kept, gone = sheet(small_repo, "Giữ lại"), sheet(small_repo, "Xoá đi", date=dt.date(2026, 4, 1))
    small_repo.save_many([kept, gone])
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete", "n")  # asked, and said no
        assert small_repo.get(Observation, gone.id).deleted_at is None  # type: ignore[union-attr]
        await pilot.press("delete", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert small_repo.get(Observation, gone.id).deleted  # type: ignore[union-attr]
        assert lessons(app) == ["Giữ lại"]


async def test_open_by_key_and_from_the_palette(small_repo: Repository, make_app: MakeApp):
    first = sheet(small_repo, "Bài một")
    small_repo.save(first)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ObservationFormScreen)
        assert app.screen.record is not None and app.screen.record.id == first.id
        await pilot.press("escape")
        assert isinstance(app.screen, ObservationsScreen)
        app.screen.open_record("no-such-id")
        await pilot.pause()
        assert isinstance(app.screen, ObservationsScreen)
        app.screen.open_record(first.id)
        await pilot.pause()
        assert isinstance(app.screen, ObservationFormScreen)


async def test_a_read_only_file_refuses_a_new_sheet(
    small_repo: Repository, repo_path: Path, make_app: MakeApp
):
    second = open_repo(repo_path)  # the first one holds the lock
    try:
        assert second.read_only
        app = make_app(second, start="observations")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            assert isinstance(app.screen, ObservationsScreen)
    finally:
        second.close()


async def test_ten_thousand_sheets_show_one_page(small_repo: Repository, make_app: MakeApp):
    an, lan, hung = (person(small_repo, n) for n in ("An", "Lan", "Hùng"))
    start = dt.date(2016, 1, 1)
    base = sheet(small_repo, "x")
    records = [
        base.model_copy(update={
            "id": f"00000000-0000-4000-8000-{i:012d}",
            "date": start + dt.timedelta(days=i % 3650),
            "lecturer_id": an.id if i % 2 else lan.id,
            "lesson": f"Bài {i} về {'kinh tế' if i % 10 else 'quốc phòng'}",
            "strengths": f"Nhận xét số {i}; liên hệ thực tiễn tốt",
        })
        for i in range(10_000)
    ]  # fmt: skip
    small_repo.save_many(records)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE
        assert more_line(app) == "… và 9.800 phiếu khác; hãy lọc thêm"
        # How long a keystroke takes here: tests/benchmarks/volume_bench.py.
        await search(pilot, "quoc phong")
        assert table.row_count == PAGE
        assert more_line(app) == "… và 800 phiếu khác; hãy lọc thêm"
        await pilot.press(*" 9990")
        assert lessons(app) == ["Bài 9990 về quốc phòng"]
        assert more_line(app) == "1 phiếu"
        app.screen.query_one("#obs-lecturer", Select).value = hung.id
        await pilot.pause()
        assert table.row_count == 0
