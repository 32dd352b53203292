"""Who, in this session of the app, has proved by PIN to be a leader, and for how long.

The current user of a laptop is only a name picked in Settings; to act as a
leader (sign, reopen, record a verdict) the app asks that leader's PIN once,
then holds it until the user leaves the keyboard for ``idle`` seconds, quits,
or picks someone else.
"""

from __future__ import annotations

import time
from collections.abc import Callable

IDLE_SECONDS = 10 * 60


class Authority:
    def __init__(
        self, idle: float = IDLE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.idle = idle
        self._clock = clock
        self._leader: str | None = None
        self._last_input = clock()

    @property
    def leader_id(self) -> str | None:
        """The leader this session acts as, if the PIN was given and the keyboard not left."""
        if self._leader is not None and self._clock() - self._last_input > self.idle:
            self._leader = None
        return self._leader

    def holds(self, lecturer_id: str) -> bool:
        return self.leader_id == lecturer_id

    def unlock(self, lecturer_id: str) -> None:
        self._leader = lecturer_id
        self._last_input = self._clock()

    def lock(self) -> None:
        self._leader = None

    def touch(self) -> bool:
        """Input was seen; True when it came after the idle time (the session just locked)."""
        expired = self._leader is not None and self.leader_id is None
        self._last_input = self._clock()
        return expired
