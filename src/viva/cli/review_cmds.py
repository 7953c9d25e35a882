"""``viva review``: today's due reviews, listed or run as a conversation (typed or by voice).

The list (``--list``, ``--json``) comes from ``viva.app.reviews``; the reviews themselves run
in the session engine like any conversation, so the same thing works in ``viva --voice``
("let's do my reviews") and the web. An empty line reveals the answer for a self-rating.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import typer

from viva.cli.app_common import emit, library, open_store
from viva.clock import utc_now
from viva.understand.intents import Intent, Kind

if TYPE_CHECKING:
    from viva.app.reviews import ReviewDay
    from viva.bank.model import Bank
    from viva.session.state import State


def run(*, cap: int, catch_up: bool, list_only: bool, json_out: bool, voice: bool = False) -> None:
    from viva.app import reviews

    store = open_store()
    try:
        now = utc_now()
        day = reviews.today(store, now, cap, catch_up)
    finally:
        store.close()
    if list_only or json_out:
        _list(day, library().bank, json_out)
        return
    _header(day, now)
    if not day.todays:
        return
    start = Intent(Kind.REVIEW, "let's do my reviews")
    if voice:
        from viva.cli import voice_talk

        voice_talk.converse_from_env(start, reviews_done, greet=False)
        return
    from viva.cli.channels import PlainChannel
    from viva.cli.talking import converse

    converse(
        PlainChannel(prompt="> "), "review", start, greet=False, until=reviews_done, review_cap=cap
    )


def reviews_done(state: State) -> bool:
    """``viva review`` ends with today's reviews (the conversation itself would go on)."""
    return not state.review


def _list(day: ReviewDay, bank: Bank, json_out: bool) -> None:
    rows = [
        {"id": i, "question": e.question, "topic": e.topic}
        for i in day.todays
        if (e := bank.get(i))
    ]
    doc = {
        "due": day.due,
        "today": rows,
        "cap": day.cap,
        "done_today": day.done_today,
        "moved": {k: v.isoformat() for k, v in day.moved.items()},
    }
    if json_out:
        emit(doc)
        return
    typer.echo(
        f"{day.due} due, {len(rows)} for today (cap {day.cap}, {day.done_today} done today)."
    )
    for r in rows:
        typer.echo(f"  {r['id']}: {r['question']}")


def _header(day: ReviewDay, now: datetime) -> None:
    from viva.schedule import queue
    from viva.session.review import days

    if day.moved:
        last = max(day.moved.values())
        typer.echo(
            f"Catch-up: {len(day.moved)} reviews moved to the next "
            f"{(last - now).days or 1} days, at most {day.cap} a day."
        )
    elif day.backlog:
        typer.echo(
            f"{day.due} reviews are due; here are the {len(day.todays)} weakest. "
            f"`viva review --catch-up` spreads the other {day.backlog} over the next "
            f"{queue.days_to_clear(day.backlog, day.cap)} days."
        )
    if not day.todays:
        nxt = day.next_due
        when = f" The next one is due in {days((nxt - now) / timedelta(days=1))}." if nxt else ""
        typer.echo(
            "Nothing to review right now." + (when or " Practise with `viva interview` first.")
        )
