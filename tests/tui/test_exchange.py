"""Exchange: saving a laptop's records to a file, bringing them into another, conflicts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Static

from giangvien import __version__
from giangvien.demo import generate
from giangvien.i18n import set_language
from giangvien.models import Lecturer, Observation, Position
from screens.app import GiangvienApp
from screens.confirm_modal import ConfirmModal
from screens.exchange import ExchangeScreen
from screens.export_modal import ExportModal
from screens.import_preview_modal import ImportPreviewModal
from store.exchange import export_of, import_file
from store.guard import write_document
from store.repository import Repository
from tests.tui.conftest import DEMO_TODAY, SIZE, open_repo
from tests.tui.helpers import notes, settle, type_text, until
from tests.tui.test_footer_words import foreign

MakeApp = Callable[..., GiangvienApp]
EXPORT_NAME = "giangvien-20-11-2026.json"  # DEMO_TODAY


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A USB stick, as the default folder of both dialogs."""
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr("screens.exchange.default_folder", lambda: stick)
    return stick


@pytest.fixture
def laptop_a(tmp_path: Path) -> Iterator[Repository]:
    """The demo Center, its director the user."""
    repo = open_repo(tmp_path / "a.json")
    records = generate(today=DEMO_TODAY)
    repo.save_many(records)
    director = next(
        r for r in records if isinstance(r, Lecturer) and r.position is Position.DIRECTOR
    )
    repo.set_current_user(director.id)
    yield repo
    repo.close()


@pytest.fixture
def laptop_b(tmp_path: Path) -> Iterator[Repository]:
    """A new laptop: its user typed in, nothing brought in yet."""
    repo = open_repo(tmp_path / "b.json")
    me = repo.save(Lecturer(family_name="Trần", middle_name="Thị", given_name="Mai"))
    repo.set_current_user(me.id)
    yield repo
    repo.close()


def pinned(make_app: MakeApp, repo: Repository) -> GiangvienApp:
    app = make_app(repo, start="exchange")
    app.today = lambda: DEMO_TODAY  # type: ignore[method-assign]
    return app


def save_export(repo: Repository, path: Path) -> Path:
    text = json.dumps(export_of(repo, __version__), ensure_ascii=False)
    return write_document(path, text, data=repo.datafile.path)


def preview(app: GiangvienApp) -> str:
    return str(app.screen.query_one("#import-lines", Static).render())


def screen_static(app: GiangvienApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_preview(app: GiangvienApp, pilot: Pilot[None], name: str) -> None:
    """Press i, type the file's name after the folder offered, Enter: the preview."""
    await pilot.press("i")
    await until(pilot, lambda: isinstance(app.screen, ImportPreviewModal), "the import dialog")
    await type_text(pilot, name)
    await pilot.press("enter")
    await settle(app, pilot)
    await until(
        pilot, lambda: "Đang đọc" not in preview(app) and preview(app) != "", "the file read"
    )


async def test_save_on_one_laptop_and_bring_into_another_with_a_preview(
    laptop_a: Repository, laptop_b: Repository, usb: Path, make_app: MakeApp
) -> None:
    app = pinned(make_app, laptop_a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExchangeScreen)
        assert laptop_a.laptop_id[:8] in screen_static(app, "#exchange-laptop")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ExportModal), "the save dialog")
        assert app.screen.query_one("#export-path", Input).value == str(usb / EXPORT_NAME)
        await pilot.press("enter")
        await settle(app, pilot)
        assert any(n.startswith("Đã lưu") and EXPORT_NAME in n for n in notes(app))
    document = json.loads((usb / EXPORT_NAME).read_text("utf-8"))
    assert document["laptop"] == laptop_a.laptop_id
    sheets = len(laptop_a.all(Observation))
    lecturers = len(laptop_a.all(Lecturer))
    assert sheets > 0

    b_file = laptop_b.datafile.path
    app = pinned(make_app, laptop_b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Chưa đưa vào" in screen_static(app, "#exchange-brought")
        before = b_file.read_bytes()
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ImportPreviewModal), "the dialog")
        assert app.screen.query_one("#import-path", Input).value == f"{usb}/"
        await type_text(pilot, EXPORT_NAME)
        await pilot.press("enter")
        await settle(app, pilot)
        await until(pilot, lambda: "Nếu đưa vào" in preview(app), "the preview")
        shown = preview(app)
        added = len(document["tables"]["observations"])
        assert f"Nếu đưa vào: thêm {sum(map(len, document['tables'].values()))}" in shown
        assert "Phiếu dự giờ" in shown and laptop_a.laptop_id[:8] in shown
        assert b_file.read_bytes() == before  # a preview writes nothing
        assert not app.screen.query_one("#import-apply", Button).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, ExchangeScreen), "back in the section")
        assert len(laptop_b.all(Observation)) == sheets == added
        assert len(laptop_b.all(Lecturer)) == lecturers + 1
        assert laptop_b.center_id == laptop_a.center_id  # the first file joins its Center
        assert any(n.startswith("Đã nhập: thêm") for n in notes(app))
        brought = screen_static(app, "#exchange-brought")
        assert laptop_a.laptop_id[:8] in brought and "Lê Văn Hùng" not in brought
        assert EXPORT_NAME in brought


