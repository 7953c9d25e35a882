"""The learner's practice in the database: FSRS cards and the log of attempts.

A review writes the attempt and the card in one transaction, so a crash never leaves a
graded answer without its schedule (or the other way round).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from viva.grade.model import AnswerVerdict
from viva.schedule import cards as cards_mod
from viva.schedule import queue
from viva.store.db import Store, _stamp
from viva.store.schema import attempts, cards


@dataclass(frozen=True, slots=True)
class Attempt:
    entry_id: str
    at: datetime
    source: str
    rating: int
    score: int | None
    verdict: str | None


@dataclass(frozen=True, slots=True)
class StoredCard:
    entry_id: str
    card: str
    due: datetime


def record(
    store: Store, entry_id: str, card: str, due: datetime, now: datetime, *, source: str,
    rating: int, score: int | None = None, verdict: str | None = None, answer: str | None = None,
) -> None:  # fmt: skip
    """One practised entry: its attempt logged and its card replaced, atomically."""

    def write(conn: Connection) -> None:
        c = conn
        c.execute(insert(attempts).values(entry_id=entry_id, at=_stamp(now), source=source,
                                          rating=rating, score=score, verdict=verdict, answer=answer))  # fmt: skip
        c.execute(delete(cards).where(cards.c.entry_id == entry_id))
        c.execute(insert(cards).values(entry_id=entry_id, card=card, due=_stamp(due),
                                       updated_at=_stamp(now)))  # fmt: skip

    store._run(write)


def record_grade(
    store: Store, entry_id: str, score: int, verdict: str, answer: str, source: str, now: datetime
) -> None:
    """A graded answer moves the entry's FSRS card and is logged, in one transaction."""
    rating = cards_mod.rating_of(AnswerVerdict(verdict), score)
    reviewed = cards_mod.review(entry_id, card(store, entry_id), rating, now)
    record(store, entry_id, reviewed.card, reviewed.due, now, source=source, rating=int(rating),
           score=score, verdict=verdict, answer=answer or None)  # fmt: skip


def card(store: Store, entry_id: str) -> str | None:
    row = store._run(
        lambda c: c.execute(select(cards.c.card).where(cards.c.entry_id == entry_id)).first()
    )
    return str(row[0]) if row else None


def all_cards(store: Store) -> list[StoredCard]:
    rows = store._run(
        lambda c: c.execute(select(cards.c.entry_id, cards.c.card, cards.c.due)).all()
    )
    return [StoredCard(e, c, datetime.fromisoformat(d)) for e, c, d in rows]


def move(store: Store, new_due: dict[str, datetime], now: datetime) -> None:
    """Catch-up: give backlog cards their new due times (the card JSON keeps its own)."""

    def write(conn: Connection) -> None:
        for entry_id, due in new_due.items():
            conn.execute(
                update(cards).where(cards.c.entry_id == entry_id)
                .values(due=_stamp(due), updated_at=_stamp(now))
            )  # fmt: skip

    store._run(write)


def history(store: Store, since: datetime | None = None) -> list[Attempt]:
    q = select(attempts.c.entry_id, attempts.c.at, attempts.c.source, attempts.c.rating,
               attempts.c.score, attempts.c.verdict).order_by(attempts.c.id)  # fmt: skip
    if since is not None:
        q = q.where(attempts.c.at >= _stamp(since))
    rows = store._run(lambda c: c.execute(q).all())
    return [Attempt(e, datetime.fromisoformat(a), s, r, sc, v) for e, a, s, r, sc, v in rows]


def last_scores(store: Store) -> dict[str, int]:
    """The most recent graded score per entry."""
    latest = (
        select(attempts.c.entry_id, func.max(attempts.c.id).label("id"))
        .where(attempts.c.score.is_not(None))
        .group_by(attempts.c.entry_id)
        .subquery()
    )
    q = select(attempts.c.entry_id, attempts.c.score).join(latest, latest.c.id == attempts.c.id)
    return {e: int(s) for e, s in store._run(lambda c: c.execute(q).all())}


def mastery(store: Store, now: datetime) -> dict[str, float]:
    """Entry id -> how well it is known now (0-1), for every entry practised so far."""
    return {c.entry_id: queue.mastery(c.retrievability, c.last_score) for c in infos(store, now)}


def infos(store: Store, now: datetime) -> list[queue.CardInfo]:
    scores = last_scores(store)
    return [queue.CardInfo(c.entry_id, c.due, cards_mod.retrievability(c.card, now), scores.get(c.entry_id))
            for c in all_cards(store)]  # fmt: skip
