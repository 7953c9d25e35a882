"""The learners' accounts in SQL: add one, find one by name or id, list them, disable one,
replace a password hash; and the failed sign-ins the login rate limit counts.

Only storage: names arrive already checked and folded, and hashes already made, by
``viva.app.accounts``. A name that is taken is an ``InputError`` even when two admins add it
at the same moment (the unique constraint decides, not a read before the write).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from viva.errors import InputError
from viva.store.engine import Runner, friendly
from viva.store.schema import learners, login_failures, stamp


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    username: str
    password_hash: str | None  # None: cannot log in (the local learner)
    created_at: str
    disabled: bool
    is_admin: bool


def _account(row: Any) -> Account:
    i, name, hashed, created, disabled, admin = row
    return Account(int(i), str(name), hashed, str(created), bool(disabled), bool(admin))


_COLUMNS = (
    learners.c.id,
    learners.c.username,
    learners.c.password_hash,
    learners.c.created_at,
    learners.c.disabled,
    learners.c.is_admin,
)


class Accounts(Runner):
    """The ``learners`` table; shares the engine of the ``Store`` it came from."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where

    def add(
        self, username: str, password_hash: str | None, now: datetime, is_admin: bool = False
    ) -> Account:
        def go(conn: Connection) -> int:
            res = conn.execute(
                insert(learners).values(
                    username=username,
                    password_hash=password_hash,
                    created_at=stamp(now),
                    is_admin=is_admin,
                )
            )
            made = res.inserted_primary_key
            assert made is not None  # an insert always has one
            return int(made[0])

        try:
            with self.engine.begin() as conn:
                learner_id = go(conn)
        except IntegrityError:
            raise InputError(f"the username '{username}' is taken", "choose another name") from None
        except DBAPIError as exc:
            raise friendly(exc, self.where) from None
        got = self.by_id(learner_id)
        assert got is not None  # just written
        return got

    def _one(self, where: ColumnElement[bool]) -> Account | None:
        q = select(*_COLUMNS).where(where)
        row = self._run(lambda c: c.execute(q).first())
        return None if row is None else _account(row)

    def by_name(self, username: str) -> Account | None:
        return self._one(learners.c.username == username)

    def by_id(self, learner_id: int) -> Account | None:
        return self._one(learners.c.id == learner_id)

    def all(self) -> list[Account]:
        q = select(*_COLUMNS).order_by(learners.c.id)
        return [_account(r) for r in self._run(lambda c: c.execute(q).all())]

    def set_disabled(self, username: str, disabled: bool) -> bool:
        """Whether an account of that name was there to change."""
        stmt = update(learners).where(learners.c.username == username).values(disabled=disabled)
        return bool(self._run(lambda c: c.execute(stmt).rowcount))

    def set_password_hash(self, username: str, password_hash: str) -> bool:
        """Whether an account of that name was there to change."""
        stmt = (
            update(learners)
            .where(learners.c.username == username)
            .values(password_hash=password_hash)
        )
        return bool(self._run(lambda c: c.execute(stmt).rowcount))

    def failures_since(self, keys: list[str], since: float) -> dict[str, list[float]]:
        """Each key's failed sign-ins after ``since`` (seconds since the epoch), oldest first."""
        f = login_failures.c
        q = select(f.key, f.at).where(f.key.in_(keys), f.at > since).order_by(f.at)
        got: dict[str, list[float]] = {k: [] for k in keys}
        for key, at in self._run(lambda c: c.execute(q).all()):
            got[str(key)].append(float(at))
        return got

    def add_failure(self, keys: list[str], at: float, forget_before: float) -> None:
        """One failure under each key; failures older than ``forget_before`` are dropped in
        the same transaction, so the table stays as small as the window."""

        def go(conn: Connection) -> None:
            conn.execute(delete(login_failures).where(login_failures.c.at < forget_before))
            conn.execute(insert(login_failures), [{"key": k, "at": at} for k in keys])

        self._run(go)
