"""The Center's year report as a draft year-end report: its figures recomputed from the
records by other means than the code that prints them, its sections, the marked places
for the director's words in every format, and user text kept literal.

The demo Center (``demo.generate`` on a fixed day) is the data: two years of sheets,
trials, meetings, briefings and classes, as a real Center's file would hold them, plus
a plan made from the defaults. Small hand-made records cover the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from giangvien.demo import generate, phrases
from giangvien.development import Data, Period, profile
from giangvien.development.format import percent
from giangvien.development.recurring import (
    limitation_lines,
    recurring_limitations,
    sentences,
    weak_items,
)
from giangvien.development.review import Review, lecturer_follow, review
from giangvien.documents.html import to_html
from giangvien.documents.printing import text_cm
from giangvien.documents.report import center_title, profile_report
from giangvien.documents.word import to_docx
from giangvien.documents.year_report import center_report
from giangvien.models import (
    Acted,
    Attendance,
    Briefing,
    Conference,
    ContentUpdate,
    Lecturer,
    Level,
    Meeting,
    Observation,
    PlanEntry,
    PlanTarget,
    Position,
    Presence,
    Settings,
    SuggestionCheck,
    Task,
    TrainingClass,
    Trial,
    Verdict,
)
from giangvien.plan import lecturer_row, year_plan
from giangvien.rubric import default_rubric
from giangvien.vntext import fold, format_count, format_date
from tests.test_docx import paragraphs, tables, texts
from tests.trial_helpers import decided

DEMO_DAY = dt.date(2026, 12, 3)
YEAR = Period.year(2025)
END = dt.date(2025, 12, 31)
RUBRIC = default_rubric()
MAXIMA = {item.code: item.max for item in RUBRIC.items}
PLACEHOLDER = re.compile(r"\[Giám đốc bổ sung: [^\]]+\]")


def _of(records: Iterable[object], kind: type[Any]) -> list[Any]:
    return [r for r in records if isinstance(r, kind)]


def rubric_of(rubric_id: str, version: int) -> Any:
    return RUBRIC if (rubric_id, version) == (RUBRIC.rubric_id, RUBRIC.version) else None


def data_of(records: list[Any], today: dt.date, settings: Settings | None = None) -> Data:
    return Data(
        lecturers=_of(records, Lecturer),
        observations=_of(records, Observation),
        trials=_of(records, Trial),
        meetings=_of(records, Meeting),
        briefings=_of(records, Briefing),
        settings=settings or (_of(records, Settings) or [Settings()])[0],
        rubric_of=rubric_of,
        reference=RUBRIC,
        today=today,
        classes=_of(records, TrainingClass),
        conferences=_of(records, Conference),
        plans=_of(records, PlanEntry),
    )


@pytest.fixture(scope="module")
def demo() -> Data:
    """The demo Center on a fixed day, with its 2025 plan (made from the defaults)."""
    data = data_of(generate(today=DEMO_DAY), DEMO_DAY)
    assert {p.year for p in data.plans} == {2025, 2026}
    return data


@pytest.fixture(scope="module")
def report(demo: Data) -> tuple[Review, str]:
    found = review(demo, YEAR)
    return found, center_report(found, demo.settings, DEMO_DAY)


def live(items: Iterable[Any], period: Period) -> list[Any]:
    return [x for x in items if x.deleted_at is None and x.date in period]


# -- the figures, recomputed -----------------------------------------------------------------


def band(scores: dict[str, float]) -> str:
    """The default rubric's bands (DOMAIN.md), written out again."""
    total = sum(scores.values())
    if total >= 17 and scores["ND1"] == MAXIMA["ND1"]:
        return "Giỏi"
    return "Khá" if total >= 14 else "Trung bình (Đạt)" if total >= 10 else "Chưa đạt"


