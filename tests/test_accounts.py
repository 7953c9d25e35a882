"""Accounts: the username and password rules, argon2id hashes, logins that fail alike for
every reason, disabling; the SQL on SQLite and PostgreSQL; ``viva users`` in-process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from viva.app import accounts
from viva.cli.app import app
from viva.errors import InputError, NotFoundError
from viva.store.db import Store

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
GOOD = "correct horse battery"
Opener = Callable[..., Store]


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Real argon2id with small costs: the production costs (64 MiB, 3 passes) make each hash
    take a third of a second on a busy 2-core machine; one test checks those costs."""
    from argon2 import PasswordHasher

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    accounts._dummy_hash.cache_clear()
    monkeypatch.setattr(accounts, "_hasher", lambda: quick)
    yield
    accounts._dummy_hash.cache_clear()


def test_the_production_hasher_is_argon2id_at_rfc_9106_costs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.undo()  # the real one
    hashed = accounts._hasher().hash(GOOD)
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert accounts._hasher().verify(hashed, GOOD)


@pytest.fixture
def store(db_target: Path | str, open_store: Opener) -> Store:
    return open_store(db_target)


@pytest.mark.parametrize(
    ("raw", "stored"), [("Ana", "ana"), ("  bo.b-1_x ", "bo.b-1_x"), ("ＡＮＮＡ", "anna")]
)
def test_usernames_are_trimmed_and_folded(raw: str, stored: str) -> None:
    assert accounts.username(raw) == stored


@pytest.mark.parametrize("raw", ["", "ab", "1ana", "ana smith", "ana@x", "a" * 33, "anä", "a\x00b"])
def test_unusable_usernames_name_the_rule(raw: str) -> None:
    with pytest.raises(InputError) as got:
        accounts.username(raw)
    assert got.value.hint and "3 to 32 characters" in got.value.hint
    assert "\x00" not in got.value.message


@pytest.mark.parametrize(
    ("secret", "words"),
    [
        ("short", "at least 10"),
        ("x" * 1025, "at most 1024"),
        ("tab\there-long-enough", "control characters"),
        ("ANA.SMITH ", "cannot be the username"),
    ],
)
def test_unusable_passwords_say_why(secret: str, words: str) -> None:
    with pytest.raises(InputError) as got:
        accounts.password(secret, "ana.smith")
    assert words in got.value.message


def test_a_password_is_kept_only_as_an_argon2id_hash(store: Store) -> None:
    made = accounts.add_user(store.accounts, "Ana", GOOD, NOW)
    assert made.username == "ana" and not made.is_admin and not made.disabled
    stored = store.accounts.by_name("ana")
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$") and GOOD not in stored.password_hash
    assert accounts.verify(store.accounts, "ANA", GOOD) == stored
    assert accounts.verify(store.accounts, "ana", GOOD + "!") is None


def test_a_taken_name_is_refused_even_past_the_check(store: Store) -> None:
    accounts.add_user(store.accounts, "ana", GOOD, NOW)
    with pytest.raises(InputError, match="taken"):
        accounts.add_user(store.accounts, "ANA", GOOD, NOW)
    with pytest.raises(InputError, match="taken"):  # two admins at once: the constraint decides
        store.accounts.add("ana", None, NOW)
    assert [a.username for a in store.accounts.all()] == ["local", "ana"]


class CountingHasher:
    """The real hasher, counting how often a login is checked against a hash."""

    def __init__(self, real: Any) -> None:
        self.real, self.verified = real, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def verify(self, hashed: str, secret: str) -> bool:
        self.verified += 1
        return bool(self.real.verify(hashed, secret))


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingHasher]:
    counter = CountingHasher(accounts._hasher())
    monkeypatch.setattr(accounts, "_hasher", lambda: counter)
    yield counter


