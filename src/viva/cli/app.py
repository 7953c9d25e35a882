"""The ``viva`` command: Typer commands that parse arguments, call the service and render.

Every query command takes ``--json`` and then prints exactly one JSON document on stdout.
Errors from the ``VivaError`` tree become one line on stderr and an exit code; anything
else is a bug and shows a traceback only with ``--debug``.
"""

from __future__ import annotations

import json
import sys
from enum import IntEnum
from typing import Annotated, Any

import typer

from viva.errors import ContentError, VivaError


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    STORE = 3
    INTERRUPTED = 130


app = typer.Typer(
    add_completion=False,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="viva: an offline interview coach for backend developers.",
)
bank_app = typer.Typer(help="Inspect and check the question bank.", no_args_is_help=True)
app.add_typer(bank_app, name="bank")

INTERRUPTED = "viva: interrupted - everything up to the last turn is saved"
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def _service() -> Any:
    from viva.service import Service

    return Service()


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _emit(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
    ] = False,
) -> None:
    """Start an interactive session when no command is given."""
    if ctx.invoked_subcommand is None:
        from viva.cli.channels import RichChannel

        _converse(RichChannel(_console()), "terminal")


def _store() -> Any:
    import os

    from viva import settings
    from viva.store.db import Store

    url = os.environ.get("VIVA_DB")
    return Store.open(url if url else settings.data_dir() / "viva.db")


def _converse(channel: Any, front_end: str) -> None:
    from viva.chat import Conversation
    from viva.clock import utc_now

    store = _store()
    try:
        Conversation(_service(), store, channel, utc_now, front_end).run()
    except KeyboardInterrupt:
        # Typer would exit 130 silently; the learner should hear that nothing was lost
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    finally:
        store.close()


@app.command()
def chat(
    plain: Annotated[
        bool, typer.Option("--plain", help="No colour or prompts: one utterance per stdin line.")
    ] = False,
) -> None:
    """A coaching conversation (`viva` alone does the same, interactively)."""
    if plain:
        from viva.cli.channels import PlainChannel

        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")
        _converse(PlainChannel(), "plain")
        return
    from viva.cli.channels import RichChannel

    _converse(RichChannel(_console()), "terminal")


profile_app = typer.Typer(
    help="See and edit what viva remembers about you.", invoke_without_command=True
)
app.add_typer(profile_app, name="profile")