def test_observations_and_trials_recomputed(demo: Data, report: tuple[Review, str]) -> None:
    _, text = report
    sheets = live(demo.observations, YEAR)
    scored = [s for s in sheets if s.scores is not None]
    average = sum(sum(s.scores.values()) / 20 for s in scored) / len(scored)
    bands = Counter(band(s.scores) for s in scored)
    assert (
        f"đã dự giờ {format_count(len(sheets))} lượt ({format_count(len(scored))} lượt có chấm "
        f"điểm, {format_count(len(sheets) - len(scored))} lượt chỉ nhận xét) đối với "
        f"{format_count(len({s.lecturer_id for s in sheets}))} đồng chí; điểm bình quân đạt "
        f"{percent(average)} điểm tối đa"
    ) in text
    for name in ("Giỏi", "Khá", "Trung bình (Đạt)"):
        if bands[name]:
            assert f"{name} {format_count(bands[name])} lượt" in text
    trials = live(demo.trials, YEAR)
    passed = sum(t.verdict is Verdict.PASSED for t in trials)
    failed = sum(t.verdict is Verdict.NOT_PASSED for t in trials)
    assert (
        f"Tổ chức {format_count(len(trials))} buổi luyện giảng (giảng thử): đạt "
        f"{format_count(passed)}, chưa đạt {format_count(failed)}"
    ) in text
    # A lesson cleared in 2025: passed then, and never passed by that lecturer before.
    before = {
        (t.lecturer_id, fold(t.lesson))
        for t in demo.trials
        if t.verdict is Verdict.PASSED and t.date < YEAR.start
    }
    cleared = {
        (t.lecturer_id, fold(t.lesson)): t
        for t in sorted(trials, key=lambda t: t.date)
        if t.verdict is Verdict.PASSED
    }
    cleared = {k: t for k, t in cleared.items() if k not in before}
    assert cleared, "the demo clears a lesson in 2025"
    for t in cleared.values():
        assert f"“{t.lesson}” (ngày {format_date(t.date)})" in text


def test_meetings_updates_and_briefings_by_level_recomputed(
    demo: Data, report: tuple[Review, str]
) -> None:
    _, text = report
    meetings = live(demo.meetings, YEAR)
    updates = [u for m in meetings for u in m.content_updates]
    done = [u for u in updates if u.done_on is not None and u.done_on <= END]
    assert (
        f"Tổ chức {format_count(len(meetings))} buổi sinh hoạt chuyên môn; tỉ lệ giảng viên tham "
        f"dự "
    ) in text
    assert (
        f"đã thống nhất {format_count(len(updates))} nội dung bổ sung vào bài giảng, đã thực "
        f"hiện {format_count(len(done))}"
    ) in text
    lessons = {fold(u.lesson) for u in updates}
    assert f"Nội dung thống nhất bổ sung vào {format_count(len(lessons))} bài giảng:" in text
    for u in updates:  # each under its lesson, with when it was done
        said = f"hoàn thành ngày {format_date(u.done_on)}" if u in done else "thực hiện"
        assert re.search(
            re.escape(u.content.rstrip(".")) + r" \(thống nhất tháng [^)]*" + re.escape(said), text
        ), u.content
    levels = Counter(b.level for b in live(demo.briefings, YEAR))
    names = {
        Level.CENTRAL: "Trung ương",
        Level.PROVINCIAL: "Tỉnh",
        Level.DISTRICT: "Huyện (đến ngày 30/6/2025)",
        Level.COMMUNE: "Xã, phường",
    }
    for level, n in levels.items():
        assert f"| {names[level]} | {n} |" in text
    assert f"| Cộng | {sum(levels.values())} |" in text
    # The district tier ended on 1/7/2025: its sessions are all before, the commune's after.
    district = [b.date for b in live(demo.briefings, YEAR) if b.level is Level.DISTRICT]
    assert all(day < dt.date(2025, 7, 1) for day in district)


def test_this_year_against_last_recomputed(demo: Data, report: tuple[Review, str]) -> None:
    _, text = report
    last = Period.year(2024)

    def row(label: str, before: int, now: int) -> str:
        diff = now - before
        sign = "0" if not diff else ("+" if diff > 0 else "−") + str(abs(diff))
        return f"| {label} | {before} | {now} | {sign} |"

    assert "| Chỉ tiêu | Năm 2024 | Năm 2025 | Tăng (+), giảm (−) |" in text
    sheets = {p: live(demo.observations, p) for p in (last, YEAR)}
    assert row("Lượt dự giờ", len(sheets[last]), len(sheets[YEAR])) in text
    for kind, label in (
        (Meeting, "Buổi sinh hoạt chuyên môn"),
        (Briefing, "Buổi sinh hoạt báo cáo viên"),
        (Trial, "Buổi giảng thử"),
    ):
        found = {
            p: len(live(_of([*demo.meetings, *demo.briefings, *demo.trials], kind), p))
            for p in (last, YEAR)
        }
        assert row(label, found[last], found[YEAR]) in text
    classes = {
        p: [c for c in demo.classes if c.deleted_at is None and c.opened in p] for p in (last, YEAR)
    }
    assert row("Lớp đào tạo, bồi dưỡng đã mở (lớp)", len(classes[last]), len(classes[YEAR])) in text

    def average(found: list[Observation]) -> float:
        scored = [sum(s.scores.values()) / 20 for s in found if s.scores is not None]
        return sum(scored) / len(scored)

    now, before = average(sheets[YEAR]), average(sheets[last])
    assert f"| Điểm bình quân (% điểm tối đa) | {percent(before)} | {percent(now)} |" in text


