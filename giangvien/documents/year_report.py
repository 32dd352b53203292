"""The Center's year-end report as a draft a director can finish, in Markdown.

The shape of a Center's "báo cáo tổng kết": what was done (classes, observations
and trial lectures, monthly meetings, briefing sessions, the plan and its
deadlines, this year against last), the shortcomings and their causes, the
direction for next year, proposals; the director's signature and "Nơi nhận";
then the per-lecturer figures as an annex on a page of its own. Every figure
comes from ``development.review`` at one reference date, said once at the top.

What the records cannot know (the plan the report answers to, the causes, the
year's targets, proposals) is a marked place, ``blocks.fill_in``, in italics
and brackets in every format; the direction is pre-filled with tasks the
records suggest, for the director to keep, change or strike out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Final

from giangvien.development.figures import extremes
from giangvien.development.format import percent
from giangvien.development.period import Period
from giangvien.development.review import Review
from giangvien.documents.blocks import (
    KIND_CODE,
    before_label,
    bullets,
    director,
    fill_in,
    next_label,
    period_label,
    table,
    the_period,
)
from giangvien.documents.classes import HEADING, classes_section, lower_first
from giangvien.documents.escape import md, md_cell
from giangvien.documents.follow import (
    ON_TIME_NOTE,
    PLAN_BY_YEAR,
    carried_sentence,
    on_time_sentence,
    on_time_table,
)
from giangvien.documents.header import document_header, document_title, signatures
from giangvien.documents.people import month_label
from giangvien.documents.year_ahead import direction, shortcomings
from giangvien.documents.year_annex import IN_PROSE, LEVELS, annex, comparison
from giangvien.meetings import AgreedItem
from giangvien.meetings import State as ItemState
from giangvien.models import Employment, Lecturer, Position, Settings
from giangvien.plan import State
from giangvien.trials import lesson_key
from giangvien.vntext import format_count, format_date

# The staff sentence, in the order a Center lists its people.
STAFF: Final = (
    ((Position.DIRECTOR, None), "Giám đốc"),
    ((Position.DEPUTY, None), "Phó Giám đốc"),
    ((Position.LECTURER, Employment.FULL_TIME), "giảng viên chuyên trách"),
    ((Position.LECTURER, Employment.PART_TIME), "giảng viên kiêm chức"),
    ((Position.LECTURER, Employment.GUEST), "giảng viên thỉnh giảng"),
    ((Position.STAFF, None), "cán bộ"),
)


def subject(period: Period) -> str:
    """The report's subject line (trích yếu), also its title."""
    head = "Tổng kết" if period.calendar_year is not None else "Kết quả"
    return (
        f"{head} công tác bồi dưỡng chuyên môn của giảng viên {period_label(period)}, "
        f"phương hướng, nhiệm vụ {next_label(period)}"
    )


def _organisation(settings: Settings) -> str:
    return md(settings.organisation) if settings.organisation.strip() else "Trung tâm"


def _staff(people: Sequence[Lecturer], when: str) -> list[str]:
    kinds = Counter(
        (lec.position, lec.employment if lec.position is Position.LECTURER else None)
        for lec in people
    )
    parts = [f"{format_count(kinds[key])} {name}" for key, name in STAFF if kinds[key]]
    if not people:
        return []
    return [
        f"Trong {when}, Trung tâm có {format_count(len(people))} đồng chí tham gia công tác "
        f"giảng dạy, bồi dưỡng chuyên môn: {', '.join(parts)}."
    ]


def _opening(r: Review, settings: Settings) -> list[str]:
    when = the_period(r.period)
    return [
        f"Thực hiện {fill_in(f'kế hoạch, văn bản chỉ đạo về công tác {when}')}, "
        f"{_organisation(settings)} báo cáo kết quả công tác bồi dưỡng chuyên môn của giảng "
        f"viên {when} như sau (số liệu tính đến ngày {format_date(r.at)}):",
        *_staff([row.lecturer for row in r.center.rows], when),
    ]


# -- I. Results ------------------------------------------------------------------------------


def _lessons(r: Review, lecturer_id: str, lessons: Sequence[str]) -> str:
    who = r.people.get(lecturer_id)
    name = md(who.full_name) if who else "?"
    return f"Đồng chí {name}: {'; '.join(lessons)}."


