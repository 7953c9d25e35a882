"""Signed session cookies, CSRF tokens and login rate limits.

The session is a small signed cookie (``itsdangerous``): the CSRF token, and in multi-user
mode the learner's id and when they logged in. Nothing is kept on the server, so every worker
reads the same cookie. Every write (a form post or an API call) must present the cookie's
CSRF token, as a form field or the ``X-CSRF-Token`` header: a page on another site can make
the browser send the cookie but cannot read the token. The cookie is HttpOnly and
SameSite=Lax, and Secure whenever the server listens beyond loopback.

Login attempts are limited per client address and per username. The failures are counted in
the database (``login_failures``), so N workers or hosts share one budget.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "viva_session"
MAX_AGE = 14 * 24 * 3600  # a login lasts two weeks
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass
class WebSession:
    """What the signed cookie holds; ``dirty`` when it must be sent again."""

    csrf: str
    learner: int | None = None
    name: str = ""
    dirty: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"csrf": self.csrf, "uid": self.learner, "name": self.name}

    @classmethod
    def new(cls) -> WebSession:
        return cls(secrets.token_urlsafe(24), dirty=True)

    def log_in(self, learner: int, name: str) -> None:
        """A new token with every login: a token seen before it is worth nothing after."""
        self.csrf, self.learner, self.name, self.dirty = (
            secrets.token_urlsafe(24),
            learner,
            name,
            True,
        )

    def log_out(self) -> None:
        self.csrf, self.learner, self.name, self.dirty = secrets.token_urlsafe(24), None, "", True

    def token_ok(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(self.csrf, str(presented))


class Cookies:
    """Reads and writes the signed session cookie."""

    def __init__(self, secret: str) -> None:
        self._s = URLSafeTimedSerializer(secret, salt="viva-session")

    def read(self, value: str | None) -> WebSession:
        if not value or len(value) > 4096:
            return WebSession.new()
        try:
            doc = self._s.loads(value, max_age=MAX_AGE)
        except BadSignature:  # forged, altered, expired or from another secret
            return WebSession.new()
        csrf, uid, name = doc.get("csrf"), doc.get("uid"), doc.get("name", "")
        if not isinstance(csrf, str) or not csrf:
            return WebSession.new()
        learner = uid if isinstance(uid, int) and not isinstance(uid, bool) else None
        return WebSession(csrf, learner, name if isinstance(name, str) else "")

    def write(self, session: WebSession) -> str:
        return str(self._s.dumps(session.to_dict()))


class Failures(Protocol):
    """Where failed sign-ins are counted (``viva.store.accounts.Accounts``)."""

    def failures_since(self, keys: list[str], since: float) -> dict[str, list[float]]: ...

    def add_failure(self, keys: list[str], at: float, forget_before: float) -> None: ...


@dataclass
class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds for one address or one
    username; a success does not reset the address's count (a guesser owns one account).
    ``clock`` is wall time in seconds: the count is shared across processes and hosts."""

    failures: Failures
    attempts: int = 10
    window: float = 600.0
    clock: Callable[[], float] = time.time

    @staticmethod
    def _keys(address: str, username: str) -> list[str]:
        return [f"ip:{address}"[:200], f"user:{username}"[:200]]

    def blocked(self, address: str, username: str) -> float:
        """Seconds until another try is allowed (0: allowed now)."""
        now = self.clock()
        seen = self.failures.failures_since(self._keys(address, username), now - self.window)
        waits = [
            times[-self.attempts] + self.window - now
            for times in seen.values()
            if len(times) >= self.attempts
        ]
        return max(waits, default=0.0)

    def failed(self, address: str, username: str) -> None:
        now = self.clock()
        self.failures.add_failure(self._keys(address, username), now, now - self.window)
