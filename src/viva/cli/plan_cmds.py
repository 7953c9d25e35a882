"""``viva plan`` and ``viva plan show``: a study plan from a job description, saved for later.

Reads the job description (a file or stdin) with the checks a person's input needs (empty,
binary, not UTF-8, too large: one line naming the file and line), turns the profile into a
``Goal``, asks the store for measured mastery (reviews and mock interviews), and keeps the plan as JSON in
the preferences table under ``plan`` (no migration; ``viva profile forget plan`` drops it).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.errors import InputError, UserError

if TYPE_CHECKING:
    from viva.bank.model import Bank
    from viva.plan.model import Plan, Requirements
    from viva.store.db import Store

MAX_JD_BYTES = 100_000  # job ads run to a few kilobytes; anything this big is a wrong file

plan_app = typer.Typer(
    help="A day-by-day study plan from a job description.", invoke_without_command=True
)


def read_jd(path: Path | None) -> tuple[str, str]:
    """The job description's text and a name for messages ("FILE" or "stdin")."""
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
    return check_jd(data, where), where


def check_jd(data: bytes, where: str) -> str:
    if len(data) > MAX_JD_BYTES:
        raise InputError(f"{where} is over {MAX_JD_BYTES // 1000} KB; a job description is shorter",
                         "give just the job ad as text")  # fmt: skip
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{where}:{line}: binary data, not a job description",
                         "give the job description as plain text")  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: not UTF-8 text", "save the job description as UTF-8 text"
        ) from None
    if not text.strip():
        raise InputError(
            f"{where}: the job description is empty", "paste the job ad's text into it"
        )
    return text


def requirements_or_fail(text: str, where: str, bank: Bank) -> Requirements:
    from viva.plan.jd import extract

    req = extract(text, bank)
    if not req.items:
        named = f"it names {', '.join(req.unknown_skills[:6])}; " if req.unknown_skills else ""
        raise InputError(
            f"{where}: no backend skills viva covers were found in this job description",
            f"{named}viva covers " + ", ".join(t.id for t in bank.topics),
        )
    return req


def saved_plan_or_fail(problem: str, hint: str) -> Plan:
    """The saved plan, read from a store opened just for it, or one friendly error."""
    store = open_store()
    try:
        made = saved_plan(store)
    finally:
        store.close()
    if made is None:
        raise UserError(problem, hint)
    return made


def saved_plan(store: Store) -> Plan | None:
    from viva.plan.goal import PLAN_KEY, parse_saved

    return parse_saved(store.prefs().get(PLAN_KEY))


@plan_app.callback()
def plan(
    ctx: typer.Context,
    jd: Annotated[
        Path | None, typer.Option("--jd", help="The job description: a text file, or - for stdin.")
    ] = None,
    days: Annotated[int | None, typer.Option("--days", min=1, max=365, help="Days until the interview.")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", min=15, max=720, help="Minutes a day.")] = None,
    level: Annotated[str | None, typer.Option("--level", help="Target level (default: the job's).")] = None,
    json_out: JsonOpt = False,
) -> None:  # fmt: skip
    """Make (and save) a study plan for a job: `viva plan --jd job.txt --days 10`."""
    if ctx.invoked_subcommand is not None:
        return
    from viva.app.library import parse_level
    from viva.app.practice import mastery
    from viva.cli.app_common import library
    from viva.clock import utc_now
    from viva.plan.build import build_plan
    from viva.plan.goal import PLAN_KEY, goal_from, saved_form
    from viva.plan.text import render

    text, where = read_jd(jd)
    bank = library().bank
    req = requirements_or_fail(text, where, bank)
    store = open_store()
    try:
        now = utc_now()
        goal = goal_from(store.profile(), req, days, minutes, parse_level(level) if level else None)
        made = build_plan(req, goal, bank, mastery(store, now))
        made = replace(made, created=now.date().isoformat())
        store.set_pref(PLAN_KEY, saved_form(made), now)
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
    from viva.plan.text import day_index, render

    made = saved_plan_or_fail("no saved plan yet", "make one: viva plan --jd job.txt")
    today = day_index(made.created, utc_now().date(), len(made.days))
    if json_out:
        emit({**made.to_dict(), "today": today})
        return
    typer.echo(render(made, today=today))


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
