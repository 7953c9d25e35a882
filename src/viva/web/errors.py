"""The one error shape of the web front end, and the request-size limit.

Every error a client can meet - a ``VivaError`` from the use cases, a request that fails
validation, bad JSON, an unknown route, a body over the limit - is answered with
``{"error": {"code", "message", "hint"}}`` and a fitting status. Bad input from a person is
never a 500; an unexpected exception is logged and answered in the same shape, without a
traceback. Pages get the same words in an HTML page (``pages.error_page``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from viva.errors import (
    ContentError,
    InputError,
    ModelError,
    NotFoundError,
    StoreError,
    UserError,
    VivaError,
    VoiceError,
)

log = logging.getLogger("viva.web")


class WebError(UserError):
    """An error of the web layer itself (not signed in, no CSRF token, conflict, ...)."""

    def __init__(self, status: int, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.status = status
        self.code = code


def status_of(exc: VivaError) -> tuple[int, str]:
    if isinstance(exc, WebError):
        return exc.status, exc.code
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, VoiceError):
        return 422, "voice"
    if isinstance(exc, InputError):
        return 422, "bad_input"
    if isinstance(exc, UserError):
        return 400, "bad_request"
    if isinstance(exc, StoreError):
        return 503, "store"
    if isinstance(exc, ContentError | ModelError):
        return 500, "server"
    return 500, "server"


def shape(code: str, message: str, hint: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "hint": hint}}


HTTP_WORDS = {
    400: ("bad_json", "the body could not be read", "send UTF-8 JSON, or the form the page sends"),
    404: ("not_found", "there is nothing at this address", "see /docs for the API"),
    405: ("method_not_allowed", "this address does not take that method", "see /docs"),
    413: ("too_large", "the request is too large", "send less at once"),
    401: ("not_signed_in", "sign in first", "POST /api/login or open /login"),
}


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


PageRenderer = Callable[[Request, int, str, str | None], Response]


def install(app: FastAPI, page: PageRenderer) -> None:
    """Map every error to the one shape (JSON for the API, an HTML page for a browser)."""

    def answer(request: Request, status: int, code: str, msg: str, hint: str | None) -> Response:
        if _wants_page(request):
            return page(request, status, msg, hint)
        return JSONResponse(shape(code, msg, hint), status_code=status)

    @app.exception_handler(VivaError)
    async def viva_error(request: Request, exc: VivaError) -> Response:
        status, code = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc.message)
        return answer(request, status, code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "the request"
        if first.get("type") == "json_invalid":
            return answer(request, 400, "bad_json", "the body is not valid JSON", "send JSON")
        what = str(first.get("msg", "is not valid"))
        return answer(
            request, 422, "invalid", f"{where}: {what}", "see /docs for what each field takes"
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code, msg, hint = HTTP_WORDS.get(exc.status_code, ("http", str(exc.detail), None))
        if exc.status_code not in HTTP_WORDS and isinstance(exc.detail, str):
            msg = exc.detail
        return answer(request, exc.status_code, code, msg, hint)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return answer(request, 500, "server", "something went wrong on the server", None)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes (``audio_limit`` for audio uploads) with
    413, whether it announces its length or streams it, before the app reads it whole."""

    def __init__(self, app: ASGIApp, limit: int, audio_limit: int) -> None:
        self.app, self.limit, self.audio_limit = app, limit, audio_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.audio_limit if scope["path"].endswith("/voice") else self.limit
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except _TooLarge:
            if not started:
                await _too_large(send, limit)


class _TooLarge(HTTPException):
    """Raised from inside the app's ``receive``: an ``HTTPException`` so that FastAPI's body
    parsing lets it through (any other exception there becomes a 400) and the handler
    answers 413 in the one shape if the limit is not caught here first."""

    def __init__(self) -> None:
        super().__init__(413)


async def _too_large(send: Send, limit: int) -> None:
    import json

    body = json.dumps(
        shape("too_large", f"the request is over {limit // 1024} KB", "send less at once")
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