async def test_a_preview_cancelled_writes_nothing(
    laptop_a: Repository, laptop_b: Repository, usb: Path, make_app: MakeApp
) -> None:
    save_export(laptop_a, usb / "a.json")
    b_file = laptop_b.datafile.path
    before = b_file.read_bytes()
    app = pinned(make_app, laptop_b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_preview(app, pilot, "a.json")
        assert "Nếu đưa vào" in preview(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ExchangeScreen)
    assert b_file.read_bytes() == before
    assert laptop_b.all(Observation) == []


async def test_a_refused_file_says_why_and_writes_nothing(
    laptop_b: Repository, usb: Path, make_app: MakeApp
) -> None:
    (usb / "broken.json").write_text('{"format": "giangvien", ', "utf-8")
    b_file = laptop_b.datafile.path
    before = b_file.read_bytes()
    app = pinned(make_app, laptop_b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_preview(app, pilot, "broken.json")
        shown = preview(app)
        assert shown.startswith("Tệp không được đưa vào")
        assert "broken.json" in shown and "Traceback" not in shown
        assert app.screen.query_one("#import-apply", Button).disabled
        await pilot.press("ctrl+s")  # nothing to bring in: it asks for a file read first
        await settle(app, pilot)
        assert isinstance(app.screen, ImportPreviewModal)
        await pilot.press("escape")
        await settle(app, pilot)
    assert b_file.read_bytes() == before


async def test_a_missing_file_is_said_at_the_field(
    laptop_b: Repository, usb: Path, make_app: MakeApp
) -> None:
    app = pinned(make_app, laptop_b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ImportPreviewModal), "the dialog")
        await type_text(pilot, "nowhere.json")
        await pilot.press("enter")
        await pilot.pause()
        from tests.tui.helpers import field_error

        assert field_error(app, "path") == f"Không có tệp {usb / 'nowhere.json'}."


def edit_sheet(repo: Repository, sheet_id: str, strengths: str) -> None:
    sheet = repo.get(Observation, sheet_id)
    assert sheet is not None
    repo.save(sheet.model_copy(update={"strengths": strengths}))


async def test_a_conflict_is_previewed_listed_and_restored(
    laptop_a: Repository, laptop_b: Repository, usb: Path, make_app: MakeApp
) -> None:
    import_file(laptop_b, save_export(laptop_a, usb / "a.json"))
    # A sheet no leader has concluded: a concluded one is sealed by the signature.
    sheet_id = next(o.id for o in laptop_a.all(Observation) if o.concluded_at is None)
    edit_sheet(laptop_b, sheet_id, "Bản của B")
    edit_sheet(laptop_a, sheet_id, "Bản của A")  # later: A's wins, B's is kept
    save_export(laptop_a, usb / "a2.json")

    app = pinned(make_app, laptop_b)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#conflict-table", DataTable)
        assert table.row_count == 0
        await open_preview(app, pilot, "a2.json")
        shown = preview(app)
        assert "1 xung đột mới" in shown and "xung đột: Phiếu dự giờ" in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, ExchangeScreen), "back in the section")
        sheet = laptop_b.get(Observation, sheet_id)
        assert sheet is not None and sheet.strengths == "Bản của A"
        [conflict] = laptop_b.conflicts()
        table = app.screen.query_one("#conflict-table", DataTable)
        await until(pilot, lambda: table.row_count == 1, "the conflict listed")
        row = [str(c) for c in table.get_row_at(0)]
        assert row[:2] == [conflict.id[:8], "bản sửa"] and row[3] == "máy này"
        assert row[5].startswith("Phiếu dự giờ")
        assert "Xung đột chưa xử lý: 1" in screen_static(app, "#conflicts-heading")

        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the question")
        await pilot.press("y")
        await settle(app, pilot)
        sheet = laptop_b.get(Observation, sheet_id)
        assert sheet is not None and sheet.strengths == "Bản của B"
        assert laptop_b.conflicts() == []
        await until(pilot, lambda: table.row_count == 0, "the list refreshed")
        assert any(n.startswith("Đã khôi phục") for n in notes(app))


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_every_footer_word_is_translated(
    laptop_b: Repository, usb: Path, make_app: MakeApp, lang: str
) -> None:
    set_language(lang)
    try:
        app = make_app(laptop_b)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("0")
            await pilot.pause()
            assert isinstance(app.screen, ExchangeScreen)
            assert foreign(app, lang) == []
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ImportPreviewModal), "the dialog")
            assert foreign(app, lang) == []
            title = str(app.screen.query_one(".section-title", Static).render())
            assert title == ("Bring in records from another laptop" if lang == "en" else
                             "Đưa vào dữ liệu từ máy khác")  # fmt: skip
    finally:
        set_language("vi")
