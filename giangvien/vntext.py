"""Vietnamese text rules: normalisation, search, collation, dates, times, numbers.

Every rule about how Vietnamese is typed, compared, sorted and written lives here so
that models, screens and documents agree. Input may arrive decomposed (NFD, from
macOS and some keyboards) and with either tone placement ("hòa" or "hoà"); every
function gives the same answer for all of these spellings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, time
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

from giangvien.i18n import tr

__all__ = [
    "canonical_tone",
    "clean",
    "collation_key",
    "document_date",
    "document_time",
    "fold",
    "forbidden_char",
    "format_date",
    "format_decimal",
    "format_time",
    "inert",
    "json_inert",
    "matches",
    "name_sort_key",
    "nfc",
    "parse_date",
    "parse_decimal",
    "parse_time",
]

# Invisible characters that paste in from web pages and Word and make two
# identical-looking names compare unequal.
_ZERO_WIDTH: Final = re.compile("[\u200b\u2060\ufeff]")

# Characters no record may hold: C0 controls (ESC, BEL, NUL...), DEL, C1 controls,
# and the bidi embeddings, overrides and isolates. ESC starts a terminal escape
# ("ESC[2J" blanks a screen) and U+202E makes "fdp.exe" read "exe.pdf"; none of
# them is ever typed on purpose into a name or a comment. Newline and tab are
# allowed in multi-line fields only (giangvien.models.base decides which).
_FORBIDDEN: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_LINE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# For output: everything above plus the other format characters a terminal or a
# browser would act on (line/paragraph separators, bidi marks).
_UNSAFE_OUT: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# Tone marks in dictionary order: huyền, hỏi, ngã, sắc, nặng (no mark sorts first).
_TONES: Final = "\u0300\u0309\u0303\u0301\u0323"
_TONE_WEIGHT: Final = {mark: weight for weight, mark in enumerate(_TONES, start=1)}
# Breve, circumflex and horn make separate letters (ă â ê ô ơ ư), not tones.
_VOWEL_MARKS: Final = "\u0306\u0302\u031b"
_VOWELS: Final = frozenset("aeiouy")

# The Vietnamese alphabet, with f j w z (loanwords, foreign names) at their Latin places.
_ALPHABET: Final = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK: Final = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Legacy encodings sometimes stored Đ as the look-alike Icelandic eth.
_ALIASES: Final = {"ð": "đ"}

# Primary classes: punctuation and spaces, then numbers, then letters, then the rest.
_PUNCT, _NUMBER, _LETTER, _OTHER = range(4)

_WORD: Final = re.compile(r"[^\W\d_]+")
_DATE: Final = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)", re.ASCII)
# Matched against fold(text), so "giờ" arrives as "gio" and "phút" as "phut".
_TIME: Final = re.compile(
    r"(\d{1,2})\s*(?::\s*(\d{2})|(?:h|g|gio)\s*(?:(\d{1,2})\s*(?:phut|ph|p)?)?)", re.ASCII
)
_DECIMAL: Final = re.compile(r"-?(?:\d+(?:[.,]\d*)?|[.,]\d+)", re.ASCII)
_CENT: Final = Decimal("0.01")
# Wide enough for any finite float, so quantize never overflows.
_WIDE: Final = Context(prec=400, rounding=ROUND_HALF_UP)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def clean(s: str) -> str:
    """The form every text field is stored in: NFC, "\\n" line ends, no invisible edges."""
    # Zero-width characters go before NFC: one between a letter and its mark blocks composition.
    text = _ZERO_WIDTH.sub("", s).replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text).strip()


def forbidden_char(s: str, *, multiline: bool) -> str | None:
    """The first character ``s`` may not hold (see ``_FORBIDDEN``), or ``None``."""
    found = (_FORBIDDEN if multiline else _FORBIDDEN_LINE).search(s)
    return found.group() if found else None


def inert(s: str) -> str:
    """``s`` safe to print on a terminal or in a document: controls shown as ``<U+001B>``.

    Stored text cannot hold them (the models refuse them), but a file edited by
    hand or written by an old version may; output never lets one act.
    """
    return _UNSAFE_OUT.sub(lambda m: f"<U+{ord(m.group()):04X}>", s)


def json_inert(s: str) -> str:
    """JSON text with every unsafe character as a ``\\uXXXX`` escape: same data, inert bytes.

    ``json.dumps(ensure_ascii=False)`` escapes C0 controls but writes C1 and
    bidi controls as they are; they can only stand inside JSON strings, where
    the escape means the same character.
    """
    return _UNSAFE_OUT.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


def fold(s: str) -> str:
    """Search form: lower case, no diacritics, đ -> d, single spaces ("Nguyễn" -> "nguyen")."""
    text = _nfd(_ZERO_WIDTH.sub("", nfc(s)).casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("ð", "d")
    # NFC last so the result is stable: folding a folded string changes nothing.
    return nfc(" ".join(text.split()))


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` occurs in ``text``, ignoring case and diacritics."""
    haystack = fold(text)
    return all(token in haystack for token in fold(query).split())


