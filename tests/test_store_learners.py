"""Many learners in one database, on SQLite and PostgreSQL: every public ``Store`` method
called as learner B never reads or changes learner A's rows; two learners writing at once on
PostgreSQL lose nothing and mix nothing; a server that is down is one friendly line."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from viva.errors import InputError, NotFoundError, StoreError
from viva.store.db import Store
from viva.store.records import Practised
from viva.store.schema import PER_LEARNER, sessions, turns

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=9)
SECRET = "a-secret"  # in every text A writes: it must never come back to B
Opener = Callable[..., Store]


def _fill(a: Store) -> int:
    """Give learner A a row in every per-learner table; returns A's session id."""
    a.set_pref("pace", "slow", NOW)
    a.set_pref("detail", SECRET, NOW)
    for key in ("strong", "wanted", "target_role"):
        a.remember(key, f"{SECRET}-{key}", NOW)
    a.remember("weak", "python", NOW)
    sid = a.start_session(SECRET, NOW)
    a.add_turn(sid, "learner", f"{SECRET} question", NOW)
    a.save_position(sid, {"queue": ["python.gil"], "title": SECRET})
    a.save_state(sid, f'{{"who": "{SECRET}"}}')
    a.mark_seen("python.gil", sid, NOW)
    a.record(Practised("python.gil", f'{{"{SECRET}": 1}}', NOW, "review", 3, 90, "good"), NOW)
    return sid


