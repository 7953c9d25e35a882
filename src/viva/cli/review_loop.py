"""The ``viva review`` session: due entries one at a time, graded or self-rated.

For each due entry the question is shown and one line is read. A typed answer is graded
against the key points (and the grade becomes the FSRS rating); an empty line or "show"
reveals the short answer and asks for a rating (again / hard / good / easy), with the next
interval each rating would give - the preview-then-commit idea from Anki. "quit" or the end
of input stops; everything reviewed so far is saved.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import typer

from viva.app import practice
from viva.cli.app_common import emit, open_store
from viva.clock import utc_now
from viva.errors import InputError
from viva.schedule import cards, queue
from viva.service import Service
from viva.store.db import Store

STOP = {"quit", "exit", "stop", "q"}


def _days(d: float) -> str:
    if d < 1:
        return f"{max(1, round(d * 24 * 60))} min"
    return f"{round(d)} day" + ("s" if round(d) != 1 else "")


def _done_today(store: Store, now: datetime) -> int:
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return sum(1 for a in store.history(since=start) if a.source == "review")


def run(*, cap: int, catch_up: bool, list_only: bool, json_out: bool) -> None:
    store = open_store()
    try:
        _run(store, Service(), utc_now(), cap, catch_up, list_only or json_out, json_out)
    finally:
        store.close()


def _run(store: Store, svc: Service, now: datetime, cap: int, catch_up: bool,
         list_only: bool, json_out: bool) -> None:  # fmt: skip
    infos = practice.infos(store, now)
    done = _done_today(store, now)
    due = queue.due_now(infos, now)
    moved: dict[str, datetime] = {}
    if catch_up:
        moved = queue.catch_up(infos, now, cap, done)
        store.move_due(moved, now)
    todays = queue.today(infos, now, cap, done)
    if list_only:
        rows = [{"id": i, "question": e.question, "topic": e.topic}
                for i in todays if (e := svc.bank.get(i))]  # fmt: skip
        doc = {"due": len(due), "today": rows, "cap": cap, "done_today": done,
               "moved": {k: v.isoformat() for k, v in moved.items()}}  # fmt: skip
        if json_out:
            emit(doc)
        else:
            typer.echo(f"{len(due)} due, {len(rows)} for today (cap {cap}, {done} done today).")
            for r in rows:
                typer.echo(f"  {r['id']}: {r['question']}")
        return
    if moved:
        last = max(moved.values())
        typer.echo(f"Catch-up: {len(moved)} reviews moved to the next {(last - now).days or 1} days, "
                   f"at most {cap} a day.")  # fmt: skip
    elif len(due) > len(todays):
        typer.echo(f"{len(due)} reviews are due; here are the {len(todays)} weakest. "
                   f"`viva review --catch-up` spreads the other {len(due) - len(todays)} over the "
                   f"next {queue.days_to_clear(len(due) - len(todays), cap)} days.")  # fmt: skip
    if not todays:
        nxt = min((c.due for c in infos if c.due > now), default=None)
        when = f" The next one is due in {_days((nxt - now) / timedelta(days=1))}." if nxt else ""
        typer.echo(
            "Nothing to review right now." + (when or " Practise with `viva interview` first.")
        )
        return
    _loop(store, svc, todays)


def _loop(store: Store, svc: Service, todays: list[str]) -> None:
    from viva.session.practice import feedback

    for n, entry_id in enumerate(todays, 1):
        entry = svc.bank.get(entry_id)
        if entry is None:
            continue
        typer.echo(f"\n[{n}/{len(todays)}] {entry.question}")
        typer.echo(
            "Type your answer (one line), or press Enter to see the answer and rate yourself."
        )
        line = _read()
        if line is None or line.strip().lower() in STOP:
            typer.echo("Stopped; everything reviewed so far is saved.")
            return
        now = utc_now()
        if line.strip() and line.strip().lower() != "show":
            try:
                g = svc.grade(entry_id, line)
            except InputError as exc:  # one bad answer costs a retry, not the session
                typer.echo(f"{exc.message}; {exc.hint or 'try again'}. Nothing was recorded.")
                todays.insert(n, entry_id)
                continue
            for text in feedback(g, None):
                typer.echo(text)
            practice.record_grade(store, entry_id, g.score, g.verdict, line, "review", now)
            continue
        typer.echo(entry.short_answer.strip())
        stored = store.card(entry_id)
        options = ", ".join(
            f"{r.name.lower()} ({_days(d)})"
            for r, d in cards.preview(entry_id, stored, now).items()
        )
        typer.echo(f"How well did you know it? {options}")
        rating = None
        while rating is None:
            got = _read()
            if got is None or got.strip().lower() in STOP:
                typer.echo("Stopped; everything reviewed so far is saved.")
                return
            rating = cards.Rate.parse(got)
            if rating is None:
                typer.echo("Please type again, hard, good or easy (or 1-4).")
        reviewed = practice.rate(store, entry_id, rating, "review", now)
        typer.echo(f"Next review in {_days(reviewed.interval_days)}.")
    typer.echo("\nThat's today's reviews done.")


def _read() -> str | None:
    try:
        return input("> ")
    except EOFError:
        return None
