"""PINs: who may act as whom on a laptop (a leader signing, a lecturer acknowledging).

A PIN is stored only as a salted scrypt hash (stdlib ``hashlib.scrypt``), in
the laptop's own ``_local`` table (store.pins): it is never exported, never
merged, never shown. A PIN does not travel with the records: a hash of a
short PIN that travelled would be guessed offline in hours, and a PIN set on
two laptops would have one overwritten by a merge.

Three wrong PINs in a row make the next try wait, longer each time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from giangvien.i18n import tr

MIN_DIGITS, MAX_DIGITS = 4, 8
# About 50 ms and 16 MiB on a 2020 laptop: slow to guess, quick to type.
_N, _R, _P, _LEN = 2**14, 8, 1, 32
TRIES = 3
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a PIN, or None."""
    if not pin.isascii() or not pin.isdigit() or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return tr("pin.bad_form", low=MIN_DIGITS, high=MAX_DIGITS)
    if len(set(pin)) == 1:
        return tr("pin.too_plain")
    return None


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=64 * 1024 * 1024
    )


def hash_pin(pin: str) -> dict[str, Any]:
    """What is stored of ``pin``: its scrypt hash, the salt and the cost."""
    salt = secrets.token_bytes(16)
    digest = _derive(pin, salt, _N, _R, _P, _LEN)
    return {"salt": salt.hex(), "hash": digest.hex(), "n": _N, "r": _R, "p": _P}


def pin_matches(pin: str, stored: dict[str, Any]) -> bool:
    try:
        salt, expected = bytes.fromhex(stored["salt"]), bytes.fromhex(stored["hash"])
        digest = _derive(pin, salt, int(stored["n"]), int(stored["r"]), int(stored["p"]),
                         len(expected))  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return False  # a damaged entry matches nothing; the leader sets a new PIN
    return hmac.compare_digest(digest, expected)


def wait_after(failures: int, at: datetime) -> datetime | None:
    """Until when the next try waits after ``failures`` wrong PINs in a row."""
    if failures < TRIES:
        return None
    wait = min(FIRST_WAIT * 2 ** (failures - TRIES), LONGEST_WAIT)
    return at + wait
