"""``viva users``: add, list and disable the learner accounts of a shared viva.

The accounts live in the database the other commands use (``VIVA_DB``, or ``viva.db`` in the
data folder), which is where ``viva serve --multi-user`` looks for them. A password comes from
a hidden prompt typed twice, or from the first line of stdin with ``--password-stdin`` (for
scripts: it never appears in argv or the shell's history).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store

users_app = typer.Typer(
    help="Manage learner accounts (for a shared viva: viva serve --multi-user).",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="The username.")]


@users_app.command("add")
def users_add(
    name: NameArg,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    admin: Annotated[bool, typer.Option("--admin", help="May manage other accounts.")] = False,
) -> None:
    """Add an account; asks for its password (twice) unless --password-stdin."""
    from viva.app import accounts
    from viva.clock import utc_now

    checked = accounts.username(name)  # a bad name is refused before the password is asked
    if password_stdin:
        secret = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    else:
        secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    store = open_store()
    try:
        account = accounts.add_user(store.accounts, checked, secret, utc_now(), is_admin=admin)
    finally:
        store.close()
    role = " (admin)" if account.is_admin else ""
    typer.echo(f"Added {account.username}{role}, learner {account.id}.")


@users_app.command("list")
def users_list(json_out: JsonOpt = False) -> None:
    """List the accounts (never their password hashes)."""
    from viva.app import accounts

    store = open_store()
    try:
        everyone = accounts.list_users(store.accounts)
    finally:
        store.close()
    rows = [
        {
            "id": a.id,
            "username": a.username,
            "created_at": a.created_at,
            "disabled": a.disabled,
            "is_admin": a.is_admin,
            "can_log_in": bool(a.password_hash) and not a.disabled,
        }
        for a in everyone
    ]
    if json_out:
        emit({"users": rows})
        return
    for r in rows:
        flags = [f for f, on in (("admin", r["is_admin"]), ("disabled", r["disabled"])) if on]
        if not r["can_log_in"] and not r["disabled"]:
            flags.append("no password")
        extra = f"  ({', '.join(flags)})" if flags else ""
        typer.echo(f"{r['id']:>5}  {r['username']}  since {str(r['created_at'])[:10]}{extra}")


@users_app.command("disable")
def users_disable(name: NameArg) -> None:
    """Disable an account: it can no longer log in; its data is kept."""
    from viva.app import accounts

    store = open_store()
    try:
        account = accounts.set_disabled(store.accounts, name)
    finally:
        store.close()
    typer.echo(f"Disabled {account.username}: it can no longer log in (its data is kept).")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
