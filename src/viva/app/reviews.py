"""Reviews: what is due today (weakest first, within a daily cap) and catch-up after a break.

The queue rules are ``viva.schedule.queue``'s; this module reads the learner's cards and
attempts from the store and returns values. The reviews themselves run in the conversation
(``viva.session.review``), so ``viva review``, ``viva --voice`` and the web share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from viva.app import practice
from viva.app.ports import LearnerStore
from viva.schedule import queue

DAILY_CAP = 20


@dataclass(frozen=True, slots=True)
class ReviewDay:
    due: int  # entries due now, whatever the cap
    todays: list[str]  # entry ids for today, weakest first, within the cap
    cap: int
    done_today: int  # reviews already done today
    next_due: datetime | None  # the next card due after now, when nothing is due
    moved: dict[str, datetime] = field(default_factory=dict)  # catch-up: entry -> new due

    @property
    def backlog(self) -> int:
        return max(0, self.due - len(self.todays))


def done_today(store: LearnerStore, now: datetime) -> int:
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return sum(1 for a in store.history(since=start) if a.source == "review")


def today(
    store: LearnerStore, now: datetime, cap: int = DAILY_CAP, catch_up: bool = False
) -> ReviewDay:
    """Today's reviews; with ``catch_up``, a backlog beyond the cap is spread over the next
    days first (and saved), so today holds at most ``cap``."""
    infos = practice.infos(store, now)
    done = done_today(store, now)
    due = queue.due_now(infos, now)
    moved: dict[str, datetime] = {}
    if catch_up:
        moved = queue.catch_up(infos, now, cap, done)
        store.move_due(moved, now)
    todays = queue.today(infos, now, cap, done)
    nxt = min((c.due for c in infos if c.due > now), default=None)
    return ReviewDay(len(due), todays, cap, done, nxt, moved)
