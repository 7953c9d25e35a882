"""Signing up, in and out (multi-user mode): the pages and their JSON twins under ``/api``.

The rules are ``viva.app.accounts``' (names, password strength, argon2id, a failed login
that says nothing about why and takes as long whatever the reason). Here: the session is
renewed at every login (new CSRF token), failed logins are rate limited per address and per
name, an account disabled with ``viva users disable`` is signed out at its next request
(``deps``), and sign-up can be closed (``viva serve --no-signup``) so only the admin adds
learners.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from viva.app import accounts
from viva.errors import UserError
from viva.web.deps import Csrf, Services, Session, Svc
from viva.web.errors import WebError
from viva.web.pages import render
from viva.web.security import WebSession

router = APIRouter()
FAILED = "that username and password do not match an account that can sign in"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def sign_in(svc: Services, session: WebSession, address: str, name: str, secret: str) -> str:
    """Checks the password (rate limited); the session is the learner's after it."""
    folded = name.strip().casefold()[:64]
    wait = svc.limiter.blocked(address, folded)
    if wait > 0:
        raise WebError(
            429,
            "rate_limited",
            "too many failed sign-ins",
            f"wait {int(wait // 60) + 1} minute(s) and try again",
        )
    account = accounts.verify(svc.store.accounts, name, secret)
    if account is None:
        svc.limiter.failed(address, folded)
        raise WebError(401, "bad_login", FAILED, "check both, or ask your admin to reset it")
    session.log_in(account.id, account.username)
    return account.username


def sign_up(svc: Services, session: WebSession, name: str, secret: str) -> str:
    if not svc.config.signup:
        raise WebError(
            403, "signup_closed", "sign-up is closed here", "ask your admin for an account"
        )
    account = accounts.add_user(svc.store.accounts, name, secret, svc.now())
    session.log_in(account.id, account.username)
    return account.username


class Credentials(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1100)


class SignedIn(BaseModel):
    learner: str
    csrf: str = Field(description="the new session's token for writes")


@router.post("/api/login", tags=["session"], dependencies=[Csrf])
def api_login(request: Request, svc: Svc, session: Session, req: Credentials) -> SignedIn:
    """Sign in; the session cookie then belongs to the learner (a new CSRF token)."""
    name = sign_in(svc, session, _address(request), req.username, req.password)
    return SignedIn(learner=name, csrf=session.csrf)


@router.post("/api/signup", tags=["session"], dependencies=[Csrf], status_code=201)
def api_signup(svc: Svc, session: Session, req: Credentials) -> SignedIn:
    """Make an account and sign in (unless sign-up is closed on this server)."""
    name = sign_up(svc, session, req.username, req.password)
    return SignedIn(learner=name, csrf=session.csrf)


@router.post("/api/logout", tags=["session"], dependencies=[Csrf])
def api_logout(session: Session) -> dict[str, str]:
    session.log_out()
    return {"csrf": session.csrf}


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, svc: Svc) -> Response:
    return render(request, "login.html", title="Sign in", signup=svc.config.signup)


@router.get("/signup", response_class=HTMLResponse, include_in_schema=False)
def signup_page(request: Request, svc: Svc) -> Response:
    return render(request, "signup.html", title="Make an account", signup=svc.config.signup)


Field64 = Annotated[str, Form(max_length=64)]
Secret = Annotated[str, Form(max_length=1100)]


@router.post("/login", response_class=HTMLResponse, include_in_schema=False, dependencies=[Csrf])
def login_post(
    request: Request, svc: Svc, session: Session, username: Field64 = "", password: Secret = ""
) -> Response:
    try:
        sign_in(svc, session, _address(request), username, password)
    except UserError as exc:
        status = exc.status if isinstance(exc, WebError) else 422
        return render(
            request,
            "login.html",
            status,
            title="Sign in",
            problem=exc,
            username=username,
            signup=svc.config.signup,
        )
    return RedirectResponse("/", status_code=303)


@router.post("/signup", response_class=HTMLResponse, include_in_schema=False, dependencies=[Csrf])
def signup_post(
    request: Request, svc: Svc, session: Session, username: Field64 = "", password: Secret = ""
) -> Response:
    try:
        sign_up(svc, session, username, password)
    except UserError as exc:
        status = exc.status if isinstance(exc, WebError) else 422
        return render(
            request,
            "signup.html",
            status,
            title="Make an account",
            problem=exc,
            username=username,
            signup=svc.config.signup,
        )
    return RedirectResponse("/", status_code=303)


@router.post("/logout", include_in_schema=False, dependencies=[Csrf])
def logout_post(session: Session) -> Response:
    session.log_out()
    return RedirectResponse("/login", status_code=303)
