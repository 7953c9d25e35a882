"""The understanding dev sets (tests/data/understanding): parsing, the split, the figures.

Two tab-separated files written for issue 11: ``queries.tsv`` (expected entry id or "-" for
"nothing fits", then the query) and ``utterances.tsv`` (the expected intents with slots, then
what the learner said, optionally with a context). About 30% of each is held out by a hash of
the text, so the split is stable however the files grow; tuning looks only at the dev split.
Tests hold floors on these figures and bench prints them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

HELD_OUT_PERCENT = 30


def held_out(text: str) -> bool:
    digest = hashlib.blake2b(text.strip().lower().encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % 100 < HELD_OUT_PERCENT


def rows(text: str) -> list[list[str]]:
    """Tab-separated rows, comments and blank lines skipped."""
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.strip() for c in line.split("\t")])
    return out


@dataclass(frozen=True, slots=True)
class Query:
    expected: str | None  # entry id, or None when nothing in the bank fits
    text: str


def queries(text: str) -> list[Query]:
    return [Query(None if r[0] == "-" else r[0], r[1]) for r in rows(text) if len(r) >= 2]


@dataclass(frozen=True, slots=True)
class RetrievalFigures:
    total: int
    answered_right: int  # answer == expected (None counts as right for "-")
    top3: int  # expected in the first three hits (only for rows with an entry)
    with_entry: int
    wrong_answers: int  # an answer given, but not the expected one
    misses: tuple[tuple[str, str | None, str | None], ...] = field(default=())

    @property
    def top1_rate(self) -> float:
        return self.answered_right / self.total if self.total else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.with_entry if self.with_entry else 0.0


def score_retrieval(
    items: Iterable[Query], run: Callable[[str], tuple[str | None, list[str]]]
) -> RetrievalFigures:
    """``run(query)`` -> (answer id or None, ranked ids)."""
    total = right = top3 = with_entry = wrong = 0
    misses = []
    for q in items:
        answer, ranked = run(q.text)
        total += 1
        if answer == q.expected:
            right += 1
        else:
            misses.append((q.text, q.expected, answer))
            if answer is not None:
                wrong += 1
        if q.expected is not None:
            with_entry += 1
            top3 += q.expected in ranked[:3]
    return RetrievalFigures(total, right, top3, with_entry, wrong, tuple(misses))
