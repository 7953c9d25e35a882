"""The request -> learner seam: what each request gets (FastAPI dependencies).

``Services`` is made once per process: the library (bank, search, grader), the database
opened once (its engine pooled and shared), the speech stack (loaded on first use) and the
locks that keep two requests from taking the same conversation's turn at once.
``learner_store`` is the one place a request becomes a learner's store: the local learner
when one person runs viva, the signed-in learner's view of the shared database in
multi-user mode - so every query a route makes is scoped to that learner.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from viva.app.library import Library
from viva.app.ports import LearnerStore
from viva.clock import utc_now
from viva.web.config import WebConfig
from viva.web.errors import WebError
from viva.web.security import CSRF_FIELD, CSRF_HEADER, Cookies, LoginLimiter, WebSession

if TYPE_CHECKING:
    from viva.web.speech import Speech


@dataclass
class Services:
    """Everything a worker process loads once."""

    config: WebConfig
    lib: Library
    store: LearnerStore  # the database; in multi-user mode, each learner gets a view of it
    cookies: Cookies
    now: Callable[[], datetime] = utc_now
    limiter: LoginLimiter = field(init=False)  # failures counted in ``store``'s database
    _speech: Speech | None = None
    _locks: weakref.WeakValueDictionary[int, threading.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.limiter = LoginLimiter(self.store.accounts)

    @property
    def speech(self) -> Speech:
        if self._speech is None:
            from viva.web.speech import Speech

            self._speech = Speech(self.lib)
        return self._speech

    def lock(self, conversation: int) -> threading.Lock:
        """One lock per conversation (in this process): a double click takes two turns in
        order, never two turns from the same saved state."""
        with self._guard:
            got = self._locks.get(conversation)
            if got is None:
                got = threading.Lock()
                self._locks[conversation] = got
            return got

    def store_for(self, session: WebSession) -> LearnerStore:
        """The store as the session's learner sees it."""
        if not self.config.multi_user:
            return self.store
        account = self.store.accounts.by_id(session.learner) if session.learner else None
        if account is None or account.disabled or account.password_hash is None:
            if session.learner is not None:  # disabled since: the cookie is worth nothing now
                session.log_out()
            raise WebError(401, "not_signed_in", "sign in first", "open /login")
        return self.store.as_learner(account.id)


def services(request: Request) -> Services:
    got: Services = request.app.state.viva
    return got


def web_session(request: Request) -> WebSession:
    """The signed session cookie, read once per request by the middleware in ``app``."""
    got: WebSession = request.state.session
    return got


Svc = Annotated[Services, Depends(services)]
Session = Annotated[WebSession, Depends(web_session)]


def learner_store(svc: Svc, session: Session) -> LearnerStore:
    return svc.store_for(session)


Store = Annotated[LearnerStore, Depends(learner_store)]


async def csrf(request: Request, session: Session) -> None:
    """Every write presents the session's CSRF token (header, or the form's field)."""
    presented = request.headers.get(CSRF_HEADER)
    if presented is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        got = form.get(CSRF_FIELD)
        presented = got if isinstance(got, str) else None
    if not session.token_ok(presented):
        raise WebError(
            403,
            "csrf",
            "this request did not carry the page's security token",
            f"reload the page and try again (API clients: send the {CSRF_HEADER} header "
            "from GET /api/me)",
        )


Csrf = Depends(csrf)
