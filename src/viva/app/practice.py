"""Practice: a graded answer or a self-rating becomes an FSRS card and a logged attempt.

The one place a grade turns into a schedule, whichever front end recorded it (a mock
interview, a review, ``viva grade --record``, the web). The rating rules live in
``viva.schedule.cards``; the store only writes the outcome.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from viva.app.ports import LearnerStore
from viva.grade.model import AnswerVerdict
from viva.schedule import queue
from viva.schedule.rating import Rate

# The FSRS package loads on the first practised answer, and the store's records (SQLAlchemy)
# when one is written: commands that never practise (``viva ask``) start without them.
if TYPE_CHECKING:
    from viva.schedule.cards import Reviewed


def record_grade(
    store: LearnerStore,
    entry_id: str,
    score: int,
    verdict: AnswerVerdict,
    answer: str,
    source: str,
    now: datetime,
) -> Reviewed:
    """A graded answer moves the entry's card and is logged, in one transaction."""
    from viva.schedule import cards
    from viva.store.records import Practised

    rating = cards.rating_of(verdict, score)
    reviewed = cards.review(entry_id, store.card(entry_id), rating, now)
    store.record(
        Practised(
            entry_id,
            reviewed.card,
            reviewed.due,
            source,
            int(rating),
            score,
            verdict.value,
            answer or None,
        ),
        now,
    )
    return reviewed


def rate(store: LearnerStore, entry_id: str, rating: Rate, source: str, now: datetime) -> Reviewed:
    """The learner's own rating of an entry they revealed (again, hard, good, easy)."""
    from viva.schedule import cards
    from viva.store.records import Practised

    reviewed = cards.review(entry_id, store.card(entry_id), rating, now)
    store.record(Practised(entry_id, reviewed.card, reviewed.due, source, int(rating)), now)
    return reviewed


def preview(store: LearnerStore, entry_id: str, now: datetime) -> dict[Rate, float]:
    """Days until the next review for each rating, before one is chosen (Anki's preview)."""
    from viva.schedule import cards

    return cards.preview(entry_id, store.card(entry_id), now)


def infos(store: LearnerStore, now: datetime) -> list[queue.CardInfo]:
    """Every practised entry's card as the queue sees it: due, recall now, last score."""
    from viva.schedule import cards

    scores = store.last_scores()
    return [
        queue.CardInfo(c.entry_id, c.due, cards.retrievability(c.card, now), scores.get(c.entry_id))
        for c in store.all_cards()
    ]


def mastery(store: LearnerStore, now: datetime) -> dict[str, float]:
    """Entry id -> how well it is known now (0-1), for every entry practised so far."""
    return {c.entry_id: queue.mastery(c.retrievability, c.last_score) for c in infos(store, now)}