def _retone(m: re.Match[str]) -> str:
    word = m.group()
    after = m.string[m.end() : m.end() + 1]
    if len(word) < 2 or (after and unicodedata.category(after) == "Mn"):
        return word
    first, second = _nfd(word[-2]), _nfd(word[-1])
    pair = (first[0] + second[0]).lower()
    if pair not in ("oa", "oe", "uy") or len(first) != 2 or len(second) != 1:
        return word
    tone = first[1]
    if tone not in _TONE_WEIGHT:
        return word
    before = _nfd(word[-3])[0].lower() if len(word) > 2 else ""
    # After another vowel the pair is not the whole nucleus; in "quy" the u is part of "qu".
    if before in _VOWELS or (pair == "uy" and before == "q"):
        return word
    return word[:-2] + first[0] + nfc(second + tone)


def canonical_tone(s: str) -> str:
    """NFC text with tones placed in the "new" style: "hoà", "khoẻ", "thuý", "uỷ ban".

    Only an open syllable ending in oa, oe or uy is touched (its tone moves from the
    first to the second vowel); "hoàn", "thuyền", "ngoài", "quý" are already the same
    in both styles and stay as they are. Case is preserved.
    """
    return _WORD.sub(_retone, nfc(s))


def _clusters(s: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, its combining marks)."""
    out: list[tuple[str, str]] = []
    for ch in s:
        if out and unicodedata.category(ch).startswith("M"):
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


_Unit = tuple[int, object]
_Levels = tuple[tuple[_Unit, ...], tuple[tuple[int, tuple[int, ...]], ...], tuple[int, ...]]


def _levels(s: str) -> _Levels:
    """Letters, then tones and other marks, then case: the three comparison levels."""
    primary: list[_Unit] = []
    secondary: list[tuple[int, tuple[int, ...]]] = []
    tertiary: list[int] = []
    clusters = _clusters(_nfd(canonical_tone(s)))
    i = 0
    while i < len(clusters):
        base, marks = clusters[i]
        if base.isdecimal():
            # A run of digits is one number, so "Bài 2" sorts before "Bài 10".
            digits: list[int] = []
            while i < len(clusters) and clusters[i][0].isdecimal():
                digits.append(unicodedata.decimal(clusters[i][0]))
                secondary.append((0, tuple(map(ord, clusters[i][1]))))
                tertiary.append(0)
                i += 1
            while len(digits) > 1 and digits[0] == 0:
                digits.pop(0)
            primary.append((_NUMBER, (len(digits), tuple(digits))))
            continue
        lower = base.lower()
        vowel = next((m for m in marks if m in _VOWEL_MARKS), "")
        rank = _RANK.get(nfc(lower + vowel))
        if rank is not None:
            marks = marks.replace(vowel, "", 1)
        else:
            rank = _RANK.get(_ALIASES.get(lower, lower))
        tone = next((m for m in marks if m in _TONE_WEIGHT), "")
        if tone:
            marks = marks.replace(tone, "", 1)
        if rank is not None:
            primary.append((_LETTER, rank))
        elif base.isalnum():
            primary.append((_OTHER, tuple(map(ord, base.casefold()))))
        else:
            primary.append((_PUNCT, ord(base)))
        secondary.append((_TONE_WEIGHT.get(tone, 0), tuple(map(ord, marks))))
        tertiary.append(int(base != lower))
        i += 1
    return tuple(primary), tuple(secondary), tuple(tertiary)


@lru_cache(maxsize=8192)
def collation_key(s: str) -> tuple[object, ...]:
    """Sort key in Vietnamese dictionary order.

    The whole string's letters (a ă â b c d đ e ê … y, case ignored) decide first,
    then its tones (none, huyền, hỏi, ngã, sắc, nặng), then case (lower first), and
    last the NFC text itself, so the order is total and two keys are equal only for
    the same text. Spaces and punctuation sort before numbers, numbers (by value)
    before letters, and letters of other scripts after z. Old and new tone placement
    ("Hòa", "Hoà") sort together. Kept for the texts seen last: lists sort the same
    names and lessons again and again (a Center view sorted each lecturer's lessons).
    """
    return (*_levels(s), nfc(s))


def name_sort_key(family: str, middle: str, given: str) -> tuple[object, ...]:
    """Order for lists of people: given name, then family name, then middle name.

    Each part is compared fully (letters, tones, case) before the next part counts;
    the exact spellings only break ties at the very end, so "Hòa" and "Hoà" are the
    same given name and the family name decides between them.
    """
    return (_levels(given), _levels(family), _levels(middle), nfc(given), nfc(family), nfc(middle))


def parse_date(s: str) -> date:
    """Read a date typed as dd/mm/yyyy (also d/m/yyyy, with "-" or "." between)."""
    text = clean(s)
    if not text:
        raise ValueError(tr("text.empty_date"))
    m = _DATE.fullmatch(text)
    if m is None:
        raise ValueError(tr("text.bad_date", value=text))
    day, month, year = int(m[1]), int(m[3]), m[4]
    if len(year) < 4:
        raise ValueError(tr("text.short_year", value=text))
    if len(year) > 4:
        raise ValueError(tr("text.bad_date", value=text))
    try:
        return date(int(year), month, day)
    except ValueError:
        shown = f"{day:02}/{month:02}/{year}"
        raise ValueError(tr("text.no_such_date", value=shown)) from None


def format_date(d: date) -> str:
    return f"{d.day:02}/{d.month:02}/{d.year:04}"


def parse_time(s: str) -> time:
    """Read a time typed as "14:30", "14h30", "14g30", "14 giờ 30 (phút)" or "14h"."""
    text = clean(s)
    if not text:
        raise ValueError(tr("text.empty_time"))
    m = _TIME.fullmatch(fold(text))
    if m is None:
        raise ValueError(tr("text.bad_time", value=text))
    hour, minute = int(m[1]), int(m[2] or m[3] or 0)
    if hour > 23 or minute > 59:
        raise ValueError(tr("text.no_such_time", value=f"{hour:02}:{minute:02}"))
    return time(hour, minute)


def format_time(t: time) -> str:
    return f"{t.hour:02}:{t.minute:02}"


# Documents are always written in Vietnamese, whatever language the screens use,
# so these two forms are fixed here rather than taken from a catalogue.


def document_date(d: date) -> str:
    """Date as written in a document: "ngày 05 tháng 01 năm 2026", "ngày 29 tháng 6 năm 2026".

    The day is padded below 10; the month only for January and February (01, 02), as
    administrative documents do so that "tháng 1" cannot be altered into "tháng 11"
    or "tháng 12".
    """
    month = f"{d.month:02}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02} tháng {month} năm {d.year}"


def document_time(t: time) -> str:
    """Time as written in minutes of a meeting: "14 giờ 30 phút", "08 giờ 05 phút".

    Hours and minutes are both two digits, the form the usual templates print
    ("08 giờ 00 phút"), matching the padded day in ``document_date``.
    """
    return f"{t.hour:02} giờ {t.minute:02} phút"


def parse_decimal(s: str) -> float:
    """Read a number typed with a decimal comma or point ("8,5", "8.5"), to 2 decimals.

    Neither mark is taken as a thousands separator: "1.250" is one and a quarter.
    Halves round up (8,125 -> 8,13), as people round scores by hand.
    """
    text = clean(s)
    if not text:
        raise ValueError(tr("text.empty_number"))
    if _DECIMAL.fullmatch(text) is None:
        raise ValueError(tr("text.bad_number", value=text))
    value = Decimal(text.replace(",", "."))
    if not math.isfinite(float(value)):
        raise ValueError(tr("text.bad_number", value=text))
    try:
        return float(value.quantize(_CENT, context=_WIDE))
    except InvalidOperation:
        raise ValueError(tr("text.bad_number", value=text)) from None


def format_decimal(x: float) -> str:
    """A number with a decimal comma and no trailing zeros: 8.5 -> "8,5", 17.0 -> "17"."""
    if not math.isfinite(x):
        raise ValueError(tr("text.bad_number", value=x))
    # repr keeps the digits the user typed: Decimal(1.005) would be 1.00499… and round down.
    text = f"{Decimal(repr(x)).quantize(_CENT, context=_WIDE):f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def format_number(n: int) -> str:
    """A whole number as Vietnamese text writes it: thousands with a dot ("2.248", "47.836")."""
    return f"{n:,}".replace(",", ".")


def format_count(n: int) -> str:
    """A count of things as a report writes it: below 10 with a leading zero ("07 lớp"),
    from 10 as ``format_number`` ("32 lớp", "1.029 lượt")."""
    return f"{n:02d}" if 0 <= n < 10 else format_number(n)


_COUNT = re.compile(r"\d{1,3}(?:[. ]\d{3})+|\d+")


def parse_count(s: str) -> int:
    """Read a whole number typed plainly or with thousands dots ("2248", "2.248", "2 248").

    A comma, a sign or a lone dot inside ("12,5", "-3", "1.25") is refused, never rounded.
    """
    text = clean(s)
    if not text:
        raise ValueError(tr("text.empty_number"))
    if _COUNT.fullmatch(text) is None:
        raise ValueError(tr("text.bad_count", value=text))
    return int(text.replace(".", "").replace(" ", ""))