def test_recurring_limitations_and_weak_criteria_recomputed(
    demo: Data, report: tuple[Review, str]
) -> None:
    _, text = report
    sheets = live(demo.observations, YEAR)
    # The demo writes its limitations from a bank of sentences: which of them each sheet
    # holds is read off the bank, not cut up as the report cuts them.
    bank = {line for lines in phrases()["limitations"].values() for line in lines}
    about: dict[str, set[str]] = {}
    on: Counter[str] = Counter()
    for s in sheets:
        for line in bank:
            if line in s.limitations:
                about.setdefault(line, set()).add(s.lecturer_id)
                on[line] += 1
    recurring = sorted(
        (line for line in about if len(about[line]) >= 2),
        key=lambda line: (-len(about[line]), -on[line]),
    )
    assert recurring, "the demo writes some limitation about two lecturers"
    top = recurring[0]
    assert (
        f"“{top.rstrip('.')}” ({format_count(on[top])} phiếu, "
        f"{format_count(len(about[top]))} đồng chí)."
    ) in text
    # The criteria below 60% of their maximum on the most scored sheets.
    scored = [s for s in sheets if s.scores is not None]
    weak = Counter(c for s in scored for c, v in s.scores.items() if v / MAXIMA[c] < 0.6 - 1e-9)
    most = max(weak.values())
    leaders = [c for c, n in weak.items() if n == most]
    assert any(
        f"{c} “" in text and f"”: yếu trên {most}/{len(scored)} phiếu" in text for c in leaders
    )


def test_deadlines_recomputed(demo: Data, report: tuple[Review, str]) -> None:
    found, text = report
    days = dt.timedelta(days=demo.settings.suggestion_days)
    shown = {r.lecturer.id for r in found.center.rows}
    owed: list[tuple[dt.date, dt.date | None]] = []
    for m in demo.meetings:
        if m.deleted_at is None:
            owed += [
                (x.due, x.done_on)
                for x in [*m.tasks, *m.content_updates]
                if x.owner_id in shown and x.due is not None
            ]
    # One suggestion a line; done on the first later sheet that found it done.
    found_done: dict[tuple[str, int], dt.date] = {}
    for s in demo.observations:
        if s.deleted_at is None:
            for c in s.follow_ups:
                if c.acted is Acted.DONE:
                    key = (c.sheet_id, c.item)
                    found_done[key] = min(s.date, found_done.get(key, s.date))
    for s in demo.observations:
        if s.deleted_at is None and s.lecturer_id in shown:
            lines = [line for line in s.suggestions.splitlines() if line.strip()]
            owed += [(s.date + days, found_done.get((s.id, i))) for i in range(len(lines))]
    due = [(d, done) for d, done in owed if d in YEAR]
    on_time = sum(done is not None and done <= END and done <= d for d, done in due)
    late = sum(done is not None and d < done <= END for d, done in due)
    overdue = sum((done is None or done > END) and d < END for d, done in due)
    counted = on_time + late + overdue
    assert (
        f"Việc có thời hạn trong năm 2025: {format_count(counted)} việc đã làm xong hoặc đã "
        f"quá hạn, trong đó đúng hạn {format_count(on_time)}, trễ hạn {format_count(late)}, "
        f"quá hạn chưa xong {format_count(overdue)} (tỉ lệ đúng hạn {percent(on_time / counted)})"
    ) in text
    assert "| Cả năm |" in text and "Quý IV" in text