@profile_app.callback()
def profile_show(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show what viva remembers: your profile and how you like to be taught."""
    if ctx.invoked_subcommand is not None:
        return
    from viva.session.state import Prefs

    store = _store()
    try:
        facts, prefs = store.profile(), Prefs.from_dict(store.prefs()).as_dict()
    finally:
        store.close()
    if json_out:
        _emit({"profile": facts, "preferences": prefs})
        return
    typer.echo("Profile:" if facts else "Profile: nothing remembered yet.")
    for k, v in sorted(facts.items()):
        typer.echo(f"  {k}: {v}")
    typer.echo("Preferences:")
    for k, v in prefs.items():
        typer.echo(f"  {k}: {v}")


PREF_VALUES = {
    "pace": {"slow", "normal", "fast"},
    "detail": {"short", "normal", "full"},
    "with_answers": {"true", "false"},
    "always_example": {"true", "false"},
}
PROFILE_KEYS = {
    "target_role",
    "strong",
    "weak",
    "interview_in_days",
    "minutes_per_day",
    "target_level",
}


@profile_app.command("set")
def profile_set(key: str, value: str) -> None:
    """Set a preference (pace, detail, with_answers, always_example) or a profile fact."""
    from viva.clock import utc_now
    from viva.errors import UserError

    key, value = key.strip().lower(), value.strip()
    store = _store()
    try:
        if key in PREF_VALUES:
            if value.lower() not in PREF_VALUES[key]:
                raise UserError(
                    f"'{value}' is not a value for {key}",
                    "use one of: " + ", ".join(sorted(PREF_VALUES[key])),
                )
            store.set_pref(key, value.lower(), utc_now())
        elif key in PROFILE_KEYS:
            if not value:
                raise UserError(f"give a value for {key}")
            store.remember(key, value, utc_now())
        else:
            raise UserError(
                f"unknown setting '{key}'",
                "settings: " + ", ".join(sorted([*PREF_VALUES, *PROFILE_KEYS])),
            )
    finally:
        store.close()
    typer.echo(f"Saved: {key} = {value}")


@profile_app.command("forget")
def profile_forget(
    key: Annotated[str | None, typer.Argument(help="What to forget.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Forget everything remembered.")] = False,
) -> None:
    """Forget one remembered item, or everything with --all (history is kept)."""
    from viva.errors import UserError

    if not key and not all_:
        raise UserError("say what to forget", "viva profile forget KEY, or --all")
    store = _store()
    try:
        if all_:
            store.forget_all()
            typer.echo("Forgot your profile and preferences.")
            return
        assert key is not None
        if not store.forget(key.strip().lower()):
            raise UserError(f"nothing remembered under '{key}'", "see `viva profile`")
    finally:
        store.close()
    typer.echo(f"Forgot {key}.")


@app.command()
def history(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    json_out: JsonOpt = False,
    show_id: Annotated[
        int | None, typer.Option("--show", help="Print one session's transcript.")
    ] = None,
) -> None:
    """Past sessions, newest first (or one session's transcript)."""
    store = _store()
    try:
        if show_id is not None:
            lines = store.transcript(show_id)
            if json_out:
                _emit({"session": show_id, "turns": [{"role": r, "text": t} for r, t in lines]})
            for role, words in [] if json_out else lines:
                typer.echo(f"{'you' if role == 'learner' else 'viva'}: {words}")
            return
        rows = store.sessions(limit)
    finally:
        store.close()
    if json_out:
        _emit(
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


@app.command()
def ask(
    text: Annotated[str, typer.Argument(help="Your question, in any words.")],
    json_out: JsonOpt = False,
) -> None:
    """Answer a free question from the bank (or say honestly that it can't)."""
    from viva.bank.serialize import entry_dict

    svc = _service()
    ans = svc.ask(text)
    if json_out:
        _emit(
            {
                "query": ans.result.query,
                "understood": ans.result.understood,
                "matches": [
                    {
                        "id": e.id,
                        "question": e.question,
                        "topic": e.topic,
                        "level": e.level.label,
                        "score": score,
                    }
                    for e, score in ans.matches
                ],
                "answer": entry_dict(ans.entry) if ans.entry else None,
                "near_topics": list(ans.result.near_topics),
            }
        )
        return
    from viva.cli import render

    render.answer(_console(), ans)


@app.command()
def show(entry_id: Annotated[str, typer.Argument(metavar="ID")], json_out: JsonOpt = False) -> None:
    """Show one entry in full: answer, examples, code, key points, misconceptions."""
    from viva.bank.serialize import entry_dict

    entry = _service().entry(entry_id)
    if json_out:
        _emit(entry_dict(entry))
        return
    from viva.cli import render

    render.entry_full(_console(), entry)


@app.command()
def questions(
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Topic id, e.g. python.")
    ] = None,
    level: Annotated[
        list[str] | None,
        typer.Option("--level", "-l", help="beginner, intermediate or senior (repeatable)."),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="How many.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List questions, most often asked first."""
    from viva.bank.serialize import entry_summary

    entries = _service().questions(topic, level or [], top)
    if json_out:
        _emit({"questions": [entry_summary(e) for e in entries]})
        return
    from viva.cli import render

    if not entries:
        typer.echo("No questions match.")
        return
    render.questions(_console(), entries)


@app.command()
def topics(
    topic: Annotated[
        str | None, typer.Argument(help="Show this topic's subtopics in order.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the topics, or one topic's subtopics ordered by importance."""
    from viva.bank.serialize import topic_dict

    svc = _service()
    if topic:
        t = svc.topic(topic)
        counts: dict[str, int] = {}
        for e in svc.bank.in_topic(t.id):
            counts[e.subtopic] = counts.get(e.subtopic, 0) + 1
        if json_out:
            _emit(topic_dict(t, counts))
            return
        from viva.cli import render

        render.topic(_console(), t, counts)
        return
    if json_out:
        _emit({"topics": [topic_dict(t) for t in svc.bank.topics]})
        return
    from viva.cli import render

    render.topics(_console(), svc.bank.topics, svc.stats())


@bank_app.command("stats")
def bank_stats(
    json_out: JsonOpt = False,
    run: Annotated[
        bool, typer.Option("--run/--no-run", help="Run the snippets to count passes.")
    ] = True,
) -> None:
    """Entries per topic and level, and how many snippets run and pass."""
    from viva.linting import snippet_stats

    svc = _service()
    by_topic = svc.stats()
    snip = snippet_stats(svc.bank, svc.data / "cache", run=run)
    doc = {
        "total": len(svc.bank.entries),
        "by_topic": by_topic,
        "snippets": {"total": snip.total, "run": snip.run, "passed": snip.passed},
    }
    if json_out:
        _emit(doc)
        return
    from viva.cli import render

    console = _console()
    render.topics(console, svc.bank.topics, by_topic)
    console.print(
        f"\n{doc['total']} entries; snippets: {snip.total} total, {snip.run} run, {snip.passed} passed"
    )


@bank_app.command("lint")
def bank_lint(
    topic: Annotated[
        list[str] | None, typer.Option("--topic", "-t", help="Only these topics.")
    ] = None,
    run: Annotated[
        bool, typer.Option("--run/--no-run", help="Execute the Python snippets.")
    ] = True,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Check every content file; prints `path:line: CODE message`, exit 1 on problems."""
    from viva import settings
    from viva.linting import lint

    report = lint(
        settings.content_dir(),
        run_snippets=run,
        topics=set(topic) if topic else None,
        cache_dir=settings.data_dir() / "cache",
    )
    for p in report.problems:
        label = "" if p.severity == "error" else " (warning)"
        typer.echo(f"{p}{label}")
    s = report.snippets
    failed = report.errors or (strict and report.warnings)
    summary = (
        f"{len(report.loaded.bank.entries)} entries, {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s); snippets: {s.run} run, {s.passed} passed"
    )
    typer.echo(summary, err=True)
    if failed:
        raise typer.Exit(ExitStatus.ERROR)


def main() -> None:
    """Entry point: run the app and map errors to one friendly line and an exit code."""
    debug = "--debug" in sys.argv
    try:
        app()
    except ContentError as exc:
        for p in exc.problems[:5]:
            sys.stderr.write(f"viva: {p}\n")
        sys.stderr.write("viva: the question bank has problems; run `viva bank lint`\n")
        sys.exit(ExitStatus.ERROR)
    except VivaError as exc:
        if debug:
            raise
        hint = f" ({exc.hint})" if exc.hint else ""
        sys.stderr.write(f"viva: {exc.message}{hint}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        sys.exit(ExitStatus.OK)
