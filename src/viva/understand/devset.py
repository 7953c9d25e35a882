"""The understanding dev sets (tests/data/understanding): parsing, the split, the figures.

Two tab-separated files written for issue 11: ``queries.tsv`` (expected entry id or "-" for
"nothing fits", then the query) and ``utterances.tsv`` (the expected intents with slots, then
what the learner said, optionally with a context). About 30% of each is held out by a hash of
the text, so the split is stable however the files grow; tuning looks only at the dev split.
Tests hold floors on these figures and bench prints them.
"""

from __future__ import annotations

import hashlib
import re
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
    expected: str | None  # entry id ("a|b" when either is right), None when nothing fits
    text: str

    def accepts(self, answer: str | None) -> bool:
        if self.expected is None or answer is None:
            return answer == self.expected
        return answer in self.expected.split("|")


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
        if q.accepts(answer):
            right += 1
        else:
            misses.append((q.text, q.expected, answer))
            if answer is not None:
                wrong += 1
        if q.expected is not None:
            with_entry += 1
            top3 += any(q.accepts(r) for r in ranked[:3])
    return RetrievalFigures(total, right, top3, with_entry, wrong, tuple(misses))


@dataclass(frozen=True, slots=True)
class Labelled:
    """One row of utterances.tsv: the expected intents as (kind, slots) and the context."""

    expected: tuple[tuple[str, dict[str, str]], ...]
    text: str
    context: str  # "quiz", "set" or "idle"


_LABEL = re.compile(r"^([a-z_]+)(?:\{([^}]*)\})?$")


def utterances(text: str) -> list[Labelled]:
    out = []
    for r in rows(text):
        if len(r) < 2:
            continue
        expected = []
        for part in r[0].split(" + "):
            m = _LABEL.match(part.strip())
            if not m:
                raise ValueError(f"bad label {part!r}")
            slots = dict(kv.split("=", 1) for kv in (m.group(2) or "").split(",") if kv)
            expected.append((m.group(1), slots))
        out.append(Labelled(tuple(expected), r[1], r[2] if len(r) > 2 and r[2] else "idle"))
    return out


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parser made of an utterance, in the dev set's terms."""

    kind: str
    slots: dict[str, str]


def matches(want: tuple[tuple[str, dict[str, str]], ...], got: list[Reading]) -> bool:
    """Same intents in the same order, and every labelled slot as labelled."""
    if [k for k, _ in want] != [g.kind for g in got]:
        return False
    for (_, slots), g in zip(want, got, strict=True):
        for key, value in slots.items():
            have = g.slots.get(key)
            if key == "key":  # every fact named, e.g. key=strong|weak
                if set(value.split("|")) != set((have or "").split(",")):
                    return False
            elif have != value:
                return False
    return True


@dataclass(frozen=True, slots=True)
class IntentFigures:
    total: int
    right: int
    misses: tuple[tuple[str, str, str], ...] = ()

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def score_intents(
    items: Iterable[Labelled], run: Callable[[Labelled], list[Reading]]
) -> IntentFigures:
    total = right = 0
    misses = []
    for item in items:
        got = run(item)
        total += 1
        if matches(item.expected, got):
            right += 1
        else:
            want = " + ".join(k for k, _ in item.expected)
            have = " + ".join(f"{g.kind}{g.slots}" for g in got)
            misses.append((item.text, want, have))
    return IntentFigures(total, right, tuple(misses))
