"""Migrations on SQLite and PostgreSQL: a single-learner database made by an older viva (0002)
becomes learner 1's data in the many-learner schema, every row kept; the downgrade goes back;
many processes opening one blank PostgreSQL database at once migrate it exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import IntegrityError

from viva.store.db import HEAD, MIGRATIONS, Store

SRC = Path(__file__).resolve().parents[1] / "src"
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
Opener = Callable[..., Store]

# one or more rows in every table of the 0002 schema
OLD_ROWS = [
    "INSERT INTO profile (key, value, updated_at) VALUES ('target_role', 'backend', 't0')",
    "INSERT INTO profile (key, value, updated_at) VALUES ('weak', 'sql', 't0')",
    "INSERT INTO preferences (key, value, updated_at) VALUES ('pace', 'slow', 't0')",
    "INSERT INTO sessions (started_at, ended_at, front_end, position) "  # gets id 1
    """VALUES ('t1', 't2', 'plain', '{"queue": ["python.gil"], "title": "Python"}')""",
    "INSERT INTO turns (session_id, role, text, at) VALUES (1, 'learner', 'top python', 't1')",
    "INSERT INTO turns (session_id, role, text, at) VALUES (1, 'coach', 'first: the GIL', 't1')",
    "INSERT INTO seen (entry_id, session_id, at) VALUES ('python.gil', 1, 't1')",
    "INSERT INTO cards (entry_id, card, due, updated_at) "
    "VALUES ('python.gil', '{}', '2026-11-27T09:30:00+00:00', 't1')",
    "INSERT INTO attempts (entry_id, at, source, rating, score, verdict, answer) "
    "VALUES ('python.gil', '2026-11-26T09:00:00+00:00', 'review', 3, 75, 'good', 'a lock')",
]


def _alembic(url: str, action: str, target: str, rows: list[str] = OLD_ROWS) -> None:
    """Run Alembic's ``upgrade`` or ``downgrade`` to ``target`` on ``url``, then ``rows``."""
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)
        for sql in rows:
            conn.exec_driver_sql(sql)
    engine.dispose()


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_0002_database_becomes_learner_one_keeping_every_row(
    blank_target: tuple[str, str], open_store: Opener
) -> None:
    _kind, url = blank_target
    _alembic(url, "upgrade", "0002")
    store = open_store(url)
    assert store.profile() == {"target_role": "backend", "weak": "sql"}
    assert store.prefs() == {"pace": "slow"}
    assert store.transcript(1) == [("learner", "top python"), ("coach", "first: the GIL")]
    assert [(r.id, r.turns, r.title) for r in store.sessions()] == [(1, 2, "Python")]
    assert store.last_position() == {"queue": ["python.gil"], "title": "Python"}
    assert store.card("python.gil") == "{}"
    assert [(a.entry_id, a.score, a.verdict) for a in store.history()] == [
        ("python.gil", 75, "good")
    ]
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT learner_id FROM seen")).scalars().all() == [1]
        assert conn.execute(text("SELECT state FROM sessions")).scalars().all() == [None]
    # the old data is learner 1's only: a new learner starts empty and can write the same keys
    other = store.as_learner(store.accounts.add("ana", None, NOW).id)
    assert other.profile() == {} and other.sessions() == [] and other.all_cards() == []
    other.set_pref("pace", "fast", NOW)
    assert store.prefs() == {"pace": "slow"}
    assert store.start_session("plain", NOW) == 2  # ids go on from the old rows


def test_the_learner_column_has_no_default_after_the_backfill(
    db_target: object, open_store: Opener
) -> None:
    store = open_store(db_target)
    # a write that forgets whose it is fails, rather than landing in learner 1's data
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sessions (started_at, front_end) VALUES ('t', 'plain')")


def test_downgrade_to_0002_keeps_the_local_learner_and_upgrades_again(
    blank_target: tuple[str, str], open_store: Opener
) -> None:
    _kind, url = blank_target
    _alembic(url, "upgrade", "0002")
    store = open_store(url)
    ana = store.as_learner(store.accounts.add("ana", None, NOW).id)
    ana.set_pref("pace", "fast", NOW)
    ana.add_turn(ana.start_session("web", NOW), "learner", "hello", NOW)
    store.close()
    _alembic(
        url, "downgrade", "0002", rows=[]
    )  # down: ana's rows have no place in one-learner tables
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM preferences")).scalars().all() == ["slow"]
        assert _count(conn, "turns") == 2 and _count(conn, "sessions") == 1
    engine.dispose()
    again = open_store(url)
    assert again.prefs() == {"pace": "slow"}
    assert [a.username for a in again.accounts.all()] == ["local"]


def test_many_processes_opening_a_blank_server_database_migrate_it_once(
    pg_blank_url: str,
) -> None:
    # processes, as web workers are (Alembic's context is process-global: threads would race
    # inside it rather than over the database)
    code = "import sys; from viva.store.db import Store; Store.open(sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", code, pg_blank_url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for w in workers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    engine = create_engine(pg_blank_url)
    with engine.connect() as conn:
        assert _count(conn, "learners") == 1  # the local learner was created once
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    engine.dispose()
