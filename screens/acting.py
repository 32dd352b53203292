"""Acting as someone: a leader's PIN before a leader's act, a lecturer's before their own.

The app owns one ``Acting``; screens ask through ``GiangvienApp.as_leader``
and ``as_person``. The PIN is asked at most once while the user keeps at the
keyboard (giangvien.authority): after ``idle`` seconds without input the
session locks back to a non-leader and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from giangvien.authority import Authority
from giangvien.i18n import tr
from giangvien.models import Lecturer
from store.pins import has_pin

if TYPE_CHECKING:
    from screens.app import GiangvienApp

# How often the app looks whether the session should lock (the lock itself is exact).
_LOOK_EVERY = 15.0


class Acting:
    def __init__(self, app: GiangvienApp, authority: Authority | None = None) -> None:
        self.app = app
        self.authority = authority or Authority()
        self._held: str | None = None

    def start(self) -> None:
        self.app.set_interval(_LOOK_EVERY, self.look)

    def input_seen(self) -> None:
        self.authority.touch()
        self.look()

    def look(self) -> None:
        """Say once that the session locked, when it has."""
        held = self.authority.leader_id
        if self._held is not None and held is None:
            self.app.notify(tr("pin.locked"), markup=False, timeout=8)
        self._held = held

    def unlock(self, lecturer_id: str) -> None:
        self.authority.unlock(lecturer_id)
        self._held = lecturer_id

    def lock(self) -> None:
        self.authority.lock()
        self._held = None

    def as_leader(self, then: Callable[[Lecturer], None]) -> None:
        """``then(leader)`` once the current user is a leader who gave their PIN."""
        app, user = self.app, self.app.user
        if app.refuse_if_read_only():
            return
        if user is None:
            app.notify(tr("pin.nobody"), severity="error", markup=False)
            return
        if not user.is_leader:
            app.notify(tr("pin.not_leader", name=user.full_name), severity="error", markup=False)
            return
        if self.authority.holds(user.id):
            then(user)
            return
        self.prove(user, lambda: then(user), leader=True)

    def as_person(self, person: Lecturer, then: Callable[[], None]) -> None:
        """``then()`` once ``person`` gave their PIN; at once if they set none on this laptop."""
        if not has_pin(self.app.repo, person.id) or self.authority.holds(person.id):
            then()
            return
        self.prove(person, then, leader=False)

    def prove(
        self,
        person: Lecturer,
        then: Callable[[], None],
        *,
        leader: bool,
        cancelled: Callable[[], None] | None = None,
    ) -> None:
        from screens.pin_modal import PinModal

        def answered(ok: bool | None) -> None:
            if not ok:
                if cancelled is not None:
                    cancelled()
                return
            if leader:
                self.unlock(person.id)
            then()

        self.app.push_screen(PinModal(person, leader=leader), answered)
