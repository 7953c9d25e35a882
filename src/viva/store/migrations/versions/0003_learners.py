"""Many learners: a ``learners`` table and a ``learner_id`` on every per-learner table.

The rows a database already holds belong to learner 1, ``local``, created here. Tables whose
key gains the learner (profile, preferences, cards) are rebuilt by copying: a primary key
cannot be altered in place on SQLite, and one copy works alike on both engines. The other
tables get the column through batch mode (a table rebuild on SQLite, ``ALTER`` on
PostgreSQL); the backfill default is dropped afterwards, so a write that forgets its learner
fails. ``sessions`` also gains ``state``, the whole conversation state as JSON.

The downgrade keeps learner 1's rows only: the older schema has room for one learner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _kv() -> list[sa.Column[Any]]:
    return [
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    ]


def _card() -> list[sa.Column[Any]]:
    return [
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("due", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    ]


REKEYED = {"profile": ("key", _kv), "preferences": ("key", _kv), "cards": ("entry_id", _card)}
# the tables that only gain the column, with the index on the old key that makes way for one
# led by the learner
GAINS = {
    "sessions": (None, ("ix_sessions_learner_id", ["learner_id", "id"])),
    "seen": ("ix_seen_entry_id", ("ix_seen_learner_entry", ["learner_id", "entry_id"])),
    "attempts": ("ix_attempts_entry_id", ("ix_attempts_learner_entry", ["learner_id", "entry_id"])),
}


def _copy(name: str, columns: Callable[[], list[sa.Column[Any]]], owned: bool, key: str) -> None:
    """Rebuild ``name`` as a copy: with (``owned``) or without a leading ``learner_id``."""
    new = f"{name}_new"
    cols = columns()
    names = ", ".join(c.name for c in cols)
    if owned:
        fk = sa.ForeignKey("learners.id", name=f"fk_{name}_learner_id")
        op.create_table(
            new,
            sa.Column("learner_id", sa.Integer, fk, nullable=False),
            *cols,
            sa.PrimaryKeyConstraint("learner_id", key, name=f"pk_{name}"),
        )
        op.execute(f"INSERT INTO {new} (learner_id, {names}) SELECT 1, {names} FROM {name}")
    else:
        op.create_table(new, *cols, sa.PrimaryKeyConstraint(key, name=f"{name}_pkey"))
        op.execute(f"INSERT INTO {new} ({names}) SELECT {names} FROM {name} WHERE learner_id = 1")
    op.drop_table(name)
    op.rename_table(new, name)


def upgrade() -> None:
    learners = op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("username", name="uq_learners_username"),
    )
    # no id given: the first row of a new table is 1 on both engines, and PostgreSQL's
    # sequence stays in step (an explicit id would leave it behind, and the next insert clash)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    op.execute(learners.insert().values(username="local", created_at=created))

    for name, (key, columns) in REKEYED.items():
        _copy(name, columns, owned=True, key=key)
    op.create_index("ix_cards_learner_due", "cards", ["learner_id", "due"])

    for name, (old_index, (index, index_cols)) in GAINS.items():
        if old_index:
            op.drop_index(old_index, table_name=name)
        with op.batch_alter_table(name) as batch:
            batch.add_column(
                sa.Column("learner_id", sa.Integer, nullable=False, server_default=sa.text("1"))
            )
            if name == "sessions":
                batch.add_column(sa.Column("state", sa.Text))
            batch.create_foreign_key(f"fk_{name}_learner_id", "learners", ["learner_id"], ["id"])
        with op.batch_alter_table(name) as batch:
            batch.alter_column("learner_id", server_default=None)
        op.create_index(index, name, index_cols)


def downgrade() -> None:
    others = "SELECT id FROM sessions WHERE learner_id <> 1"
    op.execute(f"DELETE FROM turns WHERE session_id IN ({others})")
    op.execute(f"DELETE FROM seen WHERE session_id IN ({others}) OR learner_id <> 1")
    op.execute("DELETE FROM attempts WHERE learner_id <> 1")
    op.execute("DELETE FROM sessions WHERE learner_id <> 1")
    for name, (old_index, (index, _cols)) in GAINS.items():
        op.drop_index(index, table_name=name)
        with op.batch_alter_table(name) as batch:
            batch.drop_constraint(f"fk_{name}_learner_id", type_="foreignkey")
            batch.drop_column("learner_id")
            if name == "sessions":
                batch.drop_column("state")
        if old_index:
            op.create_index(old_index, name, ["entry_id"])
    op.drop_index("ix_cards_learner_due", table_name="cards")
    for name, (key, columns) in REKEYED.items():
        _copy(name, columns, owned=False, key=key)
    op.create_index("ix_cards_due", "cards", ["due"])
    op.drop_table("learners")