def _observations(r: Review) -> list[str]:
    t, when = r.center.totals, the_period(r.period)
    if not t.observations:
        return [f"Trong {when}, chưa có phiếu dự giờ nào được ghi nhận."]
    bands = ", ".join(f"{md_cell(name)} {format_count(n)} lượt" for name, n in t.bands)
    blocks = [
        f"Giảng viên của Trung tâm đã dự giờ {format_count(t.observations)} lượt "
        f"({format_count(t.scored)} lượt có chấm điểm, {format_count(t.observations - t.scored)}"
        f" lượt chỉ nhận xét) đối với {format_count(t.lecturers_observed)} đồng chí; điểm bình "
        f"quân đạt {percent(t.average)} điểm tối đa" + (f"; xếp loại: {bands}." if bands else ".")
    ]
    strong = extremes(r.items)[0]
    if strong:
        best = "; ".join(f"{md(i.code)} “{md(i.text)}” {percent(i.average)}" for i in strong)
        blocks.append(f"Các tiêu chí đạt cao nhất (bình quân theo % điểm tối đa): {best}.")
    return blocks


def _trials(r: Review) -> list[str]:
    t = r.center.totals
    if not t.trials:
        blocks = [f"Không tổ chức buổi luyện giảng (giảng thử) nào trong {the_period(r.period)}."]
    else:
        undecided = f", chưa kết luận {format_count(t.undecided)}" if t.undecided else ""
        blocks = [
            f"Tổ chức {format_count(t.trials)} buổi luyện giảng (giảng thử): đạt "
            f"{format_count(t.passed)}, chưa đạt {format_count(t.not_passed)}{undecided}."
        ]
    by: dict[str, list[str]] = {}
    for c in r.cleared:
        by.setdefault(c.lecturer_id, []).append(
            f"“{md(c.lesson)}” (ngày {format_date(c.cleared_on)})"
        )
    if by:
        blocks += [
            f"Các đồng chí được duyệt giảng bài mới trong {the_period(r.period)}:",
            bullets([_lessons(r, who, found) for who, found in by.items()]),
        ]
    owed: dict[str, list[str]] = {}
    for a in r.awaiting:
        when = f"hẹn ngày {format_date(a.date)}" if a.date else "chưa hẹn ngày"
        late = ", đã quá hạn" if a.overdue else ""
        owed.setdefault(a.lecturer_id, []).append(f"“{md(a.lesson)}” ({when}{late})")
    if owed:
        blocks += [
            "Các bài chưa đạt, phải giảng thử lại:",
            bullets([_lessons(r, who, found) for who, found in owed.items()]),
        ]
    return blocks


def _update(u: AgreedItem, r: Review) -> str:
    who = r.people.get(u.owner_id) if u.owner_id else None
    owner = f"đồng chí {md(who.full_name)} thực hiện; " if who else ""
    if u.done_on is not None:
        state = f"hoàn thành ngày {format_date(u.done_on)}"
    elif u.state(r.at) is ItemState.OVERDUE and u.due is not None:
        state = f"hạn {format_date(u.due)}, quá hạn chưa hoàn thành"
    else:
        state = "đang thực hiện"
    when = f"thống nhất tháng {month_label(u.meeting_date)}"
    return f"{md(u.what.rstrip('.; '))} ({when}; {owner}{state})."


def _meetings(r: Review) -> list[str]:
    t = r.center.totals
    if not t.meetings:
        return [
            f"Không có buổi sinh hoạt chuyên môn nào được ghi nhận trong {the_period(r.period)}."
        ]
    blocks = [
        f"Tổ chức {format_count(t.meetings)} buổi sinh hoạt chuyên môn; tỉ lệ giảng viên tham "
        f"dự {percent(t.meeting_rate)}. Các buổi sinh hoạt đã thống nhất "
        f"{format_count(t.updates_agreed)} nội dung bổ sung vào bài giảng, đã thực hiện "
        f"{format_count(t.updates_done)}; giao {format_count(t.tasks_agreed)} nhiệm vụ, đã hoàn "
        f"thành {format_count(t.tasks_done)}."
    ]
    if not r.updates:
        return blocks
    # One item a lesson (the review sorts them by lesson), its updates under it.
    by: dict[str, list[AgreedItem]] = {}
    for u in r.updates:
        by.setdefault(lesson_key(u.lesson), []).append(u)
    items = []
    for found in by.values():
        head = f"“{md(found[0].lesson)}” ({format_count(len(found))} nội dung):"
        items.append("\n".join([head, *(f"  - {_update(u, r)}" for u in found)]))
    return [
        *blocks,
        f"Nội dung thống nhất bổ sung vào {format_count(len(by))} bài giảng:",
        bullets(items),
    ]


