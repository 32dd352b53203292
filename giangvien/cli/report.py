"""`giangvien report [LECTURER]`: a lecturer's development profile, or the Center's summary.

Without LECTURER, the Center view; LECTURER is a name, typed with or without
diacritics, or an id (or the start of one). The period is a calendar year
(``--year``, the current one by default) or ``--from D --to D`` (dd/mm/yyyy).
Nothing here imports Textual, and the store is opened only when the command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from giangvien.cli.minutes import FORMATS, MIN_PREFIX, Refused, emit, output
from giangvien.i18n import tr
from giangvien.vntext import fold, matches, nfc, parse_date

if TYPE_CHECKING:  # the parser imports this module: models and figures load when it runs
    from giangvien.development import Period
    from giangvien.models import Lecturer

FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2199


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``report`` subcommand, on the subparsers of ``giangvien``."""
    text = tr("development.help_report")
    report = sub.add_parser("report", help=text, description=text, parents=[common])
    report.add_argument(
        "lecturer", nargs="?", metavar="LECTURER", help=tr("development.help_lecturer")
    )
    report.add_argument("--year", type=int, metavar="Y", help=tr("development.help_year"))
    report.add_argument("--from", dest="start", metavar="D", help=tr("development.help_from"))
    report.add_argument("--to", dest="end", metavar="D", help=tr("development.help_to"))
    report.add_argument(
        "--format", choices=FORMATS, default="md", help=tr("development.help_format")
    )
    report.add_argument("--out", type=Path, metavar="FILE", help=tr("development.help_out"))
    report.add_argument("--force", action="store_true", help=tr("development.help_force"))


def period_of(year: int | None, start: str | None, end: str | None, today: dt.date) -> Period:
    """The period the options name; raises ValueError with the sentence to print."""
    from giangvien.development import Period

    if year is not None and (start or end):
        raise ValueError(tr("development.year_or_dates"))
    if year is not None:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(tr("development.bad_year", year=year, first=FIRST_YEAR,
                                last=LAST_YEAR))  # fmt: skip
        return Period.year(year)
    if start is None and end is None:
        return Period.year(today.year)
    if start is None or end is None:
        raise ValueError(tr("development.both_dates"))
    return Period(parse_date(start), parse_date(end))


def _line(lecturer: Lecturer) -> str:
    archived = f" ({tr('cli.archived')})" if lecturer.archived else ""
    return f"  {lecturer.full_name}{archived}  {lecturer.id}"


def find_lecturer(lecturers: Sequence[Lecturer], query: str) -> Lecturer:
    """The one lecturer ``query`` names; raises :class:`Refused` (with candidates to list).

    Tried in turn, the first step that finds anyone decides: the id or the
    start of one; the whole name as typed (case aside); the whole name; every
    word a whole word of the name ("an" is Nguyễn Văn An, not Phạm Thị Lan);
    every word anywhere in the name. All but the second ignore case,
    diacritics and tone placement.
    """
    wanted = query.strip()
    if not wanted:
        raise Refused(tr("development.no_lecturer", name=query))
    people = sorted(lecturers, key=lambda lec: lec.sort_key)
    lowered = wanted.lower()
    steps = []
    if len(lowered) >= MIN_PREFIX and re.fullmatch(r"[0-9a-f-]+", lowered):
        steps.append([lec for lec in people if lec.id.startswith(lowered)])
    words = fold(wanted).split()
    # The name as typed, accents and all, first: "Thủy" is not "Thúy" when both exist.
    exact = " ".join(nfc(wanted).casefold().split())
    steps += [
        [lec for lec in people if " ".join(nfc(lec.full_name).casefold().split()) == exact],
        [lec for lec in people if fold(lec.full_name) == " ".join(words)],
        [lec for lec in people if set(words) <= set(fold(lec.full_name).split())],
        [lec for lec in people if matches(wanted, lec.full_name)],
    ]
    for found in steps:
        if len(found) == 1:
            return found[0]
        if found:
            sentence = tr("development.several_lecturers", name=wanted, n=len(found))
            raise Refused(sentence, [_line(lec) for lec in found])
    raise Refused(tr("development.no_lecturer", name=wanted))


def render(
    repo: Any, lecturer: str | None, period: Period, kind: str, today: dt.date
) -> str | bytes:
    """The report as Markdown, HTML or Word (``kind``: one of ``FORMATS``)."""
    from giangvien.development import Data, profile
    from giangvien.development.review import lecturer_follow, review
    from giangvien.documents import report
    from giangvien.documents.export import rendered
    from giangvien.models import Lecturer

    data = Data.read(repo, today)
    if lecturer is None:
        found = review(data, period)
        text = report.center_report(found, data.settings, today)
        title = report.center_title(found.center)
    else:
        who = find_lecturer(data.lecturers, lecturer)
        names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}
        found_p = profile(data, who, period)
        follow = lecturer_follow(data, who, period)
        text = report.profile_report(found_p, data.settings, names, today, follow=follow)
        title = report.profile_title(found_p)
    return rendered(text, title, kind)


def cmd_report(args: argparse.Namespace) -> int:
    from giangvien.cli.run import open_repo

    today = dt.date.today()
    period = period_of(args.year, args.start, args.end, today)
    from giangvien.cli.run import db_path
    from store.guard import write_document

    out = output(args, db_path(args))
    repo = open_repo(args, write=False)
    try:
        payload = render(repo, args.lecturer, period, args.format, today)
    except Refused as refused:
        print("\n".join([refused.sentence, *refused.candidates]), file=sys.stderr)
        return 2
    finally:
        repo.close()
    if out is None:
        return emit(payload)
    write_document(out, payload, data=db_path(args))
    print(tr("development.written", path=out))
    return 0


__all__ = ["add_parser", "cmd_report", "find_lecturer", "period_of", "render"]
