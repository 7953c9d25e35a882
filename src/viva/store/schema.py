"""The learner database's tables (SQLAlchemy Core). Migrations create and change them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

# key/value facts about the learner: target_role, strong, weak, interview_in_days, ...
profile = Table(
    "profile",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# how the learner wants to be taught: pace, detail, with_answers, always_example, voice
preferences = Table(
    "preferences",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("ended_at", String(32)),
    Column("front_end", String(16), nullable=False),
    Column("position", Text, nullable=False, server_default="{}"),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False, index=True),
    Column("role", String(8), nullable=False),  # learner | coach
    Column("text", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

seen = Table(
    "seen",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(200), nullable=False, index=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("at", String(32), nullable=False),
)

# one FSRS card per entry the learner has practised (the card as the fsrs package's JSON)
cards = Table(
    "cards",
    metadata,
    Column("entry_id", String(200), primary_key=True),
    Column("card", Text, nullable=False),
    Column("due", String(32), nullable=False, index=True),
    Column("updated_at", String(32), nullable=False),
)

# every graded answer or self-rating: what progress, streaks and plans are measured from
attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(200), nullable=False, index=True),
    Column("at", String(32), nullable=False),
    Column("source", String(16), nullable=False),  # interview | review | chat | self
    Column("rating", Integer, nullable=False),  # FSRS rating 1-4
    Column("score", Integer),  # 0-100 when graded
    Column("verdict", String(16)),
    Column("answer", Text),
)


def stamp(when: datetime) -> str:
    """How a moment is kept in a text column: ISO 8601 to the second (sorts as time)."""
    return when.isoformat(timespec="seconds")
