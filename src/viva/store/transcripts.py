"""One learner's sessions in SQL: when they ran, their turns, the entries seen, the saved
position in a question set and the conversation state a web process resumes from.

A session id is a number anyone can guess, so every statement that takes one also checks
that the session is this learner's: another learner's session reads as empty, and writing
to it is a ``NotFoundError`` that changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, literal, select, update

from viva.errors import NotFoundError
from viva.store.engine import Runner
from viva.store.schema import seen, sessions, stamp, turns


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    started_at: str
    ended_at: str | None
    front_end: str
    turns: int
    title: str


class Transcripts(Runner):
    """Sessions, turns, seen entries and saved state; mixed into ``Store``."""

    def _mine(self, session_id: int) -> Any:
        return (sessions.c.id == session_id) & (sessions.c.learner_id == self.learner_id)

    def _must(self, changed: int, session_id: int) -> None:
        if not changed:
            raise NotFoundError(f"there is no session {session_id}")

    def start_session(self, front_end: str, now: datetime) -> int:
        def go(conn: Connection) -> int:
            res = conn.execute(
                insert(sessions).values(
                    learner_id=self.learner_id, started_at=stamp(now), front_end=front_end
                )
            )
            made = res.inserted_primary_key
            assert made is not None  # an insert always has one
            return int(made[0])

        return self._run(go)

    def add_turn(self, session_id: int, role: str, words: str, now: datetime) -> None:
        # insert ... select: the row is written only when the session is this learner's
        source = select(sessions.c.id, literal(role), literal(words), literal(stamp(now)))
        stmt = (
            insert(turns)
            .from_select(["session_id", "role", "text", "at"], source.where(self._mine(session_id)))
            .execution_options(preserve_rowcount=True)  # an INSERT's count is kept only if asked
        )
        self._must(self._run(lambda c: c.execute(stmt).rowcount), session_id)

    def _update(self, session_id: int, **values: Any) -> None:
        stmt = update(sessions).where(self._mine(session_id)).values(**values)
        self._must(self._run(lambda c: c.execute(stmt).rowcount), session_id)

    def save_position(self, session_id: int, position: dict[str, Any]) -> None:
        self._update(session_id, position=json.dumps(position))

    def end_session(self, session_id: int, now: datetime) -> None:
        self._update(session_id, ended_at=stamp(now))

    def save_state(self, session_id: int, state: str) -> None:
        """Keep the whole conversation state (a JSON document) with its session."""
        self._update(session_id, state=state)

    def load_state(self, session_id: int) -> str | None:
        """The conversation state saved with the session, or None (none saved, or no such
        session of this learner)."""
        q = select(sessions.c.state).where(self._mine(session_id))
        row = self._run(lambda c: c.execute(q).first())
        return None if row is None or row[0] is None else str(row[0])

    def mark_seen(self, entry_id: str, session_id: int, now: datetime) -> None:
        source = select(
            literal(self.learner_id), literal(entry_id), sessions.c.id, literal(stamp(now))
        ).where(self._mine(session_id))
        stmt = (
            insert(seen)
            .from_select(["learner_id", "entry_id", "session_id", "at"], source)
            .execution_options(preserve_rowcount=True)
        )
        self._must(self._run(lambda c: c.execute(stmt).rowcount), session_id)

    def last_position(self, before: int | None = None) -> dict[str, Any] | None:
        """The position of the most recent session that was in a question set."""
        q = (
            select(sessions.c.position)
            .where(sessions.c.learner_id == self.learner_id)
            .order_by(sessions.c.id.desc())
            .limit(20)
        )
        if before is not None:
            q = q.where(sessions.c.id < before)
        for (doc,) in self._run(lambda c: c.execute(q).all()):
            try:
                pos = json.loads(doc)
            except ValueError:
                continue
            if isinstance(pos, dict) and pos.get("queue"):
                return pos
        return None

    def transcript(self, session_id: int) -> list[tuple[str, str]]:
        q = (
            select(turns.c.role, turns.c.text)
            .join(sessions, sessions.c.id == turns.c.session_id)
            .where(self._mine(session_id))
            .order_by(turns.c.id)
        )
        return [(r, t) for r, t in self._run(lambda c: c.execute(q).all())]

    def has_session(self, session_id: int) -> bool:
        q = select(sessions.c.id).where(self._mine(session_id))
        return self._run(lambda c: c.execute(q).first()) is not None

    def sessions(self, limit: int = 20) -> list[SessionRow]:
        page = (
            select(sessions)
            .where(sessions.c.learner_id == self.learner_id)
            .order_by(sessions.c.id.desc())
            .limit(limit)
            .subquery()
        )
        counts = (
            select(turns.c.session_id, func.count().label("n"))
            .where(turns.c.session_id.in_(select(page.c.id)))
            .group_by(turns.c.session_id)
            .subquery()
        )
        q = (
            select(page, func.coalesce(counts.c.n, 0).label("n"))
            .outerjoin(counts, counts.c.session_id == page.c.id)
            .order_by(page.c.id.desc())
        )
        out = []
        for row in self._run(lambda c: c.execute(q).all()):
            try:
                title = str(json.loads(row.position).get("title", ""))
            except (ValueError, AttributeError):
                title = ""
            out.append(
                SessionRow(row.id, row.started_at, row.ended_at, row.front_end, int(row.n), title)
            )
        return out
