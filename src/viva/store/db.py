"""The learner's database: profile, preferences, sessions and their transcripts.

One SQLite file under the data directory (``viva.db``), or any SQLAlchemy URL. The schema is
brought to the latest Alembic revision on open; when it already is there (every start but
the first), Alembic is not even imported. Each turn is committed as it happens, so a killed
process loses at most the turn in flight. A damaged or locked file gives a ``StoreError``
that names the file and leaves it untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError

from viva.cleaning import shown
from viva.errors import StoreError
from viva.store.private import migration_lock, private_file
from viva.store.records import Records
from viva.store.schema import preferences, profile, seen, sessions, stamp, turns
from viva.store.values import bounded

HEAD = "0002"  # the newest migration; bump with every new file in migrations/versions
LIST_KEYS = {"strong", "weak", "wanted"}  # comma lists of topic ids
EXCLUSIVE = {"strong": "weak", "weak": "strong"}  # a topic is in only one of the pair
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    started_at: str
    ended_at: str | None
    front_end: str
    turns: int
    title: str


def _friendly(exc: SQLAlchemyError, where: str) -> StoreError:
    msg = str(getattr(exc, "orig", exc))
    if "locked" in msg:
        return StoreError(
            f"your data at {where} is locked by another viva",
            "close the other session and try again",
        )
    if "not a database" in msg or "malformed" in msg or "disk image" in msg:
        return StoreError(
            f"your data at {where} is damaged ({msg}); it was left untouched",
            f"move {where} aside to start fresh, or restore it from a backup",
        )
    return StoreError(f"cannot use your data at {where}: {msg}")


def _engine(url: str, where: str) -> Engine:
    """An engine for ``url``; a URL that names no known database or a missing driver is a
    ``StoreError`` that says which."""
    try:
        return create_engine(url, connect_args={"timeout": 2} if url.startswith("sqlite") else {})
    except ImportError as exc:
        raise StoreError(
            f"the database driver for {where} is not installed ({exc.name or exc})",
            "install it (for PostgreSQL: pip install 'psycopg[binary]'), or unset VIVA_DB",
        ) from None
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(
            f"VIVA_DB is not a usable database URL ({shown(str(exc), 120)})",
            "use e.g. sqlite:////path/viva.db or postgresql+psycopg://user@host/db",
        ) from None


class Store(Records):
    """Reads and writes the learner's data; every method commits its own transaction.

    Only SQL: what the rows mean (ratings, schedules, plans) is decided in ``viva.app``."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where

    @classmethod
    def open(cls, path_or_url: Path | str) -> Store:
        lock: Path | None = None
        if isinstance(path_or_url, Path):
            private_file(path_or_url)
            url, where = f"sqlite:///{path_or_url}", str(path_or_url)
            lock = path_or_url.with_name(path_or_url.name + ".lock")
        else:
            url, where = path_or_url, shown(path_or_url.split("@")[-1], 80)
        engine = _engine(url, where)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, where)
        try:
            store._migrate(lock)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise _friendly(exc, where) from None
        return store

    def _version(self) -> str | None:
        with self.engine.connect() as conn:
            try:
                got = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except OperationalError as exc:
                if "no such table" not in str(exc):
                    raise
                return None
            return None if got is None else str(got)

    def _migrate(self, lock: Path | None) -> None:
        if self._version() == HEAD:
            return
        # two processes starting on a new data folder must not both create the tables: the
        # first migrates while holding the lock, the second then finds the schema current
        with migration_lock(lock):
            if self._version() == HEAD:
                return
            from alembic import command
            from alembic.config import Config

            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")

    def _run(self, fn: Any) -> Any:
        try:
            with self.engine.begin() as conn:
                return fn(conn)
        except (DatabaseError, OperationalError) as exc:
            raise _friendly(exc, self.where) from None

    # preferences and profile -------------------------------------------------------------

    def _kv(self, table: Any) -> dict[str, str]:
        rows = self._run(lambda c: c.execute(select(table.c.key, table.c.value)).all())
        return {k: v for k, v in rows}

    def _put(self, table: Any, key: str, value: str, now: datetime) -> None:
        self._run(lambda conn: _upsert(conn, table, key, value, now))

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

        def go(conn: Any) -> None:  # one transaction: a topic is never left in both lists
            current = {k: v for k, v in conn.execute(select(profile.c.key, profile.c.value))}
            other = EXCLUSIVE[key]
            new = [v for v in value.split(",") if v]
            mine = [v for v in current.get(key, "").split(",") if v]
            theirs = [v for v in current.get(other, "").split(",") if v and v not in new]
            _upsert(conn, profile, key, ",".join(dict.fromkeys(mine + new)), now)
            if theirs:
                _upsert(conn, profile, other, ",".join(theirs), now)
            else:
                conn.execute(delete(profile).where(profile.c.key == other))

        self._run(go)

    def forget(self, key: str) -> bool:
        def go(conn: Any) -> bool:
            n = conn.execute(delete(profile).where(profile.c.key == key)).rowcount
            n += conn.execute(delete(preferences).where(preferences.c.key == key)).rowcount
            return bool(n)

        return bool(self._run(go))

    def forget_all(self) -> None:
        self._run(lambda c: (c.execute(delete(profile)), c.execute(delete(preferences))))

    # sessions and transcripts ------------------------------------------------------------

    def start_session(self, front_end: str, now: datetime) -> int:
        def go(conn: Any) -> int:
            res = conn.execute(insert(sessions).values(started_at=stamp(now), front_end=front_end))
            return int(res.inserted_primary_key[0])

        return int(self._run(go))

    def add_turn(self, session_id: int, role: str, words: str, now: datetime) -> None:
        self._run(
            lambda c: c.execute(
                insert(turns).values(session_id=session_id, role=role, text=words, at=stamp(now))
            )
        )

    def save_position(self, session_id: int, position: dict[str, Any]) -> None:
        doc = json.dumps(position)
        self._run(
            lambda c: c.execute(
                update(sessions).where(sessions.c.id == session_id).values(position=doc)
            )
        )

    def end_session(self, session_id: int, now: datetime) -> None:
        self._run(
            lambda c: c.execute(
                update(sessions).where(sessions.c.id == session_id).values(ended_at=stamp(now))
            )
        )

    def mark_seen(self, entry_id: str, session_id: int, now: datetime) -> None:
        self._run(
            lambda c: c.execute(
                insert(seen).values(entry_id=entry_id, session_id=session_id, at=stamp(now))
            )
        )

    def last_position(self, before: int | None = None) -> dict[str, Any] | None:
        """The position of the most recent session that was in a question set."""
        q = select(sessions.c.position).order_by(sessions.c.id.desc()).limit(20)
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

    def session_state(self, session_id: int) -> dict[str, Any] | None:
        """The conversation state saved after the session's last turn (None: no session)."""
        q = select(sessions.c.position).where(sessions.c.id == session_id)
        row = self._run(lambda c: c.execute(q).first())
        if row is None:
            return None
        try:
            doc = json.loads(row[0] or "{}")
        except ValueError:
            doc = {}
        return doc if isinstance(doc, dict) else {}

    def transcript(self, session_id: int) -> list[tuple[str, str]]:
        q = (
            select(turns.c.role, turns.c.text)
            .where(turns.c.session_id == session_id)
            .order_by(turns.c.id)
        )
        return [(r, t) for r, t in self._run(lambda c: c.execute(q).all())]

    def has_session(self, session_id: int) -> bool:
        q = select(sessions.c.id).where(sessions.c.id == session_id)
        return self._run(lambda c: c.execute(q).first()) is not None

    def sessions(self, limit: int = 20) -> list[SessionRow]:
        counts = (
            select(turns.c.session_id, func.count().label("n"))
            .group_by(turns.c.session_id)
            .subquery()
        )
        q = (
            select(sessions, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.session_id == sessions.c.id)
            .order_by(sessions.c.id.desc())
            .limit(limit)
        )
        out = []
        for row in self._run(lambda c: c.execute(q).all()):
            try:
                title = str(json.loads(row.position).get("title", ""))
            except (ValueError, AttributeError):
                title = ""
            out.append(
                SessionRow(row.id, row.started_at, row.ended_at, row.front_end, int(row[-1]), title)
            )
        return out

    def close(self) -> None:
        self.engine.dispose()


def _upsert(conn: Any, table: Any, key: str, value: str, now: datetime) -> None:
    conn.execute(delete(table).where(table.c.key == key))
    conn.execute(insert(table).values(key=key, value=value, updated_at=stamp(now)))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # a reader never blocks the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
