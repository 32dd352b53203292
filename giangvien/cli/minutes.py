"""`giangvien minutes MEETING`: the minutes of one meeting, as Markdown, HTML or Word.

MEETING is ``[kind:]ref``: the kind of document (``meeting``, the default;
others register in ``KINDS``, e.g. ``trial`` for trial-lecture minutes) and a
reference to one record, its id (or the start of it) or, for kinds held
monthly, a month ``YYYY-MM``. Nothing here imports Textual, and the store is
opened only when the command runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any, Final, TypeVar

from giangvien.i18n import tr

# Those of ``documents.export.rendered``, named here so that building the parser
# loads no document module (and with it the models).
FORMATS: Final = ("md", "html", "docx")
MONTH: Final = re.compile(r"(\d{4})-(\d{1,2})")
MIN_PREFIX: Final = 4  # the start of an id must be this long to be taken for one

R = TypeVar("R")


@dataclass(frozen=True)
class Document:
    """A document ready to write, or the reasons it cannot be (``missing``)."""

    markdown: str
    title: str
    missing: list[str]


class Refused(Exception):
    """The reference names no single record: a sentence, and the candidates to list."""

    def __init__(self, sentence: str, candidates: Sequence[str] = ()) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.candidates = list(candidates)


def split_ref(text: str) -> tuple[str, str]:
    """``"trial:abc"`` -> ``("trial", "abc")``; without a kind, ``("meeting", text)``."""
    kind, colon, ref = text.strip().partition(":")
    return (kind.strip().lower(), ref.strip()) if colon else ("meeting", kind.strip())


def pick(
    records: Sequence[R],
    ref: str,
    *,
    id_of: Callable[[R], str],
    month_of: Callable[[R], tuple[int, int]] | None,
    line_of: Callable[[R], str],
    keys: dict[str, str],
) -> R:
    """The one record ``ref`` names: an exact id, the start of one id, or a month.

    ``keys`` names the sentences: ``bad_ref``, ``no_id``, ``no_month``,
    ``several_ids``, ``several_month``. Raises :class:`Refused`.
    """
    month = MONTH.fullmatch(ref)
    if month is not None and month_of is not None:
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            raise Refused(tr(keys["bad_ref"], ref=ref))
        label = f"{number:02}/{year}" if number <= 2 else f"{number}/{year}"
        found = [r for r in records if month_of(r) == (year, number)]
        if not found:
            raise Refused(tr(keys["no_month"], month=label))
        if len(found) > 1:
            sentence = tr(keys["several_month"], month=label, n=len(found))
            raise Refused(sentence, [line_of(r) for r in found])
        return found[0]
    wanted = ref.lower()
    exact = [r for r in records if id_of(r) == wanted]
    if exact:
        return exact[0]
    if len(wanted) < MIN_PREFIX or not re.fullmatch(r"[0-9a-f-]+", wanted):
        raise Refused(tr(keys["bad_ref"], ref=ref))
    found = [r for r in records if id_of(r).startswith(wanted)]
    if not found:
        raise Refused(tr(keys["no_id"], ref=ref))
    if len(found) > 1:
        raise Refused(tr(keys["several_ids"], ref=ref, n=len(found)), [line_of(r) for r in found])
    return found[0]


def meeting_document(repo: Any, ref: str) -> Document:
    from giangvien.documents.meeting import meeting_minutes, minutes_title, missing_for_minutes
    from giangvien.models import Lecturer, Meeting
    from giangvien.vntext import format_date, format_time

    def line(m: Meeting) -> str:
        hours = format_time(m.start_time) if m.start_time else "     "
        return f"  {format_date(m.date)}  {hours}  {m.id}"

    meetings = sorted(repo.all(Meeting), key=lambda m: (m.date, m.start_time or time.min, m.id))
    meeting = pick(
        meetings,
        ref,
        id_of=lambda m: m.id,
        month_of=lambda m: (m.date.year, m.date.month),
        line_of=line,
        keys={
            "bad_ref": "documents.bad_ref",
            "no_id": "documents.no_meeting_id",
            "no_month": "documents.no_meeting_month",
            "several_ids": "documents.several_ids",
            "several_month": "documents.several_meetings",
        },
    )
    settings = repo.settings()
    names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}
    return Document(
        meeting_minutes(meeting, settings, names),
        minutes_title(meeting),
        missing_for_minutes(meeting, settings),
    )


def trial_document(repo: Any, ref: str) -> Document:
    """A trial lecture's minutes: ``trial:ID`` (or the start of it), or ``trial:YYYY-MM``."""
    from giangvien.documents.trial import missing_for_trial_minutes, trial_minutes, trial_title
    from giangvien.models import Lecturer, Trial
    from giangvien.vntext import format_date

    names = {lec.id: lec for lec in repo.all(Lecturer, include_deleted=True)}

    def line(t: Trial) -> str:
        who = names[t.lecturer_id].full_name if t.lecturer_id in names else ""
        return f"  {format_date(t.date)}  {t.id}  {who}: {t.lesson}"

    trials = sorted(repo.all(Trial), key=lambda t: (t.date, t.created_at, t.id))
    trial = pick(
        trials,
        ref,
        id_of=lambda t: t.id,
        month_of=lambda t: (t.date.year, t.date.month),
        line_of=line,
        keys={
            "bad_ref": "trials.bad_ref",
            "no_id": "trials.no_trial_id",
            "no_month": "trials.no_trial_month",
            "several_ids": "trials.several_trial_ids",
            "several_month": "trials.several_trials",
        },
    )
    settings = repo.settings()
    rubric = repo.rubric(trial.rubric_id, trial.rubric_version) if trial.rubric_id else None
    return Document(
        trial_minutes(trial, settings, names, rubric),
        trial_title(trial),
        missing_for_trial_minutes(trial, settings),
    )


