"""The command palette (ctrl+p): every section, every lecturer, every sheet, "new observation".

Textual's fuzzy matcher compares characters as typed, so "nguyen van an" would
miss "Nguyễn Văn An". Here both sides are folded first (vntext.fold: case,
diacritics, đ, NFD input) and scored by whole-text, prefix and word-prefix
matches. The folded strings are computed once per data version, so typing
stays quick with 10,000 observation sheets.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from giangvien.i18n import LANGUAGES, catalogue, language, tr
from giangvien.models import Briefing, Conference, Meeting, Observation, TrainingClass, Trial
from giangvien.vntext import fold, format_date
from screens.sections import SECTIONS
from store.repository import Repository

if TYPE_CHECKING:
    from screens.app import GiangvienApp

MAX_SHEETS = 20  # sheet hits shown at most; refine the query to find others


@dataclass(frozen=True)
class Folded:
    text: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Folded:
        return _folded(text)


@lru_cache(maxsize=50_000)
def _folded(text: str) -> Folded:
    # Lesson titles and names repeat across sheets and across rebuilds after a
    # write, so each distinct text is folded once.
    folded = fold(text)
    return Folded(folded, tuple(folded.split()))


def score(query: str, target: Folded) -> float:
    """How well the folded ``query`` matches ``target``: 0 (not at all) to 1 (exactly).

    Every query word must begin a word of the target or, failing that, occur in it.
    The whole query at the start beats the words in order, which beats words
    found anywhere; a shorter target wins a tie.
    """
    words = query.split()
    if not words:
        return 0.0
    if target.text == query:
        return 1.0
    all_prefixes = True
    for word in words:
        if any(w.startswith(word) for w in target.words):
            continue
        if word not in target.text:
            return 0.0
        all_prefixes = False
    if target.text.startswith(query):
        base = 0.9
    elif all_prefixes and query in target.text:
        base = 0.8
    elif all_prefixes:
        base = 0.7
    else:
        base = 0.5
    return base + 0.09 * len(query) / max(len(target.text), 1)


def best(query: str, targets: Iterable[Folded]) -> float:
    return max((score(query, t) for t in targets), default=0.0)


@dataclass(frozen=True)
class Entry:
    kind: str  # "section", "new", "lecturer", or a kind of RECORDS
    target: str  # a mode or a record id
    names: tuple[Folded, ...]
    label: str  # shown literally (user text is never markup)
    note: str = ""  # a sheet's lecturer, after a dim dash
    help: str = ""
    day: dt.date | None = None  # a sheet's date, for its help line

    # Built only for the hits shown (at most a few dozen), not for 10,000 sheets.
    @property
    def display(self) -> Content:
        if not self.note:
            return Content(self.label)
        return Content.assemble(Content(self.label), (" — ", "dim"), Content(self.note))

    @property
    def help_text(self) -> str:
        if self.day is not None:
            return tr(f"palette.{self.kind}_help", date=format_date(self.day))
        return self.help


def _in_every_language(key: str) -> list[str]:
    return [catalogue(lang)[key] for lang in LANGUAGES if key in catalogue(lang)]


def _commands() -> list[Entry]:
    words = [w for t in _in_every_language("palette.new_observation_words") for w in t.split(",")]
    names = [*_in_every_language("palette.new_observation"), *words]
    new = Entry(
        "new",
        "",
        tuple(Folded.of(n) for n in names if n.strip()),
        tr("palette.new_observation"),
        help=tr("palette.new_observation_help"),
    )
    sections = [
        Entry(
            "section",
            s.mode,
            tuple(Folded.of(n) for n in _in_every_language(s.title_key)),
            tr(s.title_key),
            help=tr("palette.section_help", key=s.key_display),
        )
        for s in SECTIONS
    ]
    return [new, *sections]


def _lecturers(repo: Repository) -> list[Entry]:
    entries = []
    for lec in repo.lecturers(include_archived=True):
        help_text = tr("palette.lecturer_help", position=tr(f"enum.position_{lec.position.value}"))
        if lec.archived:
            help_text += f" · {tr('palette.archived')}"
        folded = (Folded.of(lec.full_name),)
        entries.append(Entry("lecturer", lec.id, folded, lec.full_name, help=help_text))
    return entries


# Record kind -> (model, section, the section screen's method that shows one).
RECORDS: dict[str, tuple[type[Any], str, str]] = {
    "observation": (Observation, "observations", "open_record"),
    "trial": (Trial, "trials", "open_record"),
    "meeting": (Meeting, "meetings", "open_record"),
    "session": (Briefing, "sessions", "open_record"),
    "class": (TrainingClass, "classes", "open_class"),
    "conference": (Conference, "classes", "open_conference"),
}


def _label(record: Any, names: dict[str, str]) -> tuple[str, str]:
    """What a record is called in the palette: its title, and whose it is."""
    if isinstance(record, Observation | Trial):
        return record.lesson, names.get(record.lecturer_id, "?")
    if isinstance(record, TrainingClass):
        return record.class_name, record.programme
    if isinstance(record, Conference):
        return record.subject, tr(f"enum.conference_{record.kind.value}")
    if isinstance(record, Meeting):
        month = f"{record.date.month:02}/{record.date.year}"
        return tr("palette.meeting_label", month=month), names.get(record.chair_id or "", "")
    talks = "; ".join(t.title for t in record.talks)
    return talks or tr(f"enum.level_{record.level.value}"), tr(f"enum.level_{record.level.value}")


def _day(record: Any) -> dt.date:
    """The day a record is listed by: a class's opening, any other record's own date."""
    return record.opened if isinstance(record, TrainingClass) else record.date


def _sheets(repo: Repository) -> list[Entry]:
    names = repo.lecturer_names()
    entries = []
    for kind, (model, _, _) in RECORDS.items():
        # Newest first, so that equally good hits list the recent records before the old.
        records = sorted(repo.all(model), key=lambda r: (_day(r), r.created_at), reverse=True)
        for record in records:
            title, person = _label(record, names)
            # One target, title then name, so a query may mix words of both;
            # each part is folded once (titles and names repeat across records).
            first, second = Folded.of(title), Folded.of(person)
            both = Folded(f"{first.text} {second.text}", first.words + second.words)
            entries.append(Entry(kind, record.id, (both,), title, person, day=_day(record)))
    return entries


@dataclass
class Index:
    commands: list[Entry]
    lecturers: list[Entry]
    sheets: list[Entry]


# One index per app, rebuilt when the data (or the language) has changed.
_INDEX: WeakKeyDictionary[object, tuple[tuple[int, str], Index]] = WeakKeyDictionary()


def index_of(app: GiangvienApp) -> Index:
    stamp = (app.data_version, language())
    cached = _INDEX.get(app)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    built = Index(_commands(), _lecturers(app.repo), _sheets(app.repo))
    _INDEX[app] = (stamp, built)
    return built


class GiangvienCommands(Provider):
    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)

    async def startup(self) -> None:
        # Built in a thread while the palette opens: folding 10,000 new titles
        # takes most of a second, which the keyboard should not feel.
        await asyncio.to_thread(index_of, self.gv)

    async def discover(self) -> Hits:
        for entry in index_of(self.gv).commands:
            yield DiscoveryHit(entry.display, self._command(entry), help=entry.help_text)

    async def search(self, query: str) -> Hits:
        folded = fold(query)
        if not folded:
            return
        index = index_of(self.gv)
        for entry in [*index.commands, *index.lecturers]:
            found = best(folded, entry.names)
            if found > 0:
                yield Hit(found, entry.display, self._command(entry), help=entry.help_text)
        # A sheet ranks a little below a section or a person matched as well.
        scored = ((best(folded, e.names) * 0.95, -i) for i, e in enumerate(index.sheets))
        for found, i in heapq.nlargest(MAX_SHEETS, (s for s in scored if s[0] > 0)):
            entry = index.sheets[-i]
            yield Hit(found, entry.display, self._command(entry), help=entry.help_text)

    def _command(self, entry: Entry) -> Callable[[], object]:
        if entry.kind == "section":
            return partial(self.gv.switch_mode, entry.target)
        if entry.kind == "lecturer":
            return partial(self._open, "lecturers", "select_lecturer", entry.target)
        if entry.kind in RECORDS:
            _, mode, method = RECORDS[entry.kind]
            return partial(self._open, mode, method, entry.target)
        return self._new_observation

    async def _open(self, mode: str, method: str, record_id: str) -> None:
        await self.gv.switch_mode(mode)
        # The section's own screen is the bottom of its stack (a form may be above it).
        screen = self.gv.screen_stack[0]
        show = getattr(screen, method, None)
        if show is not None:
            show(record_id)

    def _new_observation(self) -> None:
        if self.gv.refuse_if_read_only():
            return
        from screens.observation_form import ObservationFormScreen

        self.gv.push_screen(ObservationFormScreen())