def test_every_failed_login_costs_one_hash_check_whatever_the_reason(
    store: Store, counting: CountingHasher
) -> None:
    accounts.add_user(store.accounts, "ana", GOOD, NOW)
    accounts.add_user(store.accounts, "ben", GOOD, NOW)
    accounts.set_disabled(store.accounts, "ben")
    attempts = [
        ("ana", "wrong password!"),  # wrong password
        ("nobody", GOOD),  # no such user
        ("ben", GOOD),  # disabled
        ("local", GOOD),  # the local learner has no password
        ("not a name!", GOOD),  # not even a username
        ("nobody", "no account has this password"),  # the dummy hash's own password
    ]
    for name, secret in attempts:
        before = counting.verified
        assert accounts.verify(store.accounts, name, secret) is None, name
        assert counting.verified == before + 1, name  # as slow as a wrong password


def test_disabling_keeps_the_data_and_can_be_undone(store: Store) -> None:
    ana = accounts.add_user(store.accounts, "ana", GOOD, NOW)
    store.as_learner(ana.id).set_pref("pace", "slow", NOW)
    assert accounts.set_disabled(store.accounts, "ana").disabled
    assert accounts.verify(store.accounts, "ana", GOOD) is None
    assert store.as_learner(ana.id).prefs() == {"pace": "slow"}
    assert not accounts.set_disabled(store.accounts, "ana", False).disabled
    assert accounts.verify(store.accounts, "ana", GOOD) is not None
    with pytest.raises(NotFoundError):
        accounts.set_disabled(store.accounts, "nobody")


def test_a_new_password_replaces_the_old(store: Store) -> None:
    accounts.add_user(store.accounts, "ana", GOOD, NOW)
    accounts.set_password(store.accounts, "ana", "a brand new phrase")
    assert accounts.verify(store.accounts, "ana", GOOD) is None
    assert accounts.verify(store.accounts, "ana", "a brand new phrase") is not None
    with pytest.raises(NotFoundError):
        accounts.set_password(store.accounts, "nobody", "a brand new phrase")


def test_a_hash_made_with_weaker_parameters_is_upgraded_at_login(store: Store) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash(GOOD)
    store.accounts.add("ana", weak, NOW)
    assert accounts.verify(store.accounts, "ana", GOOD) is not None
    now_stored = store.accounts.by_name("ana")
    assert now_stored is not None and now_stored.password_hash != weak
    assert not accounts._hasher().check_needs_rehash(now_stored.password_hash or "")


# the CLI, in-process --------------------------------------------------------------------

runner = CliRunner()


def users(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["users", *args], input=stdin, env=env, catch_exceptions=False)


def test_users_add_list_and_disable() -> None:
    added = users("add", "Ana", "--password-stdin", stdin=GOOD + "\n")
    assert added.exit_code == 0, added.output
    assert "Added ana, learner 2." in added.stdout
    prompted = users("add", "ben", "--admin", stdin=f"{GOOD}\n{GOOD}\n")  # typed twice
    assert prompted.exit_code == 0, prompted.output
    assert users("disable", "ana").exit_code == 0
    listed = users("list", "--json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)["users"]
    assert [(r["username"], r["disabled"], r["is_admin"], r["can_log_in"]) for r in rows] == [
        ("local", False, False, False),
        ("ana", True, False, False),
        ("ben", False, True, True),
    ]
    assert "argon2" not in listed.stdout
    plain = users("list").stdout
    assert "ana" in plain and "(disabled)" in plain and "(admin)" in plain


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("add", "x"), "", "not a usable username"),
        (("add", "ana", "--password-stdin"), "short\n", "at least 10"),
        (("disable", "nobody"), None, "there is no user 'nobody'"),
    ],
)
def test_users_mistakes_are_one_line_and_exit_2(
    args: tuple[str, ...], stdin: str | None, words: str
) -> None:
    done = users(*args, stdin=stdin)
    assert done.exit_code == 2
    assert words in done.stderr and "Traceback" not in done.stderr


def test_users_on_postgresql_through_viva_db(pg_url: str) -> None:
    env = {"VIVA_DB": pg_url}
    assert users("add", "ana", "--password-stdin", stdin=GOOD, env=env).exit_code == 0
    names = [r["username"] for r in json.loads(users("list", "--json", env=env).stdout)["users"]]
    assert names == ["local", "ana"]
