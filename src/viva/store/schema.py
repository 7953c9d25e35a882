"""The learner database's tables (SQLAlchemy Core). Migrations create and change them.

Many learners share one database: ``learners`` holds the accounts, and every per-learner
table carries a ``learner_id`` (a transcript's turns belong to a learner through their
session). The column has no default: a write that forgot whose it is fails instead of
landing in someone else's data. Learner 1 is the local learner that a single-user database
had all along (created by migration 0003, no password: it cannot log in to a server).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()
LOCAL_LEARNER = 1  # the one learner of a database made before accounts (and of `viva` alone)


def _owner(table: str) -> Column[int]:
    return Column(
        "learner_id",
        Integer,
        ForeignKey("learners.id", name=f"fk_{table}_learner_id"),
        nullable=False,
    )


learners = Table(
    "learners",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("password_hash", Text),  # argon2id (PHC string); none: cannot log in
    Column("created_at", String(32), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("is_admin", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("username", name="uq_learners_username"),
)

# key/value facts about the learner: target_role, strong, weak, interview_in_days, ...
profile = Table(
    "profile",
    metadata,
    _owner("profile"),
    Column("key", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
    PrimaryKeyConstraint("learner_id", "key", name="pk_profile"),
)

# how the learner wants to be taught: pace, detail, with_answers, always_example, voice
preferences = Table(
    "preferences",
    metadata,
    _owner("preferences"),
    Column("key", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
    PrimaryKeyConstraint("learner_id", "key", name="pk_preferences"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _owner("sessions"),
    Column("started_at", String(32), nullable=False),
    Column("ended_at", String(32)),
    Column("front_end", String(16), nullable=False),
    Column("position", Text, nullable=False, server_default="{}"),
    Column("state", Text),  # the whole conversation state as JSON (stateless web processes)
    Index("ix_sessions_learner_id", "learner_id", "id"),
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
    _owner("seen"),
    Column("entry_id", String(200), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("at", String(32), nullable=False),
    Index("ix_seen_learner_entry", "learner_id", "entry_id"),
)

# one FSRS card per entry the learner has practised (the card as the fsrs package's JSON)
cards = Table(
    "cards",
    metadata,
    _owner("cards"),
    Column("entry_id", String(200), nullable=False),
    Column("card", Text, nullable=False),
    Column("due", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    PrimaryKeyConstraint("learner_id", "entry_id", name="pk_cards"),
    Index("ix_cards_learner_due", "learner_id", "due"),
)

# every graded answer or self-rating: what progress, streaks and plans are measured from
attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _owner("attempts"),
    Column("entry_id", String(200), nullable=False),
    Column("at", String(32), nullable=False),
    Column("source", String(16), nullable=False),  # interview | review | chat | self
    Column("rating", Integer, nullable=False),  # FSRS rating 1-4
    Column("score", Integer),  # 0-100 when graded
    Column("verdict", String(16)),
    Column("answer", Text),
    Index("ix_attempts_learner_entry", "learner_id", "entry_id"),
)

# failed sign-ins, one row per key ("ip:<address>", "user:<name>") and failure, in seconds
# since the epoch: kept here, not in a worker's memory, so every worker and host behind a
# load balancer counts the same failures
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("at", Float, nullable=False),
    Index("ix_login_failures_key_at", "key", "at"),
)

PER_LEARNER = (profile, preferences, sessions, seen, cards, attempts)  # turns: via sessions


def stamp(when: datetime) -> str:
    """How a moment is kept in a text column: ISO 8601 to the second (sorts as time)."""
    return when.isoformat(timespec="seconds")
