"""``viva serve``: viva in the browser (FastAPI under uvicorn).

Alone it serves the one local learner on 127.0.0.1, with the SQLite store in ``$VIVA_HOME``
and no login. With ``--multi-user`` (and ``--database postgresql+psycopg://...`` for a
cohort) every learner signs in and sees only their own data. Listening beyond loopback
without ``--multi-user`` is refused: it would hand the local learner's data to anyone on
the network. The database is migrated and the cookie secret made once here, before the
workers start, so they never race to do it. Options reach the workers through the
environment (``VIVA_DB``, ``VIVA_MULTI_USER``, ``VIVA_WEB_HOST``, ``VIVA_SIGNUP``).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from viva.errors import UserError


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    database: Annotated[
        str | None,
        typer.Option("--database", help="SQLAlchemy URL (default: VIVA_DB, or viva.db)."),
    ] = None,
    multi_user: Annotated[
        bool, typer.Option("--multi-user", help="Accounts and sign-in: one server, many learners.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    signup: Annotated[
        bool,
        typer.Option("--signup/--no-signup", help="Multi-user: may visitors make accounts?"),
    ] = True,
) -> None:
    """Serve viva in the browser: http://127.0.0.1:8000 (one learner; --multi-user for many)."""
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise UserError(
            f"viva serve needs the web extra (missing: {exc.name})",
            "install it with: pip install 'viva[web]'",
        ) from None
    from viva.web.config import WebConfig, is_loopback

    if not multi_user and not is_loopback(host):
        raise UserError(
            f"--host {host} would show your data to anyone who can reach this machine",
            "add --multi-user (learners sign in), or keep the default 127.0.0.1",
        )
    config = WebConfig.from_env(database, multi_user, host, signup)  # makes the secret once
    from viva.app.stores import open_store

    open_store(config.database).close()  # migrated once, before the workers start
    if database:
        os.environ["VIVA_DB"] = database
    os.environ["VIVA_MULTI_USER"] = "1" if multi_user else "0"
    os.environ["VIVA_WEB_HOST"] = host
    os.environ["VIVA_SIGNUP"] = "1" if signup else "0"
    who = "many learners (sign-in)" if multi_user else "one learner, no sign-in"
    typer.echo(f"viva: serving {who} on http://{host}:{port} (Ctrl-C stops)", err=True)
    uvicorn.run(
        "viva.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
        # longer than a learner thinks between turns, and than a load balancer's idle timeout:
        # a connection closed just as the browser reuses it is an error the learner sees
        timeout_keep_alive=75,
        server_header=False,
    )