def test_the_plan_recomputed(demo: Data, report: tuple[Review, str]) -> None:
    found, text = report
    entries = {p.lecturer_id: p for p in demo.plans}
    assert entries, "the defaults plan something for the demo's lecturers"
    sheets = live(demo.observations, YEAR)
    annex = text[text.index("### Bảng 2.") :]
    done = planned = 0
    for n, row in enumerate(found.center.rows, start=1):
        entry = entries.get(row.lecturer.id)
        if entry is None:
            continue
        observed = sum(s.lecturer_id == row.lecturer.id for s in sheets)
        observing = sum(row.lecturer.id in s.observer_ids for s in sheets)
        line = next(r for r in annex.splitlines() if r.startswith(f"| {n} | "))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[2:4] == [f"{observed}/{entry.observed}", f"{observing}/{entry.observing}"]
        done, planned = done + observed, planned + entry.observed
    assert (
        f"Kế hoạch dự giờ năm 2025 lập cho {format_count(len(entries))} đồng chí; đã thực hiện "
        f"(đã làm/kế hoạch): được dự giờ {done}/{planned} lượt"
    ) in text


# -- the shape of a year-end report ------------------------------------------------------------


def test_the_sections_of_a_year_end_report(report: tuple[Review, str]) -> None:
    found, text = report
    order = [
        "# BÁO CÁO",
        "**Tổng kết công tác bồi dưỡng chuyên môn của giảng viên năm 2025, phương hướng, "
        "nhiệm vụ năm 2026**",
        "(số liệu tính đến ngày 31/12/2025)",
        "### I. KẾT QUẢ THỰC HIỆN",
        "### 1. Kết quả mở lớp đào tạo, bồi dưỡng và tổ chức hội nghị",
        "### 2. Công tác dự giờ, luyện giảng",
        "### 3. Sinh hoạt chuyên môn",
        "### 4. Sinh hoạt báo cáo viên",
        "### 5. Kế hoạch dự giờ, thực hiện góp ý và tiến độ công việc",
        "### 6. So sánh với năm 2024",
        "### II. HẠN CHẾ, NGUYÊN NHÂN",
        "### 1. Hạn chế",
        "### 2. Nguyên nhân",
        "### III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "### IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "***Nơi nhận:***",
        "**GIÁM ĐỐC**",
        "# PHỤ LỤC",
        "### Bảng 1.",
        "### Bảng 2.",
        "### Bảng 3.",
    ]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    # The director's words: a marked place in each part a director writes.
    assert len(PLACEHOLDER.findall(text.replace("\\[", "[").replace("\\]", "]"))) == 5
    # One reference date: no other "tính đến" than the year's end.
    assert set(re.findall(r"đến ngày (\d\d/\d\d/\d{4})", text)) <= {"31/12/2025", "30/6/2025"}
    assert found.at == END
    # The direction is pre-filled from the records.
    direction = text[text.index("### III.") : text.index("### IV.")]
    assert "Tổ chức giảng thử lại bài" in direction
    assert "Thực hiện kế hoạch dự giờ năm 2026 đã lập cho 05 đồng chí." in direction
    # The report goes to the Center's Party committee, and to the file.
    assert "- Thường trực Đảng ủy xã Hòa Phong (để báo cáo);" in text
    assert "- Lưu: VT, hồ sơ." in text
    assert center_title(found.center).startswith("Báo cáo tổng kết công tác bồi dưỡng")


def test_the_direction_asks_for_next_years_plan_when_there_is_none(demo: Data) -> None:
    unplanned = dataclasses.replace(demo, plans=[p for p in demo.plans if p.year != 2026])
    text = center_report(review(unplanned, YEAR), demo.settings, DEMO_DAY)
    direction = text[text.index("### III.") : text.index("### IV.")]
    assert "Xây dựng kế hoạch dự giờ năm 2026" in direction


def test_a_from_to_period_still_reads(demo: Data) -> None:
    period = Period(dt.date(2025, 3, 1), dt.date(2025, 9, 30))
    text = center_report(review(demo, period), demo.settings, DEMO_DAY)
    assert (
        "**Kết quả công tác bồi dưỡng chuyên môn của giảng viên từ ngày 01/03/2025 đến "
        "ngày 30/09/2025, phương hướng, nhiệm vụ thời gian tới**"
    ) in text
    assert "Trong kỳ từ ngày 01/03/2025 đến ngày 30/09/2025, Trung tâm đã mở" in text
    assert "Kế hoạch dự giờ được lập theo năm" in text
    assert "| Chỉ tiêu | Kỳ trước | Kỳ này |" in text
    assert "### III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text
    assert "### Bảng 2. Thực hiện góp ý và việc đúng hạn" in text and "### Bảng 3." not in text
    assert "(số liệu tính đến ngày 30/09/2025)" in text


