"""The observation sheet, filled in by keys as a lecturer at the back of a class would."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

from textual.events import Paste
from textual.widgets import Checkbox, DataTable, Input, Static, TextArea

from giangvien.models import Lecturer, Observation
from giangvien.rubric import default_rubric
from giangvien.signing import sign_conclusion
from screens.app import GiangvienApp
from screens.observation_form import ObservationFormScreen
from screens.widgets.date_field import DateInput
from screens.widgets.field import Field
from screens.widgets.lecturer_picker import LecturerPicker, ObserverPicker, ProgrammePicker
from screens.widgets.rubric_scorer import RubricScorer
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import give_pin

MakeApp = Callable[..., GiangvienApp]
SCORES = ["3", "1,5", "2", "1", "2,5", "2", "1.5", "1,25", "1,5", "2"]  # 18,25 with ND1 full


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> ObservationFormScreen:
    assert isinstance(app.screen, ObservationFormScreen)
    return app.screen


def shown(static: Static) -> str:
    """The text of a message, or "" when it is not actually on screen."""
    return str(static.render()) if static.display and static.region.height else ""


def error_at(app: GiangvienApp, name: str) -> str:
    field = next(f for f in form(app).query(Field) if f.name == name)
    return shown(field.query_one(".field-error", Static))


def row_error(app: GiangvienApp, code: str) -> str:
    scorer = form(app).query_one(RubricScorer)
    return shown(scorer._errors[code])


async def settle(app: GiangvienApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def type_into(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    keys = {"\n": "enter", "\t": "tab"}
    await pilot.press(*[keys.get(ch, ch) for ch in text])


async def test_record_a_full_observation_by_keys(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.focused, DateInput)
        await pilot.press("ctrl+u", *"05/01/2026", "tab")
        assert isinstance(app.focused, LecturerPicker)
        await pilot.press("enter", *"an", "enter")  # type-to-search by the given name
        await pilot.press("tab")
        assert isinstance(app.focused, ObserverPicker)
        # The user (Hùng) is already an observer; Lan joins: An, Hùng, Lan in Vietnamese order.
        await pilot.press("end", "space", "tab")
        await pilot.press("enter", *"so cap", "enter", "tab")
        await type_into(pilot, "Lớp Sơ cấp K12\tBài 3: [Đảng] và dân\tHội trường UBND xã")
        await pilot.press("tab")  # past "comments only"
        for score in SCORES:
            await pilot.press("tab", *score)
        total = str(form(app).query_one(".scorer-total", Static).render())
        assert total == "Tổng điểm: 18,25/20 · Xếp loại: Giỏi"
        await pilot.press("tab")
        await type_into(pilot, "Nói rõ ràng\nLiên hệ thực tế tốt")
        await pilot.press("tab")
        await type_into(pilot, "Hơi nhanh ở phần cuối")
        await pilot.press("tab")
        await type_into(pilot, "Dành thêm thời gian\ncho thảo luận")
        await pilot.press("tab")
        await type_into(pilot, "Tôi nhất trí")
        await pilot.press("tab")
        assert isinstance(app.focused, Checkbox)
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)

        [sheet] = small_repo.all(Observation)
        assert sheet.date == dt.date(2026, 1, 5)
        assert sheet.lecturer_id == person(small_repo, "An").id
        assert set(sheet.observer_ids) == {
            person(small_repo, "Hùng").id,
            person(small_repo, "Lan").id,
        }
        assert sheet.programme == "Sơ cấp lý luận chính trị"
        assert (sheet.class_name, sheet.lesson) == ("Lớp Sơ cấp K12", "Bài 3: [Đảng] và dân")
        assert sheet.place == "Hội trường UBND xã"
        assert sheet.scores == {
            "ND1": 3,
            "ND2": 1.5,
            "ND3": 2,
            "ND4": 1,
            "PP1": 2.5,
            "PP2": 2,
            "PP3": 1.5,
            "PT1": 1.25,
            "PT2": 1.5,
            "HQ1": 2,
        }
        rubric = small_repo.rubric(sheet.rubric_id, sheet.rubric_version)
        assert rubric is not None and rubric.band_of(sheet.scores).name == "Giỏi"
        assert sheet.strengths == "Nói rõ ràng\nLiên hệ thực tế tốt"
        assert sheet.suggestions == "Dành thêm thời gian\ncho thảo luận"
        assert sheet.limitations == "Hơi nhanh ở phần cuối"
        assert sheet.self_assessment == "Tôi nhất trí"
        assert sheet.acknowledged_on == dt.date.today()
        assert unicodedata.is_normalized("NFC", sheet.lesson + sheet.strengths)
        assert small_repo.drafts() == {}

        # Back on the list, with the new sheet highlighted.
        table = app.screen.query_one(DataTable)
        row = [cell.plain for cell in table.get_row(sheet.id)]
        assert row == [
            "05/01/2026",
            "Nguyễn Văn An",
            "Bài 3: [Đảng] và dân",
            "18,25",
            "Giỏi",
            "chờ",
            "Lê Văn Hùng, Phạm Thị Lan",  # the observers last: off to the right at 80 columns
        ]
        assert table.cursor_row == table.get_row_index(sheet.id)


async def test_bad_scores_and_date_are_refused_at_their_fields(
    small_repo: Repository, make_app: MakeApp
):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+u", *"31/02/2026")
        scorer = form(app).query_one(RubricScorer)
        scorer.first_input({"ND1"}).focus()  # type: ignore[union-attr]
        await pilot.press(*"3,5", "tab", *"abc")
        # Said at once, while typing, on the row itself.
        assert row_error(app, "ND1") == "Điểm 3,5 của tiêu chí ND1 nằm ngoài khoảng 0 đến 3."
        assert "“abc” không phải là một số" in row_error(app, "ND2")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert small_repo.all(Observation) == []
        assert error_at(app, "date") == "Ngày 31/02/2026 không có trong lịch."
        assert error_at(app, "lesson") == "Chưa được điền."
        assert error_at(app, "lecturer_id") == "Chưa được điền."
        assert "Chưa chấm tiêu chí ND3" in row_error(app, "ND3")
        assert row_error(app, "ND1").startswith("Điểm 3,5")
        assert app.focused is form(app).query_one("#f-date")  # the first bad field
        with __import__("pytest").raises(ValueError, match="ND1, ND2"):
            _ = scorer.scores


async def test_a_sheet_without_any_score_says_so_once(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "enter", *"an", "enter")
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài 4", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Observation) == []
        assert error_at(app, "scores").startswith("Chưa chấm điểm")
        assert row_error(app, "ND1") == ""  # not ten times the same sentence
        assert app.focused is form(app).query_one(RubricScorer).first_input()


async def test_the_store_refusing_a_sheet_shows_why_beside_the_field(
    small_repo: Repository, make_app: MakeApp
):
    # The observed lecturer cannot be an observer: only the model knows that.
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "enter", *"hung", "enter")
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài 1")
        form(app).query_one(RubricScorer).query_one(Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Observation) == []
        assert "không thể đồng thời là giảng viên" in error_at(app, "observer_ids")
        assert isinstance(app.focused, ObserverPicker)


async def test_a_comments_only_sheet_has_no_scores(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "enter", *"an", "enter")
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài 2", "tab", "tab", "space")  # lesson, place, comments only
        scorer = form(app).query_one(RubricScorer)
        assert scorer.comments_only and scorer.scores is None
        assert all(w.disabled for w in scorer.query(Input))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [sheet] = small_repo.all(Observation)
        assert sheet.scores is None and not sheet.scored
        row = [c.plain for c in app.screen.query_one(DataTable).get_row(sheet.id)]
        assert row[3:5] == ["—", "Chỉ nhận xét"]  # total, band


async def test_leaving_with_unsaved_changes_asks_first(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài chưa lưu", "escape")
        from screens.confirm_modal import ConfirmModal

        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep editing
        assert form(app).query_one("#f-lesson", Input).value == "Bài chưa lưu"
        await pilot.press("escape", "y")  # discard
        await settle(app, pilot)
        assert not isinstance(app.screen, ObservationFormScreen)
        assert small_repo.all(Observation) == []
        assert small_repo.drafts() == {}


async def test_leaving_an_untouched_sheet_does_not_ask(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        assert app.screen.__class__.__name__ == "ObservationsScreen"


async def test_a_ten_thousand_character_comment_is_kept(small_repo: Repository, make_app: MakeApp):
    long = ("Giảng viên liên hệ [thực tiễn] địa phương. " * 300)[:10_000]
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "enter", *"an", "enter")
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài dài")
        form(app).query_one(RubricScorer).query_one(Checkbox).value = True
        area = form(app).query_one("#f-strengths", TextArea)
        area.focus()
        app.post_message(Paste(long + "x"))  # as the terminal sends it; one character too many
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Observation) == []
        assert error_at(app, "strengths") == "Dài quá mức cho phép (10000 ký tự)."
        await pilot.press("backspace", "ctrl+s")
        await settle(app, pilot)
        [sheet] = small_repo.all(Observation)
        assert sheet.strengths == long.strip()


def signed_sheet(repo: Repository, by: str = "Hùng") -> Observation:
    """A sheet of An's lesson, observed by Lan, concluded and signed by a leader."""
    old = default_rubric()
    sheet = Observation(
        date=dt.date(2025, 3, 1), lecturer_id=person(repo, "An").id,
        observer_ids=[person(repo, "Lan").id], lesson="Bài cũ",
        rubric_id=old.rubric_id, rubric_version=old.version,
        scores={i.code: i.max for i in old.items},
    )  # fmt: skip
    at = dt.datetime(2025, 3, 2, 9, 30, tzinfo=dt.UTC)
    return repo.save(sign_conclusion(sheet, "Bài giảng tốt [đạt yêu cầu]", person(repo, by), at))


