"""FSRS cards for bank entries, through the ``fsrs`` package; time is always passed in.

A card is stored as the package's own JSON, so the scheduler's state round-trips exactly.
Card ids are derived from the entry id (not the clock), so the same entry always has the
same card. A graded answer becomes a rating: wrong or off-topic is Again, partial is Hard,
good is Good, and a near-perfect answer is Easy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from viva.grade.model import AnswerVerdict
from viva.schedule.rating import Rate

RETENTION = 0.9
EASY_AT = 90
_SCHEDULER = Scheduler(desired_retention=RETENTION, enable_fuzzing=False)


def rating_of(verdict: AnswerVerdict, score: int) -> Rate:
    """A graded answer as an FSRS rating."""
    if verdict is AnswerVerdict.GOOD:
        return Rate.EASY if score >= EASY_AT else Rate.GOOD
    if verdict is AnswerVerdict.PARTIAL:
        return Rate.HARD
    return Rate.AGAIN


@dataclass(frozen=True, slots=True)
class Reviewed:
    card: str  # JSON for the store
    due: datetime
    interval_days: float


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("times given to the scheduler must be timezone-aware UTC")
    return now.astimezone(UTC)


def card_id(entry_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(entry_id.encode(), digest_size=6).digest(), "big")


def load(entry_id: str, stored: str | None, now: datetime) -> Card:
    if stored:
        return Card.from_dict(json.loads(stored))
    return Card(card_id=card_id(entry_id), due=_aware(now))


def review(entry_id: str, stored: str | None, rating: Rate, now: datetime) -> Reviewed:
    """The card after one review at ``now``."""
    now = _aware(now)
    card, _log = _SCHEDULER.review_card(load(entry_id, stored, now), Rating(int(rating)), now)
    due = card.due.astimezone(UTC)
    return Reviewed(json.dumps(card.to_dict()), due, (due - now).total_seconds() / 86400)


def retrievability(stored: str, now: datetime) -> float:
    """The chance of recalling the entry now (0-1), as FSRS estimates it."""
    card = Card.from_dict(json.loads(stored))
    return float(_SCHEDULER.get_card_retrievability(card, _aware(now)))


def preview(entry_id: str, stored: str | None, now: datetime) -> dict[Rate, float]:
    """Days until the next review for each possible rating (shown before committing one)."""
    return {r: review(entry_id, stored, r, now).interval_days for r in Rate}
