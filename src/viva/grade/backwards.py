"""The bank's own words in another order: steps out of sequence ("drop the column, then
deploy") and a direction turned round ("responses go top to bottom").

Word overlap backs each of these in full, so the statement checker (``judge``) asks here,
after the misconceptions and before it counts a claim as backed.
"""

from __future__ import annotations

from collections.abc import Sequence

from viva.grade.direction import reversed_direction
from viva.grade.facts import Fact, FactBook
from viva.grade.order import out_of_order
from viva.grade.words import Clause


def said_backwards(
    book: FactBook,
    checkable: str,
    whole: Clause,
    mine: Sequence[Clause],
    positives: list[Fact],
) -> tuple[Fact, str] | None:
    """The fact the claim says in another order, and how: "order" or "direction". ``mine``
    are the claim's clauses no fact says word for word."""
    if not mine:
        return None
    steps = out_of_order(book.lexicon, checkable, whole.tokens, positives)
    if steps is not None:
        return steps, "order"
    way = reversed_direction(book, checkable, positives)
    if way is not None:
        return way, "direction"
    return None
