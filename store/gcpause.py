"""Building a whole file's worth of objects without the cyclic GC in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived(many: bool = True) -> Iterator[None]:
    """Pause the cyclic collector while objects that will all live on are made
    (a parsed file, its records), then take them out of its sight.

    ``many=False`` (a small table, a small file) changes nothing: there the
    collection made first would cost more than it saves.

    CPython's collector scans every new container, and again each time it
    moves up a generation: opening 10,000 sheets made it spend 0.15 s of a
    0.7 s open on objects none of which was garbage, and each later full
    collection cost ~70 ms more. Parsed JSON and pydantic models hold no
    reference cycles, so frozen (``gc.freeze``) they are still freed by
    reference counting when the file is re-read or closed. Only a cycle
    among frozen objects would outlive its use: hence the collection first,
    so that no garbage already made is frozen with them. What is alive then
    is frozen too: in the app, mostly the app itself, which lives on; a form
    or dialog open at that moment and closed later is the most that is kept.
    Large reads happen when the app starts and when another instance has
    changed the file, so that stays small.
    """
    if not many or not gc.isenabled():
        # Small, or nested, or the program manages the collector itself.
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def keep_what_lives() -> None:
    """Take what is alive now out of the collector's sight (a shown section, the app).

    A full collection scans every object the program holds: ~300,000 once the app
    shows a section, 0.3 s each time one comes due, which fell in the middle of
    opening a form. A section's screen and the app live until the program ends,
    so nothing is lost by freezing them. The young generations are collected
    first (a few ms), so that little garbage is frozen with them; a cycle made
    before and dropped later stays in memory, a bounded one-time cost.
    """
    if gc.isenabled():  # not while a long_lived block manages the collector
        gc.collect(1)
        gc.freeze()
