"""The learners' database: accounts, and each learner's profile, preferences, sessions and
practice records.

One SQLite file under the data directory (``viva.db``), or any SQLAlchemy URL (PostgreSQL for
a server with many learners). The schema is brought to the latest Alembic revision on open;
when it already is there (every start but the first), Alembic is not even imported. A
``Store`` is one learner's view: every query is filtered by its ``learner_id`` (1, the local
learner, unless told otherwise), and ``as_learner`` gives another learner's view over the same
engine. Each turn is committed as it happens, so a killed process loses at most the turn in
flight. A damaged or locked file, or a server that is down, gives a ``StoreError`` that names
the database and leaves it untouched.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, event, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from viva.cleaning import shown
from viva.errors import InputError
from viva.store.accounts import Accounts
from viva.store.engine import friendly, make_engine, upsert
from viva.store.private import migration_lock, private_file
from viva.store.records import Records
from viva.store.schema import LOCAL_LEARNER, preferences, profile, stamp
from viva.store.transcripts import SessionRow, Transcripts
from viva.store.values import bounded

__all__ = ["HEAD", "SessionRow", "Store"]

HEAD = "0004"  # the newest migration; bump with every new file in migrations/versions
LIST_KEYS = {"strong", "weak", "wanted"}  # comma lists of topic ids
EXCLUSIVE = {"strong": "weak", "weak": "strong"}  # a topic is in only one of the pair
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x76697661  # "viva": the PostgreSQL advisory lock around migrating


class Store(Transcripts, Records):
    """Reads and writes one learner's data; every method commits its own transaction.

    Only SQL: what the rows mean (ratings, schedules, plans) is decided in ``viva.app``."""

    def __init__(self, engine: Engine, where: str, learner_id: int = LOCAL_LEARNER) -> None:
        self.engine = engine
        self.where = where
        self.learner_id = learner_id

    @classmethod
    def open(cls, path_or_url: Path | str, learner_id: int = LOCAL_LEARNER) -> Store:
        lock: Path | None = None
        if isinstance(path_or_url, Path):
            private_file(path_or_url)
            url, where = f"sqlite:///{path_or_url}", str(path_or_url)
            lock = path_or_url.with_name(path_or_url.name + ".lock")
        else:
            url, where = path_or_url, shown(path_or_url.split("@")[-1], 80)
        engine = make_engine(url, where)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, where, learner_id)
        try:
            store._migrate(lock)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise friendly(exc, where) from None
        return store

    def as_learner(self, learner_id: int) -> Store:
        """Learner ``learner_id``'s view of the same database (the engine is shared)."""
        if isinstance(learner_id, bool) or not isinstance(learner_id, int) or learner_id < 1:
            raise InputError(f"not a learner id: {learner_id!r}")
        return Store(self.engine, self.where, learner_id)

    @property
    def accounts(self) -> Accounts:
        """The learners' accounts in this database (not scoped to one learner)."""
        return Accounts(self.engine, self.where)

    # schema ------------------------------------------------------------------------------

    @staticmethod
    def _version(conn: Connection) -> str | None:
        # asked, not caught: "no such table" is worded differently by every engine
        if not inspect(conn).has_table("alembic_version"):
            return None
        got = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if got is None else str(got)

    def _migrate(self, lock: Path | None) -> None:
        with self.engine.connect() as conn:
            if self._version(conn) == HEAD:
                return
        # two processes starting on a new database must not both create the tables: the
        # first migrates while holding the lock (a file for SQLite, an advisory lock on a
        # server), the second then finds the schema current
        with migration_lock(lock), self.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                # a table rebuild drops the old table under its references; SQLite allows
                # that only with foreign keys off, and only outside a transaction
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            elif conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            try:
                if self._version(conn) != HEAD:
                    _upgrade(conn)
                conn.commit()
            finally:
                if sqlite:  # the connection goes back to the pool: with its checks on
                    conn.rollback()
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")

    # preferences and profile -------------------------------------------------------------

    def _kv(self, table: Any) -> dict[str, str]:
        q = select(table.c.key, table.c.value).where(self._owned(table))
        return {k: v for k, v in self._run(lambda c: c.execute(q).all())}

    def _set(self, conn: Connection, table: Any, key: str, value: str, now: datetime) -> None:
        mine = {"learner_id": self.learner_id, "key": key}
        upsert(conn, table, mine, {"value": value, "updated_at": stamp(now)})

    def _put(self, table: Any, key: str, value: str, now: datetime) -> None:
        self._run(lambda conn: self._set(conn, table, key, value, now))

    def prefs(self) -> dict[str, str]:
        return self._kv(preferences)

    def set_pref(self, key: str, value: str, now: datetime) -> None:
        self._put(preferences, key, bounded(key, value), now)

    def profile(self) -> dict[str, str]:
        return self._kv(profile)

    def remember(self, key: str, value: str, now: datetime) -> None:
        """Save a profile fact; strong/weak hold comma lists and a topic is in only one."""
        value = bounded(key, value)
        if key not in LIST_KEYS:
            self._put(profile, key, value, now)
            return
        if key not in EXCLUSIVE:
            old = [v for v in self.profile().get(key, "").split(",") if v]
            new = [v for v in value.split(",") if v]
            self._put(profile, key, ",".join(dict.fromkeys(old + new)), now)
            return

        def go(conn: Connection) -> None:  # one transaction: a topic is never left in both lists
            q = select(profile.c.key, profile.c.value).where(self._owned(profile))
            current = {k: v for k, v in conn.execute(q)}
            other = EXCLUSIVE[key]
            new = [v for v in value.split(",") if v]
            mine = [v for v in current.get(key, "").split(",") if v]
            theirs = [v for v in current.get(other, "").split(",") if v and v not in new]
            self._set(conn, profile, key, ",".join(dict.fromkeys(mine + new)), now)
            if theirs:
                self._set(conn, profile, other, ",".join(theirs), now)
            else:
                conn.execute(delete(profile).where(self._owned(profile), profile.c.key == other))

        self._run(go)

    def forget(self, key: str) -> bool:
        def go(conn: Connection) -> bool:
            n = 0
            for table in (profile, preferences):
                stmt = delete(table).where(self._owned(table), table.c.key == key)
                n += conn.execute(stmt).rowcount
            return bool(n)

        return self._run(go)

    def forget_all(self) -> None:
        def go(conn: Connection) -> None:
            for table in (profile, preferences):
                conn.execute(delete(table).where(self._owned(table)))

        self._run(go)

    def close(self) -> None:
        self.engine.dispose()


def _upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # a reader never blocks the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
