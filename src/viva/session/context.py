"""What a turn may consult besides the state: the bank, search, the grader, the learner's
plan, profile and schedule.

Everything slow or stored comes in as a callable, so a conversation starts without loading
the grader or reading the schedule, and the engine stays pure: the application layer
(``viva.app.conversation``) fills it from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from viva.bank.model import Bank
from viva.schedule.rating import Rate
from viva.search.index import SearchIndex
from viva.search.query import SearchResult, search

if TYPE_CHECKING:
    from viva.grade.facts import FactBook
    from viva.plan.model import Plan


@dataclass(frozen=True, slots=True)
class Ctx:
    bank: Bank
    index: SearchIndex
    resume: dict[str, Any] | None = None  # the last session's saved position
    # facts and mastery are loaded on first use, so a conversation starts without them
    facts: Callable[[], FactBook] | None = None  # the grader's view of the bank
    plan: Plan | None = None  # the saved study plan
    profile: Mapping[str, str] | None = None  # strong, weak, target_role, interview_in_days
    mastery: Callable[[], Mapping[str, float]] | None = None  # entry id -> 0..1, when measured
    today: date | None = None  # the learner's date, for "what should I study today?"
    # hybrid search (words and meaning); without it, the words alone
    find: Callable[[str], SearchResult] | None = None
    # spaced repetition: today's due entries (weakest first, within the daily cap), and the
    # days until the next review for each self-rating of an entry (again..easy, 1-4)
    due: Callable[[], Sequence[str]] | None = None
    preview: Callable[[str], Mapping[Rate, float]] | None = None

    def search(self, query: str) -> SearchResult:
        return self.find(query) if self.find else search(self.index, query)