async def test_an_old_sheet_keeps_its_rubric_version(small_repo: Repository, make_app: MakeApp):
    old = default_rubric()
    sheet = signed_sheet(small_repo)
    data = old.model_dump(exclude={"id", "created_at", "updated_at", "deleted_at", "version"})
    data["groups"][0]["items"].append({"code": "ND5", "text": "Mới", "max": 1})
    data["total"] = 21
    small_repo.install_rubric(data)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        scorer = form(app).query_one(RubricScorer)
        assert (scorer.rubric_id, scorer.rubric_version) == (old.rubric_id, 1)
        assert "ND5" not in scorer.texts() and scorer.texts()["ND1"] == "3"
        shown = str(form(app).query_one("#f-conclusion", Static).render())
        assert shown == "Bài giảng tốt [đạt yêu cầu]"
    assert small_repo.get(Observation, sheet.id) == sheet


async def test_a_signed_sheet_is_frozen_until_a_leader_reopens_it(
    small_repo: Repository, make_app: MakeApp
):
    sheet = signed_sheet(small_repo)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Phiếu đã ký" in shown(form(app).query_one("#f-frozen", Static))
        assert form(app).query_one("#f-place", Input).is_disabled
        assert not form(app).query_one("#f-self_assessment", TextArea).is_disabled
        await pilot.press("ctrl+o")
        await give_pin(app, pilot)  # the director's first act as a leader here: sets it
        await pilot.press("ctrl+s")  # no reason given: asked again, nothing stored
        await pilot.pause()
        assert small_repo.get(Observation, sheet.id) == sheet
        await pilot.press(*"Sai điểm ND1", "ctrl+s")
        await settle(app, pilot)
        reopened = small_repo.get(Observation, sheet.id)
        assert reopened is not None and not reopened.reviewed
        [entry] = reopened.reopenings
        assert entry.reason == "Sai điểm ND1" and entry.signed_by == sheet.concluded_by
        assert entry.by == person(small_repo, "Hùng").id
        place = form(app).query_one("#f-place", Input)
        assert not place.is_disabled
        place.focus()
        await pilot.press(*"Xã A", "ctrl+s")
        await settle(app, pilot)
    stored = small_repo.get(Observation, sheet.id)
    assert stored is not None and stored.place == "Xã A" and not stored.reviewed