def test_a_running_year_counts_at_today(demo: Data) -> None:
    found = review(demo, Period.year(2026))
    text = center_report(found, demo.settings, DEMO_DAY)
    assert found.at == DEMO_DAY
    assert "(số liệu tính đến ngày 03/12/2026)" in text
    assert "### 6. So sánh với năm 2025" in text


def test_an_empty_year_says_so() -> None:
    data = data_of([], dt.date(2026, 1, 5))
    text = center_report(review(data, YEAR), data.settings, dt.date(2026, 1, 5))
    assert "chưa có phiếu dự giờ nào được ghi nhận" in text
    assert "Chưa có số liệu năm 2024 trong chương trình để so sánh." in text
    assert "Năm 2025 chưa lập kế hoạch dự giờ trong chương trình." in text
    assert "Không có giảng viên nào trong kỳ." in text


# -- the director's places and user text, in every format --------------------------------------

SHAPED = "[Giám đốc bổ sung: **đậm**] <b>x</b> | `mã`"


def shaped_center() -> tuple[Data, Lecturer]:
    """A Center whose lecturer, lesson and limitation are typed to look like markup."""
    lan = Lecturer(
        family_name="Phạm", middle_name="Thị", given_name="Lan", position=Position.DIRECTOR
    )
    tam = Lecturer(family_name="[TODO]", middle_name="Lê Văn", given_name="Tám")
    an = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
    scores = {i.code: i.max for i in RUBRIC.items}

    def sheet(day: str, who: Lecturer) -> Observation:
        return Observation(
            date=dt.date.fromisoformat(day),
            lecturer_id=who.id,
            observer_ids=[lan.id],
            lesson=SHAPED,
            rubric_id=RUBRIC.rubric_id,
            rubric_version=RUBRIC.version,
            scores=scores,
            limitations=SHAPED,
            suggestions="Một ý",
        )

    meeting = Meeting(
        date=dt.date(2025, 3, 3),
        content_updates=[
            ContentUpdate(lesson=SHAPED, content=SHAPED, owner_id=tam.id, due=dt.date(2025, 4, 1))
        ],
    )
    records = [
        lan,
        tam,
        an,
        sheet("2025-03-01", tam),
        sheet("2025-04-01", an),
        meeting,
        decided(
            date=dt.date(2025, 2, 2), lecturer_id=tam.id, lesson=SHAPED, verdict=Verdict.PASSED
        ),
    ]
    return data_of(records, dt.date(2026, 1, 5)), tam


def test_placeholders_and_user_text_in_markdown_and_html() -> None:
    data, _ = shaped_center()
    text = center_report(review(data, YEAR), data.settings, dt.date(2026, 1, 5))
    # Our own brackets, escaped so no reader takes them for a link, in italics.
    assert "*\\[Giám đốc bổ sung: nguyên nhân khách quan" in text
    # What a user typed is escaped wherever it stands: it never turns italic or bold.
    assert "**đậm**" not in text.replace("\\*\\*đậm\\*\\*", "")
    page = to_html(text, "t")
    assert "<em>[Giám đốc bổ sung: nguyên nhân khách quan" in page
    assert "[Giám đốc bổ sung: **đậm**] &lt;b&gt;x&lt;/b&gt; | `mã`" in page
    assert "<b>x</b>" not in page and "<strong>đậm" not in page and "<a " not in page


def italic_runs(document: Document) -> list[str]:
    return [r.text for p in paragraphs(document) for r in p.runs if r.italic and r.text.strip()]