# Kind of document -> how to find one record of it and render it.
KINDS: dict[str, Callable[[Any, str], Document]] = {
    "meeting": meeting_document,
    "trial": trial_document,
}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``minutes`` subcommand, on the subparsers of ``giangvien``."""
    text = tr("documents.help_minutes")
    minutes = sub.add_parser("minutes", help=text, description=text, parents=[common])
    minutes.add_argument("meeting", metavar="MEETING", help=tr("documents.help_minutes_ref"))
    minutes.add_argument(
        "--format", choices=FORMATS, default="md", help=tr("documents.help_format")
    )
    minutes.add_argument("--out", type=Path, metavar="FILE", help=tr("documents.help_minutes_out"))
    minutes.add_argument("--force", action="store_true", help=tr("documents.help_minutes_force"))


def cmd_minutes(args: argparse.Namespace) -> int:
    from giangvien.cli.run import open_repo

    kind, ref = split_ref(args.meeting)
    render = KINDS.get(kind)
    if render is None:
        raise ValueError(tr("documents.unknown_kind", kind=kind, kinds=", ".join(KINDS)))
    from giangvien.cli.run import db_path
    from store.guard import write_document

    out = output(args, db_path(args))
    repo = open_repo(args, write=False)
    try:
        document = render(repo, ref)
    except Refused as refused:
        print("\n".join([refused.sentence, *refused.candidates]), file=sys.stderr)
        return 2
    finally:
        repo.close()
    if document.missing:
        lines = [tr("documents.cannot_export"), *(f"- {m}" for m in document.missing)]
        print("\n".join(lines), file=sys.stderr)
        return 2
    from giangvien.documents.export import rendered

    payload = rendered(document.markdown, document.title, args.format)
    if out is None:
        return emit(payload)
    write_document(out, payload, data=db_path(args))
    print(tr("documents.written", path=out))
    return 0


def output(args: argparse.Namespace, data: Path) -> Path | None:
    """Where the document goes (None: stdout); refused before any work is done.

    Refused: the data file or one of its companions, a file that exists (without
    ``--force``), and a Word file for a terminal, which would only show its bytes.
    """
    from store.guard import refuse_protected

    out: Path | None = args.out.expanduser() if args.out else None
    if out is not None:
        refuse_protected(out, data)
    if out is not None and out.exists() and not args.force:
        raise ValueError(tr("cli.exists", path=out))
    if out is None and args.format == "docx" and sys.stdout.isatty():
        raise ValueError(tr("documents.docx_needs_out"))
    return out


def emit(payload: str | bytes) -> int:
    """The document on stdout: text as text, a Word file as its bytes (into a pipe or a file)."""
    if isinstance(payload, str):
        sys.stdout.write(payload)
        return 0
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    return 0


__all__ = [
    "KINDS",
    "Document",
    "Refused",
    "add_parser",
    "cmd_minutes",
    "emit",
    "output",
    "pick",
    "split_ref",
]
