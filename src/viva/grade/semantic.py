"""The optional semantic layer's seam: an ``Embedder`` protocol and paraphrase recall.

Similarity only says which key point a sentence is about; it never decides right or wrong
(an inverted answer embeds as close as a correct one), so the grader still checks polarity
and misconceptions on whatever this finds. The real embedder lives at the edge
(``viva.embed``); tests of the grader can pass a scripted one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

from viva.grade.words import Clause

SIMILAR_AT = 0.62

# (key point text, answer clauses) -> the clauses that say the same thing in other words
Similar = Callable[[str, Sequence[Clause]], list[Clause]]


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


def similar_with(embedder: Embedder, threshold: float = SIMILAR_AT) -> Similar:
    """A paraphrase finder that embeds each text once per grading call."""
    cache: dict[str, list[float]] = {}

    def vectors(texts: Sequence[str]) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if todo:
            cache.update(zip(todo, embedder.embed(todo), strict=True))
        return [cache[t] for t in texts]

    def find(point: str, clauses: Sequence[Clause]) -> list[Clause]:
        if not clauses:
            return []
        vecs = vectors([point, *(c.text for c in clauses)])
        return [
            c for c, v in zip(clauses, vecs[1:], strict=True) if cosine(vecs[0], v) >= threshold
        ]

    return find
