"""The learner's practice records in SQL: FSRS cards (as the scheduler's JSON) and attempts.

Only storage lives here: which rating a grade earns and how a card moves are decided in
``viva.app.practice`` with ``viva.schedule``; this module writes the outcome. An attempt and
its card are written in one transaction, so a crash never leaves a graded answer without its
schedule (or the other way round).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from viva.store.engine import Runner, upsert
from viva.store.schema import attempts, cards, stamp


@dataclass(frozen=True, slots=True)
class Attempt:
    entry_id: str
    at: datetime
    source: str  # the front end or command that recorded it: review, interview, grade, ...
    rating: int
    score: int | None
    verdict: str | None


@dataclass(frozen=True, slots=True)
class StoredCard:
    entry_id: str
    card: str  # the scheduler's own JSON
    due: datetime


@dataclass(frozen=True, slots=True)
class Practised:
    """One practised entry to write: the attempt and the card it leaves behind."""

    entry_id: str
    card: str
    due: datetime
    source: str
    rating: int
    score: int | None = None
    verdict: str | None = None
    answer: str | None = None


class Records(Runner):
    """One learner's practice tables; mixed into ``Store``."""

    def record(self, done: Practised, now: datetime) -> None:
        """One practised entry: its attempt logged and its card replaced, atomically."""

        def write(conn: Connection) -> None:
            conn.execute(
                insert(attempts).values(
                    learner_id=self.learner_id,
                    entry_id=done.entry_id,
                    at=stamp(now),
                    source=done.source,
                    rating=done.rating,
                    score=done.score,
                    verdict=done.verdict,
                    answer=done.answer or None,
                )
            )
            upsert(
                conn,
                cards,
                {"learner_id": self.learner_id, "entry_id": done.entry_id},
                {"card": done.card, "due": stamp(done.due), "updated_at": stamp(now)},
            )

        self._run(write)

    def card(self, entry_id: str) -> str | None:
        q = select(cards.c.card).where(self._owned(cards), cards.c.entry_id == entry_id)
        row = self._run(lambda c: c.execute(q).first())
        return str(row[0]) if row else None

    def all_cards(self) -> list[StoredCard]:
        q = (
            select(cards.c.entry_id, cards.c.card, cards.c.due)
            .where(self._owned(cards))
            .order_by(cards.c.entry_id)
        )
        rows = self._run(lambda c: c.execute(q).all())
        return [StoredCard(e, c, datetime.fromisoformat(d)) for e, c, d in rows]

    def move_due(self, new_due: dict[str, datetime], now: datetime) -> None:
        """Catch-up: give backlog cards new due times (the card JSON keeps its own)."""

        def write(conn: Connection) -> None:
            for entry_id, due in new_due.items():
                conn.execute(
                    update(cards)
                    .where(self._owned(cards), cards.c.entry_id == entry_id)
                    .values(due=stamp(due), updated_at=stamp(now))
                )

        self._run(write)

    def history(self, since: datetime | None = None) -> list[Attempt]:
        q = (
            select(
                attempts.c.entry_id,
                attempts.c.at,
                attempts.c.source,
                attempts.c.rating,
                attempts.c.score,
                attempts.c.verdict,
            )
            .where(self._owned(attempts))
            .order_by(attempts.c.id)
        )
        if since is not None:
            q = q.where(attempts.c.at >= stamp(since))
        rows = self._run(lambda c: c.execute(q).all())
        return [Attempt(e, datetime.fromisoformat(a), s, r, sc, v) for e, a, s, r, sc, v in rows]

    def last_scores(self) -> dict[str, int]:
        """The most recent graded score per entry."""
        latest = (
            select(attempts.c.entry_id, func.max(attempts.c.id).label("id"))
            .where(self._owned(attempts), attempts.c.score.is_not(None))
            .group_by(attempts.c.entry_id)
            .subquery()
        )
        q = select(attempts.c.entry_id, attempts.c.score).join(latest, latest.c.id == attempts.c.id)
        return {e: int(s) for e, s in self._run(lambda c: c.execute(q).all())}
