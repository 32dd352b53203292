"""Trial lectures, recorded by keys: a failed trial, a passing re-trial, the cleared lessons."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Select, Static, TextArea

from giangvien.models import Lecturer, PanelMember, PersonRef, Trial, Verdict, now
from giangvien.trial_signing import reopen_trial
from screens.app import GiangvienApp
from screens.trial_form import TrialFormScreen
from screens.trial_minutes import TrialMinutesScreen
from screens.trials import TrialsScreen
from screens.widgets.field import Field
from screens.widgets.trial_people import PanelMemberEditor, PersonPicker
from store.repository import Repository
from tests.trial_helpers import decided
from tests.tui.conftest import SIZE
from tests.tui.helpers import give_pin, notes, settle, type_text

MakeApp = Callable[..., GiangvienApp]
LESSON = "Bài 2: Xây dựng Đảng [về đạo đức]"
OUTSIDER = "[b]Hoàng[/b] Văn *Tư*"  # markup- and Markdown-shaped: shown as typed


def person(repo: Repository, given: str) -> Lecturer:
    return next(lec for lec in repo.lecturers() if lec.given_name == given)


def form(app: GiangvienApp) -> TrialFormScreen:
    assert isinstance(app.screen, TrialFormScreen)
    return app.screen


def error_at(app: GiangvienApp, name: str) -> str:
    field = next(f for f in form(app).query(Field) if f.name == name)
    said = field.query_one(".field-error", Static)
    return str(said.render()) if said.display and said.region.height else ""


def table_rows(app: GiangvienApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def write(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*["enter" if ch == "\n" else ch for ch in text])


async def fill_trial(pilot: Pilot[None], day: str, *, outsider: bool) -> None:
    """From the list: a new trial of An's lesson, chaired by Hùng, Lan as secretary."""
    await pilot.press("n")
    await pilot.press("ctrl+u", *day, "tab")
    await pilot.press("enter", *"an", "enter", "tab")  # the lecturer on trial
    await pilot.press(*"7:30", "tab", *"10h30", "tab")  # start and end times
    await write(pilot, LESSON)
    await pilot.press("tab", *"Hội trường Trung tâm", "tab")
    await pilot.press("enter", *"so cap", "enter", "tab")  # programme
    await pilot.press("enter", *"hung", "enter", "tab")  # chair
    await pilot.press("enter", *"lan", "enter", "tab")  # secretary
    await pilot.press("tab")  # past "the panel scores"
    if outsider:
        await pilot.press("enter", *"nguoi ngoai", "enter")  # someone from outside
        await write(pilot, OUTSIDER)
        await pilot.press("tab", *"Phó Trưởng Ban Tuyên giáo Huyện ủy")
        await pilot.press("tab", *"Ban Tuyên giáo Huyện ủy", "tab")
    else:
        await pilot.press("enter", *"hung", "enter", "tab")  # the chair sits on the panel too


