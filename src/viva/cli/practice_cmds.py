"""``viva check``, ``grade``, ``interview`` and ``review``: the honest-feedback commands.

``check`` and ``grade`` are one-shot and take ``--json``; ``interview`` runs the
conversation in mock-interview mode; ``review`` serves what FSRS says is due (weakest
first, within a daily cap) and either grades a typed answer or takes the learner's own
rating. Progress lives in ``progress_cmds``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.errors import InputError

AnswerOpt = Annotated[str, typer.Option("--answer", "-a", help="The answer, in your own words.")]


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(grade)
    app.command()(interview)
    app.command()(review)


def check(
    text: Annotated[str, typer.Argument(help='A statement to check, e.g. "so X is Y, right?"')],
    json_out: JsonOpt = False,
    semantic: Annotated[
        bool,
        typer.Option("--semantic", help="Also recognise misconceptions said in other words."),
    ] = False,
) -> None:
    """Check a statement claim by claim against the bank: agree, partly, disagree or unsure."""
    from viva.cli.app_common import library

    result = library().check(text, semantic=semantic)
    if json_out:
        emit(result.as_dict())
        return
    typer.echo(f"{result.verdict.value}: {result.explanation}")
    if result.source_id:
        typer.echo(f"(from {result.source_id}; `viva show {result.source_id}` for the full answer)")


def grade(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
    answer: AnswerOpt = "",
    json_out: JsonOpt = False,
    record: Annotated[
        bool, typer.Option("--record", help="Log it and update the question's review schedule.")
    ] = False,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Also recognise paraphrased key points.")
    ] = False,
) -> None:
    """Grade an answer against the question's key points (0-100, with what was missed)."""
    from viva.cli.app_common import library
    from viva.session.mock import feedback

    if not answer.strip() and not sys.stdin.isatty():
        answer = sys.stdin.read()
    if not answer.strip():
        raise InputError("the answer is empty", f'try: viva grade {entry_id} --answer "..."')
    result = library().grade(entry_id, answer, semantic=semantic)
    if record:
        _record(result.entry_id, result.score, result.verdict.value, answer, "grade")
    if json_out:
        emit(result.as_dict())
        return
    for line in feedback(result, None):
        typer.echo(line)


def _record(entry_id: str, score: int, verdict: str, answer: str, source: str) -> None:
    from viva.app.practice import record_grade
    from viva.clock import utc_now
    from viva.grade.model import AnswerVerdict

    store = open_store()
    try:
        record_grade(store, entry_id, score, AnswerVerdict(verdict), answer, source, utc_now())
    finally:
        store.close()


def interview(
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="Topic id.")] = None,
    level: Annotated[
        list[str] | None, typer.Option("--level", "-l", help="beginner, intermediate or senior.")
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=50, help="Questions.")] = 5,
    plain: Annotated[bool, typer.Option("--plain", help="One answer per stdin line.")] = False,
) -> None:
    """A mock interview: questions one at a time, each answer graded and scheduled."""
    from viva.app.library import parse_level
    from viva.cli.app_common import library
    from viva.cli.talking import converse
    from viva.understand.intents import Intent, Kind

    svc = library()
    topic_id = svc.topic(topic).id if topic else None
    levels = tuple(sorted({parse_level(lv) for lv in level or []}))
    start = Intent(
        Kind.QUIZ,
        f"quiz me on {topic_id or 'everything'}",
        topic=topic_id,
        levels=levels,
        count=count,
    )
    if plain:
        from viva.cli.channels import PlainChannel

        converse(PlainChannel(), "interview", start)
        return
    from viva.cli.app_common import console
    from viva.cli.channels import RichChannel

    converse(RichChannel(console()), "interview", start)


def review(
    cap: Annotated[int, typer.Option("--cap", min=1, max=500, help="Most reviews a day.")] = 20,
    catch_up: Annotated[
        bool,
        typer.Option("--catch-up", help="Spread a backlog beyond today's cap over the next days."),
    ] = False,
    list_only: Annotated[bool, typer.Option("--list", help="Only list what is due.")] = False,
    json_out: JsonOpt = False,
    voice: Annotated[bool, typer.Option("--voice", help="Review by voice.")] = False,
) -> None:
    """Review what is due (weakest first): answer to be graded, or rate yourself."""
    from viva.cli import review_cmds

    review_cmds.run(cap=cap, catch_up=catch_up, list_only=list_only, json_out=json_out, voice=voice)