def _briefings(r: Review) -> list[str]:
    t = r.center.totals
    if not t.briefings:
        return [
            f"Không có buổi sinh hoạt báo cáo viên nào được ghi nhận trong {the_period(r.period)}."
        ]
    by = ", ".join(f"{IN_PROSE[f.level]} {format_count(f.sessions)} buổi" for f in r.levels)
    rows = [
        [LEVELS[f.level], str(f.sessions), f"{f.attended}/{f.expected}", percent(f.rate)]
        for f in r.levels
    ]
    expected = sum(f.expected for f in r.levels)
    attended = sum(f.attended for f in r.levels)
    rows.append(["Cộng", str(t.briefings), f"{attended}/{expected}", percent(t.briefing_rate)])
    headers = ["Cấp tổ chức", "Số buổi", "Lượt dự / triệu tập", "Tỉ lệ tham dự"]
    return [
        f"Giảng viên của Trung tâm tham gia {format_count(t.briefings)} buổi sinh hoạt báo cáo "
        f"viên ({by}); tỉ lệ tham dự {percent(t.briefing_rate)}.",
        table(headers, rows, right=3),
    ]


def _plan(r: Review, settings: Settings) -> list[str]:
    plan, year = r.plan, r.period.calendar_year
    if plan is None or year is None:
        return [PLAN_BY_YEAR]
    visits = [f.state(plan.at) for row in plan.rows for f in row.follow_ups]
    again = (
        f"Dự giờ lại sau phiếu xếp loại thấp: {visits.count(State.DONE)}/{len(visits)} lượt "
        f"đã thực hiện (hạn {settings.follow_up_days} ngày kể từ ngày dự giờ)."
    )
    if not plan.made:
        made = f"Năm {year} chưa lập kế hoạch dự giờ trong chương trình."
        return [made, again] if visits else [made]
    rows = [row for row in plan.rows if row.entry is not None]

    def total(pick: str) -> str:
        tallies = [getattr(row, pick) for row in rows]
        return f"{sum(t.done for t in tallies)}/{sum(t.planned for t in tallies)}"

    said = (
        (State.DONE, "hoàn thành kế hoạch"),
        (State.OVERDUE, "có việc quá hạn"),
        (State.OWED, "còn việc chưa đến hạn"),
    )
    states = [f"{format_count(plan.count(s))} đồng chí {what}" for s, what in said if plan.count(s)]
    return [
        f"Kế hoạch dự giờ năm {year} lập cho {format_count(len(rows))} đồng chí; đã thực hiện "
        f"(đã làm/kế hoạch): được dự giờ {total('observed')} lượt, đi dự giờ đồng nghiệp "
        f"{total('observing')} lượt, giảng thử {total('trials')} buổi. Đến ngày "
        f"{format_date(plan.at)}: {', '.join(states)}.",
        *([again] if visits else []),
    ]


def _deadlines(r: Review, settings: Settings) -> list[str]:
    when = f"trong {the_period(r.period)}"
    days = settings.suggestion_days
    blocks = [
        *_plan(r, settings),
        carried_sentence(r.carried, days, when),
        on_time_sentence(r.on_time, when),
    ]
    quarters = r.quarters
    if quarters is not None and (r.on_time.counted or r.on_time.pending):
        blocks.append(on_time_table(quarters, r.on_time))
    return [*blocks, f"*{ON_TIME_NOTE.format(days=days)}*"]


def _results(r: Review, settings: Settings) -> list[str]:
    return [
        "### I. KẾT QUẢ THỰC HIỆN",
        f"### 1. {HEADING}",
        *classes_section(r.center.classes, the_period(r.period)),
        "### 2. Công tác dự giờ, luyện giảng",
        *_observations(r),
        *_trials(r),
        "### 3. Sinh hoạt chuyên môn",
        *_meetings(r),
        "### 4. Sinh hoạt báo cáo viên",
        *_briefings(r),
        "### 5. Kế hoạch dự giờ, thực hiện góp ý và tiến độ công việc",
        *_deadlines(r, settings),
        f"### 6. So sánh với {before_label(r.period)}",
        *comparison(r, before_label(r.period)),
    ]


def _recipients(settings: Settings) -> list[str]:
    parent = settings.parent_body.strip()
    return [f"Thường trực {parent} (để báo cáo)"] if parent else []


def center_report(r: Review, settings: Settings, today: dt.date) -> str:
    """The Center's report for the period as Markdown: a draft for the director to finish."""
    organisation = _organisation(settings)
    blocks = [
        document_header(settings, KIND_CODE, today),
        document_title("BÁO CÁO", subject(r.period)),
        *_opening(r, settings),
        *_results(r, settings),
        *shortcomings(r),
        *direction(r),
        f"Trên đây là báo cáo {lower_first(subject(r.period))} của {organisation}./.",
        # Signed by the director alone, "Nơi nhận" beside (Nghị định 30/2020, a report):
        # a Center reports to its Party committee, named when the settings name it.
        signatures(
            "",
            "",
            "Giám đốc",
            director([row.lecturer for row in r.center.rows]),
            recipients=_recipients(settings),
        ),
        *annex(r, organisation, subject(r.period)),
    ]
    return "\n\n".join(blocks) + "\n"


__all__ = ["center_report", "subject"]
