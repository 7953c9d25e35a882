"""Learner accounts, the use case: usernames and passwords checked, passwords hashed with
argon2id, a login verified, an account disabled or given a new password.

The store keeps the rows (``viva.store.accounts``); the rules live here so the CLI's
``viva users`` and the web's sign-up and login apply the same ones. A login that fails says
nothing about why, and takes as long for a name that does not exist, an account that is
disabled or has no password, as for a wrong password: each is checked against a hash (a
dummy one when there is none), so timing tells no one which names exist.
argon2-cffi comes with the ``web`` extra; it is imported on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from viva.cleaning import shown
from viva.errors import InputError, NotFoundError, UserError
from viva.store.accounts import Account

if TYPE_CHECKING:
    from argon2 import PasswordHasher

USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,31}")
MIN_PASSWORD, MAX_PASSWORD = 10, 1024


class AccountStore(Protocol):
    """What the use cases need from storage (``viva.store.accounts.Accounts``)."""

    def add(
        self, username: str, password_hash: str | None, now: datetime, is_admin: bool = False
    ) -> Account: ...

    def by_name(self, username: str) -> Account | None: ...

    def all(self) -> list[Account]: ...

    def set_disabled(self, username: str, disabled: bool) -> bool: ...

    def set_password_hash(self, username: str, password_hash: str) -> bool: ...


@functools.cache
def _hasher() -> PasswordHasher:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise UserError(
            "accounts need the argon2-cffi package (password hashing)",
            "install it with: pip install 'viva[web]'",
        ) from None
    return PasswordHasher()  # argon2id with RFC 9106's low-memory parameters


@functools.cache
def _dummy_hash() -> str:
    """A hash with the same parameters as real ones, checked when there is no real one."""
    return _hasher().hash("no account has this password")


def username(name: str) -> str:
    """``name`` as it is stored (trimmed, lower case), or an ``InputError`` with the rule."""
    folded = unicodedata.normalize("NFKC", name).strip().casefold()
    if not USERNAME.fullmatch(folded):
        raise InputError(
            f"'{shown(folded, 40)}' is not a usable username",
            "use 3 to 32 characters: a letter first, then letters, digits, '.', '_' or '-'",
        )
    return folded


def password(secret: str, name: str) -> str:
    """``secret`` if it is usable as a password for ``name``, else an ``InputError``."""
    if len(secret) < MIN_PASSWORD:
        raise InputError(
            f"a password needs at least {MIN_PASSWORD} characters",
            "a few words you will remember make a strong one",
        )
    if len(secret) > MAX_PASSWORD:
        raise InputError(f"a password can have at most {MAX_PASSWORD} characters")
    if any(unicodedata.category(c) == "Cc" for c in secret):
        raise InputError("a password cannot hold control characters (tabs, newlines, ...)")
    if secret.strip().casefold() == name:
        raise InputError("a password cannot be the username")
    return secret


def add_user(
    accounts: AccountStore, name: str, secret: str, now: datetime, is_admin: bool = False
) -> Account:
    """A new account; the name must be free and the password pass the rules."""
    name = username(name)
    secret = password(secret, name)
    if accounts.by_name(name) is not None:
        raise InputError(f"the username '{name}' is taken", "choose another name")
    return accounts.add(name, _hasher().hash(secret), now, is_admin=is_admin)


def verify(accounts: AccountStore, name: str, secret: str) -> Account | None:
    """The account when ``secret`` is its password and it may log in; otherwise None."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        name = username(name)
    except InputError:
        name = ""
    account = accounts.by_name(name) if name else None
    real = account.password_hash if account is not None and not account.disabled else None
    try:
        _hasher().verify(real or _dummy_hash(), secret[: MAX_PASSWORD + 1])
    except (VerificationError, InvalidHashError):
        return None
    if account is None or real is None:
        return None
    if _hasher().check_needs_rehash(real):  # parameters raised since: store a new hash
        accounts.set_password_hash(account.username, _hasher().hash(secret))
    return account


def set_password(accounts: AccountStore, name: str, secret: str) -> None:
    name = username(name)
    secret = password(secret, name)
    if not accounts.set_password_hash(name, _hasher().hash(secret)):
        raise NotFoundError(f"there is no user '{name}'", "see them with: viva users list")


def set_disabled(accounts: AccountStore, name: str, disabled: bool = True) -> Account:
    """Disable (or enable again) an account; its data stays. Returns the account after."""
    name = username(name)
    if not accounts.set_disabled(name, disabled):
        raise NotFoundError(f"there is no user '{name}'", "see them with: viva users list")
    got = accounts.by_name(name)
    assert got is not None  # just changed
    return got


def list_users(accounts: AccountStore) -> list[Account]:
    return accounts.all()
