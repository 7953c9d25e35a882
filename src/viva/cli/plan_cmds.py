"""``viva plan`` and ``viva plan show``: a study plan from a job description, saved for later.

Reads the job description (a file or stdin) with the checks a person's input needs (empty,
binary, not UTF-8, too large: one line naming the file and line), turns the profile into a
``Goal``, asks the store for measured mastery (reviews and mock interviews), and keeps the plan as JSON in
the preferences table under ``plan`` (no migration; ``viva profile forget plan`` drops it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.errors import InputError, UserError

if TYPE_CHECKING:
    from viva.plan.model import Plan


plan_app = typer.Typer(
    help="A day-by-day study plan from a job description.", invoke_without_command=True
)


def read_jd(path: Path | None) -> tuple[str, str]:
    """The job description's text and a name for messages ("FILE" or "stdin")."""
    from viva.app.plans import MAX_JD_BYTES  # the planner loads for plan commands only

    where = str(path) if path and str(path) != "-" else "stdin"
    if where == "stdin":
        if sys.stdin.isatty():
            raise UserError(
                "give a job description", "viva plan --jd FILE, or pipe it in: viva plan < jd.txt"
            )
        data = sys.stdin.buffer.read(MAX_JD_BYTES + 1)
    else:
        assert path is not None
        try:
            size = path.stat().st_size
            if size > MAX_JD_BYTES:
                raise InputError(
                    f"{where} is {size / 1_000_000:.1f} MB; a job description is at most "
                    f"{MAX_JD_BYTES // 1000} KB",
                    "save just the job ad as a text file",
                )
            with path.open("rb") as fh:
                data = fh.read(MAX_JD_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {where}: {exc.strerror or exc}") from None
    from viva.app.plans import jd_text

    return jd_text(data, where), where


def saved_plan_or_fail(problem: str, hint: str) -> Plan:
    """The saved plan, read from a store opened just for it, or one friendly error."""
    from viva.app.plans import saved

    store = open_store()
    try:
        made = saved(store)
    finally:
        store.close()
    if made is None:
        raise UserError(problem, hint)
    return made


@plan_app.callback()
def plan(
    ctx: typer.Context,
    jd: Annotated[
        Path | None, typer.Option("--jd", help="The job description: a text file, or - for stdin.")
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", min=1, max=365, help="Days until the interview.")
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", min=15, max=720, help="Minutes a day.")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="Target level (default: the job's).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Make (and save) a study plan for a job: `viva plan --jd job.txt --days 10`."""
    if ctx.invoked_subcommand is not None:
        return
    from viva.app import plans
    from viva.app.library import parse_level
    from viva.cli.app_common import library
    from viva.clock import utc_now
    from viva.plan.render import render

    text, where = read_jd(jd)
    lib = library()
    store = open_store()
    try:
        made = plans.make(
            lib.bank,
            store,
            text,
            where,
            utc_now(),
            days,
            minutes,
            parse_level(level) if level else None,
        )
    finally:
        store.close()
    if json_out:
        emit(made.to_dict())
        return
    typer.echo(render(made, today=1))
    typer.echo(
        "\nSaved. `viva plan show` prints it again; in `viva`, ask 'what should I study today?'."
    )


@plan_app.command("show")
def show(json_out: JsonOpt = False) -> None:
    """Print the saved plan, marking today's day."""
    from viva.clock import utc_now
    from viva.plan.render import day_index, render

    made = saved_plan_or_fail("no saved plan yet", "make one: viva plan --jd job.txt")
    today = day_index(made.created, utc_now().date(), len(made.days))
    if json_out:
        emit({**made.to_dict(), "today": today})
        return
    typer.echo(render(made, today=today))


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
