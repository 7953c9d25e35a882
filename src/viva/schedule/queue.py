"""What to review today: due cards, weakest first, within a daily cap; and catch-up.

After a break a learner may come back to 300 due cards. Showing all of them is how people
quit, so the day's queue never exceeds the cap, and catch-up mode moves the rest of a
backlog onto the following days (weakest first, each day topped up to the cap at most,
counting what is already due that day) instead of letting it pile up.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DAILY_CAP = 20


@dataclass(frozen=True, slots=True)
class CardInfo:
    entry_id: str
    due: datetime
    retrievability: float  # 0-1 now
    last_score: int | None = None  # 0-100 of the last graded answer, if any


def weakness(card: CardInfo, now: datetime) -> tuple[float, float]:
    """Sort key: low recall and low last score first, then the longest overdue."""
    score = card.last_score / 100 if card.last_score is not None else 0.5
    return (card.retrievability * 0.5 + score * 0.5, card.due.timestamp() - now.timestamp())


def due_now(cards: Sequence[CardInfo], now: datetime) -> list[CardInfo]:
    return sorted((c for c in cards if c.due <= now), key=lambda c: weakness(c, now))


def today(
    cards: Sequence[CardInfo], now: datetime, cap: int = DAILY_CAP, done_today: int = 0
) -> list[str]:
    """The entries to review now: due ones, weakest first, up to what's left of the cap."""
    room = max(0, cap - done_today)
    return [c.entry_id for c in due_now(cards, now)[:room]]


def catch_up(
    cards: Sequence[CardInfo], now: datetime, cap: int = DAILY_CAP, done_today: int = 0
) -> dict[str, datetime]:
    """New due times for the backlog beyond today's room, spread over the following days.

    Today keeps the weakest ``cap - done_today``; the rest go to day 1, 2, ... in weakness
    order, each day filled up to ``cap`` counting the cards already due on it.
    """
    if cap <= 0:
        raise ValueError("the daily cap must be at least 1")
    backlog = due_now(cards, now)
    room = max(0, cap - done_today)
    later = backlog[room:]
    if not later:
        return {}
    booked: Counter[date] = Counter(c.due.date() for c in cards if c.due > now)
    moved: dict[str, datetime] = {}
    day = 1
    for card in later:
        while booked[(now + timedelta(days=day)).date()] >= cap:
            day += 1
        when = now + timedelta(days=day)
        booked[when.date()] += 1
        moved[card.entry_id] = when
    return moved


def days_to_clear(backlog: int, cap: int) -> int:
    return math.ceil(backlog / cap) if cap > 0 else 0


def mastery(retrievability: float, last_score: int | None) -> float:
    """How well an entry is known now (0-1): recall chance, tempered by the last answer."""
    if last_score is None:
        return retrievability
    return retrievability * (0.4 + 0.6 * last_score / 100)


def streak(days: Sequence[date], today_: date) -> int:
    """Consecutive days with practice ending today (or yesterday, if today has none yet)."""
    have = set(days)
    day = today_ if today_ in have else today_ - timedelta(days=1)
    n = 0
    while day in have:
        n += 1
        day -= timedelta(days=1)
    return n
