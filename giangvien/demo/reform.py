"""The sample Center across the reform of 1/7/2025: the district tier was dissolved
and Political Centers stand at commune level since (Quy định 360-QĐ/TW, 2025).

Records dated before the reform keep the district's bodies; from that day the
class log and the conferences name the commune's, and the Center's settings
(one record, as of today) its commune name. The sample's new commune takes the
district's name, as many did.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from giangvien.models.briefing import COMMUNE_TIER

# District bodies and what stands in their place in a commune (the longest first).
_BODIES: Final = (
    ("Ban Tuyên giáo Huyện ủy", "Ban Xây dựng Đảng Đảng ủy xã {name}"),
    ("Ban Tổ chức Huyện ủy", "Ban Xây dựng Đảng Đảng ủy xã {name}"),
    ("Phòng Giáo dục và Đào tạo huyện", "Phòng Văn hóa - Xã hội xã {name}"),
    ("Huyện đoàn", "Đoàn xã {name}"),
)
_DISTRICT: Final = re.compile(r" huyện$")


def after(day: dt.date) -> bool:
    return day >= COMMUNE_TIER


def body(text: str, day: dt.date, name: str) -> str:
    """``text`` (a body or a place of the district) as it is called on ``day``."""
    if not after(day):
        return text
    for old, new in _BODIES:
        if text == old:
            return new.format(name=name)
    return _DISTRICT.sub(f" xã {name}", text)


def center_names(place: str, today: dt.date) -> tuple[str, str]:
    """The Center's name and its parent body on ``today``."""
    if after(today):
        return f"Trung tâm Chính trị xã {place}", f"Đảng ủy xã {place}"
    return f"Trung tâm Chính trị huyện {place}", f"Huyện ủy {place}"
