"""The ``viva`` command: Typer commands that parse arguments, call the service and render.

Every query command takes ``--json`` and then prints exactly one JSON document on stdout.
Errors from the ``VivaError`` tree become one line on stderr and an exit code; anything
else is a bug and shows a traceback only with ``--debug``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt
from viva.cli.app_common import emit as _emit
from viva.cli.guard import ExitStatus, VivaGroup
from viva.cli.talking import converse

if TYPE_CHECKING:  # imported lazily at run time: the --json paths never load Rich
    from rich.console import Console

    from viva.app.library import Library


app = typer.Typer(
    cls=VivaGroup,
    add_completion=False,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="viva: an offline interview coach for backend developers.",
)
bank_app = typer.Typer(help="Inspect and check the question bank.", no_args_is_help=True)
app.add_typer(bank_app, name="bank")


def _service() -> Library:
    from viva.cli.app_common import library

    return library()


def _console() -> Console:
    from viva.cli.app_common import console

    return console()


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
    ] = False,
    voice: Annotated[
        bool, typer.Option("--voice", help="Talk: the coach speaks and listens (viva voice-chat).")
    ] = False,
) -> None:
    """Start an interactive session when no command is given."""
    if ctx.invoked_subcommand is None and voice:
        from viva.cli import voice_talk

        voice_talk.converse_from_env()
        return
    if ctx.invoked_subcommand is None:
        from viva.cli.channels import RichChannel

        converse(RichChannel(_console()), "terminal")


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
        converse(PlainChannel(), "plain")
        return
    from viva.cli.channels import RichChannel

    converse(RichChannel(_console()), "terminal")


from viva.cli import memory  # noqa: E402  (registers profile and history)

memory.register(app)

from viva.cli import voice_cmds  # noqa: E402  (registers say, voices, listen, voice-chat)

voice_cmds.register(app)

from viva.cli import export_cmds, plan_cmds, web_cmds  # noqa: E402  (plan, export, serve)

plan_cmds.register(app)
from viva.cli import practice_cmds, user_cmds  # noqa: E402  (check, grade, interview, review, users)
from viva.cli import progress_cmds as progress_cmds  # noqa: E402  (progress)

practice_cmds.register(app)
progress_cmds.register(app)
export_cmds.register(app)
user_cmds.register(app)
web_cmds.register(app)


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
    if topic is not None:
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
        bool,
        typer.Option(
            "--run/--no-run", help="Run snippets not yet remembered (default: count remembered)."
        ),
    ] = False,
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


@bank_app.command("vectors")
def bank_vectors(
    check: Annotated[
        bool, typer.Option("--check", help="Only report whether the shipped file is current.")
    ] = False,
) -> None:
    """Rebuild the shipped sentence vectors (viva/data/bank-vectors.npz) for this bank."""
    from viva.semantic.book import SHIPPED, SHIPPED_INTENTS, VectorBook
    from viva.understand.nearest import example_texts

    svc = _service()
    # the bank's texts, and the intent table's examples (understanding's fallback)
    for path, texts in (
        (SHIPPED, list(dict.fromkeys(svc.vector_texts()))),
        (SHIPPED_INTENTS, list(dict.fromkeys(example_texts()))),
    ):
        book = VectorBook()
        book.read(path)
        missing = [t for t in texts if book.get(t) is None]
        if check:
            typer.echo(f"{len(texts) - len(missing)}/{len(texts)} texts have vectors in {path}")
            if missing:
                raise typer.Exit(ExitStatus.ERROR)
            continue
        from viva.cli.app_common import progress_line as _progress

        book.vectors(texts, svc.model.encode, _progress)
        book.write(path, texts)
        typer.echo(f"{len(texts)} texts ({len(missing)} newly encoded) written to {path}")


def main() -> None:
    """Entry point: ``VivaGroup`` maps every error to one friendly line and an exit code."""
    app()