async def test_failed_trial_then_passing_retrial_clears_the_lesson(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = person(small_repo, "An")
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await fill_trial(pilot, "10/03/2026", outsider=True)
        await write(pilot, "Cần thêm **số liệu** [địa phương]")  # the member's comments
        await pilot.press("tab", "tab", "tab")  # past "remove", "add a member"
        await write(pilot, "Tôi sẽ sửa phần mở bài")
        await pilot.press("tab", "enter", "down", "down", "enter")  # verdict: Chưa đạt
        assert form(app).query_one("#t-verdict", Select).value == "not_passed"
        await pilot.press("tab")
        await write(pilot, "- Bổ sung số liệu của huyện")
        await pilot.press("tab", *"24/03/2026", "tab")
        await write(pilot, "Chuẩn bị kỹ hơn")
        await pilot.press("ctrl+s")
        await give_pin(app, pilot)  # a verdict is a leader's act: the director's first here

        [failed] = small_repo.all(Trial)
        assert failed.lecturer_id == an.id and failed.lesson == LESSON
        assert failed.date == dt.date(2026, 3, 10)
        assert failed.programme == "Sơ cấp lý luận chính trị"
        assert failed.chair == PersonRef(lecturer_id=person(small_repo, "Hùng").id)
        assert failed.secretary == PersonRef(lecturer_id=person(small_repo, "Lan").id)
        assert failed.panel == [
            PanelMember(
                name=OUTSIDER,
                position="Phó Trưởng Ban Tuyên giáo Huyện ủy",
                unit="Ban Tuyên giáo Huyện ủy",
                comments="Cần thêm **số liệu** [địa phương]",
            )
        ]
        assert failed.verdict is Verdict.NOT_PASSED
        assert failed.to_fix == "- Bổ sung số liệu của huyện"
        assert failed.next_trial_date == dt.date(2026, 3, 24)
        assert failed.self_assessment == "Tôi sẽ sửa phần mở bài"
        assert failed.lessons_drawn == "Chuẩn bị kỹ hơn"
        assert small_repo.drafts() == {}
        assert isinstance(app.screen, TrialsScreen)
        assert table_rows(app, "#trials-table") == [
            ["10/03/2026", "Nguyễn Văn An", LESSON, "Chưa đạt", "24/03/2026"]
        ]

        # Reopened, the outsider's text comes back exactly as typed.
        await pilot.press("enter")
        editor = form(app).query_one(PanelMemberEditor)
        assert editor.person.typed["name"].value == OUTSIDER
        assert editor.comments.text == "Cần thêm **số liệu** [địa phương]"
        await pilot.press("escape")
        await pilot.pause()

        # Not cleared yet: awaiting the re-trial (today is before the 24th).
        app.today = lambda: dt.date(2026, 3, 20)
        await pilot.press("c")
        await pilot.pause()
        assert table_rows(app, "#cleared-table") == [
            [LESSON, "Sơ cấp lý luận chính trị", "Chờ giảng thử lại ngày 24/03/2026"]
        ]
        await pilot.press("c")

        # The re-trial: same lesson typed in lower case, passed.
        await fill_trial(pilot, "24/03/2026", outsider=False)
        form(app).query_one("#t-lesson", Input).value = LESSON.lower()
        form(app).query_one("#t-verdict", Select).focus()
        await pilot.press("enter", "down", "enter", "ctrl+s")  # verdict: Đạt
        await settle(app, pilot)  # the PIN is held for the session: not asked again

        passed = next(t for t in small_repo.all(Trial) if t.id != failed.id)
        assert passed.verdict is Verdict.PASSED
        assert passed.panel == [PanelMember(lecturer_id=person(small_repo, "Hùng").id)]
        assert passed.chair == PersonRef(lecturer_id=person(small_repo, "Hùng").id)
        await pilot.press("c")
        await pilot.pause()
        title = str(app.screen.query_one("#cleared-title", Static).render())
        assert title == "Các bài đã được công nhận — Nguyễn Văn An"
        assert table_rows(app, "#cleared-table") == [
            [LESSON.lower(), "Sơ cấp lý luận chính trị", "Đạt, từ ngày 24/03/2026"]
        ]


async def test_refusals_at_the_fields_store_nothing(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await fill_trial(pilot, "10/03/2026", outsider=False)
        screen = form(app)
        screen.query_one("#t-verdict", Select).value = "not_passed"
        screen.query_one("#t-next_trial_date").focus()
        await pilot.press(*"09/03/2026", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        assert error_at(app, "to_fix") == "Kết quả “Chưa đạt” cần ghi những điểm phải sửa."
        assert error_at(app, "next_trial_date") == "Ngày giảng thử lại phải sau ngày giảng thử này."
        assert isinstance(app.focused, TextArea) and app.focused.id == "t-to_fix"
        assert "Chưa lưu: hãy sửa các ô có ghi lý do." in notes(app)

        # "Chưa đạt" without a date for the next trial; the same day is refused too.
        await write(pilot, "Sửa phần kết luận")
        screen.query_one("#t-next_trial_date", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error_at(app, "to_fix") == ""
        assert error_at(app, "next_trial_date") == "Kết quả “Chưa đạt” cần hẹn ngày giảng thử lại."
        screen.query_one("#t-next_trial_date", Input).value = "10/03/2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error_at(app, "next_trial_date") == "Ngày giảng thử lại phải sau ngày giảng thử này."
        # An impossible date is refused with its own reason.
        screen.query_one("#t-next_trial_date", Input).value = "31/02/2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "31/02/2026" in error_at(app, "next_trial_date")
        assert small_repo.all(Trial) == []

        screen.query_one("#t-next_trial_date", Input).value = "11/03/2026"
        await pilot.press("ctrl+s")
        await give_pin(app, pilot)
        [trial] = small_repo.all(Trial)
        assert trial.next_trial_date == dt.date(2026, 3, 11)


async def test_panel_rules_and_an_outsider_without_a_name(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await fill_trial(pilot, "10/03/2026", outsider=False)
        # A second member, the same Hùng; a third from outside with no name.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter", *"hung", "enter")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter", *"nguoi ngoai", "enter", "tab", *"Trưởng ban")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        editors = list(form(app).query(PanelMemberEditor))
        said = [str(e.error.render()) for e in editors]
        assert said[0] == ""
        assert said[1] == "Người này đã có trong hội đồng."
        assert said[2] == "Cần chọn một giảng viên của Trung tâm hoặc gõ họ tên người ngoài."
        assert app.focused is editors[1].person.select

        # Removing the duplicate (asked first: it names someone) and naming the outsider.
        editors[1].person.select.focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("tab", "enter")  # the safe default is No: move to Yes
        await pilot.pause()
        assert len(form(app).query(PanelMemberEditor)) == 2
        outsider = list(form(app).query(PanelMemberEditor))[1].person
        outsider.typed["name"].value = "   "  # spaces are no name
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        outsider.typed["name"].value = "Trần Thị Mai"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [trial] = small_repo.all(Trial)
        assert [m.name or m.lecturer_id for m in trial.panel] == [
            person(small_repo, "Hùng").id,
            "Trần Thị Mai",
        ]
        assert trial.panel[1].position == "Trưởng ban"


async def test_the_lecturer_cannot_sit_on_their_own_panel(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("tab", "enter", *"an", "enter", "tab", "tab", "tab", *"Bài 1")
        chair = form(app).query_one("#t-chair", PersonPicker)
        chair.select.value = person(small_repo, "An").id
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        assert error_at(app, "chair").startswith("Giảng viên giảng thử không thể")


async def test_the_setting_decides_whether_a_later_failure_unclears(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an = person(small_repo, "An")
    small_repo.save(decided(lecturer_id=an.id, lesson=LESSON, date=dt.date(2026, 1, 5),
                            verdict=Verdict.PASSED))  # fmt: skip
    small_repo.save(decided(lecturer_id=an.id, lesson=LESSON, date=dt.date(2026, 2, 5),
                            verdict=Verdict.NOT_PASSED, to_fix="Sửa",
                            next_trial_date=dt.date(2026, 2, 20)))  # fmt: skip
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        app.today = lambda: dt.date(2026, 3, 1)
        await pilot.press("c")
        await pilot.pause()
        assert [r[2] for r in table_rows(app, "#cleared-table")] == [
            "Đạt, từ ngày 05/01/2026",
            "QUÁ HẠN: hẹn giảng thử lại ngày 20/02/2026",
        ]
        note = str(app.screen.query_one("#cleared-note", Static).render())
        assert note.startswith("1 bài đã quá hạn giảng thử lại.")
        small_repo.save(small_repo.settings().touched(retrial_uncleared=True))
        app.data_version += 1
        await pilot.pause()
        assert [r[2] for r in table_rows(app, "#cleared-table")] == [
            "QUÁ HẠN: hẹn giảng thử lại ngày 20/02/2026"
        ]


async def test_the_minutes_preview_and_export(
    small_repo: Repository, make_app: MakeApp, tmp_path: Path
) -> None:
    small_repo.save(
        small_repo.settings().touched(place_name="Yên Bình", parent_body="Đảng ủy xã Yên Bình")
    )
    an, hung = person(small_repo, "An"), person(small_repo, "Hùng")
    trial = small_repo.save(
        decided(lecturer_id=an.id, lesson=LESSON, date=dt.date(2026, 3, 10), place="Hội trường",
                start_time=dt.time(7, 30), end_time=dt.time(10, 0),
                chair=PersonRef(lecturer_id=hung.id),
                secretary=PersonRef(lecturer_id=person(small_repo, "Lan").id),
                panel=[PanelMember(name=OUTSIDER, position="Phó Trưởng Ban",
                                   comments="<script>x</script> [link](http://x.vn)")],
                verdict=Verdict.PASSED, verdict_by=hung.id)
    )  # fmt: skip
    target = tmp_path / "bb.html"
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TrialMinutesScreen)
        assert notes(app) == []  # no "may have been deleted" for a trial that is there
        assert "Đồng chí \\[b\\]Hoàng\\[/b\\] Văn \\*Tư\\*" in app.screen.markdown
        assert not app.screen.query_one("#preview-missing", Static).display
        await pilot.press("h")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert path.value == "~/bien-ban-giang-thu-2026-03-10-nguyen-van-an.html"
        path.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        page = target.read_text("utf-8")
        assert "Biên bản góp ý, đánh giá giờ giảng thử" in page
        assert "[b]Hoàng[/b] Văn *Tư*" in page
        assert "&lt;script&gt;x&lt;/script&gt;" in page and "<a " not in page
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrialsScreen)

        # An undecided trial previews, but its export is refused with the reason.
        small_repo.save(reopen_trial(trial, hung, "Chưa kết luận xong", now()))
        app.data_version += 1
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        said = str(app.screen.query_one("#preview-missing", Static).render())
        assert "Hội đồng chưa kết luận (Đạt hay Chưa đạt)." in said
        await pilot.press("m")
        await pilot.pause()
        assert "Chưa xuất được biên bản" in notes(app)[-1]


async def test_a_scored_panel_refuses_a_bad_score_at_the_member(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await fill_trial(pilot, "10/03/2026", outsider=False)
        panel = form(app).panel
        panel.scored.value = True
        await pilot.pause()
        scorer = panel.members()[0].scorer
        assert scorer.display
        entry = scorer.first_input({"ND1"})
        assert entry is not None
        entry.focus()
        await pilot.press(*"3,5")
        for _ in range(9):
            await pilot.press("tab", "1")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        assert scorer._errors["ND1"].render().plain.startswith("Điểm 3,5 của tiêu chí ND1")
        assert app.focused is entry
        await pilot.press("ctrl+u", "3", "ctrl+s")
        await settle(app, pilot)
        [trial] = small_repo.all(Trial)
        assert trial.panel[0].scores == {i.code: 1 for i in scorer.rubric.items} | {"ND1": 3}
        assert (trial.rubric_id, trial.rubric_version) == ("mac-dinh", 1)


async def test_an_unsaved_trial_is_kept_as_a_draft_on_quit_and_resumed(
    small_repo: Repository, make_app: MakeApp
) -> None:
    nfd = unicodedata.normalize("NFD", "Bài 5: Tư tưởng Hồ Chí Minh")
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "tab", "tab", "tab", "tab")  # past date, times, lecturer
        await type_text(pilot, nfd)
        form(app).query_one("#t-self_assessment", TextArea).load_text("x" * 10_000)
        await pilot.press("ctrl+q")
        await pilot.pause()
    [(key, draft)] = small_repo.drafts().items()
    assert key == "trial:new" and draft["kind"] == "trial"
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the drafts dialog offered at start: later
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "Biên bản này có bản nháp chưa lưu; đã mở lại bản nháp." in notes(app)
        lesson = form(app).query_one("#t-lesson", Input).value
        assert unicodedata.normalize("NFC", lesson) == "Bài 5: Tư tưởng Hồ Chí Minh"
        assert len(form(app).query_one("#t-self_assessment", TextArea).text) == 10_000
        # Esc asks; "keep editing" is the safe default.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrialFormScreen)


async def test_the_setting_is_a_checkbox_in_settings(
    small_repo: Repository, make_app: MakeApp
) -> None:
    app = make_app(small_repo, start="settings")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#retrial_uncleared", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.settings().retrial_uncleared is True


def shown(app: GiangvienApp, selector: str) -> str:
    said = app.screen.query_one(selector, Static)
    return str(said.render()) if said.display and said.region.height else ""


def recorded_trial(repo: Repository) -> Trial:
    """An's trial, its verdict recorded by the deputy, Lan."""
    an, hung, lan = (person(repo, n) for n in ("An", "Hùng", "Lan"))
    return repo.save(
        decided(lecturer_id=an.id, lesson=LESSON, date=dt.date(2026, 3, 10),
                chair=PersonRef(lecturer_id=hung.id), secretary=PersonRef(lecturer_id=lan.id),
                panel=[PanelMember(lecturer_id=hung.id, comments="Tốt")],
                verdict=Verdict.PASSED, verdict_by=lan.id,
                at=dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC))
    )  # fmt: skip


async def test_a_recorded_trial_is_frozen_until_a_leader_reopens_it(
    small_repo: Repository, make_app: MakeApp
) -> None:
    trial = recorded_trial(small_repo)
    hung, lan = person(small_repo, "Hùng"), person(small_repo, "Lan")
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        assert shown(app, "#t-recorded").startswith("Kết quả do Phạm Thị Lan ghi lúc 10/03/2026")
        assert "biên bản được khoá" in shown(app, "#t-frozen")
        lesson = form(app).query_one("#t-lesson", Input)
        assert lesson.is_disabled and form(app).query_one("#t-verdict", Select).is_disabled
        await pilot.press(*"xyz", "ctrl+n", "ctrl+s")  # nothing to type into, add or save
        await settle(app, pilot)
        assert lesson.value == LESSON and len(form(app).panel.members()) == 1
        assert small_repo.get(Trial, trial.id) == trial

        await pilot.press("ctrl+o")
        await give_pin(app, pilot)  # the director's first act as a leader here: sets it
        await pilot.press("ctrl+s")  # no reason given: asked again, nothing stored
        await pilot.pause()
        assert small_repo.get(Trial, trial.id) == trial
        await type_text(pilot, "Ghi nhầm người chủ trì")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        reopened = small_repo.get(Trial, trial.id)
        assert reopened is not None and reopened.verdict is None
        [entry] = reopened.reopenings
        assert (entry.by, entry.signed_by, entry.reason) == (
            hung.id, lan.id, "Ghi nhầm người chủ trì"
        )  # fmt: skip
        assert "Đã mở lại biên bản; lãnh đạo cần ghi kết quả lại." in notes(app)

        # Open again: the fields can be changed, and the verdict recorded again.
        assert not form(app).query_one("#t-lesson", Input).is_disabled
        assert not form(app).query("#t-frozen")
        form(app).query_one("#t-place", Input).focus()
        await pilot.press(*"Hội trường B")
        form(app).query_one("#t-verdict", Select).focus()
        await pilot.press("enter", "down", "enter", "ctrl+s")  # Đạt; the PIN is held
        await settle(app, pilot)
        assert isinstance(app.screen, TrialsScreen)
    again = small_repo.get(Trial, trial.id)
    assert again is not None and again.verdict is Verdict.PASSED
    assert (again.place, again.verdict_by, len(again.reopenings)) == ("Hội trường B", hung.id, 1)
    assert again.verdict_at is not None and again.verdict_at > entry.at


async def test_only_a_leader_records_a_verdict_never_of_their_own_trial(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an, lan = person(small_repo, "An"), person(small_repo, "Lan")
    small_repo.set_current_user(an.id)
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await fill_trial(pilot, "10/03/2026", outsider=False)
        form(app).query_one("#t-verdict", Select).focus()
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await settle(app, pilot)
        assert small_repo.all(Trial) == []
        assert error_at(app, "verdict").startswith("Chỉ Giám đốc hoặc Phó Giám đốc được ghi")
        # Without a verdict a lecturer saves the record, and no PIN is asked.
        await pilot.press("enter", "up", "enter", "ctrl+s")
        await settle(app, pilot)
        [trial] = small_repo.all(Trial)
        assert trial.verdict is None and isinstance(app.screen, TrialsScreen)
    small_repo.set_current_user(lan.id)
    own = small_repo.save(trial.touched(lecturer_id=lan.id, secretary=None))
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        form(app).query_one("#t-verdict", Select).focus()
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await settle(app, pilot)
        assert error_at(app, "verdict").startswith("Lãnh đạo không ghi kết quả buổi giảng thử")
    assert small_repo.get(Trial, own.id) == own


async def test_a_lecturer_cannot_reopen_a_recorded_trial(
    small_repo: Repository, make_app: MakeApp
) -> None:
    trial = recorded_trial(small_repo)
    small_repo.set_current_user(person(small_repo, "An").id)
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, TrialFormScreen)
        assert any(n.startswith("Chỉ Giám đốc hoặc Phó Giám đốc được mở lại") for n in notes(app))
    assert small_repo.get(Trial, trial.id) == trial


# -- drafts read back ------------------------------------------------------------

PARTLY = "Một phần bản nháp không đọc được; các mục sau để như trước khi soạn: {}."


def previous_draft(repo: Repository) -> dict[str, object]:
    """A new trial's draft exactly as the previous version kept it (before saved_at)."""
    an, hung, lan = (person(repo, n).id for n in ("An", "Hùng", "Lan"))
    codes = [item.code for item in repo.active_rubric().items]
    return {
        "kind": "trial", "record_id": None, "rubric_id": "mac-dinh", "rubric_version": 1,
        "date": "10/03/2026", "lecturer_id": an, "programme": "Sơ cấp lý luận chính trị",
        "lesson": LESSON, "place": "Hội trường", "start_time": "7h", "end_time": "",
        "chair": {"who": "\x00outside", "name": OUTSIDER, "position": "Phó Trưởng Ban",
                  "unit": "Ban Tuyên giáo"},
        "secretary": {"who": lan, "name": "", "position": "", "unit": ""},
        "scored": True,
        "panel": [{"person": {"who": hung, "name": "", "position": "", "unit": ""},
                   "comments": "Cần thêm **số liệu**",
                   "scores": {**dict.fromkeys(codes, ""), "ND1": "8,"}, "comments_only": False}],
        "self_assessment": "Tôi sẽ sửa", "to_fix": "", "lessons_drawn": "", "verdict": "none",
        "next_trial_date": "",
    }  # fmt: skip


async def test_a_draft_kept_by_the_previous_version_resumes_as_typed(
    small_repo: Repository, make_app: MakeApp
) -> None:
    kept = previous_draft(small_repo)
    small_repo.save_draft("trial:new", kept)
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the drafts dialog offered at start: resume it
        await pilot.pause()
        screen = form(app)
        assert screen.query_one("#t-lesson", Input).value == LESSON
        assert screen.query_one("#t-start_time", Input).value == "7h"
        chair = screen.query_one("#t-chair", PersonPicker)
        assert chair.typed["name"].value == OUTSIDER and chair.outside.display
        assert (
            screen.query_one("#t-secretary", PersonPicker).state["who"]
            == person(small_repo, "Lan").id
        )
        [member] = screen.panel.members()
        assert member.comments.text == "Cần thêm **số liệu**"
        assert member.scorer.texts()["ND1"] == "8," and member.scorer.display
        assert screen.query_one("#t-self_assessment", TextArea).text == "Tôi sẽ sửa"
        assert not any(n.startswith(PARTLY[:20]) for n in notes(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    # Kept again on quit, it is the same draft: nothing lost or reshaped on the way.
    again = dict(small_repo.drafts()["trial:new"])
    again.pop("saved_at")
    assert again == kept


async def test_a_draft_field_of_the_wrong_type_keeps_the_records_value_and_is_said(
    small_repo: Repository, make_app: MakeApp
) -> None:
    an, hung, lan = (person(small_repo, n).id for n in ("An", "Hùng", "Lan"))
    trial = small_repo.save(
        decided(lecturer_id=an, lesson=LESSON, date=dt.date(2026, 3, 10),
                chair=PersonRef(lecturer_id=hung),
                panel=[PanelMember(lecturer_id=hung, comments="Tốt")])
    )  # fmt: skip
    small_repo.save_draft(f"trial:{trial.id}", {
        **previous_draft(small_repo), "record_id": trial.id, "lesson": "Bài mới",
        "place": "Phòng 2", "chair": 5, "scored": False,
        "panel": [{"person": {"who": lan, "name": "", "position": "", "unit": ""},
                   "comments": "Khác", "comments_only": False}],  # no "scores"
    })  # fmt: skip
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the drafts dialog: later; the form finds its draft
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert PARTLY.format("Chủ trì, Hội đồng") in notes(app)
        screen = form(app)
        assert screen.query_one("#t-lesson", Input).value == "Bài mới"
        assert screen.query_one("#t-place", Input).value == "Phòng 2"
        assert screen.query_one("#t-chair", PersonPicker).state["who"] == hung
        [member] = screen.panel.members()
        assert (member.person.state["who"], member.comments.text) == (hung, "Tốt")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TrialsScreen)
    saved = small_repo.get(Trial, trial.id)
    assert saved is not None and (saved.lesson, saved.place) == ("Bài mới", "Phòng 2")
    assert saved.chair == PersonRef(lecturer_id=hung)
    assert saved.panel == [PanelMember(lecturer_id=hung, comments="Tốt")]
    assert small_repo.drafts() == {}


async def test_a_new_trials_draft_with_garbage_opens_blank_where_it_did_not_read(
    small_repo: Repository, make_app: MakeApp
) -> None:
    small_repo.save_draft("trial:new", {
        **previous_draft(small_repo), "panel": "abc", "rubric_id": ["x", 1],
        "rubric_version": "2", "secretary": [], "self_assessment": 7, "verdict": "maybe",
    })  # fmt: skip
    app = make_app(small_repo, start="trials")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        said = "Phiếu đánh giá, Phiên bản phiếu, Thư ký, Hội đồng, Ý kiến của giảng viên, Kết quả"
        assert PARTLY.format(said) in notes(app)
        screen = form(app)
        assert screen.query_one("#t-lesson", Input).value == LESSON
        assert screen.query_one("#t-secretary", PersonPicker).state["who"] == ""
        assert screen.query_one("#t-self_assessment", TextArea).text == ""
        [member] = screen.panel.members()
        assert member.person.state["who"] == "" and member.scorer.display  # the draft scores
        screen.panel.scored.value = False
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TrialsScreen)
    [trial] = small_repo.all(Trial)
    assert (trial.lesson, trial.panel, trial.rubric_id) == (LESSON, [], None)
    assert trial.chair == PersonRef(name=OUTSIDER, position="Phó Trưởng Ban",
                                    unit="Ban Tuyên giáo")  # fmt: skip
    assert small_repo.drafts() == {}
