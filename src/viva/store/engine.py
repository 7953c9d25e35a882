"""What every store module shares: the engine for a URL, one transaction per call, database
errors as one friendly ``StoreError`` line, and an upsert that works on each engine.

SQLite and PostgreSQL fail in different words (a locked file against a server that is down or
refuses the login); ``friendly`` maps both to a message that names the database (never its
password) and a hint, and keeps only the first line of a driver's message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, Table, create_engine, delete, insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from viva.cleaning import shown
from viva.errors import StoreError

T = TypeVar("T")

# a driver's message (lower case) -> what the learner is told and the hint; first match wins.
# The server's own reason comes first: psycopg wraps "database x does not exist" in a
# "connection failed" line.
_KNOWN = [
    (
        r"locked",
        "your data at {where} is locked by another viva",
        "close the other session and try again",
    ),
    (
        r"not a database|malformed|disk image",
        "your data at {where} is damaged ({msg}); it was left untouched",
        "move {where} aside to start fresh, or restore it from a backup",
    ),
    (
        r"password authentication failed|no pg_hba\.conf entry|role \"[^\"]*\" does not exist",
        "the database server at {where} refused the login",
        "check the user and password in VIVA_DB",
    ),
    (
        r"database \"[^\"]*\" does not exist",
        "the database at {where} does not exist",
        "create it first (createdb), or fix the name in VIVA_DB",
    ),
    (
        r"connection refused|could not connect|connection failed|timeout expired|"
        r"could not translate host name|server closed the connection|terminating connection|"
        r"the database system is (starting up|shutting down)",
        "cannot reach the database server at {where}",
        "check that PostgreSQL is running there and that VIVA_DB names it",
    ),
]


def friendly(exc: SQLAlchemyError, where: str) -> StoreError:
    """A database error as one line that is safe to show."""
    lines = str(getattr(exc, "orig", exc)).strip().splitlines() or ["unknown error"]
    msg = shown(lines[0].strip(), 200)
    low = " ".join(lines).lower()
    for pattern, text, hint in _KNOWN:
        if re.search(pattern, low):
            return StoreError(text.format(where=where, msg=msg), hint.format(where=where))
    return StoreError(f"cannot use your data at {where}: {msg}")


def make_engine(url: str, where: str) -> Engine:
    """An engine for ``url``; a URL that names no known database or a missing driver is a
    ``StoreError`` that says which."""
    if url.startswith("sqlite"):
        args: dict[str, Any] = {"timeout": 2}
    elif url.startswith("postgresql"):
        args = {"connect_timeout": 5}  # a server that is down answers at once; a lost host not
    else:
        args = {}
    try:
        return create_engine(url, connect_args=args, pool_pre_ping=not url.startswith("sqlite"))
    except ImportError as exc:
        raise StoreError(
            f"the database driver for {where} is not installed ({exc.name or exc})",
            "install it (for PostgreSQL: pip install 'viva[web]'), or unset VIVA_DB",
        ) from None
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(
            f"VIVA_DB is not a usable database URL ({shown(str(exc), 120)})",
            "use e.g. sqlite:////path/viva.db or postgresql+psycopg://user@host/db",
        ) from None


class Runner:
    """The engine a store talks through and whose data it is; mixed into ``Store``."""

    engine: Engine
    where: str  # the file or host:port/db, for messages (never a password)
    learner_id: int  # every per-learner query is filtered by it

    def _owned(self, table: Table) -> ColumnElement[bool]:
        """The condition that a row of a per-learner ``table`` is this learner's."""
        return table.c.learner_id == self.learner_id

    def _run(self, fn: Callable[[Connection], T]) -> T:
        """``fn`` in one transaction; a database error becomes one friendly line."""
        try:
            with self.engine.begin() as conn:
                return fn(conn)
        except DBAPIError as exc:
            raise friendly(exc, self.where) from None


def upsert(
    conn: Connection, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """Insert the row with primary key ``key``, or replace its ``values``: one statement on
    SQLite and PostgreSQL (two writers of the same key never collide), delete-then-insert
    elsewhere."""
    row, on = {**key, **values}, list(key)
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite

        lite = sqlite.insert(table).values(row)
        conn.execute(lite.on_conflict_do_update(index_elements=on, set_=dict(values)))
    elif conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg = postgresql.insert(table).values(row)
        conn.execute(pg.on_conflict_do_update(index_elements=on, set_=dict(values)))
    else:
        conn.execute(delete(table).where(*[table.c[k] == v for k, v in key.items()]))
        conn.execute(insert(table).values(row))
