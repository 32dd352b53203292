"""The trial minutes read as a clerk writes them: one ending per item, a unit said once."""

from __future__ import annotations

import pytest

from giangvien.documents.people import post_of
from giangvien.documents.trial import _items
from giangvien.models import PersonRef


@pytest.mark.parametrize(
    ("said", "middle", "last"),
    [
        ("Tốt", "Tốt;", "Tốt."),
        ("Tốt.", "Tốt;", "Tốt."),
        ("Tốt;", "Tốt;", "Tốt."),
        ("Tốt .", "Tốt;", "Tốt."),
        ("Cần thêm ví dụ…", "Cần thêm ví dụ…", "Cần thêm ví dụ…"),
        ("Có nên rút ngắn?", "Có nên rút ngắn?", "Có nên rút ngắn?"),
        ("Rất tốt!", "Rất tốt!", "Rất tốt!"),
        ("Còn nữa...", "Còn nữa...", "Còn nữa..."),
        ("Mục 2\\.", "Mục 2\\.;", "Mục 2\\.."),  # an escaped full stop is text, kept
    ],
)
def test_each_item_ends_once(said: str, middle: str, last: str) -> None:
    assert _items([said, said]) == f"- {middle}\n- {last}"


def test_an_outsiders_unit_is_not_said_twice() -> None:
    inside = PersonRef(name="Hoàng Văn Tư", position="Phó Trưởng Ban Tuyên giáo Huyện ủy",
                       unit="Ban Tuyên giáo Huyện ủy")  # fmt: skip
    assert post_of(inside, {}) == "Phó Trưởng Ban Tuyên giáo Huyện ủy"
    apart = PersonRef(name="Hoàng Văn Tư", position="Phó Trưởng Ban", unit="Ban Tuyên giáo")
    assert post_of(apart, {}) == "Phó Trưởng Ban, Ban Tuyên giáo"
