"""``viva profile`` and ``viva history``: see and edit what viva remembers."""

from __future__ import annotations

from typing import Annotated

import typer

from viva.cleaning import shown
from viva.cli.app_common import JsonOpt, emit, open_store

profile_app = typer.Typer(
    help="See and edit what viva remembers about you.", invoke_without_command=True
)


@profile_app.callback()
def profile_show(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show what viva remembers: your profile and how you like to be taught."""
    if ctx.invoked_subcommand is not None:
        return
    from viva.app.profile import remembered

    store = open_store()
    try:
        facts, prefs = remembered(store)
    finally:
        store.close()
    if json_out:
        emit({"profile": facts, "preferences": prefs})
        return
    typer.echo("Profile:" if facts else "Profile: nothing remembered yet.")
    for k, v in sorted(facts.items()):
        typer.echo(f"  {k}: {v}")
    typer.echo("Preferences:")
    for k, v in prefs.items():
        typer.echo(f"  {k}: {v}")


@profile_app.command("set")
def profile_set(key: str, value: str) -> None:
    """Set a preference (pace, detail, with_answers, always_example) or a profile fact."""
    from viva.app.profile import checked, set_value
    from viva.clock import utc_now

    key, value = checked(key, value)  # before the store opens: a bad value touches nothing
    store = open_store()
    try:
        key, value = set_value(store, key, value, utc_now())
    finally:
        store.close()
    typer.echo(f"Saved: {key} = {shown(value)}")


@profile_app.command("forget")
def profile_forget(
    key: Annotated[str | None, typer.Argument(help="What to forget.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Forget everything remembered.")] = False,
) -> None:
    """Forget one remembered item, or everything with --all (history is kept)."""
    from viva.errors import UserError

    if not key and not all_:
        raise UserError("say what to forget", "viva profile forget KEY, or --all")
    store = open_store()
    try:
        if all_:
            store.forget_all()
            typer.echo("Forgot your profile and preferences.")
            return
        assert key is not None
        if not store.forget(key.strip().lower()):
            raise UserError(f"nothing remembered under '{shown(key, 40)}'", "see `viva profile`")
    finally:
        store.close()
    typer.echo(f"Forgot {shown(key, 40)}.")


def history(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10_000)] = 20,
    json_out: JsonOpt = False,
    show_id: Annotated[
        int | None, typer.Option("--show", min=1, max=2**62, help="Print one session's transcript.")
    ] = None,
) -> None:
    """Past sessions, newest first (or one session's transcript)."""
    store = open_store()
    try:
        if show_id is not None:
            lines = store.transcript(show_id)
            if not lines and not store.has_session(show_id):
                from viva.errors import NotFoundError

                raise NotFoundError(f"no session #{show_id}", "see `viva history`")
            if json_out:
                emit({"session": show_id, "turns": [{"role": r, "text": t} for r, t in lines]})
            for role, words in [] if json_out else lines:
                typer.echo(f"{'you' if role == 'learner' else 'viva'}: {words}")
            return
        rows = store.sessions(limit)
    finally:
        store.close()
    if json_out:
        emit(
            {
                "sessions": [
                    {
                        "id": r.id,
                        "started_at": r.started_at,
                        "ended_at": r.ended_at,
                        "front_end": r.front_end,
                        "turns": r.turns,
                        "title": r.title,
                    }
                    for r in rows
                ]
            }
        )
        return
    if not rows:
        typer.echo("No sessions yet. Start one with `viva`.")
    for r in rows:
        typer.echo(f"#{r.id}  {r.started_at}  {r.turns:>3} turns  {r.title or '-'}")


def register(app: typer.Typer) -> None:
    app.add_typer(profile_app, name="profile")
    app.command()(history)