def _rows_of(engine: Engine, learner_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row that belongs to the learner, table by table (turns through their session)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in PER_LEARNER:
            rows = conn.execute(select(table).where(table.c.learner_id == learner_id)).all()
            out[table.name] = sorted(tuple(r) for r in rows)
        mine = select(sessions.c.id).where(sessions.c.learner_id == learner_id)
        rows = conn.execute(select(turns).where(turns.c.session_id.in_(mine))).all()
        out["turns"] = sorted(tuple(r) for r in rows)
    return out


# every public Store method, called as B with A's session id and A's keys; a new method
# must be added here (the test checks the list is complete)
WALK: dict[str, Callable[[Store, int], object]] = {
    "prefs": lambda b, _: b.prefs(),
    "profile": lambda b, _: b.profile(),
    "set_pref": lambda b, _: b.set_pref("pace", "fast", NOW),
    "remember": lambda b, _: (
        b.remember("strong", "python", NOW),
        b.remember("weak", f"{SECRET}-strong", NOW),
        b.remember("wanted", "go", NOW),
        b.remember("target_role", "sre", NOW),
    ),
    "forget": lambda b, _: (b.forget("detail"), b.forget("target_role")),
    "forget_all": lambda b, _: b.forget_all(),
    "start_session": lambda b, _: b.start_session("web", NOW),
    "sessions": lambda b, _: b.sessions(100),
    "has_session": lambda b, sid: b.has_session(sid),
    "transcript": lambda b, sid: b.transcript(sid),
    "last_position": lambda b, sid: (b.last_position(), b.last_position(before=sid + 1)),
    "load_state": lambda b, sid: b.load_state(sid),
    "card": lambda b, _: b.card("python.gil"),
    "all_cards": lambda b, _: b.all_cards(),
    "history": lambda b, _: b.history(),
    "last_scores": lambda b, _: b.last_scores(),
    "move_due": lambda b, _: b.move_due({"python.gil": LATER}, NOW),
    "record": lambda b, _: b.record(Practised("python.gil", "{}", LATER, "self", 1), NOW),
}
# writes to a session id: A's is refused as if it did not exist
ON_A_SESSION: dict[str, Callable[[Store, int], object]] = {
    "add_turn": lambda b, sid: b.add_turn(sid, "coach", "hijack", NOW),
    "save_position": lambda b, sid: b.save_position(sid, {"queue": ["x"]}),
    "end_session": lambda b, sid: b.end_session(sid, LATER),
    "save_state": lambda b, sid: b.save_state(sid, "{}"),
    "mark_seen": lambda b, sid: b.mark_seen("sql.joins", sid, NOW),
}
NOT_LEARNER_DATA = {"open", "close", "as_learner"}


def test_the_walk_covers_every_public_store_method() -> None:
    public = {n for n in dir(Store) if not n.startswith("_") and callable(getattr(Store, n))}
    assert public == set(WALK) | set(ON_A_SESSION) | NOT_LEARNER_DATA


def test_learner_b_never_reads_or_changes_learner_a(
    db_target: Path | str, open_store: Opener
) -> None:
    local = open_store(db_target)
    a = local.as_learner(local.accounts.add("ana", None, NOW).id)
    b = local.as_learner(local.accounts.add("ben", None, NOW).id)
    a_session = _fill(a)
    before = _rows_of(a.engine, a.learner_id)
    assert all(before.values()), "A has a row in every table"
    for round_ in ("B has nothing yet", "B has its own rows now"):
        for name, call in WALK.items():
            got = call(b, a_session)
            assert SECRET not in repr(got), (round_, name, got)
            assert _rows_of(a.engine, a.learner_id) == before, (round_, name)
        for name, call in ON_A_SESSION.items():
            with pytest.raises(NotFoundError):
                call(b, a_session)
            assert _rows_of(a.engine, a.learner_id) == before, (round_, name)
        assert not b.has_session(a_session) and b.transcript(a_session) == []
    # B's own writes landed with B, and A still reads exactly its own
    b.forget_all()
    b.remember("weak", "python", NOW)
    assert b.profile() == {"weak": "python"}
    assert a.profile()["weak"] == "python" and a.prefs()["detail"] == SECRET
    assert [c.due for c in b.all_cards()] == [LATER]
    assert [s.id for s in a.sessions()] == [a_session]
    assert local.prefs() == {} and local.sessions() == []  # learner 1 saw none of it


def test_two_learners_writing_at_once_lose_and_mix_nothing(pg_url: str) -> None:
    rounds, errors = 40, []
    start = threading.Barrier(2)

    def learner(name: str) -> None:
        store = Store.open(pg_url)  # an engine of its own, as a separate worker would have
        me = store.as_learner(store.accounts.add(name, None, NOW).id)
        try:
            start.wait()
            sid = me.start_session("web", NOW)
            for i in range(rounds):
                me.add_turn(sid, "learner", f"{name} {i}", NOW)
                me.set_pref("pace", "fast" if i % 2 else "slow", NOW)
                me.record(Practised(f"entry.{i % 5}", "{}", NOW, "review", 3, i, "good"), NOW)
                me.save_state(sid, f'{{"{name}": {i}}}')
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.close()

    workers = [threading.Thread(target=learner, args=(n,)) for n in ("ana", "ben")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert errors == [] and not any(w.is_alive() for w in workers)
    store = Store.open(pg_url)
    try:
        for account in store.accounts.all()[1:]:
            me = store.as_learner(account.id)
            (row,) = me.sessions()
            said = me.transcript(row.id)
            assert said == [("learner", f"{account.username} {i}") for i in range(rounds)]
            assert [a.score for a in me.history()] == list(range(rounds))
            assert len(me.all_cards()) == 5 and me.prefs() == {"pace": "fast"}
            assert me.load_state(row.id) == f'{{"{account.username}": {rounds - 1}}}'
    finally:
        store.close()


def test_a_server_that_is_down_is_one_friendly_line() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as got:
        Store.open(f"postgresql+psycopg://viva:pw@127.0.0.1:{port}/viva")
    assert got.value.message == f"cannot reach the database server at 127.0.0.1:{port}/viva"
    assert "\n" not in got.value.message and "pw" not in got.value.message
    assert got.value.hint and "PostgreSQL is running" in got.value.hint


def test_a_missing_server_database_is_named(pg_url: str) -> None:
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(StoreError) as got:
        Store.open(missing)
    assert got.value.message == f"the database at {missing.split('@')[-1]} does not exist"


def test_as_learner_refuses_what_is_not_a_learner_id(tmp_path: Path, open_store: Opener) -> None:
    store = open_store(tmp_path / "viva.db")
    for bad in (0, -1, True, "2"):
        with pytest.raises(InputError):
            store.as_learner(bad)  # type: ignore[arg-type]
    assert store.as_learner(2).engine is store.engine
