"""Vietnamese text rules: hand-worked examples plus properties over random text."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, time
from decimal import Decimal
from importlib import resources
from itertools import pairwise
from string import Formatter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giangvien.i18n import language, set_language
from giangvien.vntext import (
    canonical_tone,
    clean,
    collation_key,
    document_date,
    document_time,
    fold,
    format_date,
    format_decimal,
    format_time,
    matches,
    name_sort_key,
    nfc,
    parse_date,
    parse_decimal,
    parse_time,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


SetLanguage = Callable[[str], None]


@pytest.fixture
def lang() -> Iterator[SetLanguage]:
    """Switch the message language inside one test and put it back afterwards."""
    before = language()
    yield set_language
    set_language(before)


# Every Vietnamese letter with every tone, both cases, plus the letters of
# loanwords, digits, spaces and a little punctuation.
_BASES = "aăâeêioôơuưy"
_TONED = [
    nfc(v + t) for v in _BASES for t in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
]
_LETTERS = [*_TONED, *"bcdđghklmnpqrstvxfjwz"]
_CHARS = sorted({*_LETTERS, *(c.upper() for c in _LETTERS), *" 0123456789-.,"})
viet_text = st.text(alphabet=_CHARS, max_size=20)
any_text = st.one_of(viet_text, st.text(max_size=20))


# --- normalisation --------------------------------------------------------------------


def test_nfc_composes_decomposed_input() -> None:
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert len(nfc(nfd("ễ"))) == 1


def test_clean_normalises_the_edges_and_line_ends() -> None:
    assert clean("\u00a0 Nguyễn Văn An\u200b \n") == "Nguyễn Văn An"
    assert clean("dòng 1\r\ndòng 2\rdòng 3") == "dòng 1\ndòng 2\ndòng 3"
    assert clean("Ng\u200buy\ufeffễn") == "Nguyễn"
    assert clean(nfd("Trần Thị Hoà")) == "Trần Thị Hoà"
    # A zero-width space between a letter and its mark must not block composition.
    assert clean("e\u200b\u0302") == "ê"
    assert clean("  ") == ""


@given(any_text)
def test_clean_is_idempotent(s: str) -> None:
    assert clean(clean(s)) == clean(s)


# --- search ---------------------------------------------------------------------------


def test_fold_removes_case_and_every_diacritic() -> None:
    forms = [
        "Nguyễn Văn An",
        "nguyen van an",
        "NGUYEN VAN AN",
        nfd("Nguyễn Văn An"),
        " Nguyễn  Văn\tAn ",
    ]
    assert {fold(f) for f in forms} == {"nguyen van an"}
    assert fold("ĂÂÊÔƠƯăâêôơư") == "aaeoouaaeoou"
    assert fold("Đặng Đức Đạt") == "dang duc dat"


@pytest.mark.parametrize(("old", "new"), [("hòa", "hoà"), ("khỏe", "khoẻ"), ("thúy", "thuý")])
def test_fold_ignores_tone_placement(old: str, new: str) -> None:
    assert fold(old) == fold(new)


def test_matches_every_word_anywhere() -> None:
    assert matches("", "anything")
    assert matches("  ", "")
    assert matches("nguyen an", "Nguyễn Văn An")
    assert matches("an nguyen", "Nguyễn Văn An")
    assert matches("DUC", "Đặng Đức Đạt")
    assert matches("hòa", "Trần Thị Hoà")
    assert matches(nfd("Thuỷ"), "Lê Thị Thúy")
    assert not matches("nguyen binh", "Nguyễn Văn An")
    assert not matches("x", "")


@given(any_text)
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(any_text)
def test_fold_ignores_decomposition(s: str) -> None:
    assert fold(nfd(s)) == fold(s)


@given(any_text)
def test_text_matches_itself(s: str) -> None:
    assert matches(s, s)


@given(viet_text)
def test_search_ignores_case_and_decomposition(s: str) -> None:
    assert matches(nfd(s.upper()), s)
    assert matches(s.lower(), nfd(canonical_tone(s)))


# --- tone placement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("hòa", "hoà"),
        ("Hòa Bình", "Hoà Bình"),
        ("HÒA", "HOÀ"),
        ("khỏe", "khoẻ"),
        ("thúy", "thuý"),
        ("Thủy", "Thuỷ"),
        ("ủy ban", "uỷ ban"),
        ("tọa đàm", "toạ đàm"),
        ("hoà", "hoà"),
        ("hoàn", "hoàn"),
        ("thuyền", "thuyền"),
        ("ngoài", "ngoài"),
        ("xoáy", "xoáy"),
        ("khuỷu", "khuỷu"),
        ("quý", "quý"),
        ("của", "của"),
        ("Hòa-Khỏe", "Hoà-Khoẻ"),
    ],
)
def test_canonical_tone_uses_the_new_placement(typed: str, canonical: str) -> None:
    assert canonical_tone(typed) == canonical
    assert canonical_tone(nfd(typed)) == canonical


@given(any_text)
def test_canonical_tone_is_stable_and_only_moves_tones(s: str) -> None:
    once = canonical_tone(s)
    assert canonical_tone(once) == once
    assert canonical_tone(nfd(s)) == once
    assert fold(once) == fold(s)


# --- collation ------------------------------------------------------------------------


def by_key(words: list[str]) -> list[str]:
    return sorted(words, key=collation_key)


def test_d_stroke_is_its_own_letter_after_d() -> None:
    assert by_key(["Giang", "Đào", "Dương", "Zoe", "Bình", "An"]) == [
        "An",
        "Bình",
        "Dương",
        "Đào",
        "Giang",
        "Zoe",
    ]


def test_letters_decide_before_tones() -> None:
    # a < ă < â as letters; within one spelling no tone comes first.
    assert by_key(["Ánh", "Ấn", "Anh", "An", "Ăn", "Ba", "Ân"]) == [
        "An",
        "Anh",
        "Ánh",
        "Ăn",
        "Ân",
        "Ấn",
        "Ba",
    ]
    assert by_key(["lan", "lá", "la"]) == ["la", "lá", "lan"]
    # Tones are compared only once the whole string's letters are equal.
    assert by_key(["bà ba", "ba bà"]) == ["ba bà", "bà ba"]


def test_tone_order() -> None:
    assert by_key(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_vowel_letters_in_alphabet_order() -> None:
    assert by_key(["ơn", "ôn", "on", "ưa", "ua", "ên", "en"]) == [
        "en",
        "ên",
        "on",
        "ôn",
        "ơn",
        "ua",
        "ưa",
    ]


def test_loanword_letters_sit_at_their_latin_places() -> None:
    letters = ["z", "y", "x", "w", "v", "k", "j", "i", "g", "f", "ê", "e"]
    assert by_key(letters) == ["e", "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"]


def test_spaces_then_numbers_then_letters() -> None:
    assert by_key(["Anh", "An Bình"]) == ["An Bình", "Anh"]
    assert by_key(["Bài A", "Bài 10", "Bài 2"]) == ["Bài 2", "Bài 10", "Bài A"]
    assert by_key(["a", "1", " "]) == [" ", "1", "a"]


def test_case_only_breaks_ties() -> None:
    assert by_key(["bình", "An"]) == ["An", "bình"]
    assert by_key(["Anh", "an"]) == ["an", "Anh"]
    assert by_key(["An", "an"]) == ["an", "An"]


def test_tone_placements_sort_together() -> None:
    assert by_key(["Hoá", "Hòa", "Hoa", "Hoà"]) == ["Hoa", "Hoà", "Hòa", "Hoá"]


def test_collation_ignores_decomposition() -> None:
    assert by_key([nfd("Đào"), "Dương", nfd("Giang")]) == ["Dương", nfd("Đào"), nfd("Giang")]
    assert collation_key(nfd("Nguyễn")) == collation_key("Nguyễn")


@given(any_text)
def test_collation_key_ignores_decomposition(s: str) -> None:
    assert collation_key(nfd(s)) == collation_key(s)


@given(any_text, any_text)
def test_collation_is_total_and_equal_only_for_equal_text(a: str, b: str) -> None:
    ka, kb = collation_key(a), collation_key(b)
    assert (ka < kb) + (ka == kb) + (ka > kb) == 1
    assert (ka == kb) == (nfc(a) == nfc(b))


@given(st.lists(any_text, max_size=8))
def test_sorting_does_not_depend_on_input_order(words: list[str]) -> None:
    forward = [nfc(w) for w in sorted(words, key=collation_key)]
    backward = [nfc(w) for w in sorted(reversed(words), key=collation_key)]
    assert forward == backward
    keys = [collation_key(w) for w in forward]
    assert all(x <= y for x, y in pairwise(keys))


def test_names_sort_by_given_then_family_then_middle() -> None:
    people = [
        ("Nguyễn", "Văn", "An"),
        ("Trần", "Thị", "Bình"),
        ("Lê", "", "An"),
        ("Giàng", "A", "Pao"),
        ("Đỗ", "Thị", "An"),
        ("Nguyễn", "Thị", "An"),
    ]
    assert sorted(people, key=lambda p: name_sort_key(*p)) == [
        ("Đỗ", "Thị", "An"),
        ("Lê", "", "An"),
        ("Nguyễn", "Thị", "An"),
        ("Nguyễn", "Văn", "An"),
        ("Trần", "Thị", "Bình"),
        ("Giàng", "A", "Pao"),
    ]


def test_names_with_either_tone_placement_are_one_given_name() -> None:
    people = [("Trần", "Thị", "Hoà"), ("Lê", "Thị", "Hòa"), ("Đỗ", "Văn", "Hoá")]
    assert sorted(people, key=lambda p: name_sort_key(*p)) == [
        ("Lê", "Thị", "Hòa"),
        ("Trần", "Thị", "Hoà"),
        ("Đỗ", "Văn", "Hoá"),
    ]


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["05/01/2026", "5/1/2026", "05-01-2026", "5.1.2026", "  05/01/2026 ", "05 / 01 / 2026"]
)
def test_parse_date_accepts_day_month_year(typed: str) -> None:
    assert parse_date(typed) == date(2026, 1, 5)


def test_parse_date_accepts_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "29/02/2025", "01/13/2026", "00/01/2026", "31/04/2026", "1/1/0000"]
)
def test_parse_date_refuses_dates_not_in_the_calendar(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "05/01/26", "2026-01-05", "05/01-2026", "hôm nay", "05/01/20266", "٠٥/٠١/٢٠٢٦"],
)
def test_parse_date_refuses_garbage(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)


def test_date_messages_in_both_languages(lang: SetLanguage) -> None:
    lang("vi")
    with pytest.raises(ValueError, match=r"^Ngày 31/02/2026 không có trong lịch\.$"):
        parse_date("31/02/2026")
    with pytest.raises(ValueError, match="bốn chữ số"):
        parse_date("05/01/26")
    with pytest.raises(ValueError, match="“hôm qua”"):
        parse_date("hôm qua")
    with pytest.raises(ValueError, match=r"^Chưa nhập ngày"):
        parse_date("")
    lang("en")
    with pytest.raises(ValueError, match=r"^There is no 31/02/2026 in the calendar\.$"):
        parse_date("31-2-2026")
    with pytest.raises(ValueError, match="four digits"):
        parse_date("05/01/26")


def test_format_date() -> None:
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(date(2026, 12, 31)) == "31/12/2026"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_round_trip(d: date) -> None:
    assert parse_date(format_date(d)) == d


@pytest.mark.parametrize(
    ("month", "written"),
    [
        (1, "ngày 05 tháng 01 năm 2026"),
        (2, "ngày 05 tháng 02 năm 2026"),
        (3, "ngày 05 tháng 3 năm 2026"),
        (4, "ngày 05 tháng 4 năm 2026"),
        (5, "ngày 05 tháng 5 năm 2026"),
        (6, "ngày 05 tháng 6 năm 2026"),
        (7, "ngày 05 tháng 7 năm 2026"),
        (8, "ngày 05 tháng 8 năm 2026"),
        (9, "ngày 05 tháng 9 năm 2026"),
        (10, "ngày 05 tháng 10 năm 2026"),
        (11, "ngày 05 tháng 11 năm 2026"),
        (12, "ngày 05 tháng 12 năm 2026"),
    ],
)
def test_document_date_pads_only_january_and_february(month: int, written: str) -> None:
    assert document_date(date(2026, month, 5)) == written


def test_document_date_pads_days_below_ten_only() -> None:
    assert document_date(date(2026, 6, 29)) == "ngày 29 tháng 6 năm 2026"
    assert document_date(date(2026, 11, 10)) == "ngày 10 tháng 11 năm 2026"
    assert document_date(date(2026, 2, 9)) == "ngày 09 tháng 02 năm 2026"


def test_document_text_stays_vietnamese(lang: SetLanguage) -> None:
    lang("en")
    assert document_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert document_time(time(14, 30)) == "14 giờ 30 phút"


# --- times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("14h30", time(14, 30)),
        ("14H30", time(14, 30)),
        ("14 giờ 30", time(14, 30)),
        ("14 giờ 30 phút", time(14, 30)),
        (nfd("14 giờ 30 phút"), time(14, 30)),
        ("14g30", time(14, 30)),
        ("14h", time(14, 0)),
        ("8h5", time(8, 5)),
        ("7:05", time(7, 5)),
        (" 00:00 ", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time_accepts_common_forms(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "24:00", "14:60", "14h75"])
def test_parse_time_refuses_times_not_in_a_day(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_time(typed)


@pytest.mark.parametrize("typed", ["", "14", "14:3", "14:30:00", "chiều", "14.30", "h30"])
def test_parse_time_refuses_garbage(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_time(typed)


def test_time_messages_in_both_languages(lang: SetLanguage) -> None:
    lang("vi")
    with pytest.raises(ValueError, match=r"^Không có giờ 25:00 trong ngày"):
        parse_time("25:00")
    with pytest.raises(ValueError, match="“sáng mai”"):
        parse_time("sáng mai")
    lang("en")
    with pytest.raises(ValueError, match=r"^There is no 25:00 in a day"):
        parse_time("25h")


def test_format_and_document_time() -> None:
    assert format_time(time(14, 30)) == "14:30"
    assert format_time(time(8, 5)) == "08:05"
    assert document_time(time(14, 30)) == "14 giờ 30 phút"
    assert document_time(time(14, 0)) == "14 giờ 00 phút"
    assert document_time(time(8, 5)) == "08 giờ 05 phút"


@given(st.times())
def test_times_round_trip_to_the_minute(t: time) -> None:
    assert parse_time(format_time(t)) == t.replace(second=0, microsecond=0)


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [("8,5", 8.5), ("8.5", 8.5), (" 8 ", 8.0), ("1,25", 1.25), ("0,5", 0.5), ("1,255", 1.26)],
)
def test_parse_decimal_accepts_comma_or_point(typed: str, value: float) -> None:
    assert parse_decimal(typed) == value


@pytest.mark.parametrize(
    "typed", ["8,5,1", "abc", "", "1e3", "nan", "inf", "-inf", "8 5", "1.000,5", "9" * 400]
)
def test_parse_decimal_refuses_non_numbers(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(typed)


def test_number_messages_in_both_languages(lang: SetLanguage) -> None:
    lang("vi")
    with pytest.raises(ValueError, match="“8,5,1” không phải là một số"):
        parse_decimal("8,5,1")
    lang("en")
    with pytest.raises(ValueError, match="“abc” is not a number"):
        parse_decimal("abc")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (8.5, "8,5"),
        (17.0, "17"),
        (1.25, "1,25"),
        (0.0, "0"),
        (-0.0, "0"),
        (20, "20"),
        (9.999, "10"),
    ],
)
def test_format_decimal(value: float, written: str) -> None:
    assert format_decimal(value) == written


@given(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False))
def test_decimals_round_trip(x: Decimal) -> None:
    value = float(x)
    written = format_decimal(value)
    assert "." not in written
    assert parse_decimal(written) == value


# --- catalogues -----------------------------------------------------------------------


def _catalogue(lang: str) -> dict[str, str]:
    path = resources.files("giangvien") / "locale" / lang / "text.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _slots(message: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(message) if name}


def test_catalogues_have_the_same_keys_and_slots() -> None:
    vi, en = _catalogue("vi"), _catalogue("en")
    assert vi.keys() == en.keys()
    for key in vi:
        assert _slots(vi[key]) == _slots(en[key]), key