async def test_a_leader_does_not_sign_about_their_own_lesson(small_repo: Repository) -> None:
    import pytest

    from giangvien.problems import Invalid

    hung = person(small_repo, "Hùng")
    sheet = Observation(
        date=dt.date(2025, 3, 1), lecturer_id=hung.id, observer_ids=[person(small_repo, "Lan").id],
        lesson="Bài của Giám đốc", rubric_id="mac-dinh", rubric_version=1,
    )  # fmt: skip
    with pytest.raises(Invalid) as refused:
        sign_conclusion(sheet, "Tốt", hung, dt.datetime(2025, 3, 2, tzinfo=dt.UTC))
    assert "chính mình" in refused.value.problems[0].message
    with pytest.raises(Invalid):
        sign_conclusion(sheet, "Tốt", person(small_repo, "An"), dt.datetime.now(dt.UTC))


async def test_a_non_leader_cannot_reopen(small_repo: Repository, make_app: MakeApp):
    sheet = signed_sheet(small_repo)
    small_repo.set_current_user(person(small_repo, "An").id)
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ObservationFormScreen)
        assert any("Chỉ Giám đốc" in n.message for n in app._notifications)
    assert small_repo.get(Observation, sheet.id) == sheet


async def test_a_typed_programme_outside_the_list(small_repo: Repository, make_app: MakeApp):
    app = make_app(small_repo, start="observations")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "enter", *"an", "enter")
        picker = form(app).query_one(ProgrammePicker)
        picker.focus()
        await pilot.press("enter", *"khac", "enter", "tab", *"Lớp [cảm tình] Đảng")
        assert picker.value == "Lớp [cảm tình] Đảng"
        form(app).query_one("#f-lesson", Input).focus()
        await pilot.press(*"Bài 5")
        form(app).query_one(RubricScorer).query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [sheet] = small_repo.all(Observation)
        assert sheet.programme == "Lớp [cảm tình] Đảng"
