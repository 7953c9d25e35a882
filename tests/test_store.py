"""The learner database: a blank file migrates to the schema the code expects."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect

from viva.store.db import HEAD, Store
from viva.store.schema import metadata

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_blank_database_migrates_to_the_declared_schema(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "viva.db")
    insp = inspect(store.engine)
    tables = set(insp.get_table_names())
    assert tables == {*metadata.tables, "alembic_version"}
    for name, table in metadata.tables.items():
        assert {c["name"] for c in insp.get_columns(name)} == {c.name for c in table.columns}
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    store.close()


def test_strong_and_weak_are_exclusive_lists(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "viva.db")
    store.remember("weak", "flask,fastapi", NOW)
    store.remember("strong", "django", NOW)
    store.remember("strong", "fastapi", NOW)
    assert store.profile() == {"weak": "flask", "strong": "django,fastapi"}
    store.remember("strong", "flask", NOW)
    assert store.profile() == {"strong": "django,fastapi,flask"}


def test_sessions_positions_and_transcripts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "viva.db")
    first = store.start_session("plain", NOW)
    store.add_turn(first, "learner", "top 5 python questions", NOW)
    store.save_position(first, {"queue": ["python.gil"], "pos": 0, "title": "Python"})
    second = store.start_session("plain", NOW)
    assert store.last_position(before=second) == {
        "queue": ["python.gil"],
        "pos": 0,
        "title": "Python",
    }
    assert store.transcript(first) == [("learner", "top 5 python questions")]
    rows = store.sessions()
    assert [(r.id, r.turns, r.title) for r in rows] == [(second, 0, ""), (first, 1, "Python")]


def test_a_0001_database_upgrades_to_practice_tables_keeping_its_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from viva.store.db import MIGRATIONS
    from viva.store.records import Practised

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO preferences (key, value, updated_at) VALUES ('pace', 'slow', 'x')"
        )
    engine.dispose()
    store = Store.open(path)  # a newer viva opens a learner's old database
    assert store.prefs()["pace"] == "slow"
    store.record(Practised("python.gil", "{}", NOW, "review", 3, 80, "good"), NOW)
    assert [c.entry_id for c in store.all_cards()] == ["python.gil"]
    assert store.history()[0].score == 80
    store.close()