def test_the_word_file_has_the_sections_the_places_and_literal_user_text() -> None:
    data, tam = shaped_center()
    document = docx.Document(
        io.BytesIO(to_docx(center_report(review(data, YEAR), data.settings, END), "t"))
    )
    shown = texts(document)
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "PHỤ LỤC",
    ):
        assert heading in shown
    # The places for the director: whole runs in italics, brackets and all.
    placed = [t for t in italic_runs(document) if t.startswith("[Giám đốc bổ sung: ")]
    assert len(placed) == 5 and all(t.endswith("]") for t in placed)
    # Typed text shaped like a placeholder or like markup stays as typed and upright.
    assert any(SHAPED in line for line in shown)
    assert not any(SHAPED in t for t in italic_runs(document))
    assert "[TODO] Lê Văn Tám" in " ".join(shown)
    body = document.element.body
    assert body.find(f".//{qn('w:hyperlink')}") is None
    # The annex starts a page; its names fit their column on one line.
    annex = next(p for p in document.paragraphs if p.text == "PHỤ LỤC")
    assert annex.paragraph_format.page_break_before
    first = next(t for t in tables(document) if t.rows[0].cells[0].text == "TT")
    size = next(r.font.size.pt for r in first.rows[1].cells[1].paragraphs[0].runs)
    width = first.rows[1].cells[1].width.cm  # type: ignore[union-attr]
    assert width >= text_cm(tam.full_name, size) + 0.2


# -- the pieces ----------------------------------------------------------------------------------


def test_limitations_are_cut_into_lines_and_sentences() -> None:
    typed = (
        "- Giọng giảng còn đều đều, chưa truyền cảm; tốc độ nói hơi nhanh. Ví dụ chưa sát.\n"
        "2) Liên hệ TP. Hồ Chí Minh chưa rõ! Còn đọc chép\n\n  + Th.S. Lan nhắc lại"
    )
    assert limitation_lines(typed) == [
        "Giọng giảng còn đều đều, chưa truyền cảm; tốc độ nói hơi nhanh.",
        "Ví dụ chưa sát.",
        "Liên hệ TP. Hồ Chí Minh chưa rõ!",
        "Còn đọc chép",
        "Th.S. Lan nhắc lại",
    ]
    assert sentences("Số liệu năm 2024. nhỏ") == ["Số liệu năm 2024. nhỏ"]


def test_a_limitation_recurs_across_lecturers_whatever_its_spelling() -> None:
    an, binh, cuong = (
        Lecturer(family_name="Lê", middle_name="Văn", given_name=g) for g in ("An", "Bình", "Cường")
    )
    lan = Lecturer(family_name="Phạm", middle_name="Thị", given_name="Lan")

    def sheet(day: int, who: Lecturer, text: str, deleted: bool = False) -> Observation:
        return Observation(
            date=dt.date(2025, 3, day),
            lecturer_id=who.id,
            observer_ids=[lan.id],
            lesson="Bài 1",
            rubric_id="x",
            rubric_version=1,
            limitations=text,
            deleted_at=dt.datetime(2025, 4, 1, tzinfo=dt.UTC) if deleted else None,
        )

    found = recurring_limitations(
        [
            sheet(1, an, "Phân phối thời gian chưa hợp lý. Còn đọc chép."),
            sheet(2, an, "- phân phối thời gian chưa hợp lý"),  # the same lecturer again
            sheet(3, binh, "PHÂN PHỐI THỜI GIAN CHƯA HỢP LÝ;"),
            sheet(4, cuong, "- Còn đọc chép"),
            sheet(5, binh, "Còn đọc chép.", deleted=True),
            sheet(6, cuong, "Ít ví dụ."),
        ]
    )
    assert [(r.text, r.sheets, r.lecturers) for r in found] == [
        ("Phân phối thời gian chưa hợp lý.", 3, 2),
        ("Còn đọc chép.", 2, 2),
    ]


def test_the_criteria_weak_on_the_most_sheets() -> None:
    full = {i.code: i.max for i in RUBRIC.items}
    data = data_of([], END)
    sheets = [
        data.scored(
            Observation(
                date=dt.date(2025, 5, d),
                lecturer_id="a",
                observer_ids=["b"],
                lesson="x",
                rubric_id=RUBRIC.rubric_id,
                rubric_version=RUBRIC.version,
                scores={**full, **low},
            )
        )
        for d, low in ((1, {"PP2": 1, "ND4": 0.5}), (2, {"PP2": 1.0}), (3, {"ND3": 1.25}))
    ]
    weak = weak_items(data, sheets, [])
    # PP2 at 50% on two sheets; ND4 at 50% on one; ND3 at 62,5% is not weak.
    assert [(w.code, w.weak, w.scored) for w in weak] == [("PP2", 2, 3), ("ND4", 1, 3)]


