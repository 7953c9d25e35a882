"""The learner database on SQLite and PostgreSQL: a blank database migrates to the schema the
code declares, and one learner's profile, sessions and practice records round-trip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from viva.errors import NotFoundError
from viva.store.db import HEAD, Store
from viva.store.records import Practised
from viva.store.schema import metadata

Opener = Callable[..., Store]
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_blank_database_migrates_to_the_declared_schema(
    blank_target: tuple[str, str], open_store: Opener
) -> None:
    _kind, url = blank_target
    store = open_store(url)
    insp = inspect(store.engine)
    assert set(insp.get_table_names()) == {*metadata.tables, "alembic_version"}
    with store.engine.connect() as conn:
        # tables, columns, types, keys, indexes and foreign keys: what the migrations made is
        # what schema.py declares, on this engine
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == [], diff
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    assert [(a.id, a.username, a.password_hash) for a in store.accounts.all()] == [
        (1, "local", None)
    ]


def test_opening_a_current_database_again_changes_nothing(
    db_target: Path | str, open_store: Opener
) -> None:
    open_store(db_target)
    store = open_store(db_target)
    assert [a.username for a in store.accounts.all()] == ["local"]


def test_strong_and_weak_are_exclusive_lists(db_target: Path | str, open_store: Opener) -> None:
    store = open_store(db_target)
    store.remember("weak", "flask,fastapi", NOW)
    store.remember("strong", "django", NOW)
    store.remember("strong", "fastapi", NOW)
    assert store.profile() == {"weak": "flask", "strong": "django,fastapi"}
    store.remember("strong", "flask", NOW)
    assert store.profile() == {"strong": "django,fastapi,flask"}
    store.remember("wanted", "redis", NOW)
    store.remember("wanted", "kafka,redis", NOW)
    assert store.profile()["wanted"] == "redis,kafka"


def test_preferences_are_replaced_and_forgotten(db_target: Path | str, open_store: Opener) -> None:
    store = open_store(db_target)
    store.set_pref("pace", "slow", NOW)
    store.set_pref("pace", "fast", NOW + timedelta(seconds=1))
    store.remember("target_role", "backend", NOW)
    assert store.prefs() == {"pace": "fast"}
    assert store.forget("pace") is True
    assert store.forget("pace") is False
    store.forget_all()
    assert store.prefs() == {} and store.profile() == {}


def test_sessions_positions_and_transcripts(db_target: Path | str, open_store: Opener) -> None:
    store = open_store(db_target)
    first = store.start_session("plain", NOW)
    store.add_turn(first, "learner", "top 5 python questions", NOW)
    store.save_position(first, {"queue": ["python.gil"], "pos": 0, "title": "Python"})
    store.mark_seen("python.gil", first, NOW)
    second = store.start_session("plain", NOW)
    assert store.last_position(before=second) == {
        "queue": ["python.gil"],
        "pos": 0,
        "title": "Python",
    }
    assert store.transcript(first) == [("learner", "top 5 python questions")]
    store.end_session(first, NOW)
    rows = store.sessions()
    assert [(r.id, r.turns, r.title) for r in rows] == [(second, 0, ""), (first, 1, "Python")]
    assert rows[1].ended_at == NOW.isoformat(timespec="seconds")
    assert [r.id for r in store.sessions(limit=1)] == [second]


def test_conversation_state_is_kept_with_its_session(
    db_target: Path | str, open_store: Opener
) -> None:
    store = open_store(db_target)
    sid = store.start_session("web", NOW)
    assert store.load_state(sid) is None
    store.save_state(sid, '{"phase": "quiz", "pos": 2}')
    assert store.load_state(sid) == '{"phase": "quiz", "pos": 2}'
    with pytest.raises(NotFoundError):
        store.save_state(sid + 1000, "{}")
    with pytest.raises(NotFoundError):
        store.add_turn(sid + 1000, "coach", "hello", NOW)


def test_practice_records_replace_the_card_and_log_every_attempt(
    db_target: Path | str, open_store: Opener
) -> None:
    store = open_store(db_target)
    later = NOW + timedelta(days=3)
    store.record(Practised("python.gil", '{"n": 1}', NOW, "review", 3, 80, "good"), NOW)
    store.record(Practised("python.gil", '{"n": 2}', later, "interview", 2, 40, "partial"), NOW)
    store.record(Practised("sql.joins", "{}", NOW, "self", 4), NOW)
    assert store.card("python.gil") == '{"n": 2}'
    assert [(c.entry_id, c.due) for c in store.all_cards()] == [
        ("python.gil", later),
        ("sql.joins", NOW),
    ]
    assert [(a.entry_id, a.score) for a in store.history()] == [
        ("python.gil", 80),
        ("python.gil", 40),
        ("sql.joins", None),
    ]
    assert store.history(since=NOW + timedelta(days=1)) == []
    assert store.last_scores() == {"python.gil": 40}
    store.move_due({"sql.joins": later}, NOW)
    assert {c.entry_id: c.due for c in store.all_cards()}["sql.joins"] == later


def test_a_0001_database_upgrades_keeping_its_data(
    blank_target: tuple[str, str], open_store: Opener
) -> None:
    from alembic import command
    from alembic.config import Config

    from viva.store.db import MIGRATIONS

    _kind, url = blank_target
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO preferences (key, value, updated_at) VALUES ('pace', 'slow', 'x')"
        )
    engine.dispose()
    store = open_store(url)  # a newer viva opens a learner's old database
    assert store.prefs()["pace"] == "slow"
    store.record(Practised("python.gil", "{}", NOW, "review", 3, 80, "good"), NOW)
    assert [c.entry_id for c in store.all_cards()] == ["python.gil"]
    assert store.history()[0].score == 80
