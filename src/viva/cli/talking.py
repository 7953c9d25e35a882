"""Runs a conversation in the terminal: opens the store, starts the coach, maps Ctrl-C.

Shared by ``viva``/``viva chat``, ``viva interview`` and ``viva review``; the voice front end
builds its own channel and calls ``run`` too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from viva.cli.app_common import library, open_store
from viva.cli.guard import INTERRUPTED, ExitStatus

if TYPE_CHECKING:
    from viva.app.library import Library
    from viva.app.ports import Channel, LearnerStore
    from viva.session.state import State
    from viva.understand.intents import Intent


def converse(
    channel: Channel,
    front_end: str,
    start: Intent | None = None,
    *,
    greet: bool = True,
    until: Callable[[State], bool] | None = None,
    review_cap: int | None = None,
) -> None:
    """Run a conversation to its end; ``start`` is said for the learner first (a mock
    interview's "quiz me", a review's "let's do my reviews")."""
    store = open_store()
    try:
        run(
            library(),
            store,
            channel,
            front_end,
            start,
            greet=greet,
            until=until,
            review_cap=review_cap,
        )
    finally:
        store.close()


def run(
    lib: Library,
    store: LearnerStore,
    channel: Channel,
    front_end: str,
    start: Intent | None = None,
    *,
    greet: bool = True,
    until: Callable[[State], bool] | None = None,
    review_cap: int | None = None,
) -> None:
    from viva.app.conversation import Conversation
    from viva.app.reviews import DAILY_CAP
    from viva.clock import utc_now

    talk = Conversation(
        lib, store, channel, utc_now, front_end, start, greet, until, review_cap or DAILY_CAP
    )
    try:
        talk.run()
    except KeyboardInterrupt:
        # Typer would exit 130 silently; the learner should hear that nothing was lost
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
