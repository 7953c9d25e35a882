"""``viva export``: the chosen entries as a Markdown guide, an Anki deck or a printable page.

The same selection options for every format (``--topic``, ``--level``, ``--plan``,
``--ids``). Files are written atomically; Markdown and HTML go to stdout without ``--out``.
Snippets show their remembered real output; they are executed only with ``--run``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from viva.cli.app_common import JsonOpt, emit
from viva.errors import UserError


class Format(StrEnum):
    MARKDOWN = "markdown"
    ANKI = "anki"
    HTML = "html"


def export(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="markdown, anki or html.")],
    topic: Annotated[
        list[str] | None, typer.Option("--topic", "-t", help="Topic (repeatable).")
    ] = None,
    level: Annotated[
        list[str] | None, typer.Option("--level", "-l", help="Level (repeatable).")
    ] = None,
    plan: Annotated[bool, typer.Option("--plan", help="The entries of your saved plan.")] = False,
    ids: Annotated[str | None, typer.Option("--ids", help="Comma-separated entry ids.")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write (stdout for markdown/html if omitted)."),
    ] = None,
    run: Annotated[
        bool,
        typer.Option(
            "--run/--no-run",
            help="Run snippets not yet remembered to show their real output (default: remembered output only).",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Export questions with answers: `viva export --format anki --topic flask --out flask.apkg`."""
    from viva.cli.app_common import library
    from viva.export.outputs import real_outputs
    from viva.export.select import select, title_for
    from viva.files import write_atomic, write_text_atomic

    topics, levels = topic or [], level or []
    id_list = [i for i in (ids or "").split(",") if i.strip()]
    if ids is not None and not id_list:
        raise UserError("--ids is empty", "give entry ids separated by commas")
    if fmt is Format.ANKI and out is None:
        raise UserError("an Anki deck needs a file", "add --out deck.apkg")
    svc = library()
    plan_ids = _plan_ids() if plan else None
    entries = select(svc, topics=topics, levels=levels, ids=id_list, plan_ids=plan_ids)
    title = title_for(topics, levels, plan, id_list)
    if out is not None and not out.parent.exists():
        raise UserError(f"cannot write {out}: folder {out.parent} does not exist")
    outputs = real_outputs(entries, svc.data / "cache", run=run)
    if fmt is Format.ANKI:
        from viva.export.anki import write_deck

        assert out is not None
        write_atomic(out, lambda p: write_deck(p, entries, svc.bank, outputs, f"viva::{title}"))
    else:
        from viva.export.markdown import guide

        text = guide(entries, svc.bank, outputs, title)
        if fmt is Format.HTML:
            from viva.export.html import page

            text = page(text, f"Study guide: {title}")
        if out is None:
            sys.stdout.write(text)
            return
        write_text_atomic(out, text)
    if json_out:
        emit({"format": fmt.value, "out": str(out), "entries": [e.id for e in entries]})
        return
    typer.echo(f"Wrote {len(entries)} question(s) to {out}", err=True)


def _plan_ids() -> list[str]:
    from viva.cli.plan_cmds import saved_plan_or_fail

    made = saved_plan_or_fail("no saved plan to export", "make one first: viva plan --jd job.txt")
    return made.entry_ids()


def register(app: typer.Typer) -> None:
    app.command("export")(export)
