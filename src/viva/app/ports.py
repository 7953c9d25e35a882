"""What the use cases need from the edges, as protocols: the learner's store and a channel.

``viva.store.db.Store`` (SQLite or PostgreSQL) is the real store; tests may pass anything
with these methods. A channel is where utterances come from and turns go to: plain text,
Rich, voice, later a web request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from viva.session.state import Effect, State

if TYPE_CHECKING:  # the store's types only: importing it loads SQLAlchemy (~0.1 s a start)
    from viva.store.accounts import Accounts
    from viva.store.db import SessionRow
    from viva.store.records import Attempt, Practised, StoredCard


class LearnerStore(Protocol):
    """One learner's data: preferences, profile, sessions and practice records."""

    def prefs(self) -> dict[str, str]: ...

    def set_pref(self, key: str, value: str, now: datetime) -> None: ...

    def profile(self) -> dict[str, str]: ...

    def remember(self, key: str, value: str, now: datetime) -> None: ...

    def start_session(self, front_end: str, now: datetime) -> int: ...

    def add_turn(self, session_id: int, role: str, words: str, now: datetime) -> None: ...

    def save_position(self, session_id: int, position: dict[str, Any]) -> None: ...

    def end_session(self, session_id: int, now: datetime) -> None: ...

    def mark_seen(self, entry_id: str, session_id: int, now: datetime) -> None: ...

    def save_state(self, session_id: int, state: str) -> None: ...

    def load_state(self, session_id: int) -> str | None: ...

    def last_position(self, before: int | None = None) -> dict[str, Any] | None: ...

    def record(self, done: Practised, now: datetime) -> None: ...

    def card(self, entry_id: str) -> str | None: ...

    def all_cards(self) -> list[StoredCard]: ...

    def move_due(self, new_due: dict[str, datetime], now: datetime) -> None: ...

    def history(self, since: datetime | None = None) -> list[Attempt]: ...

    def last_scores(self) -> dict[str, int]: ...

    def forget(self, key: str) -> bool: ...

    def forget_all(self) -> None: ...

    def transcript(self, session_id: int) -> list[tuple[str, str]]: ...

    def has_session(self, session_id: int) -> bool: ...

    def sessions(self, limit: int = 20) -> list[SessionRow]: ...

    def close(self) -> None: ...

    @property
    def accounts(self) -> Accounts: ...

    def as_learner(self, learner_id: int) -> LearnerStore: ...  # another learner's view


class Channel(Protocol):
    """Where utterances come from and turns go to (plain text, Rich, voice, web)."""

    def read(self) -> str | None: ...  # None at end of input

    def show(self, effects: Sequence[Effect]) -> None: ...


@runtime_checkable
class Observer(Protocol):
    """A channel that wants the state after each turn (voice: listen for an answer or a
    command, speak at the learner's pace)."""

    def observe(self, state: State) -> None: ...
