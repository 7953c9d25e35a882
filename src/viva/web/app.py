"""The application factory: one FastAPI app per worker process, with the bank and the
database opened once (``Services``), the session cookie read and written around each
request, the one error shape, the body limit, the API and the pages.

``viva serve`` runs ``app_from_env`` in each uvicorn worker; tests call ``create_app`` with
a ``WebConfig`` of their own.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from viva.app.library import Library
from viva.app.stores import open_store
from viva.web import api, api_more, errors, pages
from viva.web.config import WebConfig, is_loopback
from viva.web.deps import Services
from viva.web.security import COOKIE, MAX_AGE, Cookies

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # the pages use only their own script, style, audio and no other site
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
}


def create_app(config: WebConfig, lib: Library | None = None) -> FastAPI:
    """The app for ``config``; ``lib`` lets tests share one loaded bank between apps."""
    library = lib or Library(config.content, config.data)
    library.bank  # noqa: B018 (load the bank now: a broken bank stops the start, not a request)
    store = open_store(config.database)
    svc = Services(config=config, lib=library, store=store, cookies=Cookies(config.secret))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="viva",
        summary="An offline interview coach for backend developers",
        version="0.1.0",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.viva = svc
    errors.install(app, pages.error_page)
    app.add_middleware(errors.BodyLimit, limit=config.max_body, audio_limit=config.max_audio)

    @app.middleware("http")
    async def session_cookie(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not config.multi_user and not is_loopback(request.url.hostname or ""):
            # one learner's server answers only to its own names: a page elsewhere that
            # rebinds its domain to 127.0.0.1 must not read the learner's data or token
            doc = errors.shape("bad_host", "this server answers only on 127.0.0.1", None)
            return JSONResponse(doc, status_code=400)
        session = svc.cookies.read(request.cookies.get(COOKIE))
        request.state.session = session
        response = await call_next(request)
        if session.dirty:
            response.set_cookie(
                COOKIE,
                svc.cookies.write(session),
                max_age=MAX_AGE,
                httponly=True,
                samesite="lax",
                secure=config.secure_cookies,
                path="/",
            )
        for name, value in SECURITY_HEADERS.items():
            if not request.url.path.startswith("/docs"):
                response.headers.setdefault(name, value)
        return response

    app.include_router(api.router)
    app.include_router(api_more.router)
    if config.multi_user:
        from viva.web import accounts_pages

        app.include_router(accounts_pages.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app


def app_from_env() -> FastAPI:
    """The app a uvicorn worker runs (``viva serve`` passes its options in the environment)."""
    import os

    config = WebConfig.from_env(
        os.environ.get("VIVA_DB") or None,
        multi_user=os.environ.get("VIVA_MULTI_USER") == "1",
        host=os.environ.get("VIVA_WEB_HOST", "127.0.0.1"),
        signup=os.environ.get("VIVA_SIGNUP", "1") == "1",
    )
    return create_app(config)