def test_the_profile_and_the_annex_show_the_plan_suggestions_and_deadlines() -> None:
    lan = Lecturer(
        family_name="Phạm", middle_name="Thị", given_name="Lan", position=Position.DIRECTOR
    )
    an = Lecturer(family_name="Nguyễn", middle_name="Văn", given_name="An")
    full = {i.code: i.max for i in RUBRIC.items}

    def sheet(day: str, **extra: Any) -> Observation:
        return Observation(
            date=dt.date.fromisoformat(day),
            lecturer_id=an.id,
            observer_ids=[lan.id],
            lesson="Bài 1",
            rubric_id=RUBRIC.rubric_id,
            rubric_version=RUBRIC.version,
            scores=full,
            **extra,
        )

    first = sheet("2025-02-01", suggestions="- Giảm đọc chép\n- Thêm ví dụ")
    second = sheet(
        "2025-03-01",
        follow_ups=[
            SuggestionCheck(sheet_id=first.id, item=0, text="Giảm đọc chép", acted=Acted.DONE),
            SuggestionCheck(sheet_id=first.id, item=1, text="Thêm ví dụ", acted=Acted.NOT_YET),
        ],
    )
    meeting = Meeting(
        date=dt.date(2025, 4, 7),
        attendance=[Attendance(lecturer_id=an.id, status=Presence.PRESENT)],
        tasks=[
            Task(
                description="Soạn bài",
                owner_id=an.id,
                due=dt.date(2025, 5, 1),
                done_on=dt.date(2025, 5, 10),
            ),  # late
            Task(
                description="Sửa giáo án",
                owner_id=an.id,
                due=dt.date(2025, 8, 1),
                done_on=dt.date(2025, 7, 1),
            ),
        ],  # on time
    )
    plan = PlanEntry.of(2025, an.id, PlanTarget(observed=2, observing=1, trials=0))
    data = data_of([lan, an, first, second, meeting, plan], dt.date(2026, 1, 5))
    follow = lecturer_follow(data, an, YEAR)
    assert (follow.carried.total, follow.carried.done, follow.carried.on_time) == (2, 1, 1)
    # Due in 2025: the two tasks (Q2 late, Q3 on time) and the two suggestions, due on 2/5
    # (Q2): one found done on 1/3, on time; the other never, overdue.
    assert (follow.on_time.on_time, follow.on_time.late, follow.on_time.overdue) == (2, 1, 1)
    assert follow.quarters is not None and follow.quarters[2].on_time == 1
    text = profile_report(
        profile(data, an, YEAR), data.settings, {}, dt.date(2026, 1, 5), follow=follow
    )
    section = text[text.index("## 7. Kế hoạch dự giờ") :]
    assert (
        "Kế hoạch dự giờ năm 2025 (đã làm/kế hoạch): được dự giờ 2/2; đi dự giờ đồng "
        "nghiệp 0/1 (quá hạn 1); giảng thử —"
    ) in section
    assert (
        "Góp ý, đề xuất qua dự giờ: 02 ý ghi trên các phiếu trong năm 2025; đã thực hiện "
        "01 ý (01 ý trong thời hạn 90 ngày), chưa ghi nhận thực hiện 01 ý."
    ) in section
    assert "| Quý II | 1 | 1 | 1 | 0 | 33,3% |" in section
    assert "| Cả năm | 2 | 1 | 1 | 0 | 50% |" in section
    annex = center_report(review(data, YEAR), data.settings, dt.date(2026, 1, 5))
    table2 = annex[annex.index("### Bảng 2.") : annex.index("### Bảng 3.")]
    row = next(line for line in table2.splitlines() if "Nguyễn Văn An" in line)
    assert row == "| 1 | Nguyễn Văn An | 2/2 | 0/1 | — | — | Quá hạn | 1/2 | 2/4 | 1 | 1 |"
    # A period that is not a year: no plan, the rest counted over the period.
    spring = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    text = profile_report(
        profile(data, an, spring),
        data.settings,
        {},
        dt.date(2026, 1, 5),
        follow=lecturer_follow(data, an, spring),
    )
    assert "Kế hoạch dự giờ được lập theo năm" in text and "| Quý I |" not in text


def test_one_lecturers_plan_row_is_the_years_row(demo: Data) -> None:
    # A profile asks for one row (plan.lecturer_row); it is the row the year's plan has.
    whole = year_plan(demo, 2025)
    for lecturer in demo.lecturers:
        assert lecturer_row(demo, lecturer, 2025) == whole.row(lecturer.id)
    assert any(whole.row(lec.id) is not None for lec in demo.lecturers)
